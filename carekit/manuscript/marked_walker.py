"""The walk through a manuscript carekit rendered: each field mark sends the blocks after
it to its draft field (see marked.py); blocks before the first mark, and after a heading
that carries no mark, are placed by their headings like any manuscript's."""

from __future__ import annotations

from carekit.draft import written
from carekit.manuscript import marked, own_layout, tables
from carekit.manuscript.ast_text import block_text, blocks_text, inline_text
from carekit.manuscript.mapping import Walker, read_with
from carekit.manuscript.parts import Imported
from carekit.render.numbering import anchor

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Node = dict[str, Any]


_TABLES = {"diagnostics.labs": "labs", "timeline": "timeline", "interventions": "interventions"}
_LISTS = {
    "diagnostics.imaging": marked.result_entry,
    "diagnostics.other_results": marked.result_entry,
    "diagnostics.differential": marked.differential_entry,
    "intervention_changes": lambda item: own_layout.change(blocks_text(item)),
}
# Fields printed as "**Label.** value." (the template's full stop is not the value's).
_SENTENCE_VALUES = ("diagnostics.final_diagnosis", "follow_up.duration")


def read_marked(tree: dict[str, Any], jats: bool, word: bool) -> Imported:
    """The draft parts of a manuscript carekit rendered, placed by its field marks."""
    return read_with(MarkedWalker(jats, word), tree)


class MarkedWalker(Walker):
    def __init__(self, jats: bool, word: bool = False) -> None:
        super().__init__(jats)
        self.word = word
        self.region: marked.Region | None = None
        self.pending: list[tuple[str, str]] = []
        self.token: str | None = None  # declared by the document's first mark
        self.held: Node | None = None  # a picture, waiting for the marks on its caption
        self.untitled = False
        self.points: list[str] = []  # the learning points read, as printed

    def block(self, block: Node) -> None:
        marks, block = marked.take_marks(block)
        if self.word and block is not None:
            block = marked.straight_quotes(block)
        for token, path, value in marks:
            if path == "marks" and self.token is None:
                self.token = token
            elif token and token == self.token and marked.allowed(path):
                if path.startswith(written.PREFIX):  # a value as written: kept aside
                    self.out.written[path.removeprefix(written.PREFIX)] = value
                else:
                    self.pending.append((path, value))
        if block is None:
            return
        if not marks and marked.images(block):  # Word: the figure's marks are on its caption
            self.flush()
            self.held = block
            return
        held, self.held = self.held, None
        if any(path == "untitled" for path, _value in self.pending):
            self.untitled = True  # the title printed is carekit's placeholder
        self.pending = [m for m in self.pending if m[0] != "untitled"]
        for path, value in [m for m in self.pending if m[0] in marked.FACTS]:
            self.out.meta[path] = (value, "carekit's marks")  # settings, never printed
        self.pending = [m for m in self.pending if m[0] not in marked.FACTS]
        if self.pending:
            self.region, self.pending = marked.Region(self.pending), []
        elif block.get("t") == "Header":
            self.region = None  # a section carekit did not mark: placed by its heading
        if held is not None:
            self.place(held)
        self.place(block)

    def flush(self) -> None:
        held, self.held = self.held, None
        if held is not None:
            self.place(held)

    def place(self, block: Node) -> None:
        if self.region is None:
            super().block(block)
        elif block.get("t") == "Div":
            self.walk(block["c"][1])
        elif block.get("t") == "Header":
            self.places.heading(block["c"][0], inline_text(block["c"][2]).strip())
        else:
            self.in_region(self.region, block)
            self.region.blocks += 1

    def header(self, level: int, text: str) -> None:
        if self.token and text in own_layout.OWN_HEADINGS:  # the template's, not a section
            self.places.heading(level, text)
            self.target = "unplaced"
            return
        super().header(level, text)

    def finish(self) -> None:
        self.flush()
        if self.untitled:
            self.out.meta.pop("title", None)
        self.points_as_written()

    def points_as_written(self) -> None:
        """BMJ's bullets back to the lessons and conclusion as written (their paragraph
        and list breaks), while the bullets' words are the ones printed (written.py)."""
        carried = written.joined(self.out.written, "learning_points")
        found = (
            carried
            and self.points
            and written.restored("learning_points", carried, " ".join(self.points))
        )
        if not found or not all(isinstance(v, str) for v in found.values()):
            return
        for field, key in (("discussion.lessons", "lessons"), ("conclusion", "conclusion")):
            pieces = self.out.fields.get(field) or []
            text = " ".join(t for t, _where in pieces)
            if written.printed_hash(text) != written.printed_hash(found.get(key, "")):
                return  # the points read are not these texts: they stay as printed
        for field, key in (("discussion.lessons", "lessons"), ("conclusion", "conclusion")):
            if self.out.fields.get(field) and key in found:
                self.out.fields[field] = [(found[key], self.out.fields[field][0][1])]

    def in_region(self, region: marked.Region, block: Node) -> None:
        field, kind = region.field, block.get("t")
        where = self.places.block("table-wrap" if kind == "Table" else "p")
        words = block_text(block)
        if kind not in ("Table", "BulletList", "OrderedList") and self.own_words(
            marked.plain(words)
        ):
            return
        if field in _TABLES and kind == "Table":
            for row in marked.table_rows(block, _TABLES[field]):
                self.out.entry(field, self.as_written(field, row), where)
        elif field in _LISTS and kind in ("BulletList", "OrderedList"):
            for item in marked.list_items(block):
                self.out.entry(field, _LISTS[field](item), where)
        elif field.startswith("references.") or field == "cited":
            self.references(region, block, where)
        elif field.startswith("figures."):
            self.figure_part(region, block, where)
        elif field.startswith("tables."):
            self.table_part(region, block, where)
        elif field == "learning_points":
            self.learning_points(region, block, where)
        elif field in _TABLES or field in _LISTS:
            self.out.unplaced.append((words, where))
        else:
            self.value(region, block, words, where)

    def as_written(self, field: str, row: dict[str, Any]) -> dict[str, Any]:
        """A table row with the values its mark carries as the draft wrote them, when the
        cells that print them are unchanged (draft/written.py)."""
        printed = row.pop(marked.PRINTED, None)
        path = f"{field}.{len(self.out.entries.get(field, []))}"
        carried = self.out.written.get(path)
        kept = carried and printed is not None and written.restored(path, carried, printed)
        return {**row, **kept} if kept else row

    def own_words(self, words: str) -> bool:
        """carekit's sentence before a table, or a table's caption (its number noted)."""
        found = own_layout.caption(words)
        if found and self.region and self.region.field in _TABLES:
            self.out.crossrefs[(found[0], found[1])] = _TABLES[self.region.field]
            return True
        label = words.startswith("**") and words.endswith("**")  # a label on its own
        return own_layout.own_sentence(words) or bool(
            label and own_layout.LABELS.match(words.strip("*"))
        )

    def value(self, region: marked.Region, block: Node, words: str, where: str) -> None:
        """A field's text, without the label the template printed before it."""
        field = region.field
        lead = marked.lead_in(block) if region.blocks == 0 else None
        notes = field.startswith("interventions.") and field.endswith(".notes")
        if lead and (own_layout.LABELS.match(lead[0]) or notes):
            words = lead[1]
        if field == "patient.demographics":
            facts = own_layout.demographics(words, region.carried("demographics") or "") or {}
            for key, fact in facts.items():
                self.out.meta[f"patient.{key}"] = (fact, where)
            if not facts:
                self.out.unplaced.append((words, where))
        elif field == "patient.comorbidities":
            items = [c for c in words.removesuffix(".").split("; ") if c]
            self.out.meta["patient.comorbidities"] = (items, where)
        elif field.startswith("patient.past_interventions."):
            past = own_layout.past_intervention(lead[0], lead[1]) if lead else None
            self.out.entry("patient.past_interventions", past or {"intervention": words}, where)
        elif notes:
            self.notes(int(field.split(".")[1]), words, where)
        elif field == "authors":
            self.authors(region, words, where)
        elif field == "bibliography":
            self.out.unplaced.append((words, where))
        else:
            if field in _SENTENCE_VALUES:
                words = words.removesuffix(".")
            self.out.add(field, words, where)

    def notes(self, index: int, words: str, where: str) -> None:
        found = self.out.entries.setdefault("interventions", [])
        if index < len(found):
            found[index][0]["notes"] = words
        else:
            self.out.entry("interventions", {"notes": words}, where)

    def references(self, region: marked.Region, block: Node, where: str) -> None:
        bibliography = region.carried("bibliography")
        if bibliography:
            self.out.meta["bibliography"] = (bibliography, where)
        keys = marked.reference_keys(region.marks)
        items = marked.list_items(block)
        for n, item in enumerate(items):
            place, key = keys[n] if n < len(keys) else (None, "")
            number = str(n + 1)
            if key:
                self.out.citation_keys[number] = key
            if place is None and key:
                continue  # an entry of the bibliography file the draft names
            entry = {"text": blocks_text(item), "id": key or f"ref{number}", "place": place}
            carried = self.out.written.get(f"references.{place}")
            as_written = carried and written.restored(f"references.{place}", carried, entry["text"])
            if as_written and as_written.get("id") == key:  # the entry as the draft wrote it
                entry["written"] = as_written
            self.out.entry("references", entry, where)

    def figure_part(self, region: marked.Region, block: Node, where: str) -> None:
        index = int(region.field.split(".")[1])
        figures = self.out.entries.setdefault("figures", [])
        if not figures or figures[-1][0].get("place") != index:
            entry = {"place": index, "id": region.carried(".id") or f"fig-{index + 1}"}
            self.out.anchors[anchor("fig", entry["id"])] = entry["id"]
            if region.carried(".file"):
                entry["file"] = region.carried(".file")
            self.out.entry("figures", entry, where)
        entry = figures[-1][0]
        images = marked.images(block)
        if images:
            entry["alt"] = inline_text(images[0]["c"][1]).strip()
        said = blocks_text(block["c"][1][1]) if block.get("t") == "Figure" else ""
        if images and said in ("", entry.get("alt")):  # Markdown: the alt text as caption
            return
        text = said or block_text(block)  # Word: the caption under the picture
        found = own_layout.caption(text)
        if found and found[0] == "fig":
            self.out.crossrefs[("fig", found[1])] = entry["id"]
            entry["caption"] = found[2]
        else:
            self.out.unplaced.append((text, where))

    def table_part(self, region: marked.Region, block: Node, where: str) -> None:
        key = region.carried(".id") or f"tbl{int(region.field.split('.')[1]) + 1}"
        self.out.anchors[anchor("tbl", key)] = key
        if block.get("t") == "Table":
            grid = tables.grid(block)
            found = own_layout.caption(grid.caption)  # Word: the caption is the table's
            if found and found[0] == "tbl":
                self.out.crossrefs[("tbl", found[1])] = key
            entry = {"id": key, "caption": region.caption or (found[2] if found else grid.caption)}
            self.out.entry("tables", {**entry, "header": grid.header, "rows": grid.rows}, where)
            return
        found = own_layout.caption(block_text(block))
        if found and found[0] == "tbl":
            self.out.crossrefs[("tbl", found[1])] = key
            region.caption = found[2]
        else:
            self.out.unplaced.append((block_text(block), where))

    def learning_points(self, region: marked.Region, block: Node, where: str) -> None:
        """The first N points are the lessons, the rest the conclusion (N: the mark)."""
        lessons = int(region.carried("learning_points") or 0)
        for item in marked.list_items(block):
            field = "discussion.lessons" if region.points < lessons else "conclusion"
            region.points += 1
            pieces = self.out.fields.setdefault(field, [])
            text = blocks_text(item)
            self.points.append(text)
            if pieces and block.get("t") == "BulletList":  # one text, split by sentences
                pieces[-1] = (f"{pieces[-1][0]} {text}", pieces[-1][1])
            else:
                pieces.append((text, where))

    def authors(self, region: marked.Region, words: str, where: str) -> None:
        """The authors' line (the metadata's list, if any, gives way to it: it also says
        who corresponds), then the correspondence line's e-mail address."""
        if region.blocks == 0:
            self.out.entries["authors"] = [(a, where) for a in marked.authors(words)]
            return
        named = marked.affiliations(words)
        if named:
            for author, _where in self.out.entries.get("authors", []):
                numbers = author.pop("numbers", [])
                if numbers and all(n in named for n in numbers):
                    author["affiliations"] = [named[n] for n in numbers]
            return
        email = marked.correspondence(words)
        for author, _where in self.out.entries.get("authors", []):
            if email and author.get("corresponding"):
                author["email"] = email
        if email is None:  # not the correspondence line carekit prints
            self.out.unplaced.append((words, where))
