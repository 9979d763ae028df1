"""The "when" of each timeline entry in words a reader understands.

An entry may count from another entry by its `id` ("2 days after icu_discharge"); the id is
the author's bookkeeping and must never reach the manuscript. The time is shown, in order
of preference, as a time from the presentation when the chain of anchors adds up exactly
(same unit all the way: "Day 12"), as a time after the anchor's calendar date or after
the anchor's own time ("1 week after day 3"), or as a time after the anchor's event in
the author's words.
"""

from __future__ import annotations

import re

from carekit.draft.typed import TimelineEntry
from carekit.draft.values import DEFAULT_ANCHOR
from carekit.render.valuetext import minus, number_text

_MAX_EVENT_WORDS = 12


def _plain(offset: float, unit: str) -> str:
    return f"{unit.rstrip('s')} {number_text(offset)}"


def _relative(amount: float, unit: str, after: str) -> str:
    size = abs(amount)
    noun = unit if size != 1 else unit.rstrip("s")
    side = "before" if amount < 0 else "after"
    return f"{number_text(size)} {noun} {side} {after}"


def _from_presentation(
    entries: list[TimelineEntry], i: int, ids: dict[str, int], memo: dict[int, tuple | None]
) -> tuple | None:
    """(offset, unit) from day 0 when every link of the chain has the same unit. The
    chain is followed with a loop and remembered: a draft may chain thousands of entries."""
    chain: list[int] = []
    result: tuple | None = None
    seen: set[int] = set()
    while True:
        if i in memo:
            result = memo[i]
            break
        when = entries[i].at
        if i in seen or not when.written or entries[i].date:
            result = None
            break
        seen.add(i)
        chain.append(i)
        if when.anchor in (None, DEFAULT_ANCHOR):
            result = (0.0, None)  # day 0: any unit may count from it
            break
        if when.anchor not in ids:
            result = None
            break
        i = ids[when.anchor]
    for link in reversed(chain):
        when = entries[link].at
        if result is not None and result[1] in (None, when.unit):
            result = (result[0] + when.offset, when.unit)
        else:
            result = None
        memo[link] = result
    return result


def _event_words(entry: TimelineEntry) -> str:
    """The anchor's event as a phrase: first clause, no final full stop, lower-cased
    first letter unless it starts an abbreviation (ICU), at most a dozen words."""
    text = " ".join((entry.event or "").split())
    text = re.split(r"(?<=[.;:])\s", text, maxsplit=1)[0].rstrip(".;:")
    words = text.split(" ")
    if len(words) > _MAX_EVENT_WORDS:
        text = " ".join(words[:_MAX_EVENT_WORDS]) + "…"
    if len(text) > 1 and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def _anchored(
    entries: list[TimelineEntry], i: int, ids: dict[str, int], memo: dict[int, tuple | None]
) -> str:
    when = entries[i].at
    exact = _from_presentation(entries, i, ids, memo)
    if exact is not None:
        return _plain(*exact)
    if when.anchor not in ids:
        return _relative(when.offset, when.unit, "an earlier event")
    base = entries[ids[when.anchor]]
    if base.date:
        return _relative(when.offset, when.unit, base.date)
    base_time = _from_presentation(entries, ids[when.anchor], ids, memo)
    if base_time is not None and base_time[1] is not None:  # "1 week after day 3"
        return _relative(when.offset, when.unit, _plain(*base_time))
    return _relative(when.offset, when.unit, _event_words(base) or "an earlier event")


def when_texts(entries: list[TimelineEntry], placed_labels: dict[int, str]) -> list[str]:
    """Each entry's time as the manuscript prints it, first letter in capitals."""
    ids = {e.id: n for n, e in enumerate(entries) if e.id}
    memo: dict[int, tuple | None] = {}
    texts = []
    for i, entry in enumerate(entries):
        when = entry.at
        if not when.written:
            label = entry.date or placed_labels.get(i, "")
        elif when.anchor in (None, DEFAULT_ANCHOR):
            label = _plain(when.offset, when.unit)
        else:
            label = _anchored(entries, i, ids, memo)
        label = minus(label)
        texts.append(label[:1].upper() + label[1:])
    return texts
