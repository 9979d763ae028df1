"""The draft format's vocabulary, part 1: the base kind, the validation context and the
scalar kinds (text, numbers, yes/no, choices, patterns). Import them from schema.py.

The same description validates a parsed YAML node tree (with line and column for every
problem), produces the plain Python data the rules read, exports JSON Schema for editors,
and prints the README's reference table. Each kind converts one YAML node; a problem
becomes a schema finding and the value is dropped, so rules only ever see well-typed data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from carekit.findings import Finding, Severity
from carekit.io.yamllib import MappingNode, Node, ScalarNode, SequenceNode
from carekit.span import Span

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Path = tuple[str | int, ...]

INVALID = object()  # a value that failed validation and is left out of the data

_BOOL_WORDS = {"true": True, "yes": True, "false": False, "no": False}
_INT_RE = re.compile(r"^[-+]?[0-9_]+$")
_FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")

# Longer numbers are typing accidents or attacks (Python refuses to read 4,300+ digits).
MAX_DIGITS = 15


def _digits(raw: str) -> int:
    return len(raw.lstrip("+-"))


def _short(raw: str) -> str:
    return raw if len(raw) <= 24 else f"{raw[:12]}...{raw[-6:]} ({len(raw)} characters)"


# Aliases can make a small file describe an enormous tree ("billion laughs");
# validation stops after this many nodes.
NODE_BUDGET = 200_000


def span_of(node: Node) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def path_text(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def node_kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, SequenceNode):
        return "a list"
    return "text" if node.tag.endswith(":str") else f"the value {node.value!r}"


class BudgetExceeded(Exception):
    pass


class Context:
    """What validation collects while it walks the tree."""

    def __init__(self, budget: int = NODE_BUDGET) -> None:
        self.findings: list[Finding] = []
        self.spans: dict[Path, Span] = {}
        self.key_spans: dict[Path, Span] = {}
        self.texts: list[tuple[Path, str]] = []
        self.budget = budget

    def problem(self, rule: str, node: Node, item: str | None, message: str, fix: str) -> None:
        self.findings.append(Finding(rule, item, Severity.ERROR, message, fix, span_of(node)))


class Kind:
    """One type of value in the draft."""

    label = "value"

    def __init__(
        self, description: str = "", *, care: str | None = None, example: str | None = None
    ) -> None:
        self.description = description
        self.care = care  # stable key of the CARE item this part of the draft serves
        self.example = example  # how the value is written, shown in fixes

    # -- validation -------------------------------------------------------------
    def validate(self, node: Node, path: Path, ctx: Context, item: str | None) -> Any:
        ctx.budget -= 1
        if ctx.budget < 0:
            raise BudgetExceeded
        item = self.care or item
        ctx.spans[path] = span_of(node)
        if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
            return None
        return self.convert(node, path, ctx, item)

    def convert(self, node: Node, path: Path, ctx: Context, item: str | None) -> Any:
        raise NotImplementedError

    def wrong_type(self, node: Node, path: Path, ctx: Context, item: str | None) -> object:
        ctx.problem(
            "schema-type",
            node,
            item,
            f"`{path_text(path)}` should be {self.label}, but it is {node_kind(node)}.",
            self.hint(),
        )
        return INVALID

    def hint(self) -> str:
        if self.example:
            return f"Write it like: {self.example}"
        return f"Write {self.label} here."

    # -- documentation ----------------------------------------------------------
    def json_schema(self) -> dict:
        raise NotImplementedError

    def with_description(self, schema: dict) -> dict:
        """Add the description, and allow null: an empty key means "not written yet"."""
        if isinstance(schema.get("type"), str):
            schema["type"] = [schema["type"], "null"]
        elif isinstance(schema.get("type"), list):
            schema["type"] = [*schema["type"], "null"]
        elif "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
        elif "anyOf" in schema:
            schema["anyOf"] = [*schema["anyOf"], {"type": "null"}]
        if self.description:
            schema["description"] = self.description
        return schema

    def children(self) -> Iterator[tuple[str, Kind]]:
        """(suffix, kind) pairs of the keys below this one, for the reference table."""
        return iter(())


def _scalar_text(node: ScalarNode) -> str:
    return str(node.value)


class Text(Kind):
    """Free text; `markdown=True` marks prose fields that render as Markdown."""

    def __init__(self, description: str = "", *, markdown: bool = False, **kw: Any) -> None:
        super().__init__(description, **kw)
        self.markdown = markdown
        self.label = "Markdown text" if markdown else "text"

    def convert(self, node: Node, path: Path, ctx: Context, item: str | None) -> Any:
        if not isinstance(node, ScalarNode):
            return self.wrong_type(node, path, ctx, item)
        text = _scalar_text(node)
        ctx.texts.append((path, text))
        return text

    def hint(self) -> str:
        if self.markdown:
            return (
                "Write the text after the key; for several paragraphs use `key: |` and indent them."
            )
        return "Write the text after the key; put quotes around it if it contains ': '."

    def json_schema(self) -> dict:
        # YAML reads `volume: 16` as a number; carekit takes any scalar as text.
        return self.with_description({"type": ["string", "number"]})


class Number(Kind):
    def __init__(self, description: str = "", *, integer: bool = False, **kw: Any) -> None:
        super().__init__(description, **kw)
        self.integer = integer
        self.label = "a whole number" if integer else "a number"

    def convert(self, node: Node, path: Path, ctx: Context, item: str | None) -> Any:
        if isinstance(node, ScalarNode) and not node.tag.endswith(":bool"):
            raw = str(node.value).strip().replace("_", "")
            if _INT_RE.match(raw) or (not self.integer and _FLOAT_RE.match(raw)):
                value = int(raw) if _INT_RE.match(raw) and _digits(raw) <= MAX_DIGITS else None
                if value is None and not self.integer:
                    value = float(raw)  # 1e999 and 400 digits become inf, refused below
                if value is not None and abs(value) < 10**MAX_DIGITS:
                    return value
                ctx.problem(
                    "schema-value",
                    node,
                    item,
                    f"`{path_text(path)}` is {_short(raw)}, a number far larger than any "
                    "value in a case report.",
                    "Check the number; write it with its ordinary digits, e.g. 9 or 2.5.",
                )
                return INVALID
        return self.wrong_type(node, path, ctx, item)

    def hint(self) -> str:
        return "Write digits only, e.g. 9 or 2.5; put the unit in its own key."

    def json_schema(self) -> dict:
        return self.with_description({"type": "integer" if self.integer else "number"})


class Boolean(Kind):
    label = "yes or no"

    def convert(self, node: Node, path: Path, ctx: Context, item: str | None) -> Any:
        if isinstance(node, ScalarNode):
            word = str(node.value).strip().lower()
            if word in _BOOL_WORDS:
                return _BOOL_WORDS[word]
        return self.wrong_type(node, path, ctx, item)

    def hint(self) -> str:
        return "Write yes or no."

    def json_schema(self) -> dict:
        words = [w for word in _BOOL_WORDS for w in (word, word.title())]
        return self.with_description({"anyOf": [{"type": "boolean"}, {"enum": words}]})


class Choice(Kind):
    def __init__(self, values: tuple[str, ...], description: str = "", **kw: Any) -> None:
        super().__init__(description, **kw)
        self.values = values
        self.label = "one of: " + ", ".join(values)

    def convert(self, node: Node, path: Path, ctx: Context, item: str | None) -> Any:
        if not isinstance(node, ScalarNode):
            return self.wrong_type(node, path, ctx, item)
        word = str(node.value).strip().lower()
        if word in self.values:
            return word
        import difflib  # only for a suggestion: not on every check

        close = difflib.get_close_matches(word, self.values, n=1, cutoff=0.6)
        suggestion = f"Did you mean `{close[0]}`? " if close else ""
        ctx.problem(
            "schema-value",
            node,
            item,
            f"`{path_text(path)}` is {node.value!r}, which carekit does not know.",
            f"{suggestion}Use {self.label}.",
        )
        return INVALID

    def json_schema(self) -> dict:
        # carekit ignores case; list the spellings editors should accept.
        spellings = dict.fromkeys(
            v for value in self.values for v in (value, value.upper(), value.capitalize())
        )
        return self.with_description({"enum": list(spellings)})


class Pattern(Kind):
    """Text that must match a pattern (dates, ORCID, DOI)."""

    def __init__(
        self, regex: str, label: str, example: str, description: str = "", **kw: Any
    ) -> None:
        super().__init__(description, example=example, **kw)
        self.regex = re.compile(regex)
        self.label = label

    def convert(self, node: Node, path: Path, ctx: Context, item: str | None) -> Any:
        if not isinstance(node, ScalarNode):
            return self.wrong_type(node, path, ctx, item)
        text = _scalar_text(node).strip()
        if self.regex.fullmatch(text):
            return text
        ctx.problem(
            "schema-value",
            node,
            item,
            f"`{path_text(path)}` is {text!r}, which is not {self.label}.",
            f"Write it like {self.example}.",
        )
        return INVALID

    def json_schema(self) -> dict:
        return self.with_description(
            {"type": ["string", "integer"], "pattern": f"^(?:{self.regex.pattern})$"}
        )
