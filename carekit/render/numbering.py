"""Number citations, figures and tables in the order the manuscript first mentions them.

The template's section order decides what comes first, so numbering runs on the Markdown
the template produced: `[@key]` citations and placeholders are numbered in reading order
and replaced by links ("[1-3]", "Fig. 2", "Table 1"), and the reference list is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from carekit.draft.written import carry
from carekit.render.fieldmarks import field_mark
from carekit.render.mdtext import CLOSE, OPEN, escape

# A citation may wrap onto the next line of its paragraph (a draft's block text keeps its
# line breaks), as `carekit check` reads it; never across a blank line.
_TOKEN_RE = re.compile(
    rf"\[(@[^\[\]\n]+(?:\n(?![ \t]*\n)[^\[\]\n]*)*)\]"
    rf"|{OPEN}(fig|tbl|refs|refmarks):([^{CLOSE}]*){CLOSE}"
)
_KEY_RE = re.compile(r"@([A-Za-z0-9_][A-Za-z0-9_:./\-]*)")
LABELS = {"fig": ("Fig.", "Figs."), "tbl": ("Table", "Tables")}


@dataclass
class Numbers:
    """What the numbering pass decided, for outputs that need it (e.g. a checklist)."""

    references: dict[str, int] = field(default_factory=dict)
    fig: dict[str, int] = field(default_factory=dict)
    tbl: dict[str, int] = field(default_factory=dict)

    def assign(self, kind: str, key: str) -> int:
        table = getattr(self, kind)
        return table.setdefault(key, len(table) + 1)


def anchor(kind: str, key: str) -> str:
    return f"{kind}-{re.sub(r'[^A-Za-z0-9_-]+', '-', key)}"


def _keys(group: str) -> list[str]:
    keys = []
    for part in group.split(";"):
        match = _KEY_RE.search(part)
        if match:
            keys.append(match[1].rstrip(".:-/"))
    return keys


def collapse(numbers: list[int], ranges: bool = True) -> list[tuple[int, int]]:
    """[1, 2, 3, 5] -> [(1, 3), (5, 5)]: runs of three or more become ranges (unless
    `ranges` is False: then every number stands alone)."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    out = []
    for run in runs:
        if len(run) >= 3 and ranges:
            out.append((run[0], run[-1]))
        else:
            out.extend((n, n) for n in run)
    return out


def _cite(numbers: list[int], ranges: bool) -> str:
    pieces = []
    for low, high in collapse(numbers, ranges):
        link = f"[{low}](#ref-{low})"
        pieces.append(link if low == high else f"{link}–[{high}](#ref-{high})")
    return "\\[" + ", ".join(pieces) + "\\]"


@dataclass
class Citations:
    """What can be cited, and how the reference list is written."""

    listed: list[str]  # the draft's own references: listed even when never cited
    available: set[str]  # a bibliography file's keys: listed only when cited
    entries: Callable[[list[str]], dict[str, str]]  # keys in order -> Markdown, in one go
    ranges: bool = True  # the style collapses runs of numbers ("1-3")
    raw: dict[str, dict] = field(default_factory=dict)  # the draft's references as written


def number(
    markdown: str, refs: Citations, figures: set[str], tables: set[str]
) -> tuple[str, Numbers]:
    """Replace citations and placeholders in `markdown`; return it and the numbers used."""
    known = set(refs.listed) | refs.available
    targets = {"fig": figures, "tbl": tables}
    numbers = Numbers()
    for match in _TOKEN_RE.finditer(markdown):  # first pass: reading order decides numbers
        if match[1]:
            for key in _keys(match[1]):
                kind, _, name = key.rpartition(":")
                if kind in targets and name in targets[kind]:
                    numbers.assign(kind, name)
                elif key in known:
                    numbers.assign("references", key)
        elif match[2] in targets:
            numbers.assign(match[2], match[3])
    for key in refs.listed:  # the draft's uncited references still print, after the cited
        numbers.assign("references", key)
    listed = f"{OPEN}refs:" in markdown
    entries = refs.entries(list(numbers.references)) if listed and numbers.references else {}
    groups: list[str] = []  # citations printed in another order or split (for import)

    def replace(match: re.Match) -> str:
        if match[2] == "refs":
            return _reference_list(entries, numbers)
        if match[2] == "refmarks":
            return _reference_marks(numbers, refs, entries)
        if match[2]:
            return str(numbers.assign(match[2], match[3]))
        cited, unknown = [], []
        crossrefs: dict[str, dict[int, str]] = {"fig": {}, "tbl": {}}
        for key in _keys(match[1]):
            kind, _, name = key.rpartition(":")
            if kind in targets and name in targets[kind]:
                crossrefs[kind][getattr(numbers, kind)[name]] = anchor(kind, name)
            elif key in known:
                cited.append(numbers.references[key])
            else:
                unknown.append(f"\\[@{key}\\]")  # printed as typed; the check reports it
        pieces = ([_cite(cited, refs.ranges)] if cited else []) + [
            _crossref(kind, found) for kind, found in crossrefs.items() if found
        ]
        printed = "; ".join(pieces + unknown)
        groups.append(_as_written(_keys(match[1]), printed, numbers, len(pieces + unknown)))
        return printed

    return _with_groups(_TOKEN_RE.sub(replace, markdown), groups), numbers


def _as_written(keys: list[str], printed: str, numbers: Numbers, pieces: int) -> str:
    """A citation's keys as the draft wrote them, guarded by the citation as printed
    (its numbers and labels), when the page prints them in another order ([@b; @a] as
    [1, 2]) or as more than one citation; else "" (import reads them back as written)."""
    order = {"references": 0, "fig": 1, "tbl": 2}

    def place(key: str) -> tuple[int, int]:
        kind, _, name = key.rpartition(":")
        if kind in ("fig", "tbl") and name in getattr(numbers, kind):
            return order[kind], getattr(numbers, kind)[name]
        if key in numbers.references:
            return 0, numbers.references[key]
        return 3, 0  # printed as typed, after the rest

    if len(keys) < 2 or (pieces == 1 and keys == sorted(keys, key=place)):
        return ""
    visible = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", printed)  # a link's words only
    return carry({"keys": keys}, visible)


def _with_groups(markdown: str, groups: list[str]) -> str:
    """The carried citations as marks before the document's first field mark (marks at
    the start of a line are the ones every output hides: fieldmarks.py)."""
    marks = "".join(
        field_mark(f"written.cited.{n}", group, group) for n, group in enumerate(groups) if group
    )
    if not marks:
        return markdown
    return re.sub(rf"(?m)^(?={OPEN}field:)", lambda _m: marks, markdown, count=1)


def _crossref(kind: str, anchors: dict[int, str]) -> str:
    """ "Fig. 2", "Figs. 2 and 3", "Figs. 2-4", each number a link to its figure or table."""
    pieces = []
    for low, high in collapse(list(anchors)):
        link = f"[{low}](#{anchors[low]})"
        pieces.append(link if low == high else f"{link}–[{high}](#{anchors[high]})")
    single, plural = LABELS[kind]
    if len(anchors) == 1:
        number, target = next(iter(anchors.items()))
        return f"[{single} {number}](#{target})"
    listed = pieces[0] if len(pieces) == 1 else ", ".join(pieces[:-1]) + " and " + pieces[-1]
    return f"{plural} {listed}"


def _reference_marks(numbers: Numbers, refs: Citations, entries: dict[str, str]) -> str:
    """Before the reference list's heading, in the list's order: each entry's key, and for
    the draft's own references their place in the draft and the entry as the draft wrote
    it, guarded by the printed entry's hash (for `carekit import`, draft/written.py)."""
    place = {key: i for i, key in enumerate(refs.listed)}
    marks = []
    for key in numbers.references:
        marks.append(field_mark(f"references.{place[key]}" if key in place else "cited", key, key))
        if key in place and key in refs.raw and entries.get(key):
            as_written = carry(refs.raw[key], entries[key])
            marks.append(field_mark(f"written.references.{place[key]}", as_written, as_written))
    return "".join(marks)


def _reference_list(entries: dict[str, str], numbers: Numbers) -> str:
    return "\n".join(
        f"{n}. []{{#ref-{n}}}{entries.get(key) or escape(key)}"
        for key, n in numbers.references.items()
    )
