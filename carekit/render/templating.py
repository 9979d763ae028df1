"""Jinja: a template folder turns the draft's context into Markdown.

Templates are looked up in the chosen folder first, then in `templates/_common`, so a
copied template folder only needs the files it changes. The draft's text reaches Jinja
only as data in the context; it is never compiled as a template. Templates run in Jinja's
sandbox, so even a template copied from elsewhere cannot reach Python internals.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from carekit.errors import CarekitError
from carekit.journals.profiles import Journal
from carekit.render.fieldmarks import field_mark, strip_fields
from carekit.render.locations import care_mark, strip_marks
from carekit.render.template_files import contained_file, contained_folder, read_contained
from carekit.resources import data_dir

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MANUSCRIPT = "manuscript.md.j2"
DOCUMENT = "document.html.j2"
STYLESHEET = "style.css"


def bundled_names() -> list[str]:
    """The bundled templates (default, jmcr, ...); `_common` and `_scaffold` are parts."""
    bundled = data_dir("templates")
    return sorted(p.name for p in bundled.iterdir() if p.is_dir() and p.name[0] not in "_.")


def bundled_template(name: str) -> Path:
    """A bundled template by its exact name: a name never becomes a path to elsewhere."""
    if name not in bundled_names():
        raise CarekitError(
            f"No template {name!r}: give a folder, or one of {', '.join(bundled_names())}."
        )
    return _with_manuscript(data_dir("templates") / name)


def template_folder(name_or_path: str) -> Path:
    """A bundled template's name, or a folder the user points at on the command line.
    The name wins: a folder called `default` in a stranger's repository is not taken for
    carekit's own (write ./default to mean the folder)."""
    if name_or_path in bundled_names() or not Path(name_or_path).is_dir():
        return bundled_template(name_or_path)
    return _with_manuscript(Path(name_or_path))


def profile_template(profile: Journal) -> Path:
    """The template a journal profile names: a bundled one, or, for a profile file given
    on the command line or in the configuration, a folder beside that file."""
    if profile.folder is None or profile.template in bundled_names():
        return bundled_template(profile.template)
    folder = contained_folder(profile.folder, profile.template)
    if folder is None:
        raise CarekitError(
            f"The journal profile {profile.name!r} names the template {profile.template!r}: "
            f"there is no such folder in {profile.folder} and no bundled template of that "
            f"name ({', '.join(bundled_names())})."
        )
    return _with_manuscript(folder)


def _with_manuscript(folder: Path) -> Path:
    if contained_file(folder, MANUSCRIPT) is None:
        raise CarekitError(f"The template folder {folder} has no {MANUSCRIPT}.")
    return folder


def _open_div(anchor: str, kind: str) -> str:
    """The opening line of a fenced div (pandoc syntax), e.g. `::: {#fig-x .figure}`."""
    return "::: {#" + anchor + " ." + kind + "}"


class _ScopedCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates of one environment: autoescaping is compiled into the code, so
    the Markdown and the HTML environments (and each template folder) keep separate
    entries, and a template compiled one way is never run the other way."""

    def __init__(self, directory: Path, scope: str) -> None:
        super().__init__(str(directory))
        self.scope = scope

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{self.scope}|{name}", filename)


def _cache_folder() -> Path | None:
    """carekit's own cache folder in the user's cache (never a template's or a draft's
    folder); None when it cannot be made, or is a link or someone else's."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "carekit" / "jinja2"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None  # a read-only home: compile every time
    if stat.S_ISLNK(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return None  # compiled code is run: load it only from a folder of our own
    return folder


def _bytecode_cache(kind: str, autoescape: bool, folder: Path) -> jinja2.BytecodeCache | None:
    """Compiled templates, kept between runs (compiling the macros costs ~0.1 s a run)."""
    directory = _cache_folder()
    if directory is None:
        return None
    return _ScopedCache(directory, f"{kind}|autoescape={autoescape}|sandbox|{folder}")


class _FolderLoader(jinja2.BaseLoader):
    """Jinja's FileSystemLoader, but reading only regular files inside the folder and
    never through a symbolic link (see template_files)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple:
        found = read_contained(self.folder, template)
        if found is None:
            raise jinja2.TemplateNotFound(template)
        text, path, mtime = found

        def uptodate() -> bool:
            try:
                return os.lstat(path).st_mtime == mtime
            except OSError:
                return False

        return text, str(path), uptodate


class Templates:
    def __init__(self, folder: Path, structure: dict[str, Any] | None = None) -> None:
        from carekit.journals.structure import points, structure_of

        self.folder = folder
        # The journal's layout (learning points, keywords, legends, declarations).
        self.structure = structure or structure_of(None)
        real = folder.resolve()  # the user's folder may be a link; what is inside may not
        loader = jinja2.ChoiceLoader(
            [_FolderLoader(real), _FolderLoader(data_dir("templates") / "_common")]
        )
        self.markdown_env = SandboxedEnvironment(
            loader=loader,
            autoescape=False,  # the output is Markdown; values are escaped for Markdown
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.ChainableUndefined,
            bytecode_cache=_bytecode_cache("markdown", False, real),
        )
        self.markdown_env.globals["open_div"] = _open_div
        self.markdown_env.globals["points"] = points
        self.markdown_env.globals["care_mark"] = care_mark
        self.markdown_env.globals["field_mark"] = field_mark
        self.markdown_env.filters["upper_first"] = lambda text: (
            str(text)[:1].upper() + str(text)[1:]
        )
        self.html_env = SandboxedEnvironment(
            loader=loader,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=_bytecode_cache("html", True, real),
        )

    def markdown(self, context: dict[str, Any], name: str = MANUSCRIPT) -> str:
        """The Markdown of the manuscript (or of another page: title-page, cover-letter).
        Only the manuscript keeps the marks of where each CARE item lies (locations)."""
        text = self._render(self.markdown_env, name, {"structure": self.structure, **context})
        return text if name == MANUSCRIPT else strip_marks(strip_fields(text))

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
        except CarekitError:  # a refused link or path in the template folder
            raise
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
