"""Document symbols: the draft's top-level sections, named with the CARE item they report,
and the keys of each section that is a record (patient, diagnostics, follow_up...).
Read line by line, so the outline stays while the YAML is half-typed."""

from __future__ import annotations

from lsprotocol import types

from carekit.draft.schema import Record
from carekit.lsp.outline import Entry, block_end, care_item, entries, kind_at
from carekit.lsp.positions import Positions


def _detail(path: tuple[str, ...]) -> str | None:
    """The CARE items reported under a key, from the checklist's `satisfied_by`."""
    from carekit.check.checklist import first_path, load_checklist

    checklist = load_checklist()
    key = care_item(path)
    items = (
        [checklist.item(key)]
        if key
        else [
            item
            for item in checklist.items
            if any(first_path(p)[: len(path)] == path for p in item.satisfied_by)
        ]
    )
    items = [item for item in items if item is not None]
    if not items:
        return None
    topics = " / ".join(dict.fromkeys(item.topic for item in items))
    return f"CARE {', '.join(item.id for item in items)} · {topics}"


def _symbol(entry: Entry, lines: list[str], positions: Positions, children: list) -> object:
    end = block_end(lines, entry)
    end_character = len(lines[end]) if end < len(lines) else 0
    start = positions.position(positions.starts[entry.line] + entry.column)
    name_end = positions.position(positions.starts[entry.line] + entry.column + len(entry.key))
    whole = types.Range(
        types.Position(entry.line, 0),
        positions.position(positions.starts[end] + end_character),
    )
    known = kind_at(entry.path) is not None
    return types.DocumentSymbol(
        name=entry.key,
        detail=_detail(entry.path) if known else "not a key of the draft format",
        kind=types.SymbolKind.Namespace if len(entry.path) == 1 else types.SymbolKind.Field,
        range=whole,
        selection_range=types.Range(start, name_end),
        children=children or None,
    )


def document_symbols(text: str, encoding: str) -> list[types.DocumentSymbol]:
    positions = Positions(text, encoding)
    lines = positions.lines()
    found = entries(lines)
    symbols = []
    for entry in found:
        if len(entry.path) != 1:
            continue
        record = isinstance(kind_at(entry.path), Record)
        children = [
            _symbol(child, lines, positions, [])
            for child in found
            if record
            and len(child.path) == 2
            and child.path[0] == entry.key
            and child.dash is None
            and entry.line < child.line <= block_end(lines, entry)
        ]
        symbols.append(_symbol(entry, lines, positions, children))
    return symbols
