"""`carekit render --to jats`: JATS 1.3 Journal Publishing XML, validated against the
official DTD kept in tests/data/jats/dtd (see its README), with the draft's text kept as
text whatever it contains."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SEED_000, SEED_004, carekit

etree = pytest.importorskip("lxml.etree")

DTD_FILE = Path(__file__).parent / "data" / "jats" / "dtd" / "JATS-journalpublishing1-3.dtd"
XLINK = "{http://www.w3.org/1999/xlink}href"


def render_jats(draft: Path, out: Path, *flags: str):
    run = carekit("render", str(draft), "--to", "jats", "-o", str(out), *flags)
    assert run.code in (0, 1), run.err
    xml = out / f"{draft.stem}.xml"
    assert xml.is_file(), run.out + run.err
    # no_network: the DTD is read from the stored copy only
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    root = etree.parse(str(xml), parser).getroot()
    dtd = etree.DTD(str(DTD_FILE))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()[:5]
    return root


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


@pytest.mark.parametrize("draft", [SEED_000, SEED_004], ids=["seed-000", "seed-004"])
def test_examples_validate_against_jats_1_3(draft: Path, tmp_path: Path) -> None:
    root = render_jats(draft, tmp_path)
    assert root.tag == "article" and root.get("dtd-version") == "1.3"
    assert root.find("front/article-meta/title-group/article-title") is not None
    assert root.findall("body/sec")
    assert not list(tmp_path.glob("*.md")), "only the asked format is written"


def test_front_body_figures_tables_references_and_back(tmp_path: Path) -> None:
    root = render_jats(SEED_000, tmp_path)
    journal = root.find("front/journal-meta")  # from the jmcr profile the draft names
    assert text(journal.find("journal-title-group/journal-title")).startswith("Journal of Med")
    assert text(journal.find("issn")) == "1752-1947"
    meta = root.find("front/article-meta")
    assert text(meta.find("title-group/article-title")).startswith("Iatrogenic calcinosis")
    assert text(meta.find("title-group/alt-title")) == "Iatrogenic calcinosis cutis in an infant"
    names = [text(n) for n in meta.findall("contrib-group/contrib/string-name")]
    assert names == ["Eman Ahmed Alghaith", "Ghadah A. AlQahtani", "Jamal Ahmed Omer"]
    assert meta.find("contrib-group/contrib").get("corresp") == "yes"
    heads = [text(t) for t in meta.findall("abstract/sec/title")]
    assert heads == ["Background", "Case presentation", "Conclusion"]
    body_titles = [text(t) for t in root.findall("body/sec/title")]
    assert {"Introduction", "Case presentation", "Discussion"} <= set(body_titles)
    assert "Abstract" not in body_titles and "References" not in body_titles
    figures = root.findall(".//fig")
    assert [f.get("id") for f in figures] == [
        "fig-hand",
        "fig-xray-1",
        "fig-xray-2",
        "fig-xray-resolved",
    ]
    hand = figures[0]
    assert text(hand.find("label")) == "Fig. 1"
    assert text(hand.find("caption")) == "Swelling and discoloration of the back of the left hand."
    assert text(hand.find("graphic/alt-text")).startswith("Schematic outline of a left hand")
    assert hand.find("graphic").get(XLINK).endswith("figures/hand-swelling.svg")
    tables = root.findall(".//table-wrap")
    assert [text(t.find("label")) for t in tables] == ["Table 1", "Table 2"]
    assert len(tables[0].findall(".//tbody/tr")) == 12  # one row per lab value
    refs = root.findall("back/ref-list/ref")
    cited = {x.get("rid") for x in root.iter("xref") if x.get("ref-type") == "bibr"}
    assert len(refs) == len(cited) == 15
    assert {r.get("id") for r in refs} == cited
    first = refs[0].find("element-citation")
    assert first is not None and text(first.find("person-group")).startswith("Le C")
    types = {s.get("sec-type") for s in root.findall("back/sec")}
    assert {
        "ethics-statement",
        "consent-statement",
        "COI-statement",
        "funding-statement",
        "author-contributions",
    } <= types


HOSTILE = "Calcinosis <script>alert(1)</script> & ]]> <b>bold</b>"


def test_orcid_affiliations_keywords_and_hostile_text_stay_text(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    shutil.copytree(SEED_000.parent, folder)
    draft = folder / "draft.yaml"
    source = draft.read_text(encoding="utf-8")
    source = source.replace(
        'title: "Iatrogenic calcinosis cutis in a 9-month-old boy: a case report"',
        f"title: {HOSTILE!r}".replace("'", '"'),
    ).replace("keywords: []", "keywords: [calcinosis cutis, '<kwd>x</kwd> & co']")
    source = source.replace(
        "  - name: Eman Ahmed Alghaith\n",
        "  - name: Eman Ahmed Alghaith\n    orcid: 0000-0002-1825-0097\n"
        "    email: eman@example.org\n    affiliations: [kfmc]\n",
    ).replace(
        "\nabstract:",
        "\naffiliations:\n  - {id: kfmc, name: 'King Fahad <Medical> City'}\n\nabstract:",
        1,
    )
    source = source.replace(
        "caption: Swelling and discoloration of the back of the left hand.",
        f"caption: {HOSTILE!r}".replace("'", '"'),
    )
    draft.write_text(source, encoding="utf-8")
    out = tmp_path / "out"
    root = render_jats(draft, out)
    raw = (out / "draft.xml").read_text(encoding="utf-8")
    assert "<script" not in raw and "<b>" not in raw
    meta = root.find("front/article-meta")
    assert text(meta.find("title-group/article-title")) == HOSTILE
    assert text(root.find(".//fig[@id='fig-hand']/caption")) == HOSTILE
    assert not list(root.iter("script")) and not list(root.iter("b"))
    contrib = meta.find("contrib-group/contrib")
    orcid = contrib.find("contrib-id[@contrib-id-type='orcid']")
    assert text(orcid) == "https://orcid.org/0000-0002-1825-0097"
    assert contrib.find("xref[@ref-type='aff']").get("rid") == "aff-kfmc"
    assert text(meta.find("aff[@id='aff-kfmc']")) == "King Fahad <Medical> City"
    assert text(contrib.find("email")) == "eman@example.org"
    assert [text(k) for k in meta.findall("kwd-group/kwd")] == [
        "calcinosis cutis",
        "<kwd>x</kwd> & co",
    ]


REFS = Path(__file__).parent / "data" / "refs"
CITING = (
    "carekit: 1\ntitle: Cited\nintroduction: Guidelines [@gagnier2013; @riley2017], grading"
    " [@guyatt2008], a textbook [@kasper2015], a chapter [@higgins2019] and the code list"
    " [@bfarm-icd].\nbibliography: {name}\n"
)


@pytest.mark.parametrize("name", ["refs.bib", "refs.bibtex", "refs.json"])
def test_bibliography_entries_are_element_citations_from_csl_data(
    name: str, tmp_path: Path
) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copy(REFS / name, folder / name)
    draft = folder / "draft.yaml"
    draft.write_text(CITING.format(name=name), encoding="utf-8")
    root = render_jats(draft, tmp_path / "out")
    refs = root.findall("back/ref-list/ref")
    assert [r.find("mixed-citation") for r in refs] == [None] * 6, "CSL data for every entry"
    gagnier, riley, guyatt, kasper, higgins, bfarm = (r.find("element-citation") for r in refs)
    assert gagnier.get("publication-type") == "journal"
    assert text(gagnier.find("pub-id[@pub-id-type='doi']")) == "10.1186/1752-1947-7-223"
    assert text(gagnier.find("fpage")) == "223" and gagnier.find("lpage") is None
    riley_names = riley.findall("person-group[@person-group-type='author']/name")
    assert len(riley_names) == 21  # all of them: the style's "et al." is no part of the data
    assert text(riley_names[4].find("surname")) == "von Schoen-Angerer"
    assert (text(riley.find("fpage")), text(riley.find("lpage"))) == ("218", "235")
    assert text(guyatt.find("issue")) == "7650"
    assert "Schünemann" in text(guyatt.find("person-group"))
    assert kasper.get("publication-type") == "book" and text(kasper.find("edition")) == "19"
    assert len(kasper.findall("person-group[@person-group-type='editor']/name")) == 6
    assert text(kasper.find("publisher-loc")) == "New York"
    assert text(higgins.find("chapter-title")).startswith("Choosing effect measures")
    assert text(higgins.find("source")).lower().startswith("cochrane handbook")
    assert len(higgins.findall("person-group[@person-group-type='editor']/name")) == 7
    assert text(higgins.find("publisher-name")) == "John Wiley & Sons"
    assert bfarm.get("publication-type") == "webpage"
    assert text(bfarm.find("person-group/collab")).startswith("Bundesinstitut für Arzneimittel")
    assert bfarm.find("person-group/name") is None
    access = bfarm.find("date-in-citation[@content-type='access-date']")
    assert text(access) == "2024-03-01"
    assert bfarm.find("ext-link").get(XLINK).startswith("https://www.bfarm.de/")


def test_hostile_csl_data_stays_text_and_unsafe_links_are_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    item = {
        "id": "x1",
        "type": "article-journal",
        "title": HOSTILE,
        "author": [{"family": "<name>Doe</name>", "given": "J."}, {"literal": "A & B Group"}],
        "container-title": "J <i>Test</i>",
        "URL": "javascript:alert(1)",
        "page": "e12",
    }
    (folder / "refs.json").write_text(json.dumps([item]), encoding="utf-8")
    draft = folder / "draft.yaml"
    draft.write_text(
        "carekit: 1\ntitle: Cited\nintroduction: See [@x1].\nbibliography: refs.json\n",
        encoding="utf-8",
    )
    root = render_jats(draft, tmp_path / "out")
    citation = root.find("back/ref-list/ref/element-citation")
    assert text(citation.find("article-title")) == HOSTILE
    assert text(citation.find("person-group/name/surname")) == "<name>Doe</name>"
    assert text(citation.find("person-group/collab")) == "A & B Group"
    assert text(citation.find("elocation-id")) == "e12"
    assert citation.find("ext-link") is None and not root.findall(".//script")
