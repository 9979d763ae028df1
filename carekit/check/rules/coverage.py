"""Is every CARE item addressed, by content or by a stated reason?"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from carekit.check.checklist import first_path, reports
from carekit.check.judge import judge
from carekit.check.rules import Rule, RuleContext, register
from carekit.draft.format import DRAFT
from carekit.draft.model import Draft
from carekit.findings import Finding
from carekit.span import Span

# The shortest draft that reports every CARE item (one line each).
COMPLETE = """\
carekit: 1
title: Iatrogenic calcinosis cutis in an infant - a case report
keywords: [calcinosis cutis, calcium gluconate, extravasation]
abstract:
  background: Calcium infusions can leave calcium deposits in the skin.
  case_presentation: >-
    An infant developed a hard swelling after an infusion; under observation it resolved.
  conclusion: Check infusion sites often.
introduction: Calcinosis cutis has several causes [@le2020].
patient:
  age: 9 months
  sex: male
  ethnicity: Caucasian
  presenting_concern: Swelling of the left hand.
  history:
    medical: Mild eczema.
    family: No skin disease in the family.
    psychosocial: Lives with both parents.
  past_interventions: [{intervention: Intravenous calcium gluconate, outcome: No more seizures.}]
clinical_findings: A warm, tender swelling of the back of the left hand.
timeline:
  - {at: day -30, event: Intravenous calcium for a hypocalcaemic seizure.}
  - {at: day 0, event: Hand swelling.}
diagnostics:
  labs: [{test: Sodium, value: 139, unit: mmol/L, reference_range: 135-145}]
  challenges: The swelling looked like cellulitis.
  differential: [{diagnosis: Cellulitis, reasoning: No fever.}]
  prognosis: His prognosis is good.
interventions: [{type: conservative, name: Observation}]
intervention_changes: [{change: Antibiotics stopped, rationale: Cellulitis ruled out.}]
follow_up:
  clinician_outcomes: The calcification resolved within 2 months.
  patient_outcomes: The parents say the hand no longer hurts him.
  results: X-ray at 2 months showed no calcification.
  adherence_and_tolerability: All visits attended; no treatment to tolerate.
  adverse_events: None.
discussion:
  strengths_and_limitations: Early imaging; no biopsy.
  literature: Similar cases resolved without surgery [@le2020].
  rationale: The site and timing point to the calcium infusion.
conclusion: Suspect calcinosis cutis in a swelling at a calcium infusion site.
patient_perspective: '"We were glad no operation was needed," his mother said.'
consent: {obtained: yes, given_by: parent, written: yes, statement: Written consent was given.}
references: [{id: le2020, authors: [Le C, Bedocs PM], title: Calcinosis cutis, year: 2020}]
not_reported:
  9b: No drug was given; the only treatment was observation.
"""


def where_to_add(draft: Draft, path: tuple[str, ...]) -> tuple[Span, str]:
    """Where missing content belongs: its key, its nearest parent key, or, for a missing
    top-level key, above the next key that follows it in the format's order."""
    from carekit.manuscript.reader import is_manuscript

    # A manuscript checked as Word, Markdown or JATS has no draft lines to point at.
    lines = not is_manuscript(Path(draft.file))
    for depth in range(len(path), 0, -1):
        if path[:depth] in draft.key_spans:
            return draft.key_spans[path[:depth]], ""
    order = list(DRAFT.fields)
    for key in order[order.index(path[0]) + 1 :]:
        if (key,) in draft.key_spans:
            span = draft.key_spans[(key,)]
            return span, f" Insert it above `{key}:` (line {span.line})." if lines else ""
    end = draft.source.count("\n") + 1
    return Span.point(end, 1), " Add it at the end of the file." if lines else ""


@register
class CareItemMissing(Rule):
    """Each CARE item must be reported somewhere in the draft (the checklist file says
    where it may be, and the item's content judge may find it in other text: a timeline in
    the narrative, limitations in the discussion), or carry a reason under `not_reported`.
    The finding names the item,
    says what is missing and where to add it. When a more specific rule reports a problem
    with the same item, that message is shown instead of this one."""

    id = "care-item-missing"
    summary = "Every CARE item is reported, or has a reason for not reporting it."
    passing = COMPLETE
    failing = COMPLETE.replace(
        """patient_perspective: '"We were glad no operation was needed," his mother said.'""",
        "patient_perspective:",
    )

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        for item in ctx.checklist.items:
            verdict = judge(draft, item.key)
            if reports(draft, item) or (verdict is not None and verdict.addressed):
                continue  # written, or its content found elsewhere (a judge says where)
            span, place = where_to_add(draft, first_path(item.satisfied_by[0]))
            yield self.finding(
                f"{item.missing} CARE asks for: "
                f"{item.requirement[0].lower()}{item.requirement[1:]}",
                span,
                f"{item.fix}{place} If it does not apply, say why under `not_reported:` "
                f"({item.id}: reason).",
                item=item.key,
                generic=True,
            )


@register
class NotReportedUnknown(Rule):
    """Keys under `not_reported` must be item IDs of the checklist (e.g. 8d, 12) or the
    items' stable names, and every reason must say something."""

    id = "not-reported-item"
    summary = "Reasons for not reporting name a real CARE item and give a reason."
    passing = "carekit: 1\nnot_reported:\n  8d: No staging system exists for this condition.\n"
    failing = "carekit: 1\nnot_reported:\n  8e: No staging.\n  12:\n"

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        for key, reason in (draft.model.not_reported or {}).items():
            span = draft.key_span("not_reported", key)
            item = ctx.checklist.find(key)
            if item is None:
                ids = ", ".join(i.id for i in ctx.checklist.items)
                yield self.finding(
                    f"`{key}` under `not_reported` is not a {ctx.checklist.name} item.",
                    span,
                    f"Use one of the item IDs: {ids}.",
                )
            elif not (reason or "").strip():
                yield self.finding(
                    f"{item.label} is marked as not reported, but no reason is given.",
                    span,
                    f"Write the reason after `{key}:`, e.g. why the information is not available.",
                    item=item.key,
                )
