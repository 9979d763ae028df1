"""Tables of a manuscript, recognised by their header row as labs, a timeline or
interventions; any other table is kept as a table. Cell text is copied as written."""

from __future__ import annotations

import re

from carekit.manuscript.ast_text import blocks_text
from carekit.tuples import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Node = dict[str, Any]


class Grid(NamedTuple):
    caption: str
    header: list[str]
    rows: list[list[str]]


def grid(table: Node) -> Grid:
    """Caption, header and body rows of a pandoc Table as text; a merged cell's text is
    repeated in every column and row it spans."""
    _attr, caption, _specs, head, bodies, foot = table["c"]
    head_rows = _layout(head[1])
    body_rows = _layout([row for body in bodies for row in (body[2] + body[3])] + foot[1])
    if not head_rows and body_rows:  # Word tables often keep the header in the first row
        head_rows, body_rows = body_rows[:1], body_rows[1:]
    header = [
        " | ".join(dict.fromkeys(p for p in column if p)) for column in zip(*head_rows, strict=True)
    ]
    return Grid(blocks_text(caption[1]), header, body_rows)


def _layout(rows: list) -> list[list[str]]:
    """Rows of cells placed on a grid, honouring row and column spans."""
    placed: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        c = 0
        for _attr, _align, rowspan, colspan, blocks in row[1]:
            while (r, c) in placed:
                c += 1
            text = blocks_text(blocks).replace("\n\n", " ")
            for dr in range(max(1, rowspan)):
                for dc in range(max(1, colspan)):
                    placed[(r + dr, c + dc)] = text
            c += max(1, colspan)
    width = max((c for _r, c in placed), default=-1) + 1
    return [[placed.get((r, c), "") for c in range(width)] for r in range(len(rows))]


_COLUMNS = {
    "test": r"tests?|parameters?|investigations?|analytes?|laboratory( tests?| parameters?)?|"
    r"variables?|lab(oratory)? values?|measurements?",
    "value": r"values?|results?|patient('s)? values?|levels?|findings?",
    "unit": r"units?",
    "reference_range": r"(reference|normal|ref\.?)( ranges?| values?| intervals?| limits?)?",
    "time_point": r"time( ?points?)?|when|sampled|timing",
    "when": r"dates?|days?|time|dates? ?/ ?time|times?|timepoints?|when|hospital days?|period",
    "event": r"events?|clinical (events?|course)|descriptions?|course|details|what happened|"
    r"findings and interventions|clinical findings",
    "name": r"drugs?|medications?|interventions?|treatments?|agents?|therapy|procedures?",
    "dose": r"doses?|dosage|strength",
    "route": r"routes?",
    "frequency": r"frequency|schedule",
    "duration": r"duration|length",
    "type": r"type|kind",
}
_COLUMN_RES = {key: re.compile(rf"^(?:{rx})$", re.I) for key, rx in _COLUMNS.items()}


def _role(cell: str) -> str | None:
    """What a column holds, from its header; under a merged header ("Result | Unit") the
    most specific part decides."""
    for part in reversed(cell.split(" | ")):
        text = re.sub(r"\s*\(.*?\)\s*$", "", part).strip(" :.").strip()
        for key, rx in _COLUMN_RES.items():
            if rx.match(text):
                return key
    return None


def kind_of(header: list[str]) -> str:
    """labs, timeline, interventions or table, from the header row's words."""
    roles = [_role(cell) for cell in header]
    if "test" in roles and ({"unit", "reference_range"} & set(roles) or len(header) >= 3):
        return "labs"
    if "name" in roles and {"dose", "route", "frequency", "duration"} & set(roles):
        return "interventions"
    if "when" in roles and "event" in roles:
        return "timeline"
    return "table"


def lab_entries(table: Grid) -> list[dict[str, str]]:
    """One lab entry per row, or per row and time point when each column is a time."""
    roles = [_role(cell) for cell in table.header]
    time_columns = [i for i, role in enumerate(roles) if role is None and i > 0]
    entries = []
    for row in table.rows:
        fixed = {
            role: row[i]
            for i, role in enumerate(roles)
            if role in ("test", "value", "unit", "reference_range", "time_point")
            and i < len(row)
            and row[i]
        }
        if "test" not in fixed:
            continue
        if "value" in fixed or not time_columns:
            entries.append(fixed)
            continue
        for i in time_columns:  # the wide form: one column per time point
            if i < len(row) and row[i]:
                entries.append({**fixed, "value": row[i], "time_point": table.header[i]})
    return entries


def role_entries(table: Grid, keys: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows as mappings of the recognised columns (for a timeline or interventions)."""
    roles = [_role(cell) for cell in table.header]
    return [
        {role: row[i] for i, role in enumerate(roles) if role in keys and i < len(row) and row[i]}
        for row in table.rows
    ]
