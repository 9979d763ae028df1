"""Values as the draft wrote them, carried by a manuscript's field marks where the page
prints them lossily (a reference as the citation style's one formatted entry, a lab unit
in one spelling, consent's yes/no facts not at all), so that `carekit import` can give
them back exactly -- but only while the printed passage is unchanged.

A carried value travels with a short hash of the passage as printed. On import, when the
passage read back has the same hash, the value as written is restored; when the author
edited the passage in Word or Markdown, the hash differs and the visible text wins: hidden
data never overrides what the author sees and changes.

The hash is taken over the passage's letters and digits only, in order, so that the
typography a format adds or drops (Markdown emphasis and escapes, Word's curly quotes, a
link's brackets) is not an edit, and any changed, added or removed word or number is.

Both sides (render writes, import reads) use this module. The carried value is hostile
input like any imported text: only the keys the field may hold, only plain values (text,
numbers, yes/no, a list of texts), under a size limit; the loader checks the rest.
"""

from __future__ import annotations

import hashlib
import json
import re

from carekit.draft.format_parts import REFERENCE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# What a carried value may contain, by the kind of field the mark names.
REFERENCE_KEYS = frozenset(REFERENCE.fields)  # a reference is carried whole
LAB_KEYS = frozenset({"unit", "flag"})
TIMELINE_KEYS = frozenset({"id", "at", "date"})
AT_KEYS = frozenset({"offset", "unit", "anchor"})
CONSENT_KEYS = frozenset({"obtained", "given_by", "written", "covers_images"})
CITED_KEYS = frozenset({"keys"})  # one citation's keys in the order the draft wrote them
POINTS_KEYS = frozenset({"lessons", "conclusion"})  # the texts BMJ's bullets are cut from
_KINDS = {
    re.compile(r"references\.\d{1,5}"): REFERENCE_KEYS,
    re.compile(r"diagnostics\.labs\.\d{1,4}"): LAB_KEYS,
    re.compile(r"timeline\.\d{1,4}"): TIMELINE_KEYS,
    re.compile(r"consent"): CONSENT_KEYS,
    re.compile(r"cited\.\d{1,5}"): CITED_KEYS,
    re.compile(r"learning_points"): POINTS_KEYS,
}
PREFIX = "written."
MAX_CARRIED = 8000  # characters of JSON: a long reference is under 2,000
# A carried value longer than this, percent-encoded, is not carried (its text comes back
# as today): Word keeps a mark as a link, and Word's links stop at 2,083 characters.
MAX_MARK = 2000
MAX_PARTS = 10  # marks one value may be split over (`learning_points.0` to `.9`)
_WORD_RE = re.compile(r"[^\W_]+")
_HASH_RE = re.compile(r"^([0-9a-f]{12})\.(.*)$", re.S)


def printed_hash(text: str) -> str:
    """The hash of a printed passage: its letters and digits, in order."""
    words = " ".join(_WORD_RE.findall(str(text)))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:12]


def as_plain(value: Any) -> Any:
    """The loader's mappings and texts as plain dicts, lists and strings (what a mark
    carries as JSON)."""
    return json.loads(json.dumps(value, default=str))


def kind_of(path: str) -> frozenset[str] | None:
    """The keys a value carried for `path` may hold, or None (not a carried field)."""
    for pattern, keys in _KINDS.items():
        if pattern.fullmatch(path):
            return keys
    return None


def _carried(value: dict[str, Any], printed: str) -> str:
    """The hash of the printed passage, then the value as JSON."""
    value_text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return printed_hash(printed) + "." + value_text


def carry(value: dict[str, Any], printed: str) -> str:
    """What a mark carries for `value` ("" if too long for one mark)."""
    from urllib.parse import quote

    carried = _carried(value, printed)
    return carried if len(quote(carried, safe="")) <= MAX_MARK else ""


def carry_parts(value: dict[str, Any], printed: str) -> list[str]:
    """What several marks carry, in order, for a value too long for one (each part fits a
    Word link; import joins them: `joined`); [] past MAX_CARRIED or MAX_PARTS."""
    from urllib.parse import quote

    carried = _carried(value, printed)
    if len(carried) > MAX_CARRIED:  # as `restored` refuses it
        return []
    parts, size = [""], 0  # size: the last part's length once percent-encoded
    for char in carried:
        width = len(quote(char, safe=""))
        if size + width > MAX_MARK:
            parts.append("")
            size = 0
        parts[-1] += char
        size += width
    return parts if len(parts) <= MAX_PARTS else []


def joined(values: dict[str, str], path: str) -> str:
    """The parts carried for `path` (`path.0`, `path.1`, ...) as one value."""
    parts = []
    while f"{path}.{len(parts)}" in values and len(parts) < MAX_PARTS:
        parts.append(values[f"{path}.{len(parts)}"])
    return "".join(parts)


def restored(path: str, carried: str, printed: str) -> dict[str, Any] | None:
    """The value as written, when `printed` (the passage read back) is unchanged and the
    carried value has only what the field `path` may hold; else None (the text wins)."""
    keys = kind_of(path)
    found = _HASH_RE.match(carried or "")
    if keys is None or not found or len(carried) > MAX_CARRIED:
        return None
    if found[1] != printed_hash(printed):
        return None  # the author edited the passage: what they see wins
    try:
        value = json.loads(found[2], parse_constant=_no_constant)
    except ValueError:
        return None
    if not isinstance(value, dict) or not value or not set(value) <= keys:
        return None
    return value if all(_plain(v, nested=k == "at") for k, v in value.items()) else None


def _no_constant(name: str) -> None:
    raise ValueError(name)  # NaN and Infinity are no draft's values


def _plain(value: Any, nested: bool = False) -> bool:
    """A value a draft field holds: text, a number, yes/no, a list of texts (or, for a
    timeline's `at:`, one level of such values under the offset's own keys)."""
    if isinstance(value, bool | int | float | str):
        return True
    if isinstance(value, list):
        return all(isinstance(item, str) for item in value) and len(value) <= 200
    if nested and isinstance(value, dict):
        return set(value) <= AT_KEYS and all(_plain(v) for v in value.values())
    return False
