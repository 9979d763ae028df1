"""The report a clinician reads in the terminal: findings grouped by CARE item, then the
status of every item.

The report is laid out here as styled lines, wrapped so continuation lines keep their
indent. On a terminal (or with FORCE_COLOR) rich renders it in colour; elsewhere (a
pre-commit hook, a CI log, a pipe) it is written as plain text without importing rich,
whose import alone would cost a pre-commit hook about 40 ms.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from types import MappingProxyType

from carekit.check.checklist import Checklist
from carekit.check.engine import (
    MISSING,
    NOT_APPLICABLE,
    NOT_REPORTED,
    PARTLY,
    REPORTED,
    STATUSES,
    Report,
)
from carekit.check.reporters import display_path
from carekit.findings import Finding, Severity
from carekit.terminal import SafeStream, safe, terminal_columns

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

_LAYOUT_RE = re.compile("[\t\n]")  # other line breaks and controls are shown escaped
_GAPS_RE = re.compile("([\t\n\x0b\x0c\r ]+)")  # where textwrap may break a line
_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_STATUS_STYLE = {
    REPORTED: "green",
    PARTLY: "yellow",
    MISSING: "bold red",
    NOT_APPLICABLE: "blue",
    NOT_REPORTED: "magenta",
}


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """The rows of `text` filled to `width`, as `textwrap.wrap` gives them with
    break_on_hyphens, break_long_words, expand_tabs and replace_whitespace off (a test
    holds the two equal): breaks only at ASCII whitespace, a word longer than a row on a
    row of its own, whitespace dropped at the ends of rows but not before the first
    word. Written out because importing textwrap and running its general algorithm was
    a sizeable part of a pre-commit check's time."""
    chunks = [chunk for chunk in _GAPS_RE.split(text) if chunk]
    chunks.reverse()
    rows: list[str] = []
    while chunks:
        indent = rest if rows else first
        room = width - len(indent)
        if rows and chunks[-1].strip() == "":
            chunks.pop()
        row: list[str] = []
        used = 0
        while chunks and used + len(chunks[-1]) <= room:
            used += len(chunks[-1])
            row.append(chunks.pop())
        if chunks and not row and len(chunks[-1]) > room:
            row.append(chunks.pop())
        if row and row[-1].strip() == "":
            row.pop()
        if row:
            rows.append(indent + "".join(row))
    return rows


class _Writer:
    """Collects styled, wrapped lines as (text, style) pieces."""

    def __init__(self, width: int) -> None:
        self.width = max(width, 40)
        self.pieces: list[tuple[str, str | None]] = []

    def line(self, *parts: tuple[str, str | None], indent: int = 0, hang: int = 2) -> None:
        """Write one logical line of (text, style) parts, wrapped with a hanging indent.

        Every part passes through here, so this is where draft text is made printable: a
        tab or line break (a title written as a `|` block) becomes a space, and control
        or invisible characters become visible escapes. Textwrap then never changes a
        character, so each wrapped row is found again in the line to carry its styles."""
        parts = tuple((safe(_LAYOUT_RE.sub(" ", text)), style) for text, style in parts)
        plain = "".join(text for text, _ in parts)
        wrapped = wrap(plain, self.width, " " * indent, " " * (indent + hang)) or [""]
        # Re-apply each part's style to the pieces of it that landed on each wrapped row.
        bounds, start = [], 0
        for text, style in parts:
            bounds.append((start, start + len(text), style))
            start += len(text)
        position = 0
        for row in wrapped:
            body = row.lstrip(" ")
            self.pieces.append((row[: len(row) - len(body)], None))
            begin = plain.index(body, position) if body else position
            end = begin + len(body)
            for low, high, style in bounds:
                if low < end and high > begin:
                    self.pieces.append((plain[max(low, begin) : min(high, end)], style))
            position = end
            self.pieces.append(("\n", None))

    def blank(self) -> None:
        self.pieces.append(("\n", None))

    def write(self, out: TextIO, colour: bool) -> None:
        if not colour:
            out.write("".join(text for text, _ in self.pieces))
            return
        from rich.console import Console
        from rich.text import Text

        # The pieces are escaped already; rich's own colour codes must reach the terminal.
        raw = out.stream if isinstance(out, SafeStream) else out
        console = Console(file=raw, highlight=False, emoji=False, markup=False, soft_wrap=True)
        console.print(Text.assemble(*self.pieces), end="")


def _findings(out: _Writer, findings: list[Finding], file: str) -> None:
    """Each finding with its place; a fix shared by consecutive findings is said once."""
    for index, finding in enumerate(findings):
        span = finding.span
        out.line(
            (finding.severity.value, _SEVERITY_STYLE[finding.severity]),
            (
                f"  {file}: {finding.where}"
                if finding.where
                else f"  {file}:{span.line}:{span.column}",
                "bold",
            ),
            (f"  {finding.message}", None),
            indent=2,
        )
        following = findings[index + 1] if index + 1 < len(findings) else None
        if following is None or (following.rule, following.fix) != (finding.rule, finding.fix):
            out.line(
                ("Fix: ", "bold"), (finding.fix, None), (f"  [{finding.rule}]", "dim"), indent=4
            )


def _file_report(out: _Writer, report: Report, checklist: Checklist, words: bool) -> None:
    file = display_path(report.file)
    out.line((file, "bold underline"))
    if report.title:
        out.line((report.title, "italic"))
    if report.statuses:
        details = f"{checklist.title} ({checklist.numbering.split(' (')[0]} numbering)"
        stats = report.stats
        if "journal" in stats:
            details += f" · journal profile: {stats['journal']}"
        if "abstract_words" in stats:
            details += (
                f" · abstract: {_plural(stats['abstract_words'], 'word')}, main text: "
                f"{_plural(stats['main_text_words'], 'word')}"
            )
        out.line((details, "dim"))
        if words:
            out.line(("  Abstract".ljust(28) + str(stats["abstract_words"]).rjust(6), None))
            for section, count in stats["section_words"].items():
                out.line((f"  {section}".ljust(28) + str(count).rjust(6), None))
            out.line(("  Main text".ljust(28) + str(stats["main_text_words"]).rjust(6), "bold"))
    out.blank()

    by_item: dict[str | None, list[Finding]] = {}
    for finding in report.findings:
        by_item.setdefault(finding.item, []).append(finding)
    status = {s.item.key: s.status for s in report.statuses}
    for item in checklist.items:
        if item.key in by_item:
            state = status.get(item.key, "")
            out.line(
                (f"CARE {item.id} · {item.topic} · ", "bold"), (state, _STATUS_STYLE.get(state))
            )
            _findings(out, by_item[item.key], file)
    others = [f for key, group in by_item.items() if checklist.item(key) is None for f in group]
    if others:
        out.line(("Not tied to a CARE item", "bold"))
        _findings(out, sorted(others, key=Finding.sort_key), file)
    if by_item:
        out.blank()
    if report.statuses:
        _status_table(out, report)


def _status_table(out: _Writer, report: Report) -> None:
    counts = {s: sum(1 for x in report.statuses if x.status == s) for s in STATUSES}
    out.line(
        (
            f"{len(report.statuses)} CARE items: "
            + ", ".join(f"{counts[s]} {s}" for s in STATUSES),
            "bold",
        )
    )
    per_item: dict[str | None, int] = {}
    for finding in report.findings:
        per_item[finding.item] = per_item.get(finding.item, 0) + 1
    topic_width = max(len(s.item.topic) for s in report.statuses)
    status_width = max(len(s) for s in STATUSES)
    out.line(
        (
            f"  {'Item':<5}{'Topic':<{topic_width + 2}}{'Status':<{status_width + 2}}"
            "Findings / reason",
            "bold",
        )
    )
    for s in report.statuses:
        note = (
            s.reason
            or s.gap
            or (_plural(per_item[s.item.key], "finding") if s.item.key in per_item else "")
        )
        out.line(
            (f"  {s.item.id:<5}{s.item.topic:<{topic_width + 2}}", None),
            (f"{s.status:<{status_width + 2}}", _STATUS_STYLE[s.status]),
            (note, None),
            hang=7 + topic_width + status_width + 2,
        )


def _wants_colour(out: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or (hasattr(out, "isatty") and out.isatty())


def report(
    reports: list[Report],
    checklist: Checklist,
    out: TextIO,
    options: Mapping = MappingProxyType({}),
) -> None:
    writer = _Writer(terminal_columns(100))
    totals = {s: 0 for s in Severity}
    for index, report_ in enumerate(reports):
        if index:
            writer.line(("─" * min(writer.width, 60), "dim"))
        _file_report(writer, report_, checklist, bool(options.get("word_counts")))
        for finding in report_.findings:
            totals[finding.severity] += 1
    summary = ", ".join(
        f"{totals[s]} info" if s is Severity.INFO else _plural(totals[s], s.value) for s in Severity
    )
    writer.blank()
    writer.line(
        (
            f"{summary} in {_plural(len(reports), 'file')}.",
            "bold red" if totals[Severity.ERROR] else "bold green",
        )
    )
    writer.write(out, _wants_colour(out))
