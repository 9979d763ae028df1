"""The jobs that make what a journal's submission system asks for: the completed CARE
checklist (`carekit checklist`) and the whole pack (`carekit submit`). Both use the same
settings, check and template as `carekit render`."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from carekit.app.jobs import check_loaded, load_with, next_imports, renderable, templates_for
from carekit.app.settings import Flags, Settings, style_path
from carekit.errors import CarekitError

TYPE_CHECKING = False
if TYPE_CHECKING:  # imported for real inside the functions (they pull in the renderer)
    from carekit.check.checklist import Checklist
    from carekit.check.engine import Report
    from carekit.draft.model import Draft
    from carekit.render.checklist_form import Row
    from carekit.render.templating import Templates
    from carekit.render.word import WordFile


@dataclass
class Written:
    """What a job wrote, and what the command should tell the user."""

    paths: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # checklist items still missing
    errors: int = 0  # error-level findings that stopped `submit`
    unmatched: str | None = None  # a journal named with no profile


def completed(
    draft: Draft,
    checklist: Checklist,
    report: Report,
    folder: Path,
    document,
    html: str,
    review: bool = False,
) -> tuple[str, list[Row]]:
    """The completed checklist of a checked draft, as Markdown and as rows: where each item
    is reported (the section of the template in `folder`; the pages, and in the `review`
    layout the lines, where its content lies in the laid-out manuscript `document`)."""
    from carekit.render.checklist_form import as_markdown, rows, section_map
    from carekit.render.locations import item_places
    from carekit.render.mdtext import clean
    from carekit.render.pdf import heading_pages

    places = item_places(document, review)
    table = rows(report.statuses, section_map(folder), heading_pages(document, html), places)
    title = clean(draft.model.title) or "Untitled case report"
    return as_markdown(title, checklist, table, review, disclosures(draft)), table


def disclosures(draft: Draft) -> list[tuple[str, str]]:
    """(what, reason) of each identifying detail the draft keeps on purpose."""
    from carekit.draft.format import ACCEPTABLE_PRIVACY_RULES

    return [
        (ACCEPTABLE_PRIVACY_RULES.get(a.rule or "", a.rule or ""), a.reason or "")
        for a in draft.model.privacy.accepted
    ]


def checklist(
    file: Path, flags: Flags, out_dir: Path | None, formats: list[str], review: bool = False
) -> Written:
    """Write the completed CARE checklist of `file` in `formats`, its pages (and, for the
    `review` layout, lines) those of the manuscript `carekit render` makes."""
    from carekit.check.checklist import load_checklist
    from carekit.io.outputs import Outputs, draft_inputs
    from carekit.render.pdf import html_to_pdf, layout
    from carekit.render.pipeline import build_html, build_markdown

    loaded, settings = load_with(file, flags)
    _readable(loaded)
    renderable(loaded)
    draft, paper = loaded.draft, settings.paper.value
    out_dir = out_dir or draft.folder
    report = check_loaded(loaded, settings)
    templates = templates_for(settings)
    # The page numbers are read from the manuscript as `carekit render` would lay it out now.
    html = build_html(
        build_markdown(draft, templates, out_dir, draft.file.stem, style_path(settings)),
        templates,
        paper,
        review,
    )
    document, _ = layout(html)
    care = load_checklist(settings.checklist.value)
    markdown, table = completed(draft, care, report, templates.folder, document, html, review)
    stem = f"{draft.file.stem}-care-checklist"
    outputs = Outputs(out_dir, draft_inputs(draft))
    if "md" in formats:
        outputs.add(f"{stem}.md", markdown)
    if "html" in formats or "pdf" in formats:
        html = page_html(markdown, templates, paper)
        if "html" in formats:
            outputs.add(f"{stem}.html", html)
        if "pdf" in formats:
            outputs.add(f"{stem}.pdf", html_to_pdf(html))
    if "docx" in formats:
        from carekit.render.word import words_of

        word = _word(markdown, None, title="CARE checklist", paper=paper)
        outputs.add(f"{stem}.docx", words_of([word], None)[0])
    missing = [row.id for row in table if row.status == "missing"]
    return Written(outputs.commit(), missing)


def _readable(loaded) -> None:
    if loaded.draft is None:
        reason = loaded.findings[0].message if loaded.findings else "it is empty"
        raise CarekitError(f"{loaded.file} cannot be read: {reason}")


def submit(
    file: Path, flags: Flags, out: Path, force: bool = False, review: bool = False
) -> Written:
    """Write the submission pack into `out`, unless error-level findings remain (the same
    findings `carekit check` reports, with the same configuration) and not `force`."""
    from carekit.app.jobs import counts
    from carekit.io.outputs import Outputs, draft_inputs

    loaded, settings = load_with(file, flags)
    _readable(loaded)
    report = check_loaded(loaded, settings)
    errors = counts(report).errors
    if errors and not force:
        return Written(errors=errors)
    if out.exists() and not out.is_dir():
        raise CarekitError(f"-o {out} names a file; give the name of a folder (new or existing).")
    renderable(loaded)
    files = _pack(loaded.draft, settings, report, out, review)
    # Every file checked to stay inside the pack, then all written together.
    pack = Outputs(out, draft_inputs(loaded.draft))
    for name, content in files.items():
        pack.add(name, content)
    return Written(pack.commit(), errors=errors, unmatched=settings.journal_asked)


def _pack(draft: Draft, settings: Settings, report: Report, out: Path, review: bool) -> dict:
    """Every file of the pack by name, built in memory."""
    from carekit.check.checklist import load_checklist
    from carekit.check.reporters.text import report as text_report
    from carekit.render.assets import Assets
    from carekit.render.pandoc import beside_pandoc
    from carekit.render.pdf import html_to_pdf, layout, write_pdf
    from carekit.render.pipeline import build_html, build_markdown
    from carekit.render.word import words_of

    paper = settings.paper.value
    care = load_checklist(settings.checklist.value)
    templates = templates_for(settings)
    with beside_pandoc(partial(next_imports, True)):  # the pack has PDFs
        manuscript = build_markdown(draft, templates, out, "manuscript", style_path(settings))
    assets = Assets(draft.folder, out, manuscript.generated, manuscript.refused)
    html = build_html(manuscript, templates, paper, review)
    # One layout gives both the PDF and the checklist's page numbers, so they agree.
    document, refused = layout(html)
    markdown, _ = completed(draft, care, report, templates.folder, document, html, review)
    word = partial(_word, paper=paper)
    words = {  # made together below: one pandoc start for every Word file of the pack
        "manuscript.docx": word(manuscript.markdown, assets, review=review, draft=draft),
        "care-checklist.docx": word(markdown, None, title="CARE checklist"),
    }
    files: dict[str, str | bytes] = {
        "manuscript.pdf": write_pdf(document, refused, review),
        "care-checklist.md": markdown,
        "care-checklist.pdf": html_to_pdf(page_html(markdown, templates, paper)),
    }
    files.update(_letters(draft, settings, templates, manuscript, words))
    files.update(zip(words, words_of(list(words.values()), templates.folder), strict=True))
    figures, notes = _figures(draft, manuscript, settings.profile)
    files.update(figures)
    summary = io.StringIO()
    text_report([report], care, summary)
    if notes:  # the pack's own findings, after the draft's
        summary.write("\nFigures in the pack:\n" + "".join(f"  - {n}\n" for n in notes))
    files["findings.txt"] = summary.getvalue()
    return files


def _word(markdown, assets, *, draft=None, title="", review=False, paper="a4") -> WordFile:
    """A Word file to make; its properties from the draft, or just a title."""
    from carekit.render.word import WordFile, word_properties

    properties = word_properties(draft.model) if draft is not None else {"title": title}
    return WordFile(markdown, assets, review=review, paper=paper, properties=properties)


def _letters(draft: Draft, settings: Settings, templates: Templates, manuscript, words) -> dict:
    """The title page and the cover-letter skeleton, their Word files put into `words`;
    their counts are those of the manuscript as laid out (generated figures and tables
    included)."""
    from carekit.render.context import build_context
    from carekit.render.manuscript_counts import manuscript_words
    from carekit.render.mdtext import clean
    from carekit.render.pdf import html_to_pdf

    paper = settings.paper.value
    word = partial(_word, paper=paper)
    context = build_context(draft, False, {}, "")
    context["journal_title"] = _journal_title(draft, settings)
    context["figure_count"] = len(manuscript.numbers.fig)
    context["table_count"] = len(manuscript.numbers.tbl)
    context["privacy_accepted"] = [
        {"what": what, "reason": clean(reason)} for what, reason in disclosures(draft)
    ]
    # Counted in the manuscript as laid out: what an editor counting it would find.
    context["words"] = manuscript_words(manuscript.markdown)
    title_page = templates.markdown(context, "title-page.md.j2")
    letter = templates.markdown(context, "cover-letter.md.j2")
    words["title-page.docx"] = word(title_page, None, draft=draft)
    words["cover-letter.docx"] = word(letter, None, title="Cover letter")
    return {
        "title-page.pdf": html_to_pdf(page_html(title_page, templates, paper, "Title page")),
        "cover-letter.md": letter,
    }


def _journal_title(draft: Draft, settings: Settings) -> str:
    """The journal's full name: its profile's, else as the draft names it (a journal with
    no profile), else a blank for the author to fill in."""
    from carekit.render.mdtext import escape

    if settings.profile.name != "care":
        return settings.profile.title
    named = settings.journal_asked or draft.model.journal
    if isinstance(named, str) and named.strip() and named.strip() != "care":
        return escape(named)
    return "[the journal]"


def _figures(draft: Draft, manuscript, profile) -> tuple[dict[str, bytes], list[str]]:
    """Each figure of the manuscript as its own files, named by its number as the
    manuscript numbers it (the generated timeline included), in the formats the journal's
    profile accepts (render/figure_formats.py); and notes on figures the author should
    replace. Names are built from safe characters only, whatever the draft says."""
    from carekit.draft.files import inside_folder
    from carekit.io.outputs import safe_name
    from carekit.render.context import TIMELINE_FIGURE
    from carekit.render.figure_formats import DEFAULT_DPI, FigureError, accepted, convert

    formats = accepted(profile.fact("figures", "formats"))
    dpi = int(profile.fact("figures", "min_dpi") or DEFAULT_DPI)
    sources: dict[str, tuple[bytes, str]] = {}
    for figure in draft.model.figures:
        path = inside_folder(draft.folder, figure.file)
        sources[str(figure.id)] = (path.read_bytes(), path.suffix.lower())
    timeline = [name for name in manuscript.generated if name.endswith("-timeline.svg")]
    if timeline and TIMELINE_FIGURE in manuscript.numbers.fig:
        sources[TIMELINE_FIGURE] = (manuscript.generated[timeline[0]], ".svg")
    order = sorted(sources, key=lambda key: manuscript.numbers.fig.get(key, 10**6))
    out, notes = {}, []
    for key in order:
        data, suffix = sources[key]
        number = manuscript.numbers.fig.get(key)
        stem = f"figure-{number}-{safe_name(key)}" if number else f"figure-{safe_name(key)}"
        try:
            converted = convert(data, suffix, formats, dpi)
        except FigureError as problem:
            notes.append(f"{stem}: not in the pack: {problem}")
            continue
        for ending, content in converted.files.items():
            out[f"figures/{stem}{ending}"] = content
        notes.extend(f"{stem}: {note}" for note in converted.notes)
    return out, notes


def page_html(
    markdown: str, templates: Templates, paper: str, title: str = "CARE checklist"
) -> str:
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
