"""`carekit explain`: what a rule or a CARE item asks for, with examples that run."""

from __future__ import annotations

import argparse
import textwrap

from carekit.errors import CarekitError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from carekit.check.checklist import Item


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "explain",
        help="explain a rule or a CARE item",
        description="Explain a rule (e.g. timeline-order) or a CARE item (e.g. 7, 9b, "
        "timeline): what is checked, why, the CARE wording, and a passing and a failing "
        "example. Without an argument, list every rule.",
    )
    parser.add_argument("topic", nargs="?", metavar="RULE|ITEM")
    parser.set_defaults(run=run)


def _indent(text: str, by: int = 4) -> str:
    return textwrap.indent(text.rstrip("\n"), " " * by)


def explain_rule(rule_id: str) -> str:
    import inspect

    from carekit.check.checklist import load_checklist
    from carekit.check.engine import example_findings
    from carekit.check.rules import all_rules

    rule = all_rules()[rule_id]
    checklist = load_checklist()
    lines = [f"{rule.id} ({rule.severity.value} by default)", "", rule.summary, ""]
    lines.append(_indent(inspect.cleandoc(rule.__doc__ or ""), 0))
    items = [checklist.item(key) for key in rule.items]
    if items:
        lines += ["", "CARE item" + ("s" if len(items) > 1 else "") + ":"]
        lines += [f"  {item.id} {item.topic}: {item.requirement}" for item in items if item]
    lines += ["", "Passes:", _indent(rule.passing), "", "Fails:", _indent(rule.failing)]
    for finding in example_findings(rule, rule.failing):
        lines.append(f"  -> line {finding.span.line}: {finding.message}")
    lines += [
        "",
        f"Silence it on one line with `# carekit: disable={rule.id}`, or for a project "
        f"with `ignore: [{rule.id}]` in .carekit.yaml.",
    ]
    return "\n".join(lines) + "\n"


def explain_item(key: str) -> str | None:
    from carekit.check.checklist import load_checklist
    from carekit.check.rules import all_rules

    checklist = load_checklist()
    item = checklist.find(key)
    if item is None:
        return None
    rules = [r for r in all_rules().values() if item.key in r.items]
    lines = [
        f"CARE {item.id}: {item.topic} ({checklist.title}, {checklist.numbering})",
        "",
        item.requirement,
        "",
        *_decision(item),
        "Reported in the draft by: " + ", ".join(f"`{path}`" for path in item.satisfied_by),
        f"If it is missing: {item.fix}",
        f"If it does not apply: under `not_reported:`, write `{item.id}: <the reason>`"
        + ("." if item.may_not_apply else ' (shown as "not reported": the item applies).'),
        "",
        "Rules that check it: care-item-missing"
        + "".join(f", {r.id}" for r in rules)
        + " (carekit explain RULE for each).",
    ]
    return "\n".join(lines) + "\n"


_WORDS = {"not_applicable": "not applicable"}


def _decision(item: Item) -> list[str]:
    """The item's written decision rule (checklist `decision:`), one status per line."""
    if not item.decision:
        return []
    lines = [
        "How its status is decided (CARE explanation and elaboration, Riley DS et al.,",
        "J Clin Epidemiol 2017;89:218-235, and carekit's editorial conventions):",
    ]
    for status, text in item.decision:
        label = _WORDS.get(status, status) + ":"
        lines.append(
            textwrap.fill(text, 88, initial_indent=f"  {label:<16}", subsequent_indent=" " * 18)
        )
    return [*lines, ""]


def list_rules() -> str:
    from carekit.check.checklist import load_checklist
    from carekit.check.rules import all_rules

    checklist = load_checklist()
    rows = []
    for rule in all_rules().values():
        items = ", ".join(checklist.item(k).id for k in rule.items if checklist.item(k)) or "-"
        rows.append(f"  {rule.id:<22} {rule.severity.value:<8} {items:<12} {rule.summary}")
    return "Rules (carekit explain RULE for one):\n\n" + "\n".join(rows) + "\n"


def run(args: argparse.Namespace) -> int:
    from carekit.check.rules import all_rules

    if not args.topic:
        print(list_rules(), end="")
        return 0
    if args.topic in all_rules():
        print(explain_rule(args.topic), end="")
        return 0
    text = explain_item(args.topic)
    if text is None:
        raise CarekitError(
            f"{args.topic!r} is neither a rule nor a CARE item. "
            "`carekit explain` lists the rules; CARE items are 1 to 13 (e.g. 9b)."
        )
    print(text, end="")
    return 0
