"""`carekit render`: turn drafts into Markdown, HTML and PDF manuscripts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from carekit.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CarekitError

if TYPE_CHECKING:  # imported for real only when rendering
    from carekit.draft.model import Draft
    from carekit.render.templating import Templates

FORMATS = ("md", "html", "pdf", "docx")


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
        help="comma-separated: md, html, pdf, docx (default: md,html,pdf)",
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
        "target journal's profile names)",
    )
    parser.add_argument(
        "--journal", metavar="NAME", help="the target journal (wins over the draft's `journal:`)"
    )
    parser.add_argument(
        "--paper", choices=("a4", "letter"), default="a4", help="PDF page size (default: a4)"
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
        help="refuse to render a draft that has error-level findings",
    )
    parser.set_defaults(run=run)


def parse_formats(text: str) -> list[str]:
    """The formats `--to` names, in the order carekit writes them."""
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise CarekitError(
            f"--to takes md, html, pdf and/or docx (not {', '.join(unknown) or text!r})."
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
    from carekit.check.checklist import load_checklist
    from carekit.draft.loader import load_file
    from carekit.journals.profiles import for_render
    from carekit.render.templating import Templates, profile_template, template_folder

    formats = parse_formats(args.to)
    drafts = [Path(d) for d in args.drafts]
    folders = _outputs(drafts, args.output)
    checklist = load_checklist()
    status = EXIT_OK
    for draft_path, out_dir in zip(drafts, folders, strict=True):
        loaded = load_file(draft_path)
        counts = _check_meanwhile(loaded, checklist, args.journal)
        if loaded.draft is None or args.strict:
            errors, warnings, fatal = _summary(draft_path, counts())
            if loaded.draft is None or fatal:
                print(f"{draft_path}: cannot be rendered until it can be read.", file=sys.stderr)
                status = EXIT_USAGE
                continue
            if errors:
                print(
                    f"{draft_path}: not rendered (--strict and error-level findings remain).",
                    file=sys.stderr,
                )
                status = max(status, EXIT_FINDINGS)
                continue
            counts = None
        profile, _ = for_render(loaded.draft, args.journal)
        folder = template_folder(args.template) if args.template else profile_template(profile)
        templates = Templates(folder)
        options = {"paper": args.paper, "review": args.review, "tagged": args.tagged}
        try:
            written = render_draft(loaded.draft, templates, out_dir, formats, **options)
        finally:
            if counts is not None and _summary(draft_path, counts())[2]:
                status = EXIT_USAGE  # a rule failed (a bug); the manuscript is still written
        for path in written:
            print(f"wrote {path}")
    return status


def _summary(draft: Path, counts: tuple[int, int, bool]) -> tuple[int, int, bool]:
    """Print the check's one-line summary; return the counts."""
    errors, warnings, _ = counts
    print(
        f"{draft}: {errors} errors, {warnings} warnings (run `carekit check {draft}` for "
        "the details)",
        file=sys.stderr,
    )
    return counts


def _check_meanwhile(loaded, checklist, journal: str | None) -> Callable[[], tuple]:
    """Start the check; return a function that gives (errors, warnings, fatal).

    Where the system can fork, the check runs in a child process while this one renders,
    so on two cores its cost (the rules, the privacy patterns) is hidden."""
    import json
    import os

    def check() -> tuple[int, int, bool]:
        from carekit.check.engine import check_loaded
        from carekit.findings import Severity

        report = check_loaded(loaded, checklist, journal=journal)
        severities = [f.severity for f in report.findings]
        return (severities.count(Severity.ERROR), severities.count(Severity.WARNING), report.fatal)

    if not hasattr(os, "fork") or loaded.draft is None:
        result = check()
        return lambda: result
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: check, send the counts, leave without running anything else
        try:
            os.write(write, json.dumps(check()).encode())
        finally:
            os._exit(0)
    os.close(write)

    def result() -> tuple[int, int, bool]:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        errors, warnings, fatal = json.loads(data) if data else (0, 0, True)
        return errors, warnings, fatal

    return result


def render_draft(
    draft: Draft,
    templates: Templates,
    out_dir: Path,
    formats: list[str],
    paper: str = "a4",
    review: bool = False,
    tagged: bool = False,
) -> list[Path]:
    """Render one loaded draft; every output is built before any is written, and all
    are written together (see carekit.io.outputs)."""
    from carekit.io.outputs import Outputs, draft_inputs
    from carekit.render.assets import Assets
    from carekit.render.pipeline import build_html, build_markdown

    stem = draft.file.stem
    manuscript = build_markdown(draft, templates, out_dir, stem)
    outputs = Outputs(out_dir, draft_inputs(draft))
    if "html" in formats or "pdf" in formats:
        # Building the HTML reads every image, so it names every refused path at once.
        html = build_html(manuscript, templates, paper, review)
        if "html" in formats:
            outputs.add(f"{stem}.html", html)
        if "pdf" in formats:
            from carekit.render.pdf import html_to_pdf

            outputs.add(f"{stem}.pdf", html_to_pdf(html, review, tagged))
    elif manuscript.refused:
        Assets(draft.folder, out_dir, {}, manuscript.refused).raise_refused()
    if "docx" in formats:
        from carekit.render.docx import markdown_to_docx

        assets = Assets(draft.folder, out_dir, manuscript.generated, manuscript.refused)
        outputs.add(f"{stem}.docx", markdown_to_docx(manuscript.markdown, assets, review))
    if "md" in formats:
        outputs.add(f"{stem}.md", manuscript.markdown)
        for name, content in manuscript.generated.items():
            outputs.add(name, content)
    return outputs.commit()
