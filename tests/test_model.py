"""The typed model (draft/typed.py) against the one format description (draft/format.py),
and the derived facts every reader shares."""

from __future__ import annotations

from pathlib import Path

from carekit.draft import typed
from carekit.draft.format import DRAFT
from carekit.draft.loader import load_file
from carekit.draft.schema import ListOf, OneOf, Record
from conftest import ROOT, SEED_000, SEED_004


def _records(kind, path=()):
    """(path, Record) for every record the format describes, however deeply nested."""
    if isinstance(kind, Record):
        yield path, kind
        for name, child in kind.fields.items():
            yield from _records(child, (*path, name))
    elif isinstance(kind, ListOf):
        yield from _records(kind.item_kind, path)
    elif isinstance(kind, OneOf):
        for alternative in kind.alternatives:
            yield from _records(alternative, path)


def _typed_class(path):
    cls = typed.Report
    for name in path:
        nested = cls.NESTED[name]
        cls = nested[0] if isinstance(nested, list) else nested
    return cls


def test_every_key_of_the_format_has_a_typed_attribute_and_no_more():
    """A key added to format.py without a typed attribute (or the reverse) fails here."""
    checked = 0
    for path, record in _records(DRAFT):
        if path in {("not_reported",)}:
            continue
        cls = _typed_class(path)
        attributes = set(cls.FIELDS)
        keys = {typed.RENAMED.get((cls, key), key) for key in record.fields}
        # Keys stored under another name are derived attributes, not plain fields.
        attributes |= {name for (owner, _key), name in typed.RENAMED.items() if owner is cls}
        assert keys == attributes, (path, cls.__name__)
        checked += 1
    assert checked >= 20  # every record: report, patient, age, labs, ranges, consent...


def _load(path: Path):
    loaded = load_file(path)
    assert loaded.draft is not None
    return loaded.draft


def test_typed_values_are_the_validated_values_with_their_spans():
    draft = _load(SEED_000)
    report = draft.model
    assert report.title == draft.data["title"]
    assert report.patient.age.unit == draft.data["patient"]["age"]["unit"]
    for i, lab in enumerate(report.diagnostics.labs):
        assert lab.test == draft.data["diagnostics"]["labs"][i]["test"]
        assert lab.span == draft.span("diagnostics", "labs", i)
        assert lab.span_of("value") == draft.span("diagnostics", "labs", i, "value")
    assert report.consent.written_consent == draft.data["consent"].get("written")
    assert draft.model is report  # built once


def test_derived_facts_are_computed_once_for_every_reader():
    from carekit.check.rules.consent import age_in_years
    from carekit.draft.wordcount import word_counts

    for path in (SEED_000, SEED_004, ROOT / "tests" / "fixtures" / "complete" / "draft.yaml"):
        draft = _load(path)
        assert word_counts(draft) is draft.word_counts  # the engine and journal rules share it
        assert age_in_years(draft) == draft.model.patient.age.years
        assert draft.model.abstract.parts  # every bundled draft has an abstract
