"""`carekit journals`: the journal profiles carekit knows, with their limits."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "journals",
        help="list the journal profiles and their limits",
        description="List the journal profiles (checklists/journals/) with their limits, "
        "each with its source and how sure carekit is of it.",
    )
    parser.set_defaults(run=run)


def describe(name: str) -> list[str]:
    from carekit.journals.profiles import load_journal

    journal = load_journal(name)
    facts = journal.facts
    lines = [f"{journal.name}: {journal.title} (template {journal.template})"]

    def fact(section: str, text: str) -> None:
        if facts.get(section):
            confidence = facts[section].get("confidence", "unknown")
            lines.append(f"  {text}  [{confidence}; {facts[section].get('source', '')}]")

    abstract = facts.get("abstract") or {}
    if abstract:
        parts = []
        if abstract.get("max_words"):
            parts.append(f"at most {abstract['max_words']} words")
        structure = abstract.get("structure")
        if isinstance(structure, list):
            parts.append("structured: " + " / ".join(abstract.get("labels", structure)))
        elif structure:
            parts.append(str(structure))
        fact("abstract", "abstract: " + ", ".join(parts))
    if facts.get("main_text"):
        about = "about " if facts["main_text"].get("approximate") else ""
        fact("main_text", f"main text: {about}{facts['main_text']['max_words']} words")
    if facts.get("keywords"):
        fact("keywords", f"keywords: {facts['keywords']['min']} to {facts['keywords']['max']}")
    rules = facts.get("title_rules") or {}
    if rules:
        said = []
        if rules.get("require"):
            said.append("must contain " + " or ".join(repr(w) for w in rules["require"]))
        if rules.get("forbid"):
            said.append("must not contain " + ", ".join(repr(w) for w in rules["forbid"]))
        if rules.get("forbid_demographics"):
            said.append("no age, sex or ethnicity")
        fact("title_rules", "title: " + "; ".join(said))
    if facts.get("authors"):
        fact("authors", f"authors: at most {facts['authors']['max']}")
    if facts.get("patient_details"):
        fact("patient_details", "case gives: " + ", ".join(facts["patient_details"]["required"]))
    if facts.get("consent"):
        consent = facts["consent"]
        fact(
            "consent", "consent: " + (consent.get("form") or consent.get("statement") or "required")
        )
    if facts.get("prefer_age_range"):
        fact("prefer_age_range", "age: a range where the exact age is not essential")
    return lines


def run(args: argparse.Namespace) -> int:
    from carekit.journals.profiles import journal_names

    for name in journal_names():
        print("\n".join(describe(name)) + "\n")
    return 0
