"""ACLED's event typology (exact names, hierarchy) with a PLOVER and CAMEO crosswalk.

Names and order follow the ACLED codebook, Table 2 (see
shared reference notes, summarised in docs/rules.md). The order matters:
concurrent tactics at one place and day merge into the higher type.
PLOVER 2.0 event/mode and CAMEO root codes are the nearest equivalents, for
users who join our events with PLOVER/POLECAT or ICEWS-style data.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SubEventType:
    """One ACLED sub-event type and its crosswalk."""

    name: str
    event_type: str
    family: str  # our matching family: territory, clash, remote, civilians, strategic, protest, riot
    plover_event: str
    plover_mode: str
    cameo_root: str


# In ACLED's hierarchical order (higher first).
SUB_EVENT_TYPES: tuple[SubEventType, ...] = (
    SubEventType("Government regains territory", "Battles", "territory", "ASSAULT", "firearms", "19"),
    SubEventType("Non-state actor overtakes territory", "Battles", "territory", "ASSAULT", "firearms", "19"),
    SubEventType("Armed clash", "Battles", "clash", "ASSAULT", "firearms", "19"),
    SubEventType("Excessive force against protesters", "Protests", "protest", "COERCE", "crowd-control", "17"),
    SubEventType("Protest with intervention", "Protests", "protest", "PROTEST", "", "14"),
    SubEventType("Peaceful protest", "Protests", "protest", "PROTEST", "", "14"),
    SubEventType("Violent demonstration", "Riots", "riot", "PROTEST", "", "14"),
    SubEventType("Mob violence", "Riots", "riot", "ASSAULT", "primitive", "18"),
    SubEventType("Chemical weapon", "Explosions/Remote violence", "remote", "ASSAULT", "unconventional", "20"),
    SubEventType("Air/drone strike", "Explosions/Remote violence", "remote", "ASSAULT", "aerial", "19"),
    SubEventType("Suicide bomb", "Explosions/Remote violence", "remote", "ASSAULT", "suicide-attack", "18"),
    SubEventType("Shelling/artillery/missile attack", "Explosions/Remote violence", "remote", "ASSAULT", "heavy-weapons", "19"),
    SubEventType("Remote explosive/landmine/IED", "Explosions/Remote violence", "remote", "ASSAULT", "explosives", "18"),
    SubEventType("Grenade", "Explosions/Remote violence", "remote", "ASSAULT", "explosives", "18"),
    SubEventType("Sexual violence", "Violence against civilians", "civilians", "ASSAULT", "sexual", "18"),
    SubEventType("Attack", "Violence against civilians", "civilians", "ASSAULT", "firearms", "18"),
    SubEventType("Abduction/forced disappearance", "Violence against civilians", "civilians", "ASSAULT", "abduct", "18"),
    SubEventType("Agreement", "Strategic developments", "strategic", "AGREE", "", "05"),
    SubEventType("Arrests", "Strategic developments", "strategic", "COERCE", "arrest", "17"),
    SubEventType("Change to group/activity", "Strategic developments", "strategic", "RETREAT", "withdraw", "08"),
    SubEventType("Disrupted weapons use", "Strategic developments", "strategic", "COERCE", "seize", "17"),
    SubEventType("Headquarters or base established", "Strategic developments", "strategic", "MOBILIZE", "troops", "15"),
    SubEventType("Looting/property destruction", "Strategic developments", "strategic", "ASSAULT", "destroy", "18"),
    SubEventType("Non-violent transfer of territory", "Strategic developments", "territory", "COERCE", "seize", "19"),
    SubEventType("Other", "Strategic developments", "strategic", "", "", ""),
)
BY_NAME = {s.name: s for s in SUB_EVENT_TYPES}
RANK = {s.name: i for i, s in enumerate(SUB_EVENT_TYPES)}
EVENT_TYPES: tuple[str, ...] = tuple(dict.fromkeys(s.event_type for s in SUB_EVENT_TYPES))
TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"})


def family(sub_event_type: str) -> str:
    """The matching family of a sub-event type (``territory``, ``remote``...)."""
    sub = BY_NAME.get(sub_event_type)
    return sub.family if sub else "other"


def event_type_of(sub_event_type: str) -> str:
    """ACLED event type of a sub-event type."""
    return BY_NAME[sub_event_type].event_type


def disorder_type(sub_event_type: str) -> str:
    """ACLED disorder type of a sub-event type."""
    event_type = event_type_of(sub_event_type)
    if event_type == "Strategic developments":
        return "Strategic developments"
    if event_type == "Protests" and sub_event_type != "Excessive force against protesters":
        return "Demonstrations"
    if sub_event_type == "Violent demonstration":
        return "Demonstrations"
    return "Political violence"
