"""Precision and recall of the privacy rules on the labelled sentences.

    python tests/privacy_scores.py            # the set the rules were tuned on
    python tests/privacy_scores.py --heldout  # a set written apart, never tuned on

Each sentence of tests/data/privacy_sentences.yaml is put into its field of a draft and
checked by the real loader and engine with the privacy rules selected; the rules that
fire are compared with the sentence's `expect` list.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from carekit.check.checklist import load_checklist  # noqa: E402
from carekit.check.engine import Selection, check_loaded  # noqa: E402
from carekit.draft.loader import load_text  # noqa: E402
from carekit.privacy.detectors import DETECTORS  # noqa: E402

DATA = ROOT / "tests" / "data" / "privacy_sentences.yaml"
HELDOUT = ROOT / "tests" / "data" / "privacy_heldout.yaml"
RULES = tuple(rule for rule in DETECTORS if rule != "privacy-date-strict")
TEMPLATES = {  # field -> a draft holding the sentence there
    "clinical_findings": "clinical_findings: {text}\n",
    "patient.presenting_concern": "patient:\n  presenting_concern: {text}\n",
    "timeline_event": "timeline:\n  - at: day 0\n    event: {text}\n",
    "discussion.literature": "discussion:\n  literature: {text}\n",
    "patient_perspective": "patient_perspective: {text}\n",
    "consent.statement": "consent:\n  statement: {text}\n",
    "declarations.acknowledgements": "declarations:\n  acknowledgements: {text}\n",
    "declarations.funding": "declarations:\n  funding: {text}\n",
    "ethics": "ethics: {text}\n",
    "affiliation": "affiliations:\n  - id: a\n    name: {text}\n",
}


class Score(NamedTuple):
    rule: str
    true_positive: int
    false_positive: int
    false_negative: int

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0


def sentences(data: Path = DATA) -> list[dict]:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(data.read_text(encoding="utf-8"))["sentences"]


def fired(sentence: dict) -> set[str]:
    field = sentence.get("field", "clinical_findings")
    draft = "carekit: 1\n" + TEMPLATES[field].format(text=json.dumps(sentence["text"]))
    loaded = load_text(draft, ROOT / "tests" / "data" / "sentence.yaml")
    report = check_loaded(loaded, load_checklist(), Selection(frozenset(RULES)))
    return {finding.rule for finding in report.findings}


def scores(data: Path = DATA) -> tuple[list[Score], list[tuple[dict, set[str]]]]:
    """Per-rule scores, and the sentences where the rules disagreed with the labels."""
    counts = {rule: [0, 0, 0] for rule in RULES}
    misses = []
    for sentence in sentences(data):
        expected, got = set(sentence["expect"]), fired(sentence)
        for rule in RULES:
            if rule in got and rule in expected:
                counts[rule][0] += 1
            elif rule in got:
                counts[rule][1] += 1
            elif rule in expected:
                counts[rule][2] += 1
        if got != expected:
            misses.append((sentence, got))
    return [Score(rule, *counts[rule]) for rule in RULES], misses


def overall_precision(table: list[Score]) -> float:
    true = sum(s.true_positive for s in table)
    false = sum(s.false_positive for s in table)
    return true / (true + false) if true + false else 1.0


def main() -> None:
    data = HELDOUT if "--heldout" in sys.argv else DATA
    table, misses = scores(data)
    total = len(sentences(data))
    clean = sum(1 for s in sentences(data) if not s["expect"])
    print(f"{data.name}: {total} labelled sentences ({total - clean} identifying, {clean} clean)\n")
    print("| rule | true pos. | false pos. | false neg. | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    for s in table:
        print(
            f"| `{s.rule}` | {s.true_positive} | {s.false_positive} | {s.false_negative} | "
            f"{s.precision:.2f} | {s.recall:.2f} |"
        )
    print(f"| overall | | | | {overall_precision(table):.2f} | |")
    if "-v" in sys.argv:
        for sentence, got in misses:
            print(
                f"\nexpected {sorted(sentence['expect'])} got {sorted(got)}: {sentence['text']}"
                f" [{sentence.get('field', 'clinical_findings')}]"
            )


if __name__ == "__main__":
    main()
