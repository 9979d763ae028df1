"""Safe fixes to a draft's text: unit spellings, timeline order, top-level key order.

The fixes work on the source lines, using the positions the loader records: a unit is
replaced inside its own span, and entries and sections are moved as whole blocks of
lines (with the comments directly above them). Every line carekit does not mean to change
stays byte for byte as the author wrote it, comments and blank lines included.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from carekit.draft.format import DRAFT
from carekit.draft.loader import load_text
from carekit.draft.model import Draft
from carekit.draft.timeline import place_entries
from carekit.errors import CarekitError
from carekit.tuples import NamedTuple


class Formatted(NamedTuple):
    text: str
    changes: list[str]  # what was done, in plain words


@lru_cache(maxsize=1)
def unit_spellings() -> dict[str, str]:
    """Variant (spaces removed) -> canonical spelling, from checklists/units.yaml."""
    from carekit.io.yamldata import load_data
    from carekit.resources import data_dir

    table = load_data(data_dir("checklists") / "units.yaml")
    return {
        variant.replace(" ", ""): canonical
        for canonical, variants in table.items()
        for variant in variants or []
    }


def _load(text: str, path: Path) -> Draft:
    loaded = load_text(text, path)
    if loaded.draft is None or loaded.fatal:
        raise CarekitError(
            f"{path} cannot be formatted until it can be read: "
            f"{loaded.findings[0].message if loaded.findings else 'empty'}"
        )
    return loaded.draft


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def fix_units(text: str, draft: Draft) -> tuple[str, list[str]]:
    lines = _lines(text)
    spellings = unit_spellings()
    changes = []
    for i, lab in enumerate(draft.model.diagnostics.labs):
        unit = lab.unit
        canonical = spellings.get(str(unit or "").replace(" ", ""))
        span = draft.spans.get(("diagnostics", "labs", i, "unit"))
        if not canonical or canonical == unit or span is None or span.line != span.end_line:
            continue
        line = lines[span.line - 1]
        start, end = span.column - 1, span.end_column - 1
        written = line[start:end]
        inner = written[1:-1] if written[:1] in "'\"" and written[-1:] == written[:1] else written
        if inner != unit:
            continue  # written in a way we do not rewrite (escapes, folding)
        quoted = written != inner
        replacement = f"{written[0]}{canonical}{written[0]}" if quoted else canonical
        if not quoted and canonical[:1] in "%@`&*!|>'\"#":
            replacement = f'"{canonical}"'
        lines[span.line - 1] = line[:start] + replacement + line[end:]
        changes.append(f"line {span.line}: unit {unit!r} -> {canonical!r}")
    return ("".join(lines) if changes else text), changes


def _block_start(lines: list[str], line: int, floor: int) -> int:
    """The first line of the block of `line` (1-based): comment lines directly above join."""
    start = line
    while start - 1 > floor and lines[start - 2].lstrip().startswith("#"):
        start -= 1
    return start


def sort_timeline(text: str, draft: Draft) -> tuple[str, list[str]]:
    entries = draft.model.timeline
    starts = [draft.spans.get(("timeline", i)) for i in range(len(entries))]
    outer = draft.spans.get(("timeline",))
    if len(entries) < 2 or outer is None or None in starts:
        return text, []
    lines = _lines(text)
    if lines[outer.line - 1][outer.column - 1 :].lstrip().startswith("["):
        return text, []  # a flow list on one line: leave it as written
    placed, unknown = place_entries(entries)
    if unknown or len(placed) != len(entries) or len({p.frame for p in placed}) != 1:
        return text, [
            "timeline: not sorted, because not every entry can be put on one time "
            "axis (see `carekit check`)"
        ]
    order = sorted(range(len(entries)), key=lambda i: placed[i].day)  # stable for ties
    if order == list(range(len(entries))):
        return text, []
    # Entry blocks: from each entry's first line (with comments above) to the next one's;
    # the last ends with its own content (a mapping's end mark is the next line's start).
    floor = draft.key_spans[("timeline",)].line
    bounds = [_block_start(lines, s.line, floor) for s in starts]
    last = draft.spans[("timeline", len(entries) - 1)]
    end = last.end_line - (1 if last.end_column == 1 else 0)
    blocks = [
        lines[bounds[i] - 1 : (bounds[i + 1] - 1 if i + 1 < len(bounds) else end)]
        for i in range(len(entries))
    ]
    new = lines[: bounds[0] - 1] + [line for i in order for line in blocks[i]] + lines[end:]
    return "".join(new), [f"timeline: entries put in chronological order ({len(entries)})"]


def order_keys(text: str, draft: Draft) -> tuple[str, list[str]]:
    keys = [
        path[0]
        for path in sorted(draft.key_spans, key=lambda p: draft.key_spans[p])
        if len(path) == 1
    ]
    canonical = list(DRAFT.fields)
    wanted = sorted(
        keys,
        key=lambda k: (canonical.index(k) if k in canonical else len(canonical), keys.index(k)),
    )
    if wanted == keys:
        return text, []
    lines = _lines(text)
    starts = [_block_start(lines, draft.key_spans[(k,)].line, 0) for k in keys]
    blocks = {
        k: lines[starts[i] - 1 : (starts[i + 1] - 1 if i + 1 < len(keys) else len(lines))]
        for i, k in enumerate(keys)
    }
    last = blocks[keys[-1]]
    if last and last[-1].strip() and wanted[-1] != keys[-1]:
        last.append("\n")  # the old last section now has a section after it
    new = lines[: starts[0] - 1] + [line for k in wanted for line in blocks[k]]
    while len(new) > 1 and not new[-1].strip():  # no run of blank lines at the end
        new.pop()
    moved = [k for k, w in zip(keys, wanted, strict=True) if k != w]
    return "".join(new), [f"sections put in the format's order ({', '.join(moved)} moved)"]


def format_text(text: str, path: Path) -> Formatted:
    """The draft with every safe fix applied; raises CarekitError rather than return a text
    that does not read back to the same draft (so `fmt` never writes one)."""
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    if crlf:  # the fixes add lines with "\n"; the file keeps its own line endings
        text = text.replace("\r\n", "\n")
    before = _load(text, path)
    changes: list[str] = []
    for fix in (fix_units, sort_timeline, order_keys):
        text, done = fix(text, _load(text, path))
        changes += done
    if changes:
        _verify(before, text, path)
    return Formatted(text.replace("\n", "\r\n") if crlf else text, changes)


def _verify(before: Draft, text: str, path: Path) -> None:
    """The formatted text must load to the same draft, up to the intended fixes (unit
    spellings, timeline order): a section moved after a `...` end marker or an alias moved
    above its anchor would change or break the draft."""
    loaded = load_text(text, path)
    if loaded.draft is None or loaded.fatal:
        reason = loaded.findings[0].message if loaded.findings else "it would be empty"
    elif _meaning(loaded.draft) != _meaning(before):
        reason = "some of its content would change"
    else:
        return
    raise CarekitError(
        f"{path} was left as it is: after formatting it would not read back the same "
        f"({reason}). This happens when a moved section uses `&anchor`/`*alias` or the "
        "file has a `...` end marker; put the sections in the format's order by hand "
        "(`carekit schema` lists it), or remove the alias or the marker."
    )


def _meaning(draft: Draft) -> str:
    """The draft's data with the intended fixes applied, in a comparable form. Read from
    the validated mapping, not the model: the comparison is of everything the draft holds,
    whatever its shape, as JSON."""
    import json

    data = json.loads(json.dumps(draft.data, default=str))
    spellings = unit_spellings()
    for lab in (data.get("diagnostics") or {}).get("labs") or []:
        unit = str(lab.get("unit") or "").replace(" ", "")
        lab["unit"] = spellings.get(unit, lab.get("unit"))
    if isinstance(data.get("timeline"), list):
        data["timeline"] = sorted(data["timeline"], key=lambda e: json.dumps(e, sort_keys=True))
    return json.dumps(data, sort_keys=True)
