"""`carekit submit`: everything a journal's submission system asks for, in one folder."""

from __future__ import annotations

import argparse
import io
import re
import sys
from pathlib import Path

from carekit.errors import EXIT_FINDINGS, EXIT_OK, CarekitError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "submit",
        help="write the whole submission pack for a journal",
        description="Write the manuscript (PDF and Word), a separate title page, the "
        "completed CARE checklist, each figure as its own file (without identifying "
        "metadata), a cover-letter skeleton and a summary of the remaining findings. "
        "Refuses while error-level findings remain, unless --force.",
    )
    parser.add_argument("draft", help="the draft")
    parser.add_argument("--journal", metavar="NAME", help="the target journal's profile")
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        required=True,
        help="the folder for the pack (created if needed)",
    )
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4")
    parser.add_argument(
        "--review", action="store_true", help="double spacing and line numbers in the manuscript"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="write the pack even though error-level findings remain",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from carekit.check.checklist import load_checklist
    from carekit.check.engine import check_loaded
    from carekit.check.reporters.text import report as text_report
    from carekit.commands.checklist import completed, page_html
    from carekit.draft.loader import load_readable
    from carekit.findings import Severity
    from carekit.io.outputs import Outputs, draft_inputs
    from carekit.journals.profiles import for_render
    from carekit.render.assets import Assets
    from carekit.render.docx import checklist_docx, markdown_to_docx
    from carekit.render.pdf import heading_pages, html_to_pdf, layout, write_pdf
    from carekit.render.pipeline import build_html, build_markdown
    from carekit.render.templating import Templates, profile_template

    loaded = load_readable(Path(args.draft))
    draft = loaded.draft
    checklist = load_checklist()
    report = check_loaded(loaded, checklist, journal=args.journal)
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    if errors and not args.force:
        print(
            f"{args.draft}: {len(errors)} error-level findings remain; nothing written. Run "
            f"`carekit check {args.draft}` for them, or add --force to write the pack "
            "anyway.",
            file=sys.stderr,
        )
        return EXIT_FINDINGS

    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise CarekitError(f"-o {out} names a file; give the name of a folder (new or existing).")
    profile, unmatched = for_render(draft, args.journal)
    if unmatched:
        print(f"no profile for {unmatched!r}: the pack follows plain CARE", file=sys.stderr)
    templates = Templates(profile_template(profile))
    manuscript = build_markdown(draft, templates, out, "manuscript")
    assets = Assets(draft.folder, out, manuscript.generated, manuscript.refused)
    html = build_html(manuscript, templates, args.paper, args.review)
    # One layout gives both the PDF and the checklist's page numbers, so they agree.
    document, refused = layout(html)
    markdown, _ = completed(
        draft, checklist, report, templates.folder, heading_pages(document, html)
    )
    files: dict[str, str | bytes] = {
        "manuscript.pdf": write_pdf(document, refused, args.review),
        "manuscript.docx": markdown_to_docx(manuscript.markdown, assets, args.review),
        "care-checklist.md": markdown,
        "care-checklist.pdf": html_to_pdf(page_html(markdown, templates, args.paper)),
        "care-checklist.docx": checklist_docx(markdown),
    }
    context = _page_context(draft, report, profile)
    title_page = templates.markdown(context, "title-page.md.j2")
    files["title-page.docx"] = markdown_to_docx(title_page, None)
    title_html = page_html(title_page, templates, args.paper, title="Title page")
    files["title-page.pdf"] = html_to_pdf(title_html)
    letter = templates.markdown(context, "cover-letter.md.j2")
    files["cover-letter.md"] = letter
    files["cover-letter.docx"] = markdown_to_docx(letter, None)
    files.update(_figures(draft, manuscript.numbers))
    summary = io.StringIO()
    text_report([report], checklist, summary)
    files["findings.txt"] = summary.getvalue()
    # Every file checked to stay inside the pack, then all written together.
    pack = Outputs(out, draft_inputs(draft))
    for name, content in files.items():
        pack.add(name, content)
    for path in pack.commit():
        print(f"wrote {path}")
    return EXIT_OK


def _page_context(draft, report, profile) -> dict:
    """The template values of the title page and the cover letter."""
    from carekit.render.context import build_context

    context = build_context(draft, [], {}, "")
    context["journal_title"] = profile.title if profile.name != "care" else "[the journal]"
    context["words"] = {
        "abstract": report.stats["abstract_words"],
        "main": report.stats["main_text_words"],
    }
    return context


def _figures(draft, numbers) -> dict[str, bytes]:
    """Each figure as its own file, named by its number; JPEG and PNG files without
    identifying metadata (the pixels untouched). Names are built from safe characters
    only, whatever the draft says (ids are checked at load too)."""
    from carekit.draft.files import inside_folder
    from carekit.io.outputs import safe_name
    from carekit.privacy.images import SCRUBBABLE, scrub

    out = {}
    for figure in draft.get("figures") or []:
        source = inside_folder(draft.folder, figure["file"])
        number = numbers.fig.get(figure["id"])
        suffix = re.sub(r"[^a-z0-9.]", "", source.suffix.lower())
        if number:
            name = f"figure-{number}-{safe_name(str(figure['id']))}{suffix}"
        else:
            name = safe_name(source.name)
        data = source.read_bytes()
        if source.suffix.lower() in SCRUBBABLE:
            data = scrub(data, source.suffix)
        out[f"figures/{name}"] = data
    return out
