"""`carekit checklist`: the completed CARE checklist for the submission."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from carekit.errors import EXIT_OK


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "checklist",
        help="write the completed CARE checklist journals ask for",
        description="Write the completed CARE checklist: every item with its ID and "
        "description, and where it is reported (the section and the page of the rendered "
        "PDF manuscript) or the author's reason for not reporting it; missing items are "
        "shown as missing.",
    )
    parser.add_argument("draft", help="the draft")
    parser.add_argument(
        "--to",
        default="md,pdf",
        metavar="FORMATS",
        help="comma-separated: md, html, pdf, docx (default: md,pdf)",
    )
    parser.add_argument("-o", "--output", metavar="DIR", help="default: the draft's folder")
    parser.add_argument("--journal", metavar="NAME", help="the target journal")
    parser.add_argument(
        "--template", metavar="NAME|PATH", help="the manuscript template the page numbers refer to"
    )
    parser.add_argument(
        "--checklist",
        default=None,
        help="checklist name in checklists/, or a path to a checklist file",
    )
    parser.add_argument("--paper", choices=("a4", "letter"), default=None)
    parser.add_argument(
        "--review",
        action="store_true",
        help="pages and line numbers of the review layout (`carekit render --review`)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from carekit.app import Flags, check_flags
    from carekit.app.submission import checklist
    from carekit.commands.render import parse_formats

    formats = parse_formats(args.to)
    flags = Flags(
        journal=args.journal, template=args.template, paper=args.paper, checklist=args.checklist
    )
    check_flags(flags)
    out_dir = Path(args.output) if args.output else None
    written = checklist(Path(args.draft), flags, out_dir, formats, args.review)
    for path in written.paths:
        print(f"wrote {path}")
    if written.missing:
        print(f"missing items: {', '.join(written.missing)}", file=sys.stderr)
    return EXIT_OK
