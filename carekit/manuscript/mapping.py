"""A manuscript's syntax tree to the parts of a draft, each with the place it came from.

Nothing is dropped: a block that cannot be placed goes to `unplaced` with its place.
"""

from __future__ import annotations

import re

from carekit.manuscript import own_layout, tables
from carekit.manuscript.ast_text import block_text, blocks_text, inline_text, notes
from carekit.manuscript.headings import place_of
from carekit.manuscript.metadata import read_meta
from carekit.manuscript.parts import Imported
from carekit.manuscript.places import Places

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Node = dict[str, Any]


_KEYWORDS_RE = re.compile(r"^\s*(?:key ?words|index terms)\s*[:.\u2014-]\s*", re.I)
_FIGURE_LEGEND_RE = re.compile(r"^\s*\**\s*(?:figure|fig\.?)\s*(\d+)\s*[.:\u2014-]?\s*\**\s*", re.I)
_AGE_SEX_RE = re.compile(
    r"\b(\d{1,3})[- ](year|month|week|day)s?[- ]old\s+(woman|man|female|male|girl|boy|"
    r"lady|gentleman|infant|neonate)?",
    re.I,
)
_SEXES = {
    "woman": "female",
    "female": "female",
    "girl": "female",
    "lady": "female",
    "man": "male",
    "male": "male",
    "boy": "male",
    "gentleman": "male",
}


class Walker:
    def __init__(self, jats: bool) -> None:
        self.out = Imported()
        self.places = Places(jats)
        self.target: str | None = "start"
        self.case_paragraphs = 0
        self.abstract_level = 0  # the abstract's heading level while inside it, else 0
        self.section_level = 0  # the level of the heading that chose the current target

    def finish(self) -> None:
        """After the last block (a marked manuscript checks what its marks said)."""

    def walk(self, blocks: list[Node]) -> None:
        for block in blocks:
            self.block(block)

    def block(self, block: Node) -> None:
        kind = block.get("t")
        if kind == "Header":
            self.header(block["c"][0], inline_text(block["c"][2]).strip())
        elif kind == "Table":
            self.table(block)
        elif kind == "Figure":
            self.figure(block)
        elif kind == "Div":
            self.walk(block["c"][1])
        elif kind == "HorizontalRule":
            return
        elif kind in ("Para", "Plain") and _only_image(block):
            self.image(block["c"][0])
        elif kind in ("Para", "Plain") and self.pseudo_heading(block):
            return
        else:
            self.text(block)

    @property
    def in_abstract(self) -> bool:
        return self.abstract_level > 0

    def header(self, level: int, text: str) -> None:
        if level <= self.abstract_level:
            self.abstract_level = 0
        place = place_of(text, self.in_abstract)
        if self.target == "start" and text == self.out.meta.get("title", ("",))[0]:
            self.target = "title"  # the title again, below a metadata block that has it
            return
        if place is None and self.target == "start" and "title" not in self.out.meta:
            self.out.meta["title"] = (text, "the first heading")
            self.target = "title"
            return
        self.places.heading(level, text)
        if place == "abstract":
            self.abstract_level = level
        deeper = level > self.section_level
        if place is None and deeper and self.target not in (None, "start", "unplaced", "title"):
            # An unknown sub-heading inside a known section: its words stay with the text.
            self.place_text(f"**{text}**", self.places.block("title"))
            return
        self.section_level = level
        self.target = place or "unplaced"
        self.case_paragraphs = 0
        if place is None:
            self.out.unplaced.append((text, self.places.trail))

    def pseudo_heading(self, block: Node) -> bool:
        """A paragraph opening with bold words that name a section ("**Family history.**")."""
        inlines = block["c"]
        if not inlines or inlines[0].get("t") != "Strong":
            return False
        lead = inline_text(inlines[0]["c"])
        past = own_layout.past_intervention(lead, inline_text(inlines[1:]))
        if past:
            self.out.entry("patient.past_interventions", past, self.places.block("p"))
            return True
        place = place_of(lead, self.in_abstract)
        if place is None or place in ("case", "container"):
            return False
        rest = inline_text(inlines[1:]).strip()
        if not rest:  # a bold line on its own heads what follows it
            self.target = place
            return True
        # Bold words opening a paragraph head that paragraph only.
        section, self.target = self.target, place
        self.text({"t": "Para", "c": inlines[1:]})
        self.target = section
        return True

    def _field(self) -> str:
        target = self.target or "unplaced"
        if target == "case":
            self.case_paragraphs += 1
            return (
                "patient.presenting_concern" if self.case_paragraphs == 1 else "clinical_findings"
            )
        return target

    def text(self, block: Node) -> None:
        words = block_text(block)
        if not words:
            return
        if self.target == "intervention_changes":
            items = block["c"] if block["t"] == "BulletList" else [[block]]
            for item in items:
                change = own_layout.change(blocks_text(item))
                self.out.entry("intervention_changes", change, self.places.block("list"))
            return
        if self.target == "references" and block["t"] in ("OrderedList", "BulletList"):
            items = block["c"] if block["t"] == "BulletList" else block["c"][1]
            for item in items:
                self.place_text(blocks_text(item), self.places.block("ref"))
            return
        where = self.places.block("list" if block["t"].endswith("List") else "p")
        for note in notes(block.get("c") or []) if block["t"] in ("Para", "Plain") else []:
            self.out.unplaced.append((blocks_text(note), f"{where}, footnote"))
        self.place_text(words, where)

    def place_text(self, words: str, where: str) -> None:
        target = self.target
        if target in ("start", "title", "unplaced", "container", None):
            if _KEYWORDS_RE.match(words):
                self.keywords(_KEYWORDS_RE.sub("", words), where)
            else:
                self.out.unplaced.append((words, where))
        elif target == "keywords":
            self.keywords(words, where)
        elif target == "abstract":
            self.out.add("abstract.text", words, where)
        elif target == "references":
            self.out.entry("references", {"text": words}, where)
        elif target == "figures":
            self.legend(words, where)
        elif target == "interventions":
            self.out.add("interventions.notes", words, where)
        elif target == "timeline":
            self.out.add("timeline.narrative", words, where)
        else:
            facts = own_layout.demographics(words) if self.target == "case" else None
            if facts and self.case_paragraphs == 0 and "patient.age" not in self.out.meta:
                for key, value in facts.items():  # carekit's own demographics sentence
                    self.out.meta[f"patient.{key}"] = (value, where)
                return
            field = self._field()
            if field == "patient.presenting_concern":
                self.demographics(words, where)
            self.out.add(field, words, where)

    def keywords(self, words: str, where: str) -> None:
        for word in re.split(r"\s*[;,\u00b7]\s*", words.strip().rstrip(".")):
            if word:
                self.out.entry("keywords", {"text": word}, where)

    def demographics(self, words: str, where: str) -> None:
        found = _AGE_SEX_RE.search(words)
        if not found or "patient.age" in self.out.meta:
            return
        number, unit, noun = found.groups()
        self.out.meta["patient.age"] = (f"{number} {unit.lower()}s", where)
        if noun and noun.lower() in _SEXES:
            self.out.meta["patient.sex"] = (_SEXES[noun.lower()], where)

    def legend(self, words: str, where: str) -> None:
        found = _FIGURE_LEGEND_RE.match(words)
        if not found:
            self.out.unplaced.append((words, where))
            return
        caption = words[found.end() :]
        figures = self.out.entries.get("figures") or []
        if figures and "caption" not in figures[-1][0]:  # the legend under its image
            figures[-1][0]["caption"] = caption
            return
        self.out.entry("figures", {"id": f"fig-{found.group(1)}", "caption": caption}, where)

    def table(self, block: Node) -> None:
        where = self.places.block("table-wrap")
        grid = tables.grid(block)
        kind = tables.kind_of(grid.header)
        if kind == "labs":
            for entry in tables.lab_entries(grid):
                self.out.entry("diagnostics.labs", entry, where)
        elif kind == "timeline":
            for row in tables.role_entries(grid, ("when", "event")):
                self.out.entry("timeline", row, where)
        elif kind == "interventions":
            keys = ("name", "dose", "route", "frequency", "duration", "type")
            for row in tables.role_entries(grid, keys):
                self.out.entry("interventions", row, where)
        else:
            entry = {"caption": grid.caption, "header": grid.header, "rows": grid.rows}
            self.out.entry("tables", entry, where)
            return
        if grid.caption:
            self.out.unplaced.append((grid.caption, f"{where}, caption"))

    def figure(self, block: Node) -> None:
        _attr, caption, content = block["c"]
        images = [n for b in content for n in (b.get("c") or []) if n.get("t") == "Image"]
        where = self.places.block("fig")
        entry = _image_facts(images[0]) if images else {}
        said = blocks_text(caption[1])
        if said and said != entry.get("alt"):  # an image alone gets its alt text as caption
            entry["caption"] = said
        self.out.entry("figures", entry, where)

    def image(self, node: Node) -> None:
        self.out.entry("figures", _image_facts(node), self.places.block("fig"))


def _only_image(block: Node) -> bool:
    content = [n for n in block["c"] if n.get("t") not in ("Space", "SoftBreak")]
    return len(content) == 1 and content[0].get("t") == "Image"


def _image_facts(node: Node) -> dict[str, str]:
    _attr, alt, (source, _title) = node["c"]
    return {"alt": inline_text(alt).strip(), "source": source}


def read_blocks(tree: dict[str, Any], jats: bool) -> Imported:
    """Map the manuscript's blocks (and its metadata) to draft parts."""
    return read_with(Walker(jats), tree)


def read_with(walker: Walker, tree: dict[str, Any]) -> Imported:
    """The draft parts `walker` reads from the manuscript's metadata and blocks."""
    read_meta(tree.get("meta") or {}, walker.out, walker.places.jats)
    walker.walk(tree.get("blocks") or [])
    walker.finish()
    return walker.out
