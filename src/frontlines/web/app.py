"""The app factory: one FastAPI application over one store and one theater.

``create_app(db)`` wires the pieces: sign-in and roles (:mod:`frontlines.web.auth`), the cached
views (:mod:`frontlines.web.desk`), the JSON API (:mod:`frontlines.web.api`), and the pages and
static files (the map library is served from the package's own ``node_modules``, never a CDN).
Every :class:`FrontlinesError` and every HTTP error leaves as one JSON shape, ``{"error": ...}``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontlines import settings
from frontlines.errors import FrontlinesError, InputError, StorageError, TheaterError
from frontlines.store.storage import Store, open_store
from frontlines.theater import Theater, load_theater
from frontlines.web import auth
from frontlines.web.desk import Desk

HERE = Path(__file__).parent
LEAFLET = HERE / "node_modules" / "leaflet" / "dist"


@dataclass
class DeskConfig:
    """Everything a request handler needs, kept on ``app.state.desk``."""

    store: Store
    theater: Theater
    desk: Desk
    secret: bytes
    read_only: bool
    max_bytes: int
    pipeline: Any = None
    pipeline_lock: threading.Lock = field(default_factory=threading.Lock)

    def get_pipeline(self) -> Any:
        """The extraction pipeline, built on first use (loading spaCy takes seconds)."""
        with self.pipeline_lock:
            if self.pipeline is None:
                from frontlines.pipeline import Pipeline

                self.pipeline = Pipeline(self.theater)
            return self.pipeline


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query", "path"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def create_app(db: str | None = None, *, theater: str | None = None, read_only: bool = False,
               secret: str | None = None, max_mb: float | None = None, warm: bool = False) -> FastAPI:
    """The desk for a database (SQLite path or SQLAlchemy URL) and a theater.

    ``warm``: compute every day of the period in a background thread at start, so that the first
    reader of a day on a large ledger does not wait for it.
    """
    store = open_store(settings.DATABASE.value(db), create=True)
    th = load_theater(settings.THEATER.value(theater))
    mb = float(max_mb if max_mb is not None else settings.MAX_MB.value())
    cfg = DeskConfig(store=store, theater=th, desk=Desk(store, th), secret=auth.server_secret(store, secret),
                     read_only=read_only, max_bytes=int(mb * 1024 * 1024))

    app = FastAPI(title="frontlines desk", version="1", docs_url=None, redoc_url=None,
                  description="Control of places day by day, the events and the evidence behind them, "
                              "analyst review. Writes need an editor's session cookie and the CSRF header.")
    app.state.desk = cfg
    if warm:
        threading.Thread(target=cfg.desk.warm, name="frontlines-warm", daemon=True).start()

    @app.exception_handler(FrontlinesError)
    async def _frontlines_error(request: Request, exc: FrontlinesError) -> JSONResponse:
        status = 400 if isinstance(exc, InputError) else 500 if isinstance(exc, StorageError | TheaterError) else 400
        return _error(status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 401 and _wants_html(request):
            return RedirectResponse("/login", status_code=303)
        return _error(exc.status_code, str(exc.detail))

    from frontlines.web.api import DayViews
    from frontlines.web.api import router as api_router
    from frontlines.web.pages import router as pages_router

    app.add_middleware(DayViews)  # inner: cached days answered before routing
    app.add_middleware(SecurityHeaders)  # outer: every response, the cached days' too
    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    if LEAFLET.is_dir():
        app.mount("/vendor/leaflet", StaticFiles(directory=LEAFLET), name="leaflet")
    return app


# Scripts and data only from this server; Leaflet positions with inline styles, icons are data: URLs.
SECURITY_HEADERS = (
    ("content-security-policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
)


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response that does not set its own.

    Plain ASGI rather than ``@app.middleware("http")``, whose per-request streams cost more than
    the cached day it wraps.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_html(request: Request) -> bool:
    return request.method == "GET" and not request.url.path.startswith("/api/") and \
        "text/html" in request.headers.get("accept", "")


templates = Jinja2Templates(directory=HERE / "templates")


def config(request: Request) -> DeskConfig:
    """The desk configuration of the app serving this request."""
    return request.app.state.desk


async def desk_config(request: Request) -> DeskConfig:
    """:func:`config` as a dependency (async: no thread hop for a lookup)."""
    return request.app.state.desk
