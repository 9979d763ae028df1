"""Marks naming the draft field each passage of a manuscript came from, so that
`carekit import` can put a manuscript carekit rendered back into the draft it came from,
whatever the template printed around the values (or left without a heading).

Templates put `field_mark("discussion.lessons")` at the start of the line where a value's
text begins; a mark may carry a value the text cannot show (`references.2=le2020`, a
reference's key; `figures.0.file=figures%2Fhand.svg`). The marks are private-use
characters, like the CARE item marks (draft text can never contain them). Each output
shows them in its own invisible way:

- the Markdown file: an HTML comment on a line of its own before the passage
  (`<!-- carekit:field discussion.lessons -->`), which every Markdown viewer hides and
  pandoc reads as a raw HTML block;
- Word: a hyperlink at the end of the passage's first paragraph
  (`carekit:field:TOKEN:discussion.lessons`) around a no-break space, which wordpost.py
  makes a soft hyphen: at a paragraph's end it prints nothing, and
  pandoc's Word reader keeps a link (it drops a bookmark no link points to, and the
  writer shortens a bookmark name past Word's 40 characters to a hash);
- HTML, PDF and JATS: nothing (removed).

Each document's marks carry a token, the start of a hash of the document's Markdown, and
the document's first mark (before any draft text) declares it: a mark typed into the
draft's own text cannot know the hash of a text that contains it, so the import never
takes an author's words for one of carekit's marks.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from carekit.render.mdtext import CLOSE, OPEN

_PATH_RE = re.compile(r"[a-z_]+(?:\.(?:[a-z_]+|\d+))*")
_MARK_RE = re.compile(rf"{OPEN}field:([a-z0-9_.]+(?:=[^{CLOSE}\s]*)?){CLOSE}")
_MARKS_AT_START_RE = re.compile(rf"^(?P<marks>(?:{_MARK_RE.pattern})+)[ \t]*(?P<rest>.*)$")
_FENCE_RE = re.compile(r"^\s*:::")
_ITEM_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_TABLE_ROW_RE = re.compile(r"^\s*\|")
_HEADING_RE = re.compile(r"^#{1,6}\s")
WORD_SPACE = "\u00a0"  # a no-break space at the end of a paragraph: nothing to see


def field_mark(path: str, value: object = True, carried: object = None) -> str:
    """The mark before a field's text (nothing when `value` is empty); `carried` is a
    value the text cannot show (a reference key, a figure's file), percent-encoded."""
    if not value or not _PATH_RE.fullmatch(str(path)):
        return ""
    extra = "" if carried in (None, "") else "=" + quote(str(carried), safe="")
    return f"{OPEN}field:{path}{extra}{CLOSE}"


def strip_fields(markdown: str) -> str:
    """The Markdown without field marks (HTML, PDF, JATS, word counts)."""
    if OPEN not in markdown:
        return markdown
    lines = []
    for line in markdown.split("\n"):
        found = _MARKS_AT_START_RE.match(line)
        if found and not found["rest"].strip():
            continue  # a line of marks only
        lines.append(_MARK_RE.sub("", line))
    return "\n".join(lines)


def _marks(text: str, token: str) -> list[str]:
    return [f"{token}:{mark}" for mark in _MARK_RE.findall(text)]


def _declared(markdown: str) -> tuple[str, str]:
    """The Markdown with the declaring mark before any draft text (after the title line,
    which is escaped, so that the file still opens with its title), and its token."""
    token = hashlib.sha256(markdown.encode("utf-8")).hexdigest()[:16]
    first, _newline, rest = markdown.partition("\n")
    if first.startswith("# "):
        return f"{first}\n\n{field_mark('marks')}\n\n{rest}", token
    return field_mark("marks") + "\n\n" + markdown, token


def as_comments(markdown: str) -> str:
    """The portable Markdown's marks: HTML comments on lines of their own, set off by
    blank lines so that CommonMark and pandoc both read them as blocks of their own."""
    if OPEN not in markdown:
        return markdown
    markdown, token = _declared(markdown)
    out: list[str] = []
    for line in markdown.split("\n"):
        found = _MARKS_AT_START_RE.match(line)
        if not found:
            out.append(_MARK_RE.sub("", line))
            continue
        if out and out[-1].strip():
            out.append("")
        out += [f"<!-- carekit:field {mark} -->" for mark in _marks(found["marks"], token)]
        out.append("")
        rest = _MARK_RE.sub("", line[found.end("marks") :]).strip()
        if rest:
            out.append(rest)
    return "\n".join(out)


def as_word_links(markdown: str) -> str:
    """Word's marks: each moves to the end of the next block of text (past div fences and
    pictures: a figure's marks end its caption), as a link, so that no empty paragraph is
    left behind and nothing shows (see wordpost._quiet_marks)."""
    if OPEN not in markdown:
        return markdown
    markdown, token = _declared(markdown)
    lines: list[str] = []
    starts: dict[int, list[str]] = {}  # line -> the marks of the block starting there
    waiting: list[str] = []
    for line in markdown.split("\n"):
        found = _MARKS_AT_START_RE.match(line)
        if found:
            waiting += _marks(found["marks"], token)
            line = line[found.end("marks") :]
            if not line.strip():
                # An empty comment where the marks stood: pandoc writes nothing for it,
                # and two lists (imaging, then other results) stay two lists.
                lines += ["", "<!-- -->", ""]
                continue
        line = _MARK_RE.sub("", line)
        # (past a picture too: text beside it would raise its line by a point or two)
        picture = line.lstrip().startswith("![")
        if waiting and line.strip() and not _FENCE_RE.match(line) and not picture:
            starts[len(lines)] = waiting
            waiting = []
        lines.append(line)
    for start, marks in starts.items():
        links = "".join(f"[{WORD_SPACE}](carekit:field:{mark})" for mark in marks)
        if _TABLE_ROW_RE.match(lines[start]):  # inside the first cell: the row stays a row
            lines[start] = lines[start].replace("|", "|" + links, 1)
            continue
        end = _block_end(lines, start)
        lines[end] = lines[end].rstrip() + links
    return "\n".join(lines)


def _block_end(lines: list[str], start: int) -> int:
    """The last line of the paragraph, list item or heading that starts at `start`."""
    if _HEADING_RE.match(lines[start]):
        return start
    end = start
    while end + 1 < len(lines):
        following = lines[end + 1]
        if not following.strip() or _FENCE_RE.match(following) or _ITEM_RE.match(following):
            break
        end += 1
    return end
