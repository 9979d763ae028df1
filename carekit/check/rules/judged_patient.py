"""Judgement rules for the patient information (5a, 5c, 5d) and the introduction (4)."""

from __future__ import annotations

from carekit.check.rules import register
from carekit.check.rules.judged import JudgedRule

_PATIENT = "carekit: 1\npatient:\n"


@register
class IntroductionReferences(JudgedRule):
    """CARE 4 asks for a short background with references to the literature: an
    introduction that cites nothing is only partly reported."""

    id = "introduction-references"
    items = ("introduction",)
    summary = "The introduction cites the literature."
    passing = "carekit: 1\nintroduction: Calcinosis cutis has several causes [@le2020].\n"
    failing = "carekit: 1\nintroduction: Calcinosis cutis has several causes.\n"
    fix = "Support the background with citations such as [@key] (listed under `references:`)."


@register
class DemographicsComplete(JudgedRule):
    """CARE 5a lists the demographics: age, sex, ethnicity and occupation. A draft without
    an age, or with age and sex only, reports the item partly (for a child under 16 an
    occupation is not expected)."""

    id = "demographics-complete"
    items = ("patient-demographics",)
    summary = "The patient's age, sex and ethnicity or occupation are given."
    passing = _PATIENT + "  age: 40 years\n  sex: female\n  occupation: farmer\n"
    failing = _PATIENT + "  sex: female\n  occupation: farmer\n"
    fix = (
        "Add what is missing under `patient:` (`age:`, `sex:`, `ethnicity:` or "
        "`occupation:`), as far as it is relevant and does not identify the patient."
    )


@register
class HistoryParts(JudgedRule):
    """CARE 5c asks for the medical, family and psychosocial history; each counts (a
    sentence such as "no family history of heart disease" reports the family history).
    One or two of the three is partly reported, and the finding names the missing one."""

    id = "history-parts"
    items = ("patient-history",)
    summary = "Medical, family and psychosocial history are all given."
    passing = (
        _PATIENT + "  history:\n    medical: Asthma.\n    family: No family history of"
        " eczema.\n    psychosocial: Lives with her parents; no smoking.\n"
    )
    failing = _PATIENT + "  history:\n    medical: Asthma.\n"
    fix = (
        "Add the missing part under `patient.history:` (`family:`, `psychosocial:`); if "
        'there is nothing to report, say so ("no family history of ...").'
    )


@register
class PastInterventionOutcome(JudgedRule):
    """CARE 5d asks for the relevant past interventions and what came of them: a list of
    past treatments without any outcome, or treatments named only inside the history, is
    partly reported. A history that says there were none makes the item not applicable."""

    id = "past-intervention-outcome"
    items = ("patient-past-interventions",)
    summary = "Past interventions come with their outcome."
    passing = (
        _PATIENT + "  past_interventions:\n    - {intervention: Insulin since 2019, "
        "outcome: Well controlled.}\n"
    )
    failing = _PATIENT + "  past_interventions:\n    - {intervention: Insulin since 2019}\n"
    fix = "Give each past intervention its `outcome:` under `patient.past_interventions:`."
