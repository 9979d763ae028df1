"""What a check reports: one Finding per problem, sortable by position."""

from __future__ import annotations

from enum import Enum

from carekit.span import Span
from carekit.tuples import NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Finding(NamedTuple):
    """One problem in one draft.

    `item` is the stable key of the CARE checklist item (e.g. "timeline"), or None when
    the problem concerns the manuscript as a whole. `fix` is the suggested change in
    plain words. `excerpt` is the text the finding is about, when it is a span of text.
    """

    rule: str
    item: str | None
    severity: Severity
    message: str
    fix: str
    span: Span
    excerpt: str | None = None
    # Findings that only say "nothing here" give way to a more specific finding on the
    # same item, so the author reads one message per gap.
    generic: bool = False
    # For a manuscript checked as Word, Markdown or JATS: the place in it (heading and
    # paragraph, or the element's path), shown instead of the draft's line and column.
    where: str | None = None

    def sort_key(self) -> tuple:
        return (self.span.line, self.span.column, self.severity.rank, self.rule)
