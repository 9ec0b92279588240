"""Start a real `jxlint serve` on a free loopback port in a subprocess (for the serve tests)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def running_server(workdir: Path, *args: str):
    """Yields (base URL, env). TMPDIR, HOME and the cache folder point into ``workdir`` so a
    test can see everything the server wrote."""
    tmp, home, cache = workdir / "tmp", workdir / "home", workdir / "cache"
    for d in (tmp, home, cache):
        d.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp), "HOME": str(home), "JXLINT_CACHE_DIR": str(cache), "PYTHONUNBUFFERED": "1"}
    env.pop("XDG_CACHE_HOME", None)
    log = (workdir / "server.log").open("w+")
    proc = subprocess.Popen([sys.executable, "-m", "linter", "serve", "--port", "0", *args],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        line = proc.stdout.readline()  # printed once the socket is bound
        match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        assert match, f"no address in {line!r}; stderr: {(workdir / 'server.log').read_text()}"
        yield match.group(1), env
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        log.close()


def wait_healthy(url: str, timeout: float = 30) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(url + "healthz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError("server did not answer /healthz")
        time.sleep(0.2)
