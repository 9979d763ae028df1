"""Build templates/*/reference.docx, the styles pandoc's Word output takes, from pandoc's own
default reference document: a script rather than a file edited by hand in Word, so every
template's styles are reproducible and reviewable.

    python scripts/make_reference_docx.py

Changes to pandoc's default: 12 pt serif body and headings in black, 25 mm margins on A4
(the renderer sets Letter when asked), captions in Word's Caption style, tables ruled
above, below and under the header row, and the page number in the footer.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERIF = "Times New Roman"
TEMPLATES = ("_common", "default", "jmcr", "bmj-case-reports")


def _default_reference() -> bytes:
    from carekit.render.pandoc import pandoc_binary

    done = subprocess.run(
        [str(pandoc_binary()), "--print-default-data-file", "reference.docx"],
        capture_output=True,
        check=True,
    )
    return done.stdout


def _fonts(style, name: str) -> None:
    from docx.oxml.ns import qn

    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)


def _table_rules(style) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = style.element.find(qn("w:tblPr"))
    if properties is None:
        properties = OxmlElement("w:tblPr")
        style.element.append(properties)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "bottom", "insideH"):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    properties.append(borders)


def _page_number_footer(section) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    # review line numbers are for the text: LibreOffice would number the footer line too
    # (before the alignment: the schema orders a paragraph's properties)
    paragraph._p.get_or_add_pPr().append(OxmlElement("w:suppressLineNumbers"))
    paragraph.alignment = 1  # centre
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def reference_docx() -> bytes:
    from docx import Document
    from docx.shared import Mm, Pt, RGBColor

    document = Document(io.BytesIO(_default_reference()))
    styles = document.styles
    for name in ("Normal", "Body Text", "First Paragraph", "Compact"):
        _fonts(styles[name], SERIF)
        styles[name].font.size = Pt(12)
    for level, size in ((1, 16), (2, 14), (3, 12)):
        heading = styles[f"Heading {level}"]
        _fonts(heading, SERIF)
        heading.font.size = Pt(size)
        heading.font.color.rgb = RGBColor(0, 0, 0)
        # Bold, as journals' own templates set their headings: at 12 pt a third-level
        # heading would otherwise look like body text.
        heading.font.bold = True
    for name in ("Caption", "Image Caption", "Table Caption"):
        caption = next(s for s in styles if s.name == name)  # by name, not style id
        _fonts(caption, SERIF)
        caption.font.size = Pt(11)
        caption.font.italic = False
        caption.font.color.rgb = RGBColor(0, 0, 0)
    _table_rules(styles["Table"])
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25))
    _page_number_footer(section)
    core = document.core_properties
    core.author = core.last_modified_by = core.title = core.comments = ""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def main() -> None:
    data = reference_docx()
    for name in TEMPLATES:
        path = ROOT / "templates" / name / "reference.docx"
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
