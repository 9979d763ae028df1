"""`carekit render`: real PDFs read back, real HTML parsed, Markdown against a golden file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tinyhtml5
from pypdf import PdfReader

from conftest import ROOT, SEED_000, SEED_004, carekit

COMPLETE = ROOT / "tests" / "fixtures" / "complete" / "draft.yaml"
GOLDEN = ROOT / "tests" / "fixtures" / "golden" / "seed-000.md"
XHTML = "{http://www.w3.org/1999/xhtml}"
SEED_000_SECTIONS = [
    "Abstract",
    "Introduction",
    "Patient information",
    "Clinical findings",
    "Diagnostic assessment",
    "Therapeutic intervention",
    "Follow-up and outcomes",
    "Discussion",
    "Conclusion",
    "Declarations",
    "References",
    "Figure legends",  # seed-000 targets JMCR: legends after the references
]
REFERENCE_1 = "Le C, Bedocs PM. Calcinosis cutis. Treasure Island: StatPearls; 2020."


def _copy_example(draft: Path, tmp_path: Path) -> Path:
    target = tmp_path / draft.parent.name
    shutil.copytree(draft.parent, target)
    return target / draft.name


@pytest.fixture(scope="module")
def seed_000_outputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("seed-000")
    run = carekit("render", str(SEED_000), "-o", str(folder), "--template", "default")
    assert run.code == 0, run.err
    assert "6 errors, 17 warnings" in run.err  # the check's one-line summary
    return folder


@pytest.fixture(scope="module")
def complete_outputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("complete")
    run = carekit("render", str(COMPLETE), "-o", str(folder), "--to", "md,html,pdf")
    assert run.code == 0, run.err
    return folder


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _html(path: Path):
    return tinyhtml5.parse(path.read_text(encoding="utf-8"))


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_pdf_reads_back_with_every_part(seed_000_outputs):
    text = " ".join(_pdf_text(seed_000_outputs / "draft.pdf").split())
    for heading in SEED_000_SECTIONS:
        assert heading in text, heading
    for caption in (
        "Fig. 1. Swelling and discoloration of the back of the left hand.",
        "Fig. 4. Complete disappearance of the calcification 2 months later.",
    ):
        assert caption in text
    assert "White blood cells 11.3 ×10⁹/L" in text
    assert "Vitamin D 120.6 nmol/L" in text
    assert REFERENCE_1 in text  # (pypdf reads list numbers apart from their items)
    assert "Page 1 of" in text


def test_pdf_has_metadata_outline_links_and_fonts(seed_000_outputs):
    reader = PdfReader(seed_000_outputs / "draft.pdf")
    meta = reader.metadata
    assert meta.title == "Iatrogenic calcinosis cutis in a 9-month-old boy: a case report"
    assert meta.author == "Eman Ahmed Alghaith, Ghadah A. AlQahtani, Jamal Ahmed Omer"
    assert "Iatrogenic calcinosis cutis after intravenous calcium gluconate" in meta.subject
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Introduction" in outline and "References" in outline
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    assert any(link.get("/Subtype") == "/Link" for link in links)
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)  # A4
    fonts = {
        str(font.get_object().get("/BaseFont"))
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert fonts and all("+" in name for name in fonts)  # embedded subsets


def test_tagged_pdf_for_screen_readers(tmp_path):
    assert (
        carekit("render", str(SEED_000), "-o", str(tmp_path), "--to", "pdf", "--tagged").code == 0
    )
    root = PdfReader(tmp_path / "draft.pdf").trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert "pdfuaid" in root["/Metadata"].get_object().get_data().decode("utf-8", "replace")


def test_complete_draft_pdf_has_the_timeline_once_as_a_table(complete_outputs):
    text = " ".join(_pdf_text(complete_outputs / "draft.pdf").split())
    assert "Table 1. Timeline of the case." in text
    assert "Day −30 Admitted with a hypocalcaemic seizure" in text
    assert "relative to the presentation (day 0)" not in text  # not a figure as well
    assert not (complete_outputs / "draft-timeline.svg").exists()
    assert "Keywords: calcinosis cutis; calcium gluconate; extravasation; infant" in text


def test_the_timeline_figure_when_the_draft_asks_for_it(tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(COMPLETE.parent, folder)
    draft = folder / "draft.yaml"
    draft.write_text(draft.read_text(encoding="utf-8") + "\ntimeline_as: figure\n", "utf-8")
    assert carekit("render", str(draft), "-o", str(tmp_path), "--to", "md,pdf").code == 0
    text = " ".join(_pdf_text(tmp_path / "draft.pdf").split())
    assert "Fig. 2. Timeline of the case, relative to the presentation (day 0)." in text
    assert "Table 1. Timeline of the case." not in text
    svg = (tmp_path / "draft-timeline.svg").read_text(encoding="utf-8")
    assert svg.count("<circle") == 6 and "X-ray shows complete resolution." in svg


def test_html_is_semantic_and_self_contained(seed_000_outputs):
    page = _html(seed_000_outputs / "draft.html")
    assert page.attrib["lang"] == "en"
    article = page.find(f".//{XHTML}article")
    headings = [_text(h) for h in article.iter(f"{XHTML}h2")]
    assert headings == SEED_000_SECTIONS
    assert len(article.findall(f"./{XHTML}section")) == len(SEED_000_SECTIONS)
    figures = article.findall(f".//{XHTML}figure[@class='figure']")
    assert [f.attrib["id"] for f in figures] == [
        "fig-hand",
        "fig-xray-1",
        "fig-xray-2",
        "fig-xray-resolved",
    ]
    for figure in figures:
        image = figure.find(f".//{XHTML}img")
        assert image.attrib["src"].startswith("data:image/svg+xml;base64,")
        assert image.attrib["alt"]
        assert _text(figure.find(f"{XHTML}figcaption")).startswith("Fig. ")
    labs = article.find(f".//{XHTML}figure[@id='tbl-labs']")
    assert _text(labs.find(f"{XHTML}figcaption")).startswith("Table 1. Laboratory results")
    assert all(th.attrib.get("scope") == "col" for th in labs.iter(f"{XHTML}th"))
    rows = [[_text(td) for td in tr.iter(f"{XHTML}td")] for tr in labs.iter(f"{XHTML}tr")]
    # No reference range in any row: the empty column is left out.
    assert ["White blood cells", "11.3", "×10⁹/L", "presentation"] in rows
    references = article.findall(f".//{XHTML}section[@class='references']//{XHTML}li")
    assert len(references) == 15 and _text(references[0]) == REFERENCE_1
    assert references[0].find(f"{XHTML}span").attrib["id"] == "ref-1"
    cross = [a for a in article.iter(f"{XHTML}a") if a.attrib.get("href") == "#fig-hand"]
    assert cross and _text(cross[0]) == "Fig. 1"
    style = page.find(f".//{XHTML}style").text
    assert "@media print" in style and "@page" in style
    sources = [e.attrib.get("src", "") for e in page.iter() if "src" in e.attrib]
    assert sources and all(s.startswith("data:") for s in sources)
    assert not list(page.iter(f"{XHTML}link")) and not list(page.iter(f"{XHTML}script"))


def test_markdown_matches_the_reviewed_golden_file(tmp_path):
    """Regenerate on purpose only: CAREKIT_UPDATE_GOLDEN=1 pytest tests/test_render.py"""
    draft = _copy_example(SEED_000, tmp_path)
    assert carekit("render", str(draft), "--to", "md", "--template", "default").code == 0
    produced = (draft.parent / "draft.md").read_text(encoding="utf-8")
    if os.environ.get("CAREKIT_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(produced, encoding="utf-8")
    assert produced == GOLDEN.read_text(encoding="utf-8")


def test_every_format_comes_from_the_same_markdown(seed_000_outputs):
    markdown = (seed_000_outputs / "draft.md").read_text(encoding="utf-8")
    html = _text(_html(seed_000_outputs / "draft.html").find(f".//{XHTML}article"))
    pdf = " ".join(_pdf_text(seed_000_outputs / "draft.pdf").split())
    for sentence in (
        "The patient was a 9-month-old male (Saudi Arab).",
        "Final diagnosis. Iatrogenic calcinosis cutis after intravenous calcium",
    ):
        assert sentence.replace("Final diagnosis.", "**Final diagnosis.**") in markdown
        assert sentence in html and sentence in pdf


@pytest.mark.parametrize(
    "template, headings",
    [
        (
            "jmcr",
            [
                "Abstract",
                "Introduction",
                "Case presentation",
                "Discussion",
                "Conclusions",
                "Declarations",
                "References",
                "Figure legends",
            ],
        ),
        (
            "bmj-case-reports",
            [
                "Summary",
                "Background",
                "Case presentation",
                "Investigations",
                "Differential diagnosis",
                "Treatment",
                "Outcome and follow-up",
                "Discussion",
                "Learning points",
                # seed-000 targets JMCR: its profile's declarations and legends
                "Declarations",
                "References",
                "Figure legends",
            ],
        ),
    ],
)
def test_journal_templates_order_sections(tmp_path, template, headings):
    run = carekit(
        "render", str(SEED_000), "-o", str(tmp_path), "--to", "html", "--template", template
    )
    assert run.code == 0, run.err
    article = _html(tmp_path / "draft.html").find(f".//{XHTML}article")
    assert [_text(h) for h in article.iter(f"{XHTML}h2")] == headings
    declarations = [_text(h) for h in article.iter(f"{XHTML}h3")]
    expected = {
        "jmcr": "Consent for publication",
        "bmj-case-reports": "Patient consent for publication",
    }[template]
    assert expected in declarations


def test_citations_are_numbered_in_order_and_collapsed(write_draft, tmp_path):
    draft = write_draft(
        "carekit: 1\ntitle: Calcinosis cutis - a case report\n"
        "introduction: First [@c]. Then [@a; @b; @c; @e] and [@d].\n"
        "references:\n"
        + "".join(
            f"  - {{id: {k}, authors: [Author {k.upper()}], title: Title {k}, journal: J, "
            f"year: 2020}}\n"
            for k in "abcde"
        ),
    )
    assert carekit("render", str(draft), "-o", str(tmp_path), "--to", "md").code == 0
    markdown = (tmp_path / "draft.md").read_text(encoding="utf-8")
    assert "First \\[[1](#ref-1)\\]." in markdown
    assert "Then \\[[1](#ref-1)–[4](#ref-4)\\] and \\[[5](#ref-5)\\]." in markdown
    assert '1. <span id="ref-1"></span>Author C. Title c. J. 2020.' in markdown


def test_references_from_bibtex_and_csl_json(write_draft, tmp_path):
    bib = (
        "@article{sawke2016, author = {Sawke, G. K. and Rai, Tanvi}, title = {Iatrogenic "
        "calcinosis cutis}, journal = {J Cytol}, year = {2016}, volume = {33}, "
        "pages = {166--168}, doi = {10.4103/0970-9371.188060}}\n"
    )
    csl = (
        '[{"id": "le2020", "type": "book", "title": "Calcinosis cutis", "author": '
        '[{"family": "Le", "given": "Christopher"}], "publisher": "StatPearls", '
        '"publisher-place": "Treasure Island", "issued": {"date-parts": [[2020]]}}]'
    )
    for name, content, expected in (
        (
            "refs.bib",
            bib,
            # NLM (Vancouver) abbreviates page ranges: 166-168 prints 166–8.
            "Sawke GK, Rai T. Iatrogenic calcinosis cutis. J Cytol. 2016;33:166–8."
            " doi:10.4103/0970-9371.188060",
        ),
        ("refs.json", csl, "Le C. Calcinosis cutis. Treasure Island: StatPearls; 2020."),
    ):
        key = "sawke2016" if name.endswith("bib") else "le2020"
        draft = write_draft(
            f"carekit: 1\nintroduction: Known [@{key}].\nbibliography: {name}\n",
            files={name: content},
        )
        check = carekit(
            "check", "-f", "json", "--select", "citation-unresolved,bibliography-file", str(draft)
        )
        assert check.json()["files"][0]["findings"] == []
        assert carekit("render", str(draft), "-o", str(tmp_path), "--to", "html").code == 0
        article = _html(tmp_path / "draft.html").find(f".//{XHTML}article")
        (item,) = article.findall(f".//{XHTML}section[@class='references']//{XHTML}li")
        assert _text(item) == expected


def test_letter_paper_and_review_layout(tmp_path):
    run = carekit(
        "render", str(COMPLETE), "-o", str(tmp_path), "--to", "pdf", "--paper", "letter", "--review"
    )
    assert run.code == 0, run.err
    reader = PdfReader(tmp_path / "draft.pdf")
    assert (
        float(reader.pages[0].mediabox.width),
        float(reader.pages[0].mediabox.height),
    ) == pytest.approx((612, 792), abs=0.5)
    numbers = [
        line.strip()
        for page in reader.pages
        for line in page.extract_text().splitlines()
        if line.strip().isdigit()
    ]
    # Continuous numbering: every line number from 1 up to the last appears in order.
    values = [int(n) for n in numbers]
    assert values[:5] == [1, 2, 3, 4, 5]
    last = max(values)
    assert last > 150 and [v for v in values if v <= last] == sorted(values)


def test_strict_refuses_to_render_a_draft_with_errors(tmp_path):
    run = carekit("render", str(SEED_004), "-o", str(tmp_path), "--strict")
    assert run.code == 1 and "not rendered" in run.err
    assert list(tmp_path.iterdir()) == []


def test_template_error_names_the_file_and_line(tmp_path):
    folder = tmp_path / "mine"
    shutil.copytree(ROOT / "templates" / "default", folder)
    (folder / "manuscript.md.j2").write_text("# {{ title }}\n\n{% if %}\n", encoding="utf-8")
    run = carekit(
        "render", str(SEED_000), "-o", str(tmp_path), "--to", "md", "--template", str(folder)
    )
    assert run.code == 2
    assert f"Template error in {folder / 'manuscript.md.j2'} line 3" in run.err


def test_a_copied_template_folder_is_used(tmp_path):
    folder = tmp_path / "mine"
    shutil.copytree(ROOT / "templates" / "default", folder)
    (folder / "manuscript.md.j2").write_text(
        '{% import "macros.md.j2" as m with context %}{{ m.title_block() }}\n## Our own\n',
        encoding="utf-8",
    )
    assert (
        carekit(
            "render", str(SEED_000), "-o", str(tmp_path), "--to", "md", "--template", str(folder)
        ).code
        == 0
    )
    assert "## Our own" in (tmp_path / "draft.md").read_text(encoding="utf-8")


def test_html_only_render_does_not_import_weasyprint(tmp_path):
    script = (
        "import sys\nfrom carekit.cli import main\n"
        f"code = main(['render', {str(SEED_000)!r}, '-o', {str(tmp_path)!r}, '--to', 'md,html'])\n"
        "print('WEASYPRINT' if 'weasyprint' in sys.modules else 'LIGHT', code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.stdout.strip().endswith("LIGHT 0"), done.stderr


def test_out_of_range_labs_are_marked_and_keywords_reach_the_pdf(write_draft, tmp_path):
    draft = write_draft(
        "carekit: 1\ntitle: Thrombocytosis - a case report\nkeywords: [platelets, infant]\n"
        "diagnostics:\n  labs:\n"
        "    - {test: Platelets, value: 530, unit: 10^9/L, reference_range: 150-450}\n"
        "    - {test: Sodium, value: 131, unit: mmol/L, reference_range: 135-145, flag: L}\n"
        "    - {test: Potassium, value: 4.1, unit: mmol/L, reference_range: 3.5-5.1}\n"
    )
    assert carekit("render", str(draft), "-o", str(tmp_path), "--to", "md,pdf").code == 0
    markdown = (tmp_path / "draft.md").read_text(encoding="utf-8")
    assert "| Platelets | **530 H** | ×10⁹/L | 150–450 |" in markdown
    assert "| Sodium | **131 L** | mmol/L | 135–145 |" in markdown
    assert "| Potassium | 4.1 | mmol/L | 3.5–5.1 |" in markdown
    assert PdfReader(tmp_path / "draft.pdf").metadata["/Keywords"] == "platelets, infant"


def test_two_drafts_may_not_write_the_same_files(tmp_path):
    run = carekit("render", str(SEED_000), str(SEED_004), "-o", str(tmp_path))
    assert run.code == 2 and "would both write" in run.err


def test_the_journal_profile_chooses_the_template(tmp_path):
    """seed-000 targets jmcr, so without --template it renders with the jmcr template."""
    assert carekit("render", str(SEED_000), "-o", str(tmp_path), "--to", "md").code == 0
    headings = [
        line for line in (tmp_path / "draft.md").read_text().splitlines() if line.startswith("## ")
    ]
    assert "## Case presentation" in headings and "## Conclusions" in headings
    assert (
        carekit(
            "render",
            str(SEED_000),
            "-o",
            str(tmp_path),
            "--to",
            "md",
            "--journal",
            "bmj-case-reports",
        ).code
        == 0
    )
    assert "## Learning points" in (tmp_path / "draft.md").read_text()
