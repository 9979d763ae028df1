"""JATS `<element-citation>` for bibliography-file entries, from their CSL data.

CSL-JSON and CSL-YAML files were read and checked already (draft/bibliography.py); a
BibTeX, BibLaTeX or RIS file is converted to CSL-JSON by pandoc, in the batch of
conversions the render makes after its reference list (carekit.render.pandoc). Every
value goes into the tree as text: ElementTree escapes it.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from carekit.draft.bibliography import BibliographyError, validate
from carekit.draft.files import OutsideFolder, inside_folder
from carekit.render.assets import RenderError
from carekit.render.pandoc import convert as pandoc_convert

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from carekit.draft.model import Draft

XLINK = "http://www.w3.org/1999/xlink"
# pandoc's reader names by extension, as its citeproc run tells the files apart.
_PANDOC_READERS = {".bib": "biblatex", ".bibtex": "bibtex", ".ris": "ris"}
_PUBLICATION_TYPES = {
    "article-journal": "journal", "article": "journal", "article-magazine": "magazine",
    "article-newspaper": "newspaper", "review": "journal", "book": "book",
    "chapter": "book", "entry-encyclopedia": "book", "paper-conference": "confproc",
    "webpage": "webpage", "post-weblog": "blog", "post": "webpage", "report": "report",
    "thesis": "thesis", "dataset": "data", "patent": "patent", "software": "software",
    "legislation": "legal-doc", "legal_case": "legal-doc", "standard": "standard",
}  # fmt: skip
_CONTAINED = {"journal", "magazine", "newspaper", "confproc", "blog"}  # title in a source


def csl_items(draft: Draft, keys: set[str]) -> dict[str, dict[str, Any]]:
    """{key: CSL item} for the cited `keys` found in the draft's bibliography file;
    empty when there is none or it cannot be read (the entries then stay as formatted)."""
    found = _bibliography(draft, keys)
    if found is None:
        return {}
    path, items = found
    try:
        if items is None:
            request = _request(path)
            answer = pandoc_convert(request, "the JATS reference list") if request else b"[]"
            items = json.loads(answer)
    except (RenderError, ValueError):
        return {}
    items = items if isinstance(items, list) else []
    return {str(i["id"]): i for i in items if isinstance(i, dict) and str(i.get("id")) in keys}


def conversion_request(draft: Draft, keys: set[str]) -> dict | None:
    """pandoc's request converting the bibliography file to CSL-JSON, when `csl_items`
    needs one (a BibTeX, BibLaTeX or RIS file)."""
    found = _bibliography(draft, keys)
    if found is None or found[1] is not None:
        return None
    try:
        return _request(found[0])
    except RenderError:
        return None


def _bibliography(draft: Draft, keys: set[str]) -> tuple[Path, list | None] | None:
    """(the bibliography file, its CSL items when it holds CSL data), or None when there
    is no usable file or nothing of it is cited."""
    name = draft.model.bibliography
    if not name or not keys:
        return None
    try:
        path = inside_folder(draft.folder, name)
        return path, validate(path)
    except (OutsideFolder, BibliographyError, ValueError):
        return None


def _request(path: Path) -> dict | None:
    reader = _PANDOC_READERS.get(path.suffix.lower())
    if reader is None:
        return None
    try:  # read and checked for size by `validate` already
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise RenderError(f"{path.name} cannot be read ({error})") from None
    return {"text": text, "from": reader, "to": "csljson"}


def _text(parent: ET.Element, tag: str, value: Any, **attrs: str) -> ET.Element | None:
    text = _plain(value)
    if not text:
        return None
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def _plain(value: Any) -> str:
    if value is None or isinstance(value, (bool, dict, list)):
        return ""
    return " ".join(str(value).split())


def element_citation(item: dict[str, Any]) -> ET.Element:
    """`<element-citation>` for one CSL item, within the JATS 1.3 Publishing model."""
    kind = _PUBLICATION_TYPES.get(_plain(item.get("type")), "other")
    if kind == "other" and item.get("URL") and not item.get("container-title"):
        kind = "webpage"  # BibTeX has no web page type: @misc with a url is one
    citation = ET.Element("element-citation", {"publication-type": kind})
    _people(citation, item.get("author"), "author")
    _people(citation, item.get("editor"), "editor")
    title, container = item.get("title"), item.get("container-title")
    if kind in _CONTAINED:
        _text(citation, "article-title", title)
        _text(citation, "source", item.get("container-title-short") or container)
    elif container:  # a chapter of a book, an entry in a reference work
        _text(citation, "chapter-title", title)
        _text(citation, "source", container)
    else:
        _text(citation, "source", title)
    _text(citation, "edition", item.get("edition"))
    _text(citation, "publisher-loc", item.get("publisher-place"))
    _text(citation, "publisher-name", item.get("publisher"))
    _date(citation, item.get("issued"))
    _text(citation, "volume", item.get("volume"))
    _text(citation, "issue", item.get("issue"))
    _pages(citation, _plain(item.get("page")))
    _ids_and_links(citation, item)
    return citation


def _people(citation: ET.Element, names: Any, role: str) -> None:
    names = [n for n in names if isinstance(n, dict)] if isinstance(names, list) else []
    if not names:
        return
    group = ET.SubElement(citation, "person-group", {"person-group-type": role})
    for person in names:
        family = _plain(person.get("family"))
        # Particles stay with the surname ("von Schoen-Angerer"), as NLM indexes them.
        particles = [_plain(person.get(k)) for k in ("dropping-particle", "non-dropping-particle")]
        if family:
            name = ET.SubElement(group, "name")
            _text(name, "surname", " ".join([*filter(None, particles), family]))
            _text(name, "given-names", person.get("given"))
            _text(name, "suffix", person.get("suffix"))
        else:  # a group or a name typed as one piece ("literal")
            _text(group, "collab", person.get("literal") or person.get("given"))


def _parts(date: Any) -> list[Any]:
    if not isinstance(date, dict):
        return []
    parts = date.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list):
        return [p for p in parts[0] if isinstance(p, (int, str)) and str(p).strip()]
    return [date["literal"]] if date.get("literal") else []


def _date(citation: ET.Element, issued: Any) -> None:
    parts = _parts(issued)
    if parts:
        _text(citation, "year", parts[0])


def _pages(citation: ET.Element, pages: str) -> None:
    first, dash, last = pages.replace("\u2013", "-").partition("-")
    if dash and first.strip() and last.strip():
        _text(citation, "fpage", first.strip())
        _text(citation, "lpage", last.strip())
    elif pages.isdigit():
        _text(citation, "fpage", pages)
    else:
        _text(citation, "elocation-id", pages)


def _ids_and_links(citation: ET.Element, item: dict[str, Any]) -> None:
    for key, kind in (("DOI", "doi"), ("PMID", "pmid"), ("PMCID", "pmcid")):
        _text(citation, "pub-id", item.get(key), **{"pub-id-type": kind})
    accessed = _parts(item.get("accessed"))
    if accessed:
        iso = "-".join(
            f"{int(p):02d}" if str(p).isdigit() and i else str(p) for i, p in enumerate(accessed)
        )
        _text(citation, "date-in-citation", iso, **{"content-type": "access-date"})
    url = _plain(item.get("URL"))
    if url.startswith(("http://", "https://")):
        _text(citation, "ext-link", url, **{"ext-link-type": "uri", f"{{{XLINK}}}href": url})
