"""Issue 14: items are judged by what their text says, the way an editor reads them.

Each test is an attack on the old field-counting: a draft whose fields are filled but say
too little (or the wrong thing), or whose content sits outside the item's own field. All
run the real CLI and read the statuses from the JSON report."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, carekit

HEAD = "carekit: 1\n"


def statuses(draft) -> dict[str, dict]:
    run = carekit("check", "-f", "json", str(draft))
    assert run.code in (0, 1), run.err
    return {item["id"]: item for item in run.json()["files"][0]["items"]}


def findings(draft, rule: str) -> list[str]:
    report = carekit("check", "-f", "json", "--select", rule, str(draft)).json()
    return [f["message"] for f in report["files"][0]["findings"]]


def test_a_final_diagnosis_alone_is_not_diagnostic_reasoning(write_draft):
    draft = write_draft(HEAD + "diagnostics:\n  final_diagnosis: Calcinosis cutis\n")
    item = statuses(draft)["8c"]
    assert item["status"] == "missing"
    assert any("8c:" in m for m in findings(draft, "differential-considered"))


def test_a_working_diagnosis_replaced_without_alternatives_is_partly(write_draft):
    draft = write_draft(
        HEAD + "diagnostics:\n  reasoning: The working diagnosis was cellulitis; the X-ray"
        " then showed calcification.\n  final_diagnosis: Calcinosis cutis\n"
    )
    assert statuses(draft)["8c"]["status"] == "partly"
    weighed = write_draft(
        HEAD + "diagnostics:\n  reasoning: Cellulitis was ruled out, as there was no fever.\n"
        "  final_diagnosis: Calcinosis cutis\n"
    )
    assert statuses(weighed)["8c"]["status"] == "reported"


def test_history_with_one_part_names_the_missing_parts(write_draft):
    draft = write_draft(HEAD + "patient:\n  history:\n    psychosocial: Smokes 10 a day.\n")
    item = statuses(draft)["5c"]
    assert item["status"] == "partly"
    assert item["gap"] == "no medical or family history"
    assert "5c: no medical or family history" in findings(draft, "history-parts")[0]


def test_demographics_without_age_are_partly(write_draft):
    assert statuses(write_draft(HEAD + "patient: {sex: male}\n"))["5a"]["status"] == "partly"
    full = write_draft(HEAD + "patient: {age: 40 years, sex: male, occupation: farmer}\n")
    assert statuses(full)["5a"]["status"] == "reported"


def test_not_a_perspective_is_missing_and_second_hand_is_partly(write_draft):
    consent_note = write_draft(
        HEAD + "patient_perspective: The mother gave consent to publication.\n"
    )
    assert statuses(consent_note)["12"]["status"] == "missing"
    death = write_draft(HEAD + "patient_perspective: Sadly, the patient died on day 9.\n")
    assert statuses(death)["12"]["status"] == "missing"
    told = write_draft(HEAD + "patient_perspective: The patient said she felt well cared for.\n")
    assert statuses(told)["12"]["status"] == "partly"
    own = write_draft(HEAD + "patient_perspective: '\"I felt well cared for,\" she said.'\n")
    assert statuses(own)["12"]["status"] == "reported"


def test_a_change_without_reason_is_partly_and_no_change_does_not_apply(write_draft):
    changed = write_draft(HEAD + "intervention_changes:\n  - {change: Antibiotics stopped}\n")
    assert statuses(changed)["9c"]["status"] == "partly"
    none = statuses(write_draft(HEAD + "interventions: [{type: surgical, name: Excision}]\n"))
    assert none["9c"]["status"] == "not applicable"
    assert none["9c"]["gap"] == "no change of treatment is described"


def test_literature_without_a_citation_is_partly(write_draft):
    bare = write_draft(HEAD + "discussion:\n  literature: Similar cases resolved.\n")
    assert statuses(bare)["11b"]["status"] == "partly"
    intro = write_draft(HEAD + "introduction: A rare condition.\n")
    assert statuses(intro)["4"]["status"] == "partly"


def test_a_value_without_unit_or_method_result_is_partly(write_draft):
    draft = write_draft(HEAD + "diagnostics:\n  methods: The calcium was increased.\n")
    assert statuses(draft)["8a"]["status"] == "partly"


def test_a_described_operation_reports_administration(write_draft):
    draft = write_draft(
        HEAD + "interventions:\n  - {type: surgical, name: Excision of the mass, notes: Under"
        " local anaesthesia through a 2 cm incision by the plastic surgeons.}\n"
    )
    assert statuses(draft)["9b"]["status"] == "reported"


def test_consent_statement_is_enough_for_care_but_not_for_a_strict_journal(write_draft):
    plain = write_draft(HEAD + "consent: {statement: Consent for publication was obtained.}\n")
    assert statuses(plain)["13"]["status"] == "reported"
    assert findings(plain, "consent-details") == []
    strict = write_draft(
        HEAD + "journal: jmcr\nconsent: {statement: Consent for publication was obtained.}\n"
    )
    (message,) = findings(strict, "consent-details")
    assert "in writing" in message and "profile jmcr" in message
    waiver = write_draft(HEAD + "consent: {statement: The IRB waived review of this report.}\n")
    assert statuses(waiver)["13"]["status"] == "partly"


def test_image_consent_only_for_figures_that_may_show_the_patient(write_draft):
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    text = HEAD + "consent: {obtained: yes}\nfigures:\n  - {id: a, file: a.svg, caption: %s}\n"
    diagram = write_draft(text % "Diagram of the hand, shows_patient: no", {"a.svg": svg})
    assert findings(diagram, "consent-images") == []
    unmarked_chart = write_draft(text % "Chart of the calcium levels", {"a.svg": svg})
    assert findings(unmarked_chart, "consent-images") == []
    photo = write_draft(text % "The swollen hand", {"a.svg": svg})
    assert findings(photo, "consent-images")  # left out: it may show the patient


def test_strengths_and_rationale_found_in_the_discussion_text(write_draft):
    draft = write_draft(
        HEAD + "discussion:\n  literature: A limitation of our report is that no biopsy was "
        "taken. The swelling was most likely caused by the infusion [@a].\n"
    )
    found = statuses(draft)
    assert found["11a"]["status"] == "reported"
    assert found["11c"]["status"] == "reported"


def test_timeline_only_in_the_narrative_is_partly(write_draft):
    draft = write_draft(HEAD + "clinical_findings: On day 3 the swelling became hard.\n")
    assert statuses(draft)["7"]["status"] == "partly"
    assert statuses(write_draft(HEAD + "title: x\n"))["7"]["status"] == "missing"


def test_abstract_checked_against_the_case(write_draft):
    draft = write_draft(
        HEAD + "diagnostics: {final_diagnosis: Calcinosis cutis}\n"
        "interventions: [{type: conservative, name: Observation}]\n"
        "abstract: {case_presentation: An infant had a hard swelling of the hand.}\n"
    )
    item = statuses(draft)["3c"]
    assert item["status"] == "partly" and item["gap"] == "no diagnosis or treatment or outcome"


def test_a_reason_for_an_item_that_always_applies_is_not_reported(write_draft):
    draft = write_draft(
        HEAD + "not_reported:\n  5a: The journal does not allow it.\n  8d: No staging exists.\n"
    )
    found = statuses(draft)
    assert found["5a"]["status"] == "not reported"
    assert found["8d"]["status"] == "not applicable"
    text = carekit("check", str(draft)).out
    assert "not reported" in text


def test_explain_prints_the_decision_rule_of_every_item():
    from carekit.check.checklist import load_checklist

    for item in load_checklist().items:
        out = carekit("explain", item.id).out
        assert "How its status is decided" in out, item.id
        assert "reported:" in out and "partly:" in out and "missing:" in out


def test_a_checklist_item_without_a_decision_rule_is_refused(tmp_path):
    source = (ROOT / "checklists" / "care-2013.yaml").read_text(encoding="utf-8")
    start = source.index("    decision:\n")
    end = source.index("\n\n", start)
    broken = tmp_path / "broken.yaml"
    broken.write_text(source[:start] + source[end + 1 :], encoding="utf-8")
    run = carekit("check", "--checklist", str(broken), "examples")
    assert run.code == 2 and "decision" in run.err and "Traceback" not in run.err


def test_real_report_agreement_meets_the_targets():
    done = subprocess.run(
        [sys.executable, "tests/realworld/score.py", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(done.stdout)
    assert figures["binary"] >= 0.95 and figures["three_way"] >= 0.85
    assert min(row["three_way"] for row in figures["per_item"].values()) >= 0.85


def test_a_phrase_wrapped_over_two_lines_is_read_as_on_one(write_draft):
    """A block text keeps its line breaks; an import from a manuscript does not. The
    judges read a phrase the same either way; a prognosis "with an excellent prognosis"
    in general is the disease's, whoever's sentence it ends."""
    one_line = "  prognosis: She has a good prognosis after the operation.\n"
    wrapped = "  prognosis: |\n    She has a good\n    prognosis after the operation.\n"
    generic = (
        "  prognosis: |\n    The disease can resolve completely, with an excellent\n"
        "    prognosis, if the patient survives the first days.\n"
    )
    found = [statuses(write_draft(HEAD + "diagnostics:\n" + text))["8d"]["status"]
             for text in (one_line, wrapped, generic)]  # fmt: skip
    assert found == ["reported", "reported", "partly"]
