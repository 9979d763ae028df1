"""Text bound for a terminal, made harmless and visible.

Drafts, file names and configuration come from other people. Shown raw, a control
character in a title or a key name is a command to the terminal (ESC sequences clear the
screen, set the window title or write the clipboard: OSC 52), and a bidirectional override
reorders what the author reads. Every string carekit prints passes through `safe`, which
writes such characters as visible escapes (\\x1b, \\u202e) so the author can find them.
"""

from __future__ import annotations

import os
import sys

from carekit.invisible import UNSEEN_RE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO


def terminal_columns(fallback: int) -> int:
    """The width `shutil.get_terminal_size` gives (COLUMNS, else the terminal's, else
    `fallback`), without importing shutil and the compression modules it loads."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or fallback


def _visible(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def safe(text: str) -> str:
    """`text` with every control, format or invisible character written as an escape;
    tab and line feed are kept (a reporter that lays out lines replaces them itself)."""
    text = str(text)
    if text.isascii() and text.isprintable():
        return text  # the common case, without a regular expression
    return UNSEEN_RE.sub(lambda m: _visible(m[0]), text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_safe(serialized: str) -> str:
    """JSON text with the characters `json` leaves raw (DEL, C1 controls, bidirectional
    and zero-width characters) written as \\u escapes: the same data, safe to print. They
    can only occur inside JSON strings, where a \\u escape means the same character."""
    return UNSEEN_RE.sub(lambda m: _json_escape(m[0]), serialized)


class SafeStream:
    """A text stream that escapes what is written to it (tab and line feed kept): carekit
    puts it around stderr, so no message of any command can reach the terminal raw."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(safe(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, attribute: str):
        return getattr(self.stream, attribute)
