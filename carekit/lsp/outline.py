"""The shape of a draft read line by line: which key each line holds and the keys above
it. It works on half-typed YAML that cannot be parsed, so completion, hover and the
outline keep working while the author types. The format (carekit.draft.format) says what
each key is."""

from __future__ import annotations

import re

from carekit.draft.format import DRAFT
from carekit.draft.schema import Kind, ListOf, MapOf, OneOf, Record
from carekit.tuples import NamedTuple

# `key:` or `- key:` (any number of dashes), the key plain: a format key or a CARE item ID.
_KEY_RE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[A-Za-z0-9_][\w-]*) *:(?= |$)")
_BLOCK_SCALAR_RE = re.compile(r"^ *[|>][-+0-9]* *(#.*)?$")


class Entry(NamedTuple):
    """One key written on one line (0-based), with the keys above it."""

    line: int
    column: int  # where the key starts
    dash: int | None  # where the list item's dash is, when the key starts an entry
    key: str
    path: tuple[str, ...]  # the keys from the top down to this one (list levels skipped)
    value: str  # what follows the colon on the same line (comment included)

    @property
    def opens_block(self) -> bool:
        return not self.value.strip() or self.value.strip().startswith("#")


def keyed(line: str) -> tuple[int, int | None, str, str] | None:
    """(key column, dash column or None, key, rest of the line) for a line holding a key."""
    match = _KEY_RE.match(line)
    if not match:
        return None
    dash = len(match["indent"]) if match["dashes"] else None
    return match.start("key"), dash, match["key"], line[match.end() :]


def _pop(stack: list[Entry], column: int, dash: int | None) -> None:
    """Drop the keys that are not above a key written at `column` (and `dash`)."""
    limit = column if dash is None else dash
    while stack and stack[-1].column >= limit:
        top = stack[-1]
        if dash is not None and top.column == dash and top.opens_block:
            return  # an indentless list: `labs:` then `- test: ...` at the same column
        stack.pop()


def entries(lines: list[str], stop: int | None = None) -> list[Entry]:
    """Every key line before line `stop` (all lines when None), skipping comments and the
    text of block scalars (`key: |`), whose lines may look like keys."""
    found: list[Entry] = []
    stack: list[Entry] = []
    scalar_above: int | None = None  # lines indented deeper than this are a block's text
    for number, line in enumerate(lines[:stop] if stop is not None else lines):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if scalar_above is not None and (not stripped or indent > scalar_above):
            continue
        scalar_above = None
        if not stripped or stripped.startswith("#"):
            continue
        parts = keyed(line)
        if parts is None:
            continue
        column, dash, key, rest = parts
        _pop(stack, column, dash)
        entry = Entry(number, column, dash, key, tuple(e.key for e in stack) + (key,), rest)
        found.append(entry)
        stack.append(entry)
        if _BLOCK_SCALAR_RE.match(rest):
            scalar_above = column
    return found


def parents_at(lines: list[str], line: int, column: int, dash: int | None = None) -> tuple:
    """The keys above a key that would start at `column` on `line`."""
    stack: list[Entry] = []
    for entry in entries(lines, line):
        _pop(stack, entry.column, entry.dash)
        stack.append(entry)
    _pop(stack, column, dash)
    return tuple(e.key for e in stack)


def _inner(kind: Kind | None) -> Kind | None:
    """Through lists (and a choice of shapes) to the kind that holds keys."""
    while isinstance(kind, (ListOf, OneOf)):
        if isinstance(kind, ListOf):
            kind = kind.item_kind
        else:
            kind = next((a for a in kind.alternatives if isinstance(a, (Record, ListOf))), None)
    return kind


def kind_at(path: tuple[str, ...]) -> Kind | None:
    """The format's kind for a key path (None for a key the format does not have)."""
    kind: Kind | None = DRAFT
    for key in path:
        kind = _inner(kind)
        if isinstance(kind, Record):
            kind = kind.fields.get(key)
        elif isinstance(kind, MapOf):
            kind = kind.value_kind
        else:
            return None
    return kind


def fields_at(path: tuple[str, ...]) -> Record | MapOf | None:
    """The record (or mapping) whose keys may be written under `path`."""
    kind = _inner(kind_at(path))
    return kind if isinstance(kind, (Record, MapOf)) else None


def care_item(path: tuple[str, ...]) -> str | None:
    """The stable key of the CARE item the key at `path` reports, from the format's
    annotation (itself read from the checklist's `satisfied_by`); the nearest key above
    that has one when this one has none."""
    for end in range(len(path), 0, -1):
        kind = kind_at(path[:end])
        if kind is not None and kind.care:
            return kind.care
    return None


def block_end(lines: list[str], entry: Entry) -> int:
    """The last line (0-based) of the block a key opens: its own line and the lines
    indented deeper below it (an indentless list's entries too), without the blank and
    comment lines that end it."""
    last = entry.line
    own = entry.column if entry.dash is None else entry.column - 1
    for number in range(entry.line + 1, len(lines)):
        text = lines[number]
        stripped = text.strip()
        if not stripped:
            continue
        indent = len(text) - len(text.lstrip(" "))
        indentless = indent == entry.column and stripped.startswith("-") and entry.opens_block
        if indent <= own and not indentless:
            break
        if not stripped.startswith("#"):
            last = number
    return last
