"""A small vocabulary for describing the draft format once.

The same description validates a parsed YAML node tree (with line and column for every
problem), produces the plain Python data the rules read, exports JSON Schema for editors,
and prints the README's reference table. Each kind converts one YAML node; a problem
becomes a schema finding and the value is dropped, so rules only ever see well-typed data.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from carekit.findings import Finding, Severity
from carekit.span import Span

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


class ListOf(Kind):
    def __init__(self, item_kind: Kind, description: str = "", **kw: Any) -> None:
        super().__init__(description, **kw)
        self.item_kind = item_kind
        self.label = f"a list of {_plural(item_kind)}"

    def convert(self, node: Node, path: Path, ctx: Context, item: str | None) -> Any:
        if not isinstance(node, SequenceNode):
            return self.wrong_type(node, path, ctx, item)
        out = []
        for index, child in enumerate(node.value):
            value = self.item_kind.validate(child, (*path, index), ctx, item)
            if value is not INVALID and value is not None:
                out.append(value)
        return out

    def hint(self) -> str:
        return "Write one entry per line, each starting with `- ` under the key."

    def json_schema(self) -> dict:
        return self.with_description({"type": "array", "items": self.item_kind.json_schema()})

    def children(self) -> Iterator[tuple[str, Kind]]:
        if isinstance(self.item_kind, (Record, OneOf)):
            yield from _prefixed("[]", self.item_kind.children())


def _plural(kind: Kind) -> str:
    if isinstance(kind, Record):
        return kind.plural
    return {"text": "texts", "Markdown text": "texts"}.get(kind.label, "values")


def _prefixed(prefix: str, pairs: Iterator[tuple[str, Kind]]) -> Iterator[tuple[str, Kind]]:
    for suffix, kind in pairs:
        yield prefix + suffix, kind


class Record(Kind):
    """A mapping with known keys."""

    def __init__(
        self,
        fields: dict[str, Kind],
        description: str = "",
        *,
        noun: str = "entry",
        plural: str | None = None,
        required: tuple[str, ...] = (),
        check: Callable[[dict], str | None] | None = None,
        **kw: Any,
    ) -> None:
        super().__init__(description, **kw)
        self.fields = fields
        self.noun = noun
        self.plural = plural or noun + "s"
        self.required = required
        self.check = check
        self.label = "a mapping with keys " + ", ".join(fields)

    def convert(self, node: Node, path: Path, ctx: Context, item: str | None) -> Any:
        if not isinstance(node, MappingNode):
            return self.wrong_type(node, path, ctx, item)
        out: dict[str, Any] = {}
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else None
            if key is None:
                ctx.problem(
                    "schema-type",
                    key_node,
                    item,
                    "A key here is not plain text.",
                    "Write keys as plain words followed by a colon.",
                )
                continue
            child_path = (*path, key)
            if key in seen:
                ctx.problem(
                    "yaml-duplicate-key",
                    key_node,
                    item,
                    f"`{path_text(child_path)}` appears twice; carekit cannot tell which one "
                    "you mean.",
                    "Keep one of them and delete the other.",
                )
                continue
            seen.add(key)
            kind = self.fields.get(key)
            if kind is None:
                self._unknown_key(key_node, key, path, ctx, item)
                continue
            ctx.key_spans[child_path] = span_of(key_node)
            value = kind.validate(value_node, child_path, ctx, item)
            if value is not INVALID:
                out[key] = value
        for key in self.required:
            if key not in seen:
                ctx.problem(
                    "schema-required",
                    node,
                    item,
                    f"This {self.noun} has no `{key}`.",
                    f"Add `{key}:` with {self.fields[key].label}.",
                )
                return INVALID
        if self.check is not None:
            message = self.check(out)
            if message:
                ctx.problem("schema-value", node, item, message, "Correct the entry as described.")
                return INVALID
        return out

    def _unknown_key(
        self, key_node: Node, key: str, path: Path, ctx: Context, item: str | None
    ) -> None:
        close = difflib.get_close_matches(key.lower(), self.fields, n=1, cutoff=0.6)
        where = f"in `{path_text(path)}`" if path else "at the top of the draft"
        fix = (
            f"Did you mean `{close[0]}`?" if close else "Known keys here: " + ", ".join(self.fields)
        )
        ctx.problem(
            "schema-unknown-key",
            key_node,
            item,
            f"`{key}` is not a key carekit knows {where}.",
            fix,
        )

    def json_schema(self) -> dict:
        schema: dict[str, Any] = {
            "type": "object",
            "properties": {key: kind.json_schema() for key, kind in self.fields.items()},
            "additionalProperties": False,
        }
        if self.required:
            schema["required"] = list(self.required)
        return self.with_description(schema)

    def children(self) -> Iterator[tuple[str, Kind]]:
        for key, kind in self.fields.items():
            yield "." + key, kind
            yield from _prefixed("." + key, kind.children())


class MapOf(Kind):
    """A mapping whose keys the author chooses (e.g. CARE item IDs)."""

    def __init__(self, key_label: str, value_kind: Kind, description: str = "", **kw: Any) -> None:
        super().__init__(description, **kw)
        self.key_label = key_label
        self.value_kind = value_kind
        self.label = f"a mapping of {key_label} to {value_kind.label}"

    def convert(self, node: Node, path: Path, ctx: Context, item: str | None) -> Any:
        if not isinstance(node, MappingNode):
            return self.wrong_type(node, path, ctx, item)
        out = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                ctx.problem(
                    "schema-type",
                    key_node,
                    item,
                    "A key here is not plain text.",
                    f"Write {self.key_label} as the key.",
                )
                continue
            key = str(key_node.value)
            ctx.key_spans[(*path, key)] = span_of(key_node)
            value = self.value_kind.validate(value_node, (*path, key), ctx, item)
            if value is not INVALID:
                out[key] = value
        return out

    def json_schema(self) -> dict:
        return self.with_description(
            {"type": "object", "additionalProperties": self.value_kind.json_schema()}
        )


class OneOf(Kind):
    """A value that may take one of several shapes (e.g. a number or a text)."""

    def __init__(self, *alternatives: Kind, label: str, description: str = "", **kw: Any) -> None:
        super().__init__(description, **kw)
        self.alternatives = alternatives
        self.label = label

    def convert(self, node: Node, path: Path, ctx: Context, item: str | None) -> Any:
        attempts = []
        for alternative in self.alternatives:
            trial = Context(budget=ctx.budget)
            value = alternative.convert(node, path, trial, item)
            if value is not INVALID and not trial.findings:
                _merge(ctx, trial)
                return value
            attempts.append((alternative, trial))
        # Report the attempt whose shape fits the node (its message is the precise one).
        for alternative, trial in attempts:
            if _shape_matches(alternative, node) and trial.findings:
                ctx.findings.append(trial.findings[0])
                return INVALID
        return self.wrong_type(node, path, ctx, item)

    def json_schema(self) -> dict:
        return self.with_description({"anyOf": [alt.json_schema() for alt in self.alternatives]})

    def children(self) -> Iterator[tuple[str, Kind]]:
        for alternative in self.alternatives:
            yield from alternative.children()


def _merge(ctx: Context, trial: Context) -> None:
    ctx.findings.extend(trial.findings)
    ctx.spans.update(trial.spans)
    ctx.key_spans.update(trial.key_spans)
    ctx.texts.extend(trial.texts)
    ctx.budget = trial.budget


def _shape_matches(kind: Kind, node: Node) -> bool:
    if isinstance(kind, (Record, MapOf)):
        return isinstance(node, MappingNode)
    if isinstance(kind, ListOf):
        return isinstance(node, SequenceNode)
    return isinstance(node, ScalarNode) and not isinstance(kind, Text)


class Custom(Kind):
    """A scalar parsed by a function that returns the value or raises ValueError(message)."""

    def __init__(
        self,
        parse: Callable[[str], Any],
        label: str,
        example: str,
        schema: dict,
        description: str = "",
        **kw: Any,
    ) -> None:
        super().__init__(description, example=example, **kw)
        self.parse = parse
        self.label = label
        self.schema = schema

    def convert(self, node: Node, path: Path, ctx: Context, item: str | None) -> Any:
        if not isinstance(node, ScalarNode):
            return self.wrong_type(node, path, ctx, item)
        try:
            return self.parse(_scalar_text(node))
        except ValueError as problem:
            ctx.problem(
                "schema-value",
                node,
                item,
                f"`{path_text(path)}`: {problem}",
                f"Write {self.label}, for example {self.example}.",
            )
            return INVALID

    def json_schema(self) -> dict:
        return self.with_description(dict(self.schema))
