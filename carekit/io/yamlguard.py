"""The one guarded way carekit parses YAML: drafts, `.carekit.yaml`, journal profiles,
checklists and templates' data files all come through `compose` here.

A stranger's file must not crash or stall the parser, so before parsing a linear pre-scan
bounds the size and the nesting depth in every form YAML nests (flow brackets, block
indentation, compact entries on one line such as `- - - x` or `? ? x`); the C parser
recurses per level and crashes with a segmentation fault on a few thousand. After
parsing, the node graph is measured once per distinct node (aliases share nodes), so the
entries, the text and the depth the file expands to through `*alias` are bounded too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from carekit.io.yamllib import MappingNode, Node, ScalarNode, SequenceNode, YAMLError
from carekit.tuples import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_BYTES = 5 * 1024 * 1024  # a case report is a few hundred lines; this is far above it
MAX_DEPTH = 100  # a draft nests a few levels; the C parser crashes on thousands
MAX_NODES = 200_000  # entries after expanding aliases ("billion laughs")
MAX_TEXT = 10 * 1024 * 1024  # characters after expanding aliases (one big text, aliased)
# Line breaks, commas, brackets and indicators: a draft has one every 15-20 characters,
# so 5 MiB of it stays under this; a file of bare entries (`- x` lines) does not.
MAX_MARKS = 500_000

# The line breaks of both of ruamel's parsers (YAML 1.1 counts NEL, LS and PS too).
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# libyaml skips byte-order marks at the start of any line, before the indentation.
_INDENT = re.compile(r"[ \t\ufeff]*")
# One step of a compact chain at the start of a line: a block indicator (`-`, `?`, `:`,
# or `---`) followed by a space, tab or the end of the line, or a node property
# (`&anchor`, `!tag`), which does not nest but may sit between indicators.
_STEP = re.compile(r"(?:---|[-?:]|[&!][^ \t]*)(?:[ \t]+|$)")
_BRACKET = re.compile(r"[\[\]{}]")


class Refused(Exception):
    """A YAML text carekit will not parse or expand; `reason` completes "The FILE ..."."""

    def __init__(self, reason: str, fix: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.fix = fix
        self.line = line


def block_column(text: str) -> tuple[int, int]:
    """The rightmost column at which a block collection can start, and its (1-based) line.

    libyaml keeps the block collections open on a stack of strictly increasing columns
    (a sequence may share its mapping's column), each the column of the token that
    opened it: the first one on a line after the indentation and any compact indicators
    (`- - x` opens collections at columns 0 and 2). So block nesting is at most twice
    this column plus two, wherever the lines sit (a quoted text or a bracket may run on
    to a line at column 0 while every level above it stays open); lines of text and
    comments only raise the estimate. Linear in the text.
    """
    deepest = deepest_line = 0
    for number, line in enumerate(_BREAK.split(text), 1):
        column = _INDENT.match(line).end()
        while step := _STEP.match(line, column):
            column = step.end()
        if column > deepest:
            deepest, deepest_line = column, number
    return deepest, deepest_line


def flow_depth(text: str, limit: int) -> tuple[int, int]:
    """The deepest nesting of brackets (`[`, `{`), counting brackets inside quoted text
    too, and the offset where it first passes `limit` (or -1); stops there."""
    depth = deepest = 0
    for match in _BRACKET.finditer(text):
        depth = max(depth + (1 if match[0] in "[{" else -1), 0)
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                return deepest, match.start()
    return deepest, -1


def prescan(text: str) -> None:
    """Refuse a text too large or too deeply nested to parse safely; cheap (linear)."""
    if len(text) > MAX_BYTES:
        raise Refused(
            f"is larger than {MAX_BYTES // 1024 // 1024} MiB",
            "Check that this is the right file.",
        )
    # Each entry after the first starts after a line break, a comma, a bracket or an
    # indicator; counting them (at C speed) bounds the entries before the parser, which
    # takes seconds per million, builds them.
    marks = sum(map(text.count, ("\n", "\r", ",", "[", "{", "- ", "? ", ": ")))
    if marks > MAX_MARKS:
        raise Refused(
            f"holds far more entries than a case report has (over {MAX_MARKS:,} lines, "
            "commas and list or key marks)",
            "Check that this is the right file, or split it.",
        )
    flow, offset = flow_depth(text, MAX_DEPTH)
    if offset >= 0:
        line = text.count("\n", 0, offset) + 1
        raise Refused(
            f"nests more than {MAX_DEPTH} levels deep (brackets `[` or `{{` inside each "
            f"other, line {line})",
            "Flatten the structure: is a bracket runaway?",
            line,
        )
    column, line = block_column(text)
    if column // 2 + flow > MAX_DEPTH:  # two columns a level, as drafts indent
        raise Refused(
            f"nests more than {MAX_DEPTH} levels deep (line {line}: indentation, or "
            "entries such as `- - -` or `? ? ?` inside each other)",
            "Flatten the structure: a case report needs a few levels.",
            line,
        )


class _Size(NamedTuple):
    nodes: int
    text: int
    depth: int


def measure(root: Node) -> _Size:
    """Entries, characters and depth the node graph expands to, counting each alias
    in full; each distinct node is visited once. Refuses a graph that contains itself."""
    done: dict[int, _Size] = {}
    open_: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            open_.discard(key)
            children = _children(node)
            sizes = [done[id(child)] for child in children]
            own = len(str(node.value)) if isinstance(node, ScalarNode) else 0
            done[key] = _Size(
                min(1 + sum(s.nodes for s in sizes), MAX_NODES + 1),
                min(own + sum(s.text for s in sizes), MAX_TEXT + 1),
                1 + max((s.depth for s in sizes), default=0),
            )
            _check(done[key], node)
            continue
        if key in done:
            continue
        if len(done) + len(open_) >= MAX_NODES:  # stop early: no need to walk them all
            _check(_Size(MAX_NODES + 1, 0, 0), node)
        if key in open_:
            raise Refused(
                "contains a YAML alias (`*name`) inside the entry its anchor (`&name`) "
                "marks, so it would never end",
                "Remove that alias.",
                node.start_mark.line + 1,
            )
        open_.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))
    return done[id(root)]


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _check(size: _Size, node: Node) -> None:
    line = node.start_mark.line + 1
    fix = "Remove the `&anchor` / `*alias` repetitions."
    if size.nodes > MAX_NODES:
        raise Refused(
            f"holds far more entries than a case report has (over {MAX_NODES:,}; "
            "are YAML aliases repeating each other?)",
            "Remove the `&anchor` / `*alias` repetitions, or split the file.",
            line,
        )
    if size.text > MAX_TEXT:
        raise Refused(
            f"expands to over {MAX_TEXT // 1024 // 1024} million characters of text "
            "(a YAML alias `*name` repeats a long text)",
            fix,
            line,
        )
    if size.depth > MAX_DEPTH:
        raise Refused(
            f"nests more than {MAX_DEPTH} levels deep once its YAML aliases are expanded",
            fix,
            line,
        )


@lru_cache(maxsize=1)
def _c_composer() -> type:
    """libyaml's parser (ruamel's C extension) with ruamel's resolver, as `YAML(typ="safe",
    pure=False).compose` puts them together, minus the YAML object's setup (which looks
    for plug-ins on disk every time) and the constructor, which composing never uses.

    The stock resolver works out its table of implicit tags again for every scalar,
    through attribute lookups that fail (half of the C parser's time on a draft); with
    the C parser the version is always YAML 1.2 (a `%YAML` directive does not change it),
    so one table serves the whole document and every tag comes out the same."""
    from _ruamel_yaml import CParser
    from ruamel.yaml.resolver import VersionedResolver

    class Composer(CParser, VersionedResolver):
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            VersionedResolver.__init__(self, loadumper=self)

        @property
        def versioned_resolver(self) -> Any:
            table = self.__dict__.get("_carekit_table")
            if table is None:
                table = self.__dict__["_carekit_table"] = super().versioned_resolver
            return table

    return Composer


def _parse(text: str) -> Node | None:
    try:
        return _c_composer()(text).get_single_node()
    except YAMLError:
        raise
    except Exception:  # the C extension can fail where the pure parser gives a clear message
        from ruamel.yaml import YAML

        return YAML(typ="safe", pure=True).compose(text)


def compose(text: str) -> Node | None:
    """Parse YAML text into a node tree with positions, within every bound above.

    Raises Refused (too large, deep or expansive) or YAMLError (a syntax error)."""
    prescan(text)
    try:
        node = _parse(text)
    except RecursionError:  # the pure parser, on what the pre-scan let through
        raise Refused(
            f"nests more than {MAX_DEPTH} levels deep",
            "Flatten the structure: a case report needs a few levels.",
        ) from None
    if node is not None and not _small_tree(node):
        measure(node)
    return node


def _small_tree(root: Node) -> bool:
    """True when the graph is a tree (no alias shares a node) within every bound: one
    quick walk, without measure's bookkeeping per node, which the common draft (no
    aliases) does not need. False sends it to measure, which says what is wrong."""
    seen: set[int] = set()
    nodes = text = 0
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen or depth > MAX_DEPTH:
            return False
        seen.add(id(node))
        nodes += 1
        if nodes > MAX_NODES:
            return False
        value = node.value
        if isinstance(node, MappingNode):
            stack.extend((part, depth + 1) for pair in value for part in pair)
        elif isinstance(node, SequenceNode):
            stack.extend((item, depth + 1) for item in value)
        else:
            text += len(str(value))
    return nodes <= MAX_NODES and text <= MAX_TEXT
