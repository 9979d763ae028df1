"""Positions in a source file, 1-based as editors show them, and the index that finds them."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from functools import lru_cache

from carekit.tuples import NamedTuple


class Span(NamedTuple):
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> Span:
        return cls(line, column, line, column)


START = Span.point(1, 1)

# The line breaks str.splitlines() knows, which the rules have always counted lines by.
_BREAK_RE = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class LineIndex:
    """Where each line of a source starts, so an offset becomes a line and column by
    bisection instead of by splitting the whole source again (which made locating many
    findings quadratic in the size of the draft). The starts are kept as machine
    integers: a file of a million empty lines must not cost a million objects."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = array("q", [0])
        self.starts.extend(match.end() for match in _BREAK_RE.finditer(source))

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based line and column (clamped to the source)."""
        line = min(max(line, 1), len(self.starts))
        return min(self.starts[line - 1] + max(column, 1) - 1, self.line_end(line))

    def line_end(self, line: int) -> int:
        """Where the text of a 1-based line ends, before its line break."""
        line = min(max(line, 1), len(self.starts))
        if line == len(self.starts):
            return len(self.source)
        end = self.starts[line]
        return end - (2 if self.source.startswith("\r\n", end - 2) else 1)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of an offset."""
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        return Span(*self.position(start), *self.position(end))


@lru_cache(maxsize=4)
def line_index(source: str) -> LineIndex:
    """The index of a source, built once per draft (the string's hash is cached)."""
    return LineIndex(source)


class FieldLocator:
    """Finds the hits of one text field in the source, in text order, in time linear in the
    size of the field however many hits there are.

    A hit's text is searched for in the source after the previous hit found, skipping as
    many occurrences of it as the text holds between the two hits (an occurrence that is
    not a hit, e.g. a version number that looks like a date). When the text is not written
    literally in the source (escapes, folded lines) the whole field's span is given, as
    before; a budget of work proportional to the field stops repeated failed searches from
    growing quadratic.
    """

    def __init__(self, index: LineIndex, outer: Span, text: str) -> None:
        self.index = index
        self.outer = outer
        self.text = text
        self.start = index.offset(outer.line, outer.column)
        self.end = index.line_end(max(outer.end_line, outer.line))
        self.source_at = self.start  # just after the last hit found, in the source
        self.text_at = 0  # just after the last hit found, in the text
        self.budget = 8 * (self.end - self.start + len(text)) + 10_000

    def span(self, start: int, end: int) -> Span:
        """The span of `text[start:end]`; hits must come in text order."""
        needle = self.text[start:end]
        if not needle or start < self.text_at or self.budget <= 0:
            return self.outer
        skips = self.text.count(needle, self.text_at, start)
        self.budget -= start - self.text_at
        at = self.source_at
        found = -1
        for _ in range(skips + 1):
            found = self.index.source.find(needle, at, self.end)
            if found < 0:
                self.budget -= self.end - at
                return self.outer
            self.budget -= found + len(needle) - at
            at = found + len(needle)
        self.source_at, self.text_at = at, end
        return self.index.span(found, at)

    def find(self, needle: str, nth: int = 0) -> Span:
        """The span of the `nth` occurrence of `needle` in the field's source."""
        at = self.start
        for _ in range(nth + 1):
            found = self.index.source.find(needle, at, self.end) if needle else -1
            if found < 0:
                return self.outer
            at = found + len(needle)
        return self.index.span(found, at)
