"""Where the system libraries WeasyPrint loads are, remembered between runs.

WeasyPrint finds Pango, HarfBuzz and fontconfig by trying about twenty names through
`ctypes.util.find_library`, which on Linux starts `ldconfig`, then `gcc` and `ld`, for
each name: the fifteen names that do not exist cost ~140 ms on every PDF. The answers
depend only on the system's libraries, so they are kept in carekit's cache
(carekit.io.cache), keyed by the dynamic linker's cache file and the variables that
change the search; a new library, an `ldconfig` run or another LD_LIBRARY_PATH asks
again. Nothing here comes from a draft.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_NAME = "libraries"
_LINKER_CACHE = "/etc/ld.so.cache"


def _state() -> tuple | None:
    """What the answers depend on; None where carekit does not remember them."""
    if not sys.platform.startswith("linux"):
        return None  # elsewhere find_library is cheap, and searched differently
    try:
        info = os.stat(_LINKER_CACHE)
    except OSError:
        return None
    variables = tuple(os.environ.get(name) for name in ("LD_LIBRARY_PATH", "LIBRARY_PATH"))
    return (info.st_mtime_ns, info.st_size, info.st_ino, *variables)


def _stored(state: tuple) -> dict[str, str | None]:
    from carekit.io import cache

    stored = cache.load(_NAME)
    if not isinstance(stored, dict) or stored.get("state") != state:
        return {}
    found = stored.get("found")
    if not isinstance(found, dict):
        return {}
    return {
        name: path
        for name, path in found.items()
        if isinstance(name, str) and (path is None or isinstance(path, str))
    }


def import_weasyprint() -> None:
    """Import WeasyPrint with the remembered answers; if it cannot load its libraries
    with them (a library moved since), once more asking the system (OSError if even
    that fails: the libraries are missing)."""
    if "weasyprint.text.ffi" in sys.modules:
        return
    try:
        with remembered():
            import weasyprint  # noqa: F401
    except OSError:
        _keep({})
        import weasyprint  # noqa: F401


@contextmanager
def remembered() -> Iterator[None]:
    """Inside this block `ctypes.util.find_library` answers from the cache where it can
    (and keeps new answers); outside it, the standard function is back."""
    import ctypes.util

    state = _state()
    if state is None:
        yield
        return
    found = _stored(state)
    known = len(found)
    original = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        if name not in found:
            found[name] = original(name)
        return found[name]

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original
    if len(found) > known:
        _keep({"state": state, "found": found})


def _keep(value: dict) -> None:
    from carekit.io import cache

    cache.store(_NAME, value)
