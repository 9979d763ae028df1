"""Putting draft text into generated Markdown: text is data, never markup we did not mean."""

from __future__ import annotations

import re

# Private-use characters mark numbering placeholders in the generated Markdown; they are
# removed from draft text so that a draft can never forge one.
OPEN, CLOSE = "\ue000", "\ue001"
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")
_INLINE_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>#|])")


def clean(text: object) -> str:
    """Draft text as Markdown, minus control characters and placeholder marks."""
    return _CONTROL_RE.sub("", "" if text is None else str(text)).strip()


def escape(text: object) -> str:
    """Plain text (a name, a test, a unit) that must print literally in Markdown."""
    return _INLINE_SPECIAL_RE.sub(r"\\\1", " ".join(clean(text).split()))


def cell(text: object) -> str:
    """Markdown text for a table cell: one line, pipes escaped."""
    return " ".join(clean(text).split()).replace("|", "\\|")


def placeholder(kind: str, key: str) -> str:
    """A mark the numbering pass replaces with a number (e.g. figure 2)."""
    return f"{OPEN}{kind}:{key}{CLOSE}"
