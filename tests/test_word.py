"""The Word file (pandoc with the template's reference document, then wordpost.py), read
back with python-docx, and once more through LibreOffice into a PDF."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import datetime, timezone

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from PIL import Image
from pypdf import PdfReader

from conftest import ROOT, carekit

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
DRAFT = """carekit: 1
title: "Calcinosis after calcium: a case report"
language: en-GB
keywords: [calcinosis cutis, extravasation]
authors:
  - name: Jane Q. Doctor
  - name: Ali Nurse
introduction: As reported before [@smith2020] and online [@web]. See [@fig:hand].
figures:
  - {id: hand, file: fig.png, caption: The swollen hand, alt: A red square for a hand}
timeline:
  - {at: day 0, event: Admitted with a hypocalcaemic seizure and given calcium gluconate}
  - {at: day 3, event: Discharged}
timeline_as: both
references:
  - {id: smith2020, authors: [Smith J], title: A study, journal: J Case Rep, year: 2020,
     volume: 1, pages: 1-2, doi: 10.1000/xyz.123}
  - {id: web, authors: [WHO], title: A page, url: "https://example.org/page", year: 2021}
"""
DOI = "https://doi.org/10.1000/xyz.123"


def _draft(tmp_path):
    Image.new("RGB", (300, 200), "red").save(tmp_path / "fig.png")
    (tmp_path / "draft.yaml").write_text(DRAFT, encoding="utf-8")
    return tmp_path / "draft.yaml"


def _render(tmp_path, *options: str):
    run = carekit("render", str(_draft(tmp_path)), "--to", "docx", *options)
    assert run.code == 0, run.err
    return tmp_path / "draft.docx"


@pytest.mark.parametrize(("paper", "size"), [("a4", (210, 297)), ("letter", (215.9, 279.4))])
def test_page_size_follows_paper_with_25_mm_margins(tmp_path, paper, size):
    section = Document(_render(tmp_path, "--paper", paper)).sections[0]
    assert abs(section.page_width - Mm(size[0])) < Mm(1)
    assert abs(section.page_height - Mm(size[1])) < Mm(1)
    assert abs(section.left_margin - Mm(25)) < Mm(0.5)
    assert abs(section.right_margin - Mm(25)) < Mm(0.5)


def test_body_is_12_pt_serif_and_captions_in_word_caption_style(tmp_path):
    document = Document(_render(tmp_path))
    for name in ("Normal", "Body Text", "First Paragraph"):
        assert document.styles[name].font.name == "Times New Roman"
        assert document.styles[name].font.size == Pt(12)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions[0].startswith("Table 1. Timeline")
    assert any(c.startswith("Fig. 1. The swollen hand") for c in captions)


def test_captions_sit_next_to_their_figure_or_table(tmp_path):
    body = Document(_render(tmp_path)).element.body
    blocks = list(body)
    pictures = [i for i, b in enumerate(blocks) if b.find(f".//{qn('w:drawing')}") is not None]
    assert len(pictures) == 2  # the timeline figure and the photograph
    for i in pictures:
        caption = blocks[i + 1]
        assert caption.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "Caption"
        assert "".join(t.text for t in caption.iter(qn("w:t"))).startswith("Fig.")
        assert blocks[i].pPr.keepNext_val  # the picture does not leave its caption
    tables = [i for i, b in enumerate(blocks) if b.tag == qn("w:tbl")]
    for i in tables:
        caption = blocks[i - 1]
        assert "".join(t.text for t in caption.iter(qn("w:t"))).startswith("Table")
        assert caption.pPr.keepNext_val


def test_tables_repeat_the_header_keep_rows_whole_and_fit_columns(tmp_path):
    document = Document(_render(tmp_path))
    table = document.tables[0]
    rows = table._tbl.tr_lst
    assert rows[0].trPr.find(qn("w:tblHeader")) is not None
    assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
    time, event = (col.w for col in table._tbl.tblGrid.gridCol_lst)
    assert event > 2 * time  # the long column gets the room, not half the page each


def test_properties_come_from_the_draft(tmp_path):
    path = _render(tmp_path)
    core = Document(path).core_properties
    assert core.title == "Calcinosis after calcium: a case report"
    assert core.author == "Jane Q. Doctor; Ali Nurse"
    assert core.keywords == "calcinosis cutis; extravasation"
    assert core.language == "en-GB"
    assert core.created.year == datetime.now(timezone.utc).year
    with zipfile.ZipFile(path) as archive:
        assert b"python-docx" not in archive.read("docProps/core.xml")


def test_every_image_has_alt_text_and_references_link(tmp_path):
    path = _render(tmp_path)
    document = Document(path)
    described = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert "A red square for a hand" in described
    assert all(described)  # the timeline too
    links = {
        rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("hyperlink")
    }
    assert {DOI, "https://example.org/page"} <= links
    # citeproc's link, not a "doi:" bare URI swallowing the Markdown around it
    text = [" ".join(p.text.split()) for p in document.paragraphs]
    assert "Smith J. A study. J Case Rep. 2020;1:1–2. doi:10.1000/xyz.123" in text


def test_review_gives_line_numbers_and_double_spacing(tmp_path):
    document = Document(_render(tmp_path, "--review"))
    numbers = document.sections[0]._sectPr.find(qn("w:lnNumType"))
    assert numbers is not None and numbers.get(qn("w:restart")) == "continuous"
    assert document.styles["Body Text"].paragraph_format.line_spacing == 2.0


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (scripts/system-deps.sh test installs "
    "libreoffice-writer as root)",
)
def test_libreoffice_lays_out_the_word_file(tmp_path):
    path = _render(tmp_path, "--paper", "a4")
    done = subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    reader = PdfReader(tmp_path / "draft.pdf")
    first = reader.pages[0]
    assert round(float(first.mediabox.width)) == 595  # A4 in points
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for expected in ("Calcinosis after calcium", "Table 1. Timeline", "Fig. 1. The swollen"):
        assert expected in text
    uris = {
        annotation.get_object().get("/A", {}).get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots") or []
    }
    assert DOI in uris


def test_a_template_reference_docx_that_is_not_word_gets_a_message(tmp_path):
    template = tmp_path / "mytemplate"
    shutil.copytree(ROOT / "templates" / "default", template)
    (template / "reference.docx").write_text("not a zip file", encoding="utf-8")
    run = carekit("render", str(_draft(tmp_path)), "--to", "docx", "--template", str(template))
    assert run.code == 2
    assert "reference.docx is not a Word document with styles" in run.err
    assert not (tmp_path / "draft.docx").exists()


def test_a_template_reference_docx_without_pandoc_styles_still_renders(tmp_path):
    import docx

    template = tmp_path / "mytemplate"
    shutil.copytree(ROOT / "templates" / "default", template)
    docx.Document().save(template / "reference.docx")  # Word's styles, none of pandoc's
    run = carekit(
        "render", str(_draft(tmp_path)), "--to", "docx", "--review", "--template", str(template)
    )
    assert run.code == 0, run.err
    document = Document(tmp_path / "draft.docx")
    assert document.sections[0]._sectPr.find(qn("w:lnNumType")) is not None


@pytest.mark.parametrize("template", ["_common", "default", "jmcr", "bmj-case-reports"])
def test_reference_documents_are_what_the_script_builds(template):
    # templates/*/reference.docx come from scripts/make_reference_docx.py, never from an
    # edit by hand in Word that nobody can review or repeat.
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_reference_docx", ROOT / "scripts" / "make_reference_docx.py"
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    built = zipfile.ZipFile(io.BytesIO(script.reference_docx()))
    stored = zipfile.ZipFile(ROOT / "templates" / template / "reference.docx")
    for part in ("word/styles.xml", "word/document.xml", "word/footer1.xml"):
        assert built.read(part) == stored.read(part), part
