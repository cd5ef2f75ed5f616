"""Screenshots of the desk in headless Chromium (``make screens``), and the helpers the browser tests share.

Uses Debian's ``chromium`` through Playwright's ``executable_path``; Playwright's own browser
download is never used. Run: ``python -m frontlines.web.screens --db out/demo.db --out out/screens``.
The desk is opened read-only (published mode), so taking pictures changes nothing in the database.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-default-apps", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage", "--mute-audio"]


def chromium_path() -> str | None:
    """Debian's chromium binary, if installed."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_in_thread(app: Any) -> Iterator[str]:
    """Run an ASGI app with uvicorn on a free local port for the duration of the block; yield its URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off",
                                           timeout_keep_alive=60, backlog=4096))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the desk did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def browser() -> Iterator[Any]:
    """A headless Chromium (Debian's package) driven by Playwright."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def wait_drawn(page: Any, day: str, timeout_ms: int = 15000) -> None:
    """Wait until the map has drawn ``day``."""
    page.wait_for_function("d => document.getElementById('map').dataset.drawnDay === d", arg=day, timeout=timeout_ms)


def wait_ready(page: Any, timeout_ms: int = 20000) -> str:
    """Wait until the page has drawn its first day; return that day."""
    page.wait_for_function("() => !!document.getElementById('map').dataset.drawnDay", timeout=timeout_ms)
    return str(page.evaluate("document.getElementById('map').dataset.drawnDay"))


def set_day(page: Any, day: str, timeout_ms: int = 15000) -> None:
    """Move the day slider to ``day`` (as a user dragging it would) and wait for the map."""
    page.evaluate("""d => { const s = document.getElementById('day-slider');
        s.value = String(desk.state.days.indexOf(d)); s.dispatchEvent(new Event('input')); }""", day)
    wait_drawn(page, day, timeout_ms)


def take(db: str, out: Path, days: list[str] | None = None) -> list[Path]:
    """Screens of a database's desk: the map on a few days, a place's evidence, events, review queue."""
    from frontlines.web import create_app

    out.mkdir(parents=True, exist_ok=True)
    written = []
    app = create_app(db, read_only=True)
    first, last = app.state.desk.desk.days()
    with serve_in_thread(app) as url, browser() as b:
        page = b.new_page(viewport={"width": 1500, "height": 900})
        page.goto(url + "/")
        wait_ready(page)
        chosen = days or [d for d in (first, last) if d]
        for day in [str(d) for d in chosen]:
            set_day(page, day)
            written.append(out / f"map-{day}.png")
            page.screenshot(path=str(written[-1]))
        places = page.locator("path.place")
        if places.count():
            busiest = page.evaluate("""() => Object.values(desk.state.places).sort((a, b) =>
                (b.basis || []).length - (a.basis || []).length)[0].place_id""")
            page.evaluate("id => desk.showPlace(id)", busiest)
            page.wait_for_selector("#place-name")
            written.append(out / "evidence.png")
            page.screenshot(path=str(written[-1]))
        page.click("button[data-tab=events]")
        page.wait_for_selector("#events-table tbody tr", timeout=10000)
        written.append(out / "events.png")
        page.screenshot(path=str(written[-1]))
        page.click("button[data-tab=review]")
        page.wait_for_selector("#review-queue ul", timeout=10000)
        written.append(out / "review.png")
        page.screenshot(path=str(written[-1]))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the database to show (read-only)")
    parser.add_argument("--out", default="out/screens", type=Path)
    parser.add_argument("--day", action="append", help="a day to picture (repeatable; default: first and last)")
    args = parser.parse_args(argv)
    if not Path(args.db).exists() and "://" not in args.db:
        print(f"error: {args.db} does not exist; run make demo first", file=sys.stderr)
        return 2
    for path in take(args.db, args.out, args.day):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
