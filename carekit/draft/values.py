"""Parsers for the small structured values a clinician types as text."""

from __future__ import annotations

import re

from carekit.tuples import NamedTuple

TIME_UNITS = ("hours", "days", "weeks", "months", "years")
# Average lengths, used only to put entries of different units in order.
DAYS_PER_UNIT = {"hours": 1 / 24, "days": 1.0, "weeks": 7.0, "months": 30.44, "years": 365.25}
DEFAULT_ANCHOR = "presentation"

_UNIT_WORDS = {u.rstrip("s"): u for u in TIME_UNITS} | {u: u for u in TIME_UNITS}
_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_POINT_RE = re.compile(rf"^(hour|day|week|month|year)\s+({_NUMBER})$", re.I)
_OFFSET_RE = re.compile(
    rf"^({_NUMBER})\s+(hours?|days?|weeks?|months?|years?)\s+(before|after)\s+(.+)$", re.I
)


def unit_word(word: str) -> str | None:
    return _UNIT_WORDS.get(word.strip().lower())


_LARGEST = 1e15  # far above any age, time or lab value; 400 digits would read as inf


def _number(text: str) -> int | float:
    value = float(text)
    if not abs(value) < _LARGEST:
        raise ValueError(f"{text[:24]!r} is far larger than any value in a case report.")
    return int(value) if value.is_integer() else value


def parse_time(text: str) -> dict:
    """Parse "day -30", "week 2" or "2 months after discharge" into offset, unit, anchor."""
    text = " ".join(text.split())
    point = _POINT_RE.match(text)
    if point:
        return {"offset": _number(point[2]), "unit": unit_word(point[1]), "anchor": None}
    offset = _OFFSET_RE.match(text)
    if offset:
        amount = _number(offset[1])
        if offset[3].lower() == "before":
            amount = -amount
        anchor = offset[4].strip()
        anchor = None if anchor.lower() == DEFAULT_ANCHOR else anchor
        return {"offset": amount, "unit": unit_word(offset[2]), "anchor": anchor}
    raise ValueError(f"{text!r} is not a time carekit can read.")


def number_text(value: float | int) -> str:
    """A number the program computed or parsed, without exponent or float noise."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = format(float(value), "f").rstrip("0").rstrip(".")
    return text


def time_label(when: dict) -> str:
    """The plain-words form of a relative time, for messages and manuscripts."""
    offset, unit, anchor = when["offset"], when["unit"], when.get("anchor")
    if anchor:
        amount = abs(offset)
        noun = unit if amount != 1 else unit.rstrip("s")
        return f"{amount:g} {noun} {'before' if offset < 0 else 'after'} {anchor}"
    return f"{unit.rstrip('s')} {offset:g}"


_AGE_RE = re.compile(
    rf"^({_NUMBER})(?:\s*(?:-|–|to)\s*({_NUMBER}))?\s*(days?|weeks?|months?|years?)(?: old)?$", re.I
)
# "about 22 years", "~22 years", "approximately 22 years old"
_ABOUT = r"(?:about|around|approximately|approx\.?|roughly|circa|ca\.?|c\.|~|≈)"
_APPROX_AGE_RE = re.compile(rf"^{_ABOUT}\s*(.+)$", re.I)
# "30+ years", "over 30 years", "older than 30 years"; "under 5 years"
_OPEN_AGE_RE = re.compile(
    rf"^(?:(over|older than|above|more than|under|younger than|below|less than)\s+)?"
    rf"({_NUMBER})(\+)?\s*(days?|weeks?|months?|years?)(?: old)?(?: or (?:older|more))?$",
    re.I,
)
# "60s", "in her 60s", "early 60s", "in his late 70's"
_DECADE_RE = re.compile(
    r"^(?:in (?:her|his|their|the) )?(?:(early|mid|late)[- ]?)?(\d*0)['’]?s$", re.I
)
_UNIT_IN_WORDS = re.compile(r"\b(?:hours?|days?|weeks?|months?|years?)\b", re.I)
_DECADE_PART = {None: (0, 9), "early": (0, 3), "mid": (4, 6), "late": (7, 9)}


def _age_words(text: str) -> dict | None:
    """An age written the way reports print it when they give no exact value."""
    decade = _DECADE_RE.match(text)
    if decade:
        low, high = _DECADE_PART[(decade[1] or "").lower() or None]
        base = int(decade[2])
        return {"min": base + low, "max": base + high, "unit": "years", "text": text}
    about = _APPROX_AGE_RE.match(text)
    if about and _AGE_RE.match(about[1]):
        return {**parse_age(about[1]), "approximate": True, "text": text}
    bound = _OPEN_AGE_RE.match(text)
    if bound and (bound[1] or bound[3] or "or " in text.lower()):
        below = (bound[1] or "").lower() in ("under", "younger than", "below", "less than")
        return {
            "max" if below else "min": _number(bound[2]),
            "unit": unit_word(bound[4]),
            "text": text,
        }
    # Words only ("a young man", "newborn", "middle-aged"); a number in words with a unit
    # ("nine months") is refused as before: carekit needs it in digits to work with it.
    if not re.search(r"\d", text) and not _UNIT_IN_WORDS.search(text):
        return {"text": text}
    return None


def parse_age(text: str) -> dict:
    """Parse "9 months" or "40-49 years", or an age as reports word it: approximate
    ("about 22 years"), open ("30+ years"), a decade ("in her early 60s") or words only
    ("a young man"), which keep what was written as `text`."""
    text = " ".join(text.split())
    match = _AGE_RE.match(text)
    if not match:
        words = _age_words(text)
        if words is None:
            raise ValueError(f"{text!r} is not an age carekit can read.")
        return words
    unit = unit_word(match[3])
    if match[2] is None:
        return {"value": _number(match[1]), "unit": unit}
    return {"min": _number(match[1]), "max": _number(match[2]), "unit": unit}


_RANGE_RE = re.compile(rf"^({_NUMBER})\s*(?:-|–|—|to)\s*({_NUMBER})$")
_BOUND_RE = re.compile(rf"^(<=|>=|<|>|≤|≥)\s*({_NUMBER})$")


def parse_range(text: str) -> dict:
    """Parse "3.5-5.0", "<5" or ">= 60"; any other text is a qualitative range ("negative")."""
    text = text.strip()
    both = _RANGE_RE.match(text)
    if both:
        return {"low": _number(both[1]), "high": _number(both[2]), "text": text}
    bound = _BOUND_RE.match(text)
    if bound:
        side = "high" if bound[1] in ("<", "<=", "≤") else "low"
        return {side: _number(bound[2]), "text": text}
    return {"text": text}


class Measured(NamedTuple):
    """A lab value read as a number; `censored` is "<" or ">" for "<0.5"-style results,
    and `inclusive` says the bound itself is possible ("<=0.5", "≥60"). `approximate` marks
    a value written as "about 22" or "~22" (kept as written; read as 22)."""

    number: float
    censored: str | None = None
    inclusive: bool = False
    approximate: bool = False


_APPROX_VALUE_RE = re.compile(rf"^{_ABOUT}\s*({_NUMBER})$", re.I)
_PLUS_VALUE_RE = re.compile(rf"^({_NUMBER})\s*\+$")


def measured(value: object) -> Measured | None:
    """Return the numeric reading of a lab value, or None for a qualitative result."""
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, (int, float)):
            return Measured(_number(str(value)))
        if isinstance(value, str):
            text = value.strip().replace(",", "")
            if re.fullmatch(_NUMBER, text):
                return Measured(_number(text))
            about = _APPROX_VALUE_RE.match(text)
            if about:
                return Measured(_number(about[1]), approximate=True)
            plus = _PLUS_VALUE_RE.match(text)  # "30+": at least 30
            if plus:
                return Measured(_number(plus[1]), ">", inclusive=True)
            censored = _BOUND_RE.match(text)
            if censored:
                sign = censored[1][0].replace("≤", "<").replace("≥", ">")
                inclusive = censored[1] in ("<=", ">=", "≤", "≥")
                return Measured(_number(censored[2]), sign, inclusive)
    except ValueError:  # too large to be a reading: treat it as text
        return None
    return None
