"""Run the rules over a draft and decide, item by item, what the draft reports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from carekit.check import suppressions
from carekit.check.checklist import Checklist, Item, reports
from carekit.check.rules import RuleContext, all_rules
from carekit.check.rules.abstract import abstract_words
from carekit.draft.loader import Loaded, load_file
from carekit.draft.wordcount import word_counts
from carekit.findings import Finding, Severity
from carekit.journals.profiles import resolve
from carekit.span import START

REPORTED, PARTLY, MISSING, NOT_APPLICABLE = "reported", "partly", "missing", "not applicable"
STATUSES = (REPORTED, PARTLY, MISSING, NOT_APPLICABLE)


class ItemStatus(NamedTuple):
    item: Item
    status: str
    reason: str | None = None  # the author's reason for not reporting


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
    journal: str | None = None,
    default_journal: str | None = None,
) -> Report:
    """Run the selected rules over a loaded draft. `severity` maps rule IDs to the level
    the project wants (error, warning, info, or off); suppression comments apply last.
    The target journal is `journal` (a flag), else the draft's `journal:`, else
    `default_journal` (the configuration), else plain CARE."""
    draft = loaded.draft
    findings = list(loaded.findings)
    if draft is None:
        # Syntax errors and unreadable files cannot be ignored: nothing else was checked.
        kept = [f for f in findings if loaded.fatal or selection.wants(f.rule)]
        return Report(loaded.file, kept, fatal=loaded.fatal)

    profile, unmatched = resolve(journal, draft.get("journal"), default_journal)
    ctx = RuleContext(checklist, tuple(privacy_allow), profile, unmatched)
    crashed = False
    for rule_id, rule_class in all_rules().items():
        if selection.wants(rule_id):
            try:
                findings.extend(rule_class().check(draft, ctx))
            except Exception as error:  # a bug in a rule must not hide the other results
                crashed = True
                findings.append(
                    Finding(
                        "internal-error",
                        None,
                        Severity.ERROR,
                        f"carekit's rule {rule_id} failed on this draft ({type(error).__name__}: "
                        f"{error}). This is a bug in carekit, please report it.",
                        f"Run again with --ignore {rule_id} to check the rest.",
                        START,
                    )
                )

    reasons = _reasons(draft.get("not_reported") or {}, checklist)
    findings = [f for f in findings if f.item not in reasons and selection.wants(f.rule)]
    specific = {f.item for f in findings if not f.generic and f.severity != Severity.INFO}
    findings = [f for f in findings if not (f.generic and f.item in specific)]
    findings = _with_severity(findings, severity)
    rule_ids = set(all_rules()) | {"internal-error"}
    findings = suppressions.apply(findings, draft.source, rule_ids, selection.wants)
    findings = [f for f in findings if selection.wants(f.rule)]
    findings.sort(key=Finding.sort_key)

    flagged = {f.item for f in findings if f.severity != Severity.INFO}
    statuses = []
    for item in checklist.items:
        if item.key in reasons:
            statuses.append(ItemStatus(item, NOT_APPLICABLE, reasons[item.key]))
        elif not reports(draft, item):
            statuses.append(ItemStatus(item, MISSING))
        else:
            statuses.append(ItemStatus(item, PARTLY if item.key in flagged else REPORTED))
    sections = word_counts(draft)
    stats = {
        "journal": profile.name,
        "abstract_words": abstract_words(draft),
        "main_text_words": sum(sections.values()),
        "section_words": sections,
    }
    return Report(
        loaded.file, findings, tuple(statuses), stats, fatal=crashed, title=draft.get("title")
    )


def _with_severity(findings: list[Finding], levels: Mapping[str, str]) -> list[Finding]:
    out = []
    for finding in findings:
        level = levels.get(finding.rule)
        if level is None:
            out.append(finding)
        elif level != "off":
            out.append(finding._replace(severity=Severity(level)))
    return out


def _reasons(not_reported: dict[str, str], checklist: Checklist) -> dict[str, str]:
    """Item key -> the author's reason, for reasons that name a real item and say something."""
    out = {}
    for key, reason in not_reported.items():
        item = checklist.find(key)
        if item is not None and (reason or "").strip():
            out[item.key] = reason.strip()
    return out
