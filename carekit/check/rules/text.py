"""Helpers rules share for reading the author's prose."""

from __future__ import annotations

import re
from collections.abc import Iterator

from carekit.draft.model import Draft
from carekit.draft.schema import Path
from carekit.draft.wordcount import CITATION_RE as _CITATION_RE
from carekit.draft.wordcount import word_count
from carekit.span import Span
from carekit.tuples import NamedTuple

__all__ = ["Citation", "citations", "word_count"]  # word_count: counted in the model

_KEY_RE = re.compile(r"@([A-Za-z0-9_][A-Za-z0-9_:./\-]*)")


class Citation(NamedTuple):
    key: str  # "le2020", "fig:xray", "tbl:labs"
    path: Path
    span: Span


def citations(draft: Draft) -> list[Citation]:
    """Every citation key typed in any text field, with its exact position; found once per
    draft (four rules ask)."""
    found = draft.__dict__.get("_citations")
    if found is None:
        found = draft.__dict__["_citations"] = list(_citations(draft))
    return found


def _citations(draft: Draft) -> Iterator[Citation]:
    for path, text in draft.prose():
        locator = None  # linear in the field, however many citations; made only for a
        for group in _CITATION_RE.finditer(text):  # field that cites: most do not
            locator = locator or draft.locator(path, text)
            at = group.start(1)
            for part in group[1].split(";"):
                match = _KEY_RE.search(part)
                if match:
                    key = match[1].rstrip(".:-/")
                    start = at + match.start()
                    yield Citation(key, path, locator.span(start, start + 1 + len(key)))
                at += len(part) + 1
