"""`carekit checklist`: the completed CARE checklist for the submission."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from carekit.errors import EXIT_OK

if TYPE_CHECKING:  # imported for real inside the functions (they pull in the renderer)
    from carekit.check.checklist import Checklist
    from carekit.check.engine import Report
    from carekit.draft.model import Draft
    from carekit.render.checklist_form import Row


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
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4")
    parser.set_defaults(run=run)


def completed(
    draft: Draft, checklist: Checklist, report: Report, folder: Path, pages: dict[str, int]
) -> tuple[str, list[Row]]:
    """The completed checklist of a checked draft, as Markdown and as rows: where each item
    is reported (the section of the template in `folder`, its page in `pages`)."""
    from carekit.render.checklist_form import as_markdown, rows, section_map
    from carekit.render.mdtext import clean

    table = rows(report, section_map(folder), pages)
    title = clean(draft.get("title")) or "Untitled case report"
    return as_markdown(title, checklist, table), table


def run(args: argparse.Namespace) -> int:
    from carekit.check.checklist import load_checklist
    from carekit.check.engine import check_loaded
    from carekit.commands.render import parse_formats
    from carekit.draft.loader import load_readable
    from carekit.io.outputs import Outputs, draft_inputs
    from carekit.journals.profiles import for_render
    from carekit.render.pdf import heading_pages, html_to_pdf, layout
    from carekit.render.pipeline import build_html, build_markdown
    from carekit.render.templating import Templates, profile_template, template_folder

    formats = parse_formats(args.to)
    loaded = load_readable(Path(args.draft))
    draft = loaded.draft
    out_dir = Path(args.output) if args.output else draft.folder
    checklist = load_checklist()
    report = check_loaded(loaded, checklist, journal=args.journal)
    profile, _ = for_render(draft, args.journal)
    folder = template_folder(args.template) if args.template else profile_template(profile)
    templates = Templates(folder)
    # The page numbers are read from the manuscript as `carekit render` would lay it out now.
    html = build_html(
        build_markdown(draft, templates, out_dir, draft.file.stem), templates, args.paper
    )
    document, _ = layout(html)
    markdown, table = completed(
        draft, checklist, report, templates.folder, heading_pages(document, html)
    )
    stem = f"{draft.file.stem}-care-checklist"
    outputs = Outputs(out_dir, draft_inputs(draft))
    if "md" in formats:
        outputs.add(f"{stem}.md", markdown)
    if "html" in formats or "pdf" in formats:
        html = page_html(markdown, templates, args.paper)
        if "html" in formats:
            outputs.add(f"{stem}.html", html)
        if "pdf" in formats:
            outputs.add(f"{stem}.pdf", html_to_pdf(html))
    if "docx" in formats:
        from carekit.render.docx import checklist_docx

        outputs.add(f"{stem}.docx", checklist_docx(markdown))
    for path in outputs.commit():
        print(f"wrote {path}")
    missing = [row.id for row in table if row.status == "missing"]
    if missing:
        print(f"missing items: {', '.join(missing)}", file=sys.stderr)
    return EXIT_OK


def page_html(markdown: str, templates, paper: str, title: str = "CARE checklist") -> str:
    """A one-off page (the checklist, a title page) as HTML in the manuscript's style."""
    from markupsafe import Markup

    from carekit import __version__
    from carekit.render.assets import Assets
    from carekit.render.html import markdown_to_html
    from carekit.render.pipeline import PAGE_SIZES

    body = markdown_to_html(markdown, Assets(Path("."), Path("."), {}, []))
    return templates.document(
        {
            "language": "en",
            "title": title,
            "short_title": title,
            "authors": [],
            "keywords": [],
            "subject": title,
            "version": __version__,
            "css": Markup(templates.stylesheet()),
            "body": Markup(body),
            "body_class": "checklist",
            "page_size": PAGE_SIZES[paper],
        }
    )
