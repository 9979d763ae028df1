"""A manuscript carekit rendered itself: its field marks (carekit/render/fieldmarks.py)
say which draft field each passage came from, so the passages go back to those fields
whatever headings the template printed, and the values the layout arranged (tables, lists,
labelled paragraphs) are read back from carekit's own layout.

A mark starts a region that lasts until the next mark or the next heading; a heading
without a mark (a section someone added) is placed by its words, as in any manuscript.
Nothing is dropped: a block carekit did not write in a region goes to `unplaced`; only
carekit's own sentences around its tables ("The laboratory results are given in Table 1.")
and its table captions are left out, since they are the template's words.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from carekit.manuscript import own_layout, tables
from carekit.manuscript.ast_text import blocks_text, inline_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Node = dict[str, Any]


_COMMENT_RE = re.compile(r"^\s*<!--\s*carekit:field ([^\s>]+)\s*-->\s*$")
_LINK_PREFIX = "carekit:field:"
# The draft's settings a manuscript does not print, carried by marks of their own.
FACTS = ("short_title", "article_type", "journal", "language")
_ORCID_RE = re.compile(r"\s*\(\[?ORCID ([^\s\]]+)\]?(?:\([^)]*\))?\)$")
_AFFILIATION_RE = re.compile(r"^(?:\^(\d+)\^|([\u00b9\u00b2\u00b3\u2070-\u2079]+))\s+(.+)$")
_AUTHOR_MARKS_RE = re.compile(r"(?:\^([^^]*)\^|([\u00b9\u00b2\u00b3\u2070-\u2079,*]+))$")
_CORRESPONDENCE_RE = re.compile(r"Correspondence: .*?<?([^\s<>]+@[^\s<>]+?)>?$")
_MARK_RE = re.compile(r"^([0-9a-f]{16}):([a-z0-9_.]+)(?:=(.*))?$")
# The fields carekit's templates mark (a mark naming anything else is not carekit's).
_ALLOWED_RE = re.compile(
    r"^(?:marks|untitled|authors|bibliography|cited|learning_points|short_title|article_type|journal|"
    r"language|introduction|clinical_findings|timeline|interventions|intervention_changes|"
    r"conclusion|patient_perspective|ethics|"
    r"abstract\.(?:text|background|case_presentation|conclusion)|"
    r"patient\.(?:demographics|presenting_concern|comorbidities|past_interventions\.\d{1,4}|"
    r"history\.(?:medical|family|psychosocial|genetic))|"
    r"diagnostics\.(?:methods|labs|imaging|other_results|challenges|differential|reasoning|"
    r"final_diagnosis|prognosis)|interventions\.\d{1,4}\.notes|"
    r"follow_up\.(?:clinician_outcomes|patient_outcomes|results|adherence_and_tolerability|"
    r"adverse_events|duration)|discussion\.(?:strengths_and_limitations|literature|rationale|"
    r"lessons)|consent\.(?:statement|waiver)|declarations\.(?:funding|competing_interests|"
    r"author_contributions|acknowledgements|data_availability)|figures\.\d{1,4}\.(?:id|file)|"
    r"tables\.\d{1,4}\.id|references\.\d{1,5}|"
    r"written\.(?:references\.\d{1,5}|diagnostics\.labs\.\d{1,4}|timeline\.\d{1,4}|consent|"
    r"cited\.\d{1,5}|learning_points\.\d))$"
)
Mark = tuple[str, str, str]  # (the document's token, field path, value carried)


def has_marks(blocks: list[Node]) -> bool:
    """Whether the manuscript carries carekit's field marks."""
    import json

    return "carekit:field" in json.dumps(blocks)


def allowed(path: str) -> bool:
    return bool(_ALLOWED_RE.match(path))


def take_marks(block: Node) -> tuple[list[Mark], Node | None]:
    """The marks in a block, and the block without them (None for a mark-only block)."""
    if block.get("t") == "RawBlock":
        found = _COMMENT_RE.match(block["c"][1])
        return ([_mark(found[1])], None) if found else ([], block)
    marks: list[Mark] = []
    return marks, _without(block, marks)


def _mark(text: str) -> Mark:
    found = _MARK_RE.match(text)
    if not found:
        return ("", "", "")
    return found[1], found[2], unquote(found[3] or "")


def _without(node: Any, marks: list) -> Any:
    """The node without its marks, and with carekit's own links (citations, figure and
    table references) kept as sentinels the draft's citations are rebuilt from."""
    if isinstance(node, list):
        kept = []
        for child in node:
            if _is_link_mark(child):
                marks.append(_mark(child["c"][2][0][len(_LINK_PREFIX) :]))
            else:
                kept.append(_sentinel(child) or _without(child, marks))
        return kept
    if isinstance(node, dict) and "c" in node:
        return {**node, "c": _without(node["c"], marks)}
    return node


def _is_link_mark(node: Any) -> bool:
    return (
        isinstance(node, dict)
        and node.get("t") == "Link"
        and str(node["c"][2][0]).startswith(_LINK_PREFIX)
    )


# Sentinels (private-use characters) for carekit's own links while the text is read:
# a citation number linked to the reference list, a link to a figure or table.
CITE, CITE_END, XREF, XREF_END = "\ue010", "\ue011", "\ue012", "\ue013"
_ONE_CITE = f"{CITE}(\\d+){CITE_END}"
CITE_GROUP_RE = re.compile(rf"\[({_ONE_CITE}(?:(?:, |\u2013){_ONE_CITE})*)\]")
_ONE_XREF = f"{XREF}(?:fig|tbl)-[^{XREF_END}]*{XREF_END}(?:(?:Figs?\\.|Tables?) )?\\d+"
XREF_GROUP_RE = re.compile(
    rf"(?:(?:Figs?\.|Tables?) )?{_ONE_XREF}(?:(?:, | and |\u2013){_ONE_XREF})*"
)
_XREF_ITEM_RE = re.compile(rf"(, | and |\u2013)?{XREF}((fig|tbl)-[^{XREF_END}]*){XREF_END}\D*(\d+)")


def _sentinel(node: Any) -> Node | None:
    """A Str standing for one of carekit's own links, else None."""
    if not isinstance(node, dict):
        return None
    if node.get("t") != "Link":
        return None
    target, words = str(node["c"][2][0]), inline_text(node["c"][1])
    if re.fullmatch(r"#ref-\d+", target) and words.isdigit():
        return {"t": "Str", "c": f"{CITE}{words}{CITE_END}"}
    if re.fullmatch(r"#(fig|tbl)-[A-Za-z0-9_-]+", target):
        return {"t": "Str", "c": f"{XREF}{target[1:]}{XREF_END}{words}"}
    return None


def linked_citations(
    text: str, keys: dict[str, str], anchors: dict[str, str], numbers: dict[tuple[str, int], str]
) -> str:
    """carekit's linked citations ("[1, 3–5]") and figure and table references ("Figs. 2
    and 3") back to the draft's `[@key; ...]`, `[@fig:id; ...]`; anything else as read."""

    def cite(match: re.Match) -> str:
        found = [int(n) for n in re.findall(_ONE_CITE, match[0])]
        ranges = re.findall(rf"{CITE_END}(, |\u2013){CITE}", match[0])
        numbers_cited = found[:1]
        for sep, n in zip(ranges, found[1:], strict=False):
            numbers_cited += range(numbers_cited[-1] + 1, n + 1) if sep != ", " else [n]
        cited = [keys.get(str(n)) for n in numbers_cited]
        if not all(cited):
            return match[0]
        return "[" + "; ".join(f"@{key}" for key in cited) + "]"

    def xref(match: re.Match) -> str:
        ids: list[str | None] = []
        kind = ""
        for sep, anchor, kind, number in _XREF_ITEM_RE.findall(match[0]):
            if sep == "\u2013" and ids:
                last = next((n for (k, n), i in numbers.items() if k == kind and i == ids[-1]), 0)
                ids += [numbers.get((kind, n)) for n in range(last + 1, int(number))]
            ids.append(anchors.get(anchor) or numbers.get((kind, int(number))))
        if not ids or not all(ids):
            return match[0]
        return "[" + "; ".join(f"@{kind}:{i}" for i in ids) + "]"

    text = CITE_GROUP_RE.sub(cite, text)
    return XREF_GROUP_RE.sub(xref, text)


def plain(text: str) -> str:
    """Text with any sentinel left: a citation number as its number, a link's words."""
    text = re.sub(f"{CITE}(\\d+){CITE_END}", r"\1", text)
    return re.sub(f"{XREF}[^{XREF_END}]*{XREF_END}", "", text)


PRINTED = "\ue014printed"  # a row's printed cells, never a draft key


_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def straight_quotes(node: Any) -> Any:
    """Word text with the quotes and apostrophes a draft types: pandoc's Word writer made
    them typographic (a draft that typed ’ itself gets ' back: the file cannot tell)."""
    if isinstance(node, list):
        return [straight_quotes(child) for child in node]
    if isinstance(node, dict) and node.get("t") == "Str":
        return {"t": "Str", "c": node["c"].translate(_STRAIGHT)}
    if isinstance(node, dict) and "c" in node:
        return {**node, "c": straight_quotes(node["c"])}
    return node


class Region:
    """The field a run of blocks comes from, and what has been read of it so far."""

    def __init__(self, marks: list[tuple[str, str]]) -> None:
        self.marks = marks
        self.field = marks[-1][0] if marks else ""
        self.blocks = 0
        self.points = 0  # learning points read so far
        self.caption = ""  # a table's caption, read before the table

    def carried(self, suffix: str) -> str | None:
        """The value a mark carries, for a field path ending in `suffix` (`.id`, `.file`)."""
        for path, value in self.marks:
            if path.endswith(suffix) and value:
                return value
        return None


def reference_keys(marks: list[tuple[str, str]]) -> list[tuple[int | None, str]]:
    """(place in the draft or None, key) for each entry of the reference list, in order."""
    out = []
    for path, key in marks:
        if path.startswith("references."):
            out.append((int(path.split(".")[1]), key))
        elif path == "cited":
            out.append((None, key))
    return out


def list_items(block: Node) -> list[list[Node]]:
    if block.get("t") == "BulletList":
        return block["c"]
    if block.get("t") == "OrderedList":
        return block["c"][1]
    return [[block]]


def lead_in(block: Node) -> tuple[str, str] | None:
    """("Final diagnosis", rest) for a paragraph opening with bold words."""
    inlines = block.get("c") if block.get("t") in ("Para", "Plain") else None
    if not inlines or inlines[0].get("t") != "Strong":
        return None
    return inline_text(inlines[0]["c"]).strip(), inline_text(inlines[1:]).strip()


def result_entry(item: list[Node]) -> dict[str, str]:
    """An imaging or other result from "**Test** (time point): result"."""
    first = item[0] if item else {}
    found = lead_in(first)
    if not found:
        return {"result": blocks_text(item)}
    test, rest = found
    entry = {"test": test}
    time_point = re.match(r"^\((.+?)\):\s*", rest)
    if time_point:
        entry["time_point"] = time_point[1]
        rest = rest[time_point.end() :]
    else:
        rest = rest.removeprefix(":").strip()
    more = blocks_text(item[1:])
    entry["result"] = "\n\n".join(t for t in (rest, more) if t)
    return entry


def differential_entry(item: list[Node]) -> dict[str, str]:
    """A differential diagnosis from "**Diagnosis.** reasoning"."""
    found = lead_in(item[0]) if item else None
    if not found:
        return {"diagnosis": blocks_text(item)}
    diagnosis, reasoning = found
    entry = {"diagnosis": diagnosis.removesuffix(".")}
    more = blocks_text(item[1:])
    reasoning = "\n\n".join(t for t in (reasoning, more) if t)
    if reasoning:
        entry["reasoning"] = reasoning
    return entry


def lab_value(entry: dict[str, str]) -> dict[str, str]:
    """A lab row as the draft wrote it: the printed flag ("**11.3 H**") back to `flag`,
    and the layout's typography (true minus, en dash, ×10⁹) back to the draft's."""
    value = entry.get("value", "")
    flagged = re.fullmatch(r"\*\*(.+?) (HH|LL|H|L|A)\*\*", value)
    if flagged:
        entry["value"] = flagged[1]
        entry["flag"] = own_layout.FLAGS[flagged[2]]
    for key in ("value", "reference_range", "unit"):
        if key in entry:
            entry[key] = own_layout.plain_typography(entry[key], key)
    return entry


def table_rows(block: Node, kind: str) -> list[dict[str, str]]:
    grid = tables.grid(block)
    if kind == "labs":
        entries = tables.lab_entries(grid)
        # (each row's result and unit cells as printed: they guard its carried values)
        printed = [f"{e.get('value', '')} {e.get('unit', '')}" for e in entries]
        return [{**lab_value(e), PRINTED: p} for e, p in zip(entries, printed, strict=True)]
    if kind == "timeline":  # "Time | Event": the time column, as the draft's `at:` reads it
        rows = tables.role_entries(grid, ("when", "time_point", "event"))
        for row in rows:
            when = row.pop("time_point", None) or row.get("when", "")
            row[PRINTED] = when
            row["when"] = when[:1].lower() + when[1:].replace("\u2212", "-")
        return rows
    keys = ("name", "dose", "route", "frequency", "duration", "type", "time_point")
    rows = tables.role_entries(grid, keys)
    for row in rows:
        if "time_point" in row:
            row["timing"] = row.pop("time_point")
    return rows


def images(block: Node) -> list[Node]:
    """The images of a paragraph that holds only images (or of a figure, the image
    alone in its paragraph as pandoc's Markdown reader sees it)."""
    if block.get("t") == "Figure":
        return [n for b in block["c"][2] for n in (b.get("c") or []) if n.get("t") == "Image"]
    if block.get("t") not in ("Para", "Plain"):
        return []
    content = [n for n in block["c"] if n.get("t") not in ("Space", "SoftBreak")]
    return content if content and all(n.get("t") == "Image" for n in content) else []


def authors(line: str) -> list[dict[str, Any]]:
    """The authors from the line carekit prints: "Name, degrees^1,2^^*^; Name..."."""
    found = []
    for part in line.split("; "):
        author: dict[str, Any] = {}
        orcid = _ORCID_RE.search(part)
        if orcid:
            author["orcid"], part = orcid[1], part[: orcid.start()]
        corresponding = False
        while True:
            marks = _AUTHOR_MARKS_RE.search(part)
            if not marks or not part[: marks.start()].strip():
                break
            corresponding = corresponding or "*" in marks[0]
            numbers = marks[0].strip("^").translate(own_layout.SUPERSCRIPTS).replace("*", "")
            if re.fullmatch(r"[\d,]+", numbers):
                author["numbers"] = [int(n) for n in numbers.split(",") if n]
            part = part[: marks.start()]
        name, _comma, degrees = part.strip().partition(", ")
        author = {"name": name, **({"degrees": degrees} if degrees else {}), **author}
        if corresponding:
            author["corresponding"] = True
        found.append(author)
    return found


def affiliations(text: str) -> dict[int, str]:
    """{1: "Department...", ...} from the numbered affiliation lines under the authors."""
    found = {}
    for line in text.split("\n"):
        match = _AFFILIATION_RE.match(line.strip().rstrip("\\").strip())
        if match:
            number = match[1] or match[2].translate(own_layout.SUPERSCRIPTS)
            found[int(number)] = match[3].strip()
    return found


def correspondence(line: str) -> str | None:
    """The e-mail address of carekit's correspondence line ("" without one), else None."""
    if "Correspondence: " not in line:
        return None
    found = _CORRESPONDENCE_RE.search(line)
    return found[1] if found else ""
