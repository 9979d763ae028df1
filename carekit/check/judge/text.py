"""Reading a draft's text for the judges: the texts of one part of the draft, citations,
and word patterns compiled once (a check must stay fast)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from carekit.draft.model import Draft

# A citation of the literature: [@key] or [@a; @b], not a figure or table ([@fig:x]).
CITATION = re.compile(r"@(?!(?:fig|tbl|table|figure):)[A-Za-z0-9_][\w:.#$%&+?<>~/-]*")
CITE_GROUP = re.compile(r"\[[^\]]*@[^\]]*\]")
NUMERIC_CITE = re.compile(r"\[\d+(?:[,–-]\s*\d+)*\]")  # [3] or [3-5], as published

DISCUSSION_PARTS = ("introduction", "discussion", "conclusion")
CASE_PARTS = (
    "patient",
    "clinical_findings",
    "timeline",
    "diagnostics",
    "interventions",
    "intervention_changes",
    "follow_up",
)


def words(pattern: str) -> re.Pattern[str]:
    """A case-insensitive pattern matched at word starts. A space in the pattern matches
    any run of spaces or line breaks: a draft's block text may wrap inside a phrase
    ("excellent\nprognosis"), and its import from a manuscript does not."""
    spaced = pattern.replace(" ?", r"\s?").replace(" ", r"\s+")
    return re.compile(rf"\b(?:{spaced})", re.IGNORECASE)


def texts(draft: Draft, *parts: str) -> list[tuple[tuple, str]]:
    """(path, text) of every text under the named top-level keys, in file order."""
    return [(path, text) for path, text in draft.prose() if path and path[0] in parts]


def joined(draft: Draft, *parts: str) -> str:
    return "\n".join(text for _, text in texts(draft, *parts))


def cites(text: str | None) -> bool:
    """True when the text cites the literature ([@key], or a published [3])."""
    if not text:
        return False
    if NUMERIC_CITE.search(text):
        return True
    return any(CITATION.search(group) for group in CITE_GROUP.findall(text))


def first_hit(pattern: re.Pattern[str], found: Iterable[tuple[tuple, str]]) -> tuple | None:
    """The path of the first text that matches `pattern`, or None."""
    return next((path for path, text in found if pattern.search(text)), None)


def filled(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple)):
        return any(filled(v) for v in value)
    return value is not None
