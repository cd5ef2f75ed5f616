"""Ingest: files of many formats -> :class:`Document` records with source and date.

Formats: plain text and Markdown (optional ``KEY: value`` header lines or a
``---`` front-matter block), HTML, RSS/Atom feeds, JSON lines (one report per
line) and Telegram Desktop exports (``result.json``). Every rejected input
raises :class:`InputError` with one line that says which file and why.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from lxml import etree, html

from frontlines.errors import InputError
from frontlines.models import Document

MAX_BYTES = 20 * 1024 * 1024  # a report larger than this is almost surely not a report
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSON_SUFFIXES
_HEADER = re.compile(r"^(SOURCE|DATE|PUBLISHED|TITLE|URL|TYPE|LICEN[CS]E|PROVENANCE|AUTHOR)\s*:\s*(.*)$", re.I)
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "td", "figcaption")
# Published dates outside these years are typos or junk; the date arithmetic of later stages
# (weeks back, merge windows) must never reach the ends of Python's calendar.
EARLIEST = date(1800, 1, 1)
LATEST = date(2199, 12, 31)
# Lone surrogates (JSON "\ud800") cannot be encoded; C0 controls other than tab and newline
# (ESC above all) would reach terminals and exports.
#: A blank line between two lines of a document's text: where one paragraph ends and the next begins.
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_UNSAFE_CHARS = re.compile(r"[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f]")
_SHOWN = 60  # characters of an input value quoted in an error message


def shown(value: object, limit: int = _SHOWN) -> str:
    """A value as quoted in an error message: repr, cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def clean_text(text: str) -> str:
    """Text safe to store and print: lone surrogates become U+FFFD, control characters spaces."""
    return _UNSAFE_CHARS.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else " ", text)


def check_published(day: date, *, what: str = "date") -> date:
    """``day`` when it lies in the years a report can carry; :class:`InputError` otherwise."""
    if not EARLIEST <= day <= LATEST:
        raise InputError(f"{what} {day.isoformat()} is outside {EARLIEST.year}-{LATEST.year}; expected a report's date")
    return day


def parse_date(value: str, *, what: str = "date") -> date:
    """Parse ``YYYY-MM-DD`` or an ISO timestamp; raise :class:`InputError` on impossible dates."""
    text = clean_text(value.strip())
    if len(text) <= 64:  # longer is no date, and strptime's cost grows with it
        try:
            if len(text) == 10:
                return check_published(date.fromisoformat(text), what=what)
            return check_published(datetime.fromisoformat(text.replace("Z", "+00:00")).date(), what=what)
        except (ValueError, OverflowError):
            pass
        for fmt in ("%a, %d %b %Y %H:%M:%S %z", "%a, %d %b %Y %H:%M:%S %Z", "%d %B %Y", "%B %d, %Y", "%d %b %Y"):
            try:
                return check_published(datetime.strptime(text, fmt).date(), what=what)
            except (ValueError, OverflowError):
                continue
    raise InputError(f"impossible {what} {shown(value)}: expected YYYY-MM-DD")


def document_id(source: str, text: str) -> str:
    """A stable id: the same report ingested twice gets the same id."""
    digest = hashlib.sha256(f"{source}\x00{text}".encode()).hexdigest()
    return "d" + digest[:12]


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file, not a report")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text (bad byte 0x{data[exc.start]:02x} at offset {exc.start}); re-encode it as UTF-8"
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _make(text: str, *, source: str, published: date | None, title: str, path: Path, fmt: str, url: str = "") -> Document:
    text = clean_text(text).strip("\n")
    if not text.strip():
        raise InputError(f"{path}: no text in the report")
    if published is not None:
        check_published(published, what=f"published date of {path}")
    source = clean_text(source)
    return Document(
        id=document_id(source, text), text=text, source=source, published=published,
        title=clean_text(title), path=clean_text(str(path)), format=fmt, url=clean_text(url),
    )


def _split_header(raw: str) -> tuple[dict[str, str], str]:
    """Header lines (``SOURCE: x``) or front matter, then the body."""
    lines = raw.split("\n")
    meta: dict[str, str] = {}
    if lines and lines[0].strip() == "---":
        for i, line in enumerate(lines[1:], start=1):
            if line.strip() == "---":
                return meta, "\n".join(lines[i + 1 :])
            key, _, value = line.partition(":")
            meta[key.strip().lower()] = value.strip().strip("\"'")
        return {}, raw
    i = 0
    while i < len(lines) and (m := _HEADER.match(lines[i])):
        meta[m.group(1).lower()] = m.group(2).strip()
        i += 1
    if meta and (i == len(lines) or not lines[i].strip()):
        return meta, "\n".join(lines[i + 1 :])
    return {}, raw


_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})[_\-. ]")


def _meta_date(meta: dict[str, Any], path: Path) -> date | None:
    """The published date from a header; a descriptive value ("covers 2024-11-27..2024-11-30")
    falls back to a date at the start of the file name, then to the latest date in the value."""
    value = str(meta.get("date") or meta.get("published") or "").strip()
    if not value:
        m = _NAME_DATE.match(path.name)
        return parse_date(m.group(1), what=f"date in the name of {path}") if m else None
    if _ISO_DATE.fullmatch(value) or not _ISO_DATE.search(value):
        return parse_date(value, what=f"date in {path}")
    m = _NAME_DATE.match(path.name)
    if m:
        return parse_date(m.group(1), what=f"date in the name of {path}")
    return max(parse_date(d, what=f"date in {path}") for d in _ISO_DATE.findall(value))


_WIKI_PIPE = re.compile(r"(?<=[^\s|])\|(?=[^\s|])")
_WIKI_CONVERT = re.compile(r"\{\{convert\|([\d.,]+)\|([a-z]+)[^{}]*\}\}", re.I)
_WIKI_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
_WIKI_QUOTES = re.compile(r"'{2,}")


_FOOTNOTE_MARK = re.compile(r"(?<=[\w.,;:)\]\"'’])\[(?:\d{1,3}|[a-z]|note \d{1,3}|citation needed)\]")


def strip_footnote_marks(text: str) -> str:
    """Reference marks copied from web pages ("X[2][3]") go: they split names from their words."""
    return _FOOTNOTE_MARK.sub("", text)


def clean_wiki_markup(text: str) -> str:
    """Wikipedia text copied with its markup: links 'Target|Label' become 'Target, Label' (both names
    stay readable as a list), {{convert|20|km}} becomes '20 km', other templates and bold/italic quotes go.
    Text without such markup is returned unchanged."""
    if len(_WIKI_PIPE.findall(text)) < 2 and "{{" not in text:
        return text
    text = _WIKI_CONVERT.sub(r"\1 \2", text)
    for _ in range(3):  # nested templates, innermost first
        text = _WIKI_TEMPLATE.sub("", text)
    text = _WIKI_QUOTES.sub("", text)
    return _WIKI_PIPE.sub(", ", text)


def _read_text(path: Path, raw: str, source: str | None, published: date | None) -> list[Document]:
    meta, body = _split_header(raw)
    body = strip_footnote_marks(clean_wiki_markup(body))
    fmt = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
    return [_make(
        body, source=source or meta.get("source", "") or path.stem, published=published or _meta_date(meta, path),
        title=meta.get("title", ""), path=path, fmt=fmt, url=meta.get("url", ""),
    )]


def html_text(markup: str) -> str:
    """Visible text of an HTML fragment or page: one block per paragraph, blank lines between."""
    try:
        tree = html.fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    for bad in tree.xpath("//script|//style|//nav|//footer|//header|//noscript"):
        bad.drop_tree()
    roots = tree.xpath("//article") or tree.xpath("//main") or [tree]
    blocks: list[str] = []
    for root in roots:
        elements = root.xpath(" | ".join(f".//{t}" for t in _BLOCK_TAGS))
        if not elements:
            blocks.append(" ".join(root.text_content().split()))
            continue
        for el in elements:
            if any(anc.tag in _BLOCK_TAGS for anc in el.iterancestors()):
                continue  # nested block: its text is in the parent's
            text = " ".join(el.text_content().split())
            if text:
                blocks.append(text)
    return "\n\n".join(b for b in blocks if b)


def _read_html(path: Path, raw: str, source: str | None, published: date | None) -> list[Document]:
    try:
        tree = html.fromstring(raw)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{path}: cannot parse HTML: {exc}") from exc

    def meta(*names: str) -> str:
        for n in names:
            found = tree.xpath(f'//meta[@name="{n}" or @property="{n}"]/@content')
            if found:
                return str(found[0]).strip()
        return ""

    title = (tree.findtext(".//title") or meta("og:title")).strip()
    when = meta("article:published_time", "date", "pubdate", "dc.date") or "".join(tree.xpath("(//time/@datetime)[1]"))
    return [_make(
        html_text(raw), source=source or meta("source", "og:site_name", "author") or path.stem,
        published=published or (parse_date(when, what=f"date in {path}") if when else None),
        title=title, path=path, fmt="html", url=meta("og:url"),
    )]


def _read_feed(path: Path, raw: str, source: str | None, published: date | None) -> list[Document]:
    try:
        root = etree.fromstring(raw.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path}: not a valid RSS/Atom feed: {exc}") from exc

    def local(el: Any) -> str:
        return etree.QName(el).localname if isinstance(el.tag, str) else ""

    channel = next((el for el in root.iter() if local(el) in ("channel", "feed")), root)
    feed_title = next((el.text or "" for el in channel if local(el) == "title"), "")
    docs = []
    for item in root.iter():
        if local(item) not in ("item", "entry"):
            continue
        fields = {local(el): el for el in item}
        body = ""
        for key in ("encoded", "content", "description", "summary"):
            if key in fields and (fields[key].text or "").strip():
                body = html_text(fields[key].text or "") or (fields[key].text or "")
                break
        when = next((fields[k].text for k in ("pubDate", "published", "updated", "date") if k in fields), None)
        link = fields.get("link")
        url = (link.get("href") or link.text or "") if link is not None else ""
        title = (fields["title"].text or "").strip() if "title" in fields else ""
        if not body.strip():
            continue
        docs.append(_make(
            body, source=source or feed_title.strip() or path.stem,
            published=published or (parse_date(when, what=f"date in {path}") if when else None),
            title=title, path=path, fmt="feed", url=url,
        ))
    if not docs:
        raise InputError(f"{path}: the feed has no items with text")
    return docs


def _telegram_text(value: Any) -> str:
    """Telegram text: a string, or a list of strings and ``{"type": ..., "text": ...}`` entities.
    Parts of any other shape (numbers, nested lists) carry no text and are skipped."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = (part if isinstance(part, str) else part.get("text") if isinstance(part, dict) else None
                 for part in value)
        return "".join(p for p in parts if isinstance(p, str))
    return ""


def _loads(raw: str) -> Any:
    """``json.loads`` whose every failure is a ``ValueError``: too deep nesting and numbers
    beyond Python's digit limit included."""
    try:
        return json.loads(raw)
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc
    except json.JSONDecodeError:
        raise
    except ValueError as exc:  # int digit limit
        raise ValueError(str(exc).split(";")[0]) from exc


def _from_record(path: Path, rec: Any, where: str, source: str | None, published: date | None) -> Document:
    if not isinstance(rec, dict):
        raise InputError(f"{path}{where}: expected a JSON object with a 'text' field")
    text = _telegram_text(rec.get("text") or rec.get("body") or rec.get("content") or "")
    when = rec.get("published") or rec.get("date")
    if isinstance(when, (dict, list)):
        raise InputError(f"{path}{where}: the date is a JSON {type(when).__name__}, not a string")
    return _make(
        text, source=source or str(rec.get("source") or rec.get("channel") or path.stem),
        published=published or (parse_date(str(when), what=f"date in {path}{where}") if when else None),
        title=str(rec.get("title") or ""), path=path, fmt="jsonl", url=str(rec.get("url") or rec.get("id") or ""),
    )


def _read_json(path: Path, raw: str, source: str | None, published: date | None) -> list[Document]:
    stripped = raw.lstrip()
    if stripped.startswith("{") and "\n{" not in stripped.strip():
        try:
            data = _loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
        except ValueError as exc:
            raise InputError(f"{path}: unusable JSON: {exc}") from exc
        if isinstance(data, dict) and isinstance(data.get("messages"), list):  # Telegram Desktop export
            channel = source or str(data.get("name") or path.stem)
            docs = []
            for msg in data["messages"]:
                if isinstance(msg, dict) and msg.get("type", "message") == "message" and _telegram_text(msg.get("text")).strip():
                    where = f" message {shown(msg.get('id'), 24)}"
                    docs.append(_from_record(path, {**msg, "source": channel}, where, None, published))
            if not docs:
                raise InputError(f"{path}: the Telegram export has no text messages")
            return docs
        return [_from_record(path, data, "", source, published)]
    docs = []
    for n, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rec = _loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: line {n} is not valid JSON: {exc.msg}") from exc
        except ValueError as exc:
            raise InputError(f"{path}: line {n} is unusable JSON: {exc}") from exc
        docs.append(_from_record(path, rec, f" line {n}", source, published))
    return docs


def read_file(path: Path, *, source: str | None = None, published: date | None = None, max_bytes: int = MAX_BYTES) -> list[Document]:
    """Read one report file into documents; raise :class:`InputError` on unusable input."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size / 1e6:.1f} MB is larger than the {max_bytes / 1e6:.0f} MB limit for one report")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    raw = _decode(path, data)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix in TEXT_SUFFIXES and raw.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))):
        return _read_html(path, raw, source, published)
    if suffix in FEED_SUFFIXES:
        return _read_feed(path, raw, source, published)
    if suffix in JSON_SUFFIXES:
        return _read_json(path, raw, source, published)
    return _read_text(path, raw, source, published)


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, links resolved, lies inside ``folder`` (links resolved)."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):  # elsewhere, unreadable, or a link loop
        return False
    return True


def iter_paths(paths: Iterable[Path], *, follow_links: bool = False, outside: list[Path] | None = None) -> Iterator[Path]:
    """Files to read: files as given, directories walked (report suffixes only, sorted).

    In a walked directory a link that leads out of it is skipped (and appended to ``outside``)
    unless ``follow_links``: a folder of reports must not pull in /etc/passwd."""
    for path in paths:
        if path.is_dir():
            found = []
            for p in sorted(path.rglob("*")):
                if not (p.suffix.lower() in SUFFIXES - {""} and not p.name.startswith(".") and p.is_file()):
                    continue
                if not follow_links and not _inside(p, path):
                    if outside is not None:
                        outside.append(p)
                    continue
                found.append(p)
            if not found:
                raise InputError(f"{path}: directory has no reports (looked for {', '.join(sorted(SUFFIXES - {''}))})")
            yield from found
        elif path.is_file():
            yield path
        else:
            raise InputError(f"{path}: no such file or directory")


def read_paths(paths: Iterable[Path], *, source: str | None = None, published: date | None = None,
               max_bytes: int = MAX_BYTES, follow_links: bool = False, outside: list[Path] | None = None) -> list[Document]:
    """Read every report under ``paths``; all or nothing, so a bad file changes nothing."""
    docs: list[Document] = []
    seen: set[str] = set()
    for path in iter_paths(paths, follow_links=follow_links, outside=outside):
        for doc in read_file(path, source=source, published=published, max_bytes=max_bytes):
            if doc.id not in seen:
                seen.add(doc.id)
                docs.append(doc)
    return docs


def from_text(text: str, *, source: str = "", published: date | str | None = None, title: str = "") -> Document:
    """A document from a string (the Python API's entry point)."""
    if not isinstance(text, str):
        raise InputError(f"the text must be a string, not {type(text).__name__}")
    when = parse_date(published, what="published date") if isinstance(published, str) else published
    if when is not None:
        if not isinstance(when, date):
            raise InputError(f"published must be a date or YYYY-MM-DD, not {type(when).__name__}")
        when = check_published(when.date() if isinstance(when, datetime) else when, what="published date")
    text, source, title = clean_text(text), clean_text(str(source or "")), clean_text(str(title or ""))
    if not text.strip():
        raise InputError("the text is empty")
    return Document(id=document_id(source, text), text=text, source=source, published=when, title=title, format="text")
