"""The pages: the map desk, sign-in and sign-out (HTML forms with CSRF tokens)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from frontlines.web import auth, review
from frontlines.web.app import LEAFLET, config, templates
from frontlines.web.guards import current_user

router = APIRouter(include_in_schema=False)


def _csrf(request: Request) -> tuple[str, bool]:
    """The request's CSRF token, and whether the cookie must be (re)set."""
    token = request.cookies.get(auth.CSRF_COOKIE)
    return (token, False) if token else (auth.new_csrf_token(), True)


def _with_csrf(request: Request, response: Response, token: str, fresh: bool) -> Response:
    if fresh:
        response.set_cookie(auth.CSRF_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> Response:
    cfg = config(request)
    user = current_user(request)
    if user is None and not cfg.read_only:
        return RedirectResponse("/login", status_code=303)
    token, fresh = _csrf(request)
    page = templates.TemplateResponse(request, "index.html", {
        "user": user, "csrf": token, "read_only": cfg.read_only, "theater": cfg.theater,
        "leaflet": LEAFLET.is_dir(), "can_edit": bool(user and user.can("editor")),
    })
    return _with_csrf(request, page, token, fresh)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, message: str = "") -> Response:
    cfg = config(request)
    token, fresh = _csrf(request)
    page = templates.TemplateResponse(request, "login.html", {
        "csrf": token, "message": message, "read_only": cfg.read_only, "theater": cfg.theater,
        "user": current_user(request)})
    return _with_csrf(request, page, token, fresh)


@router.post("/login")
def login(request: Request, name: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
          csrf: Annotated[str, Form()] = "") -> Response:
    cfg = config(request)
    token, _ = _csrf(request)

    def refuse(message: str, status: int) -> Response:
        return templates.TemplateResponse(request, "login.html", {
            "csrf": token, "message": message, "read_only": cfg.read_only, "theater": cfg.theater, "user": None},
            status_code=status)

    if cfg.read_only:
        return refuse("This desk is published read-only: there is nothing to sign in to.", 403)
    if not auth.csrf_matches(request.cookies.get(auth.CSRF_COOKIE), csrf):
        return refuse("The form expired (CSRF token missing or wrong); try again.", 403)
    user = auth.authenticate(cfg.store, name.strip(), password)
    if user is None:
        return refuse("Wrong name or password.", 401)
    review.log_event(cfg.store, who=user.name, action="sign in", target=user.name, detail={"role": user.role})
    response = RedirectResponse("/", status_code=303)
    secure = request.url.scheme == "https"
    response.set_cookie(auth.SESSION_COOKIE, auth.session_token(cfg.secret, cfg.store, user), httponly=True,
                        samesite="strict", secure=secure, max_age=auth.SESSION_SECONDS)
    response.set_cookie(auth.CSRF_COOKIE, auth.new_csrf_token(), httponly=True, samesite="strict", secure=secure)
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
    cfg = config(request)
    user = current_user(request)
    presented = csrf or request.headers.get(auth.CSRF_HEADER, "")
    if user is not None and auth.csrf_matches(request.cookies.get(auth.CSRF_COOKIE), presented):
        auth.end_sessions(cfg.store, user.name)
        review.log_event(cfg.store, who=user.name, action="sign out", target=user.name, detail={})
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE)
    return response
