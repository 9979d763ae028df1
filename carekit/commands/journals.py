"""`carekit journals`: the journal profiles carekit knows, with their limits; `--check FILE`
validates a profile of one's own."""

from __future__ import annotations

import argparse

from carekit.errors import EXIT_OK

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "journals",
        help="list the journal profiles and their limits",
        description="List the journal profiles (checklists/journals/) with their limits, "
        "each with its source and how sure carekit is of it. With --check, validate "
        "profile files of your own (use them with --journal PATH).",
    )
    parser.add_argument(
        "--check",
        nargs="+",
        metavar="FILE",
        help="validate these profile files: exit 0 when usable, 2 with each problem",
    )
    parser.set_defaults(run=run)


def _limits(low: Any, high: Any) -> str:
    if low is not None and high is not None:
        return f"{low} to {high}"
    return f"at least {low}" if low is not None else f"at most {high}"


def _title_said(rules: dict) -> str:
    said = []
    if rules.get("require"):
        said.append("must contain " + " or ".join(repr(w) for w in rules["require"]))
    if rules.get("forbid"):
        said.append("must not contain " + ", ".join(repr(w) for w in rules["forbid"]))
    if rules.get("forbid_demographics"):
        said.append("no age, sex or ethnicity")
    return "title: " + "; ".join(said) if said else ""


def _said(journal: Any) -> list[tuple[str, str]]:
    """(section, what the profile asks) for every section it holds; any part may be absent."""
    facts = journal.facts
    out: list[tuple[str, str]] = []
    abstract = facts.get("abstract") or {}
    parts = []
    if abstract.get("max_words"):
        parts.append(f"at most {abstract['max_words']} words")
    structure = abstract.get("structure")
    if isinstance(structure, list):
        parts.append("structured: " + " / ".join(abstract.get("labels") or structure))
    elif structure:
        parts.append(str(structure))
    if parts:
        out.append(("abstract", "abstract: " + ", ".join(parts)))
    style = (facts.get("csl") or {}).get("style")
    if style:
        out.append(("csl", f"citation style: {style} (CSL)"))
    issn = (facts.get("issn") or {}).get("value")
    if issn:
        out.append(("issn", f"ISSN: {issn}"))
    main = facts.get("main_text") or {}
    if main.get("max_words"):
        about = "about " if main.get("approximate") else ""
        out.append(("main_text", f"main text: {about}{main['max_words']} words"))
    keywords = facts.get("keywords") or {}
    if keywords.get("min") is not None or keywords.get("max") is not None:
        mesh = " (MeSH terms)" if keywords.get("mesh") else ""
        out.append(
            ("keywords", f"keywords: {_limits(keywords.get('min'), keywords.get('max'))}{mesh}")
        )
    elif keywords.get("mesh"):
        out.append(("keywords", "keywords: MeSH terms"))
    title = _title_said(facts.get("title_rules") or {})
    if title:
        out.append(("title_rules", title))
    if (facts.get("authors") or {}).get("max"):
        out.append(("authors", f"authors: at most {facts['authors']['max']}"))
    details = (facts.get("patient_details") or {}).get("required")
    if details:
        out.append(("patient_details", "case gives: " + ", ".join(details)))
    consent = facts.get("consent") or {}
    wording = [w for w in (consent.get("form"), consent.get("statement")) if w]
    if consent.get("required") or wording:
        needed = (
            "required, a reason under not_reported is not accepted"
            if consent.get("required")
            else "as CARE asks"
        )
        out.append(("consent", f"consent: {needed}" + "".join(f"; {w}" for w in wording)))
    if (facts.get("prefer_age_range") or {}).get("value"):
        out.append(("prefer_age_range", "age: a range where the exact age is not essential"))
    from carekit.journals.structure import said

    return out + said(facts) + _submission_said(facts)


def _submission_said(facts: dict) -> list[tuple[str, str]]:
    """What the profile asks of the title page and of the figure files."""
    out = []
    front = (facts.get("front_matter") or {}).get("required")
    if front:
        out.append(("front_matter", "title page gives: " + ", ".join(front)))
    figures = facts.get("figures") or {}
    if figures.get("formats") or figures.get("min_dpi"):
        said = ", ".join(str(f).upper() for f in figures.get("formats") or [])
        if figures.get("min_dpi"):
            said += f"{'; ' if said else ''}raster at least {figures['min_dpi']} dpi"
        out.append(("figures", f"figure files: {said}"))
    return out


def describe(name: str) -> list[str]:
    from carekit.journals.profiles import load_journal

    journal = load_journal(name)
    lines = [f"{journal.name}: {journal.title} (template {journal.template})"]
    for section, text in _said(journal):
        facts = journal.facts.get(section) or {}
        source = facts.get("source", "no source recorded")
        lines.append(f"  {text}  [{facts.get('confidence', 'unknown')}; {source}]")
    return lines


def check_files(files: list[str]) -> int:
    """Validate each profile file; print what it says, or raise with every problem."""
    from pathlib import Path

    from carekit.errors import CarekitError

    problems = []
    for file in files:
        if not Path(file).expanduser().is_file():
            problems.append(f"{file}: there is no such file.")
            continue
        try:
            lines = describe(str(Path(file).expanduser()) if "/" in file else f"./{file}")
        except CarekitError as error:
            problems.append(error.message)
            continue
        print(f"{file}: a usable journal profile (use it with --journal {file})")
        print("\n".join(lines) + "\n")
    if problems:
        raise CarekitError("\n".join(problems))
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    from carekit.journals.profiles import journal_names

    if args.check:
        return check_files(args.check)
    for name in journal_names():
        print("\n".join(describe(name)) + "\n")
    return EXIT_OK
