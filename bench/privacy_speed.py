"""Benchmark: the privacy detectors on one draft, cold (a fresh process per round).

Run with `python bench/privacy_speed.py [DRAFT] [ROUNDS]`. Each round is a new Python
process that does what `carekit check` does before its rules run (the regex cache, the
checklist and the draft loaded, no cyclic GC), then times every privacy rule's detector
over the draft's patient text, in the order the check runs them. Prints the median
milliseconds of each rule over the rounds, and their total. Not a test: timings depend on
the machine.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from check_speed import compile_carekit

from carekit.privacy.detectors import DETECTORS

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "examples" / "seed-000-calcinosis-infant" / "draft.yaml"
ROUNDS = 15
# In the order the check registers (and runs) them; the strict date rule runs only for a
# journal that asks for no dates at all.
RULES = tuple(rule for rule in DETECTORS if rule != "privacy-date-strict")


def child(draft: Path) -> None:
    """One cold round: print {rule: ms} as JSON."""
    import gc

    gc.disable()  # as the check runs
    sys.path.insert(0, str(ROOT))
    from carekit.io import regexcache

    regexcache.install("check")  # as carekit.cli does before the rules are imported
    started = time.perf_counter()
    from carekit.check.checklist import load_checklist
    from carekit.check.rules import privacy  # noqa: F401  (imports the detectors)
    from carekit.check.rules.privacy import patient_text
    from carekit.draft.loader import load_file
    from carekit.privacy.detectors import detect

    imported = (time.perf_counter() - started) * 1000  # the privacy modules, and more
    load_checklist()  # as the check does before its rules (it reads the data cache)
    texts = list(patient_text(load_file(draft).draft))
    out: dict[str, float] = {}
    hits = 0
    for rule in RULES:
        start = time.perf_counter()
        for _path, text, scope in texts:
            hits += sum(1 for _ in detect(rule, text, (), scope))
        out[rule] = (time.perf_counter() - start) * 1000
    regexcache.save()  # a new pattern is compiled once, then served as in a real check
    out["hits"] = hits
    out["import"] = imported
    out["texts"] = len(texts)
    out["chars"] = sum(len(t) for _, t, _ in texts)
    print(json.dumps(out))


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--child"]:
        child(Path(args[1]))
        return
    draft = Path(args[0]) if args else DRAFT
    rounds = int(args[1]) if len(args) > 1 else ROUNDS
    command = [sys.executable, __file__, "--child", str(draft)]
    compile_carekit()
    # A cache folder of its own: carekit keeps only one checkout's data files in the
    # shared one, so runs of other checkouts would make every round here parse them anew.
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache}
        subprocess.run(command, capture_output=True, check=True, env=env)  # fill the caches
        results = []
        for _ in range(rounds):
            done = subprocess.run(command, capture_output=True, check=True, text=True, env=env)
            results.append(json.loads(done.stdout))
    first = results[0]
    print(
        f"{draft.relative_to(ROOT) if draft.is_relative_to(ROOT) else draft}: "
        f"{first['texts']} texts, {first['chars']} chars, {first['hits']} hits; "
        f"median of {rounds} cold rounds"
    )
    for rule in RULES:
        print(f"  {rule:24} {statistics.median(r[rule] for r in results):6.2f} ms")
    total = statistics.median(sum(r[rule] for rule in RULES) for r in results)
    print(f"  {'total':24} {total:6.2f} ms")
    imported = statistics.median(r["import"] for r in results)
    print(f"  (importing the rules' modules: {imported:.2f} ms, not in the total)")


if __name__ == "__main__":
    main()
