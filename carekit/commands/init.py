"""`carekit init`: a new draft with every CARE item in place, never over an existing file."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from carekit.errors import CarekitError

SCHEMA_FILE = Path(".carekit") / "draft-v1.schema.json"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "init",
        help="start a new draft from a scaffold",
        description="Write a new draft with every CARE item present and a short comment on "
        "what belongs there, plus the JSON Schema editors use to complete keys. An existing "
        "file is never overwritten.",
    )
    parser.add_argument(
        "path", nargs="?", default="draft.yaml", help="the draft to create (default: draft.yaml)"
    )
    parser.add_argument("--journal", default="", help="the target journal, e.g. jmcr")
    parser.set_defaults(run=run)


def scaffold(journal: str, schema_path: str) -> str:
    from carekit.resources import data_dir

    text = (data_dir("templates") / "_scaffold" / "draft.yaml").read_text(encoding="utf-8")
    return text.replace("__SCHEMA__", schema_path).replace("__JOURNAL__", journal or "")


def run(args: argparse.Namespace) -> int:
    import json

    from carekit.commands.schema import json_schema
    from carekit.journals.profiles import draft_journal_problem

    problem = draft_journal_problem(args.journal)
    if problem:  # the draft would name a file, which `check` reports and `render` refuses
        raise CarekitError(f"--journal: {problem}.")
    draft = Path(args.path)
    if draft.is_dir():
        draft = draft / "draft.yaml"
    if draft.exists():
        raise CarekitError(
            f"{draft} already exists; carekit init never overwrites a file. "
            "Give another name, e.g. `carekit init case2.yaml`."
        )
    schema = draft.parent / SCHEMA_FILE
    relative = os.path.relpath(schema, draft.parent).replace(os.sep, "/")
    try:
        draft.parent.mkdir(parents=True, exist_ok=True)
        with draft.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
            handle.write(scaffold(args.journal, relative))
        if not schema.exists():
            schema.parent.mkdir(exist_ok=True)
            schema.write_text(json.dumps(json_schema(), indent=2) + "\n", encoding="utf-8")
    except FileExistsError:
        raise CarekitError(
            f"{draft} already exists; carekit init never overwrites a file."
        ) from None
    except OSError as error:
        raise CarekitError(f"Cannot write {draft}: {error.strerror}.") from None
    print(f"wrote {draft} (and the editor schema {schema})")
    print(f"next: fill it in, then `carekit check {draft}`")
    return 0
