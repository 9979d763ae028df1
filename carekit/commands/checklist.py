"""`carekit checklist`: the completed CARE checklist for the submission."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from carekit.errors import EXIT_OK, CarekitError

if TYPE_CHECKING:  # imported for real inside the functions (they pull in the renderer)
    from carekit.draft.model import Draft
    from carekit.engine import Report
    from carekit.render.checklist_form import Row
    from carekit.render.templating import Templates


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


def build(
    draft: Draft,
    journal: str | None,
    template: str | None,
    paper: str,
    out_dir: Path,
    report: Report | None = None,
) -> tuple[str, list[Row], Templates]:
    """(checklist Markdown, rows, templates) for a loaded draft, with page numbers from the
    manuscript as it would be rendered now. `report` spares a second check."""
    from carekit.checklist import load_checklist
    from carekit.draft.loader import Loaded
    from carekit.engine import check_loaded
    from carekit.journals import resolve
    from carekit.render.checklist_form import as_markdown, rows, section_map
    from carekit.render.mdtext import clean
    from carekit.render.pdf import heading_pages
    from carekit.render.pipeline import build_html, build_markdown
    from carekit.render.templating import Templates, template_folder

    checklist = load_checklist()
    if report is None:
        report = check_loaded(Loaded(draft.file, draft, []), checklist, journal=journal)
    profile, _ = resolve(journal, draft.get("journal"))
    folder = template_folder(template or profile.template)
    templates = Templates(folder)
    manuscript = build_markdown(draft, templates, out_dir, draft.file.stem)
    pages = heading_pages(build_html(manuscript, templates, paper))
    table = rows(report, section_map(folder), pages)
    title = clean(draft.get("title")) or "Untitled case report"
    return as_markdown(title, checklist, table), table, templates


def run(args: argparse.Namespace) -> int:
    from carekit.commands.render import parse_formats
    from carekit.draft.loader import load_file
    from carekit.render.output import write_atomic

    formats = parse_formats(args.to)
    loaded = load_file(Path(args.draft))
    if loaded.draft is None:
        message = loaded.findings[0].message if loaded.findings else "it is empty"
        raise CarekitError(f"{args.draft} cannot be read: {message}")
    out_dir = Path(args.output) if args.output else loaded.draft.folder
    markdown, table, templates = build(
        loaded.draft, args.journal, args.template, args.paper, out_dir
    )
    stem = f"{loaded.draft.file.stem}-care-checklist"
    outputs: dict[Path, str | bytes] = {}
    if "md" in formats:
        outputs[out_dir / f"{stem}.md"] = markdown
    if "html" in formats or "pdf" in formats:
        html = checklist_html(markdown, templates, args.paper)
        if "html" in formats:
            outputs[out_dir / f"{stem}.html"] = html
        if "pdf" in formats:
            from carekit.render.pdf import html_to_pdf

            outputs[out_dir / f"{stem}.pdf"] = html_to_pdf(html)
    if "docx" in formats:
        from carekit.render.docx import checklist_docx

        outputs[out_dir / f"{stem}.docx"] = checklist_docx(markdown)
    for path, content in outputs.items():
        write_atomic(path, content)
        print(f"wrote {path}")
    missing = [row.id for row in table if row.status == "missing"]
    if missing:
        print(f"missing items: {', '.join(missing)}", file=sys.stderr)
    return EXIT_OK


def checklist_html(markdown: str, templates, paper: str, title: str = "CARE checklist") -> str:
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
