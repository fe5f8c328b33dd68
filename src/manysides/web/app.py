"""The web app: the JSON API and the HTML pages over one store, read-only."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from manysides.errors import StoreError
from manysides.report.svg import esc
from manysides.web import api, pages
from manysides.web.corpus import CorpusReader
from manysides.web.layout import POLICY, page
from manysides.web.queries import BadRequest, NotFound


def create_app(path: Path | str) -> Starlette:
    """The app over the store at path (a store file or an output folder). Reads the store
    once now, so a store that cannot be read is a StoreError here, not at the first request."""
    reader = CorpusReader(path)
    reader.snapshot()
    app = Starlette(
        routes=[*api.routes, *pages.routes],
        exception_handlers={
            NotFound: _error(404), BadRequest: _error(400), StoreError: _error(503),
            HTTPException: _http_error,
        },  # fmt: skip
    )
    app.state.reader = reader
    app.add_middleware(_SecurityHeaders)
    return app


def _error(status: int):
    async def handler(request: Request, exc: Exception) -> Response:
        return error_response(request, status, str(exc))

    return handler


async def _http_error(request: Request, exc: HTTPException) -> Response:
    detail = "not found" if exc.status_code == 404 else str(exc.detail)
    return error_response(request, exc.status_code, detail)


def error_response(request: Request, status: int, message: str) -> Response:
    """JSON {"error": ...} under /api, a page elsewhere."""
    if request.url.path == "/api" or request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    body = f'<h1>{status}</h1><p class="error">{esc(message)}</p><p><a href="/">Overview</a></p>'
    return HTMLResponse(page(f"Error {status}", body), status_code=status)


class _SecurityHeaders:
    """Every answer says what the browser may load (nothing from elsewhere) and is not framed."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", POLICY.encode()),
                            (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer")]  # fmt: skip
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
