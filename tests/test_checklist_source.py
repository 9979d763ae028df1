"""One source for where each CARE item is reported: the checklist's `satisfied_by`, keyed
by the items' stable keys. Renumbering the checklist is a change to that file only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, carekit

CHECKLIST = ROOT / "checklists" / "care-2013.yaml"
RENUMBER = {"5a": "5.1", "5b": "5.2", "5c": "5.3", "5d": "5.4", "1": "2", "2": "1"}

DRAFT = """\
carekit: 1
journal: jmcr
title: Iatrogenic calcinosis cutis after an infusion
keywords: [calcinosis cutis, calcium gluconate, extravasation]
abstract:
  background: Calcium infusions can leave calcium deposits in the skin.
  case_presentation: An infant developed a hard swelling after an infusion.
  conclusion: Check infusion sites often.
patient:
  age: 9 months
  sex: male
  presenting_concern: Swelling of the left hand.
  history: {medical: Mild eczema.}
not_reported:
  5.4: No earlier interventions.
"""


def _renumbered(tmp_path: Path) -> Path:
    """A copy of the bundled checklist with 5a-5d as 5.1-5.4 and items 1 and 2 swapped."""
    text = CHECKLIST.read_text(encoding="utf-8")

    def new_id(match: re.Match) -> str:
        return f'  - id: "{RENUMBER.get(match[1], match[1])}"'

    out = re.sub(r'^  - id: "?([0-9]+[a-d]?)"?$', new_id, text, flags=re.M)
    path = tmp_path / "renumbered.yaml"
    path.write_text(out, encoding="utf-8")
    return path


def test_renumbered_checklist_statuses_rules_and_form_follow(tmp_path):
    checklist = _renumbered(tmp_path)
    draft = tmp_path / "draft.yaml"
    draft.write_text(DRAFT, encoding="utf-8")
    run = carekit("check", "-f", "json", "--checklist", str(checklist), str(draft))
    data = run.json()["files"][0]
    status = {item["key"]: (item["id"], item["status"]) for item in data["items"]}
    assert status["patient-demographics"] == ("5.1", "partly")  # jmcr wants ethnicity
    assert status["patient-past-interventions"][0] == "5.4"
    assert status["patient-past-interventions"][1] == "not applicable"  # reason under 5.4
    assert status["title"][0] == "2" and status["keywords"][0] == "1"
    by_rule = {f["rule"]: f for f in data["findings"]}
    assert by_rule["journal-patient-details"]["care_item"] == "5.1"
    assert "not-reported-item" not in by_rule
    plain = carekit(
        "check", "-f", "json", "--checklist", str(checklist), "--journal", "care", str(draft)
    ).json()["files"][0]["findings"]
    (title,) = [f for f in plain if f["rule"] == "title-case-report"]
    assert "(CARE item 2)" in title["message"] and title["care_item"] == "2"

    # The checklist form, through `carekit checklist`: every reported item finds its
    # section in sections.yaml under its new number.
    reported = {i for i, s in status.values() if s in ("reported", "partly")}
    for template in ("default", "jmcr", "bmj-case-reports"):
        out = tmp_path / template
        form = carekit(
            "checklist",
            "--checklist",
            str(checklist),
            "--template",
            template,
            "--to",
            "md",
            "-o",
            str(out),
            str(draft),
        )
        assert form.code == 0, form.err
        markdown = (out / "draft-care-checklist.md").read_text(encoding="utf-8")
        table = [line.split(" | ") for line in markdown.splitlines() if line.startswith("| ")]
        where = {cells[0].strip("| "): cells[3] for cells in table[1:]}
        assert where["5.1"] and where["2"] and "5a" not in where, template
        assert all(where[item] for item in reported), template
        assert "the template does not say where" not in markdown


@pytest.mark.parametrize("template", ["default", "jmcr", "bmj-case-reports"])
def test_sections_yaml_names_every_item_by_its_key(template):
    from carekit.check.checklist import load_checklist
    from carekit.render.checklist_form import section_map
    from carekit.resources import data_dir

    keys = [item.key for item in load_checklist().items]
    assert sorted(section_map(data_dir("templates") / template)) == sorted(keys)


def test_what_each_key_reports_comes_from_satisfied_by_only():
    """format.py names no item; each key's item is the checklist's."""
    from carekit.check.checklist import load_checklist
    from carekit.draft.format import DRAFT

    assert "care=" not in (ROOT / "carekit" / "draft" / "format.py").read_text(encoding="utf-8")
    listed = {p: i.key for i in reversed(load_checklist().items) for p in i.satisfied_by}
    kinds = {suffix.lstrip("."): kind for suffix, kind in DRAFT.children()}
    assert listed and all(kinds[path].care == key for path, key in listed.items())


def test_a_key_moved_in_satisfied_by_moves_its_format_findings(write_draft):
    """A format problem in a key belongs to the item whose satisfied_by lists it."""
    draft = write_draft("carekit: 1\npatient:\n  sex: [male]\n")
    data = carekit("check", "-f", "json", "--select", "schema-type", str(draft)).json()
    (finding,) = data["files"][0]["findings"]
    assert finding["care_item_key"] == "patient-demographics"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("    satisfied_by: [title]", "    satisfied_by: [titel]"), "did you mean `title`?"),
        (("    requirement: Two to five", "    requirment: Two to five"), "`requirment`"),
        (('  - id: "2"\n', '  - id: "1"\n'), "used more than once: 1"),
    ],
)
def test_a_broken_checklist_exits_2_with_line_col(tmp_path, write_draft, change, expected):
    text = CHECKLIST.read_text(encoding="utf-8")
    assert change[0] in text
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    run = carekit("check", "--checklist", str(broken), str(write_draft("carekit: 1\n")))
    assert run.code == 2 and expected in run.err and f"{broken}:" in run.err, run.err
