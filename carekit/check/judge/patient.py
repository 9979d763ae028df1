"""Judges of patient information: demographics (5a), history (5c), past interventions (5d)."""

from __future__ import annotations

from carekit.check.judge import MISSING, NOT_APPLICABLE, PARTLY, REPORTED, Verdict, judges
from carekit.check.judge.text import filled, words
from carekit.draft.model import Draft

ADULT_YEARS = 16  # below this an occupation is not expected
ETHNICITY_OR_WORK = words(
    r"caucasian|african|asian|hispanic|latin[oa]|arab|european|indigenous|aboriginal|"
    r"ethnic|white (?:man|woman|male|female|patient)|black (?:man|woman|male|female|patient)|"
    r"worker|farmer|teacher|nurse|physician|student|retired|employ|unemploy|occupation|"
    r"works? as|engineer|soldier|driver|labou?rer|housewife|homemaker|veterinar"
)
FAMILY = words(
    r"family|mother|father|parent|sibling|brother|sister|twin|consanguin|hereditary|"
    r"inherited|relatives?"
)
PSYCHOSOCIAL = words(
    r"smok|tobacco|cigarette|alcohol|drink|drug use|substance|lives? (?:with|alone|in)|"
    r"living|married|partner|wife|husband|girlfriend|boyfriend|social|occupation|works? as|"
    r"employ|travel|homeless|pets?\b|dog|cat\b|diet|exercise|stress|education"
)
NONE_BEFORE = words(
    r"no (?:relevant |significant |known |notable )?(?:past |prior |previous )?"
    r"(?:medical history|history|medications?|treatment|interventions?)|"
    r"previously (?:healthy|well)|untreated|never (?:been )?treated|took no medication"
)
TREATED_BEFORE = words(
    r"treated with|on (?:oral|insulin|metformin|warfarin|home)|medications?|"
    r"underwent|surgery|operated|took|taking|received|\d+ ?mg\b|therapy"
)


@judges("patient-demographics")
def demographics(draft: Draft) -> Verdict:
    """The best-described patient decides (a report on a mother and her newborn)."""
    patients = draft.model.all_patients or [draft.model.patient]
    return min(map(_demographics, patients), key=lambda v: _ORDER.index(v.status))


_ORDER = (REPORTED, PARTLY, MISSING)


def _demographics(patient) -> Verdict:  # noqa: ANN001 (a typed Patient record)
    has_age = filled((patient.raw or {}).get("age"))
    has_sex = filled(patient.sex) or filled(patient.gender)
    extra = filled(patient.ethnicity) or filled(patient.occupation)
    if not extra:
        said = " ".join(filter(None, [patient.presenting_concern, patient.history.psychosocial]))
        extra = bool(ETHNICITY_OR_WORK.search(said))
    if not (has_age or has_sex or extra):
        return Verdict(MISSING, "no demographic details", ("patient",))
    if not has_age:
        return Verdict(PARTLY, "no age", ("patient", "age"))
    if not has_sex:
        return Verdict(PARTLY, "no sex", ("patient", "sex"))
    if extra:
        return Verdict(REPORTED)
    child = patient.age.years is not None and patient.age.years < ADULT_YEARS
    gap = "no ethnicity" if child else "no ethnicity or occupation"
    return Verdict(PARTLY, gap, ("patient", "sex"))


def _history_parts(draft: Draft) -> dict[str, bool]:
    patient = draft.model.patient
    history = patient.history
    every = " ".join(filter(None, [history.medical, history.genetic, history.psychosocial]))
    return {
        "medical": any(map(filled, (history.medical, patient.comorbidities, history.genetic))),
        "family": filled(history.family) or bool(FAMILY.search(every)),
        "psychosocial": filled(history.psychosocial) or bool(PSYCHOSOCIAL.search(every)),
    }


@judges("patient-history")
def history(draft: Draft) -> Verdict:
    parts = _history_parts(draft)
    absent = [name for name, there in parts.items() if not there]
    if len(absent) == len(parts):
        return Verdict(MISSING, "no medical, family or psychosocial history", ("patient",))
    if absent:
        return Verdict(PARTLY, "no " + " or ".join(absent) + " history", ("patient", "history"))
    return Verdict(REPORTED)


@judges("patient-past-interventions")
def past_interventions(draft: Draft) -> Verdict:
    patient = draft.model.patient
    entries = [e for e in patient.past_interventions if filled(e.intervention)]
    if entries:
        if any(filled(e.outcome) for e in entries):
            return Verdict(REPORTED)
        where = ("patient", "past_interventions")
        return Verdict(PARTLY, "no outcome of the past interventions", where)
    history = " ".join(filter(None, [patient.history.medical, patient.presenting_concern]))
    if NONE_BEFORE.search(history):
        return Verdict(NOT_APPLICABLE, "none: the history says there were none")
    if TREATED_BEFORE.search(history):
        where = ("patient", "history", "medical")
        return Verdict(PARTLY, "past treatments only in the history, without their outcome", where)
    return Verdict(MISSING, "no past interventions", ("patient",))
