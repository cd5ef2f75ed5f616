"""How sure a sentence is about the event it reports, and who says so.

``Certainty.assess`` reads the cue words of a sentence (attributions, hedges, denials, negations,
modals) and says whether the event at the trigger is confirmed, reported, claimed by a party,
disputed or uncertain; whether it is negated ("did not fall") or hypothetical ("might push
toward"); and who claims it.

Who counts as a party and who as an observer is data: the language pack's ``[certainty]`` lists the
sources of the language ("state media", "the army", "witnesses") with slots that the theater's
``[rules]`` lists fill (a party's acronym, the state news agency, the nationality adjectives of the
parties); see :mod:`frontlines.events.certainty_vocab`. ``Certainty.for_theater(theater)`` compiles
them once per language and theater.

A cue only counts when it governs the trigger: it must be in the trigger's clause (no ';', 'but',
', while', ', whereas', ', although' in between), and negations and modals must come shortly
before the trigger. Disputes are the exception: "..., but the army said ..." disputes the clause
before it.

All cues are found in one scan with a single compiled regex; the rest is constant work per cue.
The rules are documented in ``docs/rules.md`` ("Certainty").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from frontlines.errors import TheaterError
from frontlines.events.certainty_vocab import first_chars, first_words, key_pattern, source_alternations
from frontlines.events.lexicon import load_language

if TYPE_CHECKING:
    from frontlines.theater import Theater

__all__ = ["CERTAINTY_ORDER", "Assessment", "Certainty", "assess"]

#: Precedence when several cues apply, strongest first. A hedge on a claim is
#: still uncertain (the claimant is kept in ``claimed_by``); a party's own
#: "confirmation" is still a claim; anything unmarked is a plain report.
CERTAINTY_ORDER: tuple[str, ...] = ("disputed", "uncertain", "claimed", "confirmed", "reported")


@dataclass(frozen=True, slots=True)
class Assessment:
    """The certainty of one event mention.

    ``certainty`` is one of ``CERTAINTY_ORDER``; ``claimed_by`` the claimant
    phrase as written ("state media", "the operations room"), "" if none;
    ``negated``/``hypothetical`` are independent of ``certainty``; ``cues``
    the cue words that decided, in sentence order.
    """

    certainty: str
    claimed_by: str
    negated: bool
    hypothetical: bool
    cues: tuple[str, ...]


_WHERE = r"(?:\s+(?:in|of|from|near)\s+(?:the\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2})?"
_ADV = r"(?:\s+(?:also|later|earlier|has|have|had|previously|officially|subsequently|separately|then|itself|"
_ADV += r"quickly|on\s+[A-Z]\w+day|in\s+a\s+statement|in\s+statements))*"
_SAY = (
    r"said|says|say|reported|reports|report|claimed|claims|claim|announced|announces|announce|stated|states|"
    r"declared|declares|insisted|insists|told|tells|published|posted|wrote|shared|boasted|asserted|alleged|"
    r"alleges|added|confirmed|confirms|acknowledged|admitted|quoted|cited|described|showed|shows|broadcast|"
    r"aired|maintained|maintains|argued|counted|documented|recorded|estimated"
)
_DENY = r"denied|denies|deny|denying|refuted|refutes|refuting"
# A verb of saying raised onto its subject ("fighters said to be from A", "units reported to have entered X") tells
# what others say of the subject, a hedge: the subject is no speaker.
_NOT_RAISED = r"(?!\s+to\s+(?:be|have)\b)"

# Negative contractions, straight or curly apostrophe.
_NT = r"(?:do|does|did|is|are|was|were|has|have|had|ca|could|wo|would|should)n['’]t"

# The cue alternatives, in the order they are tried at a position: negated
# confirmations before confirmations, hedged modals ("may have") before
# modals, a source with its verb before the bare verb. The sources are the
# language's and the theater's: a compiled ``Certainty`` puts them in place of
# these two slots.
_PARTISAN = "{partisan}"
_NEUTRAL = "{neutral}"
_ALTS: tuple[tuple[str, str], ...] = (
    # "could not be independently verified", "has not been confirmed",
    # "yet to be confirmed": a negated confirmation is a hedge.
    ("unc_neg",
     rf"(?:cannot|could\s+not|can\s+not|not|{_NT}|never|unable\s+to|yet\s+to|remains?\s+to|remained\s+to|without)\s+"
     r"(?:(?:be|been|being|yet|independently|immediately|officially|fully|so\s+far|able\s+to|possible\s+to|"
     r"\w+ly)\s+){0,3}(?:confirm|verif|corroborat|authenticat)\w*"),
    ("unc",
     r"(?:unconfirmed|unverified|uncorroborated|appears?|appeared|appearing|seems?|seemed|seemingly|apparently|"
     r"purportedly|allegedly|alleged|unclear|possibly|likely|probably|presumably|rumou?red|rumou?rs|"
     r"not\s+(?:immediately\s+|yet\s+|entirely\s+)?clear|unknown\s+whether|(?:may|might|could)\s+(?:already\s+)?have|"
     r"(?:is|are|was|were)\s+(?:said|believed|thought)\s+to|believed\s+to|said\s+to\s+(?:be|have))\b"),
    ("dispute",
     r"(?:(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes|disputed|disputes|"
     r"contradicted|contradicts|challenged)\s+(?:the\s+|these\s+|those\s+|such\s+|this\s+|that\s+|their\s+|its\s+)?"
     r"(?:\w+\s+)?(?:claims?|reports?|allegations?|accounts?|assertions?|statements?|narrative|version)|disputed|"
     r"contradicted|contradicting|conflicting\s+(?:reports|claims|accounts)|"
     # "described as "completely baseless" reports that X", "what it called fabricated claims"
     r"(?:baseless|unfounded|fabricated|groundless)[\"”'’]?\s+(?:reports?|claims?|news|rumou?rs|allegations?))\b"),
    ("deny_subj", rf"(?P<ds_org>{_PARTISAN}|{_NEUTRAL}){_WHERE}{_ADV}\s+(?:{_DENY})\b"),
    ("deny", rf"(?:{_DENY})\b"),
    ("claim_subj",
     rf"(?P<cs_org>{_PARTISAN})(?:['’]s?\s+(?:statement|announcement|account|spokes(?:man|woman|person)|"
     rf"media\s+office))?{_WHERE}{_ADV}\s+(?P<cs_v>{_SAY})\b{_NOT_RAISED}"),
    ("claim_by",
     r"(?:according\s+to|citing|cited\s+by|(?:posted|published|shared|released|reported|claimed|announced|"
     r"circulated|broadcast|aired|quoted)\s+(?:by|on|in)|footage\s+from|(?:a\s+)?statement\s+(?:from|by))\s+"
     rf"(?P<cb_org>{_PARTISAN})"),
    ("rep_subj", rf"(?P<rs_org>{_NEUTRAL}){_WHERE}{_ADV}\s+(?P<rs_v>{_SAY})\b{_NOT_RAISED}"),
    ("rep_by", r"(?:according\s+to|citing)\b"),
    ("conf",
     r"(?:we\s+can\s+(?:now\s+)?confirm|officially\s+confirmed|geolocat\w*|confirmed|confirms|confirm|verified|"
     r"verifies|corroborated)\b"),
    ("claim", r"claim(?:ed|s|ing)?\b(?!\s+(?:the\s+)?(?:\w+\s+)?lives?\b)"),
    ("neg",
     rf"(?:not(?!\s+only)|never|no\s+longer|fail(?:ed|s)?\s+to|unable\s+to|(?:has|have|had)\s+yet\s+to|no|none\s+of|"
     rf"nobody|neither|nor|cannot|{_NT})\b"),
    ("hyp",
     r"(?:(?:could|might|would|should|will|shall)\b|(?-i:may)\b|(?:is|are|was|were)\s+expected\s+to|expected\s+to|"
     r"expects?\s+to|plan(?:s|ned|ning)?\s+to|threat(?:en|ens|ened|ening)\s+to|intend(?:s|ed|ing)?\s+to|"
     r"aim(?:s|ed|ing)?\s+to|seek(?:s|ing)?\s+to|sought\s+to|prepar(?:e|es|ed|ing)\s+(?:to|for)|poised\s+to|"
     r"set\s+to|about\s+to|going\s+to|vow(?:s|ed)?\s+to|pledg(?:e|es|ed)\s+to|likely\s+to|tr(?:y|ies|ied|ying)\s+to|"
     r"attempt(?:s|ed|ing)?\s+to|warn(?:s|ed|ing)?\s+(?:of|that)|fear(?:s|ed)?\s+(?:of|that)|if|unless|in\s+case|"
     r"in\s+the\s+event|possible|potential(?:ly)?|imminent)\b"),
)

# Speed. Trying these alternatives (three of them long lists of sources) at
# every word costs ~300 us a sentence. Instead a cheap scan (the key) finds the
# words a cue can start with, grouped by first character so that sre rejects
# most positions with one character test, and at such a word only the
# alternatives that can start with its first character are tried. The source
# alternatives need a verb of saying after the source, so they are only tried
# where such a verb follows within _SOURCE_REACH characters. The first words of
# each alternative are read off its pattern (certainty_vocab.first_words); those
# of a source alternative off its sources.
_SOURCE_KINDS = frozenset({"deny_subj", "claim_subj", "rep_subj"})
_SOURCE_REACH = 140
_PLAIN_FIRST = {n: first_words(b) for n, b in _ALTS if n not in _SOURCE_KINDS}
# Verbs that can end a source alternative.
_SOURCE_VERB = re.compile(
    r"\b(?:" + key_pattern({w for w in re.findall(r"[a-z]+", _SAY + "|" + _DENY)}) + ")"
)


def _dispatch(alts: tuple[tuple[str, str], ...], words: dict[str, frozenset[str]],
              with_sources: bool) -> dict[str, re.Pattern[str]]:
    table: dict[str, re.Pattern[str]] = {}
    for c in {c for ws in words.values() for w in ws for c in first_chars(w)}:
        pats = [
            f"(?P<{n}>{b})" for n, b in alts
            if (with_sources or n not in _SOURCE_KINDS) and any(c in first_chars(w) for w in words[n])
        ]
        if pats:
            table[c] = re.compile("|".join(pats), re.IGNORECASE)
    return table


# Clause breaks that stop a cue from reaching the trigger.
_BOUNDARY = re.compile(r";|\b[Bb]ut\b|,\s*(?:while|whereas|although|though|yet)\b")
# Sources right after a clause break ("..., but the army said") dispute it.
_ATTRIB_KINDS = frozenset({"claim_subj", "claim_by", "rep_subj", "deny_subj", "claim"})
_FORWARD_KINDS = frozenset({"claim_subj", "rep_subj", "claim"})
_FORWARD = re.compile(r"\s+(?:that|to|how|whether|it|its|they|their|he|she)\b", re.IGNORECASE)
# A source that opens a clause joined by "and" after the happening's ("..., and the army said ..."): a report of its own.
_JOINED = re.compile(r",\s*and\s+$")
# "denied that ..." with a claim to deny.
_DENY_TARGET = re.compile(r"\s+(?:the\s+|these\s+|such\s+)?(?:claims?|reports?|allegations?)\b", re.IGNORECASE)
# The claimant before a bare "claimed": a capitalised name or "the <noun>"
# (not any lower-case word: in "denied claims" the claim is a noun).
_CLAIMANT_LEFT = re.compile(
    r"\b((?:(?:the|a|an)\s+)?[A-Z][\w'’.\-]*(?:\s+(?:of\s+(?:the\s+)?|for\s+)?[A-Z][\w'’.\-]*){0,4}"
    r"|(?:the|a|an)\s+[a-z][\w\-]*)"
    r"(?:\s+(?:also|later|had|has|have|previously|then|now))*\s+$"
)
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "who", "which", "that", "this", "and", "but", "also", "or"})
_WORD = re.compile(r"[\w'’]+")
_COMMA = re.compile(r",")
_NEG_WINDOW = 6   # words between a negation and its trigger
_HYP_WINDOW = 6   # words between a modal and its trigger


def _words_between(text: str, a: int, b: int) -> int:
    return len(_WORD.findall(text, a, b)) if b > a else 0


@dataclass(slots=True)
class _Cue:
    kind: str
    start: int
    end: int
    text: str
    org: str = ""


# What a hedge word governs when it is the aim, the cause or the manner of the happening told before it ("..., likely
# to slow the advance", "..., probably due to losses", "took X, apparently without a fight"), not the happening itself;
# "likely to have" still hedges.
_HEDGED_AIM = re.compile(r"\s+(?:to\s+(?!have\b|be\b)|due\s+to\b|because\b|owing\s+to\b|in\s+order\s+to\b|as\s+part\s+of\b"
                         r"|without\b|with\s+(?:no|little|barely|hardly)\b)", re.I)


class Certainty:
    """The certainty cues of one language pack and theater, compiled once: build it with
    :meth:`for_theater` (or :meth:`for_language` for the language's own sources only), then call
    :meth:`assess` per event mention."""

    __slots__ = ("_by_char", "_by_char_no_source", "_key", "_partisan")

    def __init__(self, partisan: str, neutral: str) -> None:
        """``partisan``, ``neutral``: the sources, one regex alternation each
        (:func:`frontlines.events.certainty_vocab.source_alternations`)."""
        alts = tuple((n, b.replace(_PARTISAN, partisan).replace(_NEUTRAL, neutral)) for n, b in _ALTS)
        try:
            org_partisan, org_neutral = first_words(partisan), first_words(neutral)
        except ValueError as exc:
            raise TheaterError(f"certainty sources: every source must start with a word ({exc})") from exc
        words = {**_PLAIN_FIRST, "claim_subj": org_partisan, "rep_subj": org_neutral,
                 "deny_subj": org_partisan | org_neutral}
        self._key = re.compile(r"\b(?:" + key_pattern({w for ws in words.values() for w in ws}) + ")")
        self._by_char = _dispatch(alts, words, with_sources=True)
        self._by_char_no_source = _dispatch(alts, words, with_sources=False)
        self._partisan = re.compile(rf"^(?:{partisan})$", re.IGNORECASE)

    @classmethod
    def for_theater(cls, theater: Theater) -> Certainty:
        """The cues of the theater's language pack with the theater's sources (``[rules]``), cached."""
        lang = load_language(theater.language)
        return _compiled(*source_alternations(lang.partisan_sources, lang.neutral_sources, theater.rules))

    @classmethod
    def for_language(cls, code: str = "en") -> Certainty:
        """The cues of a language pack with its own sources only (no theater's names), cached."""
        lang = load_language(code)
        return _compiled(*source_alternations(lang.partisan_sources, lang.neutral_sources, {}))

    def is_partisan(self, org: str) -> bool:
        """Whether a source phrase, as a whole, is one whose statements are claims."""
        return self._partisan.match(org) is not None

    def _matches(self, sentence: str) -> Iterator[re.Match[str]]:
        """Leftmost, non-overlapping cues, as ``finditer`` over all the
        alternatives at once would give them."""
        verbs = [m.start() for m in _SOURCE_VERB.finditer(sentence)]
        by_char, no_source = self._by_char, self._by_char_no_source
        end = 0
        for k in self._key.finditer(sentence):
            p = k.start()
            if p < end:
                continue
            i = bisect_right(verbs, p)
            table = by_char if i < len(verbs) and verbs[i] - p <= _SOURCE_REACH else no_source
            rx = table.get(sentence[p])
            m = rx.match(sentence, p) if rx is not None else None
            if m is not None and m.end() > p:
                end = m.end()
                yield m

    def _collect(self, sentence: str) -> list[_Cue]:
        out: list[_Cue] = []
        for m in self._matches(sentence):
            # The outermost alternative that matched (inner groups close first).
            kind = m.lastgroup or ""
            org = ""
            if kind == "deny_subj":
                org = m.group("ds_org")
            elif kind == "claim_subj":
                org = m.group("cs_org")  # a party "confirming" is still a claim
            elif kind == "claim_by":
                org = m.group("cb_org")
            elif kind == "rep_subj":
                org = m.group("rs_org")
                if m.group("rs_v").lower().startswith("confirm"):
                    kind = "conf"  # "the monitor confirmed"
            elif kind == "claim":
                left = _CLAIMANT_LEFT.search(sentence, max(0, m.start() - 60), m.start())
                if left is not None and left.group(1).lower().split()[-1] not in _PRONOUNS:
                    org = left.group(1)
            elif kind == "hyp" and m.group().lower().startswith("likely"):
                # "struck X, likely to slow the advance": the hedge is on the aim (the cue itself still makes what
                # follows it a possibility: "are likely to storm X")
                if _HEDGED_AIM.match(sentence, m.start() + 6) is None:
                    out.append(_Cue("unc", m.start(), m.start() + 6, m.group()[:6]))
            elif kind == "unc" and _HEDGED_AIM.match(sentence, m.end()) is not None:
                continue  # "withdrew, likely due to losses": the hedge is on the cause
            out.append(_Cue(kind, m.start(), m.end(), m.group(), org.strip()))
        return out

    def assess(self, sentence: str, trigger_start: int = -1, trigger_end: int = -1) -> Assessment:
        """Certainty, claimant, negation and hypotheticality of the event at
        ``sentence[trigger_start:trigger_end]`` (the whole sentence if no trigger).
        """
        cues = self._collect(sentence)
        if not cues:
            return Assessment("reported", "", False, False, ())
        has_trigger = trigger_start >= 0
        if has_trigger and trigger_end < trigger_start:
            trigger_end = trigger_start
        breaks = [(m.start(), m.end()) for m in _BOUNDARY.finditer(sentence)]
        break_ends = [e for _, e in breaks]

        def clause(pos: int) -> int:
            return bisect_right(break_ends, pos)

        tclause = clause(trigger_start) if has_trigger else -1
        scope = [
            c for c in cues
            if not has_trigger or (
                clause(c.start) == tclause
                # A source after the trigger governs it only as a tag ("...,
                # state media said"), not when it opens a new report ("... and
                # claimed to have taken the square").
                # (nor when a new clause of its own after "and" opens it: "A held X, and the army said in a statement
                # that ...")
                and not (c.kind in _FORWARD_KINDS and c.start >= trigger_end and (
                    _FORWARD.match(sentence, c.end) or _JOINED.search(sentence, trigger_end, c.start)))
                # the happening's own verb is no verb of saying ("the army maintained control of X")
                and not (c.kind in _ATTRIB_KINDS and c.start < trigger_start < c.end)
            )
        ]
        used: list[_Cue] = []

        # --- negation and hypotheticality: shortly before the trigger ---------
        negated = hypothetical = False
        for c in scope:
            if c.kind not in ("neg", "hyp"):
                continue
            if has_trigger:
                if c.start >= trigger_start:
                    continue
                n = _words_between(sentence, c.end, trigger_start)
                window = _NEG_WINDOW if c.kind == "neg" else _HYP_WINDOW
                conditional = c.kind == "hyp" and c.text.lower() in ("if", "unless", "in case", "in the event")
                if n > window and not conditional:
                    continue
                if not conditional and _COMMA.search(sentence, c.end, trigger_start):
                    continue
            if c.kind == "neg":
                negated = True
            else:
                hypothetical = True
            used.append(c)

        # --- disputes ---------------------------------------------------------
        disputed = False
        attributions = [c for c in cues if c.kind in _ATTRIB_KINDS or c.kind == "rep_by"]
        for c in cues:
            if c.kind == "dispute":
                disputed = True
                used.append(c)
            elif c.kind in ("deny", "deny_subj"):
                about_claims = _DENY_TARGET.match(sentence, c.end) is not None
                others = [a for a in attributions if a is not c]
                if about_claims or others:
                    disputed = True
                    used.append(c)
                elif not has_trigger or (clause(c.start) == tclause and c.start < trigger_start):
                    # "The army denied that X fell": nothing claims it fell,
                    # so the denier's statement negates the event.
                    negated = True
                    used.append(c)
        # "..., but the army said ...": a source right after a contrast ("but",
        # "while", not a mere ';') disputes the clause before it (or the
        # contrast sits between two sources).
        sourced = [a for a in attributions if a.kind != "claim"]
        for bs, be in breaks:
            if sentence[bs] == ";":
                continue
            k = clause(be)
            after = next((a for a in sourced if clause(a.start) == k
                          and _words_between(sentence, be, a.start) <= 3), None)
            if after is None:
                continue
            before_has_source = any(clause(a.start) < k for a in attributions)
            if not has_trigger or tclause == k - 1 or (tclause == k and before_has_source):
                disputed = True
                used.append(after)

        # --- claims, hedges, confirmations in scope ---------------------------
        uncertain = any(c.kind in ("unc", "unc_neg") for c in scope)
        claims = [c for c in scope if c.kind in ("claim_subj", "claim_by", "claim")
                  or (c.kind == "deny_subj" and c.org and not disputed and self.is_partisan(c.org))]
        confirmed = any(c.kind == "conf" for c in scope)
        used.extend(c for c in scope if c.kind in ("unc", "unc_neg", "conf", "claim_subj", "claim_by", "claim",
                                                   "rep_subj", "rep_by"))

        claimant = ""
        if claims:
            ref = trigger_start if has_trigger else 0
            best = min(claims, key=lambda c: (not c.org, abs(c.start - ref)))
            claimant = best.org
        if disputed:
            certainty = "disputed"
        elif uncertain:
            certainty = "uncertain"
        elif claims:
            certainty = "claimed"
        elif confirmed:
            certainty = "confirmed"
        else:
            certainty = "reported"
        seen: set[int] = set()
        texts = []
        for c in sorted(used, key=lambda c: c.start):
            if c.start not in seen:
                seen.add(c.start)
                texts.append(c.text)
        return Assessment(certainty, claimant, negated, hypothetical, tuple(texts))


@lru_cache(maxsize=16)
def _compiled(partisan: str, neutral: str) -> Certainty:
    return Certainty(partisan, neutral)


def assess(sentence: str, trigger_start: int = -1, trigger_end: int = -1, *,
           vocab: Certainty | None = None) -> Assessment:
    """``vocab.assess(...)``: the certainty of the event at ``sentence[trigger_start:trigger_end]``
    with a theater's cues (:meth:`Certainty.for_theater`); without ``vocab``, the English language
    pack's own sources only, which name no party."""
    return (Certainty.for_language() if vocab is None else vocab).assess(sentence, trigger_start, trigger_end)
