"""CARE item 3: the abstract, structured or as one paragraph."""

from __future__ import annotations

from collections.abc import Iterator

from carekit.check.rules import Rule, RuleContext, register
from carekit.draft.model import Draft
from carekit.draft.typed import ABSTRACT_PARTS
from carekit.draft.wordcount import abstract_words
from carekit.findings import Finding

__all__ = ["PARTS", "AbstractStructure", "abstract_words"]  # journal rules read these

# part -> (CARE item key, what it holds); the parts are described once, in the model
PARTS = {part: (item, what) for part, (item, what, _) in ABSTRACT_PARTS.items()}


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
        written = [part for part, _, _ in draft.model.abstract.parts]
        present = [part for part in written if part != "text"]
        words = abstract_words(draft)
        if "text" in written:
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
