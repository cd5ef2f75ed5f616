"""The day views' cache never hides a change: corrections, undos and new reports (through the desk
or by another process) show in the next answer; ETag, 304 and gzip; the cached fast path keeps the
routes' rules (sign-in, bad days, security headers).

Same hand-built database as tests/test_web.py: Saraqib is opposition from 2024-11-30.
"""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from frontlines.models import ControlAssertion, Document, DocumentResult
from frontlines.store.storage import open_store
from frontlines.web import auth, create_app, review
from frontlines.web.api import etag_matches, gzip_accepted
from test_web import MAARAT, SARAQIB, build_db, sign_in

DAY = "2024-12-02"


@pytest.fixture(scope="module")
def template_db(tmp_path_factory) -> Path:
    return build_db(tmp_path_factory.mktemp("cache") / "desk.db")


@pytest.fixture()
def db(tmp_path: Path, template_db: Path) -> Path:
    copy = tmp_path / "desk.db"
    shutil.copy(template_db, copy)
    return copy


@pytest.fixture()
def client(db: Path) -> TestClient:
    return TestClient(create_app(str(db), secret="test-secret"))


def _place(r, place: str) -> dict:
    return next(f["properties"] for f in r.json()["features"] if f["properties"]["place_id"] == place)


def _get(client: TestClient, day: str = DAY, view: str = "control", **headers: str):
    r = client.get(f"/api/{view}?as_of={day}", headers=headers)
    assert r.status_code in (200, 304), r.text
    return r


def test_etag_304_and_a_correction_and_its_undo_in_the_next_answer(client: TestClient) -> None:
    headers = {"X-CSRF-Token": sign_in(client, "ed")}
    first = _get(client)
    tag = first.headers["etag"]
    assert _place(first, SARAQIB)["status"] == "opposition"
    assert first.headers["cache-control"] == "private, no-cache"  # kept by the browser, asked again every time
    same = _get(client, **{"If-None-Match": tag})
    assert same.status_code == 304 and same.content == b"" and same.headers["etag"] == tag

    body = {"action": "correct", "status": "government", "valid_from": "2024-11-30", "note": "partial pull-back"}
    r = client.post(f"/api/review/{SARAQIB}", json=body, headers=headers)
    assert r.status_code == 201, r.text
    after = _get(client, **{"If-None-Match": tag})  # the old tag no longer matches: a full answer
    assert after.status_code == 200 and after.headers["etag"] != tag
    assert _place(after, SARAQIB)["status"] == "government" and _place(after, SARAQIB)["level"] == "analyst"
    assert _get(client, **{"If-None-Match": after.headers["etag"]}).status_code == 304

    cid = r.json()["correction"]["id"]
    assert client.post(f"/api/corrections/{cid}/undo", json={"note": "wrong"}, headers=headers).status_code == 200
    undone = _get(client, **{"If-None-Match": after.headers["etag"]})
    assert undone.status_code == 200 and _place(undone, SARAQIB)["status"] == "opposition"
    assert undone.headers["etag"] == tag  # the tag follows the content: the same bytes as before the correction


def test_areas_follow_a_correction_too(client: TestClient) -> None:
    headers = {"X-CSRF-Token": sign_in(client, "ed")}
    before = _get(client, view="areas")
    body = {"action": "correct", "status": "sdf", "valid_from": "2024-11-30", "note": "test"}
    assert client.post(f"/api/review/{SARAQIB}", json=body, headers=headers).status_code == 201
    after = _get(client, view="areas", **{"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    statuses = {f["properties"]["status"] for f in after.json()["features"] if f["properties"]["layer"] == "area"}
    assert "sdf" in statuses


def _write_report(db: Path, doc_id: str, status: str, day: date) -> None:
    """A report stored by another process's store, as `frontlines ingest` would (the desk is not told)."""
    text = f"Test wire: {status} forces hold Saraqib."
    doc = Document(id=doc_id, text=text, source="Other Process Wire", published=day)
    a = ControlAssertion(id=f"{doc_id}-a", place_id=SARAQIB, status=status, level="assessed", valid_from=day,
                         time_precision=1, doc=doc_id, start=0, end=len(text), confidence=0.9,
                         source=doc.source, basis="statement", text=text, published=day)
    store = open_store(str(db))
    try:
        assert store.write([DocumentResult(doc, (), (), (), (), (a,))], "syria") == (1, 0)
    finally:
        store.close()


def test_a_report_written_by_another_process_shows_in_the_next_answer(client: TestClient, db: Path) -> None:
    sign_in(client, "vic")
    first = _get(client)
    assert _place(first, SARAQIB)["status"] == "opposition"
    _write_report(db, "doc-other-1", "government", date(2024, 12, 1))
    after = _get(client, **{"If-None-Match": first.headers["etag"]})  # no waiting: the SQLite files changed
    assert after.status_code == 200 and _place(after, SARAQIB)["status"] == "government"
    _write_report(db, "doc-other-2", "sdf", date(2024, 12, 2))
    assert _place(_get(client), SARAQIB)["status"] == "sdf"


def test_a_write_while_the_generation_is_read_is_not_lost(client: TestClient, db: Path, monkeypatch) -> None:
    """A correction committed (and the desk invalidated) while another request reads the generation:
    that request may answer from before it, but the one after must not."""
    sign_in(client, "vic")
    desk = client.app.state.desk.desk
    assert _place(_get(client), SARAQIB)["status"] == "opposition"
    real = review.review_generation
    raced = []

    def racing(store):
        value = real(store)  # read before the write lands
        if not raced:
            raced.append(review.add_correction(store, place_id=SARAQIB, action="correct", status="government",
                                               valid_from=date(2024, 11, 30), note="race", author="ed"))
            desk.invalidate()
        return value

    desk.invalidate()
    monkeypatch.setattr(review, "review_generation", racing)
    desk._files = None  # no file signature: only the epoch can tell the write happened
    desk.generation()
    assert raced
    monkeypatch.setattr(review, "review_generation", real)
    assert _place(_get(client), SARAQIB)["status"] == "government"


def test_gzip_when_accepted_with_its_own_etag(client: TestClient) -> None:
    sign_in(client, "vic")
    plain = client.get(f"/api/control?as_of={DAY}", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.headers["vary"] == "Accept-Encoding"
    with client.stream("GET", f"/api/control?as_of={DAY}", headers={"Accept-Encoding": "gzip"}) as r:
        raw = b"".join(r.iter_raw())
        assert r.headers["content-encoding"] == "gzip"
        assert r.headers["etag"] != plain.headers["etag"] and r.headers["etag"].endswith('-gz"')
    assert json.loads(gzip.decompress(raw)) == plain.json()
    refused = client.get(f"/api/control?as_of={DAY}", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "content-encoding" not in refused.headers


def test_cached_answers_keep_the_routes_rules(db: Path) -> None:
    private = TestClient(create_app(str(db), secret="s"))
    sign_in(private, "vic")
    miss = _get(private)  # computed by the route
    hit = _get(private)  # answered from the cache before routing
    assert hit.content == miss.content
    for name in ("etag", "content-type", "vary", "cache-control", "content-security-policy", "x-content-type-options",
                 "referrer-policy"):
        assert hit.headers[name] == miss.headers[name], name
    anonymous = TestClient(private.app)  # the day is cached, but this reader is not signed in
    assert anonymous.get(f"/api/control?as_of={DAY}").status_code == 401
    assert anonymous.get(f"/api/control?as_of={DAY}", headers={"If-None-Match": hit.headers["etag"]}).status_code == 401
    token = private.get("/api/me").json()["csrf"]
    stolen = private.cookies.get(auth.SESSION_COOKIE)
    assert stolen
    anonymous.cookies.set(auth.SESSION_COOKIE, stolen)
    assert _get(anonymous).content == miss.content  # the session cookie is what lets a reader in
    private.post("/logout", data={"csrf": token}, follow_redirects=False)
    assert anonymous.get(f"/api/control?as_of={DAY}").status_code == 401  # signed out: the copied cookie is dead
    sign_in(private, "vic")
    bad = private.get("/api/control?as_of=2024-13-01")
    assert bad.status_code == 400 and "as_of" in bad.json()["error"]
    extra = private.get(f"/api/control?as_of={DAY}&x=1")
    assert extra.status_code == 200 and extra.content == miss.content
    latest = private.get("/api/control")
    assert latest.status_code == 200 and _place(latest, MAARAT)


def test_accept_encoding_and_if_none_match() -> None:
    assert gzip_accepted("gzip, deflate, br") and gzip_accepted("br;q=1.0, gzip;q=0.8") and gzip_accepted("*")
    assert not gzip_accepted("") and not gzip_accepted("identity") and not gzip_accepted("gzip;q=0")
    assert etag_matches('"a", W/"b"', '"b"') and etag_matches("*", '"x"') and not etag_matches('"a"', '"b"')
    assert not etag_matches(None, '"a"')


def test_read_only_desk_caches_publicly(db: Path) -> None:
    public = TestClient(create_app(str(db), secret="s", read_only=True))
    for _ in range(2):
        r = _get(public)
        assert r.headers["cache-control"] == "no-cache"
    assert _get(public, **{"If-None-Match": r.headers["etag"]}).status_code == 304


def test_warm_fills_every_day_of_the_period(db: Path) -> None:
    app = create_app(str(db), secret="s", read_only=True)
    desk = app.state.desk.desk
    desk.warm()
    first, last = desk.days()
    assert first and last
    for view in ("control", "areas"):
        assert desk.peek(view, first, zipped=True) is not None and desk.peek(view, last, zipped=True) is not None
