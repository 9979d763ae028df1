"""How many passages of the real test manuscripts `carekit import` puts in the right field.

    python tests/manuscripts/placement.py

For each manuscript (Word, JATS and Markdown, built by make_manuscripts.py from a real
report), every passage the layout printed is looked for in the imported draft: in the
field it came from (right), in another field (wrong place), or nowhere but `unplaced:`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from make_manuscripts import LAYOUT, REPORTS, numbered_citations, value  # noqa: E402

from carekit.app.manuscripts import import_manuscript  # noqa: E402

SUFFIXES = (".docx", ".xml", ".md")


def squash(text: str) -> str:
    """Text compared without markup, citation form or spacing."""
    text = re.sub(r"\[@[^\]]*\]|\[[\d,\s\u2013-]+\]", "", str(text))
    return re.sub(r"[\W_]+", "", text).lower()


def passages(draft: dict) -> list[tuple[str, str]]:
    """(field, paragraph) for every paragraph of every text field the layout prints."""
    out = []
    for _heading, _style, fields in LAYOUT:
        for field in fields:
            text = value(draft, field)
            if isinstance(text, str):
                out += [
                    (field, p) for p in numbered_citations(text, draft).split("\n\n") if p.strip()
                ]
    return out


def placement(report: str, suffix: str) -> dict[str, int]:
    source = YAML(typ="safe").load((ROOT / "tests/realworld/drafts" / f"{report}.yaml").read_text())
    imported = YAML(typ="safe").load(import_manuscript(HERE / f"{report}{suffix}").text)
    counts = {"right": 0, "wrong place": 0, "unplaced": 0, "lost": 0}
    for field, paragraph in passages(source):
        wanted = squash(paragraph)[:80]
        if wanted in squash(value(imported, field) or ""):
            counts["right"] += 1
        elif any(wanted in squash(u.get("text", "")) for u in imported.get("unplaced") or []):
            counts["unplaced"] += 1
        elif wanted in squash(str(imported)):
            counts["wrong place"] += 1
        else:
            counts["lost"] += 1
    labs = value(source, "diagnostics.labs") or []
    got = value(imported, "diagnostics.labs") or []
    counts["lab rows"] = (
        f"{len(got)}/{len([x for x in labs if not isinstance(x.get('reference_range'), dict)])}"
    )
    return counts


def main() -> None:
    totals = {"right": 0, "wrong place": 0, "unplaced": 0, "lost": 0}
    print("| manuscript | right field | wrong field | unplaced | lost | lab rows |")
    print("|---|---:|---:|---:|---:|---:|")
    for report in REPORTS:
        for suffix in SUFFIXES:
            c = placement(report, suffix)
            for key in totals:
                totals[key] += c[key]
            cells = (c["right"], c["wrong place"], c["unplaced"], c["lost"], c["lab rows"])
            print(f"| {report}{suffix} | " + " | ".join(map(str, cells)) + " |")
    every, right = sum(totals.values()), totals["right"]
    print(f"\n{right} of {every} passages in the right field ({right / every:.0%}), ", end="")
    print(f"{totals['lost']} lost")


if __name__ == "__main__":
    main()
