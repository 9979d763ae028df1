"""Privacy findings on the real published reports of tests/realworld/drafts/.

    python tests/privacy_realworld.py          # every privacy finding, per report
    python tests/privacy_realworld.py --json   # counts per report and rule, as JSON

The reports are de-identified published case reports, so nearly every privacy finding
on them is a false alarm (a month and year of the patient's course is a Safe Harbor date
the journal still printed): read each line and judge it. One `carekit check` run of the
real CLI over all drafts, privacy rules only.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "tests" / "realworld" / "drafts"
sys.path.insert(0, str(DRAFTS.parent))

from score import check_json  # noqa: E402


def findings() -> dict[str, list[dict]]:
    report = check_json(sorted(DRAFTS.glob("PMC*.yaml")))
    out: dict[str, list[dict]] = {}
    for entry in report["files"]:
        out[Path(entry["file"]).stem] = [
            f for f in entry["findings"] if f["rule"].startswith("privacy-")
        ]
    return out


def main() -> None:
    found = findings()
    if "--json" in sys.argv:
        counts = {k: dict(Counter(f["rule"] for f in v)) for k, v in found.items()}
        total = sum(len(v) for v in found.values())
        print(
            json.dumps({"reports": len(found), "findings": total, "per_report": counts}, indent=2)
        )
        return
    for stem, items in found.items():
        for f in items:
            print(f"{stem}  {f['rule']:<22} {f.get('excerpt')!r}  [{f.get('severity')}]")
    total = sum(len(v) for v in found.values())
    print(
        f"\n{total} privacy findings on {len(found)} reports ({total / len(found):.2f} per report)"
    )


if __name__ == "__main__":
    main()
