"""Configuration discovery and precedence, and inline suppressions."""

from __future__ import annotations

from conftest import carekit

DRAFT = "carekit: 1\ntitle: Calcinosis cutis - a case report\njournal: {journal}\nkeywords: [one]\n"


def _rules(run) -> set[str]:
    return {f["rule"] for f in run.json()["files"][0]["findings"]}


def test_yaml_config_is_found_walking_up(tmp_path):
    (tmp_path / ".carekit.yaml").write_text(
        "ignore: [care-item-missing]\nformat: json\n", encoding="utf-8"
    )
    draft = tmp_path / "cases" / "one" / "draft.yaml"
    draft.parent.mkdir(parents=True)
    draft.write_text(DRAFT.format(journal="care"), encoding="utf-8")
    run = carekit("check", str(draft))
    assert run.out.lstrip().startswith("{")  # format: json from the file
    assert _rules(run) == {"keywords-count"}


def test_pyproject_section_and_nearest_file_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.carekit]\nignore = ["care-item-missing"]\n'
        '[tool.carekit.severity]\nkeywords-count = "error"\n',
        encoding="utf-8",
    )
    draft = tmp_path / "draft.yaml"
    draft.write_text(DRAFT.format(journal="care"), encoding="utf-8")
    run = carekit("check", "-f", "json", str(draft))
    (finding,) = run.json()["files"][0]["findings"]
    assert finding["rule"] == "keywords-count" and finding["severity"] == "error"
    assert run.code == 1  # the warning became an error
    nested = tmp_path / "sub"
    nested.mkdir()
    (nested / ".carekit.yaml").write_text("severity: {keywords-count: off}\n", encoding="utf-8")
    (nested / "draft.yaml").write_text(DRAFT.format(journal="care"), encoding="utf-8")
    run = carekit("check", "-f", "json", "--select", "keywords-count", str(nested / "draft.yaml"))
    assert _rules(run) == set()


def test_precedence_flag_over_draft_over_file_over_default(tmp_path):
    (tmp_path / ".carekit.yaml").write_text("journal: cureus\nformat: json\n", encoding="utf-8")
    draft = tmp_path / "draft.yaml"
    draft.write_text(DRAFT.format(journal="jmcr"), encoding="utf-8")
    out = carekit("config", str(draft)).out
    assert f"configuration file: {tmp_path / '.carekit.yaml'}" in out
    assert "jmcr" in _line(out, "journal") and f"(draft {draft})" in _line(out, "journal")
    assert "json" in _line(out, "format") and ".carekit.yaml" in _line(out, "format")
    # The journal the draft names brings its template, at the draft's level; profiles do
    # not choose the checklist.
    assert "(default)" in _line(out, "checklist")
    assert "jmcr" in _line(out, "template") and "(journal profile jmcr)" in _line(out, "template")
    assert "(default)" in _line(out, "paper")
    out = carekit("config", str(draft), "--journal", "bmj-case-reports").out
    assert "bmj-case-reports" in _line(out, "journal") and "(flag --journal)" in out
    plain = tmp_path / "plain.yaml"
    plain.write_text("carekit: 1\n", encoding="utf-8")
    assert "cureus" in _line(carekit("config", str(plain)).out, "journal")
    assert carekit("check", str(draft)).out.lstrip().startswith("{")  # the file's json
    assert not carekit("check", "-f", "text", str(draft)).out.lstrip().startswith("{")  # flag


def _line(out: str, key: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(key + " "))


def test_per_file_ignores(tmp_path):
    (tmp_path / ".carekit.yaml").write_text(
        "per-file-ignores:\n  'old/*.yaml': [keywords-count]\n", encoding="utf-8"
    )
    for folder in ("old", "new"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "draft.yaml").write_text(DRAFT.format(journal="jmcr"))
    old = carekit("check", "-f", "json", "--select", "keywords-count", str(tmp_path / "old"))
    new = carekit("check", "-f", "json", "--select", "keywords-count", str(tmp_path / "new"))
    assert _rules(old) == set() and _rules(new) == {"keywords-count"}


def test_invalid_configuration_is_a_clear_error(tmp_path):
    draft = tmp_path / "draft.yaml"
    draft.write_text(DRAFT.format(journal="jmcr"), encoding="utf-8")
    for text, message in (
        ("ignroe: [keywords-count]\n", "`ignroe` is not a carekit setting. Did you mean `ignore`?"),
        ("ignore: [no-such-rule]\n", "`ignore` names unknown rule IDs: no-such-rule"),
        ("severity: {keywords-count: loud}\n", "levels must be error, warning, info or off"),
        ("format: pdf\n", "`format` must be one of"),
        ("ignore: [a\n", "is not valid YAML"),
    ):
        (tmp_path / ".carekit.yaml").write_text(text, encoding="utf-8")
        run = carekit("check", str(draft))
        assert run.code == 2 and message in run.err, (text, run.err)
        assert str(tmp_path / ".carekit.yaml") in run.err


def test_inline_suppressions_used_and_unused(write_draft):
    draft = write_draft(
        "carekit: 1\n"
        "# carekit: disable-file=care-item-missing\n"
        "keywords: [one]  # carekit: disable=keywords-count\n"
        "# carekit: disable=keywords-duplicate\n"
        "title: Calcinosis cutis\n"
        "introduction: Text [@nope].  # carekit: disable=figure-uncited\n"
    )
    run = carekit("check", "-f", "json", str(draft))
    found = {(f["rule"], f["line"]) for f in run.json()["files"][0]["findings"]}
    assert found == {
        ("title-case-report", 5),
        ("citation-unresolved", 6),
        ("unused-suppression", 4),  # keywords-duplicate reports nothing on line 5
        ("unused-suppression", 6),  # figure-uncited reports nothing on line 6
    }
    messages = [
        f["message"]
        for f in run.json()["files"][0]["findings"]
        if f["rule"] == "unused-suppression"
    ]
    assert "The suppression of keywords-duplicate silences nothing here." in messages


def test_suppression_on_the_line_above(write_draft):
    draft = write_draft("carekit: 1\n# carekit: disable=keywords-count\nkeywords: [one]\n")
    assert _rules(carekit("check", "-f", "json", "--select", "keywords-count", str(draft))) == set()


def test_explain_a_rule_runs_its_failing_example():
    run = carekit("explain", "drug-administration")
    assert run.code == 0
    assert "9b Therapeutic intervention: How each intervention was given" in run.out
    assert "Passes:" in run.out and "Fails:" in run.out
    assert "-> line 3: The drug 'clindamycin' has no dose and duration." in run.out


def test_explain_an_item_by_id_or_key_and_list_rules():
    for topic in ("7", "timeline"):
        run = carekit("explain", topic)
        assert run.code == 0 and run.out.startswith("CARE 7: Timeline")
        assert "timeline-order" in run.out and "`timeline`" in run.out
    listing = carekit("explain").out
    assert all(rule in listing for rule in ("yaml-syntax", "lab-normal-claim", "figure-file"))
    run = carekit("explain", "nonsense")
    assert run.code == 2 and "neither a rule nor a CARE item" in run.err


def test_suppression_may_carry_a_reason(write_draft):
    draft = write_draft(
        "carekit: 1\nkeywords: [one]  # carekit: disable=keywords-count as the journal asks\n"
    )
    run = carekit(
        "check", "-f", "json", "--select", "keywords-count,unused-suppression", str(draft)
    )
    assert _rules(run) == set()
