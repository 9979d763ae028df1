"""Jinja: a template folder turns the draft's context into Markdown.

Templates are looked up in the chosen folder first, then in `templates/_common`, so a
copied template folder only needs the files it changes. The draft's text reaches Jinja
only as data in the context; it is never compiled as a template. Templates run in Jinja's
sandbox, so even a template copied from elsewhere cannot reach Python internals.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from carekit.errors import CarekitError
from carekit.resources import data_dir

MANUSCRIPT = "manuscript.md.j2"
DOCUMENT = "document.html.j2"
STYLESHEET = "style.css"


def template_folder(name_or_path: str) -> Path:
    """A bundled template by name (default, jmcr, ...) or a folder the user points at."""
    bundled = data_dir("templates")
    candidate = Path(name_or_path)
    if candidate.is_dir():
        folder = candidate
    elif (bundled / name_or_path).is_dir() and not name_or_path.startswith(("_", ".")):
        folder = bundled / name_or_path
    else:
        names = sorted(p.name for p in bundled.iterdir() if p.is_dir() and p.name[0] not in "_.")
        raise CarekitError(
            f"No template {name_or_path!r}: give a folder, or one of {', '.join(names)}."
        )
    if not (folder / MANUSCRIPT).is_file():
        raise CarekitError(f"The template folder {folder} has no {MANUSCRIPT}.")
    return folder


def _open_div(anchor: str, kind: str) -> str:
    """The opening line of a fenced div (pandoc syntax), e.g. `::: {#fig-x .figure}`."""
    return "::: {#" + anchor + " ." + kind + "}"


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates, kept between runs (compiling the macros costs ~0.1 s a run)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "carekit" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: compile every time
    return jinja2.FileSystemBytecodeCache(str(folder))


class Templates:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        cache = _bytecode_cache()
        loader = jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(str(folder)),
                jinja2.FileSystemLoader(str(data_dir("templates") / "_common")),
            ]
        )
        self.markdown_env = SandboxedEnvironment(
            loader=loader,
            autoescape=False,  # the output is Markdown; values are escaped for Markdown
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.ChainableUndefined,
            bytecode_cache=cache,
        )
        self.markdown_env.globals["open_div"] = _open_div
        self.markdown_env.filters["upper_first"] = lambda text: (
            str(text)[:1].upper() + str(text)[1:]
        )
        self.html_env = SandboxedEnvironment(
            loader=loader,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=cache,
        )

    def markdown(self, context: dict[str, Any], name: str = MANUSCRIPT) -> str:
        """The Markdown of the manuscript (or of another page: title-page, cover-letter)."""
        return self._render(self.markdown_env, name, context)

    def document(self, context: dict[str, Any]) -> str:
        return self._render(self.html_env, DOCUMENT, context)

    def stylesheet(self) -> str:
        try:
            return self.markdown_env.loader.get_source(self.markdown_env, STYLESHEET)[0]
        except jinja2.TemplateNotFound:
            return ""

    def _render(self, env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
        try:
            return env.get_template(name).render(context)
        except jinja2.TemplateSyntaxError as error:
            raise CarekitError(
                f"Template error in {error.filename or error.name} line {error.lineno}: "
                f"{error.message}"
            ) from None
        except jinja2.TemplateNotFound as error:
            raise CarekitError(f"Template {error.name} not found in {self.folder}.") from None
        except Exception as error:  # any failure inside a template names the template line
            where = _template_line(sys.exc_info()[2])
            raise CarekitError(f"Template error{where}: {type(error).__name__}: {error}") from None


def _template_line(traceback: Any) -> str:
    """' in FILE line N' for the innermost template frame of a traceback, if any."""
    found = ""
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".html", ".md", ".css")):
            found = f" in {filename} line {traceback.tb_lineno}"
        traceback = traceback.tb_next
    return found
