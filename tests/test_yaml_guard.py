"""Every YAML file carekit reads goes through one guarded reader (carekit/io/yamlguard.py).

Each attack is a hostile file in a real folder, run through the real CLI: nesting in
every form YAML has (one line of `- - -` or `? ? ?` crashed the C parser with a
segmentation fault), text amplified through aliases, aliases into themselves, and
numbers too long for Python. Wherever the file sits (the draft, the `.carekit.yaml`
beside it, a journal profile or checklist named on the command line, a template's
sections.yaml, the draft `carekit watch` previews), carekit exits 2 with a message in
plain words naming the file, never a crash or a traceback.
"""

from __future__ import annotations

import shutil
import urllib.request

import pytest

from conftest import ROOT, carekit, watching

BIG = "x" * 1_000_000
# (shape, the YAML text, words the refusal must contain)
SHAPES = {
    "compact sequences on one line": ("- " * 30_000 + "x\n", "nests more than 100 levels"),
    "nested complex keys": ("? " * 30_000 + "x\n", "nests more than 100 levels"),
    "mixed compact entries": ("- ? " * 15_000 + "x\n", "nests more than 100 levels"),
    "compact sequences after a byte-order mark": (
        "k:\n\ufeff" + "- " * 30_000 + "x\n",
        "nests more than 100 levels",
    ),
    "flow brackets": ("[" * 50_000 + "]" * 50_000 + "\n", "nests more than 100 levels"),
    "block indentation, one space a level": (
        "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 1_000)),
        "nests more than 100 levels",
    ),
    "a long text aliased 2,000 times": (
        f"a: &a {BIG}\nb: [" + ", ".join(["*a"] * 2_000) + "]\n",
        "million characters",
    ),
    "billion laughs": (
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(
            f"{chr(c)}: &{chr(c)} [" + ",".join([f"*{chr(c - 1)}"] * 9) + "]\n"
            for c in range(ord("b"), ord("j"))
        ),
        "far more entries",
    ),
    "aliases nested 150 deep": (
        "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 150)),
        "once its YAML aliases are expanded",
    ),
    "an alias inside its own anchor": ("a: &a [1, *a]\n", "would never end"),
    "600,000 one-line entries": ("k:\n" + "- x\n" * 600_000, "far more entries"),
}
SHAPE_IDS = list(SHAPES)
HUGE_NUMBER = "9" * 5_000


def _refused(run, words: str, where: str) -> None:
    assert run.code == 2, (run.code, run.out[-2000:], run.err[-2000:])
    said = run.out + run.err
    assert words in said, said[-2000:]
    assert where in said, said[-2000:]
    assert "internal error" not in said and "Traceback" not in said


@pytest.mark.parametrize("shape", SHAPE_IDS)
def test_draft(tmp_path, shape):
    text, words = SHAPES[shape]
    draft = tmp_path / "hostile.yaml"
    draft.write_text("carekit: 1\n" + text, encoding="utf-8")
    run = carekit("check", str(draft))
    _refused(run, words, "hostile.yaml")


@pytest.mark.parametrize("shape", SHAPE_IDS)
def test_configuration_beside_the_draft(tmp_path, shape):
    text, words = SHAPES[shape]
    (tmp_path / ".carekit.yaml").write_text(text, encoding="utf-8")
    draft = tmp_path / "draft.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "complete" / "draft.yaml", draft)
    run = carekit("check", str(draft))
    _refused(run, words, "The configuration ")


@pytest.mark.parametrize("shape", SHAPE_IDS)
def test_journal_profile_on_the_command_line(tmp_path, shape):
    text, words = SHAPES[shape]
    profile = tmp_path / "hostile-profile.yaml"
    profile.write_text("name: hostile\n" + text, encoding="utf-8")
    run = carekit("check", "--journal", str(profile), str(ROOT / "tests" / "fixtures" / "complete"))
    _refused(run, words, "The journal profile ")


@pytest.mark.parametrize(
    "shape",
    ["compact sequences on one line", "nested complex keys", "a long text aliased 2,000 times"],
)
def test_checklist_on_the_command_line(tmp_path, shape):
    text, words = SHAPES[shape]
    checklist = tmp_path / "hostile-checklist.yaml"
    checklist.write_text("name: hostile\n" + text, encoding="utf-8")
    draft = ROOT / "tests" / "fixtures" / "complete" / "draft.yaml"
    run = carekit("check", "--checklist", str(checklist), str(draft))
    _refused(run, words, "The checklist ")


def test_a_template_folders_sections_file(tmp_path):
    template = tmp_path / "template"
    shutil.copytree(ROOT / "templates" / "default", template)
    (template / "sections.yaml").write_text("? " * 30_000 + "x\n", encoding="utf-8")
    draft = tmp_path / "draft.yaml"
    draft.write_text("carekit: 1\ntitle: Calcinosis cutis - a case report\n", encoding="utf-8")
    run = carekit("checklist", str(draft), "--template", str(template), "--to", "md")
    _refused(run, "nests more than 100 levels", "sections.yaml")


@pytest.mark.parametrize(
    "where, text",
    [
        (".carekit.yaml", f"journal: {HUGE_NUMBER}\n"),
        ("profile.yaml", f"name: hostile\nabstract:\n  max_words: {HUGE_NUMBER}\n"),
    ],
)
def test_a_5000_digit_number_in_a_data_file(tmp_path, where, text):
    (tmp_path / where).write_text(text, encoding="utf-8")
    draft = tmp_path / "draft.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "complete" / "draft.yaml", draft)
    args = ["--journal", str(tmp_path / where)] if where == "profile.yaml" else []
    run = carekit("check", *args, str(draft))
    _refused(run, "number of 5000 digits", where)


@pytest.mark.parametrize(
    "field",
    [
        "patient:\n  sex: female\n  age:\n    value: {n}\n    unit: years\n",
        "timeline:\n  - at: day {n}\n    event: Seen.\n",
    ],
)
def test_a_5000_digit_number_in_a_draft_is_a_finding(write_draft, field):
    draft = write_draft(
        "carekit: 1\ntitle: Calcinosis - a case report\n" + field.format(n=HUGE_NUMBER)
    )
    run = carekit("check", "-f", "json", str(draft))
    assert run.code in (1, 2), run.err
    messages = " ".join(f["message"] for f in run.json()["files"][0]["findings"])
    assert "far larger than any value in a case report" in messages


def test_a_5000_digit_lab_value_is_read_as_text(write_draft):
    lab = "diagnostics:\n  labs:\n    - test: Sodium\n      value: {n}\n      unit: mmol/L\n"
    draft = write_draft("carekit: 1\n" + lab.format(n=HUGE_NUMBER))
    run = carekit("check", "-f", "json", str(draft))
    assert run.code == 1 and "internal error" not in run.err, run.err


def test_watch_survives_a_draft_that_crashed_the_parser(tmp_path):
    draft = tmp_path / "draft.yaml"
    draft.write_text("carekit: 1\nkeywords:\n" + "- " * 30_000 + "x\n", encoding="utf-8")
    with watching(draft) as watch:
        # On the old code the process ended here with a segmentation fault.
        assert watch.url, f"carekit watch did not start (exit {watch.process.poll()})"
        with urllib.request.urlopen(watch.url, timeout=10) as response:
            page = response.read().decode("utf-8")
        assert "cannot be rendered yet" in page and "nests more than 100 levels" in page
    assert watch.process.returncode == 0, watch.err


def test_ordinary_drafts_and_data_files_pass_the_guard():
    """The pre-scan over-estimates nesting; the bundled files stay far below the bound."""
    from carekit.io.yamlguard import MAX_DEPTH, block_column, flow_depth

    files = [
        *ROOT.glob("examples/**/*.yaml"),
        *ROOT.glob("tests/fixtures/**/*.yaml"),
        *ROOT.glob("checklists/**/*.yaml"),
        *ROOT.glob("templates/**/*.yaml"),
    ]
    assert len(files) > 8
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert block_column(text)[0] // 2 + flow_depth(text, MAX_DEPTH)[0] <= 10, file
