"""Read a YAML data file (journal profile, checklist) and validate it with the same schema
vocabulary as drafts (carekit.draft.schema), so a misspelt key is reported with its line,
column and "did you mean" instead of silently switching something off.

Unlike a draft, a data file with a problem is unusable input: every problem is listed in
one CarekitError (exit 2).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import Node

from carekit.draft.schema import INVALID, BudgetExceeded, Context, Kind
from carekit.errors import CarekitError
from carekit.findings import Finding
from carekit.io.yamldata import _plain, _problem, kept
from carekit.io.yamlguard import MAX_BYTES, Refused, compose

MAX_LISTED = 20  # a wholly wrong file would otherwise print hundreds of lines


def read_node(path: Path, what: str) -> Node | None:
    """The YAML node tree of `path` through the guarded parser; CarekitError otherwise.
    Cached: the bundled checklist is read both for the draft format (which item each key
    reports) and for the check, and parsing it is the costly part of loading it."""
    return _read_node(Path(path).resolve(), what)


@lru_cache(maxsize=16)
def _read_node(path: Path, what: str) -> Node | None:
    where = f"The {what} {path}"
    try:
        if path.stat().st_size > MAX_BYTES:
            raise Refused(f"is larger than {MAX_BYTES // 1024 // 1024} MiB", "")
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise CarekitError(f"{where} cannot be read: {error.strerror or error}.") from None
    except UnicodeDecodeError:
        raise CarekitError(f"{where} is not UTF-8 text; save it as UTF-8.") from None
    except Refused as refused:
        raise CarekitError(f"{where} {refused.reason}.") from None
    try:
        node = compose(text)
        if node is not None:
            _plain(node)  # the same refusals as every other data file (5,000-digit numbers)
        return node
    except Refused as refused:
        raise CarekitError(f"{where} {refused.reason}. {refused.fix}") from None
    except YAMLError as error:
        raise CarekitError(f"{where} is not valid YAML: {_problem(error)}") from None


_TOP = "at the top of the draft"  # how draft.schema names the top level


def problems(
    path: Path, kind: Kind, what: str, retired: dict[str, str] | None = None
) -> tuple[Any, list[Finding]]:
    """The validated data of `path` and the schema's findings (empty when it is valid).
    `retired` maps top-level keys that older files held to the fix to show for them."""
    node = read_node(path, what)
    if node is None:
        raise CarekitError(f"The {what} {path} is empty.")
    ctx = Context()
    try:
        data = kind.validate(node, (), ctx, None)
    except BudgetExceeded:
        raise CarekitError(f"The {what} {path} is far too large to be a {what}.") from None
    found = [_reworded(f, what, retired or {}) for f in ctx.findings]
    return (None if data is INVALID else data), found


def _reworded(finding: Finding, what: str, retired: dict[str, str]) -> Finding:
    if _TOP not in finding.message:
        return finding
    key = finding.message.split("`")[1] if finding.message.startswith("`") else ""
    fix = retired.get(key, finding.fix) if finding.rule == "schema-unknown-key" else finding.fix
    return finding._replace(
        message=finding.message.replace(_TOP, f"at the top of the {what}"), fix=fix
    )


def describe(path: Path, what: str, findings: list[Finding]) -> str:
    """One line per problem, `FILE:LINE:COL: message fix`, as compilers and editors print."""
    listed = sorted(findings, key=Finding.sort_key)[:MAX_LISTED]
    lines = [f"The {what} {path} cannot be used:"]
    for finding in listed:
        span = finding.span
        lines.append(f"  {path}:{span.line}:{span.column}: {finding.message} {finding.fix}")
    if len(findings) > len(listed):
        lines.append(f"  ... and {len(findings) - len(listed)} more.")
    return "\n".join(lines)


def load_validated(path: Path, kind: Kind, what: str, retired: dict[str, str] | None = None) -> Any:
    """The data of `path` if it fits `kind`; otherwise CarekitError listing every problem.
    carekit's own files are validated once and kept (carekit.io.yamldata.kept) while they
    and carekit's code are unchanged: a check reads the checklist and a profile every run."""

    def validated() -> Any:
        data, found = problems(path, kind, what, retired)
        if found:
            raise CarekitError(describe(path, what, found))
        return data

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return validated()  # which says what is wrong with the file
    return kept(Path(path), text, f"validated {what}", _code_stamp(), validated)


@lru_cache(maxsize=1)
def _code_stamp() -> int:
    """The newest modification time of carekit's own code: validation rules live in several
    modules (the schema vocabulary, each file's schema), and a change to any of them must
    not be hidden by a kept result."""
    package = Path(__file__).resolve().parent.parent
    return max(file.stat().st_mtime_ns for file in package.rglob("*.py"))
