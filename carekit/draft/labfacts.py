"""Where a lab value lies against its reference range: worked out once, here, for the
rules and the manuscript alike (a fact computed twice once gave two answers).

A censored value ("<10", ">60", "≤0.5", ">=3") is only known to lie on one side of its
bound. It is flagged H or L only when the bound PROVES the value is outside the range;
when the true value may lie inside or outside, no flag is printed and `reason` says why.
A censored "<" value is a detection limit, so it is taken to be at least 0.
"""

from __future__ import annotations

from carekit.draft.values import Measured, measured
from carekit.tuples import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

    Side = Literal["above", "below", "within", "unknown"]
# The author's flag as printed in the manuscript.
FLAG_MARK = {"h": "H", "hh": "HH", "l": "L", "ll": "LL", "abnormal": "A"}


class LabStatus(NamedTuple):
    """`side` is None for a result that cannot be compared (words, or no numeric range)."""

    side: Side | None
    reason: str = ""  # for "unknown": why the value cannot be placed, in plain words
    mark: str = ""  # the flag the manuscript prints: the author's, else H or L when proven


def _limits(lab: dict) -> tuple[float | None, float | None]:
    limits = lab.get("reference_range")
    if not isinstance(limits, dict):
        return None, None
    return limits.get("low"), limits.get("high")


def _below_bound(reading: Measured, low: float | None, high: float | None) -> Side:
    """A value known only to be under its bound ("<10", "<=10")."""
    bound, strict = reading.number, not reading.inclusive
    if low is not None and (bound < low or (strict and bound == low)):
        return "below"
    if (high is None or bound <= high) and (low is None or low <= 0):
        return "within"
    return "unknown"


def _above_bound(reading: Measured, low: float | None, high: float | None) -> Side:
    """A value known only to be over its bound (">60", ">=60")."""
    bound, strict = reading.number, not reading.inclusive
    if high is not None and (bound > high or (strict and bound == high)):
        return "above"
    if high is None and (low is None or bound >= low):
        return "within"
    return "unknown"


def _side(reading: Measured, low: float | None, high: float | None) -> Side:
    if reading.censored == "<":
        return _below_bound(reading, low, high)
    if reading.censored == ">":
        return _above_bound(reading, low, high)
    if high is not None and reading.number > high:
        return "above"
    if low is not None and reading.number < low:
        return "below"
    return "within"


def _range_words(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{low:g}-{high:g}"
    return f"at least {low:g}" if low is not None else f"at most {high:g}"


def lab_status(lab: dict) -> LabStatus:
    """The one answer to "is this lab value out of range, and what flag is printed"."""
    reading = measured(lab.get("value"))
    low, high = _limits(lab)
    author = lab.get("flag")
    if reading is None or (low is None and high is None):
        return LabStatus(None, mark=FLAG_MARK.get(author or "", ""))
    side = _side(reading, low, high)
    reason = ""
    if side == "unknown":
        value = str(lab.get("value")).strip()
        reason = (
            f"{value} only says the value is {'under' if reading.censored == '<' else 'over'} "
            f"{reading.number:g}, so it may lie inside or outside the range "
            f"({_range_words(low, high)})"
        )
    if author in FLAG_MARK:
        mark = FLAG_MARK[author]
    elif author == "normal":
        mark = ""
    else:
        mark = {"above": "H", "below": "L"}.get(side, "")
    return LabStatus(side, reason, mark)
