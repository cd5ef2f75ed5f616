"""Hypothesis strategies for hostile inputs: report-like text salted with the characters and
forms that broke readers before (other scripts' digits, calendar ends, lone surrogates, console
markup, control characters, deep JSON, huge numbers). Used by tests/test_fuzz*.py and `make fuzz`."""

from __future__ import annotations

import json
import string
from datetime import date
from typing import Any

from hypothesis import strategies as st

# Words that make the extractor do work: places of the bundled theater, actors, triggers, dates.
WORDS = (
    "Saraqib", "Aleppo", "Idlib", "Hama", "Homs", "Maarat", "al-Numan", "Khan", "Sheikhoun", "Damascus",
    "HTS", "rebels", "SDF", "Turkish-backed", "SNA", "regime", "forces", "Russian", "jets", "government",
    "captured", "seized", "took", "control", "of", "shelled", "bombed", "killed", "wounded", "clashes",
    "withdrew", "from", "advanced", "on", "in", "near", "the", "and", "at", "least", "civilians", "fighters",
    "Monday", "last", "Tuesday", "yesterday", "today", "December", "November", "Nov.", "2024", "1999",
    "the", "next", "day", "two", "days", "later", "earlier", "this", "week", "past", "48", "hours",
    "since", "between", "early", "late", "mid", "first", "second", "week", "of", "30th", "27-29",
    "٣", "١٢", "२०", "five", "12", "0", "9999", "0001-01-01", "9999-12-31", "2024-13-45", "31/02/2024",
    "[/bold]", "[link=http://x]", "[red]", ":smile:", "\x1b[31m", "\x1b]8;;http://x\x1b\\", "\ud800", "\udfff",
    "ſecond", "laſt", "İn", "\u212a", "\u00a0", "\u200b", "\ufeff", "\t", "\n", "\n\n", ".", ",", ";", "!", "?",
    "(", ")", '"', "'", "—", "-", "•", "🔴", "#", "*", "|", "{{", "}}", "<b>", "</p>", "&amp;", "%", "\x00",
)
_PUNCT = st.sampled_from(WORDS)
text_pieces = st.one_of(_PUNCT, _PUNCT, _PUNCT, st.text(max_size=12),
                        st.text(alphabet=string.digits + "٠١٢٣٤٥٦٧٨٩ -/.", max_size=10))


@st.composite
def report_text(draw: Any, max_words: int = 60) -> str:
    """A report-like string: words, numbers and hostile pieces joined by spaces or nothing."""
    words = draw(st.lists(text_pieces, min_size=0, max_size=max_words))
    seps = draw(st.lists(st.sampled_from([" ", " ", " ", "", "\n", ". "]), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True))


any_date = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
edge_date = st.sampled_from([date(1, 1, 1), date(1, 1, 2), date(9999, 12, 31), date(9999, 12, 1), date(2024, 12, 3)])
published_value = st.one_of(
    st.none(), any_date, edge_date,
    st.sampled_from(["2024-12-03", "0001-01-01", "9999-12-31", "0000-01-01", "2024-02-30", "tomorrow", "", "\ud800",
                     "2024-12-03T10:00:00Z", "Tue, 03 Dec 2024 10:00:00 +0000", "9" * 5000]),
    st.text(max_size=30),
)

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30), st.floats(allow_nan=False),
    st.text(max_size=20), report_text(20),
)
json_values = st.recursive(json_scalars, lambda kids: st.one_of(
    st.lists(kids, max_size=4), st.dictionaries(st.sampled_from(
        ["text", "body", "content", "date", "published", "title", "source", "url", "id", "type", "messages", "name",
         "channel", "x"]), kids, max_size=5)), max_leaves=20)


@st.composite
def json_document(draw: Any) -> str:
    """A JSON or JSON-lines file: records, Telegram exports, and plain junk."""
    kind = draw(st.sampled_from(["record", "telegram", "lines", "junk", "deep", "bignum"]))
    if kind == "deep":
        n = draw(st.integers(min_value=50, max_value=200_000))
        return "[" * n + "]" * draw(st.sampled_from([0, n]))
    if kind == "bignum":
        return '{"text": "Rebels took Saraqib.", "date": ' + "7" * draw(st.integers(4000, 6000)) + "}"
    if kind == "junk":
        return draw(st.text(max_size=200))
    if kind == "lines":
        return "\n".join(json.dumps(draw(json_values)) for _ in range(draw(st.integers(1, 4))))
    if kind == "telegram":
        msgs = draw(st.lists(st.fixed_dictionaries({"type": st.sampled_from(["message", "service", 3]),
                                                    "id": json_scalars,
                                                    "date": st.one_of(json_scalars, published_value.map(str)),
                                                    "text": st.one_of(report_text(), json_values)}), max_size=4))
        return json.dumps({"name": draw(json_scalars), "messages": msgs})
    rec = draw(st.fixed_dictionaries({"text": st.one_of(report_text(), json_values)},
                                     optional={"date": st.one_of(json_scalars, published_value.map(str)),
                                               "title": json_scalars, "source": json_scalars}))
    return json.dumps(rec)


@st.composite
def text_document(draw: Any) -> str:
    """A text or Markdown file with optional header lines or front matter."""
    header = draw(st.sampled_from(["", "SOURCE: {s}\nDATE: {d}\n\n", "---\ntitle: {s}\ndate: {d}\n---\n", "DATE: {d}\n"]))
    return header.format(s=draw(st.text(max_size=15)), d=draw(published_value.map(str))) + draw(report_text())


@st.composite
def html_document(draw: Any) -> str:
    body = "".join(f"<p>{draw(report_text(15))}</p>" for _ in range(draw(st.integers(0, 3))))
    when = draw(published_value.map(str)).replace('"', "")
    return draw(st.sampled_from([
        f'<html><head><meta name="date" content="{when}"><title>{draw(st.text(max_size=10))}</title></head>'
        f"<body><article>{body}</article></body></html>",
        f"<div>{body}", body, draw(st.text(max_size=80)),
    ]))


@st.composite
def feed_document(draw: Any) -> str:
    items = "".join(
        f"<item><title>t</title><description>{draw(report_text(15)).replace('<', ' ').replace('&', ' ')}</description>"
        f"<pubDate>{draw(published_value.map(str)).replace('<', ' ').replace('&', ' ')}</pubDate></item>"
        for _ in range(draw(st.integers(0, 3))))
    return draw(st.sampled_from([
        f'<?xml version="1.0"?><rss><channel><title>f</title>{items}</channel></rss>',
        f'<feed xmlns="http://www.w3.org/2005/Atom">{items.replace("item>", "entry>")}</feed>',
        '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><rss><channel><item>'
        "<description>&b;&b;&b;</description></item></channel></rss>",
        draw(st.text(max_size=80)),
    ]))


#: file suffix -> strategy of file contents (as text; the tests also try raw bytes)
DOCUMENTS = {".txt": text_document(), ".md": text_document(), ".html": html_document(), ".rss": feed_document(),
             ".json": json_document(), ".jsonl": json_document()}
