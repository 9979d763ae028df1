"""`carekit init`: a scaffold that loads, names every CARE item, and never overwrites."""

from __future__ import annotations

import json

import jsonschema
from ruamel.yaml import YAML

from carekit.check.checklist import first_path, load_checklist
from carekit.draft.loader import load_file
from conftest import carekit


def test_init_writes_a_scaffold_with_every_care_item(tmp_path):
    run = carekit("init", "--journal", "jmcr", cwd=tmp_path)
    assert run.code == 0, run.err
    draft = tmp_path / "draft.yaml"
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=.carekit/draft-v1.schema.json\n")
    loaded = load_file(draft)
    assert loaded.findings == [] and loaded.draft is not None
    assert loaded.draft.get("journal") == "jmcr"
    for item in load_checklist().items:  # each item's key is there to fill in
        assert first_path(item.satisfied_by[0])[:1] in loaded.draft.key_spans, item.id
        assert f"CARE {item.id}" in text, item.id
    commented = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    for example in ("- at: day -30", "reference_range: 135-145", "- id: le2020"):
        assert any(example in line for line in commented), example  # worked examples


def test_fresh_scaffold_fails_only_for_its_empty_items(tmp_path):
    carekit("init", cwd=tmp_path)
    report = carekit("check", "-f", "json", "draft.yaml", cwd=tmp_path).json()["files"][0]
    assert {f["rule"] for f in report["findings"]} == {"care-item-missing"}
    assert len({f["care_item"] for f in report["findings"]}) == 30


def test_scaffold_validates_against_the_schema_it_points_to(tmp_path):
    carekit("init", "case/report.yaml", cwd=tmp_path)
    schema = json.loads((tmp_path / "case" / ".carekit" / "draft-v1.schema.json").read_text())
    data = YAML(typ="safe").load((tmp_path / "case" / "report.yaml").read_text())
    jsonschema.validate(data, schema)


def test_init_never_overwrites(tmp_path):
    draft = tmp_path / "draft.yaml"
    draft.write_text("carekit: 1\ntitle: My work\n", encoding="utf-8")
    run = carekit("init", str(draft))
    assert run.code == 2 and "never overwrites" in run.err
    assert draft.read_text(encoding="utf-8") == "carekit: 1\ntitle: My work\n"
