"""One draft through the pipeline: context -> Jinja -> Markdown -> HTML -> PDF."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from carekit import __version__
from carekit.draft.bibliography import BibliographyError, entry_ids, validate
from carekit.draft.files import OutsideFolder, inside_folder
from carekit.draft.model import Draft
from carekit.draft.written import as_plain
from carekit.render.assets import Assets, RenderError
from carekit.render.context import (
    INTERVENTIONS_TABLE,
    LABS_TABLE,
    TIMELINE_FIGURE,
    TIMELINE_TABLE,
    build_context,
    figure_sources,
)
from carekit.render.locations import strip_marks
from carekit.render.mdtext import clean
from carekit.render.numbering import Citations, Numbers, number
from carekit.render.tables import drop_empty_columns, keep_units_together
from carekit.render.templating import Templates
from carekit.render.timeline_svg import timeline_svg
from carekit.render.valuetext import no_doubled_stops

_BLANK_LINES_RE = re.compile(r"\n{3,}")


@dataclass
class Manuscript:
    """The Markdown every format is made from, and the files it refers to."""

    draft: Draft
    markdown: str
    numbers: Numbers
    out_dir: Path
    generated: dict[str, bytes] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)  # files the draft names but may not use
    marked: str = ""  # the Markdown with the CARE items' place marks, for the HTML (locations)


def citations_of(draft: Draft, style: Path | None = None) -> Citations:
    """What the draft can cite: its own references, then its bibliography file's entries,
    formatted by `style` (a .csl file; default: Vancouver) in one pandoc run."""
    from carekit.journals.styles import DEFAULT_STYLE, collapses_ranges, style_file

    style = style or style_file(DEFAULT_STYLE)
    own = [ref.raw for ref in draft.model.references if ref.id]
    name = draft.model.bibliography
    path, keys, items = None, [], None
    if name:
        try:
            path = inside_folder(draft.folder, name)
            items = validate(path)
            keys = entry_ids(path)
        except (OutsideFolder, BibliographyError) as problem:
            raise RenderError(f"The bibliography cannot be used: {problem}.") from None

    def entries(ordered: list[str]) -> dict[str, str]:
        from carekit.render.citeproc import draft_items, format_entries

        if items is not None:  # CSL data, already read and checked: pandoc gets the items
            return format_entries(ordered, draft_items(own), None, style, items)
        return format_entries(ordered, draft_items(own), path, style)

    raw = {str(ref["id"]): as_plain(ref) for ref in own}  # as written, for import
    listed = [str(ref["id"]) for ref in own]
    return Citations(listed, set(keys), entries, collapses_ranges(style), raw)


def build_markdown(
    draft: Draft, templates: Templates, out_dir: Path, stem: str, style: Path | None = None
) -> Manuscript:
    citations = citations_of(draft, style)
    timeline_name = f"{stem}-timeline.svg"
    sources, refused = figure_sources(draft, out_dir)
    context = build_context(
        draft, bool(citations.listed or citations.available), sources, timeline_name
    )
    markdown = drop_empty_columns(no_doubled_stops(templates.markdown(context)))
    figures = {f["id"] for f in context["figures"]} | {TIMELINE_FIGURE}
    tables = {t["id"] for t in context["tables"]} | {
        TIMELINE_TABLE,
        LABS_TABLE,
        INTERVENTIONS_TABLE,
    }
    markdown, numbers = number(markdown, citations, figures, tables)
    markdown = _BLANK_LINES_RE.sub("\n\n", markdown).strip() + "\n"
    generated = {}
    if context["timeline"]["rows"] and TIMELINE_FIGURE in numbers.fig:  # drawn if shown
        generated[timeline_name] = timeline_svg(context["timeline"]["rows"]).encode("utf-8")
    clean_markdown = strip_marks(markdown)
    return Manuscript(draft, clean_markdown, numbers, out_dir, generated, refused, markdown)


PAGE_SIZES = {"a4": "A4", "letter": "letter"}


def build_html(
    manuscript: Manuscript, templates: Templates, paper: str = "a4", review: bool = False
) -> str:
    from carekit.render.html import markdown_to_html
    from carekit.render.htmlsafety import with_csp

    draft = manuscript.draft
    assets = Assets(draft.folder, manuscript.out_dir, manuscript.generated, manuscript.refused)
    body = keep_units_together(markdown_to_html(manuscript.marked or manuscript.markdown, assets))
    report = draft.model
    title = clean(report.title) or "Untitled case report"
    subject = clean(report.article_type) or "Case report"
    if report.diagnostics.final_diagnosis:
        subject += ": " + clean(report.diagnostics.final_diagnosis)
    page = templates.document(
        {
            "language": clean(report.language) or "en",
            "title": title,
            "short_title": clean(report.short_title) or title,
            "authors": [clean(a.name) for a in report.authors],
            "keywords": [clean(k) for k in report.keywords or []],
            "subject": subject,
            "version": __version__,
            "css": Markup(templates.stylesheet()),
            "body": Markup(body),
            "body_class": "review" if review else "",
            "page_size": PAGE_SIZES[paper],
        }
    )
    return with_csp(page)
