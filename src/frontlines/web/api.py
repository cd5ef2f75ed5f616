"""The JSON API behind the page (documented by the app's OpenAPI schema at /openapi.json)."""

from __future__ import annotations

import io
import json
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from frontlines.control import status_runs
from frontlines.errors import InputError
from frontlines.models import CONTESTED, UNKNOWN
from frontlines.read.ingest import SUFFIXES, read_paths
from frontlines.views.exports import statuses_geojson, write_events_csv
from frontlines.web import auth, review
from frontlines.web.app import DeskConfig, config, desk_config
from frontlines.web.auth import User
from frontlines.web.desk import Encoded
from frontlines.web.guards import admin, current_user, editor, reader

router = APIRouter(prefix="/api")
GEOJSON = "application/geo+json"
Reader = Annotated[User | None, Depends(reader)]
Editor = Annotated[User, Depends(editor)]
Admin = Annotated[User, Depends(admin)]
Cfg = Annotated[DeskConfig, Depends(desk_config)]


def _day(value: str | None, what: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{what}: {value!r} is not a day (YYYY-MM-DD)") from None


class Me(BaseModel):
    user: str | None
    role: str | None
    csrf: str
    read_only: bool


@router.get("/me", response_model=Me, summary="Who is signed in, and the CSRF token for writes")
def me(request: Request, response: Response) -> Me:
    user = current_user(request)
    token = request.cookies.get(auth.CSRF_COOKIE) or auth.new_csrf_token()
    if token != request.cookies.get(auth.CSRF_COOKIE):
        response.set_cookie(auth.CSRF_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return Me(user=user.name if user else None, role=user.role if user else None, csrf=token,
              read_only=config(request).read_only)


@router.get("/theater", summary="The theater: name, period, sides and colours, the data's day range")
def theater(cfg: Cfg, _: Reader) -> dict[str, Any]:
    first, last = cfg.desk.days()
    th = cfg.theater
    return {"id": th.id, "name": th.name, "country": th.country_name, "start": first.isoformat() if first else None,
            "end": last.isoformat() if last else None, "baseline_date": th.baseline_date.isoformat() if th.baseline_date else None,
            "sides": cfg.desk.sides(), "bbox": th.bbox}


@router.get("/basemap", summary="Offline base map (GeoJSON): theater boundary, governorates, shipped layers")
def basemap(cfg: Cfg, _: Reader) -> Response:
    return Response(json.dumps(cfg.desk.basemap(), separators=(",", ":")), media_type=GEOJSON)


@router.get("/control", summary="Places with their control status on a day (GeoJSON points)",
            response_description="FeatureCollection; each place has status, level (assessed, claimed or analyst), "
                                 "since, confidence, evidence (text spans as doc:start:end), basis (ids of the "
                                 "events or statements behind it) and reason (why, when inferred). ETag and "
                                 "If-None-Match (304) per day and data "
                                 "version; gzip when accepted")
async def control(request: Request, cfg: Cfg, _: Reader,
                  as_of: Annotated[str | None, Query(description="YYYY-MM-DD; default: latest")] = None) -> Response:
    return await _day_view(request, cfg, "control", _day(as_of, "as_of"))


@router.get("/areas", summary="Areas of control and front lines on a day (GeoJSON)",
            response_description="FeatureCollection of area polygons and front lines; ETag, 304 and gzip as for /api/control")
async def areas(request: Request, cfg: Cfg, _: Reader,
                as_of: Annotated[str | None, Query(description="YYYY-MM-DD; default: latest")] = None) -> Response:
    return await _day_view(request, cfg, "areas", _day(as_of, "as_of"))


async def _day_view(request: Request, cfg: DeskConfig, view: str, day: date | None) -> Response:
    """A day's cached bytes straight from the event loop; a cache miss is computed in a worker thread."""
    zipped = gzip_accepted(request.headers.get("accept-encoding", ""))
    body = cfg.desk.peek(view, day, zipped=zipped)
    if body is None:
        body = await run_in_threadpool(cfg.desk.day_view, view, day, zipped=zipped)
    return day_response(cfg, body, request.headers.get("if-none-match"))


def gzip_accepted(header: str) -> bool:
    """Whether an Accept-Encoding header takes gzip (named or ``*``, and not with q=0)."""
    for part in header.split(","):
        coding, _, params = part.partition(";")
        if coding.strip().lower() not in ("gzip", "*"):
            continue
        q = params.strip().lower()
        if q.startswith("q="):
            try:
                return float(q[2:]) > 0
            except ValueError:
                return False
        return True
    return False


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """If-None-Match against a strong ETag with the weak comparison RFC 9110 asks for (``*`` matches)."""
    if not if_none_match:
        return False
    for tag in if_none_match.split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/") == etag:
            return True
    return False


def day_response(cfg: DeskConfig, body: Encoded, if_none_match: str | None) -> Response:
    """A day's view as sent: 304 when the reader has it already, else the (gzip) bytes.

    ``no-cache``: a browser keeps the day but asks again every time (a 304 costs no body), so a new
    report or a correction shows at the next request; ``private`` unless the desk is published.
    """
    headers = {"ETag": body.etag, "Vary": "Accept-Encoding",
               "Cache-Control": "no-cache" if cfg.read_only else "private, no-cache"}
    if etag_matches(if_none_match, body.etag):
        return Response(status_code=304, headers=headers)
    if body.gzipped:
        headers["Content-Encoding"] = "gzip"
    return Response(body.body, media_type=GEOJSON, headers=headers)


class DayViews:
    """ASGI middleware: a GET of /api/control or /api/areas that the cache can answer, answered
    without routing or dependency resolution (about 0.05 ms instead of 0.7 ms of the event loop's time).

    Same rules as the routes above, which handle everything else (a cache miss, a bad day, extra
    query parameters, a reader not signed in): the reader check of :func:`guards.reader`, the day
    parsed by :func:`_day`, the same :func:`day_response`.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] in _DAY_PATHS:
            response = _cached_day_response(scope)
            if response is not None:
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


_DAY_PATHS = {"/api/control": "control", "/api/areas": "areas"}


def _cached_day_response(scope: Scope) -> Response | None:
    query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    if len(query) > 1 or any(key != "as_of" for key, _ in query):
        return None
    try:
        day = date.fromisoformat(query[0][1]) if query and query[0][1] else None
    except ValueError:
        return None
    request = Request(scope)
    cfg = config(request)
    if not cfg.read_only and current_user(request) is None:
        return None
    headers = request.headers
    body = cfg.desk.peek(_DAY_PATHS[scope["path"]], day, zipped=gzip_accepted(headers.get("accept-encoding", "")))
    return day_response(cfg, body, headers.get("if-none-match")) if body is not None else None


@router.get("/events", summary="Events, one per happening across reports; JSON, GeoJSON or ACLED-column CSV")
def events(cfg: Cfg, _: Reader, since: str | None = None, until: str | None = None,
           type: Annotated[list[str] | None, Query(description="ACLED event or sub-event type (repeatable)")] = None,
           side: str = "", place: Annotated[str, Query(description="place id or location name")] = "",
           format: Literal["json", "geojson", "csv"] = "json") -> Response:
    first, last = _day(since, "since"), _day(until, "until")
    if first and last and last < first:
        raise HTTPException(400, f"until {last} is before since {first}")
    evs = cfg.desk.events(first, last, types=type or (), side=side, place=place)
    if format == "csv":
        buf = io.StringIO()
        th = cfg.theater
        write_events_csv(buf, evs, country=th.country_name, iso=th.iso, region=th.region)
        return Response(buf.getvalue(), media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})
    if format == "geojson":
        return Response(json.dumps(statuses_geojson((), None, evs), allow_nan=False), media_type=GEOJSON,
                        headers={"Content-Disposition": 'attachment; filename="events.geojson"'})
    return Response(json.dumps({"events": [e.to_dict() for e in evs]}, allow_nan=False, default=str),
                    media_type="application/json")


@router.get("/events/{event_id}", summary="One event: its ACLED fields and the sentence it came from")
def event(cfg: Cfg, _: Reader, event_id: str) -> dict[str, Any]:
    e = cfg.desk.event(event_id)
    if e is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return e.to_dict() | {"document": cfg.desk.state().docs.get(e.doc)}


@router.get("/places/{place_id}/history", summary="A place's status day by day with the evidence and the corrections")
def history(cfg: Cfg, _: Reader, place_id: str) -> dict[str, Any]:
    if not cfg.desk.known_place(place_id):
        raise HTTPException(404, f"unknown place {place_id!r}")
    return cfg.desk.history(place_id)


@router.get("/review", summary="The review queue on a day: claimed only, contested, low confidence, not in the gazetteer")
def queue(cfg: Cfg, _: Reader, as_of: str | None = None) -> dict[str, Any]:
    return {"as_of": as_of, "items": cfg.desk.queue(_day(as_of, "as_of"))}


class ReviewBody(BaseModel):
    action: Literal["confirm", "reject", "correct"]
    status: str | None = Field(None, description="the status to set (correct); a side id, contested or unknown")
    valid_from: date | None = Field(None, description="first day it holds (correct) or the day reviewed (confirm, reject)")
    note: str = Field("", max_length=review.MAX_NOTE, description="why: the analyst's reason, kept in the audit log")


@router.post("/review/{place_id}", summary="Confirm, reject or correct a place's status (editors)", status_code=201)
def review_place(cfg: Cfg, user: Editor, place_id: str, body: ReviewBody) -> dict[str, Any]:
    if not cfg.desk.known_place(place_id):
        raise HTTPException(404, f"unknown place {place_id!r}")
    if body.action == "correct":
        allowed = set(cfg.theater.actors.sides) - {"civilians"} | {CONTESTED, UNKNOWN}
        if body.status not in allowed:
            raise HTTPException(400, f"status {body.status!r}: use one of {', '.join(sorted(allowed))}")
        if body.valid_from is None:
            raise HTTPException(400, "valid_from: the first day the correction holds is required")
        status, day = body.status, body.valid_from
    else:
        current = cfg.desk.status_on(place_id, body.valid_from)
        if current is None or current.since is None:
            raise HTTPException(400, f"{place_id} has no status {'on ' + str(body.valid_from) if body.valid_from else 'yet'} to {body.action}")
        if body.action == "reject" and current.level == review.ANALYST:
            raise HTTPException(400, "that status is an analyst's correction: undo it instead of rejecting it")
        status, day = current.status, current.since
    c = review.add_correction(cfg.store, place_id=place_id, action=body.action, status=status, valid_from=day,
                              note=body.note.strip(), author=user.name)
    cfg.desk.invalidate()
    return {"correction": c.to_dict(), "current": _status_dict(cfg, place_id, None)}


def _status_dict(cfg: DeskConfig, place_id: str, day: date | None) -> dict[str, Any] | None:
    s = cfg.desk.status_on(place_id, day)
    return s.to_dict() | {"lat": None, "lon": None} if s and s.kind == "unmapped" else s.to_dict() if s else None


class UndoBody(BaseModel):
    note: str = Field("", max_length=review.MAX_NOTE)


@router.post("/corrections/{correction_id}/undo", summary="Undo a correction (editors; audited)")
def undo(cfg: Cfg, user: Editor, correction_id: int, body: UndoBody) -> dict[str, Any]:
    try:
        c = review.undo_correction(cfg.store, correction_id, author=user.name, note=body.note.strip())
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None
    cfg.desk.invalidate()
    return {"correction": c.to_dict(), "current": _status_dict(cfg, c.place_id, None)}


@router.get("/audit", summary="The audit log, newest first (editors and admins)")
def audit(cfg: Cfg, request: Request, limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, Any]:
    user = current_user(request)
    if user is None:
        raise HTTPException(401, "sign in first")
    if not user.can("editor"):
        raise HTTPException(403, f"{user.name} is a {user.role}; the audit log is for editors")
    return {"audit": review.audit_log(cfg.store, limit)}


_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


async def _save_upload(upload: UploadFile, folder: Path, n: int, max_bytes: int) -> Path:
    name = _SAFE.sub("_", Path(upload.filename or f"upload-{n}.txt").name)[-100:] or f"upload-{n}.txt"
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise HTTPException(415, f"{upload.filename}: {suffix or 'no suffix'} is not a report format "
                                 f"({', '.join(sorted(s for s in SUFFIXES if s))})")
    data = await upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise HTTPException(413, f"{upload.filename}: larger than the {max_bytes / 1e6:.0f} MB limit for one report")
    path = folder / f"{n:03d}-{name}"
    path.write_bytes(data)
    return path


@router.post("/reports", summary="Add reports: pasted text or uploaded files in the ingest formats (editors)",
             status_code=201)
async def add_reports(request: Request, user: Editor,
                      text: Annotated[str, Form(description="a pasted report (SOURCE:/DATE:/TITLE: header lines allowed)")] = "",
                      source: Annotated[str, Form()] = "", published: Annotated[str, Form()] = "",
                      title: Annotated[str, Form()] = "",
                      files: Annotated[list[UploadFile] | None, File(description="report files")] = None) -> dict[str, Any]:
    cfg = config(request)
    when = _day(published, "published")
    uploads = [f for f in files or [] if f.filename]
    if not text.strip() and not uploads:
        raise HTTPException(400, "nothing to add: paste a report or choose files")
    if len(text.encode()) > cfg.max_bytes:
        raise HTTPException(413, f"the pasted text is larger than the {cfg.max_bytes / 1e6:.0f} MB limit")
    with tempfile.TemporaryDirectory(prefix="frontlines-upload-") as tmp:
        folder = Path(tmp)
        paths = [await _save_upload(f, folder, n, cfg.max_bytes) for n, f in enumerate(uploads, start=1)]
        if text.strip():
            body = (f"TITLE: {title.strip()}\n" if title.strip() else "") + text
            pasted = folder / "000-pasted.txt"
            pasted.write_text(body, encoding="utf-8")
            paths.insert(0, pasted)
        names = {str(p): (f.filename or p.name) for p, f in zip(paths[-len(uploads):] if uploads else [], uploads, strict=True)}
        names[str(folder / "000-pasted.txt")] = "the pasted text"
        try:
            return await run_in_threadpool(_ingest, cfg, paths, source.strip() or None, when, user)
        except InputError as exc:  # name the file as the user knows it, not by its temporary path
            message = str(exc)
            for tmp_path, shown in names.items():
                message = message.replace(tmp_path, shown)
            raise InputError(message) from None


def _ingest(cfg: DeskConfig, paths: list[Path], source: str | None, when: date | None, user: User) -> dict[str, Any]:
    docs = read_paths(paths, source=source, published=when, max_bytes=cfg.max_bytes)  # all or nothing
    if not docs:
        raise InputError("the input holds no report text")
    results = cfg.get_pipeline().run(docs)
    added, skipped = cfg.store.write(results, cfg.theater.id)
    status_runs.refresh(cfg.store, cfg.theater, ())  # the places this write marked stale
    cfg.desk.invalidate()
    review.log_event(cfg.store, who=user.name, action="add reports", target=",".join(r.doc.id for r in results),
                     detail={"added": added, "skipped": skipped})
    return {
        "added": added, "skipped": skipped,
        "documents": [{"id": r.doc.id, "title": r.doc.title, "source": r.doc.source,
                       "published": r.doc.published.isoformat() if r.doc.published else None,
                       "events": len(r.events), "assertions": len(r.assertions), "places": len(r.places)}
                      for r in results],
        "warnings": [w for r in results for w in r.warnings],
    }


class NewUser(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=auth.MIN_PASSWORD, max_length=1024)
    role: Literal["viewer", "editor", "admin"] = "viewer"


@router.get("/users", summary="Accounts and roles (admins)")
def users(cfg: Cfg, request: Request) -> dict[str, Any]:
    user = current_user(request)
    if user is None:
        raise HTTPException(401, "sign in first")
    if not user.can("admin"):
        raise HTTPException(403, f"{user.name} is a {user.role}; managing users needs an admin")
    return {"users": [{"name": u.name, "role": u.role} for u in auth.list_users(cfg.store)]}


@router.post("/users", summary="Add an account or reset its password and role (admins)", status_code=201)
def add_user(cfg: Cfg, user: Admin, body: NewUser) -> dict[str, Any]:
    new = auth.add_user(cfg.store, body.name, body.password, body.role)
    review.log_event(cfg.store, who=user.name, action="set user", target=new.name, detail={"role": new.role})
    return {"name": new.name, "role": new.role}
