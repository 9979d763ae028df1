"""Inline suppressions: `# carekit: disable=RULE[,RULE]` and `# carekit: disable-file=RULE`.

A `disable` comment at the end of a line silences those rules on that line; on a line of
its own it silences them on the next line. `disable-file` silences them in the whole file.
A suppression that silences nothing is itself reported, so stale ones do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from carekit.findings import Finding, Severity
from carekit.span import Span
from carekit.tuples import NamedTuple

RULE_ID = "unused-suppression"
_DIRECTIVE_RE = re.compile(
    r"#\s*carekit:\s*(disable-file|disable)\s*=\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)"
)


class Suppression(NamedTuple):
    lines: tuple[int, ...]  # the lines it covers; empty for the whole file
    rules: tuple[str, ...]
    span: Span  # where the comment is


def parse(source: str) -> list[Suppression]:
    found = []
    for number, line in enumerate(source.splitlines(), start=1):
        if "carekit" not in line:  # most lines: a substring test is cheaper than the pattern
            continue
        match = _DIRECTIVE_RE.search(line)
        if not match:
            continue
        rules = tuple(r.strip() for r in match[2].split(",") if r.strip())
        span = Span(number, match.start() + 1, number, match.end() + 1)
        if match[1] == "disable-file":
            found.append(Suppression((), rules, span))
        elif line[: match.start()].strip():  # after a value: this line
            found.append(Suppression((number,), rules, span))
        else:  # a comment line of its own: the next line (and itself)
            found.append(Suppression((number, number + 1), rules, span))
    return found


def apply(
    findings: Iterable[Finding],
    source: str,
    known: set[str],
    ran: Callable[[str], bool],
) -> list[Finding]:
    """Drop suppressed findings; add one for each suppression that silenced nothing.

    `ran(rule)` tells whether a rule ran this time; a suppression of a rule that did not
    run (e.g. outside --select) is not called unused.
    """
    suppressions = parse(source)
    # (rule, line) -> the first suppression covering it, line 0 for the whole file: testing
    # every finding against every suppression was quadratic in a draft full of both.
    covering: dict[tuple[str, int], int] = {}
    for i, s in enumerate(suppressions):
        for rule in s.rules:
            for line in s.lines or (0,):
                covering.setdefault((rule, line), i)
    used: set[tuple[int, str]] = set()
    kept = []
    for finding in findings:
        first = min(
            covering.get((finding.rule, 0), len(suppressions)),
            covering.get((finding.rule, finding.span.line), len(suppressions)),
        )
        hit = (first, finding.rule) if first < len(suppressions) else None
        if hit is None:
            kept.append(finding)
        else:
            used.add(hit)
    for i, suppression in enumerate(suppressions):
        for rule in suppression.rules:
            if rule not in known:
                message = f"The suppression names {rule!r}, which is not a carekit rule."
            elif (i, rule) in used or not ran(rule):
                continue
            else:
                message = f"The suppression of {rule} silences nothing here."
            kept.append(
                Finding(
                    RULE_ID,
                    None,
                    Severity.WARNING,
                    message,
                    "Delete it (or correct the rule ID); `carekit explain RULE` lists rules.",
                    suppression.span,
                )
            )
    return kept
