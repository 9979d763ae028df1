"""The `carekit` command: parse arguments and hand over to one module per subcommand.

Subcommand modules import what they need inside `run`, so `carekit check` never pays for
the renderer's libraries.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from carekit import __version__
from carekit.commands import (
    check,
    config,
    explain,
    fmt,
    init,
    render,
    schema,
    scrub,
    watch,
)
from carekit.errors import CarekitError

COMMANDS = (init, check, fmt, render, watch, scrub, explain, config, schema)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="carekit",
        description="Check case-report drafts against the CARE guideline.",
    )
    parser.add_argument("--version", action="version", version=f"carekit {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except CarekitError as error:
        print(f"carekit: {error.message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `carekit check ... | head`
        sys.stderr.close()
        return 0
    except Exception as error:  # a bug: say so plainly; CAREKIT_DEBUG=1 shows the traceback
        if os.environ.get("CAREKIT_DEBUG"):
            raise
        print(
            f"carekit: internal error ({type(error).__name__}: {error}). This is a bug in "
            "carekit; please report it with the command you ran (CAREKIT_DEBUG=1 shows details).",
            file=sys.stderr,
        )
        return 2
