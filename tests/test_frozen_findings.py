"""Backward compatibility: the bundled drafts keep exactly the findings they had.

Format v1 promises that a draft which loads today loads tomorrow with the same findings,
unless a change alters a rule on purpose. `tests/frozen/` holds `carekit check --format
json` for each draft below; a refactor that changes one item status, rule, message or
position fails here. When a rule changes on purpose, regenerate with
`CAREKIT_FREEZE=1 python -m pytest tests/test_frozen_findings.py` and say why in the commit.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import ROOT, SEED_000, SEED_004, carekit

FROZEN = ROOT / "tests" / "frozen"
DRAFTS = {
    "seed-000": SEED_000,
    "seed-004": SEED_004,
    "complete": ROOT / "tests" / "fixtures" / "complete" / "draft.yaml",
}


def _findings(draft: Path, *options: str) -> dict:
    run = carekit("check", "--format", "json", *options, str(draft.relative_to(ROOT)))
    assert run.code in (0, 1), run.err
    result = run.json()
    result.pop("carekit")  # the version changes with every release, the findings must not
    return result


@pytest.mark.parametrize("name", DRAFTS)
@pytest.mark.parametrize("journal", [None, "care", "bmj-case-reports"])
def test_findings_are_as_frozen(name, journal):
    options = ("--journal", journal) if journal else ()
    frozen = FROZEN / f"{name}{'-' + journal if journal else ''}.json"
    found = _findings(DRAFTS[name], *options)
    if os.environ.get("CAREKIT_FREEZE"):
        frozen.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", "utf-8")
    assert found == json.loads(frozen.read_text(encoding="utf-8"))
