"""The draft format's vocabulary, part 2: kinds made of other kinds (lists, records,
maps, alternatives) and custom parsers. Import them from schema.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from carekit.draft.flowcomma import comma_splits, describe
from carekit.draft.kinds import (
    INVALID,
    Context,
    Kind,
    Path,
    Text,
    _scalar_text,
    path_text,
    span_of,
)
from carekit.io.yamllib import MappingNode, Node, ScalarNode, SequenceNode

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class ListOf(Kind):
    """A list; `cells=True` keeps empty and unusable entries as None, for a row whose
    positions mean something (serial lab values, one per time point)."""

    def __init__(
        self, item_kind: Kind, description: str = "", *, cells: bool = False, **kw: Any
    ) -> None:
        super().__init__(description, **kw)
        self.item_kind = item_kind
        self.cells = cells
        self.label = f"a list of {_plural(item_kind)}"

    def convert(self, node: Node, path: Path, ctx: Context, item: str | None) -> Any:
        if not isinstance(node, SequenceNode):
            return self.wrong_type(node, path, ctx, item)
        out = []
        for index, child in enumerate(node.value):
            value = self.item_kind.validate(child, (*path, index), ctx, item)
            if value is not INVALID and value is not None:
                out.append(value)
            elif self.cells:
                out.append(None)
        return out

    def hint(self) -> str:
        return "Write one entry per line, each starting with `- ` under the key."

    def json_schema(self) -> dict:
        return self.with_description({"type": "array", "items": self.item_kind.json_schema()})

    def children(self) -> Iterator[tuple[str, Kind]]:
        if isinstance(self.item_kind, (Record, OneOf)):
            yield from _prefixed("[]", self.item_kind.children())


def _report_splits(node: MappingNode, known: set[str], ctx: Context, item: str | None) -> set[int]:
    """Report each comma that split a value in a one-line mapping (flowcomma.py); return
    the indexes of the pairs it spoiled, which are left out."""
    spoiled: set[int] = set()
    for split in comma_splits(node):
        message, fix = describe(node, split, known)
        where = node.value[split.strays[0]][0]
        ctx.problem("yaml-flow-comma", where, item, message, fix)
        spoiled |= split.indexes()
    return spoiled


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
        split = _report_splits(node, set(self.fields), ctx, item)
        for index, (key_node, value_node) in enumerate(node.value):
            if index in split:
                if isinstance(key_node, ScalarNode):  # written, though its value is lost
                    seen.add(str(key_node.value))
                    ctx.key_spans[(*path, str(key_node.value))] = span_of(key_node)
                continue
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
        import difflib  # only for a suggestion: not on every check

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
        split = _report_splits(node, set(), ctx, item)
        for index, (key_node, value_node) in enumerate(node.value):
            if index in split:
                continue
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
