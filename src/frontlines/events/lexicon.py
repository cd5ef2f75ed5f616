"""The language pack: frames, lexicons and qualifiers of one language, read from data.

A language pack is a folder ``languages/<code>/`` with ``frames.toml`` (see its header for the
format). Python code holds no verb, noun or qualifier of its own: adding a verb is a data change.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from frontlines.errors import TheaterError

LANGUAGES = Path(__file__).resolve().parent.parent / "languages"
ROLE_SOURCES = ("subj", "subjpass", "obj", "by", "poss", "posspl", "self", "any", "any:obj", "where", "there", "between", "with", "subjheld",
                "subjstay", "subjpass:by", "sayer")


@dataclass(frozen=True, slots=True)
class FrameSpec:
    """One frame of the language pack: a predicate family and the roles it needs."""

    name: str
    kind: str
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    light: dict[str, frozenset[str]] = field(default_factory=dict)  # noun -> verbs
    particles_for: dict[str, frozenset[str]] = field(default_factory=dict)
    particles_not: dict[str, frozenset[str]] = field(default_factory=dict)  # "took up positions" is not "took"
    state_nouns: frozenset[str] = frozenset()
    state_preps: frozenset[str] = frozenset()
    holders: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    governors: frozenset[str] = frozenset()  # state frames: the governing verb must be one of these
    not_governors: frozenset[str] = frozenset()  # ... or must not be one of these
    objects: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()  # the predicate's subject must be one of these ("shells landed in X")
    weapon_verbs: frozenset[str] = frozenset()  # verbs of the frame that count only with a weapon named ("attacked")
    place: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    goal: tuple[str, ...] = ()
    agent: tuple[str, ...] = ()
    loser: tuple[str, ...] = ()
    military: str = "none"
    require_agent: bool = False
    require_loser: bool = False  # a verb of the frame acts on a party ("pushed B from X", not "pushed south from X")
    subject_place: bool = False
    weak: bool = False
    victims: str = ""
    # "civilian": the frame does not hold when its object is people who do not fight ("evacuated civilians to X")
    object_not: str = ""
    control: str = "none"
    event: str = ""
    # kinds of frame this one replaces on the same predicate ("abandoned X to the rebels" is a handover, no withdrawal)
    supersedes: frozenset[str] = frozenset()
    # adjectives that say the frame's own word when negated ("not clear who holds X" is "unclear")
    negated_adjectives: frozenset[str] = frozenset()
    # a frame of a status line with no predicate ("X: A since D"), read from the words after its colon; these are the
    # words that may stand before the holder there ("still", "now")
    label_adverbs: frozenset[str] = frozenset()
    label: bool = False


@dataclass(frozen=True, slots=True)
class Language:
    """A language pack: frames in priority order and the word lists the reader consults."""

    code: str
    frames: tuple[FrameSpec, ...]
    military_nouns: frozenset[str]
    air_weapons: frozenset[str]
    ground_weapons: frozenset[str]
    civilian_nouns: frozenset[str]
    place_anaphora: dict[str, str]
    place_class: frozenset[str]
    partial: frozenset[str]
    region_hedges: frozenset[str]
    region_full: frozenset[str]
    irrealis_heads: frozenset[str]
    modals: frozenset[str]
    negations: frozenset[str]
    hedges: frozenset[str]
    claim_verbs: frozenset[str]
    nonviolent: tuple[str, ...] = ()
    lookback_words: frozenset[str] = frozenset()  # "over the past week": a period counted back from the report, no day
    total_words: frozenset[str] = frozenset()  # "killed 600 so far": a running total, the toll of no one deed
    vandalism_words: frozenset[str] = frozenset()  # "demonstrators toppled statues": a demonstration turned violent
    open_marks: frozenset[str] = frozenset()  # "whether A took X", "if X falls": a clause that asserts nothing
    prospect_adjectives: frozenset[str] = frozenset()  # "an assault on X appears imminent": yet to come
    time_lead_words: frozenset[str] = frozenset()  # "On D, ...", "In the early hours of D, ...": a fronted day's lead
    slight_adjectives: frozenset[str] = frozenset()  # "little resistance": a fight too small to hold the place
    slight_adverbs: frozenset[str] = frozenset()  # "barely a shot fired": the same, told with an adverb
    resistance_nouns: frozenset[str] = frozenset()  # "met no resistance", "without firing a shot": the fight a taking did not meet
    significant: tuple[str, ...] = ()
    time_preps: frozenset[str] = frozenset()
    assessment_verbs: frozenset[str] = frozenset()  # "we assess", "we consider X to be ...": the author's judgement
    author_pronouns: frozenset[str] = frozenset()  # "we", "I": the text's own voice as a subject
    later_preps: frozenset[str] = frozenset()  # "before", "until": the clause they open tells what came after the main one
    cause_nouns: frozenset[str] = frozenset()
    now_words: frozenset[str] = frozenset()
    fight_adjectives: frozenset[str] = frozenset()
    fight_nouns: frozenset[str] = frozenset()
    intransitive_verbs: frozenset[str] = frozenset()
    calendar_words: frozenset[str] = frozenset()
    generic_violence: frozenset[str] = frozenset()
    where_words: frozenset[str] = frozenset()
    there_words: frozenset[str] = frozenset()
    pair_words: frozenset[str] = frozenset()  # "moved into both": the last two places named
    membership_preps: frozenset[str] = frozenset()  # "fighters of A", "our partners in A": the party they belong to
    entry_adverbs: frozenset[str] = frozenset()  # "moved in", "took over": an entry told by its adverb alone
    entry_verbs: frozenset[str] = frozenset()  # "entered from the west": a verb of entry left without its object
    blast_nouns: frozenset[str] = frozenset()  # "a landmine explosion": the happening of the weapon before it
    party_quantifiers: frozenset[str] = frozenset()  # "many of the troops": the counted are the party
    period_nouns: frozenset[str] = frozenset()  # "the first week of fighting": a stretch of time, no happening
    ground_strike_nouns: frozenset[str] = frozenset()  # "a raid": from the air only with aircraft named
    continuation_adjectives: frozenset[str] = frozenset()  # "further strikes": more of the strikes just told
    direction_nouns: frozenset[str] = frozenset()  # "fled in the direction of X": X a goal, like "towards X"
    heading_preps: frozenset[str] = frozenset()  # "the advance towards X": X is a heading, no scene
    ability_modals: frozenset[str] = frozenset()  # "we can confirm that X fell": told, not possible
    confirm_verbs: frozenset[str] = frozenset()  # "B confirmed that X had fallen": stands whatever was denied
    vacated_adjectives: frozenset[str] = frozenset()  # "occupied the abandoned posts": taken without a fight
    quarter_nouns: frozenset[str] = frozenset()  # "the main city in the east": a place described afresh, no reference
    blast_verbs: frozenset[str] = frozenset()  # "a mine exploded": a charge going off (an explosive noun needs one, or harm)
    perfect_auxiliaries: frozenset[str] = frozenset()  # "had" in "the fighters had overrun X" (misparsed as a verb)
    copulas: frozenset[str] = frozenset()  # "troops are in X": a presence told with a verb of being
    goal_preps: frozenset[str] = frozenset()  # "pulled back to B": where a movement ends
    between_preps: frozenset[str] = frozenset()
    instrument_preps: frozenset[str] = frozenset()  # "responded with strikes on X": the deed a verb is done with
    counter_verbs: frozenset[str] = frozenset()  # "repelled an assault by A": the assault is A's
    armed_adjectives: frozenset[str] = frozenset()  # "armed men": people of no side named, armed
    # "local fighters", "southern units": where a force is from or stands names no other party than a bare noun does
    origin_adjectives: frozenset[str] = frozenset()
    territory_nouns: frozenset[str] = frozenset()  # "overtook territory in X": land taken in X
    deal_nouns: frozenset[str] = frozenset()  # "entered X under an agreement": taken without a fight
    deal_preps: frozenset[str] = frozenset()  # "under", "after" (reaching), "following" such a deal
    posted_verbs: frozenset[str] = frozenset()  # "soldiers stationed in X": where a force was posted
    guard_verbs: frozenset[str] = frozenset()  # "units guarding X withdrew": what a force held
    majority_adjectives: frozenset[str] = frozenset()  # "the greater part of X": most of it, not a part
    period_preps: frozenset[str] = frozenset()
    period_relatives: frozenset[str] = frozenset()  # "since 2 December, when B left X": the clause of the period's day
    relative_words: frozenset[str] = frozenset()
    quantity_nouns: frozenset[str] = frozenset()
    denials: frozenset[str] = frozenset()
    no_holder: tuple[str, ...] = ()
    first_person: tuple[str, ...] = ()
    first_person_holders: frozenset[str] = frozenset()  # "X is in our hands", "X is ours": the voice holds X
    reporting_forms: tuple[str, ...] = ()  # "the radio said that ...": the rest of the sentence is another's wording
    harm_verbs: frozenset[str] = frozenset()  # "our forces": a post speaking as a side
    multiword_nouns: tuple[tuple[str, ...], ...] = ()
    lemmas: dict[str, str] = field(default_factory=dict)  # word forms the parser's lemmatizer gets wrong ("retook")
    attribution: dict[str, str] = field(default_factory=dict)  # "attributed to A", "blamed on A": verb -> preposition
    not_names: frozenset[str] = frozenset()  # capitalised words that never name a place alone (case kept)
    explosive_phrases: frozenset[str] = frozenset()  # "car bomb", "ied": nouns of the frames of kind explosive or suicide
    realized_heads: frozenset[str] = frozenset()  # "managed to take X": a to-infinitive that happened
    party_nouns: frozenset[str] = frozenset()  # "the groups": a party only when it refers back to an armed one
    position_nouns: frozenset[str] = frozenset()  # "their positions in X": a force's posts stand for X
    asset_nouns: frozenset[str] = frozenset()  # "struck A gatherings": a force's men and matériel as a target
    capital_nouns: frozenset[str] = frozenset()  # "the capital": the theater's capital, not the last town named
    seat_adjectives: frozenset[str] = frozenset()  # "the provincial capital": the seat of the division named last
    failure_heads: frozenset[str] = frozenset()  # "failed to retake X": X stays with who held it
    agreement_heads: frozenset[str] = frozenset()  # "agreed to evacuate X": an agreement about X
    accuse_verbs: frozenset[str] = frozenset()  # "accused A of shelling X": A did it
    gathering_verbs: frozenset[str] = frozenset()  # "thousands marched to protest": the gathering is the protest
    affiliation_words: frozenset[str] = frozenset()  # "A-affiliated forces": the force is the named party's
    owned_fighter_nouns: frozenset[str] = frozenset()  # "its men": fighters only when a party owns them
    member_nouns: frozenset[str] = frozenset()  # "an opposition commander B": a person who speaks for a party
    leader_verbs: frozenset[str] = frozenset()  # "fighters led by A": the fighters are A's
    launch_verbs: frozenset[str] = frozenset()  # "launched an offensive that took X": the launcher did what it did
    naming_verbs: frozenset[str] = frozenset()  # "a coalition calling itself A", "a group known as A": the noun is A
    description_verbs: frozenset[str] = frozenset()  # "gunmen believed to belong to A": the noun is A's
    result_verbs: frozenset[str] = frozenset()  # "the fighting left X divided": the state the object is left in
    span_verbs: frozenset[str] = frozenset()  # "it took A four years to win X back": the verb of the span a deed took
    long_spans: frozenset[str] = frozenset()  # ... a span too long for the story's days ("years", "months")
    duration_preps: frozenset[str] = frozenset()  # "for eight years A had used X to shell Y": a deed done over a long span
    enmity_nouns: frozenset[str] = frozenset()  # "its enemies", "their foes": the owner's adversary, no party named
    massing_verbs: frozenset[str] = frozenset()  # "were massing near X to retake Y": forces gathered for a deed to come
    unarmed_modifiers: frozenset[str] = frozenset()  # "aid convoys", "medical teams": a noun of force that is none
    country_nouns: frozenset[str] = frozenset()  # "the country's fourth-largest city": the city named before it
    aspect_verbs: frozenset[str] = frozenset()  # "continued to be reported in X": one happening with its infinitive
    attempt_heads: frozenset[str] = frozenset()  # "tried to storm X": an attempt that happened, a fight for X
    witness_verbs: frozenset[str] = frozenset()  # "monitors recorded strikes on X": the subject saw, not struck
    anaphora_excludes: dict[str, frozenset[str]] = field(default_factory=dict)  # "the city": never a village
    succession_verbs: frozenset[str] = frozenset()  # "X fell; Y followed": Y went the way of the place before it
    ellipsis_verbs: frozenset[str] = frozenset()  # "X remains held, as does Y": the auxiliary that repeats a state
    comparison_marks: frozenset[str] = frozenset()  # ... and the word that marks the comparison
    pair_pronouns: frozenset[str] = frozenset()  # "A and B ... Both were lost": the two places named last
    held_area_nouns: frozenset[str] = frozenset()  # "X lies in rebel-held territory": the area a holder label describes
    area_preps: frozenset[str] = frozenset()  # "several villages in/across X": settlements lying in an area, parts of it
    scene_marks: frozenset[str] = frozenset()  # "killed by a mine while ploughing near X": a clause that sets the scene
    # [certainty]: the sources whose statements are claims or reports, regex fragments with {name} slots for
    # the theater's lists (frontlines.events.certainty_vocab)
    partisan_sources: tuple[str, ...] = ()
    neutral_sources: tuple[str, ...] = ()
    # [geoparse]: cue words of the geoparser (frontlines.mentions.geoparse), each list regex fragments in order;
    # [geoparse.cue_kinds]: the place kind each kind word asks for
    geoparse: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # [geoparse.number_words], [geoparse.bearings], [geoparse.facility_classes]: tables of the geoparser
    geoparse_tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    cue_kinds: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def weapons(self) -> frozenset[str]:
        return self.air_weapons | self.ground_weapons


def _words(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in raw.get(key, []))


def _roles(raw: dict[str, Any], key: str, name: str) -> tuple[str, ...]:
    roles = tuple(raw.get(key, []))
    for r in roles:
        if r not in ROLE_SOURCES and not r.startswith(("prep:", "objprep:", "subjprep:", "headprep:", "landprep:", "withprep:")):
            raise TheaterError(f"language pack: frame {name!r}: unknown role source {r!r} in {key}")
    return roles


def _frame(raw: dict[str, Any]) -> FrameSpec:
    name = raw["name"]
    light: dict[str, set[str]] = {}
    for pair in raw.get("light", []):
        verb, noun = pair.lower().split()
        light.setdefault(noun, set()).add(verb)
    return FrameSpec(
        name=name, kind=raw["kind"], verbs=_words(raw, "verbs"), nouns=_words(raw, "nouns"),
        adjectives=_words(raw, "adjectives"), light={n: frozenset(v) for n, v in light.items()},
        particles_for={k.lower(): frozenset(x.lower() for x in v) for k, v in raw.get("particles_for", {}).items()},
        particles_not={k.lower(): frozenset(x.lower() for x in v) for k, v in raw.get("particles_not", {}).items()},
        state_nouns=_words(raw, "state_nouns"), state_preps=_words(raw, "state_preps"), holders=_words(raw, "holders"), modifiers=_words(raw, "modifiers"),
        governors=_words(raw, "governors"), not_governors=_words(raw, "not_governors"),
        objects=_words(raw, "objects"), subjects=_words(raw, "subjects"), weapon_verbs=_words(raw, "weapon_verbs"),
        place=_roles(raw, "place", name), source=_roles(raw, "source", name), goal=_roles(raw, "goal", name),
        agent=_roles(raw, "agent", name), loser=_roles(raw, "loser", name), military=raw.get("military", "none"),
        require_agent=bool(raw.get("require_agent", False)), require_loser=bool(raw.get("require_loser", False)), subject_place=bool(raw.get("subject_place", False)),
        weak=bool(raw.get("weak", False)), victims=raw.get("victims", ""), object_not=raw.get("object_not", ""),
        control=raw.get("control", "none"),
        event=raw.get("event", ""), supersedes=frozenset(raw.get("supersedes", [])),
        negated_adjectives=frozenset(w.lower() for w in raw.get("negated_adjectives", [])),
        label_adverbs=_words(raw, "label_adverbs"), label=bool(raw.get("label", False)),
    )


@lru_cache(maxsize=8)
def load_language(code: str = "en", folder: str | None = None) -> Language:
    """Read ``languages/<code>/frames.toml`` (or ``folder``), validated once."""
    path = Path(folder) if folder else LANGUAGES / code
    file = path / "frames.toml"
    if not file.is_file():
        raise TheaterError(f"no language pack {code!r} (looked for {file})")
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TheaterError(f"{file}: {exc}") from exc
    lex, qual, cert = raw.get("lexicon", {}), raw.get("qualifiers", {}), raw.get("certainty", {})
    geo = raw.get("geoparse", {})
    frames = tuple(_frame(f) for f in raw.get("frame", []))
    for f in frames:
        if f.military not in ("none", "agent", "any", "weapon"):
            raise TheaterError(f"language pack: frame {f.name!r}: military must be none, agent, any or weapon")
        if f.control not in ("none", "agent", "winner", "left", "contested", "unclear", "context"):
            raise TheaterError(f"language pack: frame {f.name!r}: unknown control effect {f.control!r}")
    multi = tuple(sorted({tuple(n.split()) for f in frames for n in f.nouns if " " in n}, key=len, reverse=True))
    return Language(
        code=code, frames=frames, military_nouns=_words(lex, "military_nouns"), air_weapons=_words(lex, "air_weapons"),
        ground_weapons=_words(lex, "ground_weapons"), civilian_nouns=_words(lex, "civilian_nouns"),
        place_anaphora={k.lower(): v for k, v in lex.get("place_anaphora", {}).items()},
        anaphora_excludes={k.lower(): frozenset(v) for k, v in lex.get("anaphora_excludes", {}).items()},
        place_class=_words(lex, "place_class"), partial=_words(lex, "partial"), region_hedges=_words(lex, "region_hedges"),
        region_full=_words(lex, "region_full"), irrealis_heads=_words(qual, "irrealis_heads"), modals=_words(qual, "modals"),
        negations=_words(qual, "negations"), hedges=_words(qual, "hedges"), claim_verbs=_words(qual, "claim_verbs"),
        nonviolent=tuple(w.lower() for w in qual.get("nonviolent", [])), resistance_nouns=_words(qual, "resistance_nouns"),
        slight_adjectives=_words(qual, "slight_adjectives"), slight_adverbs=_words(qual, "slight_adverbs"), deal_nouns=_words(qual, "deal_nouns"), deal_preps=_words(qual, "deal_preps"), open_marks=_words(qual, "open_marks"), prospect_adjectives=_words(qual, "prospect_adjectives"), time_lead_words=_words(qual, "time_lead_words"), vandalism_words=_words(qual, "vandalism_words"), lookback_words=_words(qual, "lookback_words"), total_words=_words(qual, "total_words"),
        significant=tuple(w.lower() for w in qual.get("significant", [])), multiword_nouns=multi,
        time_preps=_words(qual, "time_preps"), later_preps=_words(qual, "later_preps"), assessment_verbs=_words(qual, "assessment_verbs"),
        author_pronouns=_words(qual, "author_pronouns"), cause_nouns=_words(qual, "cause_nouns"), now_words=_words(qual, "now_words"),
        fight_adjectives=_words(lex, "fight_adjectives"), fight_nouns=_words(lex, "fight_nouns"),
        intransitive_verbs=_words(lex, "intransitive_verbs"), calendar_words=_words(lex, "calendar_words"),
        generic_violence=_words(lex, "generic_violence"), where_words=_words(lex, "where_words"), there_words=_words(lex, "there_words"), pair_words=_words(lex, "pair_words"),
        membership_preps=_words(lex, "membership_preps"), entry_adverbs=_words(lex, "entry_adverbs"),
        entry_verbs=_words(lex, "entry_verbs"), blast_nouns=_words(lex, "blast_nouns"), blast_verbs=_words(lex, "blast_verbs"), direction_nouns=_words(lex, "direction_nouns"), quarter_nouns=_words(lex, "quarter_nouns"), vacated_adjectives=_words(qual, "vacated_adjectives"), confirm_verbs=_words(qual, "confirm_verbs"), ability_modals=_words(qual, "ability_modals"), heading_preps=_words(lex, "heading_preps"),
        continuation_adjectives=_words(lex, "continuation_adjectives"), period_nouns=_words(lex, "period_nouns"), party_quantifiers=_words(lex, "party_quantifiers"),
        ground_strike_nouns=_words(lex, "ground_strike_nouns"),
        perfect_auxiliaries=_words(lex, "perfect_auxiliaries"), copulas=_words(lex, "copulas"), goal_preps=_words(lex, "goal_preps"),
        between_preps=_words(lex, "between_preps"), instrument_preps=_words(lex, "instrument_preps"), counter_verbs=_words(lex, "counter_verbs"), armed_adjectives=_words(lex, "armed_adjectives"),
        origin_adjectives=_words(lex, "origin_adjectives"), territory_nouns=_words(lex, "territory_nouns"), posted_verbs=_words(lex, "posted_verbs"), guard_verbs=_words(lex, "guard_verbs"),
        majority_adjectives=_words(lex, "majority_adjectives"), period_preps=_words(qual, "period_preps"), period_relatives=_words(qual, "period_relatives"),
        relative_words=_words(qual, "relative_words"), quantity_nouns=_words(lex, "quantity_nouns"), denials=_words(qual, "denials"),
        no_holder=tuple(w.lower() for w in qual.get("no_holder", [])),
        first_person=tuple(qual.get("first_person", [])), first_person_holders=_words(qual, "first_person_holders"),
        reporting_forms=tuple(w.lower() for w in qual.get("reporting_forms", [])), harm_verbs=_words(lex, "harm_verbs"),
        position_nouns=_words(lex, "position_nouns"), asset_nouns=_words(lex, "asset_nouns"), party_nouns=_words(lex, "party_nouns"),
        capital_nouns=_words(lex, "capital_nouns"), seat_adjectives=_words(lex, "seat_adjectives"), country_nouns=_words(lex, "country_nouns"), leader_verbs=_words(lex, "leader_verbs"), naming_verbs=_words(lex, "naming_verbs"), description_verbs=_words(lex, "description_verbs"), result_verbs=_words(lex, "result_verbs"), span_verbs=_words(lex, "span_verbs"), long_spans=_words(lex, "long_spans"), duration_preps=_words(lex, "duration_preps"), enmity_nouns=_words(lex, "enmity_nouns"), massing_verbs=_words(lex, "massing_verbs"), unarmed_modifiers=_words(lex, "unarmed_modifiers"), launch_verbs=_words(lex, "launch_verbs"), member_nouns=_words(lex, "member_nouns"), owned_fighter_nouns=_words(lex, "owned_fighter_nouns"), affiliation_words=_words(lex, "affiliation_words"), gathering_verbs=_words(lex, "gathering_verbs"), accuse_verbs=_words(lex, "accuse_verbs"), aspect_verbs=_words(lex, "aspect_verbs"), area_preps=_words(lex, "area_preps"), held_area_nouns=_words(lex, "held_area_nouns"), pair_pronouns=_words(lex, "pair_pronouns"), ellipsis_verbs=_words(lex, "ellipsis_verbs"), succession_verbs=_words(lex, "succession_verbs"), comparison_marks=_words(lex, "comparison_marks"), scene_marks=_words(lex, "scene_marks"),
        witness_verbs=_words(qual, "witness_verbs"), failure_heads=_words(qual, "failure_heads"), agreement_heads=_words(qual, "agreement_heads"), attempt_heads=_words(qual, "attempt_heads"),
        realized_heads=_words(qual, "realized_heads"), not_names=frozenset(lex.get("not_names", [])),
        explosive_phrases=frozenset(n for f in frames if f.kind in ("explosive", "suicide") for n in f.nouns),
        lemmas={k.lower(): v.lower() for k, v in lex.get("lemmas", {}).items()},
        attribution={k.lower(): v.lower() for k, v in lex.get("attribution", {}).items()},
        partisan_sources=tuple(cert.get("partisan_sources", ())), neutral_sources=tuple(cert.get("neutral_sources", ())),
        geoparse={k: tuple(v) for k, v in geo.items() if isinstance(v, list)},
        cue_kinds={k: _words(geo.get("cue_kinds", {}), k) for k in geo.get("cue_kinds", {})},
        geoparse_tables={k: dict(v) for k, v in geo.items() if isinstance(v, dict) and k != "cue_kinds"},
    )


_PACK_WORDS: dict[tuple[str, str], frozenset[str]] = {}


def pack_words(lang: Language, name: str, read: Callable[[Language], Iterable[str]]) -> frozenset[str]:
    """A set of words derived from a language pack (its frames' nouns of a kind, its tables), read once per pack (by
    its code) under ``name`` rather than on every question a reader asks."""
    key = (lang.code, name)
    if key not in _PACK_WORDS:
        _PACK_WORDS[key] = frozenset(read(lang))
    return _PACK_WORDS[key]
