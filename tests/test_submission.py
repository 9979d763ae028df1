"""The submission pack: the completed checklist (pages from the real PDF), Word files."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from docx import Document
from pypdf import PdfReader

from conftest import ROOT, SEED_000, carekit

COMPLETE = ROOT / "tests" / "fixtures" / "complete" / "draft.yaml"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _checklist_rows(markdown: str) -> list[list[str]]:
    return [
        [c.strip() for c in line.strip("|").split("|")]
        for line in markdown.splitlines()
        if re.match(r"\| \d", line)
    ]


# Where each item lies (pages, review lines) is checked against the PDF in
# test_checklist_pages.py.


def test_checklist_shows_missing_items_and_reasons(tmp_path):
    run = carekit("checklist", str(SEED_000), "-o", str(tmp_path), "--to", "md,pdf,docx")
    assert run.code == 0, run.err
    rows = {
        row[0]: row
        for row in _checklist_rows(
            (tmp_path / "draft-care-checklist.md").read_text(encoding="utf-8")
        )
    }
    for missing in ("2", "10c", "11a", "12"):
        assert rows[missing][3] == "**MISSING**" and rows[missing][4] == "–"
    assert "partly" in rows["9b"][3]
    assert "partly" in rows["7"][3]  # dates only in the narrative (issue 14)
    assert "missing items: 2, 10c, 11a, 12" in run.err
    text = " ".join(
        PdfReader(tmp_path / "draft-care-checklist.pdf").pages[0].extract_text().split()
    )
    assert "MISSING" in text and "CARE checklist for case reports" in text
    table = Document(tmp_path / "draft-care-checklist.docx").tables[0]
    assert len(table.rows) == 31 and table.cell(0, 0).text == "Item"

    reasons = carekit("checklist", str(COMPLETE), "-o", str(tmp_path), "--to", "md")
    rows = {
        row[0]: row
        for row in _checklist_rows(
            (tmp_path / "draft-care-checklist.md").read_text(encoding="utf-8")
        )
    }
    assert reasons.code == 0
    assert rows["12"][3] == "Not reported: The article does not report the parents' view."


def test_docx_has_headings_tables_images_and_references(tmp_path):
    assert (
        carekit(
            "render", str(COMPLETE), "-o", str(tmp_path), "--to", "docx", "--template", "default"
        ).code
        == 0
    )
    document = Document(tmp_path / "draft.docx")
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in (
        "Abstract",
        "Introduction",
        "Timeline",
        "Diagnostic assessment",
        "Discussion",
        "References",
    ):
        assert heading in headings
    tables = [[cell.text for cell in table.rows[0].cells] for table in document.tables]
    assert ["Time", "Event"] in tables
    assert ["Test", "Result", "Unit", "Reference range", "Time"] in tables
    labs = next(t for t in document.tables if t.rows[0].cells[0].text == "Test")
    assert [c.text for c in labs.rows[6].cells][:4] == ["Sodium", "139", "mmol/L", "135–145"]
    assert len(document.inline_shapes) == 4  # four figures; the timeline is a table
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert any(c.startswith("Fig. 1. Swelling") for c in captions)
    # The reference list is Word's own numbered list (pandoc's list numbering, not the
    # "List Number" style the hand-built file used).
    start = next(i for i, p in enumerate(document.paragraphs) if p.text == "References")
    references = [
        p.text
        for p in document.paragraphs[start + 1 :]
        if p._p.pPr is not None and p._p.pPr.numPr is not None
    ]
    assert references[0] == "Le C, Bedocs PM. Calcinosis cutis. Treasure Island: StatPearls; 2020."
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer


def test_docx_review_layout(tmp_path):
    assert (
        carekit("render", str(COMPLETE), "-o", str(tmp_path), "--to", "docx", "--review").code == 0
    )
    document = Document(tmp_path / "draft.docx")
    assert document.styles["Normal"].paragraph_format.line_spacing == 2.0
    assert "w:lnNumType" in document.sections[0]._sectPr.xml


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_docx(tmp_path):
    assert carekit("render", str(COMPLETE), "-o", str(tmp_path), "--to", "docx").code == 0
    done = subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "draft.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(PdfReader(tmp_path / "draft.pdf").pages[0].extract_text().split())
    assert "Iatrogenic calcinosis cutis" in text


def test_submit_refuses_with_errors_and_writes_the_pack_with_force(tmp_path):
    refused = carekit("submit", str(SEED_000), "--journal", "jmcr", "-o", str(tmp_path / "x"))
    assert refused.code == 1 and "6 error-level findings remain" in refused.err
    assert not (tmp_path / "x").exists()
    run = carekit(
        "submit", str(SEED_000), "--journal", "jmcr", "-o", str(tmp_path / "pack"), "--force"
    )
    assert run.code == 0, run.err
    pack = tmp_path / "pack"
    names = sorted(p.relative_to(pack).as_posix() for p in pack.rglob("*") if p.is_file())
    assert names == [
        ".carekit-outputs",  # what carekit wrote here, so a re-run replaces only those
        "care-checklist.docx",
        "care-checklist.md",
        "care-checklist.pdf",
        "cover-letter.docx",
        "cover-letter.md",
        "figures/figure-1-hand.pdf",  # SVG line art: vector PDF and a 300-dpi PNG
        "figures/figure-1-hand.png",
        "figures/figure-2-xray-1.pdf",
        "figures/figure-2-xray-1.png",
        "figures/figure-3-xray-2.pdf",
        "figures/figure-3-xray-2.png",
        "figures/figure-4-xray-resolved.pdf",
        "figures/figure-4-xray-resolved.png",
        "findings.txt",
        "manuscript.docx",
        "manuscript.pdf",
        "title-page.docx",
        "title-page.pdf",
    ]
    title = " ".join(PdfReader(pack / "title-page.pdf").pages[0].extract_text().split())
    assert "Target journal: Journal of Medical Case Reports" in title
    assert "Word counts: abstract 139; main text" in title
    letter = (pack / "cover-letter.md").read_text(encoding="utf-8")
    assert "in Journal of Medical Case Reports" in letter and "[In two or three sentences" in letter
    assert "6 errors, 17 warnings" in (pack / "findings.txt").read_text(encoding="utf-8")
    manuscript = " ".join(PdfReader(pack / "manuscript.pdf").pages[0].extract_text().split())
    assert "Case presentation" in manuscript or "Abstract" in manuscript
