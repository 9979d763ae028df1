"""`carekit submit`: everything a journal's submission system asks for, in one folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from carekit.errors import EXIT_FINDINGS, EXIT_OK


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "submit",
        help="write the whole submission pack for a journal",
        description="Write the manuscript (PDF and Word), a separate title page, the "
        "completed CARE checklist, each figure as its own file (without identifying "
        "metadata), a cover-letter skeleton and a summary of the remaining findings. "
        "Refuses while error-level findings remain, unless --force.",
    )
    parser.add_argument("draft", help="the draft")
    parser.add_argument("--journal", metavar="NAME", help="the target journal's profile")
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        required=True,
        help="the folder for the pack (created if needed)",
    )
    parser.add_argument("--paper", choices=("a4", "letter"), default=None)
    parser.add_argument(
        "--review", action="store_true", help="double spacing and line numbers in the manuscript"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="write the pack even though error-level findings remain",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from carekit.app import Flags, check_flags
    from carekit.app.submission import submit

    flags = Flags(journal=args.journal, paper=args.paper)
    check_flags(flags)
    written = submit(Path(args.draft), flags, Path(args.output), args.force, args.review)
    if written.errors and not written.paths:
        print(
            f"{args.draft}: {written.errors} error-level findings remain; nothing written. Run "
            f"`carekit check {args.draft}` for them, or add --force to write the pack "
            "anyway.",
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    if written.unmatched:
        print(f"no profile for {written.unmatched!r}: the pack follows plain CARE", file=sys.stderr)
    for path in written.paths:
        print(f"wrote {path}")
    return EXIT_OK
