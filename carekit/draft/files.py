"""Files a draft names (figures, bibliography): only ever inside the draft's folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote

# Raster image files: carekit reads their size and metadata (carekit.privacy.images).
RASTER = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp")


class OutsideFolder(ValueError):
    """A path a draft names that carekit refuses to read; the message says why."""


def inside_folder(folder: Path, name: str) -> Path:
    """Resolve `name` (relative to `folder`) to an existing file inside `folder`.

    URLs, absolute paths and paths that leave the folder, through `..` or through a
    symlink, are refused, so a draft can never make carekit read or fetch anything else.
    """
    name = unquote(name.strip())
    if "://" in name or name.lower().startswith(("file:", "data:", "javascript:")):
        raise OutsideFolder(f"{name} is a URL; carekit uses only files in the draft's folder")
    relative = PurePosixPath(name.replace("\\", "/"))
    if relative.is_absolute() or (len(name) > 1 and name[1] == ":"):
        raise OutsideFolder(f"{name} is an absolute path; give it relative to the draft's folder")
    try:
        root = folder.resolve()
        target = (root / relative).resolve()
        if not target.is_relative_to(root):
            raise OutsideFolder(f"{name} lies outside the draft's folder")
        if not target.is_file():
            raise OutsideFolder(f"{name} does not exist")
    except OSError as error:  # e.g. a name longer than the file system allows
        raise OutsideFolder(f"{name[:80]}... cannot be a file here ({error.strerror})") from None
    return target
