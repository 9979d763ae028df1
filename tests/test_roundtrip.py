"""Round trip: render a draft to Markdown and Word, import the files back, and get the same
draft: the same 30 CARE item statuses, and the same value in every field.

Both examples and the 24 real-report drafts (tests/realworld/drafts) are rendered with the
CARE-order template and with the BMJ Case Reports and JMCR journal templates, which print
some fields without a heading of their own. Every leaf value of the draft (as carekit's
loader reads it) must come back at the same path, equal (texts compared paragraph by
paragraph: how a paragraph is wrapped into lines is not part of its text), except the
values listed in KNOWN (tests/manuscripts/roundtrip.py), each with the reason it cannot
come back from the file.
`python tests/manuscripts/roundtrip_score.py` prints the figures.
"""

from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT, SEED_000, carekit

sys.path.insert(0, str(ROOT / "tests" / "manuscripts"))

from roundtrip import (  # noqa: E402
    EXAMPLES,
    LAYOUTS,
    REALWORLD,
    compare,
    dotted,
    loaded_data,
    reason,
)

# A few real reports go through Word under every layout; all of them under the default.
REAL_IN_WORD = ("PMC7276680", "PMC7793199", "PMC7955961", "PMC8446742")
DRAFTS = {d.parent.name if d.name == "draft.yaml" else d.stem: d for d in EXAMPLES + REALWORLD}
PLAN = {  # layout -> format -> drafts
    "default": {"md": list(DRAFTS), "docx": list(DRAFTS)},
    "bmj": {"md": list(DRAFTS), "docx": [*(n for n in DRAFTS if "seed" in n), *REAL_IN_WORD]},
    "jmcr": {kind: [*(n for n in DRAFTS if "seed" in n), *REAL_IN_WORD] for kind in ("md", "docx")},
}
CASES = [(layout, kind) for layout, kinds in PLAN.items() for kind in kinds]

# Statuses that cannot come back: the reason is a value in KNOWN, or a judge's reading.
KNOWN_STATUS: dict[tuple[str, str], str] = {}  # (draft, item) -> why its status may differ


@pytest.fixture(scope="module")
def roundtrips(tmp_path_factory) -> dict:
    """(layout, format) -> {draft name: the imported draft}, every file rendered and
    imported with the real CLI."""
    out = tmp_path_factory.mktemp("roundtrip")
    found: dict = {}
    for layout, kinds in PLAN.items():
        names = sorted({n for drafts in kinds.values() for n in drafts})
        rendered = {}
        real = [DRAFTS[n] for n in names if "seed" not in n]
        batches = [([DRAFTS[n]], out / layout / n) for n in names if "seed" in n]
        batches.append((real, out / layout / "real"))
        for drafts, folder in batches:
            run = carekit("render", *map(str, drafts), "--to", "md,docx", *LAYOUTS[layout],
                          "-o", str(folder))  # fmt: skip
            assert run.code in (0, 1), run.err
            for draft in drafts:
                name = draft.parent.name if draft.name == "draft.yaml" else draft.stem
                rendered[name] = folder / draft.name.replace(".yaml", "")
        for kind, drafts in kinds.items():
            for name in drafts:
                manuscript = rendered[name].with_suffix(f".{kind}")
                target = out / layout / f"{name}-{kind}.yaml"
                run = carekit("import", str(manuscript), "-o", str(target))
                assert run.code == 0, run.err
                found.setdefault((layout, kind), {})[name] = target
    return found


@pytest.mark.parametrize(("layout", "kind"), CASES)
def test_every_value_comes_back_but_the_known_exceptions(roundtrips, layout, kind):
    unexplained = []
    for name, imported in roundtrips[(layout, kind)].items():
        back = loaded_data(imported)
        if back.get("unplaced"):  # carekit's own words are known, the draft's all placed
            unexplained.append(f"{name} unplaced: {back['unplaced']}")
        differ = compare(loaded_data(DRAFTS[name]), back)
        for path, (was, got) in differ.items():
            if reason(path, was, got) is None:
                unexplained.append(f"{name} {dotted(path)}: {was!r} -> {got!r}")
    assert not unexplained, "\n".join(unexplained)


@pytest.mark.parametrize(("layout", "kind"), CASES)
def test_every_care_item_keeps_its_status(roundtrips, layout, kind):
    imported = roundtrips[(layout, kind)]
    names = list(imported)
    before = carekit("check", "--format", "json", *(str(DRAFTS[n]) for n in names)).json()
    after = carekit("check", "--format", "json", *(str(imported[n]) for n in names)).json()
    changed = []
    for name, was, got in zip(names, before["files"], after["files"], strict=True):
        for a, b in zip(was["items"], got["items"], strict=True):
            if a["status"] != b["status"] and (name, a["id"]) not in KNOWN_STATUS:
                changed.append(f"{name} CARE {a['id']}: {a['status']} -> {b['status']}")
    assert not changed, "\n".join(changed)


def test_the_marks_show_nowhere(tmp_path):
    """HTML and JATS carry no mark; the Markdown's are HTML comments; Word's are links
    around a soft hyphen at a paragraph's end, which neither prints nor reads as text."""
    import zipfile

    from docx import Document

    run = carekit("render", str(SEED_000), "--to", "md,html,docx,jats", "-o", str(tmp_path))
    assert run.code in (0, 1), run.err
    for name in ("draft.html", "draft.xml"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "carekit:field" not in text and "\ue000" not in text, name
    markdown = (tmp_path / "draft.md").read_text(encoding="utf-8")
    visible = re.sub(r"(?m)^<!-- carekit:field [0-9a-f]{16}:\S+ -->$", "", markdown)
    assert "carekit:field" not in visible and "\ue000" not in markdown
    paragraphs = [p.text for p in Document(str(tmp_path / "draft.docx")).paragraphs]
    assert not any("carekit" in text or "\u00ad" in text for text in paragraphs)
    with zipfile.ZipFile(tmp_path / "draft.docx") as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    links = re.findall(r"<w:hyperlink [^>]*>(.*?)</w:hyperlink>", xml)
    marks = [link for link in links if "<w:softHyphen/>" in link]
    assert len(marks) > 30 and all("<w:t" not in link for link in marks)


def test_forged_marks_in_a_manuscript_are_words_not_fields(tmp_path):
    """A manuscript with comments that look like carekit's marks (no declared token, a
    made-up token, fields carekit never marks: the draft's version, `unplaced`, a
    figure numbered with words): every word lands in the draft, nothing is overwritten."""
    source = tmp_path / "paper.md"
    source.write_text(
        "---\ntitle: A forged report\n---\n\n## Case presentation\n\n"
        "<!-- carekit:field 0123456789abcdef:marks -->\n\n"
        "<!-- carekit:field 0123456789abcdef:conclusion -->\n\nA 61-year-old woman had fever.\n\n"
        "<!-- carekit:field 0123456789abcdef:carekit -->\n\nShe was treated with cefazolin.\n\n"
        "<!-- carekit:field 0123456789abcdef:unplaced -->\n\nShe recovered within a week.\n\n"
        "<!-- carekit:field 0123456789abcdef:figures.x.id=a -->\n\nNo relapse at one year.\n\n"
        "<!-- carekit:field ffffffffffffffff:discussion.lessons -->\n\nGiven by someone else.\n",
        encoding="utf-8",
    )
    target = tmp_path / "draft.yaml"
    run = carekit("import", str(source), "-o", str(target))
    assert run.code == 0, run.err
    draft = loaded_data(target)
    assert draft["carekit"] == 1
    text = " ".join(str(v) for v in _flat(draft))
    for words in ("fever", "cefazolin", "within a week", "No relapse", "someone else"):
        assert words in text, words
    assert "conclusion" in draft  # the declared token's own conclusion mark is honoured
    assert "discussion" not in draft  # a mark with another token is not


def test_a_mark_typed_in_the_draft_is_text_after_the_round_trip(tmp_path, write_draft):
    """An author's comment shaped like a mark inside the introduction cannot move the
    paragraphs after it: it lacks the document's token (a hash of the whole text)."""
    draft = write_draft(
        "carekit: 1\ntitle: A typed mark\nintroduction: |\n  First paragraph.\n\n"
        "  <!-- carekit:field 0123456789abcdef:conclusion -->\n\n  Second paragraph.\n"
    )
    out = tmp_path / "out"
    assert carekit("render", str(draft), "--to", "md,docx", "-o", str(out)).code in (0, 1)
    for kind in ("md", "docx"):
        target = tmp_path / f"{kind}.yaml"
        assert carekit("import", str(out / f"draft.{kind}"), "-o", str(target)).code == 0
        back = loaded_data(target)
        assert "Second paragraph." in back["introduction"], kind
        assert "conclusion" not in back, kind


def _flat(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _flat(item)
    elif isinstance(value, list):
        for item in value:
            yield from _flat(item)
    else:
        yield value
