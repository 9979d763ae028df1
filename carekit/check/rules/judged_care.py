"""Judgement rules for the therapeutic intervention (9a-9c) and follow-up (10a-10d)."""

from __future__ import annotations

from collections.abc import Iterator

from carekit.check.judge import MISSING, PARTLY, judge
from carekit.check.judge.treatment import administration_gaps
from carekit.check.rules import RuleContext, register
from carekit.check.rules.judged import JudgedRule
from carekit.draft.model import Draft
from carekit.findings import Finding, Severity


@register
class TreatmentNotDiagnostic(JudgedRule):
    """CARE 9a asks for the types of treatment. A biopsy, a scan or a referral listed under
    `interventions:` is part of the diagnostic assessment, not a treatment; a list with
    nothing else reports no treatment."""

    id = "treatment-not-diagnostic"
    items = ("intervention-types",)
    summary = "Interventions are treatments, not diagnostic procedures or referrals."
    passing = "carekit: 1\ninterventions:\n  - {type: surgical, name: Excision of the mass}\n"
    failing = "carekit: 1\ninterventions:\n  - {type: procedural, name: CT-guided biopsy}\n"
    fix = (
        "Move tests and referrals to `diagnostics:` (or the timeline) and list the "
        "treatments under `interventions:`."
    )


@register
class AdministrationDescribed(JudgedRule):
    """CARE 9b asks how the treatment was given. A drug needs its dose, route and how often
    or how long; an operation or procedure needs what was done and how (or by whom or
    where). Read over the whole treatment: reported when more than half of the drugs have
    their dose, partly when some details are given, missing when none."""

    id = "administration-described"
    items = ("intervention-administration",)
    summary = "Drugs have dose, route and schedule; procedures say how they were done."
    passing = (
        "carekit: 1\ninterventions:\n  - {type: surgical, name: Excision of the mass,"
        " notes: Under local anaesthesia through a 2 cm incision.}\n"
    )
    failing = "carekit: 1\ninterventions:\n  - {type: surgical, name: Excision of the mass}\n"
    fix = "Say in the intervention's `notes:` how it was done (approach, by whom or where)."

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        """Procedures that do not say how they were done; drugs without dose, route or
        duration are `drug-administration`'s, one finding per drug."""
        verdict = judge(draft, self.items[0])
        if verdict is None or verdict.status not in (PARTLY, MISSING):
            return
        for index, entry, gaps in administration_gaps(draft):
            if gaps and entry.type != "pharmacologic":
                yield self.finding(
                    f"9b: {entry.name or 'a procedure'}: no word on {gaps[0]}. {self.summary}",
                    draft.span("interventions", index, "name"),
                    self.fix,
                    severity=Severity.ERROR if verdict.status == MISSING else self.severity,
                )


@register
class ChangeRationale(JudgedRule):
    """CARE 9c asks for each change of treatment with its rationale: a change without a
    reason is partly reported. When no change is described the item does not apply (the
    status table says so)."""

    id = "change-rationale"
    items = ("intervention-changes",)
    summary = "Each change of treatment gives its reason."
    passing = (
        "carekit: 1\nintervention_changes:\n  - {change: Antibiotics stopped, rationale: "
        "Cultures were negative.}\n"
    )
    failing = "carekit: 1\nintervention_changes:\n  - {change: Antibiotics stopped}\n"
    fix = "Add the `rationale:` of each change under `intervention_changes:`."


@register
class OutcomesBothViews(JudgedRule):
    """CARE 10a asks for the outcome as the clinician and, when appropriate, as the
    patient assessed it. One of the two is partly reported."""

    id = "outcomes-both-views"
    items = ("outcomes",)
    summary = "Outcomes are given as the clinician and as the patient assessed them."
    passing = (
        "carekit: 1\nfollow_up:\n  clinician_outcomes: The wound healed.\n"
        "  patient_outcomes: She is back at work and free of pain.\n"
    )
    failing = "carekit: 1\nfollow_up:\n  clinician_outcomes: The wound healed.\n"
    fix = (
        "Add `follow_up.patient_outcomes:` (how the patient rates the result: symptoms, "
        "function, a questionnaire score)."
    )


@register
class AdherenceAndTolerability(JudgedRule):
    """CARE 10c asks for adherence to and tolerability of the treatment. Only one of the
    two, or a tolerability remark somewhere in the course, is partly reported."""

    id = "adherence-and-tolerability"
    items = ("adherence-tolerability",)
    summary = "Both adherence and tolerability are described."
    passing = (
        "carekit: 1\nfollow_up:\n  adherence_and_tolerability: She took every dose (pill "
        "count) and had no side effects.\n"
    )
    failing = "carekit: 1\nfollow_up:\n  adherence_and_tolerability: Well tolerated.\n"
    fix = "Say in `follow_up.adherence_and_tolerability:` how adherence was checked, too."
