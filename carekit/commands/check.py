"""`carekit check`: check drafts against the CARE checklist."""

from __future__ import annotations

import gc
import re
import sys
from pathlib import Path
from types import SimpleNamespace

from carekit.app.settings import Flags
from carekit.errors import EXIT_OK, CarekitError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

DRAFT_SUFFIXES = (".yaml", ".yml")
_DRAFT_MARKER = re.compile(rb"^carekit\s*:", re.M)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check drafts against the CARE checklist",
        description="Check case-report drafts against the CARE checklist, item by item.",
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="draft files, folders (searched for drafts) or glob patterns",
    )
    parser.add_argument(
        "--format",
        "-f",
        default=None,
        choices=("text", "json", "sarif", "github", "auto"),
        help="output format (default: text, or `format` in the configuration); "
        "auto = github inside GitHub Actions, else text",
    )
    parser.add_argument("--strict", action="store_true", help="warnings fail the check too")
    parser.add_argument(
        "--select", default="", metavar="IDS", help="comma-separated rule IDs: run only these"
    )
    parser.add_argument(
        "--ignore", default="", metavar="IDS", help="comma-separated rule IDs: skip these"
    )
    parser.add_argument(
        "--checklist",
        default=None,
        help="checklist name in checklists/, or a path to a checklist file",
    )
    parser.add_argument(
        "--journal",
        metavar="NAME",
        help="check against this journal's profile (wins over the draft's `journal:`); "
        "`carekit journals` lists them",
    )
    parser.add_argument(
        "--word-counts",
        action="store_true",
        help="show the words of the abstract and of each main-text section",
    )
    parser.add_argument(
        "--only-drafts",
        action="store_true",
        help="skip YAML files that are not carekit drafts (for pre-commit hooks)",
    )
    parser.set_defaults(run=run)


# The options of `check` that `parse_plain` reads itself: every spelling argparse accepts
# that is not written here (an abbreviation, `-fjson`, `--`, `-h`, a bad choice, a path
# that starts with `-`) goes to argparse, which answers as it always has.
_VALUED = {
    "--format": "format",
    "-f": "format",
    "--select": "select",
    "--ignore": "ignore",
    "--checklist": "checklist",
    "--journal": "journal",
}
_SWITCHES = {"--strict": "strict", "--word-counts": "word_counts", "--only-drafts": "only_drafts"}
_FORMATS = ("text", "json", "sarif", "github", "auto")


def parse_plain(arguments: list[str]) -> SimpleNamespace | None:
    """The arguments of `carekit check` (without the word `check`) as argparse would
    parse them, when they are written plainly; None for anything else. A pre-commit hook
    runs `check` on every commit: importing argparse and building its parser cost more
    than the rules of a short draft."""
    values: dict = {
        "format": None,
        "select": "",
        "ignore": "",
        "checklist": None,
        "journal": None,
        "strict": False,
        "word_counts": False,
        "only_drafts": False,
    }
    paths: list[str] = []
    previous_was_option = False
    words = iter(arguments)
    for word in words:
        if not word.startswith("-"):
            if paths and previous_was_option:
                return None  # argparse refuses paths after an option that follows paths
            paths.append(word)
            previous_was_option = False
            continue
        previous_was_option = True
        name, equals, value = word.partition("=")
        if name in _SWITCHES and not equals:
            values[_SWITCHES[name]] = True
            continue
        if name not in _VALUED or (equals and not name.startswith("--")):
            return None
        if not equals:
            value = next(words, "-")
        if value.startswith("-") or (name in ("--format", "-f") and value not in _FORMATS):
            return None
        values[_VALUED[name]] = value
    if not paths:
        return None
    return SimpleNamespace(command="check", paths=paths, run=run, **values)


def _ids(text: str) -> frozenset[str]:
    return frozenset(part.strip() for part in text.split(",") if part.strip())


def is_draft(file: Path) -> bool:
    """A YAML file that declares itself a carekit draft (`carekit: 1` at the top level)."""
    try:
        with file.open("rb") as handle:
            return bool(_DRAFT_MARKER.search(handle.read(64 * 1024)))
    except OSError:
        return False


def expand(paths: list[str]) -> list[Path]:
    """Files as given; folders searched for drafts; glob patterns expanded."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in DRAFT_SUFFIXES and p.is_file() and is_draft(p)
            )
            if not found:
                raise CarekitError(
                    f"No drafts in {given} (drafts are .yaml files that start with `carekit: 1`)."
                )
            files.extend(found)
        elif not path.exists() and any(ch in given for ch in "*?["):
            import glob

            matches = sorted(Path(p) for p in glob.glob(given, recursive=True))
            if not matches:
                raise CarekitError(f"No files match {given}.")
            files.extend(matches)
        else:
            files.append(path)
    return list(dict.fromkeys(files))


PARALLEL_FROM = 16  # below this many files, starting worker processes costs more than it saves


def check_files(files: list[Path], flags: Flags) -> list:
    """Reports in file order, each with its own configuration; many files are checked on
    every core."""
    import os

    from carekit.app.manuscripts import check_file as check

    workers = min(os.cpu_count() or 1, len(files) // PARALLEL_FROM)
    if workers < 2:
        reports = []
        for index, file in enumerate(files):
            if index and not gc.isenabled():  # the hook runs without the collector
                gc.collect()
            reports.append(check(file, flags))
        return reports
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    with ProcessPoolExecutor(workers, initializer=gc.enable) as pool:
        chunk = max(1, len(files) // (workers * 4))
        return list(pool.map(partial(check, flags=flags), files, chunksize=chunk))


def run(args: argparse.Namespace) -> int:
    from carekit.app import check_flags, resolve_settings, verdict
    from carekit.check.checklist import load_checklist
    from carekit.check.reporters import get_reporter, resolve_format

    flags = Flags(
        journal=args.journal,
        checklist=args.checklist,
        format=args.format,
        select=_ids(args.select),
        ignore=_ids(args.ignore),
        strict=args.strict,
    )
    check_flags(flags)
    files = expand(args.paths)
    if args.only_drafts:  # a pre-commit hook passes every YAML file; drafts say `carekit: 1`
        files = [file for file in files if is_draft(file)]
        if not files:
            return EXIT_OK
    reports = check_files(files, flags)
    settings = resolve_settings(files[0], flags)  # the output's format and checklist
    report = get_reporter(resolve_format(settings.format.value))
    options = {"word_counts": args.word_counts}
    report(reports, load_checklist(settings.checklist.value), sys.stdout, options)
    if resolve_format(settings.format.value) != "text":
        unreadable_to_stderr(reports)
    return verdict(reports, settings.strict.value)


def unreadable_to_stderr(reports: list) -> None:
    """A file that cannot be read also goes to stderr in plain words: with JSON or SARIF on
    stdout, a user who redirects stdout would otherwise see exit code 2 and no reason."""
    from carekit.terminal import safe

    for report in reports:
        if report.fatal:
            for finding in report.findings:
                where = f"{report.file}:{finding.span.line}:{finding.span.column}"
                print(
                    safe(f"carekit: {where}: {finding.message} Fix: {finding.fix}"),
                    file=sys.stderr,
                )
