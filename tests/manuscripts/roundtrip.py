"""Render a draft to Markdown and Word, import it back, and compare the two drafts value
by value (used by tests/test_roundtrip.py and roundtrip_score.py).

Both drafts are read through carekit's own loader; every leaf value of the original (a
text, a number, a yes/no) is looked up at the same path in the imported draft. Texts are
compared as paragraphs: how a paragraph is wrapped into lines in the YAML is not part of
its text (a folded `>-` block and a `|` block of the same words are the same text).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))


EXAMPLES = sorted((ROOT / "examples").glob("seed-*/draft.yaml"))
REALWORLD = sorted((ROOT / "tests" / "realworld" / "drafts").glob("PMC*.yaml"))

# How each manuscript is laid out: the CARE-order template, and the journals' templates
# (which print some fields without a heading of their own).
LAYOUTS = {
    "default": ("--template", "default"),
    "jmcr": ("--journal", "jmcr"),
    "bmj": ("--journal", "bmj-case-reports"),
}
FORMATS = ("md", "docx")

Path_ = tuple[Any, ...]


def render(drafts: list[Path], layout: str, out: Path) -> None:
    """Each draft rendered to Markdown and Word into `out` (one carekit run)."""
    done = subprocess.run(
        [sys.executable, "-m", "carekit", "render", *map(str, drafts), "--to", "md,docx"]
        + [*LAYOUTS[layout], "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    if done.returncode != 0 or "Traceback" in done.stderr:
        raise RuntimeError(f"render failed: {done.stderr}")


def leaves(value: Any, path: Path_ = ()) -> dict[Path_, Any]:
    """Every leaf value of a loaded draft by its path."""
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in leaves(item, (*path, key)).items()}
    if isinstance(value, list):
        return {k: v for i, item in enumerate(value) for k, v in leaves(item, (*path, i)).items()}
    return {path: value}


def same_text(text: str) -> str:
    """A text as its paragraphs, each with its words separated by single spaces."""
    paragraphs = re.split(r"\n[ \t]*\n", str(text).strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def loaded_data(path: Path, text: str | None = None) -> dict:
    from carekit.draft.loader import load_file, load_text

    loaded = load_text(text, path) if text is not None else load_file(path)
    assert loaded.draft is not None, [f.message for f in loaded.findings]
    return loaded.draft.data


def compare(original: dict, imported: dict) -> dict[Path_, tuple[Any, Any]]:
    """The original's leaves that did not come back equal: path -> (written, imported)."""
    got = leaves(imported)
    differ = {}
    for path, value in leaves(original).items():
        if path == ("carekit",):
            continue
        back = got.get(path)
        if isinstance(value, str) and isinstance(back, str):
            equal = same_text(value) == same_text(back)
        else:
            equal = value == back and type(value) is type(back)
        if not equal:
            differ[path] = (value, back)
    return differ


def counted(original: dict) -> int:
    return sum(1 for path in leaves(original) if path != ("carekit",))


def imported_text(manuscript: Path) -> str:
    from carekit.app.manuscripts import import_manuscript

    return import_manuscript(manuscript).text


def dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path)


# What cannot come back from the file, and why. Each entry: (path pattern, test on the
# written and imported values, reason). What the page prints lossily (a reference as the
# style's formatted entry, a lab unit's spelling, consent's yes/no facts, a timeline
# entry's id and anchor, a citation's key order, BMJ's learning points' breaks) comes
# back: the marks carry it as written (draft/written.py).
KNOWN: list[tuple[str, Any, str]] = []  # every value comes back


def reason(path: Path_, was: Any, got: Any) -> str | None:
    """Why a value cannot come back from the file (KNOWN), or None."""
    for pattern, holds, why in KNOWN:
        if re.fullmatch(pattern, dotted(path)) and holds(was, got):
            return why
    return None
