"""Privacy rules: precision and recall on the labelled sentences, positions in findings."""

from __future__ import annotations

import re

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
    """Attack: a draft of about a megabyte (under the 5 MiB cap) whose lines are all dates,
    beside thousands of short fields with findings. Each finding used to be located by
    splitting the draft again and searching its field from the start (a 250 kB draft took
    99 s), so this run outlasted the subprocess's time limit; locating is now linear."""
    rows, events = 11000, 3000
    block = "".join(
        "  " + " ".join(f"{(i + j) % 28 + 1}/{j % 12 + 1}/21" for j in range(8)) + "\n"
        for i in range(rows)
    )
    timeline = "".join(
        f"  - {{at: day {i}, event: 'Reviewed on {i % 28 + 1}/04/2021; MRN 44{i:05d}.'}}\n"
        for i in range(events)
    )
    suppressed = "".join(  # suppressions were each tested against every finding
        f"  # carekit: disable=privacy-phone\n"
        f"  - {{at: week {i}, event: Rang on {i % 9 + 1}/5/21.}}\n"
        for i in range(events // 3)
    )
    text = (
        f"carekit: 1\ntitle: A case\nclinical_findings: |\n{block}timeline:\n{timeline}{suppressed}"
    )
    assert 900_000 < len(text.encode()) < 1_100_000
    draft = write_draft(text)
    rules = "privacy-date,privacy-record-number"
    run = carekit("check", "-f", "github", "--select", rules, str(draft))
    assert run.code == 1
    annotation = re.compile(
        r"::error .*,line=(\d+),col=(\d+),endLine=\d+,endColumn=(\d+),.*\[(\S+)\]"
    )
    where = {
        (found[4], int(found[1]), int(found[2]), int(found[3]))
        for found in map(annotation.match, run.out.splitlines())
    }
    assert len(run.out.splitlines()) == len(where) == 8 * rows + 2 * events + events // 3
    # The block starts on line 4: eight dates a line, each 6 to 8 characters wide.
    assert ("privacy-date", 4, 3, 9) in where  # 1/1/21
    assert ("privacy-date", 4, 10, 16) in where  # 2/2/21
    assert ("privacy-date", 4 + rows - 1, 57, 63) in where  # the last: 3/8/21
    first_event = 4 + rows + 1
    assert ("privacy-date", first_event, 37, 46) in where
    assert ("privacy-record-number", first_event + events - 1, 51, 62) in where
    assert ("privacy-date", first_event + events + 1, 33, 39) in where


def test_a_date_after_a_look_alike_is_marked_not_the_look_alike(write_draft):
    """The same text twice: first a version number (not a finding), then a date. Hits
    were matched to occurrences by counting hits, so the version number was marked."""
    draft = write_draft(
        "carekit: 1\nclinical_findings: Protocol version 12/03/2021 was used; seen on 12/03/2021.\n"
    )
    run = carekit("check", "-f", "json", "--select", "privacy-date", str(draft))
    (finding,) = run.json()["files"][0]["findings"]
    assert (finding["line"], finding["column"], finding["end_column"]) == (2, 66, 76)


def test_identifiers_split_by_invisible_characters_are_still_found(write_draft):
    """Attack: a name, a date, a phone number and an e-mail address split by zero-width
    characters (raw in the file, and as escapes) read normally but matched no pattern.
    The invisible-text rule marks each line; the privacy rules find the identifiers."""
    draft = write_draft(
        "carekit: 1\ntitle: A case report\nclinical_findings: >-\n"
        "  Mrs\u200b Jones was seen on 12/0\u200b3/2021 and can be reached\n"
        "  on +44 20 79\u200b46 0958 or at j.doe@exa\u2060mple.org.\n"
        'introduction: "Seen by Dr\\u200b Ahmed on 3 Ma\\u200brch 2021."\n'
    )
    rules = "invisible-text,privacy-name,privacy-date,privacy-phone,privacy-email"
    run = carekit("check", "-f", "json", "--select", rules, str(draft))
    assert run.code == 1
    found = {
        (f["rule"], f["line"], f["column"], f["end_column"])
        for f in run.json()["files"][0]["findings"]
    }
    assert found == {
        ("invisible-text", 4, 6, 31),  # the first to the last invisible character
        ("invisible-text", 5, 15, 40),
        ("privacy-name", 4, 3, 13),
        ("privacy-date", 4, 26, 37),
        ("privacy-phone", 5, 6, 23),
        ("privacy-email", 5, 30, 48),
        # Written as escapes, the text is not in the file literally: the field is marked.
        ("invisible-text", 6, 15, 62),
        ("privacy-name", 6, 15, 62),
        ("privacy-date", 6, 15, 62),
    }
    excerpts = {f["excerpt"] for f in run.json()["files"][0]["findings"]}
    assert {"Dr\u200b Ahmed", "3 Ma\u200brch 2021", "+44 20 79\u200b46 0958"} <= excerpts
    invisible = [f for f in run.json()["files"][0]["findings"] if f["rule"] == "invisible-text"]
    assert "U+200B ZERO WIDTH SPACE" in invisible[0]["message"]
    assert "column 6, 30" in invisible[0]["message"]
    assert "U+2060 WORD JOINER" in invisible[1]["message"]


def test_direction_overrides_are_errors_and_stray_zero_width_spaces_warnings(write_draft):
    """Trojan Source: an override makes a line display in another order than written."""
    draft = write_draft(
        "carekit: 1\ntitle: A case report\n"
        "clinical_findings: The dose was \u202e01\u202c mg daily.\n"
        "introduction: A rash\u200b appeared.  # pasted from a web page\n"
        "# carekit: disable=privacy-date\u2066\n"
    )
    run = carekit("check", "-f", "json", "--select", "invisible-text", str(draft))
    found = {(f["line"], f["column"], f["severity"]) for f in run.json()["files"][0]["findings"]}
    assert found == {(3, 33, "error"), (4, 21, "warning"), (5, 32, "error")}
    (first,) = [f for f in run.json()["files"][0]["findings"] if f["line"] == 3]
    assert (
        "Trojan Source" in first["message"] and "U+202E RIGHT-TO-LEFT OVERRIDE" in first["message"]
    )
    assert "Delete" in first["fix"]


def test_fullwidth_look_alikes_do_not_hide_a_name(write_draft):
    draft = write_draft("carekit: 1\nclinical_findings: Ｍｒｓ Ｊｏｎｅｓ was seen.\n")
    run = carekit("check", "-f", "json", "--select", "privacy-name", str(draft))
    (finding,) = run.json()["files"][0]["findings"]
    assert (finding["line"], finding["column"], finding["excerpt"]) == (2, 20, "Ｍｒｓ Ｊｏｎｅｓ")
