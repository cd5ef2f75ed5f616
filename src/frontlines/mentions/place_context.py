"""What a document says around a place mention, for ranking the mention's candidates.

The places the document names unambiguously (their positions and their centre) and the
governorates it names, paragraph by paragraph, indexed so that a long report asks them once per mention.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from frontlines.mentions.gazetteer import haversine_km
from frontlines.mentions.place_spans import Span
from frontlines.models import Place
from frontlines.read.ingest import PARAGRAPH_BREAK

LOCAL_CHARS = 400  # "nearby in the text": about three sentences


@dataclass(frozen=True, slots=True)
class _Context:
    """What a document says around a mention: places it names unambiguously, governorates it names."""

    anchors: tuple[tuple[int, float, float, str], ...]  # (position, lat, lon, place id)
    centre: tuple[float, float] | None
    cues: tuple[tuple[int, str], ...]  # (position, governorate)
    paragraphs: tuple[int, ...]  # start offsets of paragraphs
    # Indexes over the fields above, in text order (a long report asks them once per mention).
    anchor_positions: tuple[int, ...] = ()
    cue_positions: tuple[int, ...] = ()
    all_governorates: frozenset[str] = frozenset()
    nearest: dict[tuple[str, float, float], float | None] = field(default_factory=dict, compare=False)

    @classmethod
    def build(cls, text: str, spans: Sequence[Span], country: str, cues: Sequence[tuple[int, str]]) -> _Context:
        anchors = []
        for span in spans:
            home = [c.place for c in span.candidates
                    if c.place.country == country and c.place.kind not in ("region", "country", "route")]
            if len(home) == 1:
                anchors.append((span.start, home[0].lat, home[0].lon, home[0].id))
        centre = None
        if anchors:
            centre = statistics.median(a[1] for a in anchors), statistics.median(a[2] for a in anchors)
        paragraphs = (0, *(m.end() for m in PARAGRAPH_BREAK.finditer(text)))
        anchors.sort(key=lambda a: a[0])  # already in text order (spans are); sorted() keeps equal positions' order
        ordered_cues = sorted(cues, key=lambda c: c[0])
        return cls(tuple(anchors), centre, tuple(ordered_cues), paragraphs, tuple(a[0] for a in anchors),
                   tuple(c[0] for c in ordered_cues), frozenset(g for _p, g in ordered_cues))

    def local_distance(self, span: Span, place: Place) -> float | None:
        """Distance to the nearest unambiguous place named within a few sentences of the span."""
        lo = bisect.bisect_left(self.anchor_positions, span.start - LOCAL_CHARS)
        hi = bisect.bisect_right(self.anchor_positions, span.start + LOCAL_CHARS)
        near = [(lat, lon) for pos, lat, lon, pid in self.anchors[lo:hi] if pid != place.id and pos != span.start]
        if not near:
            return None
        return min(haversine_km(place.lat, place.lon, lat, lon) for lat, lon in near)

    def governorates_near(self, pos: int) -> tuple[set[str], frozenset[str]]:
        """Governorates named in the paragraph of ``pos``, and in the whole document."""
        i = bisect.bisect_right(self.paragraphs, pos) - 1
        start = self.paragraphs[i]
        end = self.paragraphs[i + 1] if i + 1 < len(self.paragraphs) else 1 << 62
        lo, hi = bisect.bisect_left(self.cue_positions, start), bisect.bisect_left(self.cue_positions, end)
        return {g for _p, g in self.cues[lo:hi]}, self.all_governorates

    def nearest_anchor_km(self, place: Place) -> float | None:
        """Distance from ``place`` to the nearest unambiguous place the document names other than
        itself (None when there is none), computed once per place and document."""
        key = (place.id, place.lat, place.lon)
        if key not in self.nearest:
            others = [(lat, lon) for _pos, lat, lon, pid in self.anchors if pid != place.id]
            self.nearest[key] = min(haversine_km(place.lat, place.lon, lat, lon) for lat, lon in others) if others else None
        return self.nearest[key]
