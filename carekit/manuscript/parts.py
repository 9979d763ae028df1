"""The parts of a draft read from a manuscript, each with the place it came from."""

from __future__ import annotations

from typing import Any

Piece = tuple[str, str]  # (text, where it came from)


class Imported:
    """The parts of a draft read from a manuscript."""

    def __init__(self) -> None:
        self.fields: dict[str, list[Piece]] = {}
        self.entries: dict[str, list[tuple[dict[str, Any], str]]] = {}
        self.unplaced: list[Piece] = []
        self.meta: dict[str, tuple[Any, str]] = {}

    def add(self, key: str, text: str, where: str) -> None:
        if text.strip():
            self.fields.setdefault(key, []).append((text, where))

    def entry(self, key: str, value: dict[str, Any], where: str) -> None:
        self.entries.setdefault(key, []).append((value, where))
