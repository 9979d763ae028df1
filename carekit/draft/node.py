"""The machinery of the typed draft (typed.py): a record class registers its values from
its annotations, and `build` turns the validated mapping into records, recursively, each
with the spans its values were written at."""

from __future__ import annotations

from carekit.span import START, Span

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar

Path = tuple[str | int, ...]


class _Derived:
    """The default of an attribute `derive` computes: not given when building a record."""

    def __init__(self, default: Any = None) -> None:
        self.default = default


def derived(default: Any = None) -> Any:
    return _Derived(default)


def record(cls: type) -> type:
    """Register a record's values from its annotations, in the order written.

    A light stand-in for @dataclass: `carekit check` builds these classes on every run,
    and dataclass's code generation cost ~15 ms for the 25 records (a third of a check).
    A value defaults to its class attribute, an empty record or list for a nested one,
    else None; `derived(...)` marks what `derive` computes.
    """
    names, computed = [], {}
    for name, kind in vars(cls).get("__annotations__", {}).items():
        default = vars(cls).get(name)
        if "ClassVar" in str(kind):
            continue
        if isinstance(default, _Derived):
            computed[name] = default.default
            setattr(cls, name, default.default)
        else:
            names.append(name)
    cls.FIELDS = tuple(names)
    cls.DERIVED = computed
    return cls


class Node:
    """What every typed record has: where it is, whether it was written, its spans, the
    validated mapping it was built from (`raw`), and its own values (`FIELDS`)."""

    NESTED: ClassVar[dict[str, Any]] = {}  # field -> record class, or [class] for a list
    FIELDS: ClassVar[tuple[str, ...]] = ()
    DERIVED: ClassVar[dict[str, Any]] = {}

    def __init__(
        self,
        *,
        path: Path = (),
        span: Span = START,
        written: bool = False,
        spans: dict[str, Span] | None = None,
        raw: dict | None = None,
        **values: Any,
    ) -> None:
        self.path, self.span, self.written = path, span, written
        self.spans = {} if spans is None else spans
        self.raw = {} if raw is None else raw
        for name in self.FIELDS:
            if name in values:
                value = values.pop(name)
            else:
                nested = self.NESTED.get(name)
                value = (
                    []
                    if isinstance(nested, list)
                    else nested()
                    if nested is not None
                    else getattr(type(self), name, None)
                )
            setattr(self, name, value)
        for name, default in self.DERIVED.items():
            setattr(self, name, default)
        if values:
            raise TypeError(f"{type(self).__name__} has no value {', '.join(sorted(values))}")

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"{type(self).__name__}({shown})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            getattr(self, name) == getattr(other, name) for name in self.FIELDS
        )

    __hash__ = None  # mutable, like the dataclasses these were

    def span_of(self, name: str) -> Span:
        """Where the value of `name` is written; the record's own span when it is not."""
        return self.spans.get(name, self.span)

    def derive(self) -> None:
        """Compute the record's derived facts; called once, after building."""


def build(cls: type[Node], data: Any, path: Path, spans: dict[Path, Span]) -> Any:
    """Turn the validated mapping at `path` into `cls`, recursively."""
    raw = data if isinstance(data, dict) else {}
    values: dict[str, Any] = {}
    for name in cls.FIELDS:
        value = raw.get(name)
        nested = cls.NESTED.get(name)
        if isinstance(nested, list):
            value = [
                build(nested[0], item, (*path, name, i), spans)
                for i, item in enumerate(value or [])
            ]
        elif nested is not None:
            value = build(nested, value, (*path, name), spans)
        values[name] = value
    own = {name: spans[(*path, name)] for name in raw if (*path, name) in spans}
    node = cls(
        path=path,
        span=spans.get(path, START),
        written=isinstance(data, dict),
        spans=own,
        raw=raw,
        **values,
    )
    node.derive()
    return node
