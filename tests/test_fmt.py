"""`carekit fmt`: only the intended lines change; comments survive byte for byte."""

from __future__ import annotations

from collections import Counter

from conftest import EXAMPLES, ROOT, carekit

MESSY = """\
# My draft: comments everywhere\r
carekit: 1

# the title, checked by CARE 1
title: Calcinosis cutis - a case report   # keep this

timeline:
  # the earliest event?
  - at: day 0
    event: Swelling.   # second in time
  - at: day -30
    event: |
      Calcium infusion.

      Second paragraph.
  # note: X-ray
  - {at: week 2, event: X-ray}

keywords: [a, b]  # two
diagnostics:
  labs:
    - {test: Sodium, value: 139, unit: mmol/l, reference_range: 135-145}
    - test: Creatinine
      value: 14
      unit: "umol/L"   # from the lab
"""


def test_fmt_changes_only_the_intended_lines(write_draft):
    draft = write_draft(MESSY)
    run = carekit("fmt", str(draft))
    assert run.code == 0, run.err
    after = draft.read_bytes().decode("utf-8")
    before_lines = Counter(MESSY.splitlines(keepends=True))
    after_lines = Counter(after.splitlines(keepends=True))
    removed, added = before_lines - after_lines, after_lines - before_lines
    assert set(removed) == {
        "    - {test: Sodium, value: 139, unit: mmol/l, reference_range: 135-145}\n",
        '      unit: "umol/L"   # from the lab\n',
    }
    assert set(added) == {
        "    - {test: Sodium, value: 139, unit: mmol/L, reference_range: 135-145}\n",
        '      unit: "µmol/L"   # from the lab\n',
    }
    for line in MESSY.splitlines(keepends=True):  # every comment, byte for byte
        if "#" in line and "unit" not in line:
            assert line in after
    assert after.index("keywords:") < after.index("timeline:") < after.index("diagnostics:")
    assert after.index("- at: day -30") < after.index("# the earliest event?\n  - at: day 0")
    assert "unit 'mmol/l' -> 'mmol/L'" in run.out
    check = carekit("check", "-f", "json", "--select", "timeline-order", str(draft))
    assert check.json()["files"][0]["findings"] == []
    assert carekit("fmt", "--check", str(draft)).code == 0  # a second run changes nothing


def test_check_and_diff_change_nothing(write_draft):
    draft = write_draft(MESSY)
    run = carekit("fmt", "--check", str(draft))
    assert run.code == 1 and "would change" in run.out
    diff = carekit("fmt", "--diff", str(draft))
    assert diff.code == 1
    assert "-    - {test: Sodium, value: 139, unit: mmol/l" in diff.out
    assert "+    - {test: Sodium, value: 139, unit: mmol/L" in diff.out
    assert draft.read_bytes() == MESSY.encode("utf-8")


def test_timeline_that_cannot_be_ordered_is_left_alone(write_draft):
    text = "carekit: 1\ntimeline:\n  - {date: 2021-03-02, event: a}\n  - {at: day -3, event: b}\n"
    draft = write_draft(text)
    assert carekit("fmt", str(draft)).code == 0
    assert draft.read_text(encoding="utf-8") == text


def test_bundled_drafts_are_already_formatted():
    run = carekit("fmt", "--check", str(EXAMPLES), str(ROOT / "tests" / "fixtures" / "complete"))
    assert run.code == 0, run.out


def test_fmt_refuses_a_broken_file(write_draft):
    draft = write_draft("carekit: 1\ntitle: a: b\n")
    run = carekit("fmt", str(draft))
    assert run.code == 2 and "cannot be formatted until it can be read" in run.err
    assert draft.read_text(encoding="utf-8") == "carekit: 1\ntitle: a: b\n"


# -- attacks (issue #10, class 12): fmt must never write a draft it cannot read back ------


def test_fmt_refuses_to_move_an_alias_above_its_anchor(write_draft):
    text = (
        "carekit: 1\ntitle: T - a case report\nconclusion: &lesson Check the drip site.\n"
        "introduction: *lesson\n"
    )
    draft = write_draft(text)
    run = carekit("fmt", str(draft))
    assert run.code == 2 and "left as it is" in run.err and "alias" in run.err
    assert draft.read_text(encoding="utf-8") == text
    assert carekit("fmt", "--check", str(draft)).code == 2


def test_fmt_refuses_to_move_sections_after_an_end_marker(write_draft):
    text = "carekit: 1\nconclusion: Check the drip site.\ntitle: T - a case report\n...\n"
    draft = write_draft(text)
    run = carekit("fmt", str(draft))
    assert run.code == 2 and "left as it is" in run.err
    assert draft.read_text(encoding="utf-8") == text


def test_fmt_writes_through_a_symlinked_draft(tmp_path):
    real = tmp_path / "drafts" / "case.yaml"
    real.parent.mkdir()
    real.write_text(MESSY, encoding="utf-8")
    link = tmp_path / "case.yaml"
    link.symlink_to(real)
    assert carekit("fmt", str(link)).code == 0
    assert link.is_symlink() and link.resolve() == real
    assert "unit: mmol/L" in real.read_text(encoding="utf-8")


def test_fmt_keeps_crlf_line_endings(write_draft):
    text = "carekit: 1\nconclusion: Check the drip site.\ntitle: T - a case report\n"
    draft = write_draft(text.replace("\n", "\r\n").encode("utf-8"))
    assert carekit("fmt", str(draft)).code == 0
    after = draft.read_bytes()
    assert after.index(b"title:") < after.index(b"conclusion:")  # it did reorder
    assert after.count(b"\n") == after.count(b"\r\n") >= 3  # no bare "\n" added


def test_fmt_refuses_a_binary_file_and_a_runaway_nesting_with_the_loaders_message(write_draft):
    binary = write_draft(b"carekit: 1\ntitle: a\x00b\n", name="binary.yaml")
    nested = write_draft("carekit: 1\nkeywords:\n" + "- " * 30_000 + "x\n", name="nested.yaml")
    for draft, reason in ((binary, "binary file"), (nested, "nests more than 100 levels")):
        before = draft.read_bytes()
        run = carekit("fmt", str(draft))
        assert run.code == 2 and "cannot be formatted" in run.err and reason in run.err, run.err
        assert draft.read_bytes() == before
