"""Word counts as journals count them.

The abstract is counted on its own. The main text is the prose of the report without the
abstract, references, tables (the timeline, the labs, the interventions and the author's
tables), figure captions and the declarations (consent, ethics, funding and the rest).
Citation brackets and Markdown marks are not words.
The functions take a loaded Draft (carekit.draft.model), which caches its counts by
calling back here; they do not import it, so the two modules do not import each other.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# [@le2020], [@le2020; @sawke2016], [@fig:xray]: a citation is not words.
CITATION_RE = re.compile(r"\[(@[^\[\]]+)\]")
_WORD_RE = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’\-][A-Za-z0-9\u00C0-\u024F]+)*")

# The first key of a text's path -> the section it counts for (None: not main text).
SECTIONS: dict[str, str] = {
    "introduction": "Introduction",
    "patient": "Patient information",
    "patients": "Patient information",
    "clinical_findings": "Clinical findings",
    "diagnostics": "Diagnostic assessment",
    "interventions": "Therapeutic intervention",
    "intervention_changes": "Therapeutic intervention",
    "follow_up": "Follow-up and outcomes",
    "discussion": "Discussion",
    "conclusion": "Conclusion",
    "patient_perspective": "Patient perspective",
}
# Short values printed in tables or as labels, not prose.
_TABLE_FIELDS = {
    ("patient", "age"),
    ("patient", "ages"),
    ("patient", "sex"),
    ("patient", "gender"),
    ("patient", "ethnicity"),
    ("patient", "occupation"),
    ("patient", "comorbidities"),
    ("diagnostics", "labs"),
    ("diagnostics", "serial_labs"),
    ("follow_up", "duration"),
}
_INTERVENTION_CELLS = {"type", "name", "dose", "route", "frequency", "duration", "timing"}


def _section(path: tuple) -> str | None:
    section = SECTIONS.get(str(path[0]))
    if section is None or tuple(path[:2]) in _TABLE_FIELDS:
        return None
    if path[0] == "patients" and ("patient", *path[2:3]) in _TABLE_FIELDS | {("patient", "role")}:
        return None  # one of several patients: the same short values as `patient`
    if path[0] == "interventions" and path[-1] in _INTERVENTION_CELLS:
        return None
    if (
        path[0] == "patient"
        and len(path) > 2
        and path[1] == "past_interventions"
        and path[-1] == "when"
    ):
        return None
    return section


def word_count(text: str) -> int:
    """Words as journals count them: citation brackets and Markdown marks do not count."""
    return len(_WORD_RE.findall(CITATION_RE.sub(" ", text)))


def word_counts(draft: Any) -> dict[str, int]:
    """Words per main-text section, in CARE order (sections with text only); computed
    once per draft (the engine and the journal rules both ask)."""
    return draft.word_counts


def abstract_words(draft: Any) -> int:
    """The abstract's words, structured parts and free text together."""
    return sum(word_count(text) for _, _, text in draft.model.abstract.parts)


def count_sections(draft: Any) -> dict[str, int]:
    counts = {label: 0 for label in dict.fromkeys(SECTIONS.values())}
    # Every text the loader recorded, by its path: the section is the path's first key,
    # whatever record the text sits in, so a walk by path rather than by model attribute.
    for path, text in draft.prose():
        section = _section(path)
        if section is not None:
            counts[section] += word_count(text)
    return {label: n for label, n in counts.items() if n}
