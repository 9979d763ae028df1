"""The parts of a draft read from a manuscript, each with the place it came from."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Piece = tuple[str, str]  # (text, where it came from)


class Imported:
    """The parts of a draft read from a manuscript."""

    def __init__(self) -> None:
        self.fields: dict[str, list[Piece]] = {}
        self.entries: dict[str, list[tuple[dict[str, Any], str]]] = {}
        self.unplaced: list[Piece] = []
        self.meta: dict[str, tuple[Any, str]] = {}
        # From a manuscript carekit rendered (its field marks): reference numbers to the
        # draft's citation keys, and ("fig" or "tbl", number) to a figure's or table's id.
        self.citation_keys: dict[str, str] = {}
        self.crossrefs: dict[tuple[str, int], str] = {}
        self.anchors: dict[str, str] = {}  # "fig-hand" -> "hand"
        # Values as the draft wrote them, by field path, each with the hash of its printed
        # passage (draft/written.py): restored only where that passage is unchanged.
        self.written: dict[str, str] = {}

    def add(self, key: str, text: str, where: str) -> None:
        """Add a passage to a field; the same passage twice (an abstract in the metadata
        block and again in the body) is kept once."""
        pieces = self.fields.setdefault(key, [])
        if text.strip() and all(text != said for said, _where in pieces):
            pieces.append((text, where))

    def entry(self, key: str, value: dict[str, Any], where: str) -> None:
        self.entries.setdefault(key, []).append((value, where))
