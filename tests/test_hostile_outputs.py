"""Attacks on what carekit writes (issue #10, classes 2, 11 and 12): a draft must not make
`submit` or `render` write outside the output folder, over the draft or an author's file,
or leave a mix of old and new files; a write that fails is explained in plain words."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, carekit

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
TIMELINE = (
    "timeline:\n"
    "  - {at: day 0, event: Presented with a rash.}\n"
    "  - {at: day 3, event: Discharged home.}\n"
    "timeline_as: both\n"  # the generated figure is drawn only when it is shown
)


def _case(folder: Path, text: str, name: str = "draft.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    draft = folder / name
    draft.write_text(f"carekit: 1\ntitle: A rash - a case report\n{text}", encoding="utf-8")
    return draft


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


# -- class 2: figure ids become file names -------------------------------------------


def test_a_figure_id_cannot_write_outside_the_pack(tmp_path):
    case = tmp_path / "case"
    (case / "hand.svg").parent.mkdir(parents=True)
    (case / "hand.svg").write_text(SVG, encoding="utf-8")
    evil = "../../../../escaped"
    draft = _case(
        case,
        f"introduction: As shown [@fig:{evil}].\n"
        f"figures:\n  - {{id: '{evil}', file: hand.svg, caption: A hand.}}\n",
    )
    check = carekit("check", str(draft))
    assert "`figures[0].id` is '../../../../escaped', which is not an id" in check.out
    assert "letters, digits, -, _ and ." in check.out
    run = carekit("submit", str(draft), "-o", str(tmp_path / "pack"), "--force")
    assert run.code == 0, run.err
    outside = [p for p in tmp_path.rglob("*") if "escaped" in p.name]
    assert outside == []
    assert not (tmp_path / "pack" / "figures").exists()  # the figure is left out


@pytest.mark.parametrize("odd", ["a/b", "my figure", ".hidden", "-x", "x" * 65, "ümlaut"])
def test_unsafe_ids_are_findings_and_ordinary_ids_still_load(tmp_path, odd):
    ordinary = ["hand", "xray-1", "CT_2", "fig.3", "12"]
    figures = "".join(f"  - {{id: '{i}', file: hand.svg}}\n" for i in [*ordinary, odd])
    draft = _case(tmp_path, f"figures:\n{figures}tables:\n  - {{id: '{odd}'}}\n  - {{id: t1}}\n")
    (tmp_path / "hand.svg").write_text(SVG, encoding="utf-8")
    run = carekit("check", "-f", "json", str(draft))
    bad = [f for f in run.json()["files"][0]["findings"] if "id" in f["message"]]
    places = {(f["line"], f["rule"]) for f in bad if f["rule"] == "schema-value"}
    assert (3 + len(ordinary) + 1, "schema-value") in places  # the odd figure id
    assert (3 + len(ordinary) + 3, "schema-value") in places  # the odd table id
    assert len(places) == 2  # the ordinary ids are fine
    assert "internal-error" not in run.out


def test_a_symlinked_folder_in_the_pack_is_not_written_through(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    (case / "hand.svg").write_text(SVG, encoding="utf-8")
    draft = _case(case, "figures:\n  - {id: hand, file: hand.svg}\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "figures").symlink_to(elsewhere, target_is_directory=True)
    run = carekit("submit", str(draft), "-o", str(pack), "--force")
    assert run.code == 2
    assert "is a link or a file, not a folder" in run.err and "bug" not in run.err
    assert list(elsewhere.iterdir()) == []
    assert [p.name for p in pack.iterdir()] == ["figures"]  # nothing written at all


def test_an_output_that_is_a_symlink_is_not_written_through(tmp_path):
    draft = _case(tmp_path / "case", "")
    secret = tmp_path / "secret.txt"
    secret.write_text("keep me", encoding="utf-8")
    (tmp_path / "case" / "draft.md").symlink_to(secret)
    run = carekit("render", str(draft), "--to", "md,html")
    assert run.code == 2 and "symbolic link" in run.err
    assert secret.read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "case" / "draft.html").exists()  # all or nothing


# -- class 11: output failures in plain words --------------------------------------------


def test_output_naming_a_file_is_a_plain_message(tmp_path):
    draft = _case(tmp_path / "case", "")
    existing = tmp_path / "notes.txt"
    existing.write_text("mine", encoding="utf-8")
    for command in (["render", str(draft), "--to", "md"], ["submit", str(draft), "--force"]):
        run = carekit(*command, "-o", str(existing))
        assert run.code == 2, run.err
        assert "names a file" in run.err and "bug in carekit" not in run.err
    run = carekit("render", str(draft), "--to", "md", "-o", str(existing / "inside"))
    assert run.code == 2 and "bug in carekit" not in run.err
    assert "a file stands where a folder is needed" in run.err
    assert existing.read_text(encoding="utf-8") == "mine"


def _limit_file_size(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_mid_render_keeps_every_old_output(tmp_path):
    """The file-size limit stands in for a full disk: writes past it fail (EFBIG) the way
    they fail with ENOSPC, after the smaller outputs were already written."""
    draft = _case(tmp_path, TIMELINE)
    assert carekit("render", str(draft), "--to", "md,html,pdf").code == 0
    before = _files(tmp_path)
    assert len(before["draft.html"]) < len(before["draft.pdf"])
    limit = (len(before["draft.html"]) + len(before["draft.pdf"])) // 2
    draft.write_text(draft.read_text().replace("A rash", "A new rash"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "carekit", "render", str(draft), "--to", "md,html,pdf"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_file_size(limit),
    )
    assert "Traceback" not in done.stderr
    assert done.returncode == 2, done.stderr
    assert "disk is full" in done.stderr and "Nothing was changed" in done.stderr
    assert "bug in carekit" not in done.stderr
    after = _files(tmp_path)
    assert {k: v for k, v in after.items() if k != "draft.yaml"} == {
        k: v for k, v in before.items() if k != "draft.yaml"
    }  # no new HTML beside the old PDF, and no temporaries


def test_temporaries_of_an_interrupted_run_are_removed_next_time(tmp_path):
    draft = _case(tmp_path, "")
    stale = [tmp_path / ".draft.md.k3j4h5g6.carekit-tmp", tmp_path / ".draft.html.ab12cd34.tmp"]
    fresh = tmp_path / ".draft.md.zz99yy88.carekit-tmp"  # another render writing right now
    for path in [*stale, fresh]:
        path.write_bytes(b"half a manuscript")
    hour_ago = time.time() - 3600
    for path in stale:
        os.utime(path, (hour_ago, hour_ago))
    assert carekit("render", str(draft), "--to", "md,html").code == 0
    assert [p.exists() for p in stale] == [False, False]
    assert fresh.exists()


# -- class 12: never over a file carekit did not write --------------------------------------


def test_render_refuses_to_overwrite_a_draft_named_like_an_output(tmp_path):
    text = "carekit: 1\ntitle: A rash - a case report\n"
    draft = tmp_path / "case.md"
    draft.write_text(text, encoding="utf-8")
    run = carekit("render", str(draft), "--to", "md,html")
    assert run.code == 2 and "one of this draft's own files" in run.err
    assert draft.read_text(encoding="utf-8") == text
    assert not (tmp_path / "case.html").exists()
    # A draft `x.md` sitting in the output folder of another draft `x.yaml`:
    other = _case(tmp_path / "src", "", name="case.yaml")
    run = carekit("render", str(other), "--to", "md", "-o", str(tmp_path))
    assert run.code == 2 and "carekit did not write it" in run.err
    assert draft.read_text(encoding="utf-8") == text


def test_render_refuses_to_overwrite_an_authors_timeline_figure(tmp_path):
    draft = _case(tmp_path, TIMELINE)
    mine = tmp_path / "draft-timeline.svg"
    mine.write_text(SVG, encoding="utf-8")
    run = carekit("render", str(draft), "--to", "md")
    assert run.code == 2, run.err
    assert "draft-timeline.svg already exists and carekit did not write it" in run.err
    assert mine.read_text(encoding="utf-8") == SVG
    assert not (tmp_path / "draft.md").exists()


def test_carekit_replaces_its_own_outputs_with_or_without_its_record(tmp_path):
    draft = _case(tmp_path, TIMELINE)
    for _ in range(2):
        run = carekit("render", str(draft), "--to", "md,html,pdf,docx")
        assert run.code == 0, run.err
    assert (tmp_path / ".carekit-outputs").read_text().split() == [
        "draft-timeline.svg",
        "draft.docx",
        "draft.html",
        "draft.md",
        "draft.pdf",
    ]
    (tmp_path / ".carekit-outputs").unlink()  # as a folder rendered by an older carekit
    run = carekit("render", str(draft), "--to", "md,html,pdf,docx")
    assert run.code == 0, run.err
