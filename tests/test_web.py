"""The web desk through the ASGI test client: reads, sign-in, roles, CSRF, review overlay, reports.

The database is built by hand (own sentences, known assertions) so every expected status is known:
Saraqib is government from the theater's baseline and opposition from 2024-11-30; Ma'arrat
al-Nu'man has only a weak claim.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from frontlines.mentions.geoparse import unmapped_id
from frontlines.models import ControlAssertion, Document, DocumentResult, Event, Unresolved
from frontlines.store.storage import open_store
from frontlines.web import auth, create_app

SARAQIB = "gn:164816"
MAARAT = "gn:167611"
PASSWORDS = {"ada": "admin-pass-1", "ed": "editor-pass-1", "vic": "viewer-pass-1"}
SENTENCE_A = "Opposition units entered Saraqib on Saturday after government troops pulled back to the south."
SENTENCE_B = "A partisan channel says its fighters now hold Maarat al-Numan."


def _event(doc: str, text: str) -> Event:
    return Event(id="ev-saraqib-1", doc=doc, date=date(2024, 11, 30), time_precision=1, event_type="Battles",
                 sub_event_type="Non-state actor overtakes territory", actor1="HTS", actor1_side="opposition",
                 actor2="Syrian army", actor2_side="government", place_id=SARAQIB, location="Saraqib", lat=35.86447,
                 lon=36.80591, geo_precision=1, fatalities=0, fatalities_text="", certainty="reported", claimed_by="",
                 text=text, start=0, end=len(text), admin1="Idlib", source="Test Monitor")


def _assertion(aid: str, doc: str, place: str, status: str, level: str, day: date, conf: float, text: str,
               source: str, basis: str = "statement") -> ControlAssertion:
    return ControlAssertion(id=aid, place_id=place, status=status, level=level, valid_from=day, time_precision=1, doc=doc,
                            start=0, end=len(text), confidence=conf, source=source, basis=basis, text=text, published=day)


def build_db(path: Path) -> Path:
    """A small database with known statuses, and three accounts (admin, editor, viewer)."""
    store = open_store(str(path))
    doc_a = Document(id="doc-a", text=SENTENCE_A, source="Test Monitor", published=date(2024, 11, 30), title="Day four")
    doc_b = Document(id="doc-b", text=SENTENCE_B, source="Partisan Channel", published=date(2024, 11, 29), title="Claim")
    results = [
        DocumentResult(doc_a, (), (), (), (_event("doc-a", SENTENCE_A),),
                       (_assertion("a1", "doc-a", SARAQIB, "opposition", "assessed", date(2024, 11, 30), 0.8, SENTENCE_A,
                                   "Test Monitor", basis="ev-saraqib-1"),)),
        DocumentResult(doc_b, (), (Unresolved("Tell Zzyzx", 0, 10, "doc-b", "no gazetteer match"),), (), (),
                       (_assertion("b1", "doc-b", MAARAT, "opposition", "claimed", date(2024, 11, 29), 0.4, SENTENCE_B,
                                   "Partisan Channel"),)),
    ]
    store.write(results, "syria")
    for name, role in (("ada", "admin"), ("ed", "editor"), ("vic", "viewer")):
        auth.add_user(store, name, PASSWORDS[name], role)
    store.close()
    return path


def sign_in(client: TestClient, name: str) -> str:
    """Sign in through the form; return the CSRF token for later writes."""
    token = client.get("/api/me").json()["csrf"]
    r = client.post("/login", data={"name": name, "password": PASSWORDS[name], "csrf": token}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return client.get("/api/me").json()["csrf"]


@pytest.fixture(scope="module")
def template_db(tmp_path_factory) -> Path:
    return build_db(tmp_path_factory.mktemp("desk") / "desk.db")


@pytest.fixture()
def db(tmp_path: Path, template_db: Path) -> Path:
    """A fresh copy per test (hashing three passwords once, not per test)."""
    copy = tmp_path / "desk.db"
    shutil.copy(template_db, copy)
    return copy


@pytest.fixture()
def client(db: Path) -> TestClient:
    return TestClient(create_app(str(db), secret="test-secret"))


def _status(client: TestClient, place: str, day: str) -> dict | None:
    r = client.get(f"/api/control?as_of={day}")
    assert r.status_code == 200, r.text
    found = [f["properties"] for f in r.json()["features"] if f["properties"]["place_id"] == place]
    return found[0] if found else None


def _counts(db: Path) -> tuple[int, int]:
    from sqlalchemy import func, select

    from frontlines.store.storage import corrections_table

    store = open_store(str(db))
    with store.engine.connect() as conn:
        out = (conn.scalar(select(func.count()).select_from(corrections_table)) or 0,
               store.counts()["documents"])
    store.close()
    return out


# -- reading -------------------------------------------------------------------------------------

def test_reading_needs_a_session_unless_published(db: Path) -> None:
    private = TestClient(create_app(str(db), secret="s"))
    assert private.get("/api/control").status_code == 401
    assert private.get("/", headers={"accept": "text/html"}, follow_redirects=False).headers["location"] == "/login"
    public = TestClient(create_app(str(db), secret="s", read_only=True))
    assert public.get("/api/control?as_of=2024-11-30").status_code == 200
    page = public.get("/")
    assert "published, read-only" in page.text
    assert "script-src" not in page.headers["content-security-policy"] and "default-src 'self'" in page.headers["content-security-policy"]
    assert "https://" not in page.text  # nothing loaded from elsewhere


def test_control_follows_the_ledger_day_by_day(client: TestClient) -> None:
    sign_in(client, "vic")
    before = _status(client, SARAQIB, "2024-11-29")
    after = _status(client, SARAQIB, "2024-11-30")
    assert before is not None and before["status"] == "government"
    assert after is not None and after["status"] == "opposition" and after["level"] == "assessed"
    assert after["since"] == "2024-11-30"
    claim = _status(client, MAARAT, "2024-11-30")
    assert claim is not None and claim["level"] in ("claimed", "assessed")


def test_areas_and_front_lines_are_geojson(client: TestClient) -> None:
    sign_in(client, "vic")
    fc = client.get("/api/areas?as_of=2024-11-30").json()
    layers = {f["properties"]["layer"] for f in fc["features"]}
    assert "area" in layers and fc["as_of"] == "2024-11-30"
    statuses = {f["properties"]["status"] for f in fc["features"] if f["properties"]["layer"] == "area"}
    assert {"government", "opposition"} <= statuses
    assert "front_line" in layers


def test_history_carries_the_sentence_source_and_event(client: TestClient) -> None:
    sign_in(client, "vic")
    h = client.get(f"/api/places/{SARAQIB}/history").json()
    day = next(d for d in h["history"] if d["day"] == "2024-11-30")
    ev = day["evidence"][0]
    assert ev["text"] == SENTENCE_A and ev["source"] == "Test Monitor" and ev["published"] == "2024-11-30"
    assert ev["level"] == "assessed" and ev["event_id"] == "ev-saraqib-1"
    e = client.get("/api/events/ev-saraqib-1").json()
    assert e["text"] == SENTENCE_A and e["sub_event_type"] == "Non-state actor overtakes territory"
    assert client.get("/api/places/gn:0000000/history").status_code == 404
    assert "unknown place" in client.get("/api/places/gn:0000000/history").json()["error"]


def test_events_filters_and_downloads(client: TestClient) -> None:
    sign_in(client, "vic")
    assert len(client.get("/api/events?since=2024-11-30&until=2024-11-30").json()["events"]) == 1
    assert client.get("/api/events?since=2024-12-01").json()["events"] == []
    assert client.get("/api/events?side=sdf").json()["events"] == []
    assert len(client.get("/api/events?type=Battles&place=saraqib").json()["events"]) == 1
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events?format=csv").text)))
    assert len(rows) == 1 and rows[0]["location"] == "Saraqib" and rows[0]["event_type"] == "Battles"
    gj = client.get("/api/events?format=geojson").json()
    assert gj["features"][0]["geometry"]["coordinates"] == [36.80591, 35.86447]
    bad = client.get("/api/events?since=2024-13-01")
    assert bad.status_code == 400 and "since" in bad.json()["error"]
    assert client.get("/api/events?since=2024-12-02&until=2024-12-01").status_code == 400


def test_review_queue_lists_claims_and_unknown_names(client: TestClient) -> None:
    sign_in(client, "vic")
    items = {i["place_id"]: i for i in client.get("/api/review?as_of=2024-11-30").json()["items"]}
    assert MAARAT in items and "low confidence" in items[MAARAT]["reasons"]
    unknown = unmapped_id("Tell Zzyzx")
    assert unknown in items and items[unknown]["reasons"] == ["not in the gazetteer"] and items[unknown]["name"] == "Tell Zzyzx"
    assert SARAQIB not in items


# -- writes: who may, and what is refused ---------------------------------------------------------

WRITES = [
    ("post", f"/api/review/{SARAQIB}", {"json": {"action": "correct", "status": "government", "valid_from": "2024-11-30"}}),
    ("post", "/api/corrections/1/undo", {"json": {"note": "x"}}),
    ("post", "/api/reports", {"data": {"text": "SOURCE: X\nDATE: 2024-11-30\n\nNothing happened in Saraqib."}}),
    ("post", "/api/users", {"json": {"name": "new", "password": "long-enough-1", "role": "viewer"}}),
]


@pytest.mark.parametrize(("method", "url", "kwargs"), WRITES)
def test_every_write_refused_anonymous_401_and_viewer_403(db: Path, method: str, url: str, kwargs: dict) -> None:
    client = TestClient(create_app(str(db), secret="s"))
    token = client.get("/api/me").json()["csrf"]
    before = _counts(db)
    r = getattr(client, method)(url, headers={"X-CSRF-Token": token}, **kwargs)
    assert r.status_code == 401 and r.json()["error"]
    sign_in(client, "vic")
    r = getattr(client, method)(url, headers={"X-CSRF-Token": client.get("/api/me").json()["csrf"]}, **kwargs)
    assert r.status_code == 403 and "viewer" in r.json()["error"]
    assert _counts(db) == before


def test_writes_need_the_csrf_token(client: TestClient, db: Path) -> None:
    token = sign_in(client, "ed")
    body = {"action": "correct", "status": "government", "valid_from": "2024-11-30"}
    assert client.post(f"/api/review/{SARAQIB}", json=body).status_code == 403
    r = client.post(f"/api/review/{SARAQIB}", json=body, headers={"X-CSRF-Token": token + "x"})
    assert r.status_code == 403 and "CSRF" in r.json()["error"]
    assert _counts(db)[0] == 0


def test_sign_in_refuses_wrong_password_and_forged_form(client: TestClient) -> None:
    token = client.get("/api/me").json()["csrf"]
    r = client.post("/login", data={"name": "ed", "password": "wrong-password", "csrf": token}, follow_redirects=False)
    assert r.status_code == 401 and client.get("/api/me").json()["user"] is None
    r = client.post("/login", data={"name": "ed", "password": PASSWORDS["ed"], "csrf": "forged"}, follow_redirects=False)
    assert r.status_code == 403 and client.get("/api/me").json()["user"] is None


def test_session_cookie_is_httponly_samesite_and_dies_at_sign_out(client: TestClient) -> None:
    token = client.get("/api/me").json()["csrf"]
    r = client.post("/login", data={"name": "ed", "password": PASSWORDS["ed"], "csrf": token}, follow_redirects=False)
    cookie = next(v for k, v in r.headers.multi_items() if k == "set-cookie" and v.startswith(auth.SESSION_COOKIE))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    stolen = client.cookies.get(auth.SESSION_COOKIE)
    token = client.get("/api/me").json()["csrf"]
    client.post("/logout", data={"csrf": token}, follow_redirects=False)
    client.cookies.set(auth.SESSION_COOKIE, stolen)
    assert client.get("/api/me").json()["user"] is None  # the copied cookie died with the session


def test_correction_outranks_reports_and_undo_restores(client: TestClient) -> None:
    token = sign_in(client, "ed")
    headers = {"X-CSRF-Token": token}
    body = {"action": "correct", "status": "government", "valid_from": "2024-11-30", "note": "the pull-back was partial"}
    r = client.post(f"/api/review/{SARAQIB}", json=body, headers=headers)
    assert r.status_code == 201, r.text
    cid = r.json()["correction"]["id"]
    fixed = _status(client, SARAQIB, "2024-12-02")
    assert fixed["status"] == "government" and fixed["level"] == "analyst"
    assert _status(client, SARAQIB, "2024-11-29")["level"] != "analyst"  # only from the correction's day
    h = client.get(f"/api/places/{SARAQIB}/history").json()
    analyst = [d for d in h["history"] if d["level"] == "analyst"]
    assert analyst and analyst[0]["correction"]["author"] == "ed" and analyst[0]["correction"]["note"] == body["note"]
    audit = client.get("/api/audit").json()["audit"]
    assert audit[0]["who"] == "ed" and audit[0]["action"] == "correct" and audit[0]["why"] == body["note"]
    assert client.post(f"/api/corrections/{cid}/undo", json={"note": "wrong place"}, headers=headers).status_code == 200
    assert _status(client, SARAQIB, "2024-12-02")["status"] == "opposition"
    assert client.get("/api/audit").json()["audit"][0]["action"] == "undo"
    assert client.post(f"/api/corrections/{cid}/undo", json={}, headers=headers).status_code == 400


def test_a_later_change_in_the_reports_overrides_an_earlier_correction(client: TestClient) -> None:
    headers = {"X-CSRF-Token": sign_in(client, "ed")}
    body = {"action": "correct", "status": "contested", "valid_from": "2024-11-28", "note": "fighting inside the town"}
    assert client.post(f"/api/review/{SARAQIB}", json=body, headers=headers).status_code == 201
    assert _status(client, SARAQIB, "2024-11-29")["status"] == "contested"
    later = _status(client, SARAQIB, "2024-11-30")  # the reports record a new change after the analyst's day
    assert later["status"] == "opposition" and later["level"] == "assessed"


def test_reject_falls_back_to_the_status_before(client: TestClient) -> None:
    headers = {"X-CSRF-Token": sign_in(client, "ed")}
    r = client.post(f"/api/review/{SARAQIB}", json={"action": "reject", "valid_from": "2024-11-30", "note": "misread"},
                    headers=headers)
    assert r.status_code == 201, r.text
    assert r.json()["correction"]["status"] == "opposition" and r.json()["correction"]["valid_from"] == "2024-11-30"
    assert _status(client, SARAQIB, "2024-12-01")["status"] == "government"


@pytest.mark.parametrize(("url", "body", "status", "words"), [
    (f"/api/review/{SARAQIB}", {"action": "correct", "status": "martians", "valid_from": "2024-11-30"}, 400, "status"),
    (f"/api/review/{SARAQIB}", {"action": "correct", "status": "government", "valid_from": "2024-02-31"}, 422, "valid_from"),
    (f"/api/review/{SARAQIB}", {"action": "correct", "status": "government"}, 400, "valid_from"),
    (f"/api/review/{SARAQIB}", {"action": "shred"}, 422, "action"),
    ("/api/review/gn:0000000", {"action": "correct", "status": "government", "valid_from": "2024-11-30"}, 404, "unknown place"),
    ("/api/corrections/999/undo", {"note": ""}, 404, "no correction"),
    ("/api/users", {"name": "x", "password": "short", "role": "viewer"}, 403, "admin"),
])
def test_bad_review_input_is_a_4xx_with_a_message_and_writes_nothing(client: TestClient, db: Path, url: str, body: dict,
                                                                     status: int, words: str) -> None:
    headers = {"X-CSRF-Token": sign_in(client, "ed")}
    r = client.post(url, json=body, headers=headers)
    assert r.status_code == status, r.text
    assert words in r.json()["error"]
    assert _counts(db) == (0, 2)


@pytest.mark.parametrize(("files", "data", "status", "words"), [
    ({"files": ("bad.json", b"{not json", "application/json")}, {}, 400, "bad.json: invalid JSON"),
    ({"files": ("big.txt", b"x" * (1024 * 1024 + 10), "text/plain")}, {}, 413, "limit"),
    ({"files": ("photo.png", b"\x89PNG\r\n", "image/png")}, {}, 415, "not a report format"),
    (None, {"text": "   "}, 400, "nothing to add"),
    (None, {"text": "Some text.", "published": "30/11/2024"}, 400, "published"),
])
def test_bad_reports_are_refused_and_nothing_is_written(db: Path, files, data, status: int, words: str) -> None:
    client = TestClient(create_app(str(db), secret="s", max_mb=1))
    headers = {"X-CSRF-Token": sign_in(client, "ed")}
    r = client.post("/api/reports", files=files, data=data, headers=headers)
    assert r.status_code == status, r.text
    assert words in r.json()["error"]
    assert _counts(db) == (0, 2)


def test_admin_adds_a_user_who_can_then_sign_in(client: TestClient) -> None:
    headers = {"X-CSRF-Token": sign_in(client, "ada")}
    r = client.post("/api/users", json={"name": "newbie", "password": "fresh-pass-1", "role": "editor"}, headers=headers)
    assert r.status_code == 201
    assert {"name": "newbie", "role": "editor"} in client.get("/api/users").json()["users"]
    bad = client.post("/api/users", json={"name": "x", "password": "short", "role": "viewer"}, headers=headers)
    assert bad.status_code == 422 and "password" in bad.json()["error"]


def test_read_only_desk_refuses_every_write(db: Path) -> None:
    client = TestClient(create_app(str(db), secret="s", read_only=True))
    token = client.get("/api/me").json()["csrf"]
    r = client.post("/login", data={"name": "ed", "password": PASSWORDS["ed"], "csrf": token}, follow_redirects=False)
    assert r.status_code == 403
    r = client.post(f"/api/review/{SARAQIB}", json={"action": "confirm"}, headers={"X-CSRF-Token": token})
    assert r.status_code == 403 and "read-only" in r.json()["error"]


def test_openapi_lists_the_issue_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/control", "/api/areas", "/api/events", "/api/places/{place_id}/history", "/api/reports",
              "/api/review/{place_id}"):
        assert p in paths


def test_pasted_report_runs_the_pipeline_and_shows_on_the_map(client: TestClient, db: Path) -> None:
    headers = {"X-CSRF-Token": sign_in(client, "ed")}
    text = ("SOURCE: Desk Test Wire\nDATE: 2024-12-03\n\n"
            "Government troops recaptured Saraqib on Tuesday after heavy clashes with opposition fighters.\n")
    r = client.post("/api/reports", data={"text": text}, headers=headers)
    assert r.status_code == 201, r.text
    assert r.json()["added"] == 1 and r.json()["documents"][0]["source"] == "Desk Test Wire"
    assert _counts(db) == (0, 3)
    again = client.post("/api/reports", data={"text": text}, headers=headers).json()
    assert again["added"] == 0 and again["skipped"] == 1
    assert client.get("/api/audit").json()["audit"][0]["action"] == "add reports"
    st = _status(client, SARAQIB, "2024-12-03")
    assert st is not None and st["status"] == "government", json.dumps(st)


def test_users_cli_adds_an_account(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from frontlines.cli import app

    db = tmp_path / "u.db"
    r = CliRunner().invoke(app, ["users", "add", "zed", "--role", "editor", "--db", str(db)],
                           input="zed-password-1\nzed-password-1\n")
    assert r.exit_code == 0, r.output
    store = open_store(str(db))
    assert auth.authenticate(store, "zed", "zed-password-1") == auth.User("zed", "editor")
    assert auth.authenticate(store, "zed", "wrong-password") is None
    r = CliRunner().invoke(app, ["users", "add", "zed", "--role", "king", "--db", str(db)], input="a\na\n")
    assert r.exit_code != 0
