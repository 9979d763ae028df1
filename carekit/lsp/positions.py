"""Where carekit's positions (1-based lines and columns in characters, lines broken
wherever str.splitlines() breaks them) lie in the editor's terms (0-based lines broken
only at CR/LF, columns in UTF-16 units unless the client chose another encoding)."""

from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol import types

from carekit.span import LineIndex, Span

_LSP_BREAK = re.compile(r"\r\n|\r|\n")


def _units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Positions:
    """Both ways between offsets in a document's text and editor positions."""

    def __init__(self, source: str, encoding: str = "utf-16") -> None:
        self.source = source
        self.encoding = encoding
        self.index = LineIndex(source)
        self.starts = [0] + [m.end() for m in _LSP_BREAK.finditer(source)]

    def line_text(self, line: int) -> str:
        """The text of a 0-based editor line, without its line break."""
        if not 0 <= line < len(self.starts):
            return ""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.source)
        return self.source[self.starts[line] : end].rstrip("\r\n")

    def lines(self) -> list[str]:
        """The editor's lines (broken only at CR and LF), without their breaks."""
        return [self.line_text(n) for n in range(len(self.starts))]

    def position(self, offset: int) -> types.Position:
        offset = min(max(offset, 0), len(self.source))
        line = bisect_right(self.starts, offset) - 1
        return types.Position(line, _units(self.source[self.starts[line] : offset], self.encoding))

    def offset(self, position: types.Position) -> int:
        """The offset of an editor position (clamped to its line)."""
        text = self.line_text(position.line)
        if position.line >= len(self.starts):
            return len(self.source)
        count = 0
        for index, char in enumerate(text):
            if count >= position.character:
                return self.starts[position.line] + index
            count += _units(char, self.encoding)
        return self.starts[position.line] + len(text)

    def range(self, span: Span) -> types.Range:
        start = self.index.offset(span.line, span.column)
        end = self.index.offset(span.end_line, span.end_column)
        return types.Range(self.position(start), self.position(max(start, end)))

    def carekit_line(self, position: types.Position) -> int:
        """The 1-based line carekit counts for an editor position."""
        return self.index.position(self.offset(position))[0]


class Edit:
    """One insertion or replacement in the document, in offsets."""

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text = start, end, text

    def applied(self, source: str) -> str:
        return source[: self.start] + self.text + source[self.end :]
