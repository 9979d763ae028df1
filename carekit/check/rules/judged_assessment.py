"""Judgement rules for the timeline (7) and the diagnostic assessment (8a, 8c, 8d)."""

from __future__ import annotations

from carekit.check.rules import register
from carekit.check.rules.judged import JudgedRule


@register
class TimelineTable(JudgedRule):
    """CARE 7 asks for the important dates and times as a table or figure. Dates or
    relative times ("on day 3", "two weeks later") only in the narrative are partly
    reported: a reader has to rebuild the course."""

    id = "timeline-table"
    items = ("timeline",)
    summary = "The course is given as a timeline, not only in the narrative."
    passing = "carekit: 1\ntimeline:\n  - {at: day 0, event: Admitted with fever.}\n"
    failing = "carekit: 1\nclinical_findings: On day 3 the rash spread to the trunk.\n"
    fix = (
        "Put the dates or relative times in `timeline:`, one entry per event "
        "(`- at: day 3` and `event: ...`)."
    )


@register
class DiagnosticResults(JudgedRule):
    """CARE 8a asks for the diagnostic methods: a value with its unit, or a named test,
    scan or examination with what it showed. Methods without results, or values without
    units ("increased"), are partly reported."""

    id = "diagnostic-results"
    items = ("diagnostic-methods",)
    summary = "Diagnostic methods come with their results."
    passing = (
        "carekit: 1\ndiagnostics:\n  imaging:\n    - {test: Chest CT, result: A 2 cm mass in "
        "the right upper lobe.}\n"
    )
    failing = "carekit: 1\ndiagnostics:\n  methods: Blood tests and a CT scan were done.\n"
    fix = (
        "Give each test's result: lab values with units under `diagnostics.labs:`, scans "
        "with what they showed under `diagnostics.imaging:`."
    )


@register
class DifferentialConsidered(JudgedRule):
    """CARE 8c asks for the diagnostic reasoning, including the other diagnoses
    considered. A final diagnosis alone is missing; a working diagnosis confirmed or
    replaced without weighing an alternative is partly reported. The author's reason why
    no alternative was considered counts."""

    id = "differential-considered"
    items = ("diagnostic-reasoning",)
    summary = "At least one alternative diagnosis is weighed, or the reason for none given."
    passing = (
        "carekit: 1\ndiagnostics:\n  final_diagnosis: Calcinosis cutis\n  differential:\n"
        "    - {diagnosis: Cellulitis, reasoning: No fever and a normal white count.}\n"
    )
    failing = "carekit: 1\ndiagnostics:\n  final_diagnosis: Calcinosis cutis\n"
    fix = (
        "Add `diagnostics.differential:` with each diagnosis considered and why it was "
        "ruled in or out, or say in `diagnostics.reasoning:` why no alternative applied."
    )


@register
class PrognosisOfPatient(JudgedRule):
    """CARE 8d asks for prognostic characteristics such as staging: for this patient. The
    prognosis of the disease in general (its mortality, its usual course) is partly
    reported."""

    id = "prognosis-of-patient"
    items = ("prognosis",)
    summary = "The prognosis is given for this patient, not only for the disease."
    passing = "carekit: 1\ndiagnostics:\n  prognosis: Stage IIIB; her expected survival is short.\n"
    failing = "carekit: 1\ndiagnostics:\n  prognosis: The disease has a mortality of 30%.\n"
    fix = (
        "Say in `diagnostics.prognosis:` what the findings mean for this patient (stage, "
        "grade, score, expected course)."
    )
