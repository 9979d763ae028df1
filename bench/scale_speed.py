"""Benchmark: carekit check as work grows.

1. 500 generated drafts in one folder: `carekit check DIR` (every core) beside
   `yamllint DIR` on the same files (target ratio 0.5 or lower).
2. Growth: the seed-000 draft with 1x, 10x and 100x its timeline entries, lab rows and
   references: wall time and peak memory of `carekit check` and `carekit render --to
   html`, which should grow no faster than linearly.

Run with `make bench`. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from check_speed import ROOT, compile_carekit, tool

SEED = ROOT / "examples" / "seed-000-calcinosis-infant"
DRAFTS = 500


def _timed(command: list[str]) -> tuple[float, int]:
    """(wall seconds, peak memory in MiB) of one run, measured by /usr/bin/time."""
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "MAXRSS %M", *command], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    match = re.search(r"MAXRSS (\d+)", done.stderr)
    return wall, int(match[1]) // 1024 if match else 0


def many(folder: Path) -> None:
    text = (SEED / "draft.yaml").read_text(encoding="utf-8")
    for i in range(DRAFTS):
        case = folder / f"case-{i:03d}"
        case.mkdir()
        shutil.copytree(SEED / "figures", case / "figures")
        (case / "draft.yaml").write_text(
            text.replace("9-month-old", f"{i % 12 + 1}-month-old"), encoding="utf-8"
        )
    ours = min(_timed([tool("carekit"), "check", "-f", "json", str(folder)])[0] for _ in range(3))
    theirs = min(_timed([tool("yamllint"), "-d", "default", str(folder)])[0] for _ in range(3))
    print(f"{DRAFTS} drafts, best of 3 runs\n")
    print("| command | wall (s) | ratio | target |\n|---|---:|---:|---:|")
    print(f"| yamllint -d default DIR | {theirs:.2f} | 1.00 | |")
    verdict = "met" if ours / theirs <= 0.5 else "MISSED"
    print(f"| carekit check DIR | {ours:.2f} | {ours / theirs:.2f} | <= 0.5 {verdict} |\n")


def grown(text: str, factor: int) -> str:
    """The draft with each timeline entry, lab row and reference repeated `factor` times."""
    if factor == 1:
        return text
    labs = re.findall(r"^    - \{test: .*\}$", text, re.M)
    more_labs = "\n".join(
        line.replace("{test: ", f"{{test: T{k} ") for k in range(1, factor) for line in labs
    )
    text = text.replace(labs[-1], labs[-1] + "\n" + more_labs)
    timeline = "".join(
        f"  - {{at: day {d}, event: Event {d} on the ward.}}\n" for d in range(1, 3 * factor)
    )
    text = text.replace("# The article tells", f"timeline:\n{timeline}\n# The article tells")
    references = "".join(
        f"  - {{id: extra{k}, authors: [Author A], title: Title {k}, journal: J, year: 2020}}\n"
        for k in range(12 * (factor - 1))
    )
    cites = "".join(f"[@extra{k}]" for k in range(12 * (factor - 1)))
    text = text.replace("introduction: |\n", f"introduction: |\n  Cited {cites}.\n")
    return text.rstrip("\n") + "\n" + references


def growth(folder: Path) -> None:
    base = (SEED / "draft.yaml").read_text(encoding="utf-8")
    print("| size | check (s) | check peak (MiB) | render html (s) | render peak (MiB) |")
    print("|---|---:|---:|---:|---:|")
    for factor in (1, 10, 100):
        case = folder / f"x{factor}"
        case.mkdir()
        shutil.copytree(SEED / "figures", case / "figures")
        (case / "draft.yaml").write_text(grown(base, factor), encoding="utf-8")
        check = min(
            _timed([tool("carekit"), "check", "-f", "json", str(case / "draft.yaml")])
            for _ in range(3)
        )
        render = min(
            _timed([tool("carekit"), "render", str(case / "draft.yaml"), "--to", "html"])
            for _ in range(3)
        )
        print(f"| {factor}x | {check[0]:.2f} | {check[1]} | {render[0]:.2f} | {render[1]} |")


def main() -> None:
    compile_carekit()
    with tempfile.TemporaryDirectory() as scratch:
        for name, step in (("many", many), ("growth", growth)):
            folder = Path(scratch) / name
            folder.mkdir()
            step(folder)


if __name__ == "__main__":
    main()
