"""The .md file works outside carekit: pandoc and Quarto read its metadata, a CommonMark
viewer shows no pandoc-only syntax, and every image path resolves from the output folder
(the drafts' figures once pointed back into the draft's folder as `../../examples/...`)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import ROOT, SEED_000, SEED_004, carekit

FIDELITY = ROOT / "tests" / "fixtures" / "fidelity" / "draft.yaml"
COMPLETE = ROOT / "tests" / "fixtures" / "complete" / "draft.yaml"
DRAFTS = {"seed-000": SEED_000, "seed-004": SEED_004, "fidelity": FIDELITY, "complete": COMPLETE}
TEMPLATES = ("default", "jmcr", "bmj-case-reports")


def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Each draft rendered with each template into a folder away from the draft."""
    found = {}
    for name, draft in DRAFTS.items():
        for template in TEMPLATES:
            out = tmp_path_factory.mktemp(f"{name}-{template}") / "deep" / "out"
            args = ("--to", "md", "--template", template, "-o", str(out))
            run = carekit("render", str(draft), *args)
            assert run.code == 0, run.err
            found[name, template] = out / "draft.md"
    return found


CASES = [(name, template) for name in DRAFTS for template in TEMPLATES]


@pytest.mark.parametrize(("name", "template"), CASES)
def test_pandoc_reads_title_authors_and_abstract(outputs, name, template):
    ast = json.loads(
        subprocess.run(
            [_pandoc(), "-f", "markdown", "-t", "json", str(outputs[name, template])],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    meta = ast["meta"]
    assert {"title", "author", "abstract", "lang"} <= set(meta), sorted(meta)
    if name in ("fidelity", "complete"):
        assert "keywords" in meta
    if name == "fidelity":
        affiliations = [a["c"]["name"] for a in meta["affiliations"]["c"]]
        assert [_plain(a) for a in affiliations][0].startswith("Department of Medicine")


def _plain(meta: dict) -> str:
    """The words of a pandoc metadata value."""
    out = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Str":
                out.append(node["c"])
            elif node.get("t") == "Space":
                out.append(" ")
            else:
                walk(node.get("c"))
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(meta)
    return "".join(out)


@pytest.mark.parametrize(("name", "template"), CASES)
def test_no_pandoc_only_syntax_for_a_commonmark_viewer(outputs, name, template):
    from markdown_it import MarkdownIt

    text = outputs[name, template].read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    assert not [line for line in body.splitlines() if line.startswith(":::")]
    assert "]{#" not in body and "{#" not in body
    # What a CommonMark viewer shows (raw HTML allowed, as GitHub and most viewers do).
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(body)
    shown = re.sub(r"<[^>]+>", "", html)
    assert ":::" not in shown and "{#" not in shown
    assert not re.search(r"\^[^\s^]+\^", shown), "pandoc superscripts printed literally"


@pytest.mark.parametrize(("name", "template"), CASES)
def test_every_image_resolves_from_the_output_folder(outputs, name, template):
    markdown = outputs[name, template]
    folder = markdown.parent.resolve()
    sources = re.findall(r"!\[(?:\\.|[^\]\\])*\]\(([^)\s]+)\)", markdown.read_text("utf-8"))
    assert sources or name == "seed-004"
    for src in sources:
        path = (folder / unquote(src)).resolve()
        assert path.is_relative_to(folder), f"{src} leaves the output folder"
        assert path.is_file(), f"{src} does not exist beside the Markdown"


def test_pandoc_sees_the_same_figures_tables_and_reference_anchors(outputs):
    """The portable syntax gives pandoc the divs and spans the pandoc syntax gave."""
    ast = subprocess.run(
        [_pandoc(), "-f", "markdown", "-t", "json", str(outputs["fidelity", "default"])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # (the timeline is a table by default: no fig-timeline)
    for anchor in ("tbl-timeline", "tbl-labs", "tbl-interventions", "fig-leg"):
        assert re.search(rf'"t":"Div","c":\[\["{anchor}",\["(figure|table)"\]', ast), anchor
    assert '"t":"Span","c":[["ref-1",[],[]],[]]' in ast
    assert "<sup>" not in ast  # affiliation marks are superscript digits, kept everywhere


def test_figures_inside_the_output_folder_are_not_copied(tmp_path):
    """Rendered beside the draft, the figure paths stay the draft's own."""
    import shutil

    folder = tmp_path / "case"
    shutil.copytree(FIDELITY.parent, folder)
    assert carekit("render", str(folder / "draft.yaml"), "--to", "md").code == 0
    text = (folder / "draft.md").read_text(encoding="utf-8")
    assert "](figures/hand-swelling.svg)" in text
    assert not (folder / "draft-figures").exists()
