"""Bad input gives a clear finding with line:col and exit 1 or 2, never a traceback."""

from __future__ import annotations

import codecs

from conftest import carekit


def _only(run, rule):
    findings = run.json()["files"][0]["findings"]
    return [f for f in findings if f["rule"] == rule]


def test_empty_file(write_draft):
    run = carekit("check", "-f", "json", str(write_draft("")))
    assert run.code == 1
    (finding,) = run.json()["files"][0]["findings"]
    assert finding["rule"] == "draft-empty"
    assert (finding["line"], finding["column"]) == (1, 1)
    assert "carekit init" in finding["fix"]


def test_yaml_syntax_error_points_at_line_and_column(write_draft):
    draft = write_draft("carekit: 1\nkeywords: [a, b]\ntitle: Calcinosis cutis: a case report\n")
    run = carekit("check", "-f", "json", str(draft))
    assert run.code == 2
    (finding,) = _only(run, "yaml-syntax")
    assert finding["line"] == 3 and finding["column"] > 1
    assert "quotes" in finding["fix"]


def test_yaml_syntax_error_in_text_output(write_draft):
    draft = write_draft("carekit: 1\npatient:\n  age: 9 months\n sex: male\n")
    run = carekit("check", str(draft))
    assert run.code == 2
    assert "draft.yaml:4:" in run.out and "yaml-syntax" in run.out


def test_wrong_types_are_findings_with_position(write_draft):
    draft = write_draft(
        "carekit: 1\n"
        "patient:\n"
        "  age: nine months\n"
        "diagnostics:\n"
        "  labs:\n"
        "    - {test: Potassium, value: high, unit: mmol/L}\n"
        "    - {test: Sodium, value: [139], unit: mmol/L}\n"
    )
    run = carekit("check", "-f", "json", str(draft))
    assert run.code == 1
    (age,) = _only(run, "schema-value")
    assert (age["line"], age["column"]) == (3, 8)
    assert age["care_item"] == "5a" and "nine months" in age["message"]
    (listed,) = _only(run, "schema-type")
    assert listed["line"] == 7 and "labs[1].value" in listed["message"]
    (word,) = _only(run, "lab-value-unit")
    assert word["line"] == 6 and "'high'" in word["message"] and "number" in word["message"]


def test_list_where_a_mapping_belongs(write_draft):
    draft = write_draft("carekit: 1\nconsent:\n  - obtained\n  - written\n")
    run = carekit("check", "-f", "json", str(draft))
    assert run.code == 1
    (finding,) = _only(run, "schema-type")
    assert (finding["line"], finding["column"]) == (3, 3)
    assert "`consent` should be a mapping" in finding["message"]
    assert finding["care_item"] == "13"


def test_top_level_list_is_a_finding(write_draft):
    run = carekit("check", "-f", "json", str(write_draft("- title\n- keywords\n")))
    assert run.code == 1
    (finding,) = run.json()["files"][0]["findings"]
    assert finding["rule"] == "schema-type" and finding["line"] == 1


def test_unknown_keys_get_a_did_you_mean(write_draft):
    draft = write_draft(
        "carekit: 1\ntitel: A case report of calcinosis\npatient:\n  agee: 9 months\n"
    )
    run = carekit("check", "-f", "json", str(draft))
    assert run.code == 1
    found = {(f["line"], f["fix"]) for f in _only(run, "schema-unknown-key")}
    assert found == {(2, "Did you mean `title`?"), (4, "Did you mean `age`?")}


def test_duplicate_key(write_draft):
    run = carekit("check", "-f", "json", str(write_draft("carekit: 1\ntitle: A\ntitle: B\n")))
    (finding,) = _only(run, "yaml-duplicate-key")
    assert finding["line"] == 3


def test_binary_file(write_draft):
    run = carekit("check", "-f", "json", str(write_draft(b"\x89PNG\r\n\x1a\n\x00\x00\x00")))
    assert run.code == 2
    (finding,) = run.json()["files"][0]["findings"]
    assert finding["rule"] == "draft-unreadable" and "binary" in finding["message"]


def test_latin1_file_names_the_line(write_draft):
    run = carekit(
        "check", "-f", "json", str(write_draft("carekit: 1\ntitle: Caf\xe9\n".encode("latin-1")))
    )
    assert run.code == 2
    (finding,) = run.json()["files"][0]["findings"]
    assert finding["line"] == 2 and "UTF-8" in finding["message"]


def test_utf16_with_bom_is_read(write_draft):
    text = "carekit: 1\ntitle: Calcinosis cutis - a case report\n"
    run = carekit(
        "check", "-f", "json", str(write_draft(codecs.BOM_UTF16_LE + text.encode("utf-16-le")))
    )
    assert run.code == 1  # read fine; the draft is just incomplete
    assert run.json()["files"][0]["title"] == "Calcinosis cutis - a case report"


def test_directory_without_drafts_and_missing_file(tmp_path):
    run = carekit("check", str(tmp_path))
    assert run.code == 2 and "No drafts in" in run.err
    run = carekit("check", "-f", "json", str(tmp_path / "nowhere.yaml"))
    assert run.code == 2
    assert "no such file" in run.json()["files"][0]["findings"][0]["message"]


def test_usage_errors_exit_2():
    assert carekit("check").code == 2
    run = carekit("check", "--select", "no-such-rule", "examples")
    assert run.code == 2 and "Unknown rule ID: no-such-rule" in run.err


def test_empty_lab_value_is_reported_once(write_draft):
    draft = write_draft("carekit: 1\ndiagnostics:\n  labs:\n    - test: Sodium\n      value:\n")
    run = carekit("check", "-f", "json", "--select", "lab-value-unit,schema-type", str(draft))
    (finding,) = run.json()["files"][0]["findings"]
    assert finding["rule"] == "lab-value-unit" and "no value" in finding["message"]


def test_syntax_hints_name_the_usual_cause(write_draft):
    cases = {
        "carekit: 1\npatient:\n\tage: 9 months\n": "tab",
        'carekit: 1\ntitle: "unclosed\n': "never closed",
        "carekit: 1\npatient:\n  age: 9 months\n   sex: male\n": "indented differently",
        "carekit: 1\n---\ntitle: x\n": "one draft per file",
    }
    for text, hint in cases.items():
        run = carekit("check", "-f", "json", str(write_draft(text)))
        (finding,) = run.json()["files"][0]["findings"]
        assert run.code == 2 and finding["rule"] == "yaml-syntax"
        assert hint in finding["fix"], (text, finding["fix"])
