"""The clause reader, ninth pass: forms found on a twelfth batch of prose of our own (a humanitarian flash
update, a UN news story, an encyclopedia timeline, a defence briefing, an analyst's update, a wire story, an NGO
situation report, a newspaper explainer), one test per form, each with its contrast.

The helpers are those of test_reader.py (the real pipeline: spaCy parse, gazetteer, actor dictionary).
"""

from __future__ import annotations

import frontlines
from test_reader import status


def events_of(text: str, published: str = "2024-12-06") -> list[tuple[str, str, str]]:
    return [(e.sub_event_type, e.actor1_side, e.location) for e in frontlines.extract(text, published=published).events]


def test_bare_fighters_carry_on_the_last_attacker() -> None:
    """"A took X. Fighters also seized Y": a bare plural armed noun with no article or modifier goes on with the
    doer of the last attack or taking; not with the doer of a retreat, and not when its own clause names that side."""
    taken = "Rebel factions took control of Daraa on Friday. "
    assert events_of(taken + "Fighters also seized Jasim.")[-1] == ("Non-state actor overtakes territory", "opposition",
                                                                    "Jasim")
    assert events_of("The army said it would withdraw from Daraa. Fighters also seized Jasim.")[-1][1] != "government"
    assert events_of(taken + "Troops drove the rebels out of Jasim.")[-1][1] != "opposition"
