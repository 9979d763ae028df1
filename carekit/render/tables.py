"""Tables that hold together on the page.

Two passes. On the Markdown (every format is made from it): a column left empty in every
row (an interventions table whose drugs have no dose, frequency or duration) is dropped,
so the columns that say something get its width. On the HTML: a value with its unit
("10 mg/kg", "135-145 mmol/L", "10^9/L") is kept on one line, so a narrow column cannot
print it as "10 / mg/ / kg". Page breaks between rows are the stylesheet's business.
"""

from __future__ import annotations

import re

_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
_DELIMITER_CELL_RE = re.compile(r"^\s*:?-{1,}:?\s*$")
_CELL_SPLIT_RE = re.compile(r"(?<!\\)\|")
# A number (or a range of numbers) followed by its unit, or any word with a slash or a
# power in it (a unit on its own: mmol/L, 10^9/L, ×10⁹/L).
_NUMBER = r"[<>≤≥~±+\-−]?\d[\d.,]*(?:\s?[–\-−]\s?\d[\d.,]*)?"
_UNIT = r"(?:[A-Za-zµμ%°×⁰¹²³⁴⁵⁶⁷⁸⁹⁻][^\s<>&]*|&lt;[^\s<>&]*)"
_TOGETHER_RE = re.compile(rf"(?<![\w.])({_NUMBER} {_UNIT}|[^\s<>]*[/^×⁰¹²³⁴⁵⁶⁷⁸⁹][^\s<>]*)")
_CELL_RE = re.compile(r"(<t[dh]\b[^>]*>)(.*?)(</t[dh]>)", re.S)
_TAG_RE = re.compile(r"(<[^>]+>)")


def _cells(line: str) -> list[str]:
    inner = line.strip()[1:-1]
    return [cell.strip() for cell in _CELL_SPLIT_RE.split(inner)]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def drop_empty_columns(markdown: str) -> str:
    """Every pipe table in `markdown` without the columns whose body cells are all empty
    (at least one column is kept; a table without body rows is left alone)."""
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if (
            i + 1 < len(lines)
            and _ROW_RE.match(lines[i])
            and _ROW_RE.match(lines[i + 1])
            and all(_DELIMITER_CELL_RE.match(c) for c in _cells(lines[i + 1]))
        ):
            end = i + 2
            while end < len(lines) and _ROW_RE.match(lines[end]):
                end += 1
            out.extend(_without_empty(lines[i:end]))
            i = end
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def _without_empty(table: list[str]) -> list[str]:
    rows = [_cells(line) for line in table]
    width = len(rows[0])
    body = rows[2:]
    if not body or any(len(r) != width for r in rows):
        return table  # a ragged table is printed as the author wrote it
    keep = [c for c in range(width) if any(r[c] for r in body)] or [0]
    if len(keep) == width:
        return table
    kept = [_row([r[c] for c in keep]) for r in rows]
    kept[1] = "|" + "|".join(rows[1][c] for c in keep) + "|"  # the delimiter row as it was
    return kept


def keep_units_together(html: str) -> str:
    """The HTML with each value-and-unit inside a table cell wrapped in a
    `<span class="nowrap">` (text only: tags and attributes are left as they are)."""

    def cell(match: re.Match) -> str:
        parts = _TAG_RE.split(match[2])
        for index in range(0, len(parts), 2):  # even parts are text, odd ones tags
            parts[index] = _TOGETHER_RE.sub(_wrap, parts[index])
        return match[1] + "".join(parts) + match[3]

    return _CELL_RE.sub(cell, html)


def _wrap(match: re.Match) -> str:
    text = match[0]
    if len(text) > 40:  # a long run may wrap; only short values are held together
        return text
    return f'<span class="nowrap">{text}</span>'
