"""What every command shares: the consoles, the common options, one-line errors and exit statuses,
progress bars, and opening the theater and the database."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from frontlines import settings
from frontlines.errors import FrontlinesError
from frontlines.read.ingest import clean_text, parse_date

# Report text reaches these consoles: no markup ("[/bold]", "[link=...]") and no emoji codes are read in it.
out = Console(highlight=False, markup=False, emoji=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, highlight=False, markup=False, emoji=False)
_LONGEST_MESSAGE = 400  # characters: an error quotes file names and values, never a whole report


DbOpt = Annotated[str | None, typer.Option("--db", metavar="DB", help=settings.DATABASE.help + " Default: ./frontlines.db.")]
TheaterOpt = Annotated[str | None, typer.Option("--theater", metavar="NAME", help=settings.THEATER.help + " Default: syria.")]
DateOpt = Annotated[str | None, typer.Option(help="A day, YYYY-MM-DD.")]


def _date(value: str | None, what: str) -> date | None:
    return parse_date(value, what=what) if value else None


def _say(message: str) -> None:
    """One unwrapped line on stderr (errors must stay one line, whatever the terminal width)."""
    line = " ".join(clean_text(message).split())
    if len(line) > _LONGEST_MESSAGE:
        line = line[: _LONGEST_MESSAGE - 3] + "..."
    sys.stderr.write(line + "\n")


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except FrontlinesError as exc:
        _say(f"error: {exc}")
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        _say("interrupted")
        raise typer.Exit(130) from None
    except OSError as exc:
        _say(f"error: {exc.strerror or exc}: {getattr(exc, 'filename', '') or ''}".rstrip(": "))
        raise typer.Exit(2) from None


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr for long work (hidden for small jobs and when not a terminal)."""
    if total < 5 or not sys.stderr.isatty():
        yield lambda done, n: None
        return
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done, n: bar.update(task, completed=done)


def _theater(name: str | None) -> Any:
    from frontlines.theater import load_theater

    return load_theater(settings.THEATER.value(name))


def _store(db: str | None, *, create: bool = False) -> Any:
    from frontlines.errors import StorageError
    from frontlines.store.storage import open_store

    target = settings.DATABASE.value(db)
    if not create and "://" not in target and not Path(target).exists():
        hint = (" ('make demo' wrote out/demo.db: add --db out/demo.db or export FRONTLINES_DB=out/demo.db)"
                if Path("out/demo.db").exists() else "")
        raise StorageError(f"database {target} does not exist; run 'frontlines ingest' first{hint}")
    return open_store(target, create=create)
