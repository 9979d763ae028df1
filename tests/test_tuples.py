"""carekit.tuples.NamedTuple behaves as typing.NamedTuple for every use carekit makes of it."""

from __future__ import annotations

import builtins
import copy
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


def test_arguments_are_taken_and_refused_as_typing_does() -> None:
    for make in (Ours, Theirs):
        assert tuple(make(1, label="a")) == (1, 0, "a")
        assert tuple(make(x=1, y=2)) == (1, 2, None)
        assert tuple(make._make([1, 2, 3])) == (1, 2, 3)
        assert tuple(make(1)._replace(label="b")) == (1, 0, "b")
        assert make.__match_args__ == ("x", "y", "label")
        match make(4, 5):
            case make(x, y):
                assert (x, y) == (4, 5)
        for args, keywords in (
            ((), {}),  # x is required
            ((1, 2, 3, 4), {}),  # one too many
            ((1,), {"x": 2}),  # x twice
            ((1,), {"z": 2}),  # no such field
        ):
            with pytest.raises(TypeError):
                make(*args, **keywords)
        with pytest.raises(TypeError):
            make._make([1])
        with pytest.raises(ValueError, match="'z'"):
            make(1)._replace(z=2)
        point = make(1, 2, [3])
        assert copy.copy(point) == point and copy.deepcopy(point).label is not point.label


def test_a_body_may_give_its_own_repr() -> None:
    class Named(NamedTuple):
        name: str

        def __repr__(self) -> str:
            return f"<{self.name}>"

    assert repr(Named("a")) == "<a>"


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

    with pytest.raises(ValueError, match="underscore"):

        class Private(NamedTuple):
            _cls: int


def test_annotations_are_not_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    """The point of the class: under `from __future__ import annotations` typing compiles
    each annotation string when the class is made, and collections.namedtuple compiles a
    `__new__` for each class; carekit's records compile neither (one `__new__` per number
    of fields, shared by the classes with that many)."""
    compiled: list[str] = []
    real_compile, real_eval = builtins.compile, builtins.eval

    def counting(source, *args, **kwargs):  # noqa: ANN001, ANN202
        compiled.append(source)
        return real_compile(source, *args, **kwargs)

    def counting_eval(source, *args, **kwargs):  # noqa: ANN001, ANN202
        compiled.append(source)
        return real_eval(source, *args, **kwargs)

    monkeypatch.setattr(builtins, "compile", counting)
    monkeypatch.setattr(builtins, "eval", counting_eval)

    class Record(NamedTuple):
        name: str
        when: tuple[int, ...] | None = None
        seen_by: dict[str, list[int]] = {}

    class Other(NamedTuple):
        first: int
        second: int
        third: int

    assert Record("a").when is None and Record(name="b").name == "b"
    assert Other(1, 2, third=3) == (1, 2, 3)
    assert not any("tuple[int" in text or "dict[str" in text for text in compiled)
    assert len(compiled) <= 1  # the two classes share one __new__ (compiled once, if ever)


def test_a_record_without_fields() -> None:
    class Empty(NamedTuple):
        pass

    assert Empty() == () and repr(Empty()) == "Empty()" and Empty._make([]) == ()
