"""The report a clinician reads in the terminal: findings grouped by CARE item, then the
status of every item."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from carekit.checklist import Checklist
from carekit.engine import MISSING, NOT_APPLICABLE, PARTLY, REPORTED, STATUSES, Report
from carekit.findings import Finding, Severity
from carekit.reporters import display_path

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_STATUS_STYLE = {REPORTED: "green", PARTLY: "yellow", MISSING: "bold red", NOT_APPLICABLE: "blue"}


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _findings(console: Console, findings: list[Finding], file: str) -> None:
    """Each finding with its place; a fix shared by consecutive findings is said once."""
    for index, finding in enumerate(findings):
        span = finding.span
        head = Text()
        head.append(finding.severity.value, style=_SEVERITY_STYLE[finding.severity])
        head.append(f"  {file}:{span.line}:{span.column}  ", style="bold")
        head.append(finding.message)
        console.print(Padding(head, (0, 0, 0, 2)))
        following = findings[index + 1] if index + 1 < len(findings) else None
        if following is None or (following.rule, following.fix) != (finding.rule, finding.fix):
            fix = Text("Fix: ", style="bold")
            fix.append(finding.fix)
            fix.append(f"  [{finding.rule}]", style="dim")
            console.print(Padding(fix, (0, 0, 0, 4)))


def _file_report(console: Console, report: Report, checklist: Checklist) -> None:
    file = display_path(report.file)
    console.print(Text(file, style="bold underline"))
    if report.title:
        console.print(Text(report.title, style="italic"))
    if report.statuses:
        details = f"{checklist.title} ({checklist.numbering.split(' (')[0]} numbering)"
        if "abstract_words" in report.stats:
            details += f" · abstract: {_plural(report.stats['abstract_words'], 'word')}"
        console.print(Text(details, style="dim"))
    console.print()

    by_item: dict[str | None, list[Finding]] = {}
    for finding in report.findings:
        by_item.setdefault(finding.item, []).append(finding)
    status = {s.item.key: s.status for s in report.statuses}
    for item in checklist.items:
        if item.key in by_item:
            heading = Text(f"CARE {item.id} · {item.topic} · ", style="bold")
            heading.append(status.get(item.key, ""), style=_STATUS_STYLE.get(status.get(item.key)))
            console.print(heading)
            _findings(console, by_item[item.key], file)
    others = [f for key, group in by_item.items() if checklist.item(key) is None for f in group]
    if others:
        console.print(Text("Manuscript and file (not a CARE item)", style="bold"))
        _findings(console, sorted(others, key=Finding.sort_key), file)
    if by_item:
        console.print()
    if report.statuses:
        counts = {s: sum(1 for x in report.statuses if x.status == s) for s in STATUSES}
        console.print(Text(f"{len(report.statuses)} CARE items: "
                           + ", ".join(f"{counts[s]} {s}" for s in STATUSES), style="bold"))
        console.print(_status_table(report))


def _status_table(report: Report) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Item")
    table.add_column("Topic")
    table.add_column("Status")
    table.add_column("Findings / reason")
    per_item: dict[str | None, int] = {}
    for finding in report.findings:
        per_item[finding.item] = per_item.get(finding.item, 0) + 1
    for s in report.statuses:
        note = s.reason or (_plural(per_item[s.item.key], "finding") if s.item.key in per_item else "")
        table.add_row(s.item.id, s.item.topic, Text(s.status, style=_STATUS_STYLE[s.status]),
                      Text(note))
    return table


def report(reports: list[Report], checklist: Checklist, out: TextIO) -> None:
    console = Console(file=out, highlight=False, emoji=False)
    totals = {s: 0 for s in Severity}
    for index, report_ in enumerate(reports):
        if index:
            console.rule(style="dim")
        _file_report(console, report_, checklist)
        for finding in report_.findings:
            totals[finding.severity] += 1
    summary = ", ".join(
        f"{totals[s]} info" if s is Severity.INFO else _plural(totals[s], s.value) for s in Severity
    )
    console.print()
    console.print(Text(f"{summary} in {_plural(len(reports), 'file')}.",
                       style="bold red" if totals[Severity.ERROR] else "bold green"))
