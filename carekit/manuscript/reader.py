"""A manuscript file to pandoc's JSON syntax tree, read by the bundled, sandboxed pandoc."""

from __future__ import annotations

from pathlib import Path

from carekit.errors import CarekitError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# pandoc's reader for each kind of file an author may bring.
READERS = {
    ".docx": "docx",
    # Without pandoc's smart punctuation: text is copied as typed (' stays ', -- stays --).
    ".md": "markdown-smart",
    ".markdown": "markdown-smart",
    ".qmd": "markdown-smart",
    ".xml": "jats",
    ".nxml": "jats",
}
MAX_BYTES = 50_000_000  # a case report with its images is far smaller


def is_manuscript(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read_tree(path: Path) -> dict[str, Any]:
    """The manuscript's syntax tree; a file pandoc cannot read is a plain message."""
    from carekit.render.assets import RenderError
    from carekit.render.pandoc import run_pandoc

    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise CarekitError(f"{path}: carekit reads manuscripts ending in {known}.")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise CarekitError(f"{path}: cannot be read ({error.strerror}).") from None
    if size > MAX_BYTES:
        raise CarekitError(f"{path}: {size // 1_000_000} MB is more than a manuscript needs.")
    try:
        out = run_pandoc(
            ["--from", reader, "--to", "json", "--", path.name],
            "",
            path.parent.resolve(),
            f"the syntax tree of {path.name}",
        )
    except RenderError as error:
        raise CarekitError(f"{path}: not a readable {reader.split('-')[0]} file. {error}") from None
    import json

    return json.loads(out)
