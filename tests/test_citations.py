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
