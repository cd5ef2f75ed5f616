"""The desk in headless Chromium (Debian's package, driven by Playwright): what an analyst does.

Skips with a reason when chromium, Playwright or the map library is missing on a developer's
machine; fails instead when CI is set (``.ci/run`` installs chromium; ``make install`` installs
the map library from the npm registry).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines.web import create_app
from frontlines.web.app import LEAFLET
from frontlines.web.screens import browser, chromium_path, serve_in_thread, set_day, wait_ready
from test_web import PASSWORDS, SARAQIB, SENTENCE_A, build_db


def _missing() -> str | None:
    if chromium_path() is None:
        return "chromium is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright (Python) is not installed (make install)"
    if not LEAFLET.is_dir():
        return "the map library is not installed (make install runs npm ci in src/frontlines/web)"
    return None


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    reason = _missing()
    if reason:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def desk_url(tmp_path_factory) -> Iterator[str]:
    db = build_db(tmp_path_factory.mktemp("browser") / "desk.db")
    with serve_in_thread(create_app(str(db), secret="browser-test")) as url:
        yield url


def _sign_in(page: Any, url: str, name: str) -> None:
    page.goto(url + "/")
    page.fill("#login-name", name)
    page.fill("#login-password", PASSWORDS[name])
    page.click("#login-submit")
    page.wait_for_selector("#map")


def _place(page: Any, place_id: str) -> Any:
    return page.locator(f'path.place[data-place="{place_id}"]')


def test_viewer_scrubs_the_days_and_reads_the_evidence(chromium: Any, desk_url: str, tmp_path: Path) -> None:
    page = chromium.new_page(viewport={"width": 1400, "height": 850})
    page.goto(desk_url + "/")
    assert page.url.endswith("/login")
    _sign_in(page, desk_url, "vic")
    assert wait_ready(page) == page.evaluate("desk.state.days[desk.state.days.length - 1]")  # opens on the last day
    set_day(page, "2024-11-29")
    assert _place(page, SARAQIB).get_attribute("data-status") == "government"
    assert page.inner_text("#asof-day") == "2024-11-29"
    set_day(page, "2024-11-30")
    assert _place(page, SARAQIB).get_attribute("data-status") == "opposition"
    fill = _place(page, SARAQIB).get_attribute("fill")
    assert fill and fill.lower() == page.evaluate("desk.state.sides.opposition.color").lower()
    page.uncheck('#layer-toggles input[data-layer="events"]')  # the day's event sits on the town's marker
    _place(page, SARAQIB).click()
    page.wait_for_selector("#place-name")
    assert page.inner_text("#place-name") == "Saraqib"
    assert SENTENCE_A in page.inner_text("#evidence")
    page.click("a.event-link")
    page.wait_for_selector("#event-sentence")
    assert page.inner_text("#event-sentence") == SENTENCE_A
    assert page.locator("#review-form").count() == 0  # a viewer gets no review buttons
    page.screenshot(path=str(tmp_path / "viewer.png"))
    page.close()


def test_editor_corrects_then_signed_out_write_is_refused(chromium: Any, desk_url: str) -> None:
    page = chromium.new_page(viewport={"width": 1400, "height": 850})
    _sign_in(page, desk_url, "ed")
    assert wait_ready(page) == page.evaluate("desk.state.days[desk.state.days.length - 1]")  # opens on the last day
    set_day(page, "2024-12-01")
    assert _place(page, SARAQIB).get_attribute("data-status") == "opposition"
    _place(page, SARAQIB).click()
    page.wait_for_selector("#review-form")
    page.select_option("#correct-status", "government")
    page.fill("#correct-from", "2024-12-01")
    page.fill("#correct-note", "browser test: the town changed hands back")
    page.click("#correct-submit")
    page.wait_for_function(
        "id => { const el = document.querySelector(`path.place[data-place=\"${id}\"]`);"
        " return el && el.dataset.status === 'government' && el.dataset.level === 'analyst'; }", arg=SARAQIB, timeout=15000)
    page.wait_for_selector("#evidence li.analyst", timeout=10000)
    assert "analyst correction by ed" in page.inner_text("#evidence")
    csrf = page.evaluate("document.querySelector('meta[name=csrf-token]').content")
    page.click("#logout")
    page.wait_for_selector("#login-form")
    status = page.evaluate(
        """([id, token]) => fetch(`/api/review/${id}`, {method: 'POST', credentials: 'same-origin',
             headers: {'Content-Type': 'application/json', 'X-CSRF-Token': token},
             body: JSON.stringify({action: 'correct', status: 'opposition', valid_from: '2024-12-02'})}).then(r => r.status)""",
        [SARAQIB, csrf])
    assert status == 401
    page.close()
