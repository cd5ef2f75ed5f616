"""The web desk: ``frontlines serve`` and its accounts (``frontlines users``)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from frontlines import settings
from frontlines.cli.common import DbOpt, TheaterOpt, _errors, _say, _store, out

users_app = typer.Typer(help="Accounts for the web desk (frontlines serve).", no_args_is_help=True)


class Role(StrEnum):
    viewer = "viewer"
    editor = "editor"
    admin = "admin"


def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    read_only: Annotated[bool, typer.Option("--read-only", help="Publish the map: anyone reads, no sign-in, no changes.")] = False,
    theater: TheaterOpt = None,
) -> None:
    """The analyst's desk: a web map with a day slider, evidence, review and sign-in."""
    import uvicorn

    from frontlines.web import create_app

    with _errors():
        web = create_app(settings.DATABASE.value(db), theater=theater, read_only=read_only, warm=True)
        _say(f"frontlines desk on http://{host}:{port}/" + (" (read-only)" if read_only else ""))
    uvicorn.run(web, host=host, port=port, log_level="warning")


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="Account name.")],
    role: Annotated[Role, typer.Option(help="viewer reads; editor adds reports and reviews; admin manages users.")] = Role.viewer,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True, envvar="FRONTLINES_PASSWORD",
                                          help="Asked for when not given (or set FRONTLINES_PASSWORD).")] = "",
    db: DbOpt = None,
) -> None:
    """Add a desk account, or reset an existing one's password and role (its sessions end)."""
    from frontlines.web.auth import add_user

    with _errors():
        user = add_user(_store(db, create=True), name, password, role.value)
        _say(f"user {user.name} has the {user.role} role")


@users_app.command("list")
def users_list(db: DbOpt = None) -> None:
    """Desk accounts and their roles."""
    from frontlines.web.auth import list_users

    with _errors():
        for user in list_users(_store(db)):
            out.print(f"{user.name}\t{user.role}", markup=False)
