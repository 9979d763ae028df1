"""CARE item 2: two to five keywords."""

from __future__ import annotations

from collections.abc import Iterator

from carekit.check.rules import Rule, RuleContext, register, repeats
from carekit.draft.model import Draft
from carekit.findings import Finding, Severity
from carekit.journals.profiles import DEFAULT_JOURNAL

MIN_KEYWORDS, MAX_KEYWORDS = 2, 5


@register
class KeywordsCount(Rule):
    """CARE asks for two to five keywords that name the key elements of the case.
    (A journal may ask for a different number; an empty list is reported by
    care-item-missing.)"""

    id = "keywords-count"
    items = ("keywords",)
    severity = Severity.WARNING
    summary = "Two to five keywords."
    passing = "carekit: 1\nkeywords: [calcinosis cutis, calcium gluconate, infant]\n"
    failing = "carekit: 1\nkeywords: [calcinosis cutis]\n"

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        keywords = [k for k in draft.model.keywords or [] if k.strip()]
        journal = ctx.journal
        low = journal.fact("keywords", "min", MIN_KEYWORDS) if journal else MIN_KEYWORDS
        high = journal.fact("keywords", "max", MAX_KEYWORDS) if journal else MAX_KEYWORDS
        who = (
            f"{journal.title} asks for {low} to {high} ({journal.basis('keywords')})"
            if journal and journal.name != DEFAULT_JOURNAL and journal.facts.get("keywords")
            else f"CARE asks for {low} to {high}"
        )
        if keywords and not low <= len(keywords) <= high:
            yield self.finding(
                f"The draft has {len(keywords)} keyword{'s' if len(keywords) != 1 else ''}; {who}.",
                draft.key_span("keywords"),
                "Keep the keywords that name the condition, the intervention and what is new."
                if len(keywords) > high
                else "Add keywords for the diagnosis, the intervention and the population.",
            )


@register
class KeywordsDuplicate(Rule):
    """The same keyword twice (ignoring case and spacing) wastes one of the few allowed."""

    id = "keywords-duplicate"
    items = ("keywords",)
    severity = Severity.WARNING
    summary = "No keyword appears twice."
    passing = "carekit: 1\nkeywords: [calcinosis cutis, infant]\n"
    failing = "carekit: 1\nkeywords: [calcinosis cutis, Calcinosis  cutis, infant]\n"

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        keywords = draft.model.keywords or []
        for index, first in repeats(" ".join(k.lower().split()) for k in keywords):
            yield self.finding(
                f"The keyword {keywords[index]!r} repeats keyword {first + 1}.",
                draft.span("keywords", index),
                "Delete the repeated keyword.",
                excerpt=keywords[index],
            )
