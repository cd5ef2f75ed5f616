"""Request guards: who is asking, may they read, may they write (role, CSRF, read-only desk).

Order for a write: read-only desk (403), anonymous (401), role too low (403), CSRF token missing or
wrong (403); only then is the body looked at, so a refused write never touches the database.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import HTTPException, Request

from frontlines.web import auth
from frontlines.web.app import config
from frontlines.web.auth import User


def current_user(request: Request) -> User | None:
    """The signed-in user, or None."""
    cfg = config(request)
    if cfg.read_only:
        return None
    return auth.user_from_token(cfg.secret, cfg.store, request.cookies.get(auth.SESSION_COOKIE))


async def reader(request: Request) -> User | None:
    """Allow a read: anyone on a published (read-only) desk, else any signed-in user.

    Async on purpose: a read is one indexed lookup, cheaper than a hop to the thread pool.
    """
    user = current_user(request)
    if user is None and not config(request).read_only:
        raise HTTPException(401, "sign in to read this desk")
    return user


def writer(role: str = "editor") -> Callable[[Request], User]:
    """A dependency that lets a write through only for ``role`` or above, with a valid CSRF token."""
    def guard(request: Request) -> User:
        cfg = config(request)
        if cfg.read_only:
            raise HTTPException(403, "this desk is published read-only; it accepts no changes")
        user = current_user(request)
        if user is None:
            raise HTTPException(401, "sign in first")
        if not user.can(role):
            raise HTTPException(403, f"{user.name} is a {user.role}; this needs an {role}" if role[0] in "aeiou"
                                else f"{user.name} is a {user.role}; this needs a {role}")
        if not auth.csrf_matches(request.cookies.get(auth.CSRF_COOKIE), request.headers.get(auth.CSRF_HEADER)):
            raise HTTPException(403, "missing or wrong CSRF token (send the X-CSRF-Token header the page gives)")
        return user
    return guard


editor = writer("editor")
admin = writer("admin")
