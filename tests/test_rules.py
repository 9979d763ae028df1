"""Every registered rule: its documented examples pass and fail as they claim."""

from __future__ import annotations

import pytest

from carekit.check.checklist import load_checklist
from carekit.check.engine import check_loaded, example_findings
from carekit.check.rules import all_rules
from carekit.check.rules.coverage import COMPLETE
from carekit.draft.loader import load_file
from carekit.findings import Severity

RULES = all_rules()
CHECKLIST = load_checklist()


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_failing_example_is_reported(rule_id):
    rule = RULES[rule_id]
    found = example_findings(rule, rule.failing)
    assert found, f"{rule_id}: its failing example produced no finding"
    for finding in found:
        assert finding.message.strip() and finding.fix.strip()
        assert finding.span.line >= 1 and finding.span.column >= 1


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_passing_example_is_clean(rule_id):
    rule = RULES[rule_id]
    assert example_findings(rule, rule.passing) == []


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_is_documented(rule_id):
    rule = RULES[rule_id]
    assert rule.__doc__ and len(rule.__doc__.split()) >= 8, "docstring explains the rule"
    assert rule.summary.strip()
    assert isinstance(rule.severity, Severity)
    assert rule.id == rule.id.lower() and " " not in rule.id
    for key in rule.items:
        assert CHECKLIST.item(key) is not None, f"{rule_id} names unknown CARE item {key}"


def test_complete_example_draft_passes_every_rule(tmp_path):
    draft = tmp_path / "draft.yaml"
    draft.write_text(COMPLETE, encoding="utf-8")
    report = check_loaded(load_file(draft), CHECKLIST)
    assert [(f.rule, f.message) for f in report.findings] == []
    assert {s.status for s in report.statuses} == {"reported", "not applicable"}


def test_a_crashing_rule_is_an_internal_error_not_a_traceback(tmp_path, monkeypatch):
    from carekit.check.rules import Rule

    class Broken(Rule):
        id = "broken-for-test"
        summary = "raises"

        def check(self, draft, ctx):
            raise KeyError("boom")

    monkeypatch.setitem(RULES, Broken.id, Broken)
    draft = tmp_path / "draft.yaml"
    draft.write_text(COMPLETE, encoding="utf-8")
    report = check_loaded(load_file(draft), CHECKLIST)
    (finding,) = report.findings
    assert finding.rule == "internal-error" and "broken-for-test" in finding.message
    assert "please report" in finding.message and report.fatal  # exit code 2
