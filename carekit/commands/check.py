"""`carekit check`: check drafts against the CARE checklist."""

from __future__ import annotations

import argparse
import glob
import re
import sys
from pathlib import Path

from carekit.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CarekitError

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
            matches = sorted(Path(p) for p in glob.glob(given, recursive=True))
            if not matches:
                raise CarekitError(f"No files match {given}.")
            files.extend(matches)
        else:
            files.append(path)
    return list(dict.fromkeys(files))


PARALLEL_FROM = 16  # below this many files, starting worker processes costs more than it saves


def check_one(file: Path, flags: dict, journal: str | None):
    """The report for one file, with its own configuration (the nearest above it)."""
    from carekit.check.checklist import load_checklist
    from carekit.check.engine import Selection, check_loaded
    from carekit.config import load_config
    from carekit.draft.loader import load_file

    config = load_config(file, flags)
    selection = Selection(config["select"], config["ignore"] | config.ignored_for(file))
    return check_loaded(
        load_file(file),
        load_checklist(config["checklist"]),
        selection,
        config["severity"],
        config["privacy"]["allow"],
        journal=journal,
        default_journal=config["journal"],
    )


def check_files(files: list[Path], flags: dict, journal: str | None) -> list:
    """Reports in file order; many files are checked on every core."""
    import os

    workers = min(os.cpu_count() or 1, len(files) // PARALLEL_FROM)
    if workers < 2:
        return [check_one(file, flags, journal) for file in files]
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    with ProcessPoolExecutor(workers) as pool:
        chunk = max(1, len(files) // (workers * 4))
        return list(
            pool.map(partial(check_one, flags=flags, journal=journal), files, chunksize=chunk)
        )


def run(args: argparse.Namespace) -> int:
    from carekit.check.checklist import load_checklist
    from carekit.check.engine import unknown_rule_ids
    from carekit.check.reporters import get_reporter, resolve_format
    from carekit.config import load_config
    from carekit.findings import Severity

    flags = {
        "select": _ids(args.select),
        "ignore": _ids(args.ignore),
        "format": args.format,
        "checklist": args.checklist,
    }
    if args.journal:
        from carekit.journals.profiles import load_journal

        load_journal(args.journal)  # an unknown name is a usage error here
    unknown = unknown_rule_ids(flags["select"] | flags["ignore"])
    if unknown:
        raise CarekitError(
            f"Unknown rule ID: {', '.join(unknown)}. "
            "`carekit explain` lists the rules; see also the README."
        )
    files = expand(args.paths)
    if args.only_drafts:  # a pre-commit hook passes every YAML file; drafts say `carekit: 1`
        files = [file for file in files if is_draft(file)]
        if not files:
            return EXIT_OK
    reports = check_files(files, flags, args.journal)
    config = load_config(files[0], flags)
    report = get_reporter(resolve_format(config["format"]))
    options = {"word_counts": args.word_counts}
    report(reports, load_checklist(config["checklist"]), sys.stdout, options)

    failing = {Severity.ERROR} | ({Severity.WARNING} if args.strict else set())
    if any(report.fatal for report in reports):
        return EXIT_USAGE
    if any(f.severity in failing for report in reports for f in report.findings):
        return EXIT_FINDINGS
    return EXIT_OK
