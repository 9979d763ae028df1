"""Positions in a source file, 1-based as editors show them."""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> Span:
        return cls(line, column, line, column)


START = Span.point(1, 1)
