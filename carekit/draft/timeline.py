"""Timeline entries placed on a day axis, for ordering them and drawing the figure."""

from __future__ import annotations

from datetime import date

from carekit.draft.values import DAYS_PER_UNIT, DEFAULT_ANCHOR, time_label
from carekit.tuples import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from carekit.draft.typed import RelativeTime, TimelineEntry

_DATE_GRAIN = {1: 365.25, 2: 30.44, 3: 1.0}  # a year, a month or a day, by parts written


class Placed(NamedTuple):
    """A timeline entry placed on a day axis; frame "calendar" or "relative"."""

    index: int
    frame: str
    day: float
    grain: float  # how precise the time is, in days
    label: str


def _calendar(text: str) -> tuple[float, float] | None:
    parts = [int(p) for p in text.split("-")]
    try:
        day = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None
    return float(day.toordinal()), _DATE_GRAIN[len(parts)]


def _dated(entries: list[TimelineEntry]) -> tuple[dict[int, Placed], float | None]:
    """Entries with a calendar date, and the calendar day of day 0 when an entry ties
    the two frames (a date and a relative time counted from the presentation)."""
    placed: dict[int, Placed] = {}
    zero: float | None = None
    for i, entry in enumerate(entries):
        if entry.date and _calendar(entry.date):
            day, grain = _calendar(entry.date)
            placed[i] = Placed(i, "calendar", day, grain, entry.date)
            when = entry.at
            if zero is None and when.written and (when.anchor or DEFAULT_ANCHOR) == DEFAULT_ANCHOR:
                zero = day - when.offset * DAYS_PER_UNIT[when.unit]
    return placed, zero


def _place(i: int, when: RelativeTime, base: Placed | None, zero: float | None) -> Placed:
    """Entry i at relative time `when`, whose anchor (if any) is already placed as `base`."""
    offset = when.offset * DAYS_PER_UNIT[when.unit]
    grain = DAYS_PER_UNIT[when.unit]
    label = time_label(when.raw)
    if base is not None:
        return Placed(i, base.frame, base.day + offset, max(grain, base.grain), label)
    if zero is not None:
        return Placed(i, "calendar", zero + offset, grain, label)
    return Placed(i, "relative", offset, grain, label)


def place_entries(entries: list[TimelineEntry]) -> tuple[list[Placed], list[tuple[int, str]]]:
    """Put each entry on a day axis; also return (index, anchor) for unknown anchors.

    Relative times count from day 0 (the presentation) or from the entry whose `id` is
    their anchor. An entry that has both a calendar date and a relative time ties the two
    frames together, so dated and relative entries can be compared.
    """
    ids = {e.id: i for i, e in enumerate(entries) if e.id}
    placed, zero = _dated(entries)
    unknown: list[tuple[int, str]] = []
    failed: set[int] = set()  # entries that cannot be placed (a cycle, an unknown anchor)
    for start in range(len(entries)):
        # Follow the chain of anchors with a loop, not recursion: a draft may chain
        # thousands of entries, each counting from the one before.
        chain: list[int] = []
        on_chain: set[int] = set()
        i: int | None = start
        base: Placed | None = None
        while i is not None:
            if i in placed:
                base = placed[i]
                break
            when = entries[i].at
            if i in failed or i in on_chain or not when.written:
                failed.update(chain)
                chain = []
                break
            chain.append(i)
            on_chain.add(i)
            anchor = when.anchor
            if anchor in (None, DEFAULT_ANCHOR):
                i = None
            elif anchor in ids:
                i = ids[anchor]
            else:
                unknown.append((i, anchor))
                failed.update(chain)
                chain = []
                break
        for link in reversed(chain):
            base = placed[link] = _place(link, entries[link].at, base, zero)
    return [placed[i] for i in sorted(placed)], unknown
