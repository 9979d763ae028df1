"""Where each CARE item's content lies in the laid-out manuscript: page, page range and,
in the review layout, line numbers.

Templates wrap an item's content in `care(keys)` (templates/_common/macros.md.j2), which
puts a mark before its first block and after its last. The marks are private-use
characters (draft text can never contain them: `mdtext.clean` removes them); they are
removed from the Markdown, Word and JATS outputs and become empty `<span>`s with reserved
ids in the HTML. In WeasyPrint's layout, every line of text between an item's two spans
is the item's: its pages, and the numbers the review copy prints beside those lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from carekit.render.mdtext import CLOSE, OPEN

PREFIX = "carekit-at-"  # reserved: ids the draft's own text gives are dropped (see _reserve)
_KEYS_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MARK_RE = re.compile(rf"{OPEN}care:(start|end):([a-z0-9 -]*){CLOSE}")
_MARK_LINE_RE = re.compile(rf"^[ \t]*(?:{_MARK_RE.pattern}[ \t]*)+\n", re.M)
_BLANK_LINES_RE = re.compile(r"\n{3,}")
_ANCHOR_RE = re.compile(rf"^{PREFIX}([a-z0-9-]+)-(\d+)-(start|end)$")


def care_mark(keys: str, edge: str) -> str:
    """The mark a template puts before (`start`) or after (`end`) an item's content;
    `keys` are checklist item keys, space-separated (one text may report several items)."""
    if edge not in ("start", "end"):
        raise ValueError(f"care_mark edge must be 'start' or 'end', not {edge!r}")
    wanted = " ".join(k for k in str(keys).split() if _KEYS_RE.fullmatch(k))
    return f"{OPEN}care:{edge}:{wanted}{CLOSE}"


def strip_marks(markdown: str) -> str:
    """The Markdown without the marks (for the .md, Word and JATS outputs)."""
    text = _MARK_RE.sub("", _MARK_LINE_RE.sub("", markdown))
    text = _BLANK_LINES_RE.sub("\n\n", text)
    return text.strip() + "\n" if markdown.endswith("\n") and text.strip() else text


# --- HTML: a markdown-it core rule ------------------------------------------------------


def place_marks(state) -> None:
    """Turn the marks into empty spans with ids `carekit-at-KEY-N-start|end` (N counts the
    places an item is reported in). A mark alone in its paragraph moves to the start of
    the next block's first line (so an item ends just before what follows it, a table
    with all its rows, on whatever page they fall), and the paragraph, with any layout
    change, is gone."""
    _reserve(state.tokens)
    counts: dict[str, int] = {}
    open_places: dict[str, int] = {}
    waiting: list = []  # spans for the start of the next line of text
    last_inline = None
    kept = []
    tokens = state.tokens
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type != "inline" or not token.children:
            kept.append(token)
            i += 1
            continue
        children, alone = _split(token.children, counts, open_places)
        if alone and _is_paragraph(tokens, i):
            waiting.extend(children)
            kept.pop()  # the paragraph_open before this mark-only inline
            i += 2  # skip its paragraph_close too
            continue
        token.children = waiting + children
        waiting = []
        last_inline = token
        kept.append(token)
        i += 1
    if waiting and last_inline is not None:  # marks after the last line close there
        last_inline.children.extend(waiting)
    state.tokens = kept


def _is_paragraph(tokens: list, i: int) -> bool:
    return (
        0 < i < len(tokens) - 1
        and tokens[i - 1].type == "paragraph_open"
        and tokens[i + 1].type == "paragraph_close"
    )


def _split(children: list, counts: dict[str, int], open_places: dict[str, int]) -> tuple:
    """The children with every mark replaced by spans, and whether they held marks only."""
    from markdown_it.token import Token

    out = []
    alone, marked = True, False
    for child in children:
        if child.type != "text" or OPEN not in child.content:
            blank = child.type == "text" and not child.content.strip()
            alone = alone and (blank or child.type == "softbreak")
            out.append(child)
            continue
        last = 0
        for match in _MARK_RE.finditer(child.content):
            marked = True
            before = child.content[last : match.start()]
            if before:
                alone = alone and not before.strip()
                out.append(_text(before))
            for key in match[2].split():
                if match[1] == "start":
                    counts[key] = open_places[key] = counts.get(key, 0) + 1
                number = open_places.get(key)
                if number is None:
                    continue  # an end with no start: nothing to close
                span = Token("html_inline", "", 0)
                span.content = f'<span id="{PREFIX}{key}-{number}-{match[1]}"></span>'
                out.append(span)
            last = match.end()
        rest = child.content[last:]
        if rest:
            alone = alone and not rest.strip()
            out.append(_text(rest))
    alone = alone and marked
    if alone:  # (a mark naming no known key still leaves no empty paragraph behind)
        out = [c for c in out if c.type == "html_inline"]
    return out, alone


def _text(content: str):
    from markdown_it.token import Token

    token = Token("text", "", 0)
    token.content = content
    return token


def _reserve(tokens: list) -> None:
    """Drop any id the draft's own text gives (`{#...}`, a heading's slug) that falls in
    carekit's reserved range: it could otherwise pass for an item's place."""
    for token in tokens:
        for each in [token, *(token.children or [])]:
            if str(each.attrGet("id") or "").startswith(PREFIX):
                del each.attrs["id"]


# --- Reading the layout ------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """One place an item is reported: its first and last page (from 1), in the review
    layout its first and last line number (as printed in the margin), and the section(s)
    it lies in (the level-2 headings' text; "title" before the first)."""

    first_page: int
    last_page: int
    first_line: int | None = None
    last_line: int | None = None
    sections: tuple[str, ...] = ()


def item_places(document, review: bool = False) -> dict[str, list[Place]]:
    """Item key -> the places its content lies in the laid-out `document` (WeasyPrint),
    in reading order, places that follow on from each other merged into one.

    An item's place is every line of text laid out between its start and end marks, in
    the order of the document (so a table's rows count wherever they fall); line numbers
    are those the review copy prints (`line_numbers`)."""
    from carekit.render.line_numbers import line_tops

    seen: dict[tuple[str, int], list[tuple[int, int]]] = {}
    sections: dict[tuple[str, int], str] = {}
    walk = _Walk(seen, sections)
    for page_number, page in enumerate(document.pages, start=1):
        numbers = {}
        for top, _height in line_tops(page):
            walk.line_number += 1
            numbers[round(top)] = walk.line_number
        walk.page, walk.numbers = page_number, numbers
        walk.visit(page._page_box)  # WeasyPrint exposes the laid-out boxes only this way
    places: dict[str, list[Place]] = {}
    for (key, n), lines in sorted(seen.items(), key=lambda item: item[0][1]):
        if not lines:
            continue
        (first_page, first_line), (last_page, last_line) = min(lines), max(lines)
        section = (sections.get((key, n)) or "title",)
        place = Place(first_page, last_page, first_line, last_line, section)
        places.setdefault(key, []).append(place)
    merged = {key: _merged(found) for key, found in places.items()}
    if review:
        return merged
    # Without line numbers, places that share a page read as one.
    return {
        key: _merged([Place(p.first_page, p.last_page, sections=p.sections) for p in found])
        for key, found in merged.items()
    }


class _Walk:
    """The boxes of each page in document order: which items are open (start mark seen,
    end mark not yet) when each line of text is laid out."""

    def __init__(self, seen: dict, sections: dict[tuple[str, int], str]) -> None:
        self.seen = seen
        self.sections = sections  # the section each place starts in
        self.section: str | None = None  # the last level-2 heading laid out
        self.open: set[tuple[str, int]] = set()
        self.page = 0
        self.line_number = 0
        self.numbers: dict[int, int] = {}
        self.line: int | None = None

    def visit(self, box) -> None:
        from weasyprint.formatting_structure import boxes

        stack = [box]
        while stack:
            box = stack.pop()
            if isinstance(box, boxes.MarginBox) or str(box.element_tag).endswith("::marker"):
                continue  # a list's bullet comes before the marks of the item's first line
            if isinstance(box, boxes.BlockBox) and box.element_tag == "h2":
                self.section = _text_of(box) or self.section
            if isinstance(box, boxes.LineBox):
                self.line = self.numbers.get(round(box.position_y))
            elif isinstance(box, boxes.TextBox) and box.text.strip():
                for place in self.open:
                    self.seen[place].append((self.page, self.line or 0))
                    self.sections.setdefault(place, self.section or "title")
            elif isinstance(box, boxes.InlineBox):
                self._mark(box)
            stack.extend(reversed(getattr(box, "children", ())))

    def _mark(self, box) -> None:
        element = getattr(box, "element", None)
        match = _ANCHOR_RE.match(str(element.get("id") or "")) if element is not None else None
        if match:
            place = (match[1], int(match[2]))
            if match[3] == "start":
                self.open.add(place)
                self.seen.setdefault(place, [])
            else:
                self.open.discard(place)


def _text_of(box) -> str:
    from weasyprint.formatting_structure import boxes

    return " ".join(
        " ".join(b.text.split()) for b in box.descendants() if isinstance(b, boxes.TextBox)
    ).strip()


def _merged(places: list[Place]) -> list[Place]:
    """Places in reading order; one that starts on the line after the previous one ends
    (a table and the figure just after it) joins it."""
    places = sorted(places, key=lambda p: (p.first_page, p.first_line or 0))
    out: list[Place] = []
    for place in places:
        if out and _follows(out[-1], place):
            previous = out[-1]
            out[-1] = Place(
                previous.first_page,
                max(previous.last_page, place.last_page),
                previous.first_line,
                _max(previous.last_line, place.last_line),
                tuple(dict.fromkeys(previous.sections + place.sections)),
            )
        else:
            out.append(place)
    return out


def _follows(previous: Place, place: Place) -> bool:
    if previous.last_line is not None and place.first_line is not None:
        return place.first_line <= previous.last_line + 1
    return place.first_page <= previous.last_page


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def describe(places: list[Place]) -> str:
    """ "3", "3-5", "3, 7"; in the review layout "3 (lines 12-40); 7 (line 301)"."""
    pieces = []
    for place in places:
        pages = _span(place.first_page, place.last_page)
        if place.first_line is None or place.last_line is None:
            pieces.append(pages)
        else:
            lines = _span(place.first_line, place.last_line)
            pieces.append(f"{pages} (line{'s' if '-' in lines else ''} {lines})")
    review = any(p.first_line is not None for p in places)
    return ("; " if review else ", ").join(dict.fromkeys(pieces))


def _span(low: int, high: int) -> str:
    return str(low) if high <= low else f"{low}-{high}"
