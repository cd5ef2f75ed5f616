"""Name folding and lookup across transliterations."""

from __future__ import annotations

import pytest

from frontlines.errors import TheaterError
from frontlines.mentions.gazetteer import Gazetteer, folded_key, skeleton
from frontlines.models import Place


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ma'arrat al-Nu'man", "Maarrat al-Numan"),
        ("Ma’arrat al-Nu’man", "Ma'arrat al-Nu'man"),
        ("Ma‘arrat an Nu‘mān", "Maarrat al-Numan"),
        ("Tell Rifaat", "Tal Rifaat"),
        ("Kfar Nabl", "Kafr Nabl"),
        ("Jebel Zawiya", "Jabal Zawiya"),
        ("Mount Zawiya", "Jabal Zawiya"),
        ("Qal'at al-Madiq", "Qalaat al-Madiq"),
        ("As-Suwayda", "Suwayda"),
    ],
)
def test_folded_keys_meet(a: str, b: str) -> None:
    assert folded_key(a) == folded_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Khan Sheikhoun", "Khan Shaykhun"), ("Sarakeb", "Saraqib"), ("Kafranbel", "Kafr Nabl"), ("Mhardeh", "Mahardah")],
)
def test_skeletons_meet(a: str, b: str) -> None:
    assert skeleton(folded_key(a)) == skeleton(folded_key(b))


def test_different_names_stay_apart() -> None:
    assert skeleton(folded_key("Hama")) != skeleton(folded_key("Homs"))
    assert folded_key("Idlib") != folded_key("Aleppo")


def test_lookup_across_spellings(mini) -> None:
    gaz = mini.gazetteer
    for spelling in ("Khan Sheikhoun", "Khān Shaykhūn", "khan shaykhun", "خان شيخون"):
        assert gaz.lookup(spelling)[0].place.id == "gn:170591", spelling
    assert gaz.lookup("Kafranbel")[0].place.id == "gn:169389"
    assert gaz.lookup("Mahardah")[0].place.id == "gn:167357"
    exact = gaz.lookup("Saraqib")[0]
    fuzzy = gaz.lookup("Sarakib")[0]
    assert exact.score == 1.0 and fuzzy.place.id == exact.place.id and fuzzy.score < 1.0


def test_lookup_returns_all_namesakes(mini) -> None:
    ids = {c.place.id for c in mini.gazetteer.lookup("Ramtha")}
    assert ids == {"wp:ramtha-sy", "jo:ramtha"}


def test_search_scores_and_orders(mini) -> None:
    results = mini.gazetteer.search("Sarakeb", limit=3)
    assert results[0][0].name == "Saraqib"
    assert all(0 <= s <= 1 for _, s in results)
    assert [s for _, s in results] == sorted((s for _, s in results), reverse=True)


def test_bad_kind_is_refused() -> None:
    with pytest.raises(TheaterError, match="kind"):
        Gazetteer([Place(id="x", name="X", kind="planet", lat=1, lon=1)])


def test_add_merges_names_for_same_id() -> None:
    gaz = Gazetteer([Place(id="x", name="Kafr Halab", kind="settlement", lat=36.0, lon=36.9, names=("Kafr Halab",))])
    gaz.add(Place(id="x", name="Kafr Halab", kind="settlement", lat=36.0, lon=36.9, names=("Kfar Halab", "كفرحلب")))
    assert len(gaz) == 1
    assert gaz.lookup("كفرحلب")[0].place.id == "x"
