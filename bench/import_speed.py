"""Benchmark: `carekit check` on a Word manuscript beside checking its imported draft
plus one pandoc run (target: the manuscript at most 2x that sum).

    python bench/import_speed.py

The manuscript is made here: two real test manuscripts (tests/manuscripts/) joined into
one of about 3,000 words, converted by the bundled pandoc. Not a test: timings depend on
the machine.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from check_speed import median_seconds, tool

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PARTS = ("PMC8130080.md", "PMC8446742.md")
TARGET = 2.0


def main() -> None:
    from carekit.render.pandoc import pandoc_binary

    pandoc, carekit = str(pandoc_binary()), tool("carekit")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        text = "\n\n".join((ROOT / "tests/manuscripts" / p).read_text() for p in PARTS)
        (work / "paper.md").write_text(text, encoding="utf-8")
        subprocess.run([pandoc, "paper.md", "-o", "paper.docx"], cwd=work, check=True)
        subprocess.run(
            [carekit, "import", "paper.docx", "-o", "paper.yaml"],
            cwd=work,
            check=True,
            capture_output=True,
        )
        words = len(text.split())
        docx, yaml, reader = median_seconds(
            [
                [carekit, "check", str(work / "paper.docx")],
                [carekit, "check", str(work / "paper.yaml")],
                [pandoc, "--from", "docx", "--to", "json", str(work / "paper.docx")],
            ],
            runs=11,
        )
    ratio = docx / (yaml + reader)
    verdict = "met" if ratio <= TARGET else "MISSED"
    print(f"A Word manuscript of about {words} words, medians of 11 interleaved runs\n")
    print("| command | wall (ms) |\n|---|---:|")
    print(f"| carekit check paper.docx | {docx * 1000:.0f} |")
    print(f"| carekit check paper.yaml (its import) | {yaml * 1000:.0f} |")
    print(f"| pandoc --from docx --to json | {reader * 1000:.0f} |")
    print(f"\nratio docx / (yaml + pandoc) = {ratio:.2f}, target <= {TARGET} {verdict}")


if __name__ == "__main__":
    main()
