"""`carekit schema`: the draft format as JSON Schema (for editors) or a Markdown table."""

from __future__ import annotations

import argparse
import json
import re
import sys

from carekit.draft.format import DRAFT, FORMAT_VERSION
from carekit.draft.schema import Kind

SCHEMA_ID = "https://carekit.invalid/schema/draft-v1.json"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the draft format as JSON Schema",
        description="Print the draft format as JSON Schema (for yaml-language-server) "
        "or as the Markdown reference table of the README.",
    )
    parser.add_argument("--format", "-f", choices=("json", "markdown"), default="json")
    parser.set_defaults(run=run)


def json_schema() -> dict:
    schema = DRAFT.json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"carekit case-report draft, format {FORMAT_VERSION}",
        **schema,
    }


def markdown_table() -> str:
    """One row per key; the CARE column shows the item a key serves, inherited from above."""
    from carekit.check.checklist import load_checklist

    checklist = load_checklist()
    care_of: dict[str, str | None] = {}
    rows = ["| Key | Type | CARE item | Meaning |", "|---|---|---|---|"]
    for suffix, kind in DRAFT.children():
        care_of[suffix] = kind.care or care_of.get(_parent(suffix, care_of))
        item = checklist.item(care_of[suffix])
        rows.append(
            f"| `{suffix.lstrip('.')}` | {_type(kind)} | {item.id if item else ''} | "
            f"{kind.description.replace('|', '/')} |"
        )
    return "\n".join(rows) + "\n"


def _parent(suffix: str, known: dict[str, str | None]) -> str:
    while suffix:
        suffix = re.sub(r"(\.[^.\[\]]+|\[\])$", "", suffix)
        if suffix in known:
            return suffix
    return ""


def _type(kind: Kind) -> str:
    return kind.label.split(" with keys")[0].replace("|", "/")


def run(args: argparse.Namespace) -> int:
    if args.format == "markdown":
        sys.stdout.write(markdown_table())
    else:
        json.dump(json_schema(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    return 0
