"""A citation's keys in the draft's order ([@b; @a] prints "[1, 2]"; [@a; @fig:x] prints
"[1]; Fig. 1") and BMJ's learning points' paragraph breaks come back as written while
the printed citation and bullets are unchanged; an edit wins, and a forged carried value
(keys the citation does not print, other words than the bullets') is refused."""

from __future__ import annotations

import json
import re
import shutil
import sys
from urllib.parse import quote

import pytest

from conftest import ROOT, SEED_000, carekit

sys.path.insert(0, str(ROOT / "tests" / "manuscripts"))

from roundtrip import compare, loaded_data  # noqa: E402

from carekit.draft.written import printed_hash  # noqa: E402

_EDITS = {
    "large areas\n  [@alsaif2017].": "large areas\n  [@alsaif2017; @le2020].",
    "is the mainstay of treatment [@garcia2017].": "is the mainstay of treatment "
    "[@garcia2017; @fig:hand].",
    "to exclude other causes. Checking the\n": "to exclude other causes.\n\n    Checking the\n",
}


def _case(tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(SEED_000.parent, folder)
    draft = folder / "draft.yaml"
    text = draft.read_text(encoding="utf-8")
    for old, new in _EDITS.items():
        assert old in text, old
        text = text.replace(old, new)
    draft.write_text(text, encoding="utf-8")
    run = carekit("render", str(draft), "--to", "md,docx", "--journal", "bmj-case-reports")
    assert run.code in (0, 1), run.err
    return draft


def _back(manuscript, tmp_path) -> dict:
    target = tmp_path / "back.yaml"
    run = carekit("import", str(manuscript), "-o", str(target), "--force")
    assert run.code == 0, run.err
    return loaded_data(target)


@pytest.mark.parametrize("kind", ["md", "docx"])
def test_citation_order_and_learning_point_breaks_come_back(tmp_path, kind):
    draft = _case(tmp_path)
    back = _back(draft.parent / f"draft.{kind}", tmp_path)
    assert compare(loaded_data(draft), back) == {}
    assert "[@alsaif2017; @le2020]" in back["introduction"]
    assert "\n\nChecking the" in back["discussion"]["lessons"]


def _edit(draft, tmp_path, old: str, new: str) -> dict:
    markdown = (draft.parent / "draft.md").read_text(encoding="utf-8")
    assert markdown.count(old) == 1, old
    edited = draft.parent / "edited.md"
    edited.write_text(markdown.replace(old, new), encoding="utf-8")
    return _back(edited, tmp_path)


def test_an_edited_citation_or_learning_point_wins(tmp_path):
    draft = _case(tmp_path)
    back = _edit(draft, tmp_path, "\\[[1](#ref-1), [2](#ref-2)\\]", "\\[[2](#ref-2)\\]")
    assert "areas [@alsaif2017]." in " ".join(back["introduction"].split())
    back = _edit(draft, tmp_path, "exclude other causes.", "exclude any other cause.")
    lessons = back["discussion"]["lessons"]
    assert "exclude any other cause." in lessons and "\n\n" not in lessons.strip()


def _forge(draft, tmp_path, path: str, printed: str, value: object) -> dict:
    markdown = (draft.parent / "draft.md").read_text(encoding="utf-8")
    carried = quote(printed_hash(printed) + "." + json.dumps(value), safe="")
    pattern = rf"(<!-- carekit:field [0-9a-f]{{16}}:written\.{re.escape(path)}=)[^ ]*( -->)"
    markdown, n = re.subn(pattern, rf"\g<1>{carried}\g<2>", markdown)
    assert n == 1, path
    edited = draft.parent / "forged.md"
    edited.write_text(markdown, encoding="utf-8")
    return _back(edited, tmp_path)


def test_forged_citations_and_learning_points_are_refused(tmp_path):
    draft = _case(tmp_path)
    markdown = (draft.parent / "draft.md").read_text(encoding="utf-8")
    cited = re.findall(r"written\.(cited\.\d+)=", markdown)
    assert len(cited) == 2  # the introduction's, then the prognosis's
    # Keys the printed citation does not show, with its right hash: not taken.
    back = _forge(draft, tmp_path, cited[0], "1, 2", {"keys": ["sawke2016", "le2020"]})
    assert "sawke2016" not in back["introduction"]
    assert "[@le2020; @alsaif2017]" in " ".join(back["introduction"].split())
    bullets = (
        "A careful history and examination are needed to exclude other causes. Checking the "
        "intravenous site often and diluting intravenous calcium may lower the risk of "
        "extravasation and allow earlier recognition."
    )
    forged = {"lessons": "Hidden words the page never showed.", "conclusion": "Nor these."}
    back = _forge(draft, tmp_path, "learning_points.0", bullets, forged)
    assert "Hidden" not in json.dumps(back)
    assert "exclude other causes." in back["discussion"]["lessons"]
