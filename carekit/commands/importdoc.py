"""`carekit import`: a draft from a manuscript written in Word, Markdown or JATS."""

from __future__ import annotations

import argparse
from pathlib import Path

from carekit.errors import EXIT_OK, CarekitError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="make a draft from a Word (.docx), Markdown (.md, .qmd) or JATS (.xml) manuscript",
        description="Read a manuscript with pandoc and write a carekit draft: title, authors, "
        "keywords, the abstract, each section by its heading, lab, timeline and treatment "
        "tables, figures and references. Text is copied as written; a comment at each field "
        "says where it came from, and whatever cannot be placed is kept under `unplaced:`.",
    )
    parser.add_argument("manuscript", type=Path, metavar="FILE", help="the manuscript")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="DRAFT", help="the draft to write (default: FILE.yaml)"
    )
    parser.add_argument(
        "--force", action="store_true", help="replace the draft if it exists already"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from carekit.app.manuscripts import import_manuscript
    from carekit.io.outputs import write_atomic

    target = args.output or args.manuscript.with_suffix(".yaml")
    if target.exists() and not args.force:
        raise CarekitError(
            f"{target} exists already; nothing was written. Name another file with -o, "
            "or add --force to replace it."
        )
    if target.resolve() == args.manuscript.resolve():
        raise CarekitError(f"{target} is the manuscript itself; name the draft with -o.")
    imported = import_manuscript(args.manuscript)
    write_atomic(target, imported.text)
    unplaced = sum(1 for key in imported.sources if key[:1] == ("unplaced",) and len(key) == 2)
    placed = len({key[0] for key in imported.sources if key[0] != "unplaced"})
    print(f"Wrote {target}: {placed} sections placed, {unplaced} passages under `unplaced:`.")
    print(f"Next: move each `unplaced:` passage into its field, then `carekit check {target}`.")
    return EXIT_OK
