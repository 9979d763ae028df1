"""What format v1 can now say, each through the real CLI: ages as reports word them and
at several time points, approximate values, serial labs in wide form, a timeline published
as a figure, a published article's identifiers, two patients, a consent waiver; and the
generated tables citable, lab findings grouped, "normal" claims read by their subject.
Every one of these drafts was refused or misread before."""

from __future__ import annotations

import pytest

from conftest import carekit


def _check(draft, *args: str) -> dict:
    run = carekit("check", "-f", "json", *args, str(draft))
    assert run.code in (0, 1), run.out + run.err
    return run.json()["files"][0]


def _rules(report: dict) -> list[str]:
    return [f["rule"] for f in report["findings"]]


def _status(report: dict, item: str) -> str:
    return next(i["status"] for i in report["items"] if i["id"] == item)


SCHEMA = ("schema-value", "schema-type", "schema-unknown-key", "schema-required")


@pytest.mark.parametrize(
    "age",
    ["in her early 60s", "60s", "a young man", "about 22 years", "30+ years", "newborn"],
)
def test_ages_as_reports_word_them_are_read(write_draft, age):
    report = _check(write_draft(f"carekit: 1\npatient:\n  age: {age}\n"))
    assert not set(_rules(report)) & set(SCHEMA), report["findings"]
    item = next(i for i in report["items"] if i["id"] == "5a")
    # Read as an age: 5a may still want sex or ethnicity, never the age.
    assert item["status"] != "missing" and "age" not in (item.get("gap") or ""), item


def test_an_age_in_number_words_with_a_unit_is_still_refused(write_draft):
    report = _check(write_draft("carekit: 1\npatient:\n  age: nine months\n"))
    assert "schema-value" in _rules(report)


def test_ages_at_several_time_points_are_read_and_checked(write_draft):
    draft = write_draft(
        "carekit: 1\npatient:\n  age: 88 years\n  ages:\n"
        "    - {at: first seizure, age: 16 years}\n"
        "    - {at: last follow-up, age: 93 years}\n"
    )
    report = _check(draft, "--select", "privacy-age," + ",".join(SCHEMA))
    (finding,) = report["findings"]
    assert finding["rule"] == "privacy-age" and "93 years" in finding["message"]
    assert finding["line"] == 6


def test_decade_age_prints_as_written(write_draft, tmp_path):
    draft = write_draft(
        "carekit: 1\ntitle: A case report\npatient:\n  age: in her early 60s\n  sex: female\n"
    )
    run = carekit("render", "--to", "md", "-o", str(tmp_path / "out"), str(draft))
    assert run.code in (0, 1), run.err
    text = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert "female in her early 60s" in text


def test_approximate_lab_values_are_numbers_kept_as_written(write_draft):
    draft = write_draft(
        "carekit: 1\ndiagnostics:\n  labs:\n"
        "    - {test: Haemoglobin, value: about 7, unit: g/dL, reference_range: 12-16}\n"
        "    - {test: CRP, value: 30+, unit: mg/L, reference_range: <5}\n"
    )
    report = _check(draft, "--select", "lab-value-unit,lab-out-of-range")
    messages = " ".join(f["message"] for f in report["findings"])
    assert "lab-value-unit" not in _rules(report), report["findings"]
    assert "Haemoglobin about 7 is below" in messages and "CRP 30+ is above" in messages


SERIAL = """\
carekit: 1
diagnostics:
  methods: Serial tests ([@tbl:labs]).
  serial_labs:
    time_points: [day 1, day 3, day 5]
    tests:
      - {test: CRP, unit: mg/L, values: [87, 79, 115]}
      - {test: WBC, unit: 10^9/L, values: [4.4, "–", 7.4]}
      - {test: Platelets, unit: 10^9/L, reference_range: 150-450, values: [160, 140, 530]}
"""


def test_serial_labs_in_wide_form_report_8a_and_are_checked_as_lab_rows(write_draft):
    report = _check(write_draft(SERIAL))
    assert _status(report, "8a") != "missing"  # partly: the ranges are missing
    rules = _rules(report)
    assert "citation-unresolved" not in rules
    (ranges,) = [f for f in report["findings"] if f["rule"] == "lab-reference-range"]
    assert "CRP (3 values), WBC (2 values)" in ranges["message"]
    (flags,) = [f for f in report["findings"] if f["rule"] == "lab-out-of-range"]
    assert "Platelets 140 (day 3) below" in flags["message"]
    assert "Platelets 530 (day 5) above" in flags["message"]


def test_serial_labs_print_one_row_per_value_in_the_manuscript(write_draft, tmp_path):
    run = carekit("render", "--to", "md", "-o", str(tmp_path / "out"), str(write_draft(SERIAL)))
    assert run.code in (0, 1), run.err
    text = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert "| Platelets | **530 H** | ×10⁹/L |" in text
    assert "day 5" in text and "–" not in text.split("Platelets")[0].split("CRP")[-1]


def test_serial_results_in_long_form_give_one_finding_and_suppression_still_works(
    write_draft,
):
    rows = "".join(
        f"    - {{test: CRP, value: {i}, unit: mg/L, time_point: day {i}}}\n" for i in range(1, 9)
    )
    rows += (
        "    - {test: Sodium, value: 139, unit: mmol/L}\n"
        "    # carekit: disable=lab-reference-range -- no range exists\n"
        "    - {test: CRP, value: 9, unit: mg/L, time_point: day 9}\n"
    )
    report = _check(
        write_draft("carekit: 1\ndiagnostics:\n  labs:\n" + rows),
        "--select",
        "lab-reference-range,unused-suppression",
    )
    messages = sorted(f["message"] for f in report["findings"])
    assert messages == [
        "8 results in the lab table have no reference range: CRP (8 values).",
        "The lab result 'Sodium' (139 mmol/L) has no reference range.",
    ]


def test_timeline_published_as_a_figure_reports_item_7(write_draft):
    draft = write_draft(
        "carekit: 1\ntimeline_figure: course\nfigures:\n"
        "  - {id: course, file: course.png, caption: Timeline of the case.}\n"
    )
    report = _check(draft)
    assert _status(report, "7") == "reported"
    assert "timeline-figure" not in _rules(report)
    wrong = _check(write_draft("carekit: 1\ntimeline_figure: course\n", name="wrong.yaml"))
    assert "timeline-figure" in _rules(wrong)


def test_article_block_holds_the_published_identifiers(write_draft):
    good = write_draft(
        "carekit: 1\narticle:\n  doi: 10.1093/ehjcr/ytaa123\n  pmid: 33554026\n"
        "  pmcid: PMC7859599\n  published: 2021-01\n"
        "  journal: European Heart Journal - Case Reports\n  licence: CC BY-NC 4.0\n"
    )
    assert not set(_rules(_check(good))) & set(SCHEMA)
    bad = write_draft("carekit: 1\narticle:\n  pmcid: 7859599\n", name="bad.yaml")
    assert "schema-value" in _rules(_check(bad))


MOTHER_AND_NEWBORN = """\
carekit: 1
journal: jmcr
patients:
  - role: mother
    age: 31 years
    sex: female
    ethnicity: Persian
    presenting_concern: Fever at 38 weeks of pregnancy.
  - role: newborn
    age: 2 days
    sex: male
    presenting_concern: Poor feeding.
consent:
  waiver: The ethics committee waived consent for this anonymised report.
"""


def test_two_patients_report_the_patient_items(write_draft):
    report = _check(write_draft(MOTHER_AND_NEWBORN))
    assert not set(_rules(report)) & set(SCHEMA), report["findings"]
    assert _status(report, "5a") == "reported"
    assert _status(report, "5b") == "reported"
    # the journal asks for age, sex and ethnicity: the mother's are given
    assert "journal-patient-details" not in _rules(report)


def test_second_patient_over_89_is_found(write_draft):
    draft = write_draft(
        "carekit: 1\npatient: {age: 60 years}\npatients:\n  - {role: father, age: 94 years}\n"
    )
    assert "privacy-age" in _rules(_check(draft, "--select", "privacy-age"))


@pytest.mark.parametrize(
    "cite", ["[@tbl:labs]", "[@tbl:timeline]", "[@fig:timeline]", "[@tbl:interventions]"]
)
def test_generated_parts_are_citable(write_draft, cite):
    draft = write_draft(
        f"carekit: 1\nintroduction: See {cite}.\n"
        "timeline:\n  - {at: day 0, event: Seen.}\n  - {at: day 2, event: Home.}\n"
        "diagnostics:\n  labs: [{test: Sodium, value: 139, unit: mmol/L}]\n"
        "interventions: [{type: conservative, name: Observation}]\n"
    )
    assert "citation-unresolved" not in _rules(_check(draft, "--select", "citation-unresolved"))


def test_generated_part_without_its_data_says_what_to_fill_in(write_draft):
    draft = write_draft("carekit: 1\nintroduction: See [@tbl:labs].\n")
    (finding,) = _check(draft, "--select", "citation-unresolved")["findings"]
    assert "`diagnostics.labs:`" in finding["fix"]


@pytest.mark.parametrize(
    ("text", "alarm"),
    [
        ("The counts were normal.", True),  # platelets are a count
        ("The blood counts were all within normal range.", True),
        ("Labs were unremarkable.", True),
        ("Electrolytes were normal.", False),  # says nothing of the platelets
        ("Results were otherwise normal.", False),
        ("Heart sounds were normal.", False),
    ],
)
def test_normal_claims_are_read_by_their_subject(write_draft, text, alarm):
    draft = write_draft(
        f"carekit: 1\ndiagnostics:\n  methods: {text}\n  labs:\n"
        "    - {test: Platelets, value: 530, unit: 10^9/L, reference_range: 150-450}\n"
        "    - {test: Sodium, value: 139, unit: mmol/L, reference_range: 135-145}\n"
    )
    found = "lab-normal-claim" in _rules(_check(draft, "--select", "lab-normal-claim"))
    assert found is alarm


def test_serial_row_that_lost_its_alignment_is_an_error(write_draft):
    draft = write_draft(
        "carekit: 1\ndiagnostics:\n  serial_labs:\n    time_points: [day 1, day 3, day 5]\n"
        "    tests:\n      - {test: CRP, unit: mg/L, reference_range: <5, values: [87, 115]}\n"
    )
    (finding,) = _check(draft, "--select", "serial-lab-shape")["findings"]
    assert "2 values but the table has 3 time points" in finding["message"]
    assert finding["line"] == 6


def test_consent_waiver_is_printed_in_the_manuscript(write_draft, tmp_path):
    draft = write_draft("title: A case report\n" + MOTHER_AND_NEWBORN)
    run = carekit("render", "--to", "md", "-o", str(tmp_path / "out"), str(draft))
    assert run.code in (0, 1), run.err
    text = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert "The ethics committee waived consent" in text
