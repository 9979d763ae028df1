"""Characters a reader does not see: control characters, bidirectional controls,
zero-width and other format characters.

In a draft they can hide text from the eye and from the privacy rules ("Jo<U+200B>hn"
reads as "John" but no pattern matches it), or reorder how a line is displayed (Trojan
Source). In a terminal, control characters are commands (clear the screen, set the window
title, write the clipboard). The terminal escaping (carekit.terminal), the invisible-text
rule and the privacy rules all use the classes defined here.
"""

from __future__ import annotations

import re

# Unicode's format characters (category Cf, as of Unicode 15) and line/paragraph
# separators (Zl, Zp), spelt out: building the class from unicodedata at import would
# cost a scan of every code point. tests/test_terminal_safety.py checks the list against
# the unicodedata of the running Python.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
# Letters that render as nothing (Hangul fillers), used to build invisible words.
_BLANK_LETTERS = "\u115f\u1160\u3164\uffa0"
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but tab and line feed), DEL, C1

BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Everything unseen, tab and line feed excepted.
UNSEEN_RE = re.compile(f"[{_CONTROLS}{_FORMAT}{_BLANK_LETTERS}]")
# What privacy matching ignores: invisible characters that may sit inside a word.
_HIDING_RE = re.compile(f"[{_FORMAT}{_BLANK_LETTERS}\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Look-alike letters and digits that NFKC maps to ASCII: fullwidth forms and mathematical
# alphanumerics ("Ｊｏｈｎ", "𝐉𝐨𝐡𝐧"). Wider NFKC would turn 10⁹/L into 109/L.
_LOOKALIKE_RE = re.compile("[\uff01-\uff5e\U0001d400-\U0001d7ff]")


def name(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': how a finding names an unseen character."""
    import unicodedata  # here: most drafts have nothing unseen, and a check is a hook

    label = unicodedata.name(char, "")
    if not label and ord(char) < 0x20:
        label = "control character"
    elif not label:
        label = "control character" if 0x7F <= ord(char) <= 0x9F else "unnamed character"
    return f"U+{ord(char):04X} {label}"


def for_matching(text: str) -> tuple[str, list[int] | None]:
    """The text as the privacy patterns should see it: invisible characters removed and
    look-alike letters and digits made ASCII; with, for each character of the result, its
    offset in `text` (None when the text needed no change)."""
    if not _HIDING_RE.search(text) and (text.isascii() or not _LOOKALIKE_RE.search(text)):
        return text, None
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if _HIDING_RE.match(char):
            continue
        if _LOOKALIKE_RE.match(char):
            import unicodedata

            char = unicodedata.normalize("NFKC", char)
        out.append(char)
        offsets.extend([index] * len(char))
    offsets.append(len(text))
    return "".join(out), offsets
