"""Reading files from a template folder: only regular files inside it, never through a link.

A template folder may come from someone else's repository. A symbolic link in it
(`x.j2 -> /proc/self/environ`) would let `{% include %}`, `style.css` or `sections.yaml`
carry any file the renderer can read into the manuscript, so every part of the way from
the folder to the file is checked with lstat, and the file is opened without following a
link. No Jinja import here: `carekit checklist` uses it for `sections.yaml` too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from carekit.errors import CarekitError

MAX_TEMPLATE_FILE_BYTES = 2 * 1024 * 1024  # a template or stylesheet is a few kB
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


class TemplateRefused(CarekitError):
    """A template folder holds a link, or a name that leaves the folder."""


def _refuse(folder: Path, name: str, why: str) -> TemplateRefused:
    return TemplateRefused(
        f"Template folder {folder}: {name!r} {why}. carekit reads template files only "
        "from inside the template folder, never through a symbolic link: replace a link "
        "with a copy of the file, or use a bundled template (e.g. --template default)."
    )


def contained_file(folder: Path, name: str) -> Path | None:
    """The regular file `name` (a template name, `/`-separated) inside `folder`, or None
    when there is none. Raises TemplateRefused when the name leaves the folder or any part
    of the way to the file is a symbolic link (even one that points inside)."""
    pieces = name.split("/")
    if "\\" in name or "\0" in name or any(p in ("", ".", "..") for p in pieces):
        raise _refuse(folder, name, "names a file outside the folder")
    current = folder
    info = None
    for piece in pieces:
        current = current / piece
        try:
            info = os.lstat(current)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as error:
            raise _refuse(folder, name, f"cannot be read ({error.strerror})") from None
        if stat.S_ISLNK(info.st_mode):
            raise _refuse(folder, name, "is, or passes through, a symbolic link")
    if info is None or not stat.S_ISREG(info.st_mode):
        return None  # a folder, a pipe or a device is not a template file
    if not current.resolve().is_relative_to(folder.resolve()):
        raise _refuse(folder, name, "names a file outside the folder")
    return current


def read_contained(folder: Path, name: str) -> tuple[str, Path, float] | None:
    """(text, path, modification time) of `name` inside `folder`, or None when absent;
    raises TemplateRefused as `contained_file` does, or when the file is not UTF-8 text."""
    path = contained_file(folder, name)
    if path is None:
        return None
    try:
        # O_NOFOLLOW: a link swapped in after the check above is refused by the kernel.
        descriptor = os.open(path, os.O_RDONLY | _NO_FOLLOW)
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise _refuse(folder, name, "is not a regular file")
            data = handle.read(MAX_TEMPLATE_FILE_BYTES + 1)
    except OSError as error:
        raise _refuse(folder, name, f"cannot be read ({error.strerror})") from None
    if len(data) > MAX_TEMPLATE_FILE_BYTES:
        raise _refuse(folder, name, f"is larger than {MAX_TEMPLATE_FILE_BYTES // 2**20} MiB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _refuse(folder, name, "is not UTF-8 text") from None
    # As Python's text mode reads it (Jinja's own loader did), so output does not change.
    return text.replace("\r\n", "\n").replace("\r", "\n"), path, info.st_mtime


def contained_folder(base: Path, relative: str) -> Path | None:
    """The folder `relative` inside `base` (a profile's `template:` beside the profile),
    or None when there is none; raises TemplateRefused for an absolute path, a path that
    leaves `base`, or a symbolic link on the way."""
    pieces = relative.replace("\\", "/").split("/")
    if Path(relative).is_absolute() or "\0" in relative or ".." in pieces:
        raise TemplateRefused(
            f"The journal profile in {base} names the template {relative!r}, which lies "
            "outside the profile's folder. Put the template folder beside the profile and "
            "name it relative to it, or give it with --template."
        )
    current = base
    for piece in (p for p in pieces if p not in ("", ".")):
        current = current / piece
        try:
            info = os.lstat(current)
        except OSError:
            return None
        if stat.S_ISLNK(info.st_mode):
            raise _refuse(base, relative, "is, or passes through, a symbolic link")
    return current if current.is_dir() else None
