"""The jobs that make what a journal's submission system asks for: the completed CARE
checklist (`carekit checklist`) and the whole pack (`carekit submit`). Both use the same
settings, check and template as `carekit render`."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from carekit.app.jobs import check_loaded, load_with, next_imports, renderable, templates_for
from carekit.app.settings import Flags, Settings, style_path
from carekit.errors import CarekitError

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
    draft: Draft, checklist: Checklist, report: Report, folder: Path, pages: dict[str, int]
) -> tuple[str, list[Row]]:
    """The completed checklist of a checked draft, as Markdown and as rows: where each item
    is reported (the section of the template in `folder`, its page in `pages`)."""
    from carekit.render.checklist_form import as_markdown, rows, section_map
    from carekit.render.mdtext import clean

    table = rows(report.statuses, section_map(folder), pages)
    title = clean(draft.model.title) or "Untitled case report"
    return as_markdown(title, checklist, table), table


def checklist(file: Path, flags: Flags, out_dir: Path | None, formats: list[str]) -> Written:
    """Write the completed CARE checklist of `file` in `formats`."""
    from carekit.check.checklist import load_checklist
    from carekit.io.outputs import Outputs, draft_inputs
    from carekit.render.pdf import heading_pages, html_to_pdf, layout
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
    )
    document, _ = layout(html)
    care = load_checklist(settings.checklist.value)
    pages = heading_pages(document, html)
    markdown, table = completed(draft, care, report, templates.folder, pages)
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
    from carekit.render.pdf import heading_pages, html_to_pdf, layout, write_pdf
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
    pages = heading_pages(document, html)
    markdown, _ = completed(draft, care, report, templates.folder, pages)
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
    files.update(_letters(draft, report, settings.profile, templates, paper, words))
    files.update(zip(words, words_of(list(words.values()), templates.folder), strict=True))
    files.update(_figures(draft, manuscript.numbers))
    summary = io.StringIO()
    text_report([report], care, summary)
    files["findings.txt"] = summary.getvalue()
    return files


def _word(markdown, assets, *, draft=None, title="", review=False, paper="a4") -> WordFile:
    """A Word file to make; its properties from the draft, or just a title."""
    from carekit.render.word import WordFile, word_properties

    properties = word_properties(draft.model) if draft is not None else {"title": title}
    return WordFile(markdown, assets, review=review, paper=paper, properties=properties)


def _letters(
    draft: Draft, report: Report, profile, templates: Templates, paper: str, words: dict
) -> dict:
    """The title page and the cover-letter skeleton; their Word files go into `words`."""
    from carekit.render.context import build_context
    from carekit.render.pdf import html_to_pdf

    word = partial(_word, paper=paper)
    context = build_context(draft, False, {}, "")
    context["journal_title"] = profile.title if profile.name != "care" else "[the journal]"
    context["words"] = {
        "abstract": report.stats["abstract_words"],
        "main": report.stats["main_text_words"],
    }
    title_page = templates.markdown(context, "title-page.md.j2")
    letter = templates.markdown(context, "cover-letter.md.j2")
    words["title-page.docx"] = word(title_page, None, draft=draft)
    words["cover-letter.docx"] = word(letter, None, title="Cover letter")
    return {
        "title-page.pdf": html_to_pdf(page_html(title_page, templates, paper, "Title page")),
        "cover-letter.md": letter,
    }


def _figures(draft: Draft, numbers) -> dict[str, bytes]:
    """Each figure as its own file, named by its number; JPEG and PNG files without
    identifying metadata (the pixels untouched). Names are built from safe characters
    only, whatever the draft says (ids are checked at load too)."""
    from carekit.draft.files import inside_folder
    from carekit.io.outputs import safe_name
    from carekit.privacy.images import SCRUBBABLE, scrub

    out = {}
    for figure in draft.model.figures:
        source = inside_folder(draft.folder, figure.file)
        number = numbers.fig.get(figure.id)
        suffix = re.sub(r"[^a-z0-9.]", "", source.suffix.lower())
        if number:
            name = f"figure-{number}-{safe_name(str(figure.id))}{suffix}"
        else:
            name = safe_name(source.name)
        data = source.read_bytes()
        if source.suffix.lower() in SCRUBBABLE:
            data = scrub(data, source.suffix)
        out[f"figures/{name}"] = data
    return out


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
