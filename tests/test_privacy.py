"""Privacy rules: precision and recall on the labelled sentences, positions in findings."""

from __future__ import annotations

import pytest
from privacy_scores import overall_precision, scores, sentences

from conftest import carekit

HIGH_RECALL = (
    "privacy-date",
    "privacy-age",
    "privacy-record-number",
    "privacy-phone",
    "privacy-email",
    "privacy-url",
)


@pytest.fixture(scope="module")
def table():
    return {score.rule: score for score in scores()[0]}


def test_labelled_set_is_large_and_balanced():
    data = sentences()
    identifying = [s for s in data if s["expect"]]
    assert len(data) >= 300
    assert 0.4 <= len(identifying) / len(data) <= 0.6
    hard = " ".join(s["text"] for s in data if not s["expect"])
    for negative in (
        "mg/kg",
        "mmol/L",
        "day 3",
        "T2-weighted",
        "G6PD",
        "COVID-19",
        "Fig. 2",
        "Parkinson",
        "Crohn",
        "Gram",
    ):
        assert negative in hard, negative


@pytest.mark.parametrize("rule", HIGH_RECALL)
def test_recall_of_the_direct_identifiers(table, rule):
    assert table[rule].recall >= 0.95, table[rule]


def test_overall_precision(table):
    assert overall_precision(list(table.values())) >= 0.90


def test_finding_marks_the_exact_text_with_why_and_a_rewrite(write_draft):
    draft = write_draft(
        "carekit: 1\nclinical_findings: >-\n  Seen on 12/03/2021 and again on 3 March 2021,\n"
        "  a 93-year-old man (MRN 4481920).\n"
        "ethics: Approved by St Brigid's Hospital, Dublin, on 2 May 2021.\n"
    )
    run = carekit(
        "check",
        "-f",
        "json",
        "--select",
        "privacy-date,privacy-age,privacy-record-number,privacy-place",
        str(draft),
    )
    found = {
        (f["rule"], f["line"], f["column"], f["end_column"], f["excerpt"])
        for f in run.json()["files"][0]["findings"]
    }
    assert found == {
        ("privacy-date", 3, 11, 21, "12/03/2021"),
        ("privacy-date", 3, 35, 47, "3 March 2021"),
        ("privacy-age", 4, 5, 16, "93-year-old"),
        ("privacy-record-number", 4, 22, 33, "MRN 4481920"),
    }  # nothing from the ethics statement
    finding = run.json()["files"][0]["findings"][0]
    assert "Safe Harbor" in finding["message"] and "day 3" in finding["fix"]


def test_allow_list_and_suppression_silence_a_false_positive(tmp_path):
    (tmp_path / ".carekit.yaml").write_text("privacy:\n  allow: [Oakridge]\n")
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        "carekit: 1\nclinical_findings: A farmer who lives in Oakridge.\n"
        "introduction: She lives in Elmstead.  # carekit: disable=privacy-place\n"
    )
    run = carekit("check", "-f", "json", "--select", "privacy-place,unused-suppression", str(draft))
    assert run.json()["files"][0]["findings"] == []


def test_structured_date_and_age_fields(write_draft):
    draft = write_draft(
        "carekit: 1\npatient: {age: 94 years}\n"
        "timeline:\n  - {date: 2021-03-12, event: Admitted.}\n"
        "  - {date: 2022, event: Seen again.}\n"
    )
    run = carekit("check", "-f", "json", "--select", "privacy-date,privacy-age", str(draft))
    found = {(f["rule"], f["line"]) for f in run.json()["files"][0]["findings"]}
    assert found == {("privacy-age", 2), ("privacy-date", 4)}


def test_sarif_carries_the_matched_text(write_draft):
    import json

    draft = write_draft("carekit: 1\nclinical_findings: Seen on 12/03/2021.\n")
    run = carekit("check", "-f", "sarif", "--select", "privacy-date", str(draft))
    (result,) = json.loads(run.out)["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["snippet"]["text"] == "12/03/2021"
    assert (region["startColumn"], region["endColumn"]) == (28, 38)


def test_a_megabyte_of_dates_is_checked_in_linear_time_with_exact_positions(write_draft):
    """Attack: a draft just under a megabyte whose every line holds findings. Each finding
    used to be located by searching the draft from its start (a 250 kB draft took 99 s),
    so this run would outlast the subprocess's time limit; now locating is linear."""
    count = 6000
    block = "".join(
        f"  Version {i % 28 + 1:02d}/03/2021 was used; seen on {i % 28 + 1:02d}/03/2021 "
        f"and again on March {i % 28 + 1}, 2021.\n"
        for i in range(count)
    )
    events = "".join(
        f"  - {{at: day {i}, event: 'Reviewed on {i % 28 + 1}/04/2021; MRN 44{i:05d}.'}}\n"
        for i in range(count)
    )
    suppressed = "".join(
        f"  # carekit: disable=privacy-phone\n"
        f"  - {{at: week {i}, event: Rang on {i % 9 + 1}/5/21.}}\n"
        for i in range(count // 4)
    )
    text = (
        f"carekit: 1\ntitle: A case\nclinical_findings: |\n{block}timeline:\n{events}{suppressed}"
    )
    assert 900_000 < len(text.encode()) < 1_100_000
    draft = write_draft(text)
    run = carekit(
        "check", "-f", "json", "--select", "privacy-date,privacy-record-number", str(draft)
    )
    findings = run.json()["files"][0]["findings"]
    assert len(findings) == 2 * count + 2 * count + count // 4
    where = {(f["rule"], f["line"], f["column"], f["end_column"], f["excerpt"]) for f in findings}
    # In the block (line 4 holds its first line) the date after "Version" is a version
    # number, not a hit: the finding marks the second, identical, text.
    assert ("privacy-date", 4, 40, 50, "01/03/2021") in where
    assert ("privacy-date", 4, 64, 77, "March 1, 2021") in where
    assert ("privacy-date", 5004, 40, 50, "17/03/2021") in where
    assert not any(line == 4 and column == 11 for _, line, column, _, _ in where)
    # One field per timeline event, each on its own line; the suppressed entries too.
    first_event = 4 + count + 1
    assert ("privacy-date", first_event, 37, 46, "1/04/2021") in where
    assert ("privacy-record-number", first_event, 48, 59, "MRN 4400000") in where
    assert ("privacy-record-number", first_event + count - 1, 51, 62, "MRN 4405999") in where
    assert ("privacy-date", first_event + count + 1, 33, 39, "1/5/21") in where
