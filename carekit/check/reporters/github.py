"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from carekit.check.checklist import Checklist
from carekit.check.engine import Report
from carekit.check.reporters import display_path, item_label
from carekit.findings import Severity
from carekit.terminal import safe

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    """A command's message: control characters shown escaped (the log is a terminal), then
    the workflow command's own escapes, so a line break cannot start a new command."""
    return safe(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A property value (file, title): `:` and `,` would end it."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def report(
    reports: list[Report],
    checklist: Checklist,
    out: TextIO,
    options: Mapping = MappingProxyType({}),
) -> None:
    for report_ in reports:
        file = _property(display_path(report_.file))
        for finding in report_.findings:
            span = finding.span
            title = _property(f"{item_label(finding, checklist)} [{finding.rule}]")
            place = (
                f"line={span.line},col={span.column},endLine={span.end_line},"
                f"endColumn={span.end_column},"
                if finding.where is None
                else ""  # a manuscript has no lines: its place is said in the message
            )
            said = f"{finding.where}: " if finding.where else ""
            out.write(
                f"::{_COMMAND[finding.severity]} file={file},{place}title={title}::"
                f"{_data(said + finding.message + ' Fix: ' + finding.fix)}\n"
            )
