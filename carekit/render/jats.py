"""JATS 1.3 (Journal Publishing tag set) XML of a manuscript, for journal production
systems, PubMed Central and repository-based journals.

The front matter and the reference list are built here from the typed draft with
ElementTree, which escapes every text by construction; the body comes from the same
Markdown as every other format (see jats_body.py).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from carekit.render.fieldmarks import strip_fields
from carekit.render.jats_body import XLINK, convert

TYPE_CHECKING = False
if TYPE_CHECKING:
    from carekit.draft.typed import Author, Reference, Report
    from carekit.journals.profiles import Journal
    from carekit.render.pipeline import Manuscript

DOCTYPE = (
    '<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 '
    '20210610//EN" "JATS-journalpublishing1-3.dtd">'
)
_ID_RE = re.compile(r"[^A-Za-z0-9_.-]+")
_ORCID_RE = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")


def _id(prefix: str, key: str) -> str:
    return f"{prefix}-{_ID_RE.sub('-', key)}"


def _text(parent: ET.Element, tag: str, text: str | None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = (text or "").strip()
    return element


def manuscript_to_jats(manuscript: Manuscript, journal: Journal | None = None) -> str:
    """The whole article as JATS XML text; `journal` is the target journal's profile."""
    ET.register_namespace("xlink", XLINK)
    report = manuscript.draft.model
    article = ET.Element(
        "article",
        {
            "article-type": "case-report",
            "dtd-version": "1.3",
            "{http://www.w3.org/XML/1998/namespace}lang": (report.language or "en").strip(),
        },
    )
    front = ET.SubElement(article, "front")
    front.append(_journal_meta(journal, report.journal))
    front.append(_article_meta(report))
    body, back = convert(strip_fields(manuscript.markdown))
    article.append(body)
    refs = _ref_list(report, manuscript)
    if refs is not None:
        back.append(refs)
    if len(back):
        article.append(back)
    ET.indent(article)
    xml = ET.tostring(article, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n{xml}\n'


def _journal_meta(journal: Journal | None, drafted: str | None) -> ET.Element:
    """The target journal, from its profile (title and ISSN, which the tag set requires);
    the production system fills in what carekit cannot know (an empty <issn/> where the
    profile gives none)."""
    known = journal is not None and journal.name != "care"
    name = journal.name if known else (drafted or "").strip() or "unknown"
    title = (journal.title if known else "") or name
    issn = str(journal.fact("issn", "value") or "") if known else ""
    meta = ET.Element("journal-meta")
    _text(meta, "journal-id", name, **{"journal-id-type": "publisher-id"})
    _text(ET.SubElement(meta, "journal-title-group"), "journal-title", title)
    _text(meta, "issn", issn, **{"publication-format": "electronic"})
    return meta


def _article_meta(report: Report) -> ET.Element:
    meta = ET.Element("article-meta")
    group = ET.SubElement(meta, "title-group")
    _text(group, "article-title", report.title or "Untitled case report")
    if report.short_title:
        _text(group, "alt-title", report.short_title, **{"alt-title-type": "running-head"})
    if report.authors:
        contribs = ET.SubElement(meta, "contrib-group")
        for author in report.authors:
            contribs.append(_contrib(author))
    for aff in report.affiliations:
        if aff.id:
            _text(meta, "aff", aff.name, id=_id("aff", str(aff.id)))
    notes = [a for a in report.authors if a.corresponding]
    if notes:
        author_notes = ET.SubElement(meta, "author-notes")
        for number, author in enumerate(notes, start=1):
            corresp = ET.SubElement(author_notes, "corresp", id=f"cor-{number}")
            corresp.text = f"Correspondence: {(author.name or '').strip()}"
            if author.email:
                corresp.text += " "
                _text(corresp, "email", author.email)
    ET.SubElement(meta, "pub-date-not-available")  # a manuscript, not yet published
    _abstract(meta, report)
    if report.keywords:
        kwds = ET.SubElement(meta, "kwd-group", {"kwd-group-type": "author"})
        for word in report.keywords:
            _text(kwds, "kwd", word)
    return meta


def _contrib(author: Author) -> ET.Element:
    contrib = ET.Element("contrib", {"contrib-type": "author"})
    if author.corresponding:
        contrib.set("corresp", "yes")
    match = _ORCID_RE.search((author.orcid or "").strip())
    if match:
        _text(
            contrib,
            "contrib-id",
            f"https://orcid.org/{match[1]}",
            **{"contrib-id-type": "orcid"},
        )
    _text(contrib, "string-name", author.name)
    if author.degrees:
        _text(contrib, "degrees", author.degrees)
    for aff in author.affiliations or []:
        _text(contrib, "xref", str(aff), **{"ref-type": "aff", "rid": _id("aff", str(aff))})
    if author.email:
        _text(contrib, "email", author.email)
    return contrib


def _abstract(meta: ET.Element, report: Report) -> None:
    parts = report.abstract.parts
    if not parts:
        return
    abstract = ET.SubElement(meta, "abstract")
    for _key, heading, text in parts:
        if heading:
            sec = ET.SubElement(abstract, "sec")
            _text(sec, "title", heading)
            _text(sec, "p", text)
        else:
            _text(abstract, "p", text)


def pandoc_requests(manuscript: Manuscript) -> list[dict]:
    """What the JATS file asks of pandoc, so a render can make it in the same pandoc start
    as its other conversions (carekit.render.pandoc.prefetch)."""
    from carekit.render.jats_body import request
    from carekit.render.jats_refs import conversion_request

    found = conversion_request(manuscript.draft, _bibliography_keys(manuscript))
    return [request(strip_fields(manuscript.markdown)), *([found] if found else [])]


def _bibliography_keys(manuscript: Manuscript) -> set[str]:
    """The cited keys that are not the draft's own references."""
    own = {str(ref.id) for ref in manuscript.draft.model.references if ref.id}
    return set(manuscript.numbers.references) - own


def _ref_list(report: Report, manuscript: Manuscript) -> ET.Element | None:
    """<ref-list> in citation order: ids ref-1, ref-2... match the body's xrefs; the
    draft's own references and the bibliography file's entries as <element-citation>;
    <mixed-citation> (the entry as the style formatted it) only where no CSL data exists."""
    from carekit.render.jats_refs import csl_items, element_citation

    cited = manuscript.numbers.references
    if not cited:
        return None
    own = {str(ref.id): ref for ref in report.references if ref.id}
    formatted = _formatted_entries(strip_fields(manuscript.markdown))
    csl = csl_items(manuscript.draft, _bibliography_keys(manuscript))
    ref_list = ET.Element("ref-list")
    _text(ref_list, "title", "References")
    for key, number in sorted(cited.items(), key=lambda item: item[1]):
        ref = ET.SubElement(ref_list, "ref", id=f"ref-{number}")
        _text(ref, "label", str(number))
        if key in own:
            ref.append(_element_citation(own[key]))
        elif key in csl:
            ref.append(element_citation(csl[key]))
        else:
            _text(ref, "mixed-citation", formatted.get(number, key))
    return ref_list


_ENTRY_RE = re.compile(r"^(\d+)\. \[\]\{#ref-\d+\}(.*)$", re.MULTILINE)
_MD_RE = re.compile(r"\\(.)|[*_]|\[([^\]]*)\]\(<?[^)>]*>?\)")


def _formatted_entries(markdown: str) -> dict[int, str]:
    """{number: entry as plain text} from the reference list of the Markdown."""
    return {
        int(m[1]): _MD_RE.sub(lambda p: p[1] or p[2] or "", m[2]).strip()
        for m in _ENTRY_RE.finditer(markdown)
    }


def _element_citation(ref: Reference) -> ET.Element:
    kind = "journal" if ref.journal else "book" if ref.publisher else "other"
    citation = ET.Element("element-citation", {"publication-type": kind})
    authors = [ref.authors] if isinstance(ref.authors, str) else ref.authors or []
    if authors:
        group = ET.SubElement(citation, "person-group", {"person-group-type": "author"})
        for name in authors:
            _text(group, "string-name", str(name))
    title_tag = "article-title" if kind == "journal" else "source"
    if ref.title:
        _text(citation, title_tag, ref.title)
    if ref.journal:
        _text(citation, "source", ref.journal)
    if ref.place:
        _text(citation, "publisher-loc", ref.place)
    if ref.publisher:
        _text(citation, "publisher-name", ref.publisher)
    if ref.year is not None:
        _text(citation, "year", str(ref.year))
    for tag, value in (("volume", ref.volume), ("issue", ref.issue)):
        if value:
            _text(citation, tag, str(value))
    _pages(citation, ref.pages)
    for kind_id, value in (("doi", ref.doi), ("pmid", ref.pmid)):
        if value:
            _text(citation, "pub-id", str(value), **{"pub-id-type": kind_id})
    if ref.url:
        _text(
            citation, "ext-link", ref.url, **{"ext-link-type": "uri", f"{{{XLINK}}}href": ref.url}
        )
    return citation


def _pages(citation: ET.Element, pages: str | None) -> None:
    text = str(pages or "").strip()
    if not text:
        return
    parts = re.split(r"\s*[-\u2013]\s*", text, maxsplit=1)
    if len(parts) == 2 and parts[0]:
        _text(citation, "fpage", parts[0])
        _text(citation, "lpage", parts[1])
    elif text.isdigit():
        _text(citation, "fpage", text)
    else:
        _text(citation, "elocation-id", text)
