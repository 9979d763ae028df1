"""Tables hold together in the PDF, read back page by page: no row split across pages, no
single row orphaned on a page or widowed at the bottom of one, the header repeated on
every page, columns empty in every row dropped, a value never broken from its unit; the
timeline shown once, and every generated table and figure cited in the text."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, carekit

COMPLETE = ROOT / "tests" / "fixtures" / "complete" / "draft.yaml"
TEMPLATES = ["default", "jmcr", "bmj-case-reports"]
WORDS = ["calcified", "nodule", "over", "the", "dorsum", "of", "a", "hand", "on", "radiograph"]
# Author tables of 5 to 23 rows of uneven height: between them, page breaks fall after
# every possible row, so an orphan or a split row would show somewhere.
SIZES = range(5, 24, 2)
UNITS = ["10^9/L", "mg/dL", "µmol/L", "mmol/L", "mL/min", "IU/L", "ng/mL", "g/L"]
DOSES = ["10 mg/kg", "1.5 mg/kg/day", "500 mg", "2 g/m²"]


def _table(k: int, rows: int) -> str:
    lines = [
        f"  - id: t{k}",
        f"    caption: Table of {rows} rows.",
        f"    header: [H{k}first, Details]",
    ]
    lines.append("    rows:")
    for i in range(rows):
        text = " ".join(WORDS[: 3 + (i * 7 + k * 3) % 30 % len(WORDS)] * (1 + (i + k) % 4))
        lines.append(f"      - [t{k}r{i:02d}, {text} t{k}r{i:02d}z]")
    return "\n".join(lines)


def _draft(folder: Path, extra: str = "") -> Path:
    labs = "\n".join(
        f"    - {{test: Lab{i:02d} serum level, value: {i}.{i % 7}, unit: {UNITS[i % len(UNITS)]},"
        f" reference_range: {i}.0-{i + 9}.5, time_point: day {i % 5}}}"
        for i in range(44)
    )
    interventions = "\n".join(
        f"  - {{type: pharmacologic, name: Agent{n} given as a slow infusion through a"
        f" central line under monitoring, dose: {dose}, route: intravenous, timing: from day"
        f" {n} until the swelling and the calcification of the hand had resolved completely}}"
        for n, dose in enumerate(DOSES)
    )
    tables = "\n".join(_table(k, rows) for k, rows in enumerate(SIZES))
    text = (
        "carekit: 1\ntitle: Long tables, a case report\n"
        "timeline:\n  - {at: day 0, event: Presented.}\n  - {at: day 3, event: Discharged.}\n"
        f"diagnostics:\n  labs:\n{labs}\ninterventions:\n{interventions}\ntables:\n{tables}\n"
        + extra
    )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "draft.yaml").write_text(text, encoding="utf-8")
    return folder / "draft.yaml"


def _pages(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def _layout_lines(pdf: Path) -> list[str]:
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


@pytest.fixture(scope="module", params=TEMPLATES)
def long_tables(request, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp(f"tables-{request.param}")
    draft = _draft(folder / "case")
    run = carekit(
        "render", str(draft), "-o", str(folder), "--to", "pdf,md", "--template", request.param
    )
    assert run.code == 0, run.err
    return folder / "draft.pdf"


def test_no_row_is_split_orphaned_or_widowed_and_headers_repeat(long_tables):
    pages = _pages(long_tables)
    problems = []
    for k, size in enumerate(SIZES):
        where = {}
        for i in range(size):
            start = [p for p, text in enumerate(pages) if f"t{k}r{i:02d}" in text.split()]
            end = [p for p, text in enumerate(pages) if f"t{k}r{i:02d}z" in text]
            assert start and end, (k, i)
            if start[0] != end[0]:
                problems.append(
                    f"table {k + 1} row {i + 1} split over pages {start[0] + 1}-{end[0] + 1}"
                )
            where.setdefault(start[0], []).append(i)
        if len(where) > 1:
            for page, rows in where.items():
                if len(rows) == 1:
                    problems.append(
                        f"table {k + 1} ({size} rows): one row alone on page {page + 1}"
                    )
                if f"H{k}first" not in pages[page]:
                    problems.append(f"table {k + 1}: no header on page {page + 1}")
    assert problems == []


def test_the_lab_table_keeps_two_rows_a_side_of_a_break_and_its_header(long_tables):
    pages = _pages(long_tables)
    per_page = [sum(f"Lab{i:02d}" in text for i in range(44)) for text in pages]
    used = [n for n in per_page if n]
    assert sum(used) == 44 and len(used) >= 2  # the table runs over a page break
    assert min(used) >= 2, per_page
    for text, n in zip(pages, per_page, strict=True):
        if n:
            assert "Reference range" in text  # the header on every page of the table


def test_values_keep_their_units_and_empty_columns_are_dropped(long_tables):
    lines = _layout_lines(long_tables)
    for i in range(44):
        line = next(x for x in lines if f"Lab{i:02d}" in x)
        assert UNITS[i % len(UNITS)].replace("10^9", "×10⁹") in line, line
    for n, dose in enumerate(DOSES):
        line = next(x for x in lines if f"Agent{n}" in x)
        assert dose in line, (dose, line)
    text = " ".join(_pages(long_tables))
    assert not re.search(r"\b(mg|mL|g)/\s*\n", "\n".join(lines))
    assert "Dose" in text and "Route" in text
    assert "Frequency" not in text and "Duration" not in text  # empty in every row


GENERATED = ("tbl-timeline", "tbl-labs", "tbl-interventions", "fig-timeline")


def _citations_before_captions(markdown: str) -> None:
    """Each generated table and figure shown is cited in the text before it, by a link
    to it ("[Table 2](#tbl-labs)")."""
    shown = [a for a in GENERATED if f'<div id="{a}"' in markdown]  # the portable form
    assert shown
    for anchor in shown:
        before = markdown[: markdown.index(f'<div id="{anchor}"')]
        assert re.search(rf"\[(Table|Fig\.) \d+\]\(#{anchor}\)", before), anchor


@pytest.mark.parametrize("template", TEMPLATES)
def test_the_timeline_once_and_every_generated_table_cited(tmp_path, template):
    run = carekit(
        "render", str(COMPLETE), "-o", str(tmp_path), "--to", "md", "--template", template
    )
    assert run.code == 0, run.err
    markdown = (tmp_path / "draft.md").read_text(encoding="utf-8")
    assert markdown.count("Timeline of the case") == 1  # a table by default, not also a figure
    assert "timeline.svg" not in markdown and not (tmp_path / "draft-timeline.svg").exists()
    _citations_before_captions(markdown)


@pytest.mark.parametrize("choice", ["figure", "both"])
def test_the_author_chooses_how_the_timeline_is_shown(tmp_path, choice):
    folder = tmp_path / "case"
    draft = _draft(folder, f"timeline_as: {choice}\n")
    run = carekit("render", str(draft), "-o", str(tmp_path), "--to", "md")
    assert run.code == 0, run.err
    markdown = (tmp_path / "draft.md").read_text(encoding="utf-8")
    assert ("timeline.svg" in markdown) and (tmp_path / "draft-timeline.svg").is_file()
    assert ("Timeline of the case." in markdown.replace("**", "")) == (choice == "both")
    _citations_before_captions(markdown)
