"""Benchmark: `carekit check` on one draft, as a whole process, beside `yamllint`.

Run with `make bench` (or `python bench/check_speed.py [DRAFT]`). Prints the median wall
time of each command over interleaved runs, with output captured as a pre-commit hook
captures it, and the ratio carekit / yamllint (target: 0.6 or lower). Not a test:
timings depend on the machine.
"""

from __future__ import annotations

import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "examples" / "seed-000-calcinosis-infant" / "draft.yaml"
RUNS = 21
TARGET = 0.6


def tool(name: str) -> str:
    """The command from this Python's environment (the venv), else from PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} is not installed; run `make bench`, which installs it.")
    return found


def median_seconds(commands: list[list[str]], runs: int = RUNS) -> list[float]:
    """Median wall time of each command; rounds interleave them so drift hits all alike."""
    return [wall for wall, _ in median_times(commands, runs)]


def median_times(commands: list[list[str]], runs: int = RUNS) -> list[tuple[float, float]]:
    """(median wall time, median CPU time) of each command, over interleaved rounds.
    CPU time (user + system) moves less than wall time when the machine is shared."""
    for command in commands:
        subprocess.run(command, capture_output=True, check=False)  # warm the caches
    walls: list[list[float]] = [[] for _ in commands]
    cpus: list[list[float]] = [[] for _ in commands]
    order = list(range(len(commands)))
    shuffled = random.Random(0)
    for _ in range(runs):
        # A command run right after another program is measurably slower (cold CPU
        # caches) than one run after itself: a fixed order favoured whichever came second.
        shuffled.shuffle(order)
        for index in order:
            command = commands[index]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False)
            walls[index].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[index].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)]


def compile_carekit() -> None:
    """Compile carekit's bytecode, as a pip install does: an editable checkout may not have
    it (and PYTHONDONTWRITEBYTECODE stops Python writing it). Forced: compileall compares
    only a source's modification second, so a file edited within the second it was last
    compiled kept stale bytecode, and every timed run compiled that module from source."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "-f", str(ROOT / "carekit")], check=True
    )


def main() -> None:
    draft = Path(sys.argv[1]) if len(sys.argv) > 1 else DRAFT
    compile_carekit()
    lines = len(draft.read_text(encoding="utf-8").splitlines())
    commands = {
        "yamllint -d default": [tool("yamllint"), "-d", "default", str(draft)],
        "carekit check (text)": [tool("carekit"), "check", str(draft)],
        "carekit check --format json": [tool("carekit"), "check", "-f", "json", str(draft)],
    }
    times = median_times(list(commands.values()))
    base_wall, base_cpu = times[0]
    print(
        f"{draft.relative_to(ROOT) if draft.is_relative_to(ROOT) else draft} ({lines} lines), "
        f"median of {RUNS} interleaved runs\n"
    )
    print("| command | wall (ms) | wall ratio | CPU (ms) | CPU ratio | target |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, (wall, cpu) in zip(commands, times, strict=True):
        ratio = wall / base_wall
        target = (
            ""
            if label.startswith("yamllint")
            else (f"<= {TARGET} {'met' if ratio <= TARGET else 'MISSED'}")
        )
        print(
            f"| {label} | {wall * 1000:.0f} | {ratio:.2f} | {cpu * 1000:.0f} | "
            f"{cpu / base_cpu:.2f} | {target} |"
        )


if __name__ == "__main__":
    main()
