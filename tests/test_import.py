"""`carekit import` and `carekit check` on Word, Markdown and JATS manuscripts.

The manuscripts in tests/manuscripts/ are five real published case reports (our
transcriptions) laid out with Word habits and converted by pandoc; see
make_manuscripts.py there.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from carekit.draft.loader import load_file
from conftest import ROOT, SEED_000, SEED_004, carekit

MANUSCRIPTS = ROOT / "tests" / "manuscripts"
sys.path.insert(0, str(MANUSCRIPTS))

from make_manuscripts import REPORTS  # noqa: E402
from placement import placement  # noqa: E402

KINDS = (".docx", ".xml", ".md")
CASES = [(report, kind) for report in REPORTS for kind in KINDS]


def _import(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / f"{source.stem}.yaml"
    run = carekit("import", str(source), "-o", str(target))
    assert run.code == 0, run.err
    return target


@pytest.mark.parametrize(("report", "kind"), CASES)
def test_real_manuscript_imports_into_a_draft_that_loads(report, kind, tmp_path):
    draft = _import(MANUSCRIPTS / f"{report}{kind}", tmp_path)
    loaded = load_file(draft)
    assert loaded.draft is not None
    assert not [f for f in loaded.findings if f.rule in ("yaml-syntax", "draft-unreadable")]
    model = loaded.draft.model
    assert model.introduction and model.patient.presenting_concern and model.discussion.literature
    text = draft.read_text(encoding="utf-8")
    assert "# from: " in text  # every field says where it came from


@pytest.mark.parametrize(("report", "kind"), CASES)
def test_every_passage_lands_somewhere_and_almost_all_in_their_field(report, kind):
    counts = placement(report, kind)
    assert counts["lost"] == 0, counts
    passages = counts["right"] + counts["wrong place"] + counts["unplaced"]
    assert counts["right"] / passages >= 0.85, counts
    wanted, got = counts["lab rows"].split("/")[::-1], counts["lab rows"].split("/")
    assert got[0] == wanted[0], counts  # every lab row, from a table with merged header cells


def _structure_words(blocks: list) -> set[str]:
    """Words that only structure the manuscript: headings, bold lines standing for
    headings, and table header cells (they become keys, not text)."""
    from carekit.manuscript.ast_text import inline_text
    from carekit.manuscript.tables import grid

    words: set[str] = set()
    for block in blocks:
        if block["t"] == "Div":
            words |= _structure_words(block["c"][1])
        elif block["t"] == "Header":
            words |= set(re.findall(r"\w+", inline_text(block["c"][2])))
        elif block["t"] == "Para" and block["c"] and block["c"][0]["t"] == "Strong":
            words |= set(re.findall(r"\w+", inline_text(block["c"][0]["c"])))
        elif block["t"] == "Table":
            words |= set(re.findall(r"\w+", " ".join(grid(block).header)))
    return words


@pytest.mark.parametrize(("report", "kind"), CASES)
def test_import_never_loses_a_word(report, kind, tmp_path):
    """Every word of the manuscript's body is in the draft (a field or `unplaced:`)."""
    from carekit.manuscript.ast_text import plain_words
    from carekit.manuscript.reader import read_tree

    source = MANUSCRIPTS / f"{report}{kind}"
    blocks = read_tree(source)["blocks"]
    draft_text = _import(source, tmp_path).read_text(encoding="utf-8")
    kept = set(re.findall(r"\w+", re.sub(r"@ref(\d+)", r"\1", draft_text)))
    words = set(re.findall(r"\w+", plain_words(blocks)))
    assert words - kept - _structure_words(blocks) == set()


def test_unplaced_passages_are_kept_with_their_place(tmp_path):
    manuscript = tmp_path / "paper.md"
    manuscript.write_text(
        "# Zebra notes\n\nA heading no journal uses, and its text.\n\n"
        "# Case presentation\n\nA 61-year-old woman had a cough for 3 weeks.\n",
        encoding="utf-8",
    )
    draft = _import(manuscript, tmp_path)
    data = YAML(typ="safe").load(draft.read_text(encoding="utf-8"))
    assert data["title"] == "Zebra notes"  # the first heading, not a known section
    assert data["patient"]["age"] == "61 years" and data["patient"]["sex"] == "female"
    manuscript.write_text("# Case presentation\n\nText.\n\n# Zebra notes\n\nOdd text.\n")
    data = YAML(typ="safe").load(_import_again(manuscript, tmp_path).read_text())
    assert {"from": "Zebra notes", "text": "Zebra notes"} in data["unplaced"]
    assert any(u["text"] == "Odd text." and "Zebra notes" in u["from"] for u in data["unplaced"])
    assert load_file(_import_again(manuscript, tmp_path)).draft.model.unplaced[1].source


def _import_again(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "again.yaml"
    run = carekit("import", str(source), "-o", str(target), "--force")
    assert run.code == 0, run.err
    return target


def test_import_keeps_an_existing_draft_unless_forced(tmp_path):
    target = tmp_path / "draft.yaml"
    target.write_text("carekit: 1\n# mine\n", encoding="utf-8")
    run = carekit("import", str(MANUSCRIPTS / f"{REPORTS[0]}.md"), "-o", str(target))
    assert run.code == 2 and "--force" in run.err
    assert target.read_text(encoding="utf-8") == "carekit: 1\n# mine\n"


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("broken.docx", b"this is not a zip file", "not a readable docx file"),
        ("paper.odt", b"whatever", "carekit reads manuscripts ending in"),
        ("empty.xml", b"<article><body><p>unclosed", "not a readable jats file"),
    ],
)
def test_unreadable_manuscripts_get_a_message_not_a_traceback(tmp_path, name, content, said):
    source = tmp_path / name
    source.write_bytes(content)
    run = carekit("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert run.code == 2 and said in run.err, run.err
    assert not (tmp_path / "out.yaml").exists()


def test_check_a_word_manuscript_in_every_output_format(tmp_path):
    source = tmp_path / "case.docx"
    shutil.copy(MANUSCRIPTS / f"{REPORTS[1]}.docx", source)
    text = carekit("check", str(source))
    assert text.code == 1
    assert re.search(r"case\.docx: [^:\n]*paragraph \d+", text.out), text.out
    data = carekit("check", "--format", "json", str(source)).json()
    findings = data["files"][0]["findings"]
    assert findings and all("where" in f for f in findings)
    assert any("paragraph" in f["where"] for f in findings)
    sarif = carekit("check", "--format", "sarif", str(source)).json()
    location = sarif["runs"][0]["results"][0]["locations"][0]
    assert "region" not in location["physicalLocation"]
    assert location["logicalLocations"][0]["fullyQualifiedName"]
    github = carekit("check", "--format", "github", str(source)).out
    assert github.startswith("::") and ",line=" not in github


def test_check_a_jats_manuscript_names_the_element(tmp_path):
    data = carekit("check", "--format", "json", str(MANUSCRIPTS / f"{REPORTS[1]}.xml")).json()
    places = [f["where"] for f in data["files"][0]["findings"]]
    assert any(re.match(r"/article/body/sec\[\d+\]", p) for p in places), places


def test_check_of_a_manuscript_matches_check_of_its_import(tmp_path):
    """The same statuses either way: checking the manuscript is checking its draft."""
    source = MANUSCRIPTS / f"{REPORTS[3]}.docx"
    draft = _import(source, tmp_path)
    direct = carekit("check", "--format", "json", str(source)).json()["files"][0]["items"]
    via = carekit("check", "--format", "json", str(draft)).json()["files"][0]["items"]
    assert direct == via


def test_yaml_drafts_are_checked_as_before():
    data = carekit("check", "--format", "json", str(SEED_000)).json()
    assert all("where" not in f for f in data["files"][0]["findings"])


@pytest.mark.parametrize("example", [SEED_000, SEED_004], ids=["seed-000", "seed-004"])
def test_a_rendered_draft_imports_back_with_the_same_item_statuses(example, tmp_path):
    """Render to Markdown and Word with the CARE-order template, import both back: every
    CARE item has the status it had in the draft."""
    out = tmp_path / "out"
    run = carekit(
        "render", str(example), "--to", "md,docx", "--template", "default", "-o", str(out)
    )
    assert run.code == 0, run.err
    before = carekit("check", "--format", "json", str(example)).json()["files"][0]["items"]
    for manuscript in (out / "draft.md", out / "draft.docx"):
        draft = tmp_path / f"{manuscript.suffix[1:]}.yaml"
        assert carekit("import", str(manuscript), "-o", str(draft)).code == 0
        after = carekit("check", "--format", "json", str(draft)).json()["files"][0]["items"]
        assert [(i["id"], i["status"]) for i in after] == [
            (i["id"], i["status"]) for i in before
        ], manuscript.name


def test_a_word_file_that_unpacks_to_gigabytes_is_refused(tmp_path):
    """A zip bomb: 1 GB of XML in a small .docx. pandoc's heap cap stops it with a message
    (before the cap, pandoc would try to hold it all in memory)."""
    import zipfile

    source = tmp_path / "bomb.docx"
    paragraph = b"<w:p><w:r><w:t>" + b"A" * 1_000_000 + b"</w:t></w:r></w:p>"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as docx:
        for name in ("[Content_Types].xml", "_rels/.rels"):
            with zipfile.ZipFile(MANUSCRIPTS / f"{REPORTS[0]}.docx") as real:
                docx.writestr(name, real.read(name))
        with docx.open("word/document.xml", "w") as part:
            part.write(
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body>'
            )
            for _ in range(1000):
                part.write(paragraph)
            part.write(b"</w:body></w:document>")
    assert source.stat().st_size < 5_000_000
    run = carekit("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert run.code == 2 and "bomb.docx" in run.err and "1 GB of memory" in run.err, run.err
    assert not (tmp_path / "out.yaml").exists()
