"""The manuscript's metadata block (a Markdown header, Word's document properties and
Title/Author/Abstract styles, JATS front matter) to title, authors, keywords, abstract
and, where pandoc read them from JATS, the references."""

from __future__ import annotations

from carekit.manuscript.ast_text import blocks_text, inline_text
from carekit.manuscript.headings import place_of
from carekit.manuscript.parts import Imported

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Node = dict[str, Any]


def meta_text(value: Node) -> str:
    kind, content = value.get("t"), value.get("c")
    if kind == "MetaInlines":
        return inline_text(content).strip()
    if kind == "MetaString":
        return str(content)
    if kind == "MetaBlocks":
        return blocks_text(content)
    if kind == "MetaList":
        return "; ".join(meta_text(item) for item in content)
    if kind == "MetaMap":
        return meta_text(content["name"]) if "name" in content else ""
    return ""


def _list(value: Node | None) -> list[Node]:
    if not value:
        return []
    return value["c"] if value.get("t") == "MetaList" else [value]


def read_meta(meta: dict[str, Node], out: Imported, jats: bool) -> None:
    where = "/article/front/article-meta" if jats else "metadata"
    if "title" in meta:
        out.meta["title"] = (meta_text(meta["title"]), f"{where}, title")
    for author in _list(meta.get("author")):
        facts = {"name": meta_text(author)}
        if author.get("t") == "MetaMap":
            for key in ("email", "orcid"):
                if key in author["c"]:
                    facts[key] = meta_text(author["c"][key])
            affiliation = author["c"].get("affiliation")
            if affiliation:
                facts["affiliations"] = [meta_text(a) for a in _list(affiliation)]
        if facts["name"]:
            out.entry("authors", facts, f"{where}, author")
    for keyword in _list(meta.get("keywords")):
        out.entry("keywords", {"text": meta_text(keyword)}, f"{where}, keywords")
    if "abstract" in meta:
        _abstract(meta["abstract"], out, f"{where}, abstract")
    for reference in _list(meta.get("references")):
        out.entry("references", _csl(reference), f"{where}, ref-list")


def _abstract(value: Node, out: Imported, where: str) -> None:
    """A structured abstract (sub-headings or bold lead-ins) by part, else one text."""
    if value.get("t") == "MetaInlines":  # one run of text: its bold lead-ins split it
        blocks = [{"t": "Para", "c": run} for run in _runs_at_lead_ins(value["c"])]
    else:
        blocks = value["c"] if value.get("t") == "MetaBlocks" else []
    part = None
    for block in blocks:
        lead = _lead_in(block)
        if lead is not None:
            part = place_of(lead[0], in_abstract=True) or part
            text = lead[1]
        else:
            text = blocks_text([block])
        out.add(part or "abstract.text", text, where)
    if not blocks:
        out.add("abstract.text", meta_text(value), where)


def _runs_at_lead_ins(inlines: list[Node]) -> list[list[Node]]:
    """Inlines cut before each bold abstract heading ("**Background:** ... **Case
    presentation:** ...")."""
    runs: list[list[Node]] = [[]]
    for node in inlines:
        heading = node.get("t") == "Strong" and place_of(inline_text(node["c"]), True)
        if heading and runs[-1]:
            runs.append([])
        runs[-1].append(node)
    return [run for run in runs if run]


def _lead_in(block: Node) -> tuple[str, str] | None:
    """("Background", rest) for a heading or a paragraph opening with bold words."""
    if block.get("t") == "Header":
        return inline_text(block["c"][2]), ""
    inlines = block.get("c") if block.get("t") in ("Para", "Plain") else None
    if inlines and inlines[0].get("t") == "Strong":
        heading = inline_text(inlines[0]["c"])
        if place_of(heading, in_abstract=True):
            return heading, inline_text(inlines[1:]).strip()
    return None


_CSL_KEYS = {
    "id": "id",
    "title": "title",
    "container-title": "journal",
    "volume": "volume",
    "issue": "issue",
    "page": "pages",
    "DOI": "doi",
    "PMID": "pmid",
    "publisher": "publisher",
    "URL": "url",
}


def _csl(reference: Node) -> dict[str, Any]:
    """A reference pandoc read from JATS (CSL fields) in the draft's reference keys."""
    fields = reference["c"] if reference.get("t") == "MetaMap" else {}
    entry: dict[str, Any] = {
        ours: meta_text(fields[csl]) for csl, ours in _CSL_KEYS.items() if csl in fields
    }
    authors = []
    for person in _list(fields.get("author")):
        parts = person["c"] if person.get("t") == "MetaMap" else {}
        family, given = meta_text(parts.get("family", {})), meta_text(parts.get("given", {}))
        authors.append(f"{family} {given}".strip() or meta_text(parts.get("literal", {})))
    if authors:
        entry["authors"] = authors
    issued = fields.get("issued")
    year = meta_text(issued)[:4] if issued else ""
    if year.isdigit():
        entry["year"] = int(year)
    return entry
