"""Span-level precision and recall of the privacy rules on the blind labelled set.

    python tests/privacy_spans.py          # summary and recall by kind
    python tests/privacy_spans.py -v       # also every missed span and false alarm
    python tests/privacy_spans.py --json   # the figures as JSON

tests/data/privacy_blind.yaml was written by someone who saw neither the rules nor their
output, from the HIPAA Safe Harbor list alone: every identifier in a sentence is a span
with its kind, and about half the sentences are hard negatives. Each sentence is put into
its draft field, loaded by the real loader and checked by the privacy rules; a finding
whose excerpt overlaps a labelled span finds that span, any other finding is a false alarm.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from carekit.check.checklist import load_checklist  # noqa: E402
from carekit.check.engine import Selection, check_loaded  # noqa: E402
from carekit.check.rules import all_rules  # noqa: E402
from carekit.draft.loader import load_text  # noqa: E402

DATA = ROOT / "tests" / "data" / "privacy_blind.yaml"
# Keys whose value is a list of mappings: the sentence goes into the first entry, beside
# the one key that entry needs.
LISTS = {
    "timeline": "at: day 0",
    "interventions": "name: aspirin",
    "intervention_changes": "change: dose lowered",
    "references": "id: r1",
    "figures": "id: f1",
    "imaging": "test: CT",
    "other_results": "test: ECG",
    "past_interventions": "when: before",
    "differential": "diagnosis: other",
    "affiliations": "id: a1",
}


def draft_with(field: str, text: str) -> str:
    """A minimal draft holding `text` at the dotted `field` path."""
    lines, indent = ["carekit: 1"], ""
    parts = [part.removesuffix("[]") for part in field.split(".")]
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        value = f" {json.dumps(text)}" if last else ""
        lines.append(f"{indent}{part}:{value}")
        indent += "  "
        if not last and part in LISTS:
            lines.append(f"{indent}- {LISTS[part]}")
            indent += "  "
    return "\n".join(lines) + "\n"


# Rules about text identifiers; figure metadata and the journal's age-range preference
# are not about words in a sentence.
NOT_TEXT = {"privacy-image-metadata", "privacy-exact-age"}


def privacy_rules() -> frozenset[str]:
    return frozenset(rule for rule in all_rules() if rule.startswith("privacy-")) - NOT_TEXT


def found_spans(sentence: dict, rules: frozenset[str], checklist) -> list[tuple[int, int]]:
    """Character ranges in the sentence that the privacy rules flagged."""
    text = sentence["text"]
    loaded = load_text(draft_with(sentence["field"], text), ROOT / "tests" / "data" / "s.yaml")
    report = check_loaded(loaded, checklist, Selection(rules))
    spans = []
    for finding in report.findings:
        excerpt = finding.excerpt or ""
        start = text.find(excerpt) if excerpt else -1
        spans.append((start, start + len(excerpt)) if start >= 0 else (0, len(text)))
    return spans


def labelled(sentence: dict) -> list[tuple[int, int, str]]:
    text, out = sentence["text"], []
    for span in sentence.get("spans") or []:
        start = text.find(span["text"])
        out.append((start, start + len(span["text"]), span["kind"]))
    return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(verbose: bool = False) -> dict:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(DATA.read_text(encoding="utf-8"))
    rules, checklist = privacy_rules(), load_checklist()
    wanted, hit, alarms, alarm_sentences, negatives = Counter(), Counter(), 0, 0, 0
    true_found = 0
    for sentence in data["sentences"]:
        gold, got = labelled(sentence), found_spans(sentence, rules, checklist)
        negatives += not gold
        for start, end, kind in gold:
            wanted[kind] += 1
            if any(overlaps((start, end), span) for span in got):
                hit[kind] += 1
            elif verbose:
                print(f"MISSED {kind}: {sentence['text'][start:end]!r} in {sentence['text']!r}")
        false = [s for s in got if not any(overlaps(s, (a, b)) for a, b, _ in gold)]
        true_found += len(got) - len(false)
        alarms += len(false)
        alarm_sentences += bool(false)
        if verbose and false:
            shown = ", ".join(repr(sentence["text"][a:b]) for a, b in false)
            print(f"FALSE ALARM {shown} in {sentence['text']!r} [{sentence['field']}]")
    total_wanted = sum(wanted.values())
    recall = sum(hit.values()) / total_wanted
    precision = true_found / (true_found + alarms) if true_found + alarms else 1.0
    return {
        "sentences": len(data["sentences"]),
        "negatives": negatives,
        "spans": total_wanted,
        "span_recall": round(recall, 3),
        "span_precision": round(precision, 3),
        "span_f1": round(2 * precision * recall / (precision + recall), 3) if recall else 0.0,
        "false_alarms": alarms,
        "sentences_with_false_alarm": alarm_sentences,
        "recall_by_kind": {kind: round(hit[kind] / n, 3) for kind, n in sorted(wanted.items())},
    }


def main() -> None:
    figures = score(verbose="-v" in sys.argv)
    if "--json" in sys.argv:
        print(json.dumps(figures, indent=2))
        return
    print(
        f"{figures['sentences']} sentences ({figures['negatives']} with no identifier), "
        f"{figures['spans']} labelled spans"
    )
    print(
        f"span precision {figures['span_precision']:.3f}  recall {figures['span_recall']:.3f}"
        f"  F1 {figures['span_f1']:.3f}  false alarms {figures['false_alarms']} "
        f"in {figures['sentences_with_false_alarm']} sentences"
    )
    print("\n| kind | recall |\n|---|---:|")
    for kind, value in figures["recall_by_kind"].items():
        print(f"| {kind} | {value:.2f} |")


if __name__ == "__main__":
    main()
