"""Work carekit repeats identically on every run, kept between runs in the user's cache
folder (~/.cache/carekit, or $XDG_CACHE_HOME/carekit).

A check in a pre-commit hook is a fresh process each time, and compiling carekit's own
regular expressions and parsing its own checklists cost more than checking the draft.
What is kept is derived only from carekit's code and bundled files, never from a draft.

A cache file is data carekit trusts, so it is read only from a folder of the user's own
(not a link, not anyone else's) and only when the file is a regular file owned by the
user that nobody else can write; it is never followed through a link. Anything else, or
a file that does not decode, is ignored: the work is simply done again. Set
CAREKIT_NO_CACHE=1 to neither read nor write.
"""

from __future__ import annotations

import marshal
import os
import stat
import sys
from pathlib import Path

from carekit import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_BYTES = 8 * 1024 * 1024  # far above what carekit's own patterns and data need
# What is cached depends on the Python (bytecode of regular expressions, marshal format)
# and on carekit's version; each pair has its own files.
TAG = f"{sys.implementation.cache_tag}-carekit-{__version__}"


def folder() -> Path | None:
    """carekit's cache folder, made if needed; None when caching is off or unsafe."""
    if os.environ.get("CAREKIT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "carekit"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(path)
    except OSError:
        return None  # a read-only home: work every time
    if not stat.S_ISDIR(info.st_mode) or not _ours(info) or info.st_mode & 0o022:
        return None
    return path


def _ours(info: os.stat_result) -> bool:
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def load(name: str) -> Any:
    """The value stored under `name` for this Python and carekit, or None."""
    where = folder()
    if where is None:
        return None
    try:
        descriptor = os.open(
            where / f"{name}-{TAG}.marshal", os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
        )
    except OSError:
        return None  # missing, or a link (O_NOFOLLOW)
    try:
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if (
                not stat.S_ISREG(info.st_mode)
                or not _ours(info)
                or info.st_mode & 0o077
                or info.st_size > MAX_BYTES
            ):
                return None
            return marshal.loads(handle.read(MAX_BYTES + 1))
    except (OSError, ValueError, EOFError, TypeError):
        return None


def store(name: str, value: Any) -> None:
    """Keep `value` (plain data: marshal's types) under `name`; quietly does nothing when
    the folder is unusable. Written to a new file then renamed, so a reader running at
    the same time sees the old file or the new one, never half of one."""
    where = folder()
    if where is None:
        return
    try:
        data = marshal.dumps(value)
    except ValueError:
        return
    if len(data) > MAX_BYTES:
        return
    import contextlib
    import tempfile  # only when writing: they cost imports on every run

    try:
        descriptor, temporary = tempfile.mkstemp(dir=where, prefix=f".{name}-")  # mode 0600
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, where / f"{name}-{TAG}.marshal")
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
