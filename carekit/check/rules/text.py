"""Helpers rules share for reading the author's prose."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from carekit.draft.model import Draft
from carekit.draft.schema import Path
from carekit.span import Span

# [@le2020], [@le2020; @sawke2016], [@fig:xray], [@le2020, p. 3]
_CITATION_RE = re.compile(r"\[(@[^\[\]]+)\]")
_KEY_RE = re.compile(r"@([A-Za-z0-9_][A-Za-z0-9_:./\-]*)")
_WORD_RE = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’\-][A-Za-z0-9\u00C0-\u024F]+)*")


class Citation(NamedTuple):
    key: str  # "le2020", "fig:xray", "tbl:labs"
    path: Path
    span: Span


def citations(draft: Draft) -> Iterator[Citation]:
    """Every citation key typed in any text field, with its exact position."""
    for path, text in draft.prose():
        locator = draft.locator(path, text)  # linear in the field, however many citations
        for group in _CITATION_RE.finditer(text):
            at = group.start(1)
            for part in group[1].split(";"):
                match = _KEY_RE.search(part)
                if match:
                    key = match[1].rstrip(".:-/")
                    start = at + match.start()
                    yield Citation(key, path, locator.span(start, start + 1 + len(key)))
                at += len(part) + 1


def word_count(text: str) -> int:
    """Words as journals count them: citation brackets and Markdown marks do not count."""
    return len(_WORD_RE.findall(_CITATION_RE.sub(" ", text)))
