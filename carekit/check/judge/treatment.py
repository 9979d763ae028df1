"""Judges of the therapeutic intervention: types (9a), administration (9b), changes (9c)."""

from __future__ import annotations

from carekit.check.judge import MISSING, NOT_APPLICABLE, PARTLY, REPORTED, Verdict, judges
from carekit.check.judge.text import filled, words
from carekit.draft.model import Draft
from carekit.draft.typed import Intervention

# Tests and referrals are not treatment: a biopsy, a scan or a referral belongs to the
# diagnostic assessment (8a) or the course, not to 9a.
DIAGNOSTIC = words(
    r"biops|ct\b|mri\b|x-ray|radiograph|ultraso|echocardiog|imaging|scan\b|culture|"
    r"blood tests?|laboratory|work-?up|referr|consult|diagnostic|aspiration for|"
    r"angiograph|endoscopy|colonoscopy|bronchoscopy|lumbar puncture"
)
TREATING = words(r"therap|treat|stent|drain|repair|remov|resect|excis|ligat|closure|dilat")
PROCEDURE_TYPES = ("surgical", "procedural", "procedure", "operation")
FREQUENCY = words(r"daily|every|per day|/ ?day|/ ?d\b|times|twice|once|hourly|q\d|bid|tid|qid")
HOW = words(
    r"under|via|through|using|with a|incision|approach|by (?:the|a)|performed|placed|"
    r"harvest|sutur|anaesthe|anesthe|laparoscop|endoscop|percutaneous|guided|\d+ ?(?:mm|cm|fr)"
)


def diagnostic_only(entry: Intervention) -> bool:
    """True for a test or a referral listed as a treatment."""
    said = " ".join(filter(None, [entry.name, entry.notes]))
    return bool(DIAGNOSTIC.search(entry.name or "")) and not TREATING.search(said)


@judges("intervention-types")
def types(draft: Draft) -> Verdict:
    entries = [e for e in draft.model.interventions if filled(e.name) or filled(e.type)]
    if not entries:
        return Verdict(MISSING, "no treatment", ("interventions",))
    if all(diagnostic_only(e) for e in entries):
        return Verdict(
            MISSING, "only diagnostic procedures or referrals, no treatment", ("interventions",)
        )
    return Verdict(REPORTED)


def drug_gaps(entry: Intervention) -> list[str]:
    gaps = [k for k in ("dose", "route") if not filled(getattr(entry, k))]
    often = filled(entry.frequency) or bool(FREQUENCY.search(entry.dose or ""))
    if not (often or filled(entry.duration)):
        gaps.append("frequency or duration")
    return gaps


def procedure_gaps(entry: Intervention) -> list[str]:
    said = " ".join(filter(None, [entry.name, entry.notes, entry.timing, entry.duration]))
    return [] if HOW.search(said) or filled(entry.notes) else ["how it was done"]


def administration_gaps(draft: Draft) -> list[tuple[int, Intervention, list[str]]]:
    """(index, treatment, what it lacks) for every drug and procedure given."""
    out = []
    for index, entry in enumerate(draft.model.interventions):
        if entry.type == "pharmacologic":
            out.append((index, entry, drug_gaps(entry)))
        elif entry.type in PROCEDURE_TYPES and not diagnostic_only(entry):
            out.append((index, entry, procedure_gaps(entry)))
    return out


def _described(given: list[tuple[int, Intervention, list[str]]]) -> bool:
    """An editor reads 9b by the treatment as a whole: reported when more than half of the
    drugs have their dose (route and schedule may be missing for a few), or, with no drug,
    when every operation or procedure says how it was done."""
    drugs = [gaps for _, e, gaps in given if e.type == "pharmacologic"]
    if drugs:
        dosed = sum("dose" not in gaps for gaps in drugs)
        return 2 * dosed > len(drugs)
    return not any(gaps for _, _, gaps in given)


@judges("intervention-administration")
def administration(draft: Draft) -> Verdict:
    given = administration_gaps(draft)
    if not given:
        if any(filled(e.name) for e in draft.model.interventions):
            return Verdict(NOT_APPLICABLE, "no drug, operation or procedure was given")
        return Verdict(MISSING, "no treatment described", ("interventions",))
    short = [(i, e, gaps) for i, e, gaps in given if gaps]
    if not short:
        return Verdict(REPORTED)
    index, entry, gaps = short[0]
    named = f"{entry.name or 'a treatment'}: no {' or '.join(gaps)}"
    more = f" (and {len(short) - 1} more)" if len(short) > 1 else ""
    where = ("interventions", index, "name")
    if _described(given):
        return Verdict(REPORTED, named + more, where)
    # Missing only when no treatment has any detail at all: every drug without dose, route,
    # frequency or duration, and no operation or procedure (naming one says what was done).
    bare = all(e.type == "pharmacologic" and len(g) == 3 for _, e, g in given)
    return Verdict(MISSING if bare else PARTLY, named + more, where)


@judges("intervention-changes")
def changes(draft: Draft) -> Verdict:
    entries = [e for e in draft.model.intervention_changes if filled(e.change)]
    if not entries:
        if not any(filled(e.name) for e in draft.model.interventions):
            # No treatment described yet: nothing says the treatment did not change.
            return Verdict(
                MISSING, "no treatment and no change described", ("intervention_changes",)
            )
        return Verdict(NOT_APPLICABLE, "no change of treatment is described")
    for index, entry in enumerate(draft.model.intervention_changes):
        if filled(entry.change) and not filled(entry.rationale):
            return Verdict(
                PARTLY,
                f"no reason for the change {entry.change.strip()!r}",
                ("intervention_changes", index, "change"),
            )
    return Verdict(REPORTED)
