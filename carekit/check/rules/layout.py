"""The target journal's layout rules that a draft's content can break (profile sections
of journals/structure.py): the renderer prints the learning points as the journal's
bullets, one per point the author wrote, so too few or too many is the author's to fix."""

from __future__ import annotations

from collections.abc import Iterator

from carekit.check.rules import Rule, RuleContext, register
from carekit.draft.model import Draft
from carekit.findings import Finding, Severity

_BMJ = "carekit: 1\njournal: bmj-case-reports\ndiscussion:\n  lessons: "


@register
class JournalLearningPoints(Rule):
    """A journal that prints learning points as bullets asks for a number of them (BMJ
    Case Reports: 3 to 5, per its profile). Each point is one of the author's list items,
    paragraphs or sentences in `discussion.lessons` (and `conclusion`), as printed."""

    id = "journal-learning-points"
    severity = Severity.WARNING
    summary = "As many learning points as the journal asks for."
    passing = _BMJ + "|\n    - One.\n    - Two.\n    - Three.\n"
    failing = _BMJ + "Only one lesson.\n"

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        journal = ctx.journal
        if journal is None or journal.fact("learning_points", "format") != "bullets":
            return
        low = journal.fact("learning_points", "min")
        high = journal.fact("learning_points", "max")
        model = draft.model
        from carekit.journals.structure import points  # only journals with learning points

        found = len(points(model.discussion.lessons or "", model.conclusion or ""))
        if not found or (low is None or found >= low) and (high is None or found <= high):
            return
        wanted = (
            f"{low} to {high}"
            if low is not None and high is not None
            else (f"at least {low}" if low is not None else f"at most {high}")
        )
        yield self.finding(
            f"The draft gives {found} learning point(s); {journal.title} prints them as "
            f"bullets and asks for {wanted} ({journal.basis('learning_points')}).",
            draft.span("discussion", "lessons"),
            "Write the learning points under `discussion.lessons` as a list, one short "
            "take-home message per line starting with `- `.",
        )
