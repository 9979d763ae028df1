"""The `carekit` command: parse arguments and hand over to one module per subcommand.

Subcommand modules import what they need inside `run`, so `carekit check` never pays for
the renderer's libraries.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys

# The pre-commit hook's command (`carekit check`, run as the carekit program) runs without
# the cyclic garbage collector from its first import on: see run().
_ONE_SHOT = sys.argv[1:2] == ["check"] and os.path.basename(sys.argv[0]) in (
    "carekit",
    "carekit.exe",
    "__main__.py",
)
if _ONE_SHOT:
    gc.disable()

from carekit import __version__  # noqa: E402
from carekit.io import regexcache  # noqa: E402

# One module per subcommand, in carekit/commands/, in the order `carekit --help` lists them.
COMMANDS = (
    "init",
    "import",
    "check",
    "fmt",
    "render",
    "checklist",
    "submit",
    "watch",
    "scrub",
    "journals",
    "explain",
    "config",
    "schema",
    "lsp",
)

# `import` is a Python keyword: its module has another name.
MODULES = {"import": "importdoc"}

# Before the modules below compile their patterns: served from the cache from here on,
# from the file of the subcommand being run (a check loads only a check's patterns).
regexcache.install(sys.argv[1] if sys.argv[1:2] and sys.argv[1] in COMMANDS else "")

from carekit.errors import CarekitError  # noqa: E402
from carekit.terminal import SafeStream, safe  # noqa: E402

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import NoReturn


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `only`, just that subcommand (a hook's `check` loads nothing else)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="carekit",
        description="Check case-report drafts against the CARE guideline, and render them "
        "as manuscripts.",
    )
    parser.add_argument("--version", action="version", version=f"carekit {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        if only is None or name == only:
            importlib.import_module(f"carekit.commands.{MODULES.get(name, name)}").add_parser(
                subparsers
            )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Messages name files, keys and titles from other people's drafts, and argparse echoes
    # what was typed: whatever any command prints is escaped, so an ESC sequence in a file
    # name never reaches the terminal as a command.
    stdout, stderr = sys.stdout, sys.stderr
    if not isinstance(stdout, SafeStream):
        sys.stdout = SafeStream(stdout)
    if not isinstance(stderr, SafeStream):
        sys.stderr = SafeStream(stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = stdout, stderr
        regexcache.save()


def run() -> NoReturn:
    """The console command. A check is the pre-commit hook's job and is over in a blink:
    it runs without the cyclic garbage collector (its objects live until it ends anyway;
    a check of many files collects between them) and leaves without tearing down the
    interpreter, which together cost a fifth of its time. Every other command ends the
    usual way."""
    one_shot = sys.argv[1:2] == ["check"]
    if one_shot:
        gc.disable()  # already, when the module was imported as the carekit program
    code = main()
    if not one_shot:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # `carekit check | head`, or a closed stream
        pass
    os._exit(code)


def _main(argv: Sequence[str] | None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    only = arguments[0] if arguments and arguments[0] in COMMANDS else None
    args = None
    if only == "check":  # the pre-commit hook's command: plain arguments skip argparse
        from carekit.commands.check import parse_plain

        args = parse_plain(arguments[1:])
    if args is None:
        parser = build_parser(only)
        args = parser.parse_args(arguments)
        if not getattr(args, "run", None):
            parser.print_help()
            return 2
    try:
        return args.run(args)
    except CarekitError as error:
        print(f"carekit: {safe(error.message)}", file=sys.stderr)
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
            f"carekit: internal error ({type(error).__name__}: {safe(str(error))}). This is a "
            "bug in carekit; please report it with the command you ran (CAREKIT_DEBUG=1 shows "
            "details).",
            file=sys.stderr,
        )
        return 2
