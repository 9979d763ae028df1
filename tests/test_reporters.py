"""Output formats: JSON for tools, SARIF for code scanning, GitHub annotations."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from sarif_pydantic import Sarif

from conftest import SEED_000, carekit

GITHUB_SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-github.schema.json").read_text(encoding="utf-8")
)
FINDING_KEYS = {
    "rule",
    "care_item",
    "care_item_key",
    "care_topic",
    "severity",
    "message",
    "fix",
    "file",
    "line",
    "column",
    "end_line",
    "end_column",
    "excerpt",
}


def test_json_carries_every_field_other_tools_need():
    data = carekit("check", "-f", "json", str(SEED_000)).json()
    assert data["checklist"]["name"] == "CARE"
    assert data["summary"] == {"files": 1, "errors": 6, "warnings": 17, "infos": 0}
    for finding in data["files"][0]["findings"]:
        assert set(finding) == FINDING_KEYS
        assert finding["line"] <= finding["end_line"]
        assert finding["file"] == "examples/seed-000-calcinosis-infant/draft.yaml"


def test_json_lines_point_at_the_yaml():
    data = carekit("check", "-f", "json", str(SEED_000)).json()
    lines = SEED_000.read_text(encoding="utf-8").splitlines()
    for finding in data["files"][0]["findings"]:
        if finding["rule"] == "drug-administration":
            assert lines[finding["line"] - 1].strip().startswith("name:")
        if finding["rule"] == "lab-reference-range":
            assert "test:" in lines[finding["line"] - 1]


def test_sarif_is_valid_2_1_0_for_code_scanning(tmp_path):
    run = carekit("check", "-f", "sarif", "examples")
    assert run.code == 1
    data = json.loads(run.out)
    jsonschema.validate(data, GITHUB_SARIF_SCHEMA)
    log = Sarif.model_validate(data)
    assert log.version == "2.1.0"
    results = data["runs"][0]["results"]
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    assert len(results) == sum(
        len(f["findings"]) for f in carekit("check", "-f", "json", "examples").json()["files"]
    )
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"].startswith(("CARE ", "Not tied to a CARE item"))


def test_github_annotations():
    run = carekit("check", "-f", "github", str(SEED_000))
    lines = run.out.splitlines()
    assert len(lines) == 23  # with journal-front-matter: no affiliations, no e-mail
    assert lines[0].startswith("::error file=examples/seed-000-calcinosis-infant/draft.yaml,line=")
    assert any(
        line.startswith("::warning ")
        and "title=CARE 8a (Diagnostic assessment) [lab-reference-range]" in line
        for line in lines
    )


def test_auto_format_follows_github_actions():
    inside = carekit("check", "-f", "auto", str(SEED_000), env={"GITHUB_ACTIONS": "true"})
    assert inside.out.startswith("::error ")
    outside = carekit("check", "-f", "auto", str(SEED_000))
    assert outside.out.startswith("examples/seed-000-calcinosis-infant/draft.yaml")


def test_strict_select_and_ignore(write_draft):
    draft = write_draft("carekit: 1\nkeywords: [one]\n")
    assert carekit("check", "--select", "keywords-count", str(draft)).code == 0  # a warning
    assert carekit("check", "--strict", "--select", "keywords-count", str(draft)).code == 1
    data = carekit("check", "-f", "json", "--ignore", "care-item-missing", str(draft)).json()
    assert {f["rule"] for f in data["files"][0]["findings"]} == {"keywords-count"}


def test_reason_for_not_reporting_is_accepted_and_shown(write_draft):
    draft = write_draft(
        "carekit: 1\nnot_reported:\n  12: The patient died before the report was written.\n"
        "  8d: No staging system exists for this condition.\n"
    )
    data = carekit("check", "-f", "json", str(draft)).json()["files"][0]
    items = {item["id"]: item for item in data["items"]}
    assert items["12"]["status"] == "not applicable"
    assert items["12"]["reason"] == "The patient died before the report was written."
    assert not [f for f in data["findings"] if f["care_item"] in ("12", "8d")]
    text = carekit("check", str(draft)).out
    assert "The patient died before the report was written." in text


def test_colour_only_when_asked_for():
    plain = carekit("check", str(SEED_000))
    assert "\x1b[" not in plain.out
    coloured = carekit("check", str(SEED_000), env={"FORCE_COLOR": "1"})
    assert "\x1b[1;31merror" in coloured.out
    assert coloured.out.count("\n") >= plain.out.count("\n") // 2
    no_colour = carekit("check", str(SEED_000), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in no_colour.out


def test_the_reporter_wraps_exactly_as_textwrap_does():
    """The text reporter fills rows itself (textwrap cost a hook time); on every kind of
    text (long words, runs of spaces, leading and trailing blanks, NBSP, controls) it
    gives textwrap's rows."""
    import random
    import textwrap

    from carekit.check.reporters.text import wrap

    pieces = ["a", "word", "carekit", "x" * 30, " ", "  ", "   ", "\u00a0", "\r", "\x0b",
              "é", "-", "draft.yaml:17:1", "\u2003"]  # fmt: skip
    generator = random.Random(7)
    for _ in range(3000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 40)))
        width = generator.randint(5, 60)
        first, rest = " " * generator.randint(0, 4), " " * generator.randint(0, 6)
        expected = textwrap.wrap(
            text, width, initial_indent=first, subsequent_indent=rest,
            break_on_hyphens=False, break_long_words=False, expand_tabs=False,
            replace_whitespace=False,
        )  # fmt: skip
        assert wrap(text, width, first, rest) == expected, (text, width, first, rest)
