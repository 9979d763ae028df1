"""CARE item 9b: how each drug was given."""

from __future__ import annotations

from collections.abc import Iterator

from carekit.check.rules import Rule, RuleContext, register
from carekit.draft.model import Draft
from carekit.findings import Finding

REQUIRED = ("dose", "route", "duration")
_HOW = {
    "dose": "dose: the amount with its unit, and how often",
    "route": "route: e.g. oral or intravenous",
    "duration": "duration: how long it was given",
}


@register
class DrugAdministration(Rule):
    """Each pharmacologic intervention needs its dose, route and duration, so that a
    reader could give (or avoid) the same treatment. Frequency belongs with the dose
    where it applies."""

    id = "drug-administration"
    items = ("intervention-administration",)
    summary = "Each drug has a dose, a route and a duration."
    passing = """\
carekit: 1
interventions:
  - {type: pharmacologic, name: clindamycin, dose: 10 mg/kg, route: intravenous,
     frequency: every 8 hours, duration: 3 days}
"""
    failing = """\
carekit: 1
interventions:
  - {type: pharmacologic, name: clindamycin, route: intravenous}
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        for intervention in draft.model.interventions:
            if intervention.type != "pharmacologic":
                continue
            missing = [k for k in REQUIRED if not (getattr(intervention, k) or "").strip()]
            if missing:
                listed = " and ".join(
                    [", ".join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing
                )
                yield self.finding(
                    f"The drug {intervention.name!r} has no {listed}.",
                    intervention.span_of("name"),
                    "Add " + ", ".join(f"`{k}:`" for k in missing) + " to this intervention, as "
                    "recorded in the treatment chart ("
                    + "; ".join(_HOW[k] for k in missing)
                    + ").",
                )
