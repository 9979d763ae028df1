"""CARE item 8a: serial lab results in wide form line up with their time points."""

from __future__ import annotations

from collections.abc import Iterator

from carekit.check.rules import Rule, RuleContext, register
from carekit.draft.model import Draft
from carekit.findings import Finding


@register
class SerialLabShape(Rule):
    """In `diagnostics.serial_labs` each value belongs to the time point in the same
    position; a row with more or fewer values than there are time points has lost its
    alignment (a value left out instead of written as "" shifts every later one), so
    carekit cannot tell when each was taken."""

    id = "serial-lab-shape"
    items = ("diagnostic-methods",)
    summary = "Each serial lab row has one value per time point."
    passing = """\
carekit: 1
diagnostics:
  serial_labs:
    time_points: [day 1, day 3, day 5]
    tests:
      - {test: CRP, unit: mg/L, reference_range: <5, values: [87, "", 115]}
"""
    failing = """\
carekit: 1
diagnostics:
  serial_labs:
    time_points: [day 1, day 3, day 5]
    tests:
      - {test: CRP, unit: mg/L, reference_range: <5, values: [87, 115]}
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        table = draft.model.diagnostics.serial_labs
        times = len(table.time_points or [])
        for row in table.tests:
            count = len(row.values or [])
            if count and count != times:
                yield self.finding(
                    f"The serial lab row {row.test!r} has {count} value"
                    f"{'s' if count != 1 else ''} but the table has {times} time point"
                    f"{'s' if times != 1 else ''}, so carekit cannot tell when each was "
                    "taken.",
                    row.span_of("values"),
                    'Give one value per time point, in order; write "" for a time point '
                    "without a result.",
                )
