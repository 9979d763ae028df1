"""NamedTuple for carekit's records, written and typed exactly as typing.NamedTuple:

    from carekit.tuples import NamedTuple

    class Span(NamedTuple):
        line: int
        column: int = 1

Type checkers see typing.NamedTuple itself. At run time the class is built by
collections.namedtuple from the annotated field names, without typing's check of each
field's type: under `from __future__ import annotations` that check compiles every
annotation string, which cost `carekit check` (a pre-commit hook) about 4% of its time
for the ~30 records it imports. The fields' types are never enforced at run time by
either.
"""

from __future__ import annotations

from collections import namedtuple

# What typing.NamedTuple forbids a class body to define, and keeps from the tuple class.
_PROHIBITED = frozenset(
    {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults"}
    | {"_make", "_replace", "_asdict", "_source"}
)
_KEPT = frozenset({"__module__", "__annotations__", "__qualname__"})


class _NamedTupleMeta(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        annotations = namespace.get("__annotations__", {})
        fields = tuple(annotations)
        defaults = [namespace[field] for field in fields if field in namespace]
        if any(field not in namespace for field in fields[len(fields) - len(defaults) :]):
            raise TypeError(f"{name}: a field without a default follows one with a default")
        made = namedtuple(name, fields, defaults=defaults, module=namespace["__module__"])
        made.__qualname__ = namespace.get("__qualname__", name)
        made.__annotations__ = dict(annotations)
        for key, value in namespace.items():
            if key in _PROHIBITED:
                raise AttributeError(f"{name}: cannot overwrite NamedTuple attribute {key}")
            if key not in _KEPT and key not in fields:
                setattr(made, key, value)
        return made


TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NamedTuple
else:
    NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {"__module__": __name__})
