"""The judgement rules' common part: each asks the content judge of its CARE item
(check/judge) and reports what the text lacks, naming the element ("5c: no family history").

A judged item that holds no text at all is left to `care-item-missing`; these rules speak
when the text is there but does not say enough (partly), or says the wrong thing (missing
although filled: a final diagnosis alone for 8c, a consent note for 12)."""

from __future__ import annotations

from collections.abc import Iterator

from carekit.check.checklist import reports
from carekit.check.judge import MISSING, PARTLY, judge
from carekit.check.rules import Rule, RuleContext
from carekit.check.rules.coverage import where_to_add
from carekit.draft.model import Draft
from carekit.findings import Finding, Severity
from carekit.span import START, Span

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar


def place(draft: Draft, where: tuple[str | int, ...]) -> Span:
    """The span of the text the verdict is about, or, when that key is not written, the
    place it would be added (as `care-item-missing` points)."""
    if not where:
        return START
    if where in draft.spans or where in draft.key_spans:
        return draft.span(*where)
    keys = tuple(part for part in where if isinstance(part, str))
    return where_to_add(draft, keys)[0]


class JudgedRule(Rule):
    """Base class: subclasses set `items` (one key), the examples and `fix`."""

    severity = Severity.WARNING
    fix: ClassVar[str]

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        item = ctx.checklist.item(self.items[0])
        verdict = judge(draft, self.items[0])
        if item is None or verdict is None or verdict.status not in (PARTLY, MISSING):
            return
        if verdict.status == MISSING and not reports(draft, item):
            return  # nothing written: care-item-missing says where to add it
        yield self.finding(
            f"{item.id}: {verdict.gap}. {self.summary}",
            place(draft, verdict.where),
            self.fix,
            severity=Severity.ERROR if verdict.status == MISSING else self.severity,
        )
