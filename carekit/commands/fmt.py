"""`carekit fmt`: apply safe fixes to drafts, keeping every comment and blank line."""

from __future__ import annotations

import argparse
import sys

from carekit.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fmt",
        help="tidy drafts: unit spellings, timeline order, section order",
        description="Apply safe fixes: lab units in one spelling (checklists/units.yaml), "
        "timeline entries in chronological order, top-level sections in the format's "
        "order. Comments and blank lines are kept; files are rewritten atomically.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="drafts, folders or globs")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 if a draft would change (for CI)",
    )
    mode.add_argument(
        "--diff",
        action="store_true",
        help="change nothing; print the changes as a unified diff, exit 1 if any",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import difflib

    from carekit.commands.check import expand, is_draft
    from carekit.draft.fmt import format_text
    from carekit.draft.loader import decode, load_file
    from carekit.io.outputs import write_atomic

    would_change = unreadable = False
    for path in expand(args.paths):
        if not is_draft(path):
            continue
        loaded = load_file(path)  # the loader's limits and messages, before fmt reads it
        if loaded.fatal:
            print(
                f"{path} cannot be formatted until it can be read: {loaded.findings[0].message}",
                file=sys.stderr,
            )
            unreadable = True
            continue
        raw = path.read_bytes()
        original = decode(raw)
        result = format_text(original, path)
        if result.text == original:
            continue
        would_change = True
        if args.check:
            print(f"{path}: would change ({'; '.join(result.changes)})")
        elif args.diff:
            sys.stdout.writelines(
                difflib.unified_diff(
                    original.splitlines(keepends=True),
                    result.text.splitlines(keepends=True),
                    fromfile=f"{path} (now)",
                    tofile=f"{path} (carekit fmt)",
                )
            )
        else:
            bom = raw[:3] if raw.startswith(b"\xef\xbb\xbf") else b""
            # A symlinked draft is rewritten where it really lives, not replaced by a copy.
            write_atomic(path.resolve(), bom + result.text.encode("utf-8"))
            print(f"{path}: {'; '.join(result.changes)}")
    if unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if would_change and (args.check or args.diff) else EXIT_OK
