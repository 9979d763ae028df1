"""One description of the format: JSON Schema for editors and the README's table."""

from __future__ import annotations

import datetime
import json

import jsonschema
import pytest
from ruamel.yaml import YAML

from carekit.check.checklist import load_checklist
from carekit.draft.format import DRAFT
from conftest import ROOT, SEED_000, SEED_004, carekit


def _as_editor_sees_it(value):
    """YAML dates become strings, as yaml-language-server (YAML 1.2 core) reads them."""
    if isinstance(value, dict):
        return {str(k): _as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees_it(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def schema() -> dict:
    run = carekit("schema")
    assert run.code == 0
    return json.loads(run.out)


def test_schema_is_valid_json_schema(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert "timeline" in schema["properties"]


@pytest.mark.parametrize("draft", [SEED_000, SEED_004], ids=["seed-000", "seed-004"])
def test_examples_validate_against_the_schema(schema, draft):
    data = YAML(typ="safe").load(draft.read_text(encoding="utf-8"))
    jsonschema.validate(_as_editor_sees_it(data), schema)


def test_schema_rejects_what_the_checker_rejects(schema):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"carekit": 1, "titel": "x"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"carekit": 1, "consent": ["obtained"]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"patient": {"sex": "boy"}}, schema)


def test_readme_reference_table_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- format-table:start -->\n", "<!-- format-table:end -->"
    table = readme.split(start, 1)[1].split(end, 1)[0]
    assert table.strip() == carekit("schema", "--format", "markdown").out.strip(), (
        "Regenerate the README table with `carekit schema --format markdown`."
    )


def test_care_items_named_by_the_format_exist_in_the_checklist():
    checklist = load_checklist()
    named = {kind.care for _, kind in DRAFT.children() if kind.care}
    assert named and all(checklist.item(key) for key in named)


def test_checklist_has_all_30_items_with_unique_ids():
    checklist = load_checklist()
    ids = [item.id for item in checklist.items]
    assert len(ids) == 30 and len(set(ids)) == 30
    assert len({item.topic for item in checklist.items}) == 13
    assert ids[:6] == ["1", "2", "3a", "3b", "3c", "3d"]
    assert checklist.sources and "2016" in checklist.numbering


def test_renumbered_checklist_needs_no_code(tmp_path, write_draft):
    """A checklist file with other numbers changes what the report shows, nothing else."""
    text = (ROOT / "checklists" / "care-2013.yaml").read_text(encoding="utf-8")
    renumbered = tmp_path / "renumbered.yaml"
    renumbered.write_text(text.replace('id: "7"', 'id: "T7"'), encoding="utf-8")
    draft = write_draft("carekit: 1\ntitle: Calcinosis cutis - a case report\n")
    data = carekit("check", "-f", "json", "--checklist", str(renumbered), str(draft)).json()
    items = {f["care_item"] for f in data["files"][0]["findings"]}
    assert "T7" in items and "7" not in items
