"""Markdown -> Word (.docx) with python-docx, from the same Markdown as the other formats.

markdown-it-py parses the manuscript's Markdown and the tokens become Word's own
structure: heading styles, paragraphs with bold, italic and superscript runs, lists,
real Word tables (timeline, labs, interventions), figures embedded with captions, page
numbers in the footer, and for review the double spacing and line numbering journals ask
for. SVG figures are rasterised with CairoSVG in its safe mode (it loads nothing but
data: URLs), since Word documents take PNG.
"""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import unquote

from carekit.render.assets import Assets

CAPTION_STYLE = "Caption"
IMAGE_WIDTH_CM = 14.0
IMAGE_HEIGHT_CM = 20.0  # a tall figure is scaled down to fit the page, not cropped


def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_plugin

    from carekit.render.html import _figure_container, _superscripts

    md = (
        MarkdownIt("commonmark", {"html": False})
        .enable(["table", "strikethrough"])
        .use(attrs_plugin, spans=True, after=("link_close", "image"))
        .use(_figure_container("figure"))
        .use(_figure_container("table"))
    )
    md.core.ruler.push("carekit_superscripts", _superscripts)
    return md


def _picture(document: Any, src: str, data: bytes, mime: str) -> None:
    """Add one figure, scaled to fit the page; a figure Word or the converter cannot take
    becomes a RenderError naming it, never a crash."""
    from docx.shared import Cm

    from carekit.render.assets import RenderError
    from carekit.render.wordimages import word_image

    try:
        png, width, height = word_image(data, mime)
        scale = min(IMAGE_WIDTH_CM / width, IMAGE_HEIGHT_CM / height)
        document.add_picture(io.BytesIO(png), width=Cm(width * scale), height=Cm(height * scale))
    except Exception as error:  # a third-party decoder fed with an author's file
        raise RenderError(
            f"The figure {unquote(src)} cannot be put into the Word document "
            f"({type(error).__name__}: {error}); save it again as PNG or JPEG."
        ) from None


def _runs(paragraph: Any, children: list) -> None:
    """Inline tokens as runs, keeping bold, italic, superscript and code."""
    bold = italic = sup = False
    for token in children:
        kind = token.type
        if kind in ("strong_open", "strong_close"):
            bold = kind == "strong_open"
        elif kind in ("em_open", "em_close"):
            italic = kind == "em_open"
        elif kind in ("sup_open", "sup_close"):
            sup = kind == "sup_open"
        elif kind in ("text", "code_inline") and token.content:
            run = paragraph.add_run(token.content)
            run.bold, run.italic = bold or None, italic or None
            if sup:
                run.font.superscript = True
            if kind == "code_inline":
                run.font.name = "Courier New"
        elif kind in ("softbreak",):
            paragraph.add_run(" ")
        elif kind == "hardbreak":
            paragraph.add_run().add_break()


def _page_number_footer(document: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = 1  # centre
    paragraph.add_run("Page ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def _review_layout(document: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document.styles["Normal"].paragraph_format.line_spacing = 2.0
    numbering = OxmlElement("w:lnNumType")
    numbering.set(qn("w:countBy"), "1")
    numbering.set(qn("w:restart"), "continuous")
    document.sections[0]._sectPr.append(numbering)


def markdown_to_docx(markdown: str, assets: Assets | None, review: bool = False) -> bytes:
    from docx import Document

    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    tokens = _parser().parse(markdown)
    i = 0
    list_style: list[str] = []
    in_figure = False
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1])
            heading = document.add_heading(level=0 if level == 1 else level - 1)
            _runs(heading, tokens[i + 1].children or [])
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_style.append("List Bullet" if kind == "bullet_list_open" else "List Number")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_style.pop()
        elif kind.startswith("container_figure"):
            in_figure = kind.endswith("_open")
        elif kind == "paragraph_open":
            children = tokens[i + 1].children or []
            images = [c for c in children if c.type == "image"]
            if images and assets is not None:
                for image in images:
                    src = str(image.attrGet("src") or "")
                    _picture(document, src, *assets.image(src))
            else:
                caption = in_figure or (i > 0 and tokens[i - 1].type == "container_table_open")
                style = CAPTION_STYLE if caption else (list_style[-1] if list_style else None)
                paragraph = document.add_paragraph(style=style)
                _runs(paragraph, children)
            i += 3
            continue
        elif kind == "table_open":
            i = _table(document, tokens, i)
            continue
        i += 1
    _page_number_footer(document)
    if review:
        _review_layout(document)
    if assets is not None:
        assets.raise_refused()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(document: Any, tokens: list, start: int) -> int:
    """A Markdown table as a Word table with a bold header row; returns the next index."""
    rows: list[list[list]] = []
    i = start
    while tokens[i].type != "table_close":
        if tokens[i].type == "tr_open":
            rows.append([])
        elif tokens[i].type == "inline":
            rows[-1].append(tokens[i].children or [])
        i += 1
    from docx.table import _Cell

    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    # Cells straight from each row's XML: table.cell(r, c) rescans the whole table, which
    # made a timeline of a few thousand entries take minutes.
    for r, (row, tr) in enumerate(zip(rows, table._tbl.tr_lst, strict=True)):
        for children, tc in zip(row, tr.tc_lst, strict=False):
            paragraph = _Cell(tc, table).paragraphs[0]
            _runs(paragraph, children)
            if r == 0:
                for run in paragraph.runs:
                    run.bold = True
    document.add_paragraph()
    return i + 1


def checklist_docx(markdown: str) -> bytes:
    return markdown_to_docx(markdown, None)
