"""Routes: the page, the check API and a health check (Starlette).

    GET  /                 the page
    POST /api/check        multipart: files (one or more), config (optional jxlint.toml),
                           select, ignore, fail_on → ?format=json (default) | sarif | html | bundle
    GET  /healthz          {"status": "ok", "version": ...}

Each check gets its own temporary folder, removed when the response is built. Errors are
JSON {"error": "..."} with a 4xx status and the CLI's message; never a traceback.
"""

from __future__ import annotations

import base64
import json
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import __version__
from .uploads import UploadError, receive_form, too_large_message

DEFAULT_LIMIT = 50 * 1000 * 1000
API_FORMATS = ("json", "sarif", "html", "bundle")
MEDIA = {"json": "application/json", "sarif": "application/sarif+json", "html": "text/html; charset=utf-8",
         "bundle": "application/json"}
# The page may talk to this server only; nothing it shows can load from elsewhere.
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
       "connect-src 'self'; frame-src 'self' blob: data:; form-action 'self'; base-uri 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "Cache-Control": "no-store"}
DRAIN_LIMIT = 1 << 30  # an oversized body is read (and dropped) up to this much, so the client sees the 413


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=HEADERS)


async def page(request: Request) -> Response:
    return Response(request.app.state.page, media_type="text/html; charset=utf-8", headers=HEADERS)


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok", "version": __version__}, headers=HEADERS)


def _render(outcome, fmt: str) -> bytes:
    from ..report import html, json_doc, sarif

    result = outcome.result
    if fmt == "bundle":
        doc = {
            "report": json_doc.document(result),
            "html": html.render(result),
            "sarif": sarif.render(result),
            "reading": outcome.reading,
            "annotated": [{"name": name, "data": base64.b64encode(path.read_bytes()).decode("ascii")}
                          for name, path in outcome.annotated],
        }
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    return {"json": json_doc.render, "sarif": sarif.render, "html": html.render}[fmt](result).encode("utf-8")


async def _drain(stream) -> None:
    seen = 0
    try:
        async for chunk in stream:
            seen += len(chunk)
            if seen > DRAIN_LIMIT:
                break
    except Exception:  # the client gave up: nothing to answer
        pass


async def check(request: Request) -> Response:
    from .checking import check_upload

    fmt = request.query_params.get("format", "json")
    if fmt not in API_FORMATS:
        return _error(f"format 应为 {' / '.join(API_FORMATS)} 之一，实际是「{fmt}」", 400)
    limit = request.app.state.limit
    stream = request.stream()
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit + 64 * 1024:  # the form's own headers add a little
        await _drain(stream)
        return _error(too_large_message(limit), 413)
    folder = Path(tempfile.mkdtemp(prefix="jxlint-serve-"))
    try:
        try:
            form = await receive_form(stream, request.headers.get("content-type", ""), folder, limit)
            outcome = await run_in_threadpool(check_upload, form, folder, fmt == "bundle")
            body = await run_in_threadpool(_render, outcome, fmt)
        except UploadError as exc:
            if exc.status == 413:
                await _drain(stream)
            return _error(str(exc), exc.status)
        except Exception:  # a defect of jxlint, not of the input: keep the details on the server
            traceback.print_exc(file=sys.stderr)
            return _error("jxlint 内部错误：请把这张表和服务窗口中的错误信息一起反馈给维护者", 500)
        result = outcome.result
        headers = {**HEADERS, "X-Jxlint-Findings": str(len(result.findings)),
                   "X-Jxlint-Failed": "true" if result.failed() else "false"}
        return Response(body, media_type=MEDIA[fmt], headers=headers)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _categories() -> list[str]:
    from ..docs import CATEGORY_LABEL
    from ..rulebook import load_rules

    present = {r.category for r in load_rules(None)}
    return [c for c in CATEGORY_LABEL if c in present] + sorted(present - set(CATEGORY_LABEL))


def create_app(limit: int = DEFAULT_LIMIT, allowed_hosts: list[str] | None = None) -> Starlette:
    from .page import render_page

    app = Starlette(
        routes=[Route("/", page), Route("/healthz", healthz), Route("/api/check", check, methods=["POST"])],
        # a page on another site cannot reach this server through a name that points at 127.0.0.1
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or ["127.0.0.1", "localhost"])],
    )
    app.state.limit = limit
    app.state.page = render_page(_categories(), limit)
    return app
