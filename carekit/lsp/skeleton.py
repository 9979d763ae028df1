"""The skeleton of a missing section, for the code action on `care-item-missing`: the
block `carekit init` writes for it (templates/_scaffold/draft.yaml, comments included),
placed where the finding's fix says (carekit.check.rules.coverage.where_to_add: above the
next section in the format's order) or, for a key missing inside a section that is there,
among that section's keys in the format's order."""

from __future__ import annotations

from functools import lru_cache

from carekit.findings import Finding
from carekit.lsp.outline import Entry, block_end, entries, fields_at
from carekit.lsp.positions import Edit, Positions


@lru_cache(maxsize=1)
def _scaffold() -> tuple[list[str], list[Entry]]:
    from carekit.commands.init import scaffold

    lines = scaffold("", "").splitlines()
    return lines, entries(lines)


def _comments_above(lines: list[str], line: int, column: int) -> int:
    """The first line of the comment lines directly above `line` at `column`."""
    while line > 0 and lines[line - 1].startswith(" " * column + "#"):
        line -= 1
    return line


def scaffold_block(path: tuple[str, ...], column: int) -> str | None:
    """The scaffold's lines for the key at `path`, moved to start at `column`."""
    lines, found = _scaffold()
    entry = next((e for e in found if e.path == path and e.dash is None), None)
    if entry is None:
        return None
    first = _comments_above(lines, entry.line, entry.column)
    block = lines[first : block_end(lines, entry) + 1]
    shift = column - entry.column
    if shift >= 0:
        moved = [" " * shift + line if line else line for line in block]
    else:
        moved = [line[-shift:] if line[:-shift].isspace() else line for line in block]
    return "\n".join(moved) + "\n"


def _existing(draft_keys: set, path: tuple[str, ...]) -> tuple[str, ...]:
    """The longest start of `path` that the draft writes."""
    for depth in range(len(path), 0, -1):
        if path[:depth] in draft_keys:
            return path[:depth]
    return ()


def _top_level(analysis, positions: Positions, path: tuple[str, ...]) -> Edit | None:
    from carekit.check.rules.coverage import where_to_add

    block = scaffold_block(path[:1], 0)
    if block is None:
        return None
    span, place = where_to_add(analysis.loaded.draft, path[:1])
    lines = positions.lines()
    if not place.startswith(" Insert it above"):
        end = len(analysis.text)
        before = "" if analysis.text.endswith("\n") or not analysis.text else "\n"
        return Edit(end, end, before + "\n" + block)
    line = positions.position(positions.index.offset(span.line, 1)).line
    at = positions.starts[_comments_above(lines, line, 0)]
    return Edit(at, at, block + "\n")


def _nested(positions: Positions, path: tuple[str, ...], parent: tuple[str, ...]) -> Edit | None:
    lines = positions.lines()
    found = entries(lines)
    owner = next((e for e in found if e.path == parent and e.dash is None), None)
    record = fields_at(parent)
    if owner is None or not owner.opens_block or record is None:
        return None
    last = block_end(lines, owner)
    children = [e for e in found if e.path[:-1] == parent and owner.line < e.line <= last]
    column = children[0].column if children else owner.column + 2
    key = path[len(parent)]
    block = scaffold_block((*parent, key), column)
    if block is None:
        return None
    order = list(getattr(record, "fields", ()))
    later = set(order[order.index(key) + 1 :]) if key in order else set()
    after = next((e for e in children if e.key in later and e.column == column), None)
    if after is not None:
        at = positions.starts[_comments_above(lines, after.line, column)]
        return Edit(at, at, block)
    at = positions.starts[last] + len(lines[last])
    return Edit(at, at, "\n" + block.rstrip("\n"))


def skeleton_edit(analysis, positions: Positions, finding: Finding) -> tuple | None:
    """(title, edit) inserting the missing section a `care-item-missing` finding names."""
    from carekit.check.checklist import first_path, load_checklist

    if finding.rule != "care-item-missing" or analysis.loaded is None:
        return None
    draft = analysis.loaded.draft
    item = load_checklist(analysis.checklist).item(finding.item)
    if draft is None or item is None or not item.satisfied_by:
        return None
    path = first_path(item.satisfied_by[0])
    keys = {p for p in draft.key_spans if all(isinstance(k, str) for k in p)}
    parent = _existing(keys, path)
    if parent == path:
        return None  # the key is there, only empty: there is nothing to insert
    edit = _nested(positions, path, parent) if parent else _top_level(analysis, positions, path)
    if edit is None:
        return None
    return f"Insert the `{'.'.join(path[: len(parent) + 1])}:` skeleton (CARE {item.id})", edit
