"""Machine-readable results: every finding with rule, CARE item, severity and span."""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType

from carekit import __version__
from carekit.check.checklist import Checklist
from carekit.check.engine import Report
from carekit.check.reporters import display_path
from carekit.findings import Finding, Severity
from carekit.terminal import json_safe

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO


def finding_dict(finding: Finding, file: str, checklist: Checklist) -> dict[str, Any]:
    item = checklist.item(finding.item)
    return {
        "rule": finding.rule,
        "care_item": item.id if item else None,
        "care_item_key": finding.item,
        "care_topic": item.topic if item else None,
        "severity": finding.severity.value,
        "message": finding.message,
        "fix": finding.fix,
        "file": file,
        "line": finding.span.line,
        "column": finding.span.column,
        "end_line": finding.span.end_line,
        "end_column": finding.span.end_column,
        "excerpt": finding.excerpt,
        **({"where": finding.where} if finding.where else {}),
    }


def as_data(reports: list[Report], checklist: Checklist) -> dict[str, Any]:
    files = []
    totals = {s.value: 0 for s in Severity}
    for report in reports:
        file = display_path(report.file)
        for finding in report.findings:
            totals[finding.severity.value] += 1
        files.append(
            {
                "file": file,
                "title": report.title,
                "fatal": report.fatal,
                "stats": dict(report.stats),
                "items": [
                    {
                        "id": s.item.id,
                        "key": s.item.key,
                        "topic": s.item.topic,
                        "status": s.status,
                        "reason": s.reason,
                        "gap": s.gap,
                    }
                    for s in report.statuses
                ],
                "findings": [finding_dict(f, file, checklist) for f in report.findings],
            }
        )
    return {
        "carekit": __version__,
        "checklist": {
            "name": checklist.name,
            "title": checklist.title,
            "numbering": checklist.numbering,
        },
        "files": files,
        "summary": {"files": len(reports), **{f"{k}s": v for k, v in totals.items()}},
    }


def report(
    reports: list[Report],
    checklist: Checklist,
    out: TextIO,
    options: Mapping = MappingProxyType({}),
) -> None:
    write_json(as_data(reports, checklist), out)


def write_json(data: Any, out: TextIO) -> None:
    """Readable UTF-8, but with control and invisible characters escaped: the output is
    often read in a terminal."""
    out.write(json_safe(json.dumps(data, indent=2, ensure_ascii=False)))
    out.write("\n")
