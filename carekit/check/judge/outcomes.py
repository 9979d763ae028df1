"""Judges of follow-up and outcomes: outcomes (10a), results (10b), adherence and
tolerability (10c), adverse events (10d)."""

from __future__ import annotations

from carekit.check.judge import MISSING, PARTLY, REPORTED, Verdict, judges
from carekit.check.judge.text import CASE_PARTS, filled, first_hit, texts, words
from carekit.draft.model import Draft

TEST_RESULT = words(
    r"cultures?|ct\b|mri\b|x-ray|radiograph|ultraso|echocardiog|ecg|biops|autops|smear|"
    r"level|count|antigen|pcr|markers?|swabs?|angiogra|scan|repeat|follow-up (?:imaging|"
    r"test)|negative|positive|\d+(?:\.\d+)? ?(?:mg|g|mmol|µmol|umol|u|iu|%|mm|cm)\b"
)
# The patient's own account inside the clinician's text: symptoms as the patient feels
# them, function in daily life.
PATIENT_VIEW = words(
    r"reliev|pain-free|free of pain|no (?:more |further )?(?:chest |abdominal )?pain|no "
    r"complaints|doing well|sequelae|walking|quality of life|activities of daily living|"
    r"back to (?:work|school)|returned to (?:work|school)|(?:he|she|they) (?:reported|said|"
    r"felt|described)|symptom-free|no (?:\w+ )?symptoms"
)
ADHERENCE = words(r"adheren|complian|took|taking|missed|continued|attend|pill|stopp|kept|self-")
# Naming the complaints a treatment caused ("mild nausea", "a rash") tells how it was
# tolerated as much as the word itself.
TOLERANCE = words(
    r"tolerat|side effects?|well\b|adverse|toxicit|intoleran|reaction|nause|vomit|rash|"
    r"diarrh|dizz|headache"
)
# Outside its own field, only words that cannot mean anything else.
ADHERED_ELSEWHERE = words(
    r"adheren|complian|as prescribed|against (?:medical )?advice|missed doses|continued? "
    r"(?:her|his|their|the) (?:current )?(?:regimen|medication)"
)
TOLERATED_ELSEWHERE = words(r"tolerat|side effects?|toxicity")
ADVERSE = words(
    r"adverse|side effects?|complicat|reaction|toxicit|rupture|arrest|unexpected|"
    r"unanticipated|iatrogenic|died|death|worsen|deteriorat|recurr|readmit|no (?:other )?"
    r"(?:adverse|side|complications)"
)


@judges("outcomes")
def outcomes(draft: Draft) -> Verdict:
    follow = draft.model.follow_up
    clinician, patient = filled(follow.clinician_outcomes), filled(follow.patient_outcomes)
    patient = patient or bool(PATIENT_VIEW.search(follow.clinician_outcomes or ""))
    if clinician and patient:
        return Verdict(REPORTED)
    if clinician:
        where = ("follow_up", "clinician_outcomes")
        return Verdict(PARTLY, "no outcome as the patient assessed it", where)
    if patient:
        return Verdict(PARTLY, "no outcome as the clinician assessed it", ("follow_up",))
    return Verdict(MISSING, "no outcome", ("follow_up",))


@judges("follow-up-results")
def results(draft: Draft) -> Verdict:
    follow = draft.model.follow_up
    if filled(follow.results):
        return Verdict(REPORTED)
    if first_hit(TEST_RESULT, texts(draft, "follow_up")):
        return Verdict(REPORTED)
    return Verdict(MISSING, "no follow-up test result", ("follow_up", "results"))


@judges("adherence-tolerability")
def adherence(draft: Draft) -> Verdict:
    said = draft.model.follow_up.adherence_and_tolerability or ""
    found = texts(draft, *CASE_PARTS)
    adhered = bool(ADHERENCE.search(said)) or bool(first_hit(ADHERED_ELSEWHERE, found))
    tolerated = bool(TOLERANCE.search(said)) or bool(first_hit(TOLERATED_ELSEWHERE, found))
    where = ("follow_up", "adherence_and_tolerability")
    if adhered and tolerated:
        return Verdict(REPORTED)
    if adhered or tolerated:
        return Verdict(PARTLY, "no adherence" if tolerated else "no tolerability", where)
    if filled(said):
        return Verdict(PARTLY, "neither adherence nor tolerability named", where)
    return Verdict(MISSING, "no adherence or tolerability", where)


@judges("adverse-events")
def adverse(draft: Draft) -> Verdict:
    if filled(draft.model.follow_up.adverse_events):
        return Verdict(REPORTED)
    found = texts(draft, "follow_up", "interventions", "intervention_changes", "patient")
    if first_hit(ADVERSE, found):
        return Verdict(REPORTED)
    return Verdict(MISSING, "nothing on adverse events", ("follow_up", "adverse_events"))
