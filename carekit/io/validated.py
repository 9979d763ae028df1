"""Read a YAML data file (journal profile, checklist) and validate it with the same schema
vocabulary as drafts (carekit.draft.schema), so a misspelt key is reported with its line,
column and "did you mean" instead of silently switching something off.

Unlike a draft, a data file with a problem is unusable input: every problem is listed in
one CarekitError (exit 2).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from carekit.draft.schema import INVALID, BudgetExceeded, Context, Kind
from carekit.errors import CarekitError
from carekit.findings import Finding
from carekit.io.yamldata import kept, parse, read_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_LISTED = 20  # a wholly wrong file would otherwise print hundreds of lines


_TOP = "at the top of the draft"  # how draft.schema names the top level

# A data file's schema: its kind, and the fix to show for each top-level key it retired.
Schema = tuple[Kind, dict[str, str]]


def problems(
    path: Path,
    kind: Kind,
    what: str,
    retired: dict[str, str] | None = None,
) -> tuple[Any, list[Finding]]:
    """The validated data of `path` and the schema's findings (empty when it is valid).
    `retired` maps top-level keys that older files held to the fix to show for them."""
    node, _ = parse(read_text(path, what), f"The {what} {path}")
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


def load_validated(path: Path, schema: Callable[[], Schema], what: str) -> Any:
    """The data of `path` if it fits the kind `schema()` gives (with the fixes for retired
    keys); otherwise CarekitError listing every problem. carekit's own files are validated
    once and kept (carekit.io.yamldata.kept) while they and carekit's code are unchanged: a
    check reads the checklist and a profile every run, and imports their schema only when
    a file must be validated again."""

    path = Path(path)

    def validated() -> Any:
        kind, retired = schema()
        data, found = problems(path, kind, what, retired)
        if found:
            raise CarekitError(describe(path, what, found))
        return data

    return kept(path, f"validated {what}", _code_stamp(), validated)


# The code a validated result depends on, relative to the package: the schema vocabulary
# and draft format (draft/), reading YAML (io/), the journal profiles' schema (journals/),
# the checklist's schema, and the findings it reports. tests/test_speed_budget.py checks
# that every kind in the data files' schemas is defined in one of these.
VALIDATING = (
    "draft",
    "io",
    "journals",
    "check/checklist_schema.py",
    "findings.py",
    "span.py",
    "errors.py",
)


@lru_cache(maxsize=1)
def _code_stamp() -> int:
    """The newest modification time of the code that validates carekit's data files: a
    change to it must not be hidden by a kept result. (Stating only these ~40 files, not
    all of carekit's, saves a pre-commit check some 150 system calls.)"""
    import os

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    newest = 0
    for part in VALIDATING:
        where = os.path.join(package, part)
        if part.endswith(".py"):
            newest = max(newest, os.stat(where).st_mtime_ns)
            continue
        with os.scandir(where) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    newest = max(newest, entry.stat().st_mtime_ns)
    return newest
