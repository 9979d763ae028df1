"""Rules: small registered units, each with an ID, CARE item(s), a default severity,
a docstring, and a passing and a failing example that the tests run.

A rule module defines subclasses of `Rule` decorated with `@register`. Rules whose
findings come from loading the file (YAML syntax, format violations) are registered too,
so every finding a user can see has an ID to explain, select or ignore.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from carekit.check.checklist import Checklist
from carekit.draft.model import Draft
from carekit.findings import Finding, Severity
from carekit.journals.profiles import Journal
from carekit.span import Span
from carekit.tuples import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar

_MODULES = (
    "loading",
    "coverage",
    "judged_patient",
    "judged_assessment",
    "judged_care",
    "judged_discussion",
    "title",
    "keywords",
    "abstract",
    "timeline",
    "labs",
    "serial_labs",
    "interventions",
    "consent",
    "references",
    "abbreviations",
    "figures",
    "suppression",
    "invisible",
    "markup",
    "privacy",
    "journal",
    "layout",
    "front_matter",
)

_REGISTRY: dict[str, type[Rule]] = {}


class RuleContext(NamedTuple):
    checklist: Checklist
    privacy_allow: tuple[str, ...] = ()  # terms the project accepts (`privacy: allow:`)
    journal: Journal | None = None  # the target journal's profile (None: plain CARE)
    journal_asked: str | None = None  # the journal named, when no profile matches it
    style: str | None = None  # the citation style (None: the journal's, else Vancouver)


class Rule:
    id: ClassVar[str]
    items: ClassVar[tuple[str, ...]] = ()  # stable keys of the CARE items it checks
    severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str]  # one line: what it checks
    passing: ClassVar[str]  # a draft (YAML) the rule accepts
    failing: ClassVar[str]  # a draft (YAML) the rule reports
    # Files the examples need beside the draft: their text, or a function that makes them.
    files: ClassVar[dict[str, str | bytes | Callable[[], bytes]]] = {}
    needs: ClassVar[tuple[str, ...]] = ()  # other rules the examples need to run too

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        """Yield findings for `draft`; loading rules yield nothing here."""
        return iter(())

    def finding(
        self,
        message: str,
        span: Span,
        fix: str,
        *,
        item: str | None = None,
        severity: Severity | None = None,
        excerpt: str | None = None,
        generic: bool = False,
    ) -> Finding:
        return Finding(
            rule=self.id,
            item=item if item is not None else (self.items[0] if self.items else None),
            severity=severity or self.severity,
            message=message,
            fix=fix,
            span=span,
            excerpt=excerpt,
            generic=generic,
        )


def repeats(values: Iterable[str | None]) -> Iterator[tuple[int, int]]:
    """(index, index of its first occurrence) for every value seen before; None is skipped."""
    first: dict[str, int] = {}
    for index, value in enumerate(values):
        if value is None:
            continue
        if value in first:
            yield index, first[value]
        else:
            first[value] = index


def register(cls: type[Rule]) -> type[Rule]:
    if cls.id in _REGISTRY:
        raise ValueError(f"rule id {cls.id} registered twice")
    _REGISTRY[cls.id] = cls
    return cls


@cache
def _import_modules() -> None:
    """Import the modules that register themselves, once (asked several times a check)."""
    for name in _MODULES:
        importlib.import_module(f"{__name__}.{name}")


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule by ID, in the order the modules list them."""
    _import_modules()
    return _REGISTRY
