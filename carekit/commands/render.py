"""`carekit render`: turn drafts into Markdown, HTML and PDF manuscripts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from carekit.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CarekitError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from carekit.app import Counts

FORMATS = ("md", "html", "pdf", "docx", "jats")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "render",
        help="render drafts as Markdown, HTML and PDF manuscripts",
        description="Render case-report drafts as manuscripts. Every format is made from "
        "the same Markdown. The draft is checked first; a one-line summary is printed.",
    )
    parser.add_argument("drafts", nargs="+", metavar="DRAFT", help="draft files")
    parser.add_argument(
        "--to",
        default="md,html,pdf",
        metavar="FORMATS",
        help="comma-separated: md, html, pdf, docx, jats (default: md,html,pdf)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="folder for the outputs (default: each draft's folder)",
    )
    parser.add_argument(
        "--template",
        default=None,
        metavar="NAME|PATH",
        help="default, jmcr, bmj-case-reports, or a template folder (default: the one the "
        "target journal's profile names, or `template` in the configuration)",
    )
    parser.add_argument(
        "--journal", metavar="NAME", help="the target journal (wins over the draft's `journal:`)"
    )
    parser.add_argument(
        "--paper",
        choices=("a4", "letter"),
        default=None,
        help="PDF page size (default: a4, or `paper` in the configuration)",
    )
    parser.add_argument(
        "--csl",
        metavar="NAME|FILE",
        default=None,
        help="citation style: a bundled CSL style (vancouver, bmj-case-reports, ...) or a "
        ".csl file (default: the journal's style, `csl` in the configuration, or vancouver)",
    )
    parser.add_argument(
        "--review",
        action="store_true",
        help="review layout: double spacing and line numbers in the PDF",
    )
    parser.add_argument(
        "--tagged",
        action="store_true",
        help="a tagged PDF/UA-1 file for screen readers (takes about a third longer)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse to render a draft that has error-level findings (or set `strict: true` "
        "in the configuration)",
    )
    parser.set_defaults(run=run)


def parse_formats(text: str) -> list[str]:
    """The formats `--to` names, in the order carekit writes them."""
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise CarekitError(
            f"--to takes md, html, pdf, docx and/or jats (not {', '.join(unknown) or text!r})."
        )
    return [f for f in FORMATS if f in wanted]


def _outputs(drafts: list[Path], output: str | None) -> list[Path]:
    """The output folder of each draft; two drafts may not write the same files."""
    if output and Path(output).exists() and not Path(output).is_dir():
        raise CarekitError(
            f"-o {output} names a file; give the name of a folder (new or existing)."
        )
    folders = [Path(output) if output else draft.parent for draft in drafts]
    seen: dict[Path, Path] = {}
    for draft, folder in zip(drafts, folders, strict=True):
        target = (folder / draft.stem).resolve()
        if target in seen:
            raise CarekitError(
                f"{seen[target]} and {draft} would both write {folder / draft.stem}.*; "
                "render them into different folders with -o."
            )
        seen[target] = draft
    return folders


def run(args: argparse.Namespace) -> int:
    from carekit.app import Flags, check_flags, start_render

    formats = parse_formats(args.to)
    drafts = [Path(d) for d in args.drafts]
    folders = _outputs(drafts, args.output)
    flags = Flags(
        journal=args.journal,
        template=args.template,
        paper=args.paper,
        csl=args.csl,
        strict=args.strict,
    )
    check_flags(flags)
    status = EXIT_OK
    for draft, out_dir in zip(drafts, folders, strict=True):
        job = start_render(draft, flags)
        if job.loaded.draft is None or job.settings.strict.value:
            counts = _summary(draft, job.counts())
            if job.loaded.draft is None or counts.fatal:
                print(f"{draft}: cannot be rendered until it can be read.", file=sys.stderr)
                status = EXIT_USAGE
                continue
            if counts.errors:
                print(
                    f"{draft}: not rendered (--strict and error-level findings remain).",
                    file=sys.stderr,
                )
                status = max(status, EXIT_FINDINGS)
                continue
            written = job.write(out_dir, formats, args.review, args.tagged)
        else:
            try:
                written = job.write(out_dir, formats, args.review, args.tagged)
            finally:
                if _summary(draft, job.counts()).fatal:
                    status = EXIT_USAGE  # a rule failed (a bug); the manuscript is still written
        for path in written:
            print(f"wrote {path}")
    return status


def _summary(draft: Path, counts: Counts) -> Counts:
    """Print the check's one-line summary; return the counts."""
    print(f"{counts.line(draft)} (run `carekit check {draft}` for the details)", file=sys.stderr)
    return counts
