"""Reference lists through pandoc's citeproc and the bundled CSL styles."""

from __future__ import annotations

from conftest import carekit

BIB = """@article{vs2020,
  author = {von Schoen-Angerer, Tido and
    {Bundesinstitut f{\\"u}r Arzneimittel und Medizinprodukte}},
  title = {Calcinosis after calcium gluconate},
  journaltitle = {BMJ (Clinical research ed.)}, shortjournal = {BMJ},
  date = {2020}, volume = {368}, pages = {924--926}
}
"""
DRAFT = "carekit: 1\nintroduction: As shown [@vs2020].\nbibliography: refs.bib\n"


def _render(tmp_path, *extra):
    folder = tmp_path / "case"
    folder.mkdir(exist_ok=True)
    (folder / "draft.yaml").write_text(DRAFT, encoding="utf-8")
    (folder / "refs.bib").write_text(BIB, encoding="utf-8")
    run = carekit("render", str(folder / "draft.yaml"), "--to", "md", *extra)
    return run, folder


def test_styles_differ_and_keep_particles_group_authors_and_abbreviations(tmp_path):
    run, folder = _render(tmp_path)
    assert run.code in (0, 1), run.err
    vancouver = (folder / "draft.md").read_text(encoding="utf-8")
    assert "Bundesinstitut für Arzneimittel und Medizinprodukte" in vancouver
    assert "Schoen-Angerer" in vancouver and "von" in vancouver
    assert "BMJ. 2020;368:924–6." in vancouver
    run, folder = _render(tmp_path, "--csl", "bmj-case-reports")
    assert run.code in (0, 1), run.err
    assert (folder / "draft.md").read_text(encoding="utf-8") != vancouver


def test_an_unknown_style_is_a_usage_error(tmp_path):
    run, _ = _render(tmp_path, "--csl", "no-such-style")
    assert run.code == 2 and "no bundled citation style named 'no-such-style'" in run.err


def test_a_citation_that_wraps_onto_the_next_line_is_numbered(tmp_path):
    """A block text keeps its line breaks, so `[@a;\\n@b]` is one citation to the check
    and must be one numbered citation in the manuscript, not the keys as typed; a blank
    line still ends it."""
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "draft.yaml").write_text(
        "carekit: 1\nintroduction: |\n  Calcinosis has been described [@a;\n  @b] before.\n\n"
        "  A bracket [@a\n\n  b] across paragraphs is text.\n"
        "references:\n  - {id: a, title: First report, year: 2019}\n"
        "  - {id: b, title: Second report, year: 2020}\n",
        encoding="utf-8",
    )
    run = carekit("render", str(folder / "draft.yaml"), "--to", "md")
    assert run.code in (0, 1), run.err
    text = (folder / "draft.md").read_text(encoding="utf-8")
    assert "@b]" not in text and "[@a;" not in text
    assert "described \\[[1](#ref-1), [2](#ref-2)\\] before" in " ".join(text.split())
    assert "[@a" in text  # the one across a blank line is not a citation
