"""Diagnostics: the findings of `carekit check` for the text in the editor.

The text is loaded and checked exactly as `carekit check` loads and checks a file
(carekit.app: the same configuration, journal, checklist and rules); only the reading of
the file is replaced by the editor's text, with the same refusals (too large, binary)."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from carekit.app.jobs import check_loaded, settings_for
from carekit.app.settings import NO_FLAGS, Flags
from carekit.check.engine import Report
from carekit.draft.loader import Loaded, load_text
from carekit.errors import CarekitError
from carekit.findings import Finding, Severity
from carekit.io.yamlguard import MAX_BYTES
from carekit.lsp.positions import Positions
from carekit.span import START
from carekit.tuples import NamedTuple

SOURCE = "carekit"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


class Analysis(NamedTuple):
    """One version of a document, checked: what hover and the code actions read."""

    text: str
    loaded: Loaded | None  # None when the check itself could not run
    report: Report | None
    findings: list[Finding]
    checklist: str = "care-2013"  # the checklist the settings chose


def _unreadable(file: Path, message: str, fix: str) -> Loaded:
    finding = Finding("draft-unreadable", None, Severity.ERROR, message, fix, START)
    return Loaded(file, None, [finding], True)


def load_buffer(text: str, file: Path) -> Loaded:
    """The editor's text as the loader reads a file: the same limits and messages."""
    if len(text) > MAX_BYTES:
        return _unreadable(
            file,
            f"The draft is larger than {MAX_BYTES // 1024 // 1024} MiB; "
            "it cannot be a case-report draft.",
            "Check that this is the right file.",
        )
    if "\x00" in text:  # a binary paste: what load_file calls "a binary file"
        line = text[: text.index("\x00")].count("\n") + 1
        finding = Finding(
            "draft-unreadable",
            None,
            Severity.ERROR,
            f"Line {line} holds binary data (NUL characters), not YAML text.",
            "Undo the paste, or delete the binary characters.",
            START._replace(line=line, end_line=line),
        )
        return Loaded(file, None, [finding], True)
    return load_text(text.removeprefix("\ufeff"), file)


def analyse(text: str, file: Path, flags: Flags = NO_FLAGS) -> Analysis:
    """Check the text as `carekit check` checks the file; never raises: a problem that
    stops the check (a configuration with a mistake, a bug) becomes one finding."""
    try:
        loaded = load_buffer(text, file)
        settings = settings_for(loaded, flags)
        report = check_loaded(loaded, settings)
        return Analysis(text, loaded, report, report.findings, settings.checklist.value)
    except CarekitError as error:  # e.g. .carekit.yaml names an unknown rule
        finding = Finding(
            "configuration",
            None,
            Severity.ERROR,
            error.message,
            "Correct the configuration file; `carekit config` shows the settings.",
            START,
        )
    except Exception as error:  # a bug: say so in the editor, and keep serving
        finding = Finding(
            "internal-error",
            None,
            Severity.ERROR,
            f"carekit could not check this text ({type(error).__name__}: {error}). This is "
            "a bug in carekit; please report it.",
            "Run `carekit check` on the saved file for details.",
            START,
        )
    return Analysis(text, None, None, [finding])


def diagnostic(finding: Finding, positions: Positions) -> types.Diagnostic:
    return types.Diagnostic(
        range=positions.range(finding.span),
        message=f"{finding.message}\nFix: {finding.fix}" if finding.fix else finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.rule,
        source=SOURCE,
        data={"item": finding.item},
    )


def diagnostics(analysis: Analysis, encoding: str = "utf-16") -> list[types.Diagnostic]:
    positions = Positions(analysis.text, encoding)
    return [diagnostic(finding, positions) for finding in analysis.findings]
