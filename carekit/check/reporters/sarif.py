"""SARIF 2.1.0, as GitHub code scanning reads it."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from carekit import __version__
from carekit.check.checklist import Checklist
from carekit.check.engine import Report
from carekit.check.reporters import display_path, item_label
from carekit.check.reporters.json import write_json
from carekit.check.rules import all_rules
from carekit.findings import Finding, Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_entry(rule_id: str, checklist: Checklist) -> dict[str, Any]:
    rule = all_rules().get(rule_id)
    summary = rule.summary if rule else "carekit could not finish checking this draft."
    items = [checklist.item(key) for key in (rule.items if rule else ())]
    tags = [f"CARE {item.id}" for item in items if item]
    return {
        "id": rule_id,
        "name": "".join(part.title() for part in rule_id.split("-")),
        "shortDescription": {"text": summary},
        "fullDescription": {
            "text": " ".join((rule.__doc__ or summary).split()) if rule else summary
        },
        "help": {"text": f"Run `carekit explain {rule_id}` for examples." if rule else summary},
        "defaultConfiguration": {"level": _LEVEL[rule.severity] if rule else "error"},
        "properties": {"tags": ["case-report", *tags]},
    }


def _region(finding: Finding) -> dict[str, Any]:
    """The finding's place; a finding about a span of text also carries that text."""
    span = finding.span
    region: dict[str, Any] = {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": max(span.end_column, span.column + 1)
        if span.end_line == span.line
        else span.end_column,
    }
    if finding.excerpt:
        region["snippet"] = {"text": finding.excerpt}
    return region


def _location(finding: Finding, uri: str) -> dict[str, Any]:
    """A draft's line and column; in a Word, Markdown or JATS manuscript, which has no
    lines of its own, the heading and paragraph (or element path) as a logical place."""
    if finding.where:
        return {
            "physicalLocation": {"artifactLocation": {"uri": uri}},
            "logicalLocations": [{"fullyQualifiedName": finding.where, "kind": "element"}],
        }
    return {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": _region(finding)}}


def as_sarif(reports: list[Report], checklist: Checklist) -> dict[str, Any]:
    used = sorted({f.rule for r in reports for f in r.findings})
    index = {rule_id: i for i, rule_id in enumerate(used)}
    results = []
    for report in reports:
        uri = display_path(report.file)
        for finding in report.findings:
            results.append(
                {
                    "ruleId": finding.rule,
                    "ruleIndex": index[finding.rule],
                    "level": _LEVEL[finding.severity],
                    "message": {
                        "text": f"{item_label(finding, checklist)}: {finding.message} "
                        f"Fix: {finding.fix}"
                    },
                    "locations": [_location(finding, uri)],
                    "properties": {
                        "careItem": (
                            checklist.item(finding.item).id
                            if checklist.item(finding.item)
                            else None
                        )
                    },
                }
            )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "carekit",
                        "version": __version__,
                        "rules": [_rule_entry(rule_id, checklist) for rule_id in used],
                    }
                },
                "results": results,
            }
        ],
    }


def report(
    reports: list[Report],
    checklist: Checklist,
    out: TextIO,
    options: Mapping = MappingProxyType({}),
) -> None:
    write_json(as_sarif(reports, checklist), out)
