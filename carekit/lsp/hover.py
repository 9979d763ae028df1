"""Hover: what a key is for, the CARE item it reports and what the item asks (the text of
`carekit explain ITEM`), and, on a line with findings, each rule's explanation (the text
of `carekit explain RULE`)."""

from __future__ import annotations

import re
from functools import lru_cache

from lsprotocol import types

from carekit.commands.explain import explain_item, explain_rule
from carekit.lsp.diagnostics import Analysis
from carekit.lsp.outline import care_item, entries, kind_at
from carekit.lsp.positions import Positions

_WORD_RE = re.compile(r"[\w-]+")


def _markdown(text: str) -> str:
    """Plain explain text as Markdown: every line break kept."""
    return "\n".join(line + "  " if line else "" for line in text.splitlines())


@lru_cache(maxsize=64)
def rule_text(rule: str) -> str:
    """`carekit explain RULE` up to its examples (a hover is no place for them)."""
    from carekit.check.rules import all_rules

    if rule not in all_rules():
        return ""
    return explain_rule(rule).split("\nPasses:", 1)[0].strip()


@lru_cache(maxsize=64)
def item_text(key: str) -> str:
    return (explain_item(key) or "").strip()


def key_text(path: tuple[str, ...]) -> str:
    kind = kind_at(path)
    if kind is None:
        return f"`{'.'.join(path)}` is not a key of the carekit draft format."
    lines = [f"**`{'.'.join(path)}`**: {kind.label}"]
    if kind.description:
        lines += ["", kind.description]
    item = care_item(path)
    if item:
        lines += ["", "---", "", _markdown(item_text(item))]
    return "\n".join(lines)


def hover(analysis: Analysis, position: types.Position, encoding: str) -> types.Hover | None:
    positions = Positions(analysis.text, encoding)
    lines = positions.lines()
    parts = []
    entry = next((e for e in entries(lines, position.line + 1) if e.line == position.line), None)
    line_text = positions.line_text(position.line)
    column = positions.offset(position) - positions.offset(types.Position(position.line, 0))
    word = next((m for m in _WORD_RE.finditer(line_text) if m.start() <= column <= m.end()), None)
    on_key = entry is not None and word is not None and word.start() == entry.column
    if on_key:
        parts.append(key_text(entry.path))
    line = positions.carekit_line(position)
    rules = dict.fromkeys(f.rule for f in analysis.findings if f.span.line == line)
    for rule in rules:
        text = rule_text(rule)
        if text:
            parts.append(f"**{rule}**\n\n" + _markdown(text))
    if not parts:
        return None
    return types.Hover(
        contents=types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(parts))
    )
