"""Date expressions: explicit, relative, anaphoric, ranges and months."""

from __future__ import annotations

from datetime import date

import pytest

import frontlines
from frontlines.mentions.dates import NO_DATE_WARNING, find_dates, resolve_event_date

MON = date(2024, 12, 2)  # a Monday
THU = date(2024, 12, 5)  # a Thursday


def one(text: str, published: date | None = MON, **kw: object):
    spans = find_dates(text, published, **kw)  # type: ignore[arg-type]
    assert len(spans) == 1, spans
    span = spans[0]
    assert text[span.start : span.end] == span.text
    return span


@pytest.mark.parametrize(
    ("text", "expected", "phrase"),
    [
        ("Opposition fighters entered Saraqib on 29 November, a monitor said.", date(2024, 11, 29), "29 November"),
        ("BEIRUT, Nov. 30 (Wire) - Government troops pulled out of the town.", date(2024, 11, 30), "Nov. 30"),
        ("The airbase changed hands on 30 Nov 2024 after a short battle.", date(2024, 11, 30), "30 Nov 2024"),
        ("Shelling hit the market (report dated 2024-11-30).", date(2024, 11, 30), "2024-11-30"),
        ("Flash update issued 29/11/2024 by the cluster.", date(2024, 11, 29), "29/11/2024"),
        ("The cluster issued its flash update on 29/11/2024.", date(2024, 11, 29), "29/11/2024"),  # the stop ends the sentence
        ("The citadel was stormed on the 30th of November.", date(2024, 11, 30), "the 30th of November"),
    ],
)
def test_explicit_dates(text: str, expected: date, phrase: str) -> None:
    span = one(text)
    assert (span.date, span.text, span.time_precision, span.kind) == (expected, phrase, 1, "explicit")


def test_year_comes_from_the_previous_year_across_new_year() -> None:
    span = one("Clashes erupted around Deir Hafer on 29 December.", date(2025, 1, 2))
    assert span.date == date(2024, 12, 29)


def test_a_near_future_day_keeps_the_published_year() -> None:
    # Three days after publication is within the two-month slack.
    assert one("The talks are set for 5 December.").date == date(2024, 12, 5)


def test_no_published_date_and_no_year_gives_no_date() -> None:
    span = one("Rebels reached the outskirts of Hama on 3 December.", None)
    assert span.date is None and span.date_start is None
    assert span.time_precision == 3
    assert span.warning == NO_DATE_WARNING


def test_year_in_text_needs_no_published_date() -> None:
    assert one("Rebels reached Hama on 3 December 2024.", None).date == date(2024, 12, 3)


def test_context_supplies_the_year_when_published_is_missing() -> None:
    assert one("Rebels reached Hama on 3 December.", None, context=date(2024, 11, 30)).date == date(2024, 12, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jets struck Idlib city on Monday.", MON),  # same weekday as published = published
        ("Jets struck Idlib city on Sunday.", date(2024, 12, 1)),
        ("Jets struck Idlib city on Tuesday.", date(2024, 11, 26)),
        ("Jets struck Idlib city last Monday.", date(2024, 11, 25)),  # "last" is strictly before
        ("Jets struck Idlib city on Saturday night.", date(2024, 11, 30)),
    ],
)
def test_weekdays(text: str, expected: date) -> None:
    span = one(text)
    assert (span.date, span.time_precision, span.kind) == (expected, 1, "weekday")


def test_a_newspaper_name_is_not_a_weekday() -> None:
    assert find_dates("The Sunday Telegraph quoted a commander.", MON) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yesterday, fighters pushed into the southern districts.", date(2024, 12, 1)),
        ("Fighters pushed into the southern districts yesterday morning.", date(2024, 12, 1)),
        ("The day before yesterday the road was cut.", date(2024, 11, 30)),
        ("Residents fled the town today.", MON),
        ("Residents fled the town this morning.", MON),
        ("Drones hit the bakery last night.", date(2024, 12, 1)),
        # "overnight" ends on the morning a report is written: its day, as the gold on real and our own texts codes it;
        # "last night" is the night before
        ("Overnight, the army pulled back towards Hama.", MON),
        ("At dawn, the army pulled back towards Hama.", MON),
        # "ago" counts back from the report's day, not from the last day told
        ("The garrison surrendered three days ago.", date(2024, 11, 29)),
    ],
)
def test_relative_days(text: str, expected: date) -> None:
    span = one(text)
    assert span.date == expected
    assert span.time_precision == 1


def test_relative_days_without_published_are_unknown() -> None:
    span = one("Drones hit the bakery yesterday.", None)
    assert span.date is None and span.warning == NO_DATE_WARNING


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Later that day the fighters reached the square.", date(2024, 11, 30)),
        ("The same night the garrison surrendered.", date(2024, 11, 30)),
        ("The following day the garrison surrendered.", date(2024, 12, 1)),
        ("The previous day the garrison had surrendered.", date(2024, 11, 29)),
        ("Two days later the garrison surrendered.", date(2024, 12, 2)),
    ],
)
def test_anaphora_use_the_context_date(text: str, expected: date) -> None:
    span = one(text, context=date(2024, 11, 30))
    assert (span.date, span.kind) == (expected, "anaphoric")


def test_anaphora_without_context_fall_back_to_published_with_a_warning() -> None:
    span = one("That night the garrison surrendered.")
    assert span.date == MON and span.warning


@pytest.mark.parametrize(
    ("text", "first", "middle", "last"),
    [
        ("Fighting raged between 27 and 29 November.", date(2024, 11, 27), date(2024, 11, 28), date(2024, 11, 29)),
        ("From 27 November to 1 December, 40,000 fled.", date(2024, 11, 27), date(2024, 11, 29), date(2024, 12, 1)),
        ("Clashes on 27-29 November left the road cut.", date(2024, 11, 27), date(2024, 11, 28), date(2024, 11, 29)),
        ("Shelling continued on 27 and 28 November.", date(2024, 11, 27), date(2024, 11, 27), date(2024, 11, 28)),
        ("Over the last three days jets hit Idlib.", date(2024, 11, 30), date(2024, 12, 1), MON),
        ("In the past 48 hours jets hit Idlib.", date(2024, 11, 30), date(2024, 12, 1), MON),
        ("Since Wednesday jets have hit Idlib.", date(2024, 11, 27), date(2024, 11, 29), MON),
        ("Since 27 November, 48,000 people have fled.", date(2024, 11, 27), date(2024, 11, 29), MON),
    ],
)
def test_ranges_are_coded_to_their_middle(text: str, first: date, middle: date, last: date) -> None:
    span = one(text)
    assert (span.date_start, span.date, span.date_end) == (first, middle, last)
    assert span.time_precision == 2


def test_this_week_is_a_week_range_even_on_monday() -> None:
    thu = one("This week, rebels took three towns.", THU)
    assert (thu.date_start, thu.date_end, thu.time_precision) == (MON, THU, 2)
    assert one("This week, rebels took three towns.", MON).time_precision == 2


def test_night_of_two_days_is_its_first_day() -> None:
    span = one("The town fell on the night of 29-30 November.")
    assert (span.date, span.time_precision) == (date(2024, 11, 29), 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In November, the front line barely moved.", date(2024, 11, 15)),
        ("In late November the front line collapsed.", date(2024, 11, 30)),
        ("In early December the front line collapsed.", date(2024, 12, 1)),
        ("The ceasefire of March 2020 held until then.", date(2020, 3, 15)),
    ],
)
def test_month_only_dates(text: str, expected: date) -> None:
    span = one(text)
    assert (span.date, span.time_precision, span.kind) == (expected, 3, "month")


def test_on_the_30th_but_not_a_division_number() -> None:
    spans = find_dates("The 4th Division withdrew on the 30th.", MON)
    assert [(s.text, s.date) for s in spans] == [("on the 30th", date(2024, 11, 30))]


def test_counts_and_modals_are_not_dates() -> None:
    assert find_dates("Two strikes killed 12 people and rebels may 3 times retry.", MON) == []


def test_weekday_and_date_form_one_span_and_mismatch_is_flagged() -> None:
    assert one("Rebels entered Aleppo on Friday, 29 November.").warning == ""
    assert one("Rebels entered Aleppo on Thursday, 29 November.").warning


def test_resolve_prefers_a_calendar_date_over_relative_words() -> None:
    span = resolve_event_date("Yesterday the monitor said that on 29 November rebels entered Aleppo.", MON)
    assert span.date == date(2024, 11, 29)


def test_resolve_prefers_a_weekday_over_a_time_of_day_and_shifts_offsets() -> None:
    sentence = "At dawn on Friday, fighters stormed the checkpoint."
    span = resolve_event_date(sentence, MON, sentence_offset=100)
    assert span.date == date(2024, 11, 29)
    assert (span.start, span.end) == (100 + sentence.index("Friday"), 100 + sentence.index("Friday") + 6)


def test_resolve_defaults_to_context_then_published() -> None:
    plain = "Fighters stormed the checkpoint."
    assert resolve_event_date(plain, MON, context=date(2024, 11, 30)).date == date(2024, 11, 30)
    span = resolve_event_date(plain, MON)
    assert (span.date, span.time_precision, span.text, span.start) == (MON, 1, "", -1)
    assert resolve_event_date(plain, None).date is None


def test_resolve_with_a_trigger_picks_the_nearest_date_in_its_clause() -> None:
    sentence = "On 29 November rebels entered Aleppo, and on 30 November they captured the citadel."
    assert resolve_event_date(sentence, MON).date == date(2024, 11, 29)
    span = resolve_event_date(sentence, MON, trigger_start=sentence.index("captured"))
    assert span.date == date(2024, 11, 30)


def test_long_ranges_lose_precision_or_their_date() -> None:
    fortnight = one("Between 20 November and 2 December, 80,000 people fled.")
    assert (fortnight.date, fortnight.time_precision) == (date(2024, 11, 26), 3)
    years = one("Front lines had been static since March 2020.")
    assert years.date is None and years.date_start == date(2020, 3, 1) and years.date_end == MON


def test_a_time_of_day_is_of_the_day_told_before() -> None:
    """"On 27 November rebels took A. At dawn they had seized B": dawn of the narrative's day; with no day told
    before, the report's own."""
    text = "On 27 November 2024, rebels captured Anjara. At dawn they seized Urum al-Kubra."
    got = {e.location: str(e.date) for e in frontlines.extract(text, published="2024-12-03").events}
    assert got == {"Anjara": "2024-11-27", "Urum al-Kubra": "2024-11-27"}
    (alone,) = frontlines.extract("At dawn the rebels seized Urum al-Kubra.", published="2024-12-03").events
    assert str(alone.date) == "2024-12-03"
