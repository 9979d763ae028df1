"""CARE item 3: the abstract, structured or as one paragraph."""

from __future__ import annotations

from collections.abc import Iterator

from carekit.check.rules import Rule, RuleContext, register
from carekit.check.rules.text import word_count
from carekit.draft.model import Draft
from carekit.findings import Finding

PARTS = {
    "background": ("abstract-novelty", "what is new about the case"),
    "case_presentation": (
        "abstract-concerns-findings",
        "the patient's concerns, findings, diagnosis, treatment and outcome",
    ),
    "conclusion": ("abstract-conclusion", "the main take-away lesson"),
}


def abstract_words(draft: Draft) -> int:
    abstract = draft.get("abstract") or {}
    return sum(word_count(abstract.get(k) or "") for k in (*PARTS, "text"))


@register
class AbstractStructure(Rule):
    """A structured abstract needs all three parts: background, case presentation and
    conclusion. An unstructured abstract is one `text`; a draft should not mix the two."""

    id = "abstract-structure"
    items = ("abstract-novelty", "abstract-concerns-findings", "abstract-conclusion")
    summary = "A structured abstract has background, case presentation and conclusion."
    passing = """\
carekit: 1
abstract:
  background: Calcium infusions can leave calcium deposits in the skin.
  case_presentation: A 9-month-old boy developed a hard swelling at an infusion site.
  conclusion: Check infusion sites often.
"""
    failing = """\
carekit: 1
abstract:
  background: Calcium infusions can leave calcium deposits in the skin.
  case_presentation: A 9-month-old boy developed a hard swelling at an infusion site.
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        abstract = draft.get("abstract") or {}
        present = [part for part in PARTS if (abstract.get(part) or "").strip()]
        words = abstract_words(draft)
        if (abstract.get("text") or "").strip():
            if present:
                yield self.finding(
                    f"The abstract has both a free `text` and structured parts "
                    f"({', '.join(present)}); {words} words in all.",
                    draft.key_span("abstract"),
                    "Keep either the structured parts or the single `text`, not both.",
                )
            return
        if not present:
            return  # nothing written yet: care-item-missing reports each item
        for part, (item, what) in PARTS.items():
            if part not in present:
                yield self.finding(
                    f"The structured abstract has no `{part}` ({what}); it has {words} words "
                    "so far.",
                    draft.key_span("abstract", part),
                    f"Add `abstract.{part}:` with {what}.",
                    item=item,
                )
