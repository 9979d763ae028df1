"""carekit's regular expressions, compiled once and kept between runs.

Python parses and compiles every pattern anew in each process: for `carekit check` that
is ~100 patterns and a fifth of its time. This keeps the compiled form (the code that
Python's `re` engine runs) of the patterns that carekit's modules compile, and that the
libraries it imports compile as they load, in the cache folder (carekit.io.cache); the
next run hands it back to the engine, which validates it. Patterns compiled elsewhere
at run time (e.g. `fnmatch` on a user's glob) are compiled as usual and not kept. Only
for CPython, whose `re` internals this relies on; anywhere else, or on any surprise,
patterns are compiled as usual.
"""

from __future__ import annotations

import re
import sys
from array import array
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Each pattern's code is kept as the bytes of 32-bit words: a file of Python lists of ints
# took 2 ms to unmarshal into ~90,000 objects per run, for a few patterns' worth of use.
_NAME = "regexcode"
# Per command: `check` compiles ~100 patterns; a render, through the libraries it imports,
# many more. One shared file filled up with those, and every check unmarshalled all
# 2000 entries (~3 ms) to use a twentieth of them.
_MAX_ENTRIES = 2000  # carekit has a few hundred patterns; keeps the file small
_GROUP_RE = re.compile(r"[a-z]{1,20}")
_name = _NAME
_PACKAGE = str(Path(__file__).resolve().parent.parent)
# Library code that compiles only its own constant patterns, on first use rather than at
# import: ruamel's resolver (its implicit tags: null, bool, int, float, timestamp).
_LIBRARY_CONSTANTS = ("ruamel/yaml/util.py",)
_entries: dict[tuple[Any, int], tuple] = {}
_added = False
_original: Any = None


def install(group: str = "") -> None:
    """Serve carekit's patterns from the cache from now on (once per process); `group`
    (a subcommand's name) keeps the patterns of one kind of run in a file of their own."""
    global _original, _name
    compiler = getattr(re, "_compiler", None)
    if (
        _original is not None
        or compiler is None
        or sys.implementation.name != "cpython"
        or array("I").itemsize != 4  # the engine's words are 32 bits
    ):
        return
    import _sre

    if not all(hasattr(compiler, name) for name in ("compile", "_code", "_parser", "isstring")):
        return
    from carekit.io import cache

    if _GROUP_RE.fullmatch(group):
        _name = f"{_NAME}-{group}"
    stored = cache.load(f"{_name}-{_sre.MAGIC}")
    if isinstance(stored, dict):
        _entries.update(stored)
    _original = compiler.compile
    compiler.compile = _compile


def save() -> None:
    """Keep the patterns compiled in this run, if any were new."""
    if _added:
        import _sre

        from carekit.io import cache

        cache.store(f"{_name}-{_sre.MAGIC}", _entries)


def _constant() -> bool:
    """Whether the pattern being compiled is a constant: compiled by one of carekit's
    modules, or by any module as it is imported (never, say, `fnmatch` on a user's glob)."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.endswith("re/__init__.py"):
        frame = frame.f_back
    return frame is not None and (
        frame.f_code.co_filename.startswith(_PACKAGE)
        or frame.f_code.co_name == "<module>"
        or frame.f_code.co_filename.endswith(_LIBRARY_CONSTANTS)
    )


def _compile(pattern: Any, flags: int = 0) -> re.Pattern:
    global _added
    import _sre

    if not isinstance(pattern, (str, bytes)) or flags & re.DEBUG:
        return _original(pattern, flags)
    key = (pattern, int(flags))
    stored = _entries.get(key)
    if stored is not None:
        try:
            flags_, words, *rest = stored
            return _sre.compile(pattern, flags_, array("I", words).tolist(), *rest)
        except Exception:  # a stale or damaged entry: compile as usual
            del _entries[key]
    if not _constant() or len(_entries) >= _MAX_ENTRIES:
        return _original(pattern, flags)
    # As re._compiler.compile does, keeping the arguments of the last step.
    compiler = re._compiler
    parsed = compiler._parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    arguments = (
        int(flags | parsed.state.flags),
        array("I", code).tobytes(),
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
    compiled = _sre.compile(pattern, arguments[0], list(map(int, code)), *arguments[2:])
    _entries[key] = arguments
    _added = True
    return compiled
