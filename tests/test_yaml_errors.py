"""YAML mistakes are named by their real cause, with the line rewritten as the fix: an
unquoted comma inside a one-line `{...}` entry, a tab, a colon followed by a space in
text. And a file that cannot be read says so on stderr whatever the output format."""

from __future__ import annotations

from conftest import carekit

ONLY = ("--select", "yaml-flow-comma,yaml-syntax,schema-unknown-key,lab-value-unit,schema-value")


def _findings(draft) -> list[dict]:
    run = carekit("check", "--format", "json", *ONLY, str(draft))
    return run.json()["files"][0]["findings"]


def test_comma_in_a_number_names_the_comma_and_drops_the_cut_value(write_draft):
    draft = write_draft(
        "carekit: 1\ndiagnostics:\n  labs:\n    - {test: WBC, value: 4,400, unit: /uL}\n"
    )
    findings = _findings(draft)
    assert [f["rule"] for f in findings] == ["yaml-flow-comma"], findings
    assert "the comma after `4`" in findings[0]["message"]
    assert 'value: "4,400"' in findings[0]["fix"]
    assert "is not a key carekit knows" not in str(findings)


def test_comma_in_text_that_splits_off_a_known_key_is_not_silent(write_draft):
    # `dose` is a key carekit knows: before, the split went through without a word.
    draft = write_draft("carekit: 1\ninterventions:\n  - {name: Amoxicillin, dose, 500 mg}\n")
    findings = _findings(draft)
    comma = [f for f in findings if f["rule"] == "yaml-flow-comma"]
    assert len(comma) == 1, findings
    assert 'name: "Amoxicillin, dose, 500 mg"' in comma[0]["fix"]
    assert "`dose: ...`" in comma[0]["fix"]


def test_comma_split_time_point_and_quoted_comma_is_fine(write_draft):
    bad = write_draft(
        "carekit: 1\ndiagnostics:\n  labs:\n    - {test: Sodium, value: 139, unit: mmol/L, "
        "time_point: day 1, after fluids}\n",
        name="bad.yaml",
    )
    good = write_draft(
        "carekit: 1\ndiagnostics:\n  labs:\n    - {test: Sodium, value: 139, unit: mmol/L, "
        'time_point: "day 1, after fluids"}\n',
        name="good.yaml",
    )
    assert "`after fluids`" in _findings(bad)[0]["message"]
    assert _findings(good) == []


def test_braces_used_for_a_list_are_named(write_draft):
    draft = write_draft("carekit: 1\npatient:\n  history: {fever, cough}\n")
    findings = _findings(draft)
    assert findings and findings[0]["rule"] == "yaml-flow-comma", findings
    assert "[fever, cough]" in findings[0]["fix"]


def test_colon_in_text_shows_the_line_quoted(write_draft):
    draft = write_draft("carekit: 1\ntimeline:\n  - event: Seen: improved\n")
    run = carekit("check", str(draft))
    assert run.code == 2
    assert "colon followed by a space" in run.out
    assert 'event: "Seen: improved"' in run.out


def test_colon_inside_a_one_line_entry_names_the_key(write_draft):
    draft = write_draft(
        "carekit: 1\ndiagnostics:\n  labs:\n"
        "    - {test: Na, value: 139, time_point: day 1: after fluids}\n"
    )
    run = carekit("check", str(draft))
    assert run.code == 2
    assert "the value of `time_point`" in run.out
    assert 'time_point: "day 1: after fluids"' in run.out


def test_colon_in_text_running_on_is_not_called_indentation(write_draft):
    draft = write_draft(
        "carekit: 1\nclinical_findings: Fever and rash\n  and pain: worse at night\n"
    )
    run = carekit("check", str(draft))
    assert run.code == 2
    assert "indented differently" not in run.out
    assert "runs on from the line above" in run.out


def test_tab_is_named(write_draft):
    draft = write_draft("carekit: 1\npatient:\n\tage: 9 months\n")
    run = carekit("check", str(draft))
    assert run.code == 2
    assert "Line 3 starts with a tab character" in run.out
    assert "cannot start any token" not in run.out


def test_unreadable_file_reaches_stderr_with_json_on_stdout(write_draft):
    draft = write_draft("carekit: 1\ntitle: Calcinosis cutis: a case report\n")
    for form in ("json", "sarif"):
        run = carekit("check", "--format", form, str(draft))
        assert run.code == 2
        assert "colon followed by a space" in run.err, (form, run.err)
        assert str(draft) in run.err


def test_colon_without_space_inside_braces_is_named(write_draft):
    draft = write_draft("carekit: 1\ndiagnostics:\n  labs:\n    - {test: K, unit:, value: 4}\n")
    run = carekit("check", str(draft))
    assert run.code == 2
    assert "needs a space after it" in run.out
