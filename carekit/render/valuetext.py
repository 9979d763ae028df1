"""Numbers, ranges and units as the author wrote them, with typographic upgrades only.

The loader reads numbers into floats for the rules (`5.0` becomes 5.0, `6.0-17.5` becomes
low 6, high 17.5); printing those floats changed what the author wrote ("3.5–5", "2–4",
"1e+06"). Here every printed value comes from the author's own text: the scalar as it
stands in the source file, or the range's text. The only changes allowed are
typographic: a hyphen between two numbers becomes an en dash, a minus sign becomes a true
minus, `10^9/L` becomes ×10⁹/L. Spelling (`mcg`, `umol/L`) is kept as written.
"""

from __future__ import annotations

import re

from carekit.draft.model import Draft
from carekit.draft.values import number_text
from carekit.span import line_index

_NUMBER_RE = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
_SUPERSCRIPT = str.maketrans("0123456789-+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")
# "10^9/L", "x10^9/L", "10E9/L", "10*9/L" -> "×10⁹/L"; "/mm^3" -> "/mm³"
_TEN_POWER_RE = re.compile(r"^(?:[x×*]\s*)?10\s*(?:\^|\*\*?|[eE])\s*([-+]?\d{1,2})(?=\D|$)")
_CARET_RE = re.compile(r"(?<=[A-Za-zµμ])\^([-+]?\d{1,2})(?!\d)")
_RANGE_DASH_RE = re.compile(r"(?<=\d)\s*(?:-|–|—)\s*(?=[-+]?\d)")
_LEADING_MINUS_RE = re.compile(r"(?<![\w.\-])-(?=\d)")


def written(draft: Draft, path: tuple, value: object) -> str:
    """The text of the scalar at `path` exactly as it stands in the draft's file, when it
    is the number `value`; else the number printed plainly. Only a number is looked up:
    text values are already the author's words."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return "" if value is None else str(value)
    span = draft.spans.get(path)
    if span is not None:
        index = line_index(draft.source)
        start = index.offset(span.line, span.column)
        end = index.offset(span.end_line, span.end_column)
        text = draft.source[start:end].strip().strip("'\"").strip()
        if _NUMBER_RE.fullmatch(text) and "e" not in text.lower():
            try:
                if float(text) == float(value):
                    return text
            except ValueError:
                pass
    return number_text(value)


def range_text(text: str) -> str:
    """A reference range as written, a hyphen between two numbers set as an en dash and a
    leading minus as a true minus: "6.0-17.5" -> "6.0–17.5", "-2-2" -> "−2–2"."""
    text = " ".join(text.split())
    text = _RANGE_DASH_RE.sub("–", text, count=1) if re.search(r"\d", text) else text
    return minus(text)


def minus(text: str) -> str:
    """A hyphen used as a minus sign before a number becomes a true minus (−)."""
    return _LEADING_MINUS_RE.sub("\u2212", text)


def unit_text(unit: str) -> str:
    """A unit as written, with powers set as superscripts: "10^9/L" -> "×10⁹/L",
    "cells/mm^3" -> "cells/mm³". Nothing else changes ("mcg", "umol/L" stay)."""
    unit = " ".join(unit.split())
    power = _TEN_POWER_RE.match(unit)
    if power:
        unit = "×10" + power[1].translate(_SUPERSCRIPT) + unit[power.end() :]
    return _CARET_RE.sub(lambda m: m[1].translate(_SUPERSCRIPT), unit)


def _spoken_with_vowel(number: str) -> bool:
    """Whether a number read aloud starts with a vowel sound: eight, eleven, eighteen,
    eighty, eight hundred, eleven thousand, eighteen million..."""
    digits = number.replace(",", "").split(".")[0].lstrip("+")
    if not digits.isdigit():
        return False
    if digits.startswith("8"):
        return True
    # Read in groups of three: 11 000 is "eleven thousand", 110 000 is "one hundred ...".
    lead = len(digits) % 3 or 3
    return digits[:lead] in ("11", "18")


def with_article(phrase: str) -> str:
    """ "a 9-month-old", "an 8-year-old", "an 11-day-old", "an 89-year-old"."""
    match = re.match(r"[\d,.]+", phrase)
    if match and _spoken_with_vowel(match[0]):
        return f"an {phrase}"
    if not match and phrase[:1].lower() in "aeio":
        return f"an {phrase}"
    return f"a {phrase}"


# A template's "." after a value that already ends a sentence: "VKORC1..", "ward.**.",
# "**Dx..**", "Why?." The lookbehind keeps an ellipsis ("...") and paths ("../") intact.
_DOUBLED_STOP_RE = re.compile(r"(?<=[^\s.])([.?!])(\*{1,2}|_)?\.(?=[\s*_)]|$)", re.M)


def no_doubled_stops(markdown: str) -> str:
    """Collapse a full stop that follows the end of a sentence, wherever a template put
    one after the author's own: "medical ward.." -> "medical ward."."""
    return _DOUBLED_STOP_RE.sub(lambda m: m[1] + (m[2] or ""), markdown)
