"""NamedTuple for carekit's records, written and typed exactly as typing.NamedTuple:

    from carekit.tuples import NamedTuple

    class Span(NamedTuple):
        line: int
        column: int = 1

Type checkers see typing.NamedTuple itself. At run time the class is the tuple class
collections.namedtuple makes (fields, defaults, `_make`, `_replace`, `_asdict`, repr,
pickling), built here in one step from the annotated field names. typing.NamedTuple
checks each field's type, which under `from __future__ import annotations` compiles
every annotation string (4% of a `carekit check`, a pre-commit hook, for the ~30 records
it imports), and collections.namedtuple compiles a `__new__` for each class and makes
its methods anew (another 2%). The fields' types are never enforced at run time by
either.
"""

from __future__ import annotations

from functools import cache
from operator import itemgetter
from types import CodeType, FunctionType

try:  # the C accessor collections.namedtuple uses for its fields
    from _collections import _tuplegetter
except ImportError:  # another Python: what collections.namedtuple falls back to

    def _tuplegetter(index: int, doc: str) -> property:
        return property(itemgetter(index), doc=doc)


# What typing.NamedTuple forbids a class body to define, and keeps from the tuple class.
_PROHIBITED = frozenset(
    {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults"}
    | {"_make", "_replace", "_asdict", "_source"}
)
_tuple_new = tuple.__new__


class _NamedTupleMeta(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        annotations = namespace.get("__annotations__", {})
        fields = tuple(annotations)
        if any(field.startswith("_") for field in fields):
            raise ValueError(f"{name}: field names cannot start with an underscore")
        defaults = {field: namespace[field] for field in fields if field in namespace}
        if any(field not in defaults for field in fields[len(fields) - len(defaults) :]):
            raise TypeError(f"{name}: a field without a default follows one with a default")
        made = {
            "__slots__": (),
            "__doc__": f"{name}({', '.join(fields)})",
            "_fields": fields,
            "_field_defaults": defaults,
            "__match_args__": fields,
            "__new__": _new(name, fields, tuple(defaults.values())),
            "_make": classmethod(_make),
            "_replace": _replace,
            "__repr__": _repr,
            "_asdict": _asdict,
            "__getnewargs__": _getnewargs,
        }
        for index, field in enumerate(fields):
            made[field] = _tuplegetter(index, f"Alias for field number {index}")
        # Then the class body, as typing sets it on the tuple class: its own methods, its
        # docstring, __module__ and __qualname__ (a field's default is not an attribute).
        for key, value in namespace.items():
            if key in _PROHIBITED:
                raise AttributeError(f"{name}: cannot overwrite NamedTuple attribute {key}")
            if key not in fields:
                made[key] = value
        made["__annotations__"] = dict(annotations)
        return type(name, (tuple,), made)


_NEW_GLOBALS = {"_tuple_new": _tuple_new, "__builtins__": {}}


@cache
def _new_code(count: int) -> CodeType:
    """The code of collections.namedtuple's `__new__` for `count` fields, with stand-in
    names: it compiles one for every class; here one per number of fields is compiled
    and given each class's field names (carekit's ~30 records have eight sizes)."""
    names = [f"_{index}" for index in range(count)]
    parameters = ", ".join(["_cls", *names])
    values = "".join(f"{name}, " for name in names)  # () or (_0, ) or (_0, _1, )
    return eval(f"lambda {parameters}: _tuple_new(_cls, ({values}))", _NEW_GLOBALS).__code__


def _new(name: str, fields: tuple[str, ...], defaults: tuple[Any, ...]) -> FunctionType:
    """`__new__(cls, <fields>)`, with the defaults of the last fields, as namedtuple's."""
    code = _new_code(len(fields)).replace(co_varnames=("_cls", *fields), co_name="__new__")
    new = FunctionType(code, _NEW_GLOBALS, "__new__", defaults or None)
    new.__qualname__ = f"{name}.__new__"
    return new


# The methods collections.namedtuple gives each class, shared here by all (it makes them
# anew for every class).
def _make(cls: Any, iterable: Any) -> Any:
    result = _tuple_new(cls, iterable)
    if len(result) != len(cls._fields):
        raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(result)}")
    return result


def _replace(self: Any, /, **changes: Any) -> Any:
    result = self._make(map(changes.pop, self._fields, self))
    if changes:
        raise ValueError(f"Got unexpected field names: {list(changes)!r}")
    return result


def _repr(self: Any) -> str:
    pairs = ", ".join(f"{field}={value!r}" for field, value in zip(self._fields, self, strict=True))
    return f"{type(self).__name__}({pairs})"


def _asdict(self: Any) -> dict[str, Any]:
    return dict(zip(self._fields, self, strict=True))


def _getnewargs(self: Any) -> tuple[Any, ...]:
    return tuple(self)


TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NamedTuple
else:
    NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {"__module__": __name__})
