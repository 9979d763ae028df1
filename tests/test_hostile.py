"""Hostile and malformed input: each attack is blocked or bounded, with a clear message.

(The renderer's own hostile draft, with script tags, template syntax, javascript: links,
path traversal, symlinks and network and file: URLs, is in test_render_hostile.py.)
"""

from __future__ import annotations

import os
import struct
import threading
import zlib

import pytest
from pypdf import PdfReader

from conftest import ROOT, carekit

COMPLETE = ROOT / "tests" / "fixtures" / "complete" / "draft.yaml"


def _only(run) -> dict:
    (finding,) = run.json()["files"][0]["findings"]
    return finding


@pytest.mark.parametrize(
    "text, message",
    [
        ("[" * 50_000 + "]" * 50_000, "nests more than 100 levels deep"),
        ("a:\n" + "".join(" " * (2 * i) + "b:\n" for i in range(1, 400)), "nests more than"),
    ],
)
def test_deep_nesting_is_refused_before_parsing(write_draft, text, message):
    run = carekit("check", "-f", "json", str(write_draft(text)))
    assert run.code == 2 and message in _only(run)["message"]


def test_file_size_cap(write_draft):
    draft = write_draft("carekit: 1\nintroduction: '" + "x" * (6 * 1024 * 1024) + "'\n")
    run = carekit("check", "-f", "json", str(draft))
    assert run.code == 2 and "larger than 5 MiB" in _only(run)["message"]


def test_very_long_line_and_string_are_handled(write_draft):
    draft = write_draft("carekit: 1\nintroduction: '" + "word " * 400_000 + "'\n")
    run = carekit("check", "-f", "json", "--select", "care-item-missing", str(draft))
    assert run.code == 1
    assert run.json()["files"][0]["stats"]["section_words"]["Introduction"] == 400_000


def test_billion_laughs_is_bounded(write_draft):
    lines = ["carekit: 1", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    lines.append("keywords: *i")
    run = carekit("check", "-f", "json", str(write_draft("\n".join(lines) + "\n")))
    assert run.code in (1, 2)
    messages = " ".join(f["message"] for f in run.json()["files"][0]["findings"])
    assert "far more entries than a case report" in messages or "should be" in messages


@pytest.mark.parametrize(
    "raw, code, words",
    [
        (b"\xef\xbb\xbfcarekit: 1\ntitle: With a BOM - a case report\n", 1, None),
        ("carekit: 1\ntitle: Caf\u00e9 - a case report\n".encode("utf-16"), 1, None),
        ("carekit: 1\ntitle: Caf\u00e9\n".encode("latin-1"), 2, "not UTF-8"),
        (b"carekit: 1\ntitle: nul\x00byte\n", 2, "binary"),
    ],
)
def test_encodings(write_draft, raw, code, words):
    run = carekit("check", "-f", "json", str(write_draft(raw)))
    assert run.code == code
    if words:
        assert words in _only(run)["message"]


def test_a_folder_and_a_fifo_are_refused(tmp_path):
    run = carekit("check", "-f", "json", str(tmp_path / "."))
    assert run.code == 2 and "No drafts in" in run.err
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    run = carekit("check", "-f", "json", str(fifo))  # must not block reading the pipe
    assert run.code == 2 and "not a regular file" in _only(run)["message"]


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + width // 8)
    body = b"".join(compressor.compress(row * 1000) for _ in range(height // 1000))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
        + chunk(b"IDAT", body + compressor.flush())
        + chunk(b"IEND", b"")
    )


def test_decompression_bomb_is_never_decoded(tmp_path):
    (tmp_path / "bomb.png").write_bytes(_png(30_000, 30_000))  # 900 megapixels, ~100 kB
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        "carekit: 1\nintroduction: See [@fig:b].\n"
        "figures: [{id: b, file: bomb.png, caption: A bomb}]\n"
    )
    check = carekit("check", "-f", "json", "--select", "figure-file", str(draft))
    assert "far too large" in _only(check)["message"]
    run = carekit("render", str(draft), "--to", "html,pdf,docx")
    assert run.code == 2 and "bomb.png is far too large" in run.err


def test_huge_svg_is_bounded_in_word(tmp_path):
    (tmp_path / "huge.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200000" height="200000">'
        '<rect width="200000" height="200000"/></svg>'
    )
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        "carekit: 1\nintroduction: See [@fig:h].\n"
        "figures: [{id: h, file: huge.svg, caption: Huge}]\n"
    )
    assert carekit("render", str(draft), "--to", "docx").code == 0
    assert (tmp_path / "draft.docx").stat().st_size < 5_000_000


def test_ten_thousand_references(tmp_path):
    references = "".join(
        f"  - {{id: r{i}, authors: [Author A], title: Title {i}, journal: J, year: 2020}}\n"
        for i in range(10_000)
    )
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        "carekit: 1\nintroduction: Cited [@r1; @r2; @r3; @r9999].\nreferences:\n" + references
    )
    run = carekit(
        "check", "-f", "json", "--select", "reference-uncited,citation-unresolved", str(draft)
    )
    assert len(run.json()["files"][0]["findings"]) == 9_996
    render = carekit("render", str(draft), "--to", "md")
    assert render.code == 0
    markdown = (tmp_path / "draft.md").read_text()
    assert "Cited \\[[1](#ref-1)–[4](#ref-4)\\]" in markdown
    assert '10000. <span id="ref-10000"></span>' in markdown


def test_two_renders_into_one_folder_leave_valid_files(tmp_path):
    outputs = []

    def render():
        outputs.append(carekit("render", str(COMPLETE), "-o", str(tmp_path), "--to", "html,pdf"))

    threads = [threading.Thread(target=render) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [run.code for run in outputs] == [0, 0]
    assert len(PdfReader(tmp_path / "draft.pdf").pages) > 3
    assert (tmp_path / "draft.html").read_text().rstrip().endswith("</html>")
    hidden = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert hidden == [".carekit-outputs"]  # the record of what carekit wrote; no temporaries


def test_no_command_changes_the_draft_unless_asked(tmp_path):
    import shutil

    folder = tmp_path / "case"
    shutil.copytree(COMPLETE.parent, folder)
    draft = folder / "draft.yaml"
    before = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    for command in (
        ["check", str(draft)],
        ["render", str(draft), "-o", str(tmp_path / "o")],
        ["checklist", str(draft), "-o", str(tmp_path / "o")],
        ["submit", str(draft), "-o", str(tmp_path / "p"), "--force"],
        ["fmt", "--check", str(draft)],
        ["fmt", "--diff", str(draft)],
        ["scrub", str(draft), "-o", str(tmp_path / "s")],
        ["config", str(draft)],
        ["explain", "7"],
    ):
        assert carekit(*command).code in (0, 1), command
    after = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before


def test_an_interrupted_render_leaves_the_previous_outputs(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    assert carekit("render", str(COMPLETE), "-o", str(tmp_path), "--to", "html,pdf").code == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "carekit",
            "render",
            str(COMPLETE),
            "-o",
            str(tmp_path),
            "--to",
            "html,pdf",
            "--review",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.0)  # inside the layout: nothing is written before every output is built
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert "Traceback" not in err
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    if process.returncode == 130:  # interrupted: the old files are untouched
        assert after == before
    else:  # it finished first (the signal may land as the interpreter exits, on a busy
        # machine): new, complete files and nothing half-written
        assert process.returncode in (0, -signal.SIGINT) and set(after) == set(before)
    assert [name for name in after if name.startswith(".")] == [".carekit-outputs"]
