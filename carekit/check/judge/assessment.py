"""Judges of the timeline (7) and the diagnostic assessment (8a, 8c, 8d)."""

from __future__ import annotations

from carekit.check.judge import MISSING, PARTLY, REPORTED, Verdict, judges
from carekit.check.judge.text import CASE_PARTS, DISCUSSION_PARTS, filled, first_hit, texts, words
from carekit.draft.model import Draft

MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
MONTHS += r"sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
TIME = words(
    rf"(?:{MONTHS}) \d{{4}}|(?:19|20)\d\d\b|(?:hospital |postoperative |post-operative )?"
    r"day \d+|days? (?:later|after|before)|\d+(?:\.\d+)? ?(?:h|hours?|days?|weeks?|months?|"
    r"years?)\b(?: later| after| before| ago| earlier|-day| of)|the (?:next|following) "
    r"(?:day|days|morning|week)|(?:one|two|three|four|five|six|seven|eight|nine|ten|a) "
    r"(?:days?|weeks?|months?|years?) (?:later|after|before|ago|earlier)|within \d+ ?"
    r"(?:h|hours|days)|on admission|at discharge"
)
COURSE = words(r"timeline|time line|chronolog|course|clinical condition|events|day-by-day")
# A result: a value, or a test reported with what it showed.
WEIGHED = words(
    r"ruled? (?:out|in)|exclu|other (?:\w+ )?causes|no evidence of|rather than|"
    r"alternatives?\b|unlikely|less likely|differential|versus|mimic|distinguish|"
    r"instead of|as opposed|another (?:mechanism|cause|explanation)|no (?:history|evidence) of|"
    r"no significant|most likely (?:source|"
    r"cause)|true infection|contaminant|contamination|no (?:other|alternative) diagnos"
)
WORKING = words(
    r"working diagnosis|initial(?:ly)? |presum|first (?:thought|suspected)|suspected|"
    r"considered|later identified|revised|refined|attributed|due to"
)
PATIENT_PROGNOSIS = words(
    r"(?:his|her|their|the patient's|the child's) (?:prognosis|outlook|expected|chances?)|"
    # "a good prognosis" of someone; "a disease with an excellent prognosis" is the
    # disease's (DISEASE_PROGNOSIS)
    r"(?<!with\sa\s)(?<!with\san\s)(?:poor|good|grave|guarded|favou?rable|excellent) prognosis|"
    r"stage (?:[0-4]|[iv]+)[a-c]?\b|stadium|grade (?:[1-5]|[iv]+)[a-c]?\b|"
    r"class (?:[1-4]|[iv]+)\b|nyha|"
    r"sofa|apache|child-pugh|meld|score (?:of|was) \d|risk scale|t\d ?n\d"
)
DISEASE_PROGNOSIS = words(
    r"prognos|mortality|surviv|fatal|death rate|life-threatening|recurrence rate|outcome is|"
    r"outcomes are|usually (?:resolve|good|benign)|self-limit"
)


@judges("timeline")
def timeline(draft: Draft) -> Verdict:
    model = draft.model
    if any(filled(entry.event) for entry in model.timeline):
        return Verdict(REPORTED)
    for table in model.tables:
        header = " ".join(table.header or ())
        if COURSE.search(table.caption or "") and TIME.search(header):
            return Verdict(REPORTED)
    if any(
        COURSE.search(figure.caption or "")
        for figure in model.figures
        if words("timeline|time line|chronolog").search(figure.caption or "")
    ):
        return Verdict(REPORTED)
    if first_hit(TIME, texts(draft, *CASE_PARTS)) is not None:
        return Verdict(
            PARTLY, "dates or times only in the narrative: put them in a timeline", ("timeline",)
        )
    return Verdict(MISSING, "no dates or times of the course", ("timeline",))


@judges("diagnostic-methods")
def methods(draft: Draft) -> Verdict:
    found = draft.model.diagnostics
    if any(
        lab.value is not None and (lab.unit or isinstance(lab.value, str)) for lab in found.labs
    ):
        return Verdict(REPORTED)
    if any(filled(r.test) and filled(r.result) for r in [*found.imaging, *found.other_results]):
        return Verdict(REPORTED)
    if any(lab.value is not None for lab in found.labs):
        return Verdict(PARTLY, "lab values without their units", ("diagnostics", "labs"))
    if filled(found.methods):
        return Verdict(PARTLY, "methods named without their results", ("diagnostics", "methods"))
    return Verdict(MISSING, "no diagnostic method", ("diagnostics",))


@judges("diagnostic-reasoning")
def reasoning(draft: Draft) -> Verdict:
    found = draft.model.diagnostics
    if any(filled(entry.diagnosis) for entry in found.differential):
        return Verdict(REPORTED)
    said = "\n".join(filter(None, [found.reasoning, found.final_diagnosis, found.challenges]))
    if WEIGHED.search(said):
        return Verdict(REPORTED)
    where = ("diagnostics", "differential")
    if WORKING.search(said):
        return Verdict(PARTLY, "no alternative diagnosis weighed", where)
    if said.strip():
        return Verdict(MISSING, "a diagnosis alone, with no alternative weighed", where)
    return Verdict(MISSING, "no diagnostic reasoning", where)


@judges("prognosis")
def prognosis(draft: Draft) -> Verdict:
    stated = draft.model.diagnostics.prognosis
    case = texts(draft, "patient", "clinical_findings", "diagnostics", "follow_up")
    if PATIENT_PROGNOSIS.search(stated or "") or first_hit(PATIENT_PROGNOSIS, case):
        return Verdict(REPORTED)
    where = ("diagnostics", "prognosis")
    if filled(stated) and not DISEASE_PROGNOSIS.search(stated or ""):
        return Verdict(REPORTED)
    if filled(stated) or first_hit(DISEASE_PROGNOSIS, texts(draft, *DISCUSSION_PARTS)):
        return Verdict(PARTLY, "only the prognosis of the disease, not of this patient", where)
    return Verdict(MISSING, "no prognostic information", where)
