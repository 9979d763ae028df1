"""Benchmark: `carekit render` as a whole process beside the tools it stands on.

- PDF: `carekit render --to pdf` on the seed-000 example beside the bare `weasyprint` CLI
  on the HTML carekit produced (target ratio 1.1 or lower, issue #12);
- HTML: `carekit render --to html` beside `pandoc` turning carekit's Markdown into a
  standalone, self-contained HTML file (target ratio 2.0 or lower).

Run with `make bench`; pandoc is the one the pypandoc-binary wheel ships. Medians of
interleaved runs; not a test.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from check_speed import ROOT, compile_carekit, median_seconds, tool

EXAMPLE = ROOT / "examples" / "seed-000-calcinosis-infant"
RUNS = 9
TARGETS = {"pdf": 1.1, "html": 2.0}


def main() -> None:
    compile_carekit()
    from carekit.render.pandoc import pandoc_binary

    pandoc = str(pandoc_binary())  # the same pandoc carekit runs (the pypandoc-binary wheel)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / EXAMPLE.name
        shutil.copytree(EXAMPLE, folder)
        draft = folder / "draft.yaml"
        carekit = tool("carekit")
        # Make the inputs the other tools work on (and warm carekit's template cache).
        subprocess.run([carekit, "render", str(draft)], check=True, capture_output=True)
        commands = {
            "carekit render --to pdf": [carekit, "render", str(draft), "--to", "pdf"],
            "weasyprint draft.html": [
                tool("weasyprint"),
                str(folder / "draft.html"),
                str(folder / "bare.pdf"),
            ],
            "carekit render --to html": [carekit, "render", str(draft), "--to", "html"],
            "pandoc draft.md": [
                pandoc,
                "--standalone",
                "--self-contained",
                f"--resource-path={folder}",
                "--metadata",
                "title=Case report",
                str(folder / "draft.md"),
                "-o",
                str(folder / "pandoc.html"),
            ],
        }
        seconds = dict(zip(commands, median_seconds(list(commands.values()), RUNS), strict=True))

    print(f"{EXAMPLE.relative_to(ROOT)}, median of {RUNS} interleaved runs\n")
    print("| format | carekit (ms) | baseline | baseline (ms) | ratio | target |")
    print("|---|---:|---|---:|---:|---:|")
    for fmt, ours, theirs in (
        ("pdf", "carekit render --to pdf", "weasyprint draft.html"),
        ("html", "carekit render --to html", "pandoc draft.md"),
    ):
        ratio = seconds[ours] / seconds[theirs]
        verdict = "met" if ratio <= TARGETS[fmt] else "MISSED"
        print(
            f"| {fmt} | {seconds[ours] * 1000:.0f} | `{theirs}` | {seconds[theirs] * 1000:.0f}"
            f" | {ratio:.2f} | <= {TARGETS[fmt]} {verdict} |"
        )


if __name__ == "__main__":
    main()
