"""Each journal's layout comes from its profile, with the source of each rule: BMJ Case
Reports' learning points as 3-5 bullets and its own declaration headings (not BMC's);
JMCR's keywords after the abstract; figure legends after the references where the
journal wants them, instead of a Figures section before the declarations."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, carekit

COMPLETE = ROOT / "tests" / "fixtures" / "complete" / "draft.yaml"
PROFILES = ROOT / "checklists" / "journals"
LAYOUT_SECTIONS = ("learning_points", "keywords_placement", "figure_legends", "declarations")


def _render(draft: Path, out: Path, *args: str) -> str:
    run = carekit("render", str(draft), "--to", "md", "-o", str(out), *args)
    assert run.code == 0, run.err
    return (out / "draft.md").read_text(encoding="utf-8").split("\n---\n\n", 1)[1]


def _headings(markdown: str) -> list[str]:
    return re.findall(r"^#{1,3} (.+)$", markdown, re.M)


def _section(markdown: str, heading: str) -> str:
    return markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


@pytest.fixture(scope="module")
def bmj(tmp_path_factory) -> str:
    return _render(COMPLETE, tmp_path_factory.mktemp("bmj"), "--journal", "bmj-case-reports")


@pytest.fixture(scope="module")
def jmcr(tmp_path_factory) -> str:
    return _render(COMPLETE, tmp_path_factory.mktemp("jmcr"), "--journal", "jmcr")


@pytest.fixture(scope="module")
def care(tmp_path_factory) -> str:
    return _render(COMPLETE, tmp_path_factory.mktemp("care"), "--journal", "care")


def test_bmj_learning_points_are_three_to_five_bullets(bmj):
    body = _section(bmj, "Learning points").strip()
    lines = [line for line in body.splitlines() if line.strip()]
    assert 3 <= len(lines) <= 5 and all(line.startswith("- ") for line in lines), body


def test_bmj_declarations_use_bmj_headings_not_bmc_ones(bmj):
    headings = _headings(bmj)
    for heading in (
        "Contributors",
        "Funding",
        "Competing interests",
        "Patient consent for publication",
    ):
        assert heading in headings, heading
    for bmc in (
        "Declarations",
        "Authors' contributions",
        "Availability of data and materials",
        "Ethics approval and consent to participate",
        "Consent for publication",
    ):
        assert bmc not in headings, bmc


def test_jmcr_keywords_follow_the_abstract(jmcr):
    keywords = jmcr.index("**Keywords:**")
    assert jmcr.index("## Abstract") < keywords < jmcr.index("## Introduction")
    assert "**Conclusions:**" in jmcr[:keywords]  # after the whole abstract


def test_plain_care_keeps_keywords_above_the_abstract_and_bmc_declarations(care):
    assert care.index("**Keywords:**") < care.index("## Abstract")
    headings = _headings(care)
    assert "Declarations" in headings and "Authors' contributions" in headings
    assert headings.index("Figures") < headings.index("Declarations")


@pytest.mark.parametrize(
    ("journal", "heading"), [("jmcr", "Figure legends"), ("bmj", "Figure captions")]
)
def test_figure_legends_follow_the_references(request, journal, heading):
    markdown = request.getfixturevalue(journal)
    headings = _headings(markdown)
    assert "Figures" not in headings
    assert headings.index("References") < headings.index(heading)
    legends = _section(markdown, heading)
    assert legends.count("**Fig. ") == 4  # every figure of the draft, with its legend


def test_learning_points_as_written_in_the_authors_list(write_draft, tmp_path):
    """The author's own list items are the bullets, word for word; nothing is reworded."""
    draft = write_draft(
        "carekit: 1\ntitle: Warfarin resistance\ndiscussion:\n  lessons: |\n"
        "    - Check adherence first, e.g. with INR logs.\n"
        "    - Genotype VKORC1 when\n      doses exceed 15 mg.\n"
        "    - Dr. Smith's rule: ask twice.\n"
    )
    markdown = _render(draft, tmp_path / "out", "--journal", "bmj-case-reports")
    assert _section(markdown, "Learning points").strip().splitlines() == [
        "- Check adherence first, e.g. with INR logs.",
        "- Genotype VKORC1 when doses exceed 15 mg.",
        "- Dr. Smith's rule: ask twice.",
    ]


def test_every_layout_rule_names_its_source_and_confidence():
    """Never an invented rule: each layout section says where it comes from, and one not
    confirmed from the journal's own pages says so (confidence low)."""
    found = 0
    for path in PROFILES.glob("*.yaml"):
        profile = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section in LAYOUT_SECTIONS:
            if section in profile:
                found += 1
                facts = profile[section]
                assert facts.get("source") and facts.get("confidence"), (path.name, section)
                if "not confirmed" in facts["source"]:
                    assert facts["confidence"] == "low", (path.name, section)
    assert found >= 5


def test_journals_lists_the_layout_rules():
    out = carekit("journals").out
    bmj = out.split("bmj-case-reports:", 1)[1].split("\n\n", 1)[0]
    assert "learning points: bullets (3 to 5)  [low;" in bmj
    assert "declarations each under its own heading: " in bmj
    jmcr = out.split("jmcr:", 1)[1].split("\n\n", 1)[0]
    assert "keywords: after abstract  [medium;" in jmcr


def test_bmj_pdf_shows_the_bullets_and_headings(tmp_path):
    run = carekit(
        "render", str(COMPLETE), "--to", "pdf", "--journal", "bmj-case-reports", "-o", str(tmp_path)
    )
    assert run.code == 0, run.err
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "draft.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    points = text.split("Learning points", 1)[1].split("Acknowledgements", 1)[0]
    assert points.count("•") >= 3
    assert text.index("References") < text.index("Figure captions")
    assert "Contributors" in text and "Authors' contributions" not in text


def test_too_few_learning_points_for_bmj_is_a_warning_with_the_source(write_draft):
    draft = write_draft(
        "carekit: 1\ntitle: Warfarin resistance\njournal: bmj-case-reports\n"
        "discussion:\n  lessons: Check adherence first.\n"
    )
    report = carekit("check", str(draft), "--format", "json").json()
    found = [f for f in report["files"][0]["findings"] if f["rule"] == "journal-learning-points"]
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert "1 learning point(s)" in found[0]["message"] and "3 to 5" in found[0]["message"]
    assert "confidence low" in found[0]["message"]
    jmcr = write_draft(
        "carekit: 1\ntitle: Warfarin resistance\njournal: jmcr\n"
        "discussion:\n  lessons: Check adherence first.\n"
    )
    findings = carekit("check", str(jmcr), "--format", "json").json()["files"][0]["findings"]
    assert "journal-learning-points" not in {f["rule"] for f in findings}
