"""Reporters turn check results into text, JSON, SARIF or GitHub annotations."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from carekit.check.checklist import Checklist
from carekit.findings import Finding

FORMATS = ("text", "json", "sarif", "github", "auto")

Reporter = Callable[..., None]  # (reports, checklist, out, options) -> None


def resolve_format(name: str) -> str:
    """`auto` means GitHub annotations inside GitHub Actions, else text."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def get_reporter(name: str) -> Reporter:
    # Import only the reporter asked for: rich alone costs more than a whole JSON check.
    if name == "json":
        from carekit.check.reporters.json import report
    elif name == "sarif":
        from carekit.check.reporters.sarif import report
    elif name == "github":
        from carekit.check.reporters.github import report
    else:
        from carekit.check.reporters.text import report
    return report


def display_path(file: Path) -> str:
    """The path as the user will recognise it: relative to the working folder if inside."""
    try:
        return file.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def item_label(finding: Finding, checklist: Checklist) -> str:
    item = checklist.item(finding.item)
    return item.label if item else "Not tied to a CARE item"
