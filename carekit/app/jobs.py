"""The jobs every command and `carekit watch` run: load a draft, resolve its settings
once, check it, render it, preview it. Commands parse arguments, call these and print.

Heavy libraries (Jinja, markdown-it, WeasyPrint) are imported inside the jobs that render,
so `carekit check` never loads them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from carekit.app.settings import (
    CONFIG,
    NO_FLAGS,
    Flags,
    Settings,
    resolve_settings,
    style_path,
)
from carekit.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CarekitError
from carekit.tuples import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:  # imported for real inside the jobs
    from carekit.check.engine import Report
    from carekit.draft.loader import Loaded
    from carekit.draft.model import Draft
    from carekit.journals.profiles import Journal
    from carekit.render.templating import Templates


class Counts(NamedTuple):
    """The check's verdict in numbers: what render's summary line and watch print."""

    errors: int
    warnings: int
    fatal: bool

    def line(self, draft: Path) -> str:
        return f"{draft}: {self.errors} errors, {self.warnings} warnings"


def settings_for(loaded: Loaded, flags: Flags) -> Settings:
    """The settings of a loaded draft: its own `journal:` takes part."""
    drafted = loaded.draft.model.journal if loaded.draft is not None else None
    return resolve_settings(loaded.file, flags, drafted)


def load_with(file: Path, flags: Flags) -> tuple[Loaded, Settings]:
    """A draft and its settings; a draft that cannot be read still gets settings."""
    from carekit.draft.loader import load_file

    loaded = load_file(file)
    return loaded, settings_for(loaded, flags)


def check_loaded(loaded: Loaded, settings: Settings) -> Report:
    """Run the engine with the settings: the one place the engine is wired."""
    from carekit.check.checklist import load_checklist
    from carekit.check.engine import Selection
    from carekit.check.engine import check_loaded as run_engine

    return run_engine(
        loaded,
        load_checklist(settings.checklist.value),
        Selection(settings.select.value, settings.ignore.value),
        settings.severity.value,
        settings.privacy_allow,
        profile=settings.profile,
        journal_asked=settings.journal_asked,
        style=settings.csl.value,
    )


def check(file: Path, flags: Flags = NO_FLAGS) -> Report:
    """`carekit check` for one file, with its own configuration (the nearest above it)."""
    loaded, settings = load_with(file, flags)
    return check_loaded(loaded, settings)


def counts(report: Report) -> Counts:
    from carekit.findings import Severity

    severities = [f.severity for f in report.findings]
    return Counts(
        severities.count(Severity.ERROR), severities.count(Severity.WARNING), report.fatal
    )


def verdict(reports: list[Report], strict: bool) -> int:
    """The exit code of a check: 2 unusable input, 1 errors (or warnings when strict)."""
    if any(report.fatal for report in reports):
        return EXIT_USAGE
    if any(c.errors or (strict and c.warnings) for c in map(counts, reports)):
        return EXIT_FINDINGS
    return EXIT_OK


def renderable(loaded: Loaded) -> None:
    """Stop a render of a draft whose `journal:` names a file: a draft names its journal
    only by name, or a stranger's draft would choose its own profile and template code."""
    from carekit.journals.profiles import draft_journal_problem

    draft = loaded.draft
    problem = draft_journal_problem(draft.model.journal) if draft is not None else None
    if problem:
        raise CarekitError(f"{loaded.file}: not rendered: {problem}.")


def templates_for(settings: Settings) -> Templates:
    """The manuscript template the settings choose: a flag's name or folder, the
    configuration's (a folder relative to it, inside it), or the journal's own."""
    from carekit.render.templating import (
        Templates,
        bundled_names,
        profile_template,
        template_folder,
    )

    chosen = settings.template
    structure = _structure(settings)
    if chosen.by_journal:
        return Templates(profile_template(settings.profile), structure)
    if chosen.rank == CONFIG and settings.file and chosen.value not in bundled_names():
        root = settings.file.parent.resolve()
        folder = (root / chosen.value).resolve()
        if not folder.is_relative_to(root) or not folder.is_dir():
            raise CarekitError(
                f"{settings.file}: `template` names {chosen.value!r}, which is neither a "
                f"bundled template ({', '.join(bundled_names())}) nor a folder inside {root}."
            )
        return Templates(template_folder(str(folder)), structure)
    return Templates(template_folder(chosen.value), structure)


def _structure(settings: Settings) -> dict:
    """The layout rules of the target journal's profile; with no journal named, those of
    the bundled profile whose template was chosen by name (`--template jmcr`)."""
    from carekit.journals.profiles import DEFAULT_JOURNAL, journal_names, load_journal
    from carekit.journals.structure import structure_of

    profile = settings.profile
    if profile.name == DEFAULT_JOURNAL and not settings.template.by_journal:
        for name in journal_names():
            bundled = load_journal(name)
            if bundled.template == settings.template.value:
                return structure_of(bundled.facts)
    return structure_of(profile.facts)


class RenderJob(NamedTuple):
    """One draft being rendered while its check runs alongside (see `start_render`)."""

    loaded: Loaded
    settings: Settings
    pending: Callable[[], Counts]

    def counts(self) -> Counts:
        """The check's counts; waits for the check (call it once the outputs are written)."""
        return self.pending()

    def write(self, out_dir: Path, formats: list[str], review: bool, tagged: bool) -> list[Path]:
        renderable(self.loaded)
        templates = templates_for(self.settings)
        options = {"paper": self.settings.paper.value, "review": review, "tagged": tagged}
        options["style"] = style_path(self.settings)
        options["journal"] = self.settings.profile
        return write_manuscript(self.loaded.draft, templates, out_dir, formats, **options)


def start_render(file: Path, flags: Flags) -> RenderJob:
    """Load the draft, resolve its settings and start its check. Where the system can fork,
    the check runs in a child process while this one renders, so on two cores its cost
    (the rules, the privacy patterns) is hidden."""
    import json
    import os

    loaded, settings = load_with(file, flags)
    if not hasattr(os, "fork") or loaded.draft is None or settings.strict.value:
        result = counts(check_loaded(loaded, settings))  # strict: needed before rendering
        return RenderJob(loaded, settings, lambda: result)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: check, send the counts, leave without running anything else
        try:
            os.write(write, json.dumps(counts(check_loaded(loaded, settings))).encode())
        finally:
            os._exit(0)
    os.close(write)
    done: list[Counts] = []

    def result() -> Counts:
        if not done:
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            os.waitpid(pid, 0)
            done.append(Counts(*json.loads(data)) if data else Counts(0, 0, True))
        return done[0]

    return RenderJob(loaded, settings, result)


def preview(file: Path, flags: Flags = NO_FLAGS) -> tuple[str, str]:
    """(page, one-line summary) for `carekit watch`: the same settings, check and template
    as `carekit render`; never raises for bad input (the page says what is wrong)."""
    from carekit.render.htmlsafety import RELOAD_SCRIPT
    from carekit.render.pipeline import build_html, build_markdown

    try:
        loaded, settings = load_with(file, flags)
        summary = counts(check_loaded(loaded, settings)).line(file)
    except CarekitError as error:  # e.g. a configuration file with a mistake
        return error_page(error.message), f"{file}: {error.message}"
    if loaded.draft is None:
        first = loaded.findings[0] if loaded.findings else None
        where = f" (line {first.span.line}, column {first.span.column})" if first else ""
        return error_page(f"{first.message if first else 'empty'}{where}"), summary
    try:
        renderable(loaded)
        templates = templates_for(settings)
        style = style_path(settings)
        manuscript = build_markdown(loaded.draft, templates, file.parent, file.stem, style)
        page = build_html(manuscript, templates, settings.paper.value)
    except CarekitError as error:
        return error_page(error.message), summary
    return page.replace("</body>", RELOAD_SCRIPT + "</body>", 1), summary


def write_manuscript(
    draft: Draft,
    templates: Templates,
    out_dir: Path,
    formats: list[str],
    paper: str = "a4",
    review: bool = False,
    tagged: bool = False,
    style: Path | None = None,
    journal: Journal | None = None,
) -> list[Path]:
    """Render one loaded draft; every output is built before any is written, and all
    are written together (see carekit.io.outputs)."""
    from carekit.io.outputs import Outputs, draft_inputs
    from carekit.render.assets import Assets
    from carekit.render.pandoc import beside_pandoc
    from carekit.render.pipeline import build_html, build_markdown

    stem = draft.file.stem
    with beside_pandoc(partial(next_imports, "pdf" in formats)):
        manuscript = build_markdown(draft, templates, out_dir, stem, style)
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
    _pandoc_outputs(manuscript, templates, outputs, formats, review, paper, journal)
    if "md" in formats:
        from carekit.render.portable import portable_markdown

        markdown, copies = portable_markdown(manuscript, stem)
        outputs.add(f"{stem}.md", markdown)
        for name, content in {**manuscript.generated, **copies}.items():
            outputs.add(name, content)
    return outputs.commit()


def next_imports(pdf: bool) -> None:
    """The libraries the HTML (and PDF) steps import, loaded while pandoc formats the
    reference list (third-party modules only: see carekit.render.pandoc.beside_pandoc)."""
    import markdown_it  # noqa: F401
    import mdit_py_plugins.anchors  # noqa: F401
    import mdit_py_plugins.attrs  # noqa: F401
    import mdit_py_plugins.container  # noqa: F401

    if pdf:
        from carekit.render.libraries import import_weasyprint

        import_weasyprint()


def _pandoc_outputs(manuscript, templates, outputs, formats, review, paper, journal) -> None:
    """The Word and JATS files: every pandoc conversion they need made in one start."""
    from carekit.render.pandoc import forget, prefetch

    requests, words = [], []
    if "docx" in formats:
        from carekit.render.assets import Assets
        from carekit.render.word import WordFile, word_properties, word_requests

        draft = manuscript.draft
        assets = Assets(draft.folder, manuscript.out_dir, manuscript.generated, manuscript.refused)
        properties = word_properties(draft.model)
        words = [WordFile(manuscript.markdown, assets, review=review, paper=paper,
                          properties=properties)]  # fmt: skip
        requests += word_requests(words, templates.folder)
    if "jats" in formats:
        from carekit.render.jats import pandoc_requests

        requests += pandoc_requests(manuscript)
    stem = manuscript.draft.file.stem
    try:
        prefetch(requests, "the Word and JATS files")
        if words:
            from carekit.render.word import words_of

            outputs.add(f"{stem}.docx", words_of(words, templates.folder)[0])
        if "jats" in formats:
            from carekit.render.jats import manuscript_to_jats

            outputs.add(f"{stem}.xml", manuscript_to_jats(manuscript, journal))
    finally:
        forget()


def error_page(message: str) -> str:
    """The preview's page for a draft that cannot be rendered yet."""
    import html

    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>carekit: "
        "cannot render</title></head><body style='font-family: sans-serif; margin: 2em'>"
        f"<h1>The draft cannot be rendered yet</h1><pre>{html.escape(message)}</pre></body></html>"
    )
