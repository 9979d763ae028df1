"""Read a draft file into a Draft, turning every problem into a finding."""

from __future__ import annotations

import codecs
from pathlib import Path

from carekit.draft.format import DRAFT, FORMAT_VERSION
from carekit.draft.model import Draft
from carekit.draft.schema import INVALID, BudgetExceeded, Context
from carekit.errors import CarekitError
from carekit.findings import Finding, Severity
from carekit.io.yamlguard import MAX_BYTES, Refused, compose
from carekit.io.yamllib import MarkedYAMLError, YAMLError
from carekit.span import START, Span
from carekit.tuples import NamedTuple


class Loaded(NamedTuple):
    """The result of loading: a draft (None when nothing could be read) and findings."""

    file: Path
    draft: Draft | None
    findings: list[Finding]
    fatal: bool = False  # unreadable file or YAML syntax error: exit code 2


def _fatal(file: Path, rule: str, message: str, fix: str, span: Span = START) -> Loaded:
    return Loaded(file, None, [Finding(rule, None, Severity.ERROR, message, fix, span)], True)


def decode(raw: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; raise ValueError otherwise."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    if b"\x00" in raw:
        raise ValueError("binary")
    return raw.decode("utf-8-sig")


def load_file(file: Path) -> Loaded:
    """Load the draft at `file`; never raises for a bad file."""
    try:
        if not file.is_file():
            what = (
                "a folder"
                if file.is_dir()
                else "not a regular file"
                if file.exists()
                else "not there (no such file)"
            )
            return _fatal(
                file,
                "draft-unreadable",
                f"{file} is {what}.",
                "Give the path of a draft .yaml file.",
            )
        if file.stat().st_size > MAX_BYTES:
            return _fatal(
                file,
                "draft-unreadable",
                f"{file} is larger than {MAX_BYTES // 1024 // 1024} MiB; "
                "it cannot be a case-report draft.",
                "Check that this is the right file.",
            )
        raw = file.read_bytes()
    except OSError as error:
        return _fatal(
            file,
            "draft-unreadable",
            f"{file} cannot be read: {error.strerror}.",
            "Check the path and the file's permissions.",
        )
    try:
        text = decode(raw)
    except (UnicodeDecodeError, ValueError) as error:
        if isinstance(error, UnicodeDecodeError):
            line = raw[: error.start].count(b"\n") + 1
            return _fatal(
                file,
                "draft-unreadable",
                f"{file} is not UTF-8 text (byte {error.start + 1}, line {line}).",
                "Save the file as UTF-8 in your editor.",
                Span.point(line, 1),
            )
        return _fatal(
            file,
            "draft-unreadable",
            f"{file} looks like a binary file, not a YAML draft.",
            "Give the path of a draft .yaml file.",
        )
    return load_text(text, file)


def load_readable(file: Path) -> Loaded:
    """Load a draft a command cannot work without: one that cannot be read stops the
    command with the loader's reason (its findings are still in the result otherwise)."""
    loaded = load_file(file)
    if loaded.draft is None:
        reason = loaded.findings[0].message if loaded.findings else "it is empty"
        raise CarekitError(f"{file} cannot be read: {reason}")
    return loaded


def _syntax_finding(file: Path, text: str, error: YAMLError) -> Loaded:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    span = Span.point(mark.line + 1, mark.column + 1) if mark is not None else START
    if isinstance(error, MarkedYAMLError):
        problem = " ".join(part for part in (error.context, error.problem) if part)
    else:
        problem = str(error).splitlines()[0]
    from carekit.draft.syntax import explain  # only a draft that does not parse needs it

    message, fix = explain(problem, text.splitlines(), span.line, span.column)
    return _fatal(file, "yaml-syntax", message, fix, span)


_EMPTY = Finding(
    "draft-empty",
    None,
    Severity.ERROR,
    "The draft is empty.",
    "Start from a scaffold: `carekit init draft.yaml` writes every CARE item to fill in.",
    START,
)


def load_text(text: str, file: Path) -> Loaded:
    """Load a draft from its text; `file` is where it lives (for messages and figure paths)."""
    try:
        node = compose(text)
    except Refused as refused:
        span = Span.point(refused.line, 1) if refused.line else START
        return _fatal(file, "draft-unreadable", f"The draft {refused.reason}.", refused.fix, span)
    except YAMLError as error:
        return _syntax_finding(file, text, error)
    if node is None:
        return Loaded(file, None, [_EMPTY])
    ctx = Context()
    try:
        data = DRAFT.validate(node, (), ctx, None)
    except BudgetExceeded:
        return _fatal(
            file,
            "draft-unreadable",
            "The draft expands to far more entries than a case report has "
            "(are YAML aliases repeating each other?).",
            "Remove the `&anchor` / `*alias` repetitions.",
        )
    if data is INVALID or data is None:
        return Loaded(file, None, ctx.findings)
    draft = Draft(file, text, data, ctx.spans, ctx.key_spans, ctx.texts)
    return Loaded(file, draft, ctx.findings + _version_findings(draft))


def _version_findings(draft: Draft) -> list[Finding]:
    """A draft should say which format it is written in, and it must be this one."""
    version = draft.data.get("carekit")
    if version is None:  # also when written but invalid, as before (findings are frozen)
        return [
            Finding(
                "format-version",
                None,
                Severity.WARNING,
                "The draft does not say which carekit format it uses.",
                f"Add `carekit: {FORMAT_VERSION}` as the first line.",
                START,
            )
        ]
    if version is not None and version != FORMAT_VERSION:
        return [
            Finding(
                "format-version",
                None,
                Severity.ERROR,
                f"This draft says `carekit: {version}`, but this carekit reads format "
                f"{FORMAT_VERSION}.",
                f"Write `carekit: {FORMAT_VERSION}`, or update carekit.",
                draft.span("carekit"),
            )
        ]
    return []
