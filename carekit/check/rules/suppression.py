"""Suppression comments that silence nothing."""

from __future__ import annotations

from carekit.check.rules import Rule, register
from carekit.findings import Severity


@register
class UnusedSuppression(Rule):
    """A `# carekit: disable=RULE` comment whose rule reports nothing on that line (or a
    `disable-file` whose rule reports nothing in the file), or that names no carekit rule.
    Stale suppressions would hide the next real problem, so carekit points them out."""

    id = "unused-suppression"
    severity = Severity.WARNING
    summary = "Every suppression comment silences a finding."
    needs = ("keywords-count",)
    passing = "carekit: 1\nkeywords: [infant]  # carekit: disable=keywords-count\n"
    failing = (
        "carekit: 1\nkeywords: [infant, calcinosis]  # carekit: disable=keywords-count\n"
        "# carekit: disable-file=no-such-rule\n"
    )
