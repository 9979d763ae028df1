"""Agreement between carekit's item statuses and an editor's verdicts on real reports.

    python tests/realworld/score.py            # summary, per-item table, confusion matrix
    python tests/realworld/score.py --json     # the figures as JSON (for the README and tests)

Each `drafts/PMC*.yaml` is a published case report transcribed into a draft; the
matching `verdicts/PMC*.yaml` holds an editor's status for each of the 30 CARE items,
written without seeing carekit's output. Every draft is checked by the real CLI.

Binary agreement: addressed (reported, partly or not applicable) against missing.
Three-way agreement: reported (or not applicable), partly and missing told apart.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
STATUSES = ("reported", "partly", "missing", "not_applicable")


def _word(status: str) -> str:
    """carekit writes "not applicable", the verdict files "not_applicable"; an author's
    reason for an item that applies ("not reported") counts as missing."""
    status = status.replace(" ", "_")
    return "missing" if status == "not_reported" else status


def three_way(status: str) -> str:
    status = _word(status)
    return "reported" if status == "not_applicable" else status


def binary(status: str) -> str:
    return "missing" if _word(status) == "missing" else "addressed"


def check_json(drafts: list[Path]) -> dict:
    """The JSON report of one `carekit check` run of the real CLI over the drafts."""
    done = subprocess.run(
        [sys.executable, "-m", "carekit", "check", "--format", "json", *map(str, drafts)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"carekit check failed ({done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout)


def carekit_statuses(drafts: list[Path]) -> dict[str, dict[str, str]]:
    """Item statuses per report."""
    report = check_json(drafts)
    return {
        Path(entry["file"]).stem: {item["id"]: item["status"] for item in entry["items"]}
        for entry in report["files"]
    }


def editor_verdicts(path: Path) -> dict[str, str]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return {str(item): entry["status"] for item, entry in data["verdicts"].items()}


def score() -> dict:
    drafts = sorted((HERE / "drafts").glob("PMC*.yaml"))
    ours = carekit_statuses(drafts)
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for draft in drafts:
        theirs = editor_verdicts(HERE / "verdicts" / draft.name)
        for item, verdict in theirs.items():
            pairs[item].append((verdict, ours[draft.stem][item]))
    every = [pair for item_pairs in pairs.values() for pair in item_pairs]

    def agreement(pairs_: list[tuple[str, str]], fold) -> float:
        return sum(fold(a) == fold(b) for a, b in pairs_) / len(pairs_)

    per_item = {
        item: {
            "binary": round(agreement(item_pairs, binary), 3),
            "three_way": round(agreement(item_pairs, three_way), 3),
        }
        for item, item_pairs in pairs.items()
    }
    confusion = Counter((three_way(a), three_way(b)) for a, b in every)
    return {
        "reports": len(drafts),
        "items": len(every),
        "binary": round(agreement(every, binary), 3),
        "three_way": round(agreement(every, three_way), 3),
        "per_item": per_item,
        "confusion": {f"{a} -> {b}": n for (a, b), n in sorted(confusion.items())},
    }


def main() -> None:
    figures = score()
    if "--json" in sys.argv:
        print(json.dumps(figures, indent=2))
        return
    print(f"{figures['reports']} reports, {figures['items']} item verdicts")
    print(f"binary agreement    {figures['binary']:.3f}")
    print(f"three-way agreement {figures['three_way']:.3f}\n")
    print("item   binary  three-way")
    for item, row in figures["per_item"].items():
        print(f"{item:<6} {row['binary']:>6.2f}  {row['three_way']:>9.2f}")
    print("\neditor -> carekit (three-way)")
    for pair, count in figures["confusion"].items():
        print(f"  {pair:<24} {count}")


if __name__ == "__main__":
    main()
