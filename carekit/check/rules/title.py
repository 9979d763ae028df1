"""CARE item 1: the title says "case report" and what the case is about."""

from __future__ import annotations

import re
from collections.abc import Iterator

from carekit.check.rules import Rule, RuleContext, register
from carekit.check.rules.text import word_count
from carekit.draft.model import Draft
from carekit.findings import Finding
from carekit.journals.profiles import DEFAULT_JOURNAL

_PHRASE_RE = re.compile(r"\bcase\s+(report|study)\b", re.I)
_FILLER_RE = re.compile(r"\b(a|an|the|of|in|and|with|for|to|on)\b", re.I)


_DEMOGRAPHICS_RE = re.compile(
    r"\b(\d+[- ](?:year|month|week|day)s?[- ]old|infant|newborn|neonate|boy|girl|man|woman|"
    r"male|female|elderly|adolescent|teenager)\b",
    re.I,
)


def _care_item(ctx: RuleContext) -> str:
    """The number the checklist in use gives the title item, e.g. "CARE item 1"."""
    item = ctx.checklist.item("title")
    return f"CARE item {item.id}" if item else "CARE"


@register
class TitleCaseReport(Rule):
    """CARE item 1: the title should contain "case report" (or "case study") and also name
    the focus of the case: the diagnosis, symptom or intervention. A journal profile may
    decide otherwise: BMJ Case Reports forbids "case report", "rare" and "first" in the
    title, and the patient's age, sex or ethnicity; under that profile the journal's rule
    is applied, and the finding says so."""

    id = "title-case-report"
    items = ("title",)
    summary = "The title names the focus of the case and follows CARE 1 or the journal."
    passing = "carekit: 1\ntitle: Iatrogenic calcinosis cutis in an infant - a case report\n"
    failing = "carekit: 1\ntitle: Calcinosis cutis in a child with leukaemia\n"

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        title = (draft.model.title or "").strip()
        if not title:
            return
        span = draft.span("title")
        journal = ctx.journal
        rules = journal.facts.get("title_rules") if journal else None
        forbid = (rules or {}).get("forbid", [])
        require = (rules or {}).get("require", []) if rules else ["case report", "case study"]
        # Under plain CARE the rule is CARE's own; a journal's profile is named with its source.
        by_journal = rules and journal.name != DEFAULT_JOURNAL
        care = _care_item(ctx)
        basis = journal.basis("title_rules") if by_journal else care
        for word in forbid:
            if re.search(rf"\b{re.escape(word)}\b", title, re.I):
                yield self.finding(
                    f"The title contains {word!r}, which {journal.title} does not allow in "
                    f"titles ({basis}; this overrides {care}).",
                    span,
                    f"Remove {word!r}; describe what the case teaches instead.",
                )
        if journal and journal.fact("title_rules", "forbid_demographics"):
            found = _DEMOGRAPHICS_RE.search(title)
            if found:
                yield self.finding(
                    f"The title gives the patient's age or sex ({found[0]!r}), which "
                    f"{journal.title} does not allow ({basis}).",
                    span,
                    "Leave age, sex and ethnicity out of the title; give them in the text.",
                )
        if require and not any(re.search(rf"\b{re.escape(p)}\b", title, re.I) for p in require):
            yield self.finding(
                f"The title does not say that this is a case report ({basis}).",
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
