"""Read YAML files other than drafts (checklists, journal profiles, `.carekit.yaml`,
templates' data) as plain values, through the guarded parser in carekit.io.yamlguard.

ruamel.yaml's constructor is pure Python and costs ~10 ms on the checklist; composing the
node tree with the C parser and converting it here takes a fraction of that, which
matters for `carekit check` in a pre-commit hook; carekit's own files (checklists/) are
parsed once and kept in the cache folder (carekit.io.cache). Plain values only: mappings, lists,
text, whole numbers, yes/no and null.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from carekit.errors import CarekitError
from carekit.io.yamlguard import MAX_BYTES, Refused, compose
from carekit.io.yamllib import (
    MappingNode,
    MarkedYAMLError,
    Node,
    ScalarNode,
    SequenceNode,
    YAMLError,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_DIGITS = 30  # no count or year carekit reads is longer; Python refuses 4,300+ digits


def load_data(path: Path, what: str = "file") -> Any:
    """The plain data in the YAML file `path`; a file that cannot be read or is refused
    raises CarekitError naming it as `what` (e.g. "journal profile")."""
    return kept(
        path, "plain", _READER, lambda: parse(read_text(path, what), f"The {what} {path}")[1]
    )


def read_text(path: Path, what: str) -> str:
    """The text of a data file, within the size limit; CarekitError naming it otherwise."""
    where = f"The {what} {path}"
    try:
        if path.stat().st_size > MAX_BYTES:
            raise Refused(f"is larger than {MAX_BYTES // 1024 // 1024} MiB", "")
        return path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise CarekitError(f"{where} cannot be read: {error.strerror or error}.") from None
    except UnicodeDecodeError:
        raise CarekitError(f"{where} is not UTF-8 text; save it as UTF-8.") from None
    except Refused as refused:
        raise CarekitError(f"{where} {refused.reason}.") from None


def parse(text: str, where: str) -> tuple[Node | None, Any]:
    """The node tree of a data file's text (for validation with positions) and its plain
    data, through the guarded parser; CarekitError starting with `where` otherwise."""
    try:
        return _parsed(text)
    except Refused as refused:
        raise CarekitError(f"{where} {refused.reason}. {refused.fix}") from None
    except YAMLError as error:
        raise CarekitError(f"{where} is not valid YAML: {_problem(error)}") from None


@lru_cache(maxsize=8)
def _parsed(text: str) -> tuple[Node | None, Any]:
    # Cached by text: the checklist is read for the draft format's item map and again for
    # the check; the nodes are never changed by their readers.
    node = compose(text)
    return node, None if node is None else _plain(node)


def kept(path: Path, how: str, reader: int, compute: Callable[[], Any]) -> Any:
    """`compute()`, the data read from the file at `path` in the way `how`; for carekit's
    own data files it is kept between runs, and used again while the file (its size,
    modification time and inode) and `reader` (a stamp of the code that reads it) are
    unchanged, so the file is not even read. Errors are not kept."""
    if not _bundled_folder(path):
        return compute()
    try:
        info = path.stat()
    except OSError:
        return compute()  # which says what is wrong with the file
    stamp = (reader, info.st_mtime_ns, info.st_size, info.st_ino)
    cached = _cached(path, how, stamp)
    if cached is not None:
        return marshal.loads(cached)
    data = compute()
    _keep(path, how, stamp, data)
    return data


# carekit's own data files (checklists, journal profiles, word lists), read in earlier
# runs: {"how:path": (stamp, marshalled data)}; a file that changed, or is read by a
# changed reader (the code that reads it, in a checkout), is read again.
_BUNDLED: dict[str, tuple[tuple[int, ...], bytes]] | None = None
_READER = Path(__file__).stat().st_mtime_ns
_CACHE_NAME = "data"


def _bundled_folder(path: Path) -> bool:
    from carekit.resources import data_dir

    try:
        return path.resolve().is_relative_to(data_dir("checklists"))
    except (OSError, FileNotFoundError):
        return False


def _cached(path: Path, how: str, stamp: tuple[int, ...]) -> bytes | None:
    global _BUNDLED
    if _BUNDLED is None:
        from carekit.io import cache

        stored = cache.load(_CACHE_NAME)
        _BUNDLED = stored if isinstance(stored, dict) else {}
    entry = _BUNDLED.get(f"{how}:{path.resolve()}")
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == stamp:
        return entry[1]
    return None


def _keep(path: Path, how: str, stamp: tuple[int, ...], data: Any) -> None:
    if _BUNDLED is None:
        return
    from carekit.io import cache

    try:
        _BUNDLED[f"{how}:{path.resolve()}"] = (stamp, marshal.dumps(data))
    except ValueError:  # not plain data: nothing to keep
        return
    # Only this installation's files: entries of other checkouts would be read on every
    # run and never used.
    from carekit.resources import data_dir

    ours = data_dir("checklists").resolve()
    for key in [k for k in _BUNDLED if not Path(k.partition(":")[2]).is_relative_to(ours)]:
        del _BUNDLED[key]
    cache.store(_CACHE_NAME, _BUNDLED)


def _problem(error: YAMLError) -> str:
    if isinstance(error, MarkedYAMLError):
        problem = " ".join(part for part in (error.context, error.problem) if part)
        mark = error.problem_mark or error.context_mark
        return f"{problem} (line {mark.line + 1})" if mark else problem
    return str(error).splitlines()[0]


def _plain(node: Node) -> Any:
    if isinstance(node, MappingNode):
        out = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                raise Refused(
                    f"has a key that is not plain text (line {key.start_mark.line + 1})",
                    "Write keys as plain words followed by a colon.",
                )
            out[str(key.value)] = _plain(value)
        return out
    if isinstance(node, SequenceNode):
        return [_plain(item) for item in node.value]
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return None
    if tag == "int":
        return _integer(node)
    if tag == "bool":
        return node.value.lower() in ("true", "yes", "on")
    return node.value


def _integer(node: ScalarNode) -> int | str:
    text = str(node.value).replace("_", "")
    if len(text.lstrip("+-")) > MAX_DIGITS:
        raise Refused(
            f"has a number of {len(text)} digits at line {node.start_mark.line + 1}",
            "Shorten the number, or put it in quotes if it is text.",
        )
    for base in (10, 0):  # plain digits, then YAML's 0x1F and 0o17
        try:
            return int(text, base)
        except ValueError:
            pass
    return node.value
