"""Bind the socket and run uvicorn: a taken port is a clear message (exit 2), port 0 picks a
free one, and the address actually bound is printed before the first request."""

from __future__ import annotations

import os
import socket
import sys
import threading
import webbrowser

from ..errors import JxlintError

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8765
MISSING = "jxlint serve 需要可选依赖 serve：在 jxlint 源码目录中运行 pip install '.[serve]'"


def _bind(host: str, port: int) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise JxlintError(f"--host {host}: 无法解析这个地址（{exc.strerror}）") from None
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise JxlintError(f"{host}:{port}: 无法监听（{exc.strerror or exc}）；端口可能已被占用，可用 --port 换一个") from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, open_browser: bool = False, limit_mb: float = 50) -> int:
    try:
        import uvicorn

        from .app import create_app
    except ImportError:
        raise JxlintError(MISSING) from None
    if limit_mb <= 0:
        raise JxlintError("--max-upload-mb 应为正数")
    sock = _bind(host, port)
    # Uploaded tables stay in their request folder: no segmentation cache on disk.
    os.environ["JXLINT_NO_CACHE"] = "1"
    bound = sock.getsockname()[1]
    hosts = ["*"] if host in ("0.0.0.0", "::", "") else sorted({"127.0.0.1", "localhost", host})
    app = create_app(int(limit_mb * 1000 * 1000), hosts)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{bound}/"
    sys.stdout.write(f"jxlint: 检查页面已启动：{url}（按 Ctrl+C 停止）\n")
    sys.stdout.flush()
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
    return 0
