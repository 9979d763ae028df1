"""How many values of a draft come back unchanged after render -> import.

    python tests/manuscripts/roundtrip_score.py [--layouts default,jmcr,bmj] [--list]

Renders both examples and the 24 real-report drafts (tests/realworld/drafts) to Markdown
and Word with each layout, imports each manuscript back, and counts the original's leaf
values (texts, numbers, yes/no) that the imported draft has at the same path, equal
(texts compared paragraph by paragraph, ignoring how lines are wrapped).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from roundtrip import (  # noqa: E402
    EXAMPLES,
    FORMATS,
    LAYOUTS,
    REALWORLD,
    ROOT,
    compare,
    counted,
    dotted,
    imported_text,
    loaded_data,
    reason,
    render,
)

sys.path.insert(0, str(ROOT))


def stem_of(draft: Path) -> str:
    return draft.parent.name if draft.name == "draft.yaml" else draft.stem


def score(layouts: list[str], show: bool, only: str) -> None:
    drafts = [d for d in EXAMPLES + REALWORLD if only in str(d)]
    totals: Counter = Counter()
    missed: Counter = Counter()
    reasons: Counter = Counter()
    print("| layout | format | drafts | values equal | of | share |")
    print("|---|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for layout in layouts:
            rows: dict[str, Counter] = {f: Counter() for f in FORMATS}
            for example in [d for d in EXAMPLES if d in drafts]:
                render([example], layout, Path(tmp) / layout / stem_of(example))
            real = [d for d in REALWORLD if d in drafts]
            if real:
                render(real, layout, Path(tmp) / layout / "realworld")
            for draft in drafts:
                folder = Path(tmp) / layout / (stem_of(draft) if draft in EXAMPLES else "realworld")
                name = "draft" if draft in EXAMPLES else draft.stem
                original = loaded_data(draft)
                for kind in FORMATS:
                    manuscript = folder / f"{name}.{kind}"
                    back = loaded_data(folder / f"{name}.yaml", imported_text(manuscript))
                    differ = compare(original, back)
                    rows[kind]["all"] += counted(original)
                    rows[kind]["equal"] += counted(original) - len(differ)
                    for path, (was, got) in differ.items():
                        missed[(layout, kind, _field(path))] += 1
                        reasons[(reason(path, was, got) or "UNEXPLAINED")[:60]] += 1
                    if show:
                        for path, (was, got) in differ.items():
                            print(
                                f"  {stem_of(draft)} {layout} {kind} {dotted(path)}: "
                                f"{str(was)[:60]!r} -> {str(got)[:60]!r}"
                            )
            for kind, row in rows.items():
                share = row["equal"] / row["all"]
                print(
                    f"| {layout} | {kind} | {len(drafts)} | {row['equal']} | {row['all']} "
                    f"| {share:.1%} |"
                )
                totals.update(row)
    print(
        f"\n{totals['equal']} of {totals['all']} values equal "
        f"({totals['equal'] / totals['all']:.1%}) over {len(layouts)} layouts x "
        f"{len(FORMATS)} formats x {len(drafts)} drafts"
    )
    print("\nValues that did not come back, by reason (tests/manuscripts/roundtrip.py KNOWN):")
    for why, n in reasons.most_common():
        print(f"  {n:6}  {why}...")
    print("\nMost often different (layout, format, field): count")
    for (layout, kind, field), n in missed.most_common(25):
        print(f"  {layout:8} {kind:5} {field:40} {n}")


def _field(path: tuple) -> str:
    """The field a path belongs to, without list indexes (labs.3.value -> labs.value)."""
    return ".".join(str(p) for p in path if not isinstance(p, int))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--layouts", default=",".join(LAYOUTS))
    parser.add_argument("--list", action="store_true", help="print every value that differs")
    parser.add_argument("--only", default="", help="only drafts whose path contains this")
    args = parser.parse_args()
    score(args.layouts.split(","), args.list, args.only)


if __name__ == "__main__":
    main()
