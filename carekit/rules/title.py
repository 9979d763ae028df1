"""CARE item 1: the title says "case report" and what the case is about."""

from __future__ import annotations

import re
from collections.abc import Iterator

from carekit.draft.model import Draft
from carekit.findings import Finding
from carekit.rules import Rule, RuleContext, register
from carekit.rules.text import word_count

_PHRASE_RE = re.compile(r"\bcase\s+(report|study)\b", re.I)
_FILLER_RE = re.compile(r"\b(a|an|the|of|in|and|with|for|to|on)\b", re.I)


@register
class TitleCaseReport(Rule):
    """The title should contain "case report" (or "case study") and also name the focus
    of the case: the diagnosis, symptom or intervention. A title that is only "A case
    report" tells a reader searching the literature nothing."""

    id = "title-case-report"
    items = ("title",)
    summary = 'The title contains "case report" and names the focus of the case.'
    passing = "carekit: 1\ntitle: Iatrogenic calcinosis cutis in an infant - a case report\n"
    failing = "carekit: 1\ntitle: Calcinosis cutis in a child with leukaemia\n"

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        title = (draft.get("title") or "").strip()
        if not title:
            return
        span = draft.span("title")
        if not _PHRASE_RE.search(title):
            yield self.finding(
                "The title does not say that this is a case report.",
                span,
                'Add the words "a case report" (e.g. "...: a case report") so the article is '
                "found as one.",
            )
            return
        focus = _FILLER_RE.sub(" ", _PHRASE_RE.sub(" ", title))
        if word_count(focus) == 0:
            yield self.finding(
                "The title says only that this is a case report, not what it is about.",
                span,
                "Name the diagnosis, symptom or intervention in the title.",
            )
