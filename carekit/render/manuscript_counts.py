"""Word counts of the manuscript as laid out, for the title page.

The draft's own counts (`carekit check --word-counts`) count what the author wrote; the
title page states what the journal will count: the manuscript's words, the sentences
the template writes included (the patient's age and sex, the labels, the sentences that
cite the generated tables). As journals count: the abstract on its own; the main text
without the title block, abstract, tables, figures and their captions, declarations and
references; citation brackets and Markdown marks are not words.
"""

from __future__ import annotations

import re

from carekit.draft.wordcount import CITATION_RE
from carekit.render.fieldmarks import strip_fields

_WORD_RE = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’\-][A-Za-z0-9\u00C0-\u024F]+)*")
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
ABSTRACT_HEADINGS = {"abstract", "summary"}
# Sections that are not main text, in any bundled template.
NOT_MAIN = {
    "figures",
    "figure legends",
    "tables",
    "declarations",
    "references",
    "keywords",
}
_CITE_LINK_RE = re.compile(r"\\\[[^\]\n]*?\]\(#ref-\d+\)[^\n]*?\\\]")  # \[[1](#ref-1)...\]
_LINK_RE = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_LABEL_RE = re.compile(r"^\*\*[^*\n]+:\*\*", re.M)
_CAPTION_RE = re.compile(r"^\*\*(Table|Fig\.|Figure) \d+\.\*\*")


def _words(text: str) -> int:
    text = _CITE_LINK_RE.sub(" ", CITATION_RE.sub(" ", text))
    text = _LINK_RE.sub(r"\1", text)
    return len(_WORD_RE.findall(text))


def manuscript_words(markdown: str) -> dict[str, int]:
    """{"abstract": N, "main": M} for the manuscript Markdown carekit wrote."""
    counts = {"abstract": 0, "main": 0}
    section: str | None = None  # None: the title block, before the first section
    fenced = False
    for block in re.split(r"\n\s*\n", strip_fields(markdown)):
        first = block.lstrip().split("\n", 1)[0]
        heading = _HEADING_RE.match(first)
        if heading and len(heading[1]) == 2:
            name = heading[2].strip().lower()
            section = (
                "abstract"
                if name in ABSTRACT_HEADINGS
                else None
                if name in NOT_MAIN or _declaration(name)
                else "main"
            )
            continue
        if heading:  # a sub-heading is not prose
            continue
        lines = [line.strip() for line in block.strip().splitlines()] or [""]
        opening = lines[0].startswith("::: ")
        if fenced or opening or lines[0] == ":::":  # a figure or table block, caption too
            fenced = not (lines[-1] == ":::" and not (opening and len(lines) == 1))
            continue
        if section is None or _not_prose(block):
            continue
        if section == "abstract":  # a structured abstract's labels, as the check counts
            block = _LABEL_RE.sub("", block)
        counts[section] += _words(block)
    return counts


def _declaration(name: str) -> bool:
    return name.startswith(("consent", "competing", "funding", "ethics", "acknowledg"))


def _not_prose(block: str) -> bool:
    lines = [line.strip() for line in block.strip().splitlines()]
    return (
        not lines
        or all(line.startswith("|") for line in lines)
        or lines[0].startswith("![")
        or bool(_CAPTION_RE.match(lines[0]))
        or lines[0] == ":::"
    )
