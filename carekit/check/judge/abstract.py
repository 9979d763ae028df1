"""Judges of the abstract's case part (3b, 3c) against the draft's own case: does it name
the concern, the diagnosis, a treatment and the outcome the draft reports?"""

from __future__ import annotations

import re

from carekit.check.judge import MISSING, PARTLY, REPORTED, Verdict, judges
from carekit.check.judge.text import filled, words
from carekit.draft.model import Draft

WORD = re.compile(r"[A-Za-z][A-Za-z-]{4,}")
COMMON = frozenset(
    [
        "about",
        "after",
        "again",
        "their",
        "there",
        "which",
        "while",
        "would",
        "could",
        "should",
        "patient",
        "patients",
        "showed",
        "shown",
        "given",
        "other",
        "years",
        "months",
        "weeks",
        "older",
        "right",
        "left",
        "normal",
    ]
)
OUTCOME = words(
    r"resolv|recover|improv|discharg|died|death|cured|remission|healed|well|follow-up|"
    r"outcome|uneventful|relapse|recurr|survived|stable|disappear|normali|"
    r"(?:returned|back) to normal"
)


def _terms(*texts: str | None) -> set[str]:
    return {w.lower() for t in texts if t for w in WORD.findall(t)} - COMMON


def _case_part(draft: Draft) -> str:
    abstract = draft.model.abstract
    return abstract.case_presentation or abstract.text or ""


def _names(part: str, *texts: str | None) -> bool:
    """True when the abstract's case part uses a content word of `texts`, or when the
    draft gives nothing to compare with."""
    terms = _terms(*texts)
    return not terms or bool(terms & _terms(part))


@judges("abstract-concerns-findings")
def concerns(draft: Draft) -> Verdict:
    part = _case_part(draft)
    if not filled(part):
        return Verdict(MISSING, "no case part in the abstract", ("abstract",))
    patient = draft.model.patient
    if _names(part, patient.presenting_concern, draft.model.clinical_findings):
        return Verdict(REPORTED)
    return Verdict(
        PARTLY,
        "neither the presenting concern nor a finding of the case",
        ("abstract", "case_presentation"),
    )


@judges("abstract-diagnoses-outcomes")
def diagnoses(draft: Draft) -> Verdict:
    part = _case_part(draft)
    if not filled(part):
        return Verdict(MISSING, "no case part in the abstract", ("abstract",))
    model = draft.model
    lacking = []
    if not _names(part, model.diagnostics.final_diagnosis):
        lacking.append("diagnosis")
    if model.interventions and not _names(part, *(e.name for e in model.interventions)):
        lacking.append("treatment")
    if not OUTCOME.search(part):
        lacking.append("outcome")
    if lacking:
        gap = "no " + " or ".join(lacking)
        return Verdict(PARTLY, gap, ("abstract", "case_presentation"))
    return Verdict(REPORTED)
