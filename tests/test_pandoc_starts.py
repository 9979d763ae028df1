"""pandoc starts once per step of a render, not once per file: the reference list is one
run, and every conversion made from the finished Markdown is one more.

A stand-in `pypandoc` package put first on the path hands carekit a pandoc that writes a
line to a log, then runs the real one: the log counts the starts.
"""

from __future__ import annotations

import os
import shutil
import stat

import pytest

from carekit.render.pandoc import pandoc_binary
from conftest import ROOT, carekit

EXAMPLE = ROOT / "examples" / "seed-000-calcinosis-infant"


@pytest.fixture
def counted(tmp_path):
    """(environment whose pandoc logs its starts, log file, copy of the example)."""
    log = tmp_path / "starts.log"
    package = tmp_path / "fake" / "pypandoc"
    (package / "files").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    wrapper = package / "files" / "pandoc"
    # `exec -a "$0"` keeps the name it was called by: pandoc serves CGI as pandoc-server.cgi.
    wrapper.write_text(f'#!/bin/bash\necho "$(basename "$0")" >> {log}\n'
                       f'exec -a "$0" {pandoc_binary()} "$@"\n')  # fmt: skip
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    draft = tmp_path / "case" / "draft.yaml"
    shutil.copytree(EXAMPLE, draft.parent)
    path = os.pathsep.join(filter(None, [str(tmp_path / "fake"), os.environ.get("PYTHONPATH")]))
    return {"PYTHONPATH": path}, log, draft


def _starts(log) -> list[str]:
    return log.read_text().split() if log.exists() else []


def test_a_submission_pack_starts_pandoc_twice(counted, tmp_path):
    """Four Word files (manuscript, checklist, title page, cover letter) and the
    reference list: one citeproc run and one batch (it was five starts)."""
    env, log, draft = counted
    result = carekit("submit", str(draft), "-o", str(tmp_path / "pack"), "--force", env=env)
    assert result.code in (0, 1), result.err
    assert sorted(p.name for p in (tmp_path / "pack").glob("*.docx")) == [
        "care-checklist.docx",
        "cover-letter.docx",
        "manuscript.docx",
        "title-page.docx",
    ]
    assert _starts(log) == ["pandoc", "pandoc-server.cgi"]


@pytest.mark.parametrize("formats", ["docx", "html,pdf,docx,md"])
def test_a_render_starts_pandoc_once_for_references_and_once_for_word(counted, formats):
    env, log, draft = counted
    result = carekit("render", str(draft), "--to", formats, env=env)
    assert result.code in (0, 1), result.err
    assert (draft.parent / "draft.docx").stat().st_size > 10_000
    assert _starts(log) == ["pandoc", "pandoc-server.cgi"]


def test_html_alone_starts_pandoc_once(counted):
    env, log, draft = counted
    assert carekit("render", str(draft), "--to", "html", env=env).code in (0, 1)
    assert _starts(log) == ["pandoc"]


def test_jats_and_word_with_a_bibtex_file_start_pandoc_twice(counted):
    """JATS needs the body converted and the BibTeX file read as CSL data, Word its own
    conversion: all three in the one batch after the reference list (it was four)."""
    env, log, draft = counted
    shutil.copy(ROOT / "tests" / "data" / "refs" / "refs.bib", draft.parent / "refs.bib")
    text = draft.read_text(encoding="utf-8")
    draft.write_text(
        text + "\nbibliography: refs.bib\n"
        "patient_perspective: As reported before [@gagnier2013; @kasper2015].\n",
        encoding="utf-8",
    )
    result = carekit("render", str(draft), "--to", "jats,docx", env=env)
    assert result.code in (0, 1), result.err
    xml = (draft.parent / "draft.xml").read_text(encoding="utf-8")
    assert "<element-citation" in xml and "Kasper" in xml
    assert _starts(log) == ["pandoc", "pandoc-server.cgi"]


def test_the_batch_reads_no_file_and_fetches_nothing(tmp_path):
    """pandoc's server interface is as closed as `--sandbox`: an image or a reference
    document named by path, or by URL, is not read, whatever the Markdown says."""
    import io
    import zipfile

    from carekit.render.assets import RenderError
    from carekit.render.pandoc import run_batch

    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n" + b"secret" * 100)
    text = f"![a]({secret})\n\n![b][r]\n\n[r]: file://{secret}\n\n![c](http://127.0.0.1:9/x.png)\n"
    (docx,) = run_batch([{"text": text, "from": "markdown", "to": "docx"}], "a test")
    names = zipfile.ZipFile(io.BytesIO(docx)).namelist()
    assert not [name for name in names if name.startswith("word/media/")]
    with pytest.raises(RenderError, match="not found"):
        run_batch([{"text": "x", "from": "markdown", "to": "docx",
                    "reference-doc": str(secret)}], "a test")  # fmt: skip
