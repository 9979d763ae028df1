"""carekit.tuples.NamedTuple behaves as typing.NamedTuple for every use carekit makes of it."""

from __future__ import annotations

import builtins
import pickle
import typing

import pytest

from carekit.tuples import NamedTuple


def _pair(base: type) -> type:
    """The same class body on either base."""

    class Point(base):
        """A point."""

        x: int
        y: int = 0
        label: str | None = None

        def moved(self, by: int) -> Point:
            return self._replace(x=self.x + by)

        @classmethod
        def origin(cls) -> Point:
            return cls(0)

        @property
        def norm(self) -> int:
            return abs(self.x) + abs(self.y)

    return Point


Ours = _pair(NamedTuple)
Theirs = _pair(typing.NamedTuple)


def test_same_fields_defaults_and_behaviour_as_typing() -> None:
    assert Ours._fields == Theirs._fields == ("x", "y", "label")
    assert Ours._field_defaults == Theirs._field_defaults
    assert list(Ours.__annotations__) == list(Theirs.__annotations__)
    ours, theirs = Ours(3, -4), Theirs(3, -4)
    assert tuple(ours) == tuple(theirs) == (3, -4, None)
    assert repr(ours) == repr(theirs) == "Point(x=3, y=-4, label=None)"
    assert ours.moved(2) == Ours(5, -4) and ours.norm == theirs.norm == 7
    assert Ours.origin() == Ours(0, 0) and ours._asdict() == theirs._asdict()
    assert Ours.__doc__ == Theirs.__doc__ == "A point."
    assert Ours.__module__ == __name__ and Ours.__qualname__.endswith("Point")
    assert sorted([Ours(2), Ours(1, 5)]) == [Ours(1, 5), Ours(2)]
    assert hash(ours) == hash((3, -4, None)) and isinstance(ours, tuple)
    with pytest.raises(AttributeError):
        ours.x = 1  # immutable like any tuple


def test_pickles_as_a_module_level_class() -> None:
    from carekit.span import Span

    span = Span(3, 1, 4, 9)
    assert pickle.loads(pickle.dumps(span)) == span


def test_refuses_what_typing_refuses() -> None:
    with pytest.raises(TypeError, match="without a default follows"):

        class Bad(NamedTuple):
            a: int = 1
            b: int

    with pytest.raises(AttributeError, match="_replace"):

        class Clash(NamedTuple):
            a: int

            def _replace(self) -> None: ...


def test_annotations_are_not_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    """The point of the class: under `from __future__ import annotations` typing compiles
    each annotation string when the class is made; carekit's records skip that."""
    compiled: list[str] = []
    real = builtins.compile

    def counting(source, *args, **kwargs):  # noqa: ANN001, ANN202
        compiled.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(builtins, "compile", counting)

    class Record(NamedTuple):
        name: str
        when: tuple[int, ...] | None = None

    assert Record("a").when is None
    assert compiled == []
