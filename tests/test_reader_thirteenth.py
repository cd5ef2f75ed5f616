"""The clause reader, thirteenth pass: forms found on batches 26 and later of prose of our own, one test per form,
each with its contrast.

The helpers are those of test_reader.py and test_reader_eleventh.py (the real pipeline: spaCy parse, gazetteer,
actor dictionary), here with a report day of 15 December unless a test gives its own.
"""

from __future__ import annotations

from functools import partial

import test_reader_eleventh

events_of = partial(test_reader_eleventh.events_of, published="2024-12-15")
dated = partial(test_reader_eleventh.dated, published="2024-12-15")


def test_a_line_that_is_a_day_alone_heads_the_section_below_it() -> None:
    """A timeline's heading "6 December" on a line of its own is one sentence (not "6" and "December"), and what the
    section under it tells is of that day, with or without a blank line after the heading, even when the paragraph
    before named another day."""
    story = ("After the fall of Hama on 5 December the lines broke.\n\n6 December\nLocal fighters attacked army "
             "checkpoints across the south, and by the evening the factions had seized the city of Daraa.")
    assert dated(story) == {"Hama": "2024-12-05", "Daraa": "2024-12-06"}
    headed = "6 December\n\nRebels took Sanamayn.\n\n7 December\n\nFighters from the south took Nawa."
    assert dated(headed) == {"Al-Sanamayn": "2024-12-06", "Nawa": "2024-12-07"}
    # a paragraph under no heading starts afresh: the report's day
    assert dated("Rebels took Hama on 5 December.\n\nRebels took Sanamayn.") == {
        "Hama": "2024-12-05", "Al-Sanamayn": "2024-12-15"}
