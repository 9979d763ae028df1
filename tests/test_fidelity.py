"""Every value a clinician typed reaches every output exactly as typed.

The loader reads numbers as floats for the rules; printing those floats once turned the
range `6.0-17.5` into "6–17.5", `3.5-5.0` into "3.5–5" and `11.30` into "11.3". These
tests render real drafts to md, html, pdf and docx with the real CLI, read each output
back as text (pdftotext, python-docx) and look for every number the draft's labs,
timeline, interventions and patient fields hold, in the author's own digits. Allowed
typographic upgrades (hyphen to en dash in a range, a true minus, ×10⁹ for 10^9) are
folded back before comparing; nothing else is.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SEED_000, SEED_004, carekit

FIDELITY = ROOT / "tests" / "fixtures" / "fidelity" / "draft.yaml"
DRAFTS = {"seed-000": SEED_000, "seed-004": SEED_004, "fidelity": FIDELITY}
FORMATS = ("md", "html", "pdf", "docx")
_SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_NUMBER_RE = re.compile(r"(?<![\w.])[-+]?\d+(?:[.,]\d+)*(?![\w])")


def _fold(text: str) -> str:
    """Undo the allowed typographic upgrades, on both sides; spaces around a dash and
    runs of whitespace (a PDF line break) count as nothing and one space."""
    text = text.replace("\u00ad", "")  # a soft hyphen the PDF may add
    text = re.sub(r"×10([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)", lambda m: "10^" + m[1].translate(_SUPER), text)
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: "^" + m[0].translate(_SUPER), text)
    text = re.sub(r"^[x×*]\s*(?=10\^)", "", text)
    for dash in "–—−‐":
        text = text.replace(dash, "-")
    return re.sub(r"\s*-\s*(?=[\d+-])", "-", " ".join(text.split()))


def _texts(folder: Path) -> dict[str, str]:
    """Each output's text as a reader sees it."""
    import docx
    import tinyhtml5

    html = tinyhtml5.parse((folder / "draft.html").read_text(encoding="utf-8"))
    body = next(html.iter("{http://www.w3.org/1999/xhtml}body"))
    pdf = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(folder / "draft.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    document = docx.Document(str(folder / "draft.docx"))
    word = [p.text for p in document.paragraphs]
    word += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return {
        # (carekit's field marks are HTML comments: no Markdown viewer shows them)
        "md": re.sub(
            r"(?m)^<!-- carekit:field \S+ -->$", "", (folder / "draft.md").read_text("utf-8")
        ),
        "html": "".join(body.itertext()),
        "pdf": pdf,
        "docx": "\n".join(word),
    }


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, dict[str, str]]:
    out = {}
    for name, draft in DRAFTS.items():
        folder = tmp_path_factory.mktemp(name)
        run = carekit("render", str(draft), "--to", ",".join(FORMATS), "-o", str(folder))
        assert run.code == 0, run.err
        out[name] = _texts(folder)
    return out


def _scalar_texts(node: yaml.Node) -> list[str]:
    """Every scalar below `node` exactly as written in the file (no float parsing)."""
    if isinstance(node, yaml.ScalarNode):
        return [node.value]
    if isinstance(node, yaml.MappingNode):
        return [t for _, v in node.value for t in _scalar_texts(v)]
    if isinstance(node, yaml.SequenceNode):
        return [t for v in node.value for t in _scalar_texts(v)]
    return []


def _field(root: yaml.MappingNode, *path: str) -> yaml.Node | None:
    node: yaml.Node | None = root
    for key in path:
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((v for k, v in node.value if k.value == key), None)
    return node


def _expected(draft: Path) -> list[tuple[str, str]]:
    """(where, text) of each value that must print as written: each lab's value, unit
    and range whole; every number in the timeline, interventions and patient fields."""
    root = yaml.compose(draft.read_text(encoding="utf-8"))
    wanted: list[tuple[str, str]] = []
    labs = _field(root, "diagnostics", "labs")
    for i, lab in enumerate(labs.value if labs is not None else []):
        for key in ("value", "unit", "reference_range"):
            node = _field(lab, key)
            for text in _scalar_texts(node) if node is not None else []:
                if key == "unit" and text.lower() == "none":
                    continue
                wanted.append((f"labs[{i}].{key}", text))
    for section in ("timeline", "interventions", "patient"):
        node = _field(root, section)
        if node is None:
            continue
        if section == "timeline":  # an `at:` counted from an id is shown as a time instead
            node = yaml.SequenceNode(
                "tag:yaml.org,2002:seq",
                [_field(entry, "event") for entry in node.value if _field(entry, "event")]
                + [
                    _field(entry, "at")
                    for entry in node.value
                    if _field(entry, "at")
                    and not _field(entry, "id")
                    and " after " not in _field(entry, "at").value
                    and " before " not in _field(entry, "at").value
                ],
            )
        for text in _scalar_texts(node):
            wanted += [(section, number) for number in _NUMBER_RE.findall(text)]
    return wanted


def _present(text: str, output: str) -> bool:
    """`text` in `output`, whole (not inside a longer number)."""
    folded = re.escape(_fold(text))
    return re.search(rf"(?<![\d.]){folded}(?![\d])", _fold(output)) is not None


@pytest.mark.parametrize("name", list(DRAFTS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_value_prints_as_written(rendered, name, fmt):
    output = rendered[name][fmt]
    wanted = _expected(DRAFTS[name])
    assert wanted, "the draft has values to look for"
    missing = [(where, text) for where, text in wanted if not _present(text, output)]
    assert missing == [], f"{fmt} of {name} changed or lost: {missing}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_tricky_values_in_every_output(rendered, fmt):
    """The values seen changed in the issue, each in its exact printed form."""
    text = " ".join(rendered["fidelity"][fmt].split())
    for printed in (
        "6.0–17.5",
        "3.5–5.0",
        "2.0–4.0",
        "0.20–0.90",
        "−2.0–2.0",
        "11.30",
        "0.050",
        "1500000",
        "×10⁹/L",
        "mcg/L",
        "an 89-year-old",
    ):
        assert printed in text, f"{printed!r} not in the {fmt} output"
    # A unit is never printed raw, no id of a timeline entry leaks into the text, and no
    # template full stop follows the author's own.
    assert "10^9" not in text
    assert "icu_discharge" not in text
    assert "Day 12" in text  # "2 days after icu_discharge", icu_discharge being day 10
    assert "3 weeks after day 10" in text
    doubled = r"\w\.\s?\.(?![./])"
    assert not re.search(doubled, text), re.findall(rf".{{30}}{doubled}.{{10}}", text)


@pytest.mark.parametrize(
    ("age", "article"),
    [
        ("8 years", "an"),
        ("11 days", "an"),
        ("18 months", "an"),
        ("80 years", "an"),
        ("89 years", "an"),
        ("1 year", "a"),
        ("9 months", "a"),
        ("110 years", "a"),
        ("800 days", "an"),
    ],
)
def test_article_follows_the_spoken_number(tmp_path, age, article):
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        f"carekit: 1\ntitle: A case\npatient:\n  age: {age}\n  sex: female\n", encoding="utf-8"
    )
    assert carekit("render", str(draft), "--to", "md").code == 0
    number, unit = age.split()
    phrase = f"The patient was {article} {number}-{unit.rstrip('s')}-old female."
    assert phrase in (tmp_path / "draft.md").read_text(encoding="utf-8")


def test_pdftotext_is_available():
    assert shutil.which("pdftotext"), "poppler-utils is needed to read the PDF back"


def test_no_timeline_id_reaches_the_manuscript(tmp_path):
    """Every way an entry can count from another, a cycle included: the ids stay in the
    draft, the manuscript shows a time or the anchor's own words."""
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        "carekit: 1\ntitle: A case\ntimeline:\n"
        "  - {id: adm_1, at: day 2, event: Admitted.}\n"
        "  - {id: sx_2, at: 1 week after adm_1, event: Hip replacement under spinal anaesthesia.}\n"
        "  - {at: 3 days after sx_2, event: Walking with a frame.}\n"
        "  - {id: op_3, date: 2021-03-04, event: Seen in clinic.}\n"
        "  - {at: 2 months after op_3, event: Discharged from follow-up.}\n"
        "  - {id: loop_a, at: 1 day after loop_b, event: First of a cycle.}\n"
        "  - {id: loop_b, at: 1 day after loop_a, event: Second of a cycle.}\n",
        encoding="utf-8",
    )
    assert carekit("render", str(draft), "--to", "md,html").code in (0, 1)
    for name in ("draft.md", "draft.html"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        # (carekit's field marks, which no viewer shows, carry them for `carekit import`)
        text = re.sub(r"(?m)^<!-- carekit:field \S+ -->$", "", text)
        for entry_id in ("adm_1", "sx_2", "op_3", "loop_a", "loop_b"):
            assert entry_id not in text.split("</style>")[-1], (name, entry_id)
    markdown = (tmp_path / "draft.md").read_text(encoding="utf-8")
    assert "| 1 week after day 2 |" in markdown
    assert "| 3 days after hip replacement under spinal anaesthesia |" in markdown
    assert "| 2 months after 2021-03-04 |" in markdown
    assert "| 1 day after second of a cycle |" in markdown
    # Imported back, each entry has its id and the entry it counts from, as written.
    back = tmp_path / "back.yaml"
    assert carekit("import", str(tmp_path / "draft.md"), "-o", str(back)).code == 0
    timeline = yaml.safe_load(back.read_text(encoding="utf-8"))["timeline"]
    ids = ["adm_1", "sx_2", None, "op_3", None, "loop_a", "loop_b"]
    assert [e.get("id") for e in timeline] == ids
    assert timeline[1]["at"] == {"offset": 1, "unit": "weeks", "anchor": "adm_1"}
    assert timeline[4]["at"]["anchor"] == "op_3" and timeline[3]["date"] == "2021-03-04"
