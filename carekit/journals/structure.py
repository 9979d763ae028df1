"""How a journal lays out a manuscript, as its profile says: learning points as bullets
or prose, keywords above or after the abstract, figure legends with the figures or after
the references, the declarations' headings. Each is a profile section with its source
and confidence, like every other fact; a profile that says nothing keeps the layout
carekit has always used (CARE order, BMC-style declarations)."""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# The declarations a draft holds, in the order and wording of BMC's "Declarations"
# section; a profile's `declarations.headings` replaces the wording and the order.
DEFAULT_DECLARATIONS: dict[str, str] = {
    "ethics": "Ethics approval and consent to participate",
    "consent": "Consent for publication",
    "data_availability": "Availability of data and materials",
    "competing_interests": "Competing interests",
    "funding": "Funding",
    "author_contributions": "Authors' contributions",
    "acknowledgements": "Acknowledgements",
}
DECLARATION_KEYS = tuple(DEFAULT_DECLARATIONS)
LEARNING_FORMATS = ("bullets", "prose")
KEYWORD_POSITIONS = ("before_abstract", "after_abstract")
LEGEND_POSITIONS = ("with_figures", "after_references")


def structure_of(facts: dict[str, Any] | None) -> dict[str, Any]:
    """The layout the templates follow (`structure` in the template context)."""
    facts = facts or {}
    learning = facts.get("learning_points") or {}
    keywords = facts.get("keywords_placement") or {}
    legends = facts.get("figure_legends") or {}
    declarations = facts.get("declarations") or {}
    given = declarations.get("headings") or {}
    # A declaration the profile does not name still prints (the author wrote it), after
    # the journal's own, in carekit's wording.
    headings = {**given, **{k: v for k, v in DEFAULT_DECLARATIONS.items() if k not in given}}
    return {
        "learning_points": {
            "format": learning.get("format", "prose"),
            "min": learning.get("min"),
            "max": learning.get("max"),
        },
        "keywords": keywords.get("position", "before_abstract"),
        "figure_legends": legends.get("position", "with_figures"),
        "legends_heading": legends.get("heading") or "Figure legends",
        "declarations": {
            "heading": declarations.get("heading", "Declarations"),
            "headings": list(headings.items()),
            "journal_wording": bool(given),  # else the template names the consent heading
        },
    }


def said(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """(section, what the profile asks) for `carekit journals`."""
    out: list[tuple[str, str]] = []
    learning = facts.get("learning_points") or {}
    if learning.get("format"):
        count = ""
        if learning.get("min") is not None or learning.get("max") is not None:
            count = f" ({learning.get('min', '?')} to {learning.get('max', '?')})"
        out.append(("learning_points", f"learning points: {learning['format']}{count}"))
    keywords = facts.get("keywords_placement") or {}
    if keywords.get("position"):
        out.append(("keywords_placement", f"keywords: {keywords['position'].replace('_', ' ')}"))
    legends = facts.get("figure_legends") or {}
    if legends.get("position"):
        where = legends["position"].replace("_", " ")
        heading = f" under {legends['heading']!r}" if legends.get("heading") else ""
        out.append(("figure_legends", f"figure legends: {where}{heading}"))
    declarations = facts.get("declarations") or {}
    if declarations:
        heading = declarations.get("heading")
        under = f"under {heading!r}: " if heading else "each under its own heading: "
        listed = "; ".join((declarations.get("headings") or DEFAULT_DECLARATIONS).values())
        out.append(("declarations", f"declarations {under}{listed}"))
    return out


_ABBREVIATION_END = re.compile(r"\b(e\.g|i\.e|et al|vs|Dr|Fig|Figs|approx|cf|No)\.$", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def points(*texts: str) -> list[str]:
    """Learning points as separate items: the author's own list items, else paragraphs,
    else sentences. Nothing is reworded; only the author's breaks are used."""
    items: list[str] = []
    for text in texts:
        text = (text or "").strip()
        if not text:
            continue
        lines = text.splitlines()
        if any(_LIST_ITEM.match(line) for line in lines):
            items += _list_items(lines)
            continue
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
        if len(paragraphs) > 1:
            items += paragraphs
        else:
            items += _sentences(paragraphs[0])
    return items


def _list_items(lines: list[str]) -> list[str]:
    items: list[str] = []
    for line in lines:
        if _LIST_ITEM.match(line):
            items.append(_LIST_ITEM.sub("", line).strip())
        elif line.strip() and items:
            items[-1] += " " + line.strip()
        elif line.strip():
            items.append(line.strip())
    return items


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in re.split(r"(?<=[.!?])\s+(?=[A-Z(\[])", text):
        if out and _ABBREVIATION_END.search(out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out
