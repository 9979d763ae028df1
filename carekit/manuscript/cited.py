"""Citations as the draft wrote them: carekit prints a citation's references in number
order and its figures and tables as citations of their own ([@ref12; @fig:a] prints
"[3]; Fig. 1"), so its marks carry the keys in the draft's order, guarded by the citation
as printed (render/numbering.py). A citation read back with the same printed numbers and
labels, and the same keys, gets the draft's order back; any other is read as printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from carekit.draft import written
from carekit.manuscript import marked

_KEY_RE = re.compile(r"@([A-Za-z0-9_][A-Za-z0-9_:./\-]*)")
# One citation as carekit prints it: numbers, figure and table links, or a key the draft
# does not define printed as typed; a run of them separated by "; ".
_ONE = (
    rf"{marked.CITE_GROUP_RE.pattern}|{marked.XREF_GROUP_RE.pattern}"
    r"|\[@[A-Za-z0-9_][A-Za-z0-9_:./\-]*\]"
)
_RUN_RE = re.compile(rf"(?:{_ONE})(?:; (?:{_ONE}))*")


def carried(written_values: dict[str, str]) -> list[tuple[str, str]]:
    """The carried citations (path, value), in the order they were printed."""
    found = [(p, v) for p, v in written_values.items() if re.fullmatch(r"cited\.\d{1,5}", p)]
    return sorted(found, key=lambda item: int(item[0].split(".")[1]))


def as_written(text: str, waiting: list[tuple[str, str]], convert: Callable[[str], str]) -> str:
    """`text` (carekit's citations still as sentinels) with each citation whose printed
    form a carried value guards given back as the draft wrote it; a carried value is used
    once, and only with exactly the keys the printed citation reads back as."""
    if not waiting:
        return text

    def restore(match: re.Match) -> str:
        keys = set(_KEY_RE.findall(convert(match[0])))
        printed = marked.plain(match[0])
        for n, (path, value) in enumerate(waiting):
            found = written.restored(path, value, printed)
            order = found.get("keys") if found else None
            if (
                isinstance(order, list)
                and order
                and set(order) == keys
                and all(_KEY_RE.fullmatch("@" + key) for key in order)
            ):
                del waiting[n]
                return "[" + "; ".join(f"@{key}" for key in order) + "]"
        return match[0]

    return _RUN_RE.sub(restore, text)
