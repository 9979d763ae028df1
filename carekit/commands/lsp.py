"""`carekit lsp`: the language server for editors, over stdio."""

from __future__ import annotations

import argparse

from carekit.app.settings import Flags
from carekit.errors import CarekitError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lsp",
        help="run the language server (for editors)",
        description="Run carekit's Language Server Protocol server on stdin/stdout: the "
        "findings of `carekit check` while you type, hover explanations, completion, quick "
        "fixes and an outline. Start it from your editor, not by hand.",
    )
    parser.add_argument(
        "--journal", metavar="NAME", help="check against this journal's profile (as check)"
    )
    parser.add_argument("--checklist", default=None, help="checklist name or file (as check)")
    parser.add_argument(
        "--stdio",
        action="store_true",
        help="talk over stdin/stdout (the default; editors such as VS Code's client pass it)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from carekit.app import check_flags

    flags = Flags(journal=args.journal, checklist=args.checklist)
    check_flags(flags)
    # pygls is imported here only: no other command pays for it.
    try:
        from carekit.lsp.server import serve
    except ImportError as error:
        raise CarekitError(
            f"carekit lsp needs the pygls package ({error}). Install it where carekit is "
            "installed: pip install pygls"
        ) from None

    # The real streams: carekit's output escaping must not touch the protocol's bytes.
    serve(flags, sys.__stdin__.buffer, sys.__stdout__.buffer)
    return 0
