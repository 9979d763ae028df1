"""The body and back sections of the JATS article: carekit's Markdown through pandoc's
JATS writer (one run), then figures and tables reshaped into <fig> and <table-wrap>.

pandoc escapes every piece of text it writes, and the result is parsed as XML here, so
draft text stays text: nothing in it can become markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from carekit.render.pandoc import convert as pandoc_convert

XLINK = "http://www.w3.org/1999/xlink"
_HEADING_RE = re.compile(r"^## (.*)$", re.MULTILINE)
_DROPPED = {"abstract", "summary"}  # the front matter holds the abstract
# Declaration headings (lower case, any part) -> sec-type, as JATS4R recommends.
SEC_TYPES = {
    "ethic": "ethics-statement",
    "consent": "consent-statement",
    "data": "data-availability",
    "competing": "COI-statement",
    "conflict": "COI-statement",
    "fund": "funding-statement",
    "contribution": "author-contributions",
    "acknowledg": "acknowledgements",
}


def split_sections(markdown: str) -> tuple[str, str]:
    """(body Markdown, declarations Markdown): the title block, abstract and reference
    list are left out (the front matter and ref-list are built from the draft)."""
    body, back = [], []
    starts = [m.start() for m in _HEADING_RE.finditer(markdown)] + [len(markdown)]
    for start, end in zip(starts, starts[1:], strict=False):
        part = markdown[start:end]
        heading = part.splitlines()[0][3:].strip().lower()
        if heading in _DROPPED or "[]{#ref-" in part:
            continue
        (back if heading.startswith("declaration") else body).append(part)
    return "".join(body), "".join(back)


def request(markdown: str) -> dict:
    """pandoc's request (server API, carekit.render.pandoc) for the body and back of the
    manuscript's Markdown: one conversion; the two parts are split afterwards by a marker
    section pandoc writes with a known id."""
    body_md, back_md = split_sections(markdown)
    marker = "# carekit-back-matter {#carekit-back-matter}\n\n"
    text = body_md + "\n\n" + marker + back_md.replace("\n## ", "\n# ").replace("\n### ", "\n## ")
    return {
        "text": text,
        "from": "markdown-raw_html-raw_attribute",
        "to": "jats_publishing",
        "wrap": "none",
    }


def convert(markdown: str) -> tuple[ET.Element, ET.Element]:
    """(<body>, <back>) of the manuscript's Markdown."""
    xml = pandoc_convert(request(markdown), "the JATS file").decode("utf-8", "replace")
    root = ET.fromstring(f'<body xmlns:xlink="{XLINK}">{xml}</body>')
    body, back = ET.Element("body"), ET.Element("back")
    target = body
    for child in list(root):
        if child.get("id") == "carekit-back-matter":
            target = back
            for sub in list(child):
                if sub.tag == "sec":
                    back.append(_declaration(sub))
            continue
        target.append(child)
    for element in (body, back):
        _reshape(element)
    return body, back


def _declaration(sec: ET.Element) -> ET.Element:
    title = "".join(sec.findtext("title") or "").lower()
    for word, kind in SEC_TYPES.items():
        if word in title:
            sec.set("sec-type", kind)
            break
    return sec


def _reshape(parent: ET.Element) -> None:
    """Figures and tables (pandoc writes carekit's figure and table blocks as boxed-text)
    as <fig> and <table-wrap> with label and caption, in place."""
    for index, child in enumerate(list(parent)):
        ident = child.get("id", "")
        if child.tag == "boxed-text" and ident.startswith("fig-"):
            parent.remove(child)
            parent.insert(index, _figure(child))
        elif child.tag == "boxed-text" and ident.startswith("tbl-"):
            parent.remove(child)
            parent.insert(index, _table(child))
        else:
            _reshape(child)


def _label_caption(box: ET.Element) -> tuple[ET.Element | None, ET.Element | None]:
    """The bold label ("Fig. 1.") and the caption paragraph of a figure or table block."""
    for p in box.findall("p"):
        bold = p.find("bold")
        if bold is not None and (p.text or "").strip() == "":
            label = ET.Element("label")
            label.text = "".join(bold.itertext()).strip().rstrip(".")
            caption = ET.Element("caption")
            rest = ET.SubElement(caption, "p")
            rest.text = (bold.tail or "").lstrip()
            for inline in list(p)[1:]:
                rest.append(inline)
            return label, caption
    return None, None


def _figure(box: ET.Element) -> ET.Element:
    fig = ET.Element("fig", {"id": box.get("id", "")})
    label, caption = _label_caption(box)
    fig.extend(e for e in (label, caption) if e is not None)
    inner = box.find("fig")
    graphic = inner.find("graphic") if inner is not None else None
    if graphic is not None:
        alt = (
            "".join(inner.find("caption").itertext()).strip()
            if inner.find("caption") is not None
            else ""
        )
        kept = ET.SubElement(fig, "graphic", dict(graphic.attrib))
        if alt:
            ET.SubElement(kept, "alt-text").text = alt
    return fig


def _table(box: ET.Element) -> ET.Element:
    wrap = ET.Element("table-wrap", {"id": box.get("id", "")})
    label, caption = _label_caption(box)
    wrap.extend(e for e in (label, caption) if e is not None)
    table = box.find(".//table")
    if table is not None:
        wrap.append(table)
    return wrap
