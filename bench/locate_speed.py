"""Benchmark: `carekit check` on drafts full of identifiers, at 1x and 10x their size.

Each shape is a draft whose every line holds findings (dates, ages, phone and record
numbers, citations, dates behind escapes that cannot be found literally in the YAML).
Locating each finding used to search the draft from its start, so time grew with the
square of the size (a 250 kB draft of dates took 99 s). The ratio column should stay near
10 (linear); 100 would be quadratic.

Run with `python bench/locate_speed.py`. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _block(line: str, count: int) -> str:
    body = "".join(f"  {line.format(i=i, d=i % 28 + 1, e=i % 9 + 1)}\n" for i in range(count))
    return f"carekit: 1\ntitle: A case\nclinical_findings: |\n{body}"


def _fields(line: str, count: int) -> str:
    body = "".join(
        f"  - {{at: day {i}, event: {line.format(i=i, d=i % 28 + 1, e=i % 9 + 1)}}}\n"
        for i in range(count)
    )
    return f"carekit: 1\ntitle: A case\ntimeline:\n{body}"


def _quoted(line: str, count: int) -> str:
    body = "".join(line.format(i=i, d=i % 28 + 1, e=i % 9 + 1) for i in range(count))
    return f'carekit: 1\ntitle: A case\nclinical_findings: "{body}"\n'


SHAPES = {
    "dates in one block": lambda n: _block("Seen on {d:02d}/03/2021 and on March {d}, 2021.", n),
    "dates, one per field": lambda n: _fields("Seen on {d:02d}/03/2021.", n),
    "ages, phones, records": lambda n: _block(
        "A 9{i:1}-year-old (MRN 44{i:05d}) on +44 20 7946 {i:04d}.", n
    ),
    "escaped dates (not found)": lambda n: _quoted("on \\x31{e}/03/2021 ", n),
    "citations": lambda n: _block("As reported [@ref{i}; @fig:x{i}].", n),
}


def _run(text: str, folder: Path) -> float:
    draft = folder / "draft.yaml"
    draft.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "carekit", "check", "-f", "json", str(draft)],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - start


def main(base: int = 1500) -> None:
    print("| shape | size 1x (kB) | 1x (s) | 10x (s) | ratio |\n|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        empty = _run("carekit: 1\ntitle: A case\n", Path(folder))  # start-up, not growth
        for name, make in SHAPES.items():
            small, large = make(base), make(base * 10)
            one = _run(small, Path(folder)) - empty
            ten = _run(large, Path(folder)) - empty
            print(
                f"| {name} | {len(small) // 1024} | {one:.2f} | {ten:.2f} | "
                f"{ten / max(one, 1e-3):.1f} |"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1500)
