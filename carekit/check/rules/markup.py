"""Markdown attributes in draft text that the manuscript will not carry.

`[text]{style="background:url(https://...)"}` or `![x](a.png){srcset="https://..."}` would
make a reader's browser fetch from the network (a tracking beacon). The renderer keeps only
a plain `id` and `class`; this rule says so in `check`, in every text field, the
declarations included, so the author learns it before the manuscript is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from carekit.check.rules import Rule, RuleContext, register
from carekit.draft.model import Draft
from carekit.findings import Finding, Severity

# An attribute block right after a span, link or image: `]{...}` or `){...}`.
_BLOCK_RE = re.compile(r"[\])](\{[^{}\n]{1,2000}\})")
_PAIR_RE = re.compile(r"""([A-Za-z_:][\w:.-]*)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s}]*)""")
# Attributes whose value a browser loads, and values that load whatever the attribute.
_LOADING_NAMES = {
    "src", "srcset", "href", "xlink:href", "poster", "background", "data", "action",
    "formaction", "ping", "lowsrc", "dynsrc", "longdesc", "manifest", "cite", "style",
}  # fmt: skip
_LOADING_VALUE_RE = re.compile(
    r"url\s*\(|image-set|@import|//|\b(?:https?|ftp|file|data|javascript):", re.I
)


@register
class MarkupAttribute(Rule):
    """Markdown attributes such as `{style="..."}` or `{srcset="..."}` after a span, link
    or image are dropped from the manuscript: only a plain `#id` and `.class` are kept,
    so that draft text can never make a reader's browser load anything from the network.
    An attribute that would load a URL is an error; any other is a warning."""

    id = "markup-attribute"
    severity = Severity.WARNING
    summary = "Draft text carries no Markdown attributes other than #id and .class."
    passing = """\
carekit: 1
introduction: The lesion was [firm]{.finding} on palpation.
"""
    failing = """\
carekit: 1
introduction: The lesion was [firm]{title="hard"} on palpation.
declarations:
  acknowledgements: We thank [the team]{style="background:url(https://example.org/t.png)"}.
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        for path, text in draft.prose():
            if "]{" not in text and "){" not in text:
                continue
            for block in _BLOCK_RE.finditer(text):
                dropped = [
                    (name, value)
                    for name, value in _PAIR_RE.findall(block[1])
                    if name.lower() not in ("id", "class")
                ]
                if not dropped:
                    continue
                loads = [
                    name
                    for name, value in dropped
                    if name.lower() in _LOADING_NAMES or _LOADING_VALUE_RE.search(value)
                ]
                names = ", ".join(dict.fromkeys(name for name, _ in dropped))
                if loads:
                    loading = ", ".join(dict.fromkeys(loads))
                    message = (
                        f"The Markdown attribute {loading} would make a reader's browser load "
                        "a file from the network; carekit removes it from the manuscript."
                    )
                else:
                    message = (
                        f"The Markdown attribute {names} is not kept in the manuscript "
                        "(only #id and .class are)."
                    )
                yield self.finding(
                    message,
                    draft.locate(path, block[1]),
                    "Delete the `{...}` after the text; for an image, put it in the draft's "
                    "folder and add it under `figures:`.",
                    severity=Severity.ERROR if loads else None,
                    excerpt=block[1][:80],
                )
