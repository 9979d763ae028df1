"""CARE item 7: a timeline of the history and this episode of care."""

from __future__ import annotations

from collections.abc import Iterator

from carekit.check.rules import Rule, RuleContext, register
from carekit.draft.model import Draft
from carekit.draft.timeline import Placed, place_entries
from carekit.draft.typed import TimelineEntry
from carekit.findings import Finding, Severity


def _event(entry: TimelineEntry) -> str:
    event = " ".join((entry.event or "").split())
    return event if len(event) <= 60 else event[:57] + "..."


@register
class TimelineEntries(Rule):
    """A timeline needs at least two events to show a course of care (CARE asks for the
    important dates and times of the history and the episode, as a table or figure)."""

    id = "timeline-entries"
    items = ("timeline",)
    summary = "The timeline has at least two entries."
    passing = """\
carekit: 1
timeline:
  - {at: day -30, event: Intravenous calcium gluconate for a seizure.}
  - {at: day 0, event: Swelling of the left hand.}
"""
    failing = """\
carekit: 1
timeline:
  - {at: day 0, event: Swelling of the left hand.}
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        if len(draft.model.timeline) == 1:
            yield self.finding(
                "The timeline has a single entry; it cannot show the course of the case.",
                draft.key_span("timeline"),
                "Add the other key events: first symptoms, diagnosis, treatment, follow-up.",
            )


@register
class TimelineTime(Rule):
    """Every timeline entry needs a time: a calendar `date` or a relative `at` (e.g.
    "day -30", "week 2", "2 months after discharge"). A relative time counts from the
    presentation, or from the entry whose `id` it names."""

    id = "timeline-time"
    items = ("timeline",)
    summary = "Each timeline entry has a date or a relative time, and its anchor exists."
    passing = """\
carekit: 1
timeline:
  - {id: discharge, at: day 5, event: Discharged on oral antibiotics.}
  - {at: 2 months after discharge, event: X-ray shows no calcification.}
"""
    failing = """\
carekit: 1
timeline:
  - {at: day 5, event: Discharged on oral antibiotics.}
  - {event: X-ray shows no calcification.}
  - {at: 2 months after discharge, event: Seen in clinic.}
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        entries = draft.model.timeline
        for i, entry in enumerate(entries):
            # A time written but invalid is left out of the model; a schema finding says so.
            invalid = any(
                k not in entry.raw and draft.written("timeline", i, k) for k in ("at", "date")
            )
            if not invalid and not entry.date and not entry.at.written:
                yield self.finding(
                    f"Timeline entry {i + 1} ({_event(entry)!r}) has no time.",
                    draft.span("timeline", i),
                    'Add `at:` with a relative time such as "day 3" or "2 weeks after '
                    'discharge" (or a calendar `date:`).',
                )
        for i, anchor in place_entries(entries)[1]:
            yield self.finding(
                f"Timeline entry {i + 1} counts from {anchor!r}, but no entry has `id: {anchor}`.",
                draft.span("timeline", i, "at"),
                f'Give the entry it refers to `id: {anchor}`, or count from day 0 (e.g. "day 65").',
            )


@register
class TimelineOrder(Rule):
    """Timeline entries should be in chronological order, so the table and figure read
    from first to last. Calendar dates and relative times are compared where the draft
    ties them together (an entry with both a `date` and an `at`, or an anchor)."""

    id = "timeline-order"
    items = ("timeline",)
    severity = Severity.WARNING
    summary = "Timeline entries are in chronological order."
    passing = """\
carekit: 1
timeline:
  - {at: day -30, event: Intravenous calcium gluconate for a seizure.}
  - {at: day 0, event: Swelling of the left hand.}
  - {at: week 2, event: X-ray shows calcification.}
"""
    failing = """\
carekit: 1
timeline:
  - {at: day 0, event: Swelling of the left hand.}
  - {at: day -30, event: Intravenous calcium gluconate for a seizure.}
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        entries = draft.model.timeline
        latest: dict[str, Placed] = {}
        for here in place_entries(entries)[0]:
            before = latest.get(here.frame)
            if before is not None and before.day - here.day >= max(before.grain, here.grain):
                yield self.finding(
                    f"Timeline entry {here.index + 1} "
                    f"({here.label}: {_event(entries[here.index])!r}) "
                    f"comes after entry {before.index + 1} ({before.label}: "
                    f"{_event(entries[before.index])!r}), but happened earlier.",
                    draft.span("timeline", here.index),
                    f"Move entry {here.index + 1} above entry {before.index + 1}, or correct "
                    "its time.",
                )
            else:
                latest[here.frame] = here


@register
class TimelineFigure(Rule):
    """A timeline published as a figure is named by `timeline_figure:`, the `id` of that
    figure under `figures`; an id that matches no figure points the reader nowhere."""

    id = "timeline-figure"
    items = ("timeline",)
    summary = "`timeline_figure` names a figure of the draft."
    passing = """\
carekit: 1
timeline_figure: course
figures:
  - {id: course, file: course.png, caption: Timeline of the case.}
"""
    failing = """\
carekit: 1
timeline_figure: course
figures:
  - {id: xray, file: xray.png, caption: Chest X-ray.}
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        name = draft.model.timeline_figure
        known = [figure.id for figure in draft.model.figures]
        if name and name not in known:
            listed = ", ".join(f"`{n}`" for n in known) if known else "none"
            yield self.finding(
                f"`timeline_figure` names the figure `{name}`, but no figure has that id "
                f"(figures: {listed}).",
                draft.span("timeline_figure"),
                "Write the `id` of the figure that shows the timeline, or add that figure "
                "under `figures:` with `id: " + name + "`.",
            )
