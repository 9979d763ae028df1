"""A hostile draft: nothing executes, nothing outside its folder is read, nothing is fetched."""

from __future__ import annotations

from pathlib import Path

import tinyhtml5

from conftest import carekit

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
    '<rect width="20" height="20"/></svg>'
)


def _hostile_text(url: str) -> str:
    return (
        "carekit: 1\n"
        'title: "<script>alert(1)</script> {{ 7*7 }} {% if true %}EVALUATED{% endif %}"\n'
        "introduction: |\n"
        "  Raw <img src=x onerror=alert(1)> and <b>bold</b>.\n"
        "  A [link](javascript:alert(1)), an <javascript:alert(2)> autolink and {{ 6*7 }}.\n"
        f"  An inline image ![x]({url}/inline.png) and [@fig:a].\n"
    )


def test_hostile_paths_are_refused_with_a_message_each(tmp_path, listener):
    url, seen = listener
    folder = tmp_path / "draft"
    folder.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.svg").write_text(SVG.replace("<rect", "<!-- SECRET --><rect"))
    (folder / "linked.svg").symlink_to(outside / "secret.svg")
    figures = {
        "a": "../../etc/passwd",
        "b": "/etc/passwd",
        "c": "linked.svg",
        "d": f"{url}/remote.png",
        "e": "file:///etc/passwd",
    }
    text = (
        _hostile_text(url)
        + "figures:\n"
        + "".join(
            f"  - {{id: {k}, file: '{v}', caption: figure {k}}}\n" for k, v in figures.items()
        )
    )
    (folder / "draft.yaml").write_text(text, encoding="utf-8")
    (folder / "draft.html").write_text("previous output", encoding="utf-8")

    run = carekit("render", str(folder / "draft.yaml"), "--to", "md,html,pdf")
    assert run.code == 2
    for reason in (
        "figure 'a': ../../etc/passwd lies outside the draft's folder",
        "figure 'b': /etc/passwd is an absolute path",
        "figure 'c': linked.svg lies outside the draft's folder",
        f"figure 'd': {url}/remote.png is a URL",
        "figure 'e': file:///etc/passwd is a URL",
        f"{url}/inline.png is a URL",
    ):
        assert reason in run.err, reason
    assert seen == []
    # Nothing was written, and the previous output is intact.
    assert sorted(p.name for p in folder.iterdir()) == ["draft.html", "draft.yaml", "linked.svg"]
    assert (folder / "draft.html").read_text(encoding="utf-8") == "previous output"


def test_hostile_text_prints_literally_and_runs_nothing(tmp_path, listener):
    url, seen = listener
    folder = tmp_path / "draft"
    folder.mkdir()
    (folder / "a.svg").write_text(SVG)
    text = _hostile_text(url).replace(f"![x]({url}/inline.png)", "no image")
    text += "figures:\n  - {id: a, file: a.svg, caption: '<script>x()</script> {{ 1+1 }}'}\n"
    (folder / "draft.yaml").write_text(text, encoding="utf-8")

    run = carekit("render", str(folder / "draft.yaml"), "--to", "md,html,pdf")
    assert run.code == 0, run.err
    page = tinyhtml5.parse((folder / "draft.html").read_text(encoding="utf-8"))
    assert list(page.iter(f"{XHTML}script")) == []
    assert all("onerror" not in e.attrib for e in page.iter())
    hrefs = [a.attrib.get("href", "") for a in page.iter(f"{XHTML}a")]
    assert not [h for h in hrefs if h.lower().startswith("javascript")]
    body = "".join(page.find(f".//{XHTML}article").itertext())
    assert "<script>alert(1)</script> {{ 7*7 }} {% if true %}EVALUATED{% endif %}" in body
    assert "{{ 6*7 }}" in body and "42" not in body and "49" not in body
    assert "<img src=x onerror=alert(1)>" in body
    assert "{{ 1+1 }}" in body
    assert seen == []


def test_svg_figure_pointing_at_the_network_cannot_fetch(tmp_path, listener):
    url, seen = listener
    folder = tmp_path / "draft"
    folder.mkdir()
    (folder / "evil.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="20" height="20"><image xlink:href="{url}/tracker.png" width="20" height="20"/>'
        "</svg>"
    )
    (folder / "draft.yaml").write_text(
        "carekit: 1\nintroduction: See [@fig:e].\n"
        "figures:\n  - {id: e, file: evil.svg, caption: An SVG that points elsewhere}\n",
        encoding="utf-8",
    )
    run = carekit("render", str(folder / "draft.yaml"), "--to", "pdf")
    assert run.code == 2
    assert "The PDF refused to load what a figure points to" in run.err
    assert f"{url}/tracker.png" in run.err
    assert seen == []
    assert not (folder / "draft.pdf").exists()


def test_outputs_are_replaced_atomically(tmp_path):
    folder = tmp_path / "draft"
    folder.mkdir()
    draft = folder / "draft.yaml"
    draft.write_text("carekit: 1\ntitle: First version - a case report\n", encoding="utf-8")
    assert carekit("render", str(draft), "--to", "md").code == 0
    first = (folder / "draft.md").read_text(encoding="utf-8")
    draft.write_text(
        "carekit: 1\ntitle: Second - a case report\nintroduction: '![x](/etc/passwd)'\n",
        encoding="utf-8",
    )
    assert carekit("render", str(draft), "--to", "md,html").code == 2
    assert (folder / "draft.md").read_text(encoding="utf-8") == first
    hidden = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    assert hidden == [".carekit-outputs"]  # the record of what carekit wrote; no temp files
    assert draft.read_text(encoding="utf-8").startswith("carekit: 1\ntitle: Second")


def test_render_never_changes_the_draft(tmp_path):
    folder = tmp_path / "draft"
    folder.mkdir()
    draft = folder / "draft.yaml"
    original = "carekit: 1  # format\ntitle: A case report of X   # the title\n"
    draft.write_text(original, encoding="utf-8")
    assert carekit("render", str(draft), "--to", "md,html").code == 0
    assert draft.read_text(encoding="utf-8") == original
    assert Path(draft).stat().st_size == len(original.encode())
