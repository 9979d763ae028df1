"""What a manuscript's marks carry as the draft wrote it, where the page prints a value
lossily (draft/written.py): consent's yes/no facts, guarded by the printed consent
statement (or by its absence: with no statement printed, the facts come back only while
the manuscript still has none), BMJ's learning points, guarded by the bullets' words,
and a lab's unit and flag, guarded by the row's printed result and unit cells; a timeline
entry's id and anchor, guarded by its time cell."""

from __future__ import annotations

from carekit.draft.written import (
    CONSENT_KEYS,
    LAB_KEYS,
    TIMELINE_KEYS,
    as_plain,
    carry,
    carry_parts,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _plain(raw: Any, keys: frozenset[str]) -> dict[str, Any]:
    """The keys of a raw mapping a carried value may hold, as plain values."""
    if not isinstance(raw, dict):
        return {}
    return as_plain({k: raw[k] for k in raw if k in keys})


def consent(raw: Any, printed: str) -> str:
    """The consent facts, with the hash of the statement (or waiver) printed."""
    facts = _plain(raw, CONSENT_KEYS)
    return carry(facts, printed) if facts else ""


def lab(raw: Any, value_cell: str, unit_cell: str) -> str:
    """A lab's unit and flag as written, where the table prints them otherwise (a unit
    respelled or `none` left out, the flag `normal` not printed), else ""."""
    kept = _plain(raw, LAB_KEYS)
    unit, flag = kept.get("unit"), kept.get("flag")
    if unit is not None and str(unit) == unit_cell and flag != "normal":
        return ""  # printed as written: nothing to carry
    if unit is None and flag != "normal":
        return ""
    return carry(kept, f"{value_cell} {unit_cell}")


def timeline(raw: Any, when_cell: str) -> str:
    """A timeline entry's id, and its time when counted from another entry (which the
    table prints resolved, "Day -1"), guarded by that time cell; else "" (the time cell
    reads back as written)."""
    kept = _plain(raw, TIMELINE_KEYS - {"date"})
    at = kept.pop("at", None)
    if isinstance(at, dict) and at.get("anchor"):
        kept["at"] = {k: v for k, v in at.items() if v is not None}
    return carry(kept, when_cell) if kept else ""


def learning_points(lessons: Any, conclusion: Any) -> list[str]:
    """The lessons and the conclusion as written (BMJ prints them as one list of bullets
    and drops their paragraph and list breaks), guarded by the bullets' words
    (in parts: a long text does not fit one Word link)."""
    from carekit.journals.structure import points

    kept = {k: str(v) for k, v in (("lessons", lessons), ("conclusion", conclusion)) if v}
    return carry_parts(kept, " ".join(points(*kept.values()))) if kept else []
