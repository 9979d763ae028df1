"""Run the rules over a draft and decide, item by item, what the draft reports.

The engine loads the rules; the rules never import the engine. Settings (which rules,
which levels, which journal) come resolved from `carekit.app`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

from carekit.check import suppressions
from carekit.check.checklist import Checklist
from carekit.check.rules import Rule, RuleContext, all_rules
from carekit.check.rules.abstract import abstract_words
from carekit.check.statuses import (  # noqa: F401 (the status words, for the reporters)
    MISSING,
    NOT_APPLICABLE,
    NOT_REPORTED,
    PARTLY,
    REPORTED,
    STATUSES,
    ItemStatus,
    item_statuses,
    reasons,
)
from carekit.draft.loader import Loaded, load_file
from carekit.draft.model import Draft
from carekit.draft.wordcount import word_counts
from carekit.findings import Finding, Severity
from carekit.journals.profiles import Journal, resolve
from carekit.span import START
from carekit.tuples import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Report(NamedTuple):
    """Everything `carekit check` knows about one file."""

    file: Path
    findings: list[Finding]
    statuses: tuple[ItemStatus, ...] = ()
    stats: Mapping[str, Any] = {}  # word counts; never changed in place
    fatal: bool = False
    title: str | None = None


class Selection(NamedTuple):
    """Which rules run: `select` (if given) keeps only those IDs, `ignore` drops IDs."""

    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()

    def wants(self, rule_id: str) -> bool:
        if self.select and rule_id not in self.select:
            return False
        return rule_id not in self.ignore


def unknown_rule_ids(ids: Iterable[str]) -> list[str]:
    return sorted(set(ids) - set(all_rules()))


EVERY_RULE = Selection()


def check_file(file: Path, checklist: Checklist, selection: Selection = EVERY_RULE) -> Report:
    return check_loaded(load_file(file), checklist, selection)


def check_loaded(
    loaded: Loaded,
    checklist: Checklist,
    selection: Selection = EVERY_RULE,
    severity: Mapping[str, str] = MappingProxyType({}),
    privacy_allow: tuple[str, ...] = (),
    profile: Journal | None = None,
    journal_asked: str | None = None,
    style: str | None = None,
) -> Report:
    """Run the selected rules over a loaded draft. `severity` maps rule IDs to the level
    the project wants (error, warning, info, or off); suppression comments apply last.
    `profile` is the target journal the application resolved; without one (tests, rule
    examples) the draft's own `journal:` name decides, else plain CARE."""
    draft = loaded.draft
    if draft is None:
        # Syntax errors and unreadable files cannot be ignored: nothing else was checked.
        kept = [f for f in loaded.findings if loaded.fatal or selection.wants(f.rule)]
        return Report(loaded.file, kept, fatal=loaded.fatal)
    if profile is None:
        profile, journal_asked = resolve(None, draft.model.journal)
    ctx = RuleContext(checklist, tuple(privacy_allow), profile, journal_asked, style)
    findings, crashed = _run_rules(draft, ctx, selection)
    why_not = reasons(draft.model.not_reported or {}, checklist)
    findings = _settle(list(loaded.findings) + findings, draft, why_not, selection, severity)
    flagged = {f.item for f in findings if f.severity != Severity.INFO}
    statuses = item_statuses(draft, checklist, why_not, flagged)
    stats = _stats(draft, profile)
    return Report(loaded.file, findings, statuses, stats, crashed, draft.model.title)


def _run_rules(draft: Draft, ctx: RuleContext, selection: Selection) -> tuple[list[Finding], bool]:
    """The findings of every selected rule; a rule that raises becomes one finding."""
    findings: list[Finding] = []
    crashed = False
    for rule_id, rule_class in all_rules().items():
        if selection.wants(rule_id):
            try:
                findings.extend(rule_class().check(draft, ctx))
            except Exception as error:  # a bug in a rule must not hide the other results
                crashed = True
                findings.append(_crash(rule_id, error))
    return findings, crashed


def _crash(rule_id: str, error: Exception) -> Finding:
    return Finding(
        "internal-error",
        None,
        Severity.ERROR,
        f"carekit's rule {rule_id} failed on this draft ({type(error).__name__}: "
        f"{error}). This is a bug in carekit, please report it.",
        f"Run again with --ignore {rule_id} to check the rest.",
        START,
    )


def _settle(
    findings: list[Finding],
    draft: Draft,
    why_not: Mapping[str, str],
    selection: Selection,
    severity: Mapping[str, str],
) -> list[Finding]:
    """The findings the user sees: none for items the author explains, a generic finding
    only where no specific one names its item, the project's levels, then suppressions."""
    findings = [f for f in findings if f.item not in why_not and selection.wants(f.rule)]
    specific = {f.item for f in findings if not f.generic and f.severity != Severity.INFO}
    findings = [f for f in findings if not (f.generic and f.item in specific)]
    findings = _with_severity(findings, severity)
    rule_ids = set(all_rules()) | {"internal-error"}
    findings = suppressions.apply(findings, draft.source, rule_ids, selection.wants)
    findings = [f for f in findings if selection.wants(f.rule)]
    findings.sort(key=Finding.sort_key)
    return findings


def _stats(draft: Draft, profile: Journal) -> dict[str, Any]:
    sections = word_counts(draft)
    return {
        "journal": profile.name,
        "abstract_words": abstract_words(draft),
        "main_text_words": sum(sections.values()),
        "section_words": sections,
    }


def _with_severity(findings: list[Finding], levels: Mapping[str, str]) -> list[Finding]:
    out = []
    for finding in findings:
        level = levels.get(finding.rule)
        if level is None:
            out.append(finding)
        elif level != "off":
            out.append(finding._replace(severity=Severity(level)))
    return out


def example_findings(rule: type[Rule], text: str) -> list[Finding]:
    """What `rule` reports on one of its examples, through the real loader and engine
    (`carekit explain` shows these; the tests assert them). Lives here, not in `rules`,
    so that the rules never import the engine."""
    import tempfile

    from carekit.check.checklist import load_checklist

    with tempfile.TemporaryDirectory() as folder:
        for name, made in rule.files.items():
            content = made() if callable(made) else made
            target = Path(folder) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        draft = Path(folder) / "draft.yaml"
        draft.write_text(text, encoding="utf-8")
        selection = Selection(frozenset({rule.id, *rule.needs}))
        report = check_loaded(load_file(draft), load_checklist(), selection)
    return [finding for finding in report.findings if finding.rule == rule.id]
