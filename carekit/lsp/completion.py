"""Completion: the keys the format allows where the cursor is, the values of enumerated
keys (`sex`, `type`, `given_by`, yes/no, the journals), and CARE item IDs under
`not_reported:`. Everything comes from carekit.draft.format, the one definition of the
format, and from the checklist; the text around the cursor is read line by line, so it
works while the YAML is half-typed."""

from __future__ import annotations

import re

from lsprotocol import types

from carekit.draft.schema import Boolean, Choice, Kind, MapOf, Record
from carekit.lsp.outline import entries, fields_at, kind_at, parents_at

_KEY_PREFIX_RE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<word>[\w-]*)$")
_VALUE_PREFIX_RE = re.compile(
    r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[\w-]+) *: +(?P<word>\S*)$"
)


def _key_item(key: str, kind: Kind) -> types.CompletionItem:
    return types.CompletionItem(
        label=key,
        kind=types.CompletionItemKind.Property,
        detail=kind.label,
        documentation=kind.description or None,
        insert_text=f"{key}: ",
    )


def _item_ids(written: set[str]) -> list[types.CompletionItem]:
    """CARE item IDs, for the keys of `not_reported:`."""
    from carekit.check.checklist import load_checklist

    return [
        types.CompletionItem(
            label=item.id,
            kind=types.CompletionItemKind.EnumMember,
            detail=f"CARE {item.id}: {item.topic}",
            documentation=item.requirement,
            insert_text=f"{item.id}: ",
        )
        for item in load_checklist().items
        if item.id not in written
    ]


def key_items(lines: list[str], line: int, column: int, dash: int | None) -> list:
    parents = parents_at(lines, line, column, dash)
    holder = fields_at(parents)
    # Keys already written in this block are not offered again.
    written = {e.key for e in entries(lines) if e.path[:-1] == parents and e.line != line}
    if isinstance(holder, MapOf):
        return _item_ids(written) if parents == ("not_reported",) else []
    if not isinstance(holder, Record):
        return []
    if dash is not None or kind_at(parents) is not holder:  # an entry of a list
        written = set()
    return [_key_item(k, kind) for k, kind in holder.fields.items() if k not in written]


def _values(kind: Kind | None, key: str) -> list[str]:
    if isinstance(kind, Choice):
        return list(kind.values)
    if isinstance(kind, Boolean):
        return ["yes", "no"]
    if key == "journal" and kind is not None:
        from carekit.journals.profiles import journal_names

        return journal_names()
    return []


def value_items(lines: list[str], line: int, match: re.Match) -> list:
    column = match.start("key")
    dash = len(match["indent"]) if match["dashes"] else None
    path = (*parents_at(lines, line, column, dash), match["key"])
    kind = kind_at(path)
    return [
        types.CompletionItem(label=value, kind=types.CompletionItemKind.Value, detail=kind.label)
        for value in _values(kind, match["key"])
    ]


def complete(text: str, line: int, before: str) -> types.CompletionList:
    """Completions at editor `line`, where `before` is the line's text up to the cursor."""
    lines = text.splitlines()  # the caller passes the editor's lines joined by \n
    found: list = []
    value = _VALUE_PREFIX_RE.match(before)
    if value:
        found = value_items(lines, line, value)
    else:
        key = _KEY_PREFIX_RE.match(before)
        if key:
            dash = len(key["indent"]) if key["dashes"] else None
            found = key_items(lines, line, key.start("word"), dash)
    return types.CompletionList(is_incomplete=False, items=found)
