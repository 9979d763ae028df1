"""`carekit lsp` spoken to over stdio by a real LSP client (pygls's), as an editor would:
the diagnostics are `carekit check`'s findings, they follow the edits, hover explains,
the quick fixes produce drafts that load, and no document can stop the server."""

from __future__ import annotations

import asyncio
import inspect
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lsp_client import Session
from lsprotocol import types

from conftest import ROOT, SEED_000, carekit

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

SEVERITY = {1: "error", 2: "warning", 3: "info"}


def as_found(diagnostic: types.Diagnostic) -> tuple:
    """A diagnostic in `carekit check --format json` terms (1-based lines and columns)."""
    r = diagnostic.range
    return (
        diagnostic.code,
        SEVERITY[diagnostic.severity],
        r.start.line + 1,
        r.start.character + 1,
        r.end.line + 1,
        r.end.character + 1,
    )


def checked(draft: Path, cwd: Path | None = None) -> list[tuple]:
    run = carekit("check", "--format", "json", str(draft), **({"cwd": cwd} if cwd else {}))
    [file] = run.json()["files"]
    keys = ("rule", "severity", "line", "column", "end_line", "end_column")
    return [tuple(f[k] for k in keys) for f in file["findings"]]


def session(test):
    """Run an async test body with a started server; it must shut down cleanly."""

    def run(*args, **kwargs):
        async def body():
            lsp = Session()
            await lsp.start()
            try:
                await test(lsp, *args, **kwargs)
            finally:
                code = await lsp.stop()
            assert code == 0  # shutdown, then exit: a clean end

        asyncio.run(body())

    run.__name__ = test.__name__
    # pytest passes the fixtures the test names after the session (e.g. tmp_path).
    signature = inspect.signature(test)
    run.__signature__ = signature.replace(parameters=list(signature.parameters.values())[1:])
    return run


def doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri)


async def actions_at(lsp: Session, uri: str, line: int) -> dict[str, types.CodeAction]:
    here = types.Range(types.Position(line, 0), types.Position(line, 0))
    found = await lsp.client.text_document_code_action_async(
        types.CodeActionParams(doc(uri), here, types.CodeActionContext(diagnostics=[]))
    )
    return {action.title: action for action in found or []}


def applied(text: str, action: types.CodeAction, uri: str) -> str:
    """The text after the action's edit (one insertion or replacement)."""
    [edit] = action.edit.changes[uri]
    lines = text.splitlines(keepends=True)
    start = sum(map(len, lines[: edit.range.start.line])) + edit.range.start.character
    end = sum(map(len, lines[: edit.range.end.line])) + edit.range.end.character
    return text[:start] + edit.new_text + text[end:]


@session
async def test_diagnostics_are_the_checks_findings_and_follow_each_change(lsp: Session):
    uri, text = SEED_000.as_uri(), SEED_000.read_text(encoding="utf-8")
    lsp.open(uri, text)
    found = [as_found(d) for d in await lsp.diagnostics_for(uri)]
    expected = checked(SEED_000)
    assert found == expected and len(found) > 10
    keywords = [f for f in found if f[0] == "care-item-missing" and f[2] == 17]
    assert keywords  # seed-000 has `keywords: []`
    fixed = text.replace("keywords: []", "keywords: [calcinosis cutis, calcium gluconate, infant]")
    lsp.change(uri, fixed)
    after = [as_found(d) for d in await lsp.diagnostics_for(uri)]
    assert after == [f for f in expected if f not in keywords]


@session
async def test_configuration_and_the_drafts_journal_apply_as_in_check(lsp: Session, tmp_path):
    (tmp_path / ".carekit.yaml").write_text(
        "ignore: [lab-reference-range]\nseverity: {drug-administration: warning}\n"
    )
    draft = tmp_path / "case.yaml"
    draft.write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    uri = draft.as_uri()
    lsp.open(uri, draft.read_text(encoding="utf-8"))
    found = [as_found(d) for d in await lsp.diagnostics_for(uri)]
    assert found == checked(draft, tmp_path)
    assert not [f for f in found if f[0] == "lab-reference-range"]
    assert {f[1] for f in found if f[0] == "drug-administration"} == {"warning"}
    # The journal written in the editor decides, as the draft's `journal:` does for check.
    other = draft.read_text(encoding="utf-8").replace("journal: jmcr", "journal: care")
    lsp.change(uri, other)
    found = [as_found(d) for d in await lsp.diagnostics_for(uri)]
    draft.write_text(other, encoding="utf-8")
    assert found == checked(draft, tmp_path)


@session
async def test_hover_explains_the_key_its_care_item_and_the_rule(lsp: Session):
    uri, text = SEED_000.as_uri(), SEED_000.read_text(encoding="utf-8")
    lsp.open(uri, text)
    await lsp.diagnostics_for(uri)
    lines = text.splitlines()
    line = lines.index("  presenting_concern: |")
    shown = await lsp.client.text_document_hover_async(
        types.HoverParams(doc(uri), types.Position(line, 5))
    )
    assert "CARE 5b" in shown.contents.value and "presenting complaint" in shown.contents.value
    # On the line where the missing keywords are reported: the rule's explanation.
    line = lines.index("keywords: []")
    shown = await lsp.client.text_document_hover_async(
        types.HoverParams(doc(uri), types.Position(line, 3))
    )
    assert "care-item-missing" in shown.contents.value
    assert "Every CARE item is reported" in shown.contents.value


@session
async def test_quick_fixes_insert_a_skeleton_a_reason_stub_and_a_suppression(lsp: Session):
    uri, text = SEED_000.as_uri(), SEED_000.read_text(encoding="utf-8")
    lsp.open(uri, text)
    before = [as_found(d) for d in await lsp.diagnostics_for(uri)]
    consent = text.splitlines().index("consent:")
    offered = await actions_at(lsp, uri, consent)
    skeleton = offered["Insert the `patient_perspective:` skeleton (CARE 12)"]
    new = applied(text, skeleton, uri)
    assert "\npatient_perspective:\n\nconsent:" in new  # where the format puts it
    lsp.change(uri, new)
    after = [as_found(d) for d in await lsp.diagnostics_for(uri)]
    assert not [f for f in after if f[0] in ("yaml-syntax", "schema-type", "schema-key")]
    assert len(after) == len(before)  # the section is there, still empty: still missing

    stub = offered["Say why CARE 12 (Patient perspective) does not apply, under not_reported:"]
    lsp.change(uri, applied(text, stub, uri))
    after = [d for d in await lsp.diagnostics_for(uri)]
    assert not [d for d in after if d.code == "care-item-missing" and d.range.start.line == consent]
    assert [d for d in after if d.code == "not-reported-item" and "no reason" in d.message]

    lab = next(f for f in before if f[0] == "lab-reference-range")
    lsp.change(uri, text)  # back to the original draft
    await lsp.diagnostics_for(uri)
    offered = await actions_at(lsp, uri, lab[2] - 1)
    silence = offered["Silence lab-reference-range on this line"]
    lsp.change(uri, applied(text, silence, uri))
    after = [as_found(d) for d in await lsp.diagnostics_for(uri)]
    assert after == [f for f in before if f != lab]  # gone, and no unused-suppression


@session
async def test_skeletons_build_a_whole_draft_in_the_formats_order(lsp: Session, tmp_path):
    """Taking the first skeleton offered again and again, from a bare draft: every
    insertion loads, lands in the format's order, and keeps the author's lines."""
    text = "carekit: 1\ntitle: A case report\n# my note\nreferences: []\n"
    uri = (tmp_path / "draft.yaml").as_uri()
    lsp.open(uri, text)
    await lsp.diagnostics_for(uri)
    inserted = []
    for _ in range(40):
        everywhere = types.Range(types.Position(0, 0), types.Position(10_000, 0))
        found = await lsp.client.text_document_code_action_async(
            types.CodeActionParams(doc(uri), everywhere, types.CodeActionContext(diagnostics=[]))
        )
        skeletons = [a for a in found or [] if a.title.startswith("Insert the")]
        if not skeletons:
            break
        inserted.append(skeletons[0].title)
        text = applied(text, skeletons[0], uri)
        lsp.change(uri, text)
        got = await lsp.diagnostics_for(uri)
        assert not [d for d in got if d.code in ("yaml-syntax", "schema-key", "schema-type")]
    assert len(inserted) >= 10
    top = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert top[:3] == ["carekit", "title", "keywords"]
    assert top.index("patient") < top.index("timeline") < top.index("consent")
    assert top[-1] == "references" and "# my note\nreferences: []" in text


TEXT_BLOCK = """\
carekit: 1
title: A case report
patient:
  presenting_concern: |
    A rash; her telephone number 0161 496 0732 is in the notes.
"""


@session
async def test_a_suppression_is_never_written_into_the_text(lsp: Session, tmp_path):
    """A `#` inside a block of text is text: the suppression goes to the whole file, and
    what the draft says stays the same."""
    draft = tmp_path / "draft.yaml"
    draft.write_text(TEXT_BLOCK, encoding="utf-8")
    uri = draft.as_uri()
    lsp.open(uri, TEXT_BLOCK)
    phone = [d for d in await lsp.diagnostics_for(uri) if d.code == "privacy-phone"]
    assert phone and phone[0].range.start.line == 4
    offered = await actions_at(lsp, uri, 4)
    [title] = [t for t in offered if t.startswith("Silence privacy-phone")]
    assert "whole file" in title
    new = applied(TEXT_BLOCK, offered[title], uri)
    assert new.endswith(TEXT_BLOCK) and new.startswith("# carekit: disable-file=privacy-phone\n")
    lsp.change(uri, new)
    assert not [d for d in await lsp.diagnostics_for(uri) if d.code == "privacy-phone"]


@session
async def test_broken_documents_become_diagnostics_and_the_server_keeps_serving(lsp: Session):
    uri, text = SEED_000.as_uri(), SEED_000.read_text(encoding="utf-8")
    lsp.open(uri, text)
    expected = [as_found(d) for d in await lsp.diagnostics_for(uri)]
    half = text.replace("title: Iatrogenic", 'title: "Iatrogenic', 1)  # an unclosed quote
    for broken, rule in (
        (half, "yaml-syntax"),
        ("carekit: 1\npatient:\n  age: 9 mon\n  sex: [fe", "yaml-syntax"),
        ("carekit: 1\ntitle: x\n" + "\x00\x01\x02\ufffd\x7f" * 200, "draft-unreadable"),
        ("carekit: 1\ntitle: \x1b[31m\x07\n", "yaml-syntax"),
        ("carekit: 1\n" + "- [" * 5000, None),  # deep nesting: refused, not a crash
        ("carekit: 1\n\ud800\n", None),
        ("", None),
    ):
        lsp.change(uri, broken)
        got = await lsp.diagnostics_for(uri)
        assert got, broken[:40]  # something is always said about a broken document
        if rule:
            assert (got[0].code, got[0].severity) == (rule, 1), (broken[:40], got[0])
        assert not [d for d in got if d.code == "internal-error"], got
        # Every other request still answers.
        await lsp.client.text_document_hover_async(
            types.HoverParams(doc(uri), types.Position(1, 1))
        )
        await lsp.client.text_document_document_symbol_async(types.DocumentSymbolParams(doc(uri)))
        await lsp.client.text_document_completion_async(
            types.CompletionParams(doc(uri), types.Position(1, 0))
        )
        await actions_at(lsp, uri, 1)
    lsp.change(uri, text)
    assert [as_found(d) for d in await lsp.diagnostics_for(uri)] == expected


@session
async def test_completion_and_outline_come_from_the_format(lsp: Session, tmp_path):
    text = "carekit: 1\npatient:\n  sex: \n  \nconsent:\n  given_by: \nnot_reported:\n  \n"
    uri = (tmp_path / "draft.yaml").as_uri()
    lsp.open(uri, text)
    await lsp.diagnostics_for(uri)

    async def labels(line: int, character: int) -> list[str]:
        found = await lsp.client.text_document_completion_async(
            types.CompletionParams(doc(uri), types.Position(line, character))
        )
        return [item.label for item in found.items]

    assert await labels(2, 7) == ["female", "male", "intersex", "not stated"]
    keys = await labels(3, 2)
    assert "presenting_concern" in keys and "sex" not in keys and "title" not in keys
    assert await labels(5, 12) == ["patient", "parent", "guardian", "next of kin"]
    assert "12" in await labels(7, 2) and "9b" in await labels(7, 2)
    symbols = await lsp.client.text_document_document_symbol_async(
        types.DocumentSymbolParams(doc(uri))
    )
    named = {s.name: s for s in symbols}
    assert named["consent"].detail.startswith("CARE 13")
    assert named["patient"].detail.startswith("CARE 5a")
    assert [c.name for c in named["patient"].children] == ["sex"]


@session
async def test_yaml_that_is_not_a_draft_gets_nothing(lsp: Session, tmp_path):
    """Editors hand every YAML file to the server: a workflow file gets no draft findings,
    keys or fixes."""
    other = (tmp_path / "ci.yaml").as_uri()
    lsp.open(other, "name: ci\non: push\njobs:\n  \n")
    found = await lsp.client.text_document_completion_async(
        types.CompletionParams(doc(other), types.Position(3, 2))
    )
    assert not (found and found.items)
    assert (
        await lsp.client.text_document_hover_async(
            types.HoverParams(doc(other), types.Position(0, 1))
        )
        is None
    )
    draft = (tmp_path / "draft.yaml").as_uri()
    lsp.open(draft, "carekit: 1\ntitle: A case report\n")
    assert await lsp.diagnostics_for(draft)
    assert other not in lsp.seen


EDITORS = ROOT / "editors"


@pytest.fixture
def carekit_on_path(tmp_path: Path) -> dict[str, str]:
    """An environment whose `carekit` is this checkout's, as an editor would find it."""
    wrapper = tmp_path / "bin" / "carekit"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m carekit "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    path = f"{wrapper.parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return {**os.environ, "PATH": path, "PYTHONPATH": str(ROOT)}


def test_helix_configuration_starts_carekit_lsp():
    config = tomllib.loads((EDITORS / "helix" / "languages.toml").read_text(encoding="utf-8"))
    server = config["language-server"]["carekit"]
    assert [server["command"], *server["args"]] == ["carekit", "lsp"]
    assert "carekit" in config["language"][0]["language-servers"]


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed")
def test_the_neovim_setup_shows_the_findings(carekit_on_path):
    done = subprocess.run(
        [
            "nvim",
            "--headless",
            "--clean",
            "-c",
            f"luafile {EDITORS / 'neovim' / 'carekit.lua'}",
            "-c",
            f"edit {SEED_000}",
            "-c",
            f"luafile {EDITORS / 'neovim' / 'check-headless.lua'}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=carekit_on_path,
        cwd=ROOT,
    )
    expected = len(checked(SEED_000))
    assert f"diagnostics: {expected}; first: carekit line 17" in done.stdout, done
    assert "action: Insert the `patient_perspective:` skeleton" in done.stdout


@pytest.mark.skipif(shutil.which("emacs") is None, reason="Emacs is not installed")
def test_the_emacs_eglot_setup_shows_the_findings(carekit_on_path):
    done = subprocess.run(
        [
            "emacs",
            "--batch",
            "-l",
            str(EDITORS / "emacs" / "carekit.el"),
            "-l",
            str(EDITORS / "emacs" / "check-batch.el"),
            str(SEED_000),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=carekit_on_path,
        cwd=ROOT,
    )
    if "Cannot open load file" in done.stderr:  # no eglot or yaml-mode in this Emacs
        pytest.skip("eglot or yaml-mode is not installed")
    assert f"eglot: {len(checked(SEED_000))} diagnostics" in done.stdout, done
