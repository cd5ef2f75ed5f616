"""Fatality, wounded and captured counts, coded the ACLED way."""

from __future__ import annotations

import pytest

from frontlines.events.fatalities import number_value, parse_casualties


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("At least 14 soldiers were killed in clashes near Morek.", 14),
        ("The siege of the district killed 1,200 people over four years.", 1200),
        ("Twelve fighters died when their position was shelled.", 12),
        ("Twenty-three conscripts were reported killed at the checkpoint.", 23),
        ("A dozen militiamen were killed in the ambush.", 12),
        ("Two dozen gunmen were killed in the ambush.", 24),
        ("Eleven people lost their lives in the market strike.", 11),
        ("The bodies of 9 soldiers were recovered from the rubble.", 9),
        ("The strike left 6 civilians dead.", 6),
        ("The death toll from the market strike rose to 31 on Monday.", 31),
        ("More than 60 militants were killed, an army statement said.", 60),
        ("On 1 December, 22 civilians were killed in Idlib city.", 22),  # the day is not a count
    ],
)
def test_counts(sentence: str, expected: int) -> None:
    assert parse_casualties(sentence).fatalities == expected


def test_phrase_and_span() -> None:
    sentence = "Shelling on the camp killed at least 7 civilians, rescuers said."
    cas = parse_casualties(sentence)
    assert cas.fatalities_text == "killed at least 7 civilians"
    assert sentence[cas.start : cas.end] == cas.fatalities_text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Between 12 and 20 fighters died in the assault.", 12),
        ("Some 12 to 15 soldiers were killed.", 12),
        ("Up to 30 people were killed in the raid.", 30),  # the only figure given
        ("The raid killed 15 people, according to the Observatory, while state media said 40.", 15),
        ("State media said 40 people were killed, while the Observatory put the toll at 15.", 15),
    ],
)
def test_lowest_of_ranges_and_differing_reports(sentence: str, expected: int) -> None:
    assert parse_casualties(sentence).fatalities == expected


@pytest.mark.parametrize(
    ("sentence", "significant", "expected"),
    [
        ("Dozens of rebels were killed in the counter-attack.", False, 12),
        ("Hundreds of civilians have died since the offensive began.", False, 100),
        ("Tens of soldiers were killed on the Hama front.", False, 10),
        ("The fighting left scores dead on both sides.", False, 20),
        ("Several soldiers were killed when the convoy was hit.", False, 3),
        ("Several soldiers were killed when the convoy was hit.", True, 10),
        ("Many civilians were killed in the barrage.", True, 10),
        ("A few fighters died in the exchange of fire.", True, 3),
        ("The strikes caused multiple deaths and injuries among their ranks.", False, 3),
        ("Fatalities were reported after the car bomb.", False, 3),
    ],
)
def test_vague_counts(sentence: str, significant: bool, expected: int) -> None:
    assert parse_casualties(sentence, significant=significant).fatalities == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The shelling caused civilian casualties in al-Bab.",
        "Hundreds of people were killed or injured in the first week.",
        "Rebels killed or wounded 30 soldiers in the ambush.",
        "The clashes left 12 fighters killed and wounded.",
        "No civilians were killed in the strike.",
        "No one was killed, the monitor said.",
        "The 4th Division lost 2 tanks near Khan Shaykhun.",
    ],
)
def test_unclear_or_no_deaths_code_zero(sentence: str) -> None:
    assert parse_casualties(sentence).fatalities == 0


def test_killed_and_wounded_are_kept_apart() -> None:
    cas = parse_casualties("The strike hit a school, killing three children and wounding 17 others.")
    assert (cas.fatalities, cas.wounded, cas.captured) == (3, 17, None)


def test_wounded_only() -> None:
    cas = parse_casualties("Nine people were injured when a drone hit the bakery.")
    assert (cas.fatalities, cas.wounded) == (0, 9)
    assert cas.fatalities_text == "" and cas.start == -1


def test_dead_of_night_is_not_a_death() -> None:
    cas = parse_casualties("Shelling hit the clinic, injuring 14 people in the dead of night.")
    assert (cas.fatalities, cas.wounded) == (0, 14)


@pytest.mark.parametrize(
    ("sentence", "captured"),
    [
        ("Rebels captured 40 soldiers at the airbase.", 40),
        ("The faction said it took 25 prisoners.", 25),
        ("Dozens of SDF fighters were taken prisoner in Tal Rifaat.", 12),
        ("HTS captured 20 villages and 12 tanks.", None),
        ("Fighters freed 300 prisoners from the central jail.", None),
    ],
)
def test_captured_are_not_fatalities(sentence: str, captured: int | None) -> None:
    cas = parse_casualties(sentence)
    assert (cas.fatalities, cas.captured) == (0, captured)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The raid killed 5 soldiers and 3 civilians.", 8),
        ("Four fighters and two civilians were killed in the shelling.", 6),
        ("300 killed, 100 killed", 400),
    ],
)
def test_separate_groups_are_summed(sentence: str, expected: int) -> None:
    assert parse_casualties(sentence).fatalities == expected


def test_sub_counts_are_not_added() -> None:
    cas = parse_casualties(
        "At least 22 civilians were killed, including seven children, and 40 others, including 12 women, were injured."
    )
    assert (cas.fatalities, cas.wounded) == (22, 40)
    cas = parse_casualties("Eight civilians—including one woman and three children—were killed.")
    assert cas.fatalities == 8


def test_a_running_total_is_not_added_to_the_incident() -> None:
    assert parse_casualties("The strike killed 6, bringing the death toll from the offensive to 60.").fatalities == 6


def test_single_people() -> None:
    assert parse_casualties("A field commander was killed in the drone strike.").fatalities == 1
    assert parse_casualties("The shell hit the yard, killing a 9-year-old girl.").fatalities == 1
    assert parse_casualties("Brigadier Kamal Hassan was killed near Hama.").fatalities == 1


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,200", 1200), ("twenty-three", 23), ("two dozen", 24), ("a hundred", 100), ("two hundred and fifty", 250),
     ("half a dozen", 6), ("73+", 73), ("a score", 20), ("lots", None)],
)
def test_number_value(text: str, value: int | None) -> None:
    assert number_value(text) == value
