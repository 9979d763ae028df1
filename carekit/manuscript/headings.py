"""Which draft key a manuscript heading stands for (checklists/manuscript_headings.yaml)."""

from __future__ import annotations

import re
from functools import lru_cache

from carekit.io.yamldata import load_data
from carekit.resources import data_dir

_NUMBERING_RE = re.compile(r"^\s*(?:[0-9]+(?:\.[0-9]+)*\.?|[ivxlc]+\.|[a-z]\))\s+", re.I)
_SPACES_RE = re.compile(r"\s+")


def normal(heading: str) -> str:
    """A heading as the table spells it: no numbering, end punctuation or case."""
    text = _NUMBERING_RE.sub("", heading.strip())
    text = text.replace("&", "and").replace("\u2019", "'").rstrip(" .:;").lower()
    return _SPACES_RE.sub(" ", text)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    data = load_data(data_dir("checklists") / "manuscript_headings.yaml", "heading table")
    return dict(data["headings"]), dict(data["abstract_parts"])


def place_of(heading: str, in_abstract: bool = False) -> str | None:
    """The draft key or place (`case`, `abstract`, ...) for a heading, or None."""
    headings, parts = _tables()
    key = normal(heading)
    if in_abstract and key in parts:
        return parts[key]
    return headings.get(key)
