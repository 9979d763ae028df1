"""Benchmark: how long after a change the editor has the new diagnostics, seen from the
client side, for the seed-000 example.

Run with `python bench/lsp_latency.py [DRAFT] [--runs N]`. Starts `carekit lsp`, opens
the draft with pygls's LSP client, then sends N whole-text changes (alternately adding
and removing a keyword, so the findings really change) and times each from sending the
change to receiving its `textDocument/publishDiagnostics`. Prints the median, the 90th
percentile and the worst (target: the median within 50 ms). Not a test: timings depend
on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from lsp_client import Session  # noqa: E402

DRAFT = ROOT / "examples" / "seed-000-calcinosis-infant" / "draft.yaml"
TARGET_MS = 50.0


async def measure(draft: Path, runs: int) -> tuple[float, list[float]]:
    session = Session()
    await session.start()
    uri, text = draft.resolve().as_uri(), draft.read_text(encoding="utf-8")
    started = time.perf_counter()
    session.open(uri, text)
    await session.diagnostics_for(uri)
    opened = (time.perf_counter() - started) * 1000
    variants = [text.replace("\ntitle:", "\nkeywords: [calcinosis cutis, infant]\ntitle:", 1)]
    variants.append(text)
    times = []
    for run in range(runs):
        started = time.perf_counter()
        session.change(uri, variants[run % 2])
        await session.diagnostics_for(uri)
        times.append((time.perf_counter() - started) * 1000)
    await session.stop()
    return opened, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draft", nargs="?", type=Path, default=DRAFT)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    opened, times = asyncio.run(measure(args.draft, args.runs))
    times.sort()
    median = statistics.median(times)
    p90 = times[int(len(times) * 0.9) - 1]
    lines = args.draft.read_text(encoding="utf-8").count("\n")
    print(f"carekit lsp, {args.draft.name} ({lines} lines), {len(times)} changes:")
    print(f"  open to diagnostics:   {opened:6.1f} ms (the first check of the document)")
    print(
        f"  change to diagnostics: median {median:.1f} ms, 90th percentile {p90:.1f} ms, "
        f"worst {times[-1]:.1f} ms"
    )
    verdict = "within" if median <= TARGET_MS else "OVER"
    print(f"  target: {TARGET_MS:.0f} ms -> {verdict}")


if __name__ == "__main__":
    main()
