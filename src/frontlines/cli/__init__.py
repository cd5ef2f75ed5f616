"""The command line: a thin layer over the library. Only this package exits the process.

Every :class:`FrontlinesError` becomes one line on stderr and exit status 2;
nothing is written to the database unless the whole input was read.

The commands live by topic in ``reports.py`` (extract, ingest), ``ledger.py`` (control, events, map,
history, changes), ``evaluate.py`` (eval, eval-real), ``gazetteer.py`` and ``desk.py`` (serve, users),
over the shared helpers of ``common.py``; they are registered here, in the order ``--help`` lists them.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from frontlines.cli.desk import serve, users_app
from frontlines.cli.evaluate import eval_, eval_real
from frontlines.cli.gazetteer import gazetteer_app
from frontlines.cli.ledger import changes, changes_table, control, events, history, map_
from frontlines.cli.reports import extract, ingest

app = typer.Typer(
    help="frontlines: conflict reports -> places, ACLED-style events and a day-by-day control ledger.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None,
    context_settings={"max_content_width": 110},
)


def _version(value: bool) -> None:
    if value:
        from frontlines import __version__

        sys.stdout.write(f"frontlines {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """frontlines: conflict reports -> places, ACLED-style events and a day-by-day control ledger."""


# The commands and groups, registered in the order --help lists them.
app.add_typer(gazetteer_app, name="gazetteer")
app.command()(extract)
app.command()(ingest)
app.command()(control)
app.command()(events)
app.command(name="map")(map_)
app.command()(history)
app.command()(changes)
app.command(name="eval")(eval_)
app.command(name="eval-real")(eval_real)
app.command(name="changes-table", hidden=True)(changes_table)
app.add_typer(users_app, name="users")
app.command()(serve)


_DAY_OPTIONS = frozenset({"as_of", "known_by", "since", "until", "published", "start", "end", "animate"})
_METAVARS = {"output": "FILE", "reports": "DIR", "alternate_names": "FILE"}


def _tidy_help(command: Any) -> None:
    """Name option values in help (YYYY-MM-DD, FILE...) instead of Python types (<str>, <path>)."""
    for param in command.params:
        # typer ships its own copy of click: test the kind of parameter by its attributes.
        if getattr(param, "param_type_name", "") != "option" or param.metavar is not None or param.is_flag:
            continue
        descriptor = getattr(param, "type_descriptor", None)
        if (descriptor is not None and descriptor.is_choice) or not param.name:
            continue
        name = "YYYY-MM-DD" if param.name in _DAY_OPTIONS else _METAVARS.get(param.name, param.name.upper())
        param.metavar = f"{name} {name}" if param.nargs == 2 else name
    for sub in getattr(command, "commands", {}).values():
        _tidy_help(sub)


def main() -> None:
    """Entry point of the ``frontlines`` command."""
    command = typer.main.get_command(app)
    _tidy_help(command)
    command()
