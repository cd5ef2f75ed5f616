"""Accounts, sessions and CSRF for the analyst's desk.

* Passwords are hashed with argon2id (argon2-cffi); the hash never leaves this module.
* A session is an HMAC-signed cookie naming the user and their ``session_version``; signing out
  bumps the version, so a copied cookie dies with the session it came from. The role is read from
  the database on every request, so a demotion applies at once.
* CSRF: double-submit. A random token sits in an HttpOnly, SameSite=Strict cookie and is repeated
  by the page in a form field or the ``X-CSRF-Token`` header; a write without the match is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from frontlines.errors import InputError, StorageError
from frontlines.store.storage import Store, meta_table, users_table

ROLES: tuple[str, ...] = ("viewer", "editor", "admin")
SESSION_COOKIE = "fl_session"
CSRF_COOKIE = "fl_csrf"
CSRF_HEADER = "x-csrf-token"
SESSION_SECONDS = 12 * 3600
MIN_PASSWORD = 8
_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
_hasher = PasswordHasher()


@dataclass(frozen=True, slots=True)
class User:
    """A signed-in account."""

    name: str
    role: str

    def can(self, role: str) -> bool:
        """Whether this user's role is ``role`` or above it."""
        return ROLES.index(self.role) >= ROLES.index(role)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def add_user(store: Store, name: str, password: str, role: str) -> User:
    """Create an account, or reset the password and role of an existing one."""
    if not _NAME.match(name):
        raise InputError(f"user name {name!r}: use 1-64 letters, digits, '_', '.', '@' or '-'")
    if role not in ROLES:
        raise InputError(f"role {role!r}: use one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password must have at least {MIN_PASSWORD} characters")
    digest = _hasher.hash(password)
    with store.engine.begin() as conn:
        exists = conn.scalar(select(users_table.c.name).where(users_table.c.name == name))
        if exists:
            conn.execute(update(users_table).where(users_table.c.name == name).values(
                password_hash=digest, role=role, session_version=users_table.c.session_version + 1))
        else:
            conn.execute(insert(users_table).values(name=name, password_hash=digest, role=role, session_version=0,
                                                    created=_now()))
    return User(name, role)


def list_users(store: Store) -> list[User]:
    """Every account, by name."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(users_table.c.name, users_table.c.role).order_by(users_table.c.name))
        return [User(r.name, r.role) for r in rows]


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user if the password matches (argon2 verification), else None."""
    with store.engine.connect() as conn:
        row = conn.execute(select(users_table).where(users_table.c.name == name)).mappings().first()
    if row is None:
        _hasher.hash(password)  # about the same time whether or not the name exists
        return None
    try:
        _hasher.verify(row["password_hash"], password)
    except (VerificationError, InvalidHashError):
        return None
    return User(row["name"], row["role"])


def server_secret(store: Store, configured: str | None = None) -> bytes:
    """The key that signs sessions: the configured one, else one kept in the database's meta table."""
    if configured:
        return hashlib.sha256(configured.encode()).digest()
    try:
        with store.engine.begin() as conn:
            value = conn.scalar(select(meta_table.c.value).where(meta_table.c.key == "web_secret"))
            if value is None:
                value = secrets.token_hex(32)
                conn.execute(insert(meta_table).values(key="web_secret", value=value))
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot keep the session key in {store.target}: {exc}") from exc
    return bytes.fromhex(value)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _sign(secret: bytes, payload: str) -> str:
    return _b64(hmac.new(secret, payload.encode(), hashlib.sha256).digest())


def session_token(secret: bytes, store: Store, user: User) -> str:
    """A signed cookie value for a freshly signed-in user."""
    with store.engine.connect() as conn:
        version = conn.scalar(select(users_table.c.session_version).where(users_table.c.name == user.name)) or 0
    payload = f"{user.name}|{version}|{int(time.time()) + SESSION_SECONDS}"
    return f"{_b64(payload.encode())}.{_sign(secret, payload)}"


def user_from_token(secret: bytes, store: Store, token: str | None) -> User | None:
    """The user a session cookie names, if its signature, expiry and version still hold."""
    if not token or "." not in token:
        return None
    body, signature = token.rsplit(".", 1)
    try:
        payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()
        name, version, expires = payload.split("|")
        expiry, ver = int(expires), int(version)
    except (ValueError, UnicodeDecodeError):
        return None
    if not hmac.compare_digest(signature, _sign(secret, payload)) or expiry < time.time():
        return None
    with store.engine.connect() as conn:
        row = conn.execute(select(users_table.c.role, users_table.c.session_version)
                           .where(users_table.c.name == name)).first()
    if row is None or row.session_version != ver:
        return None
    return User(name, row.role)


def end_sessions(store: Store, name: str) -> None:
    """Invalidate every session cookie of a user (sign-out)."""
    with store.engine.begin() as conn:
        conn.execute(update(users_table).where(users_table.c.name == name)
                     .values(session_version=users_table.c.session_version + 1))


def new_csrf_token() -> str:
    """A fresh random CSRF token."""
    return secrets.token_urlsafe(24)


def csrf_matches(cookie: str | None, presented: str | None) -> bool:
    """Double-submit check: the token the page sent equals the cookie's."""
    return bool(cookie) and bool(presented) and hmac.compare_digest(str(cookie), str(presented))
