"""Hostile inputs to the renderer: each is an attack that once crashed, hung or fetched.

Work is bounded by limits (an SVG's <use> fan-out, a bibliography's size), so the tests
assert the limit's message, never a duration.
"""

from __future__ import annotations

import http.server
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
import tinyhtml5

from conftest import carekit

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
    '<rect width="20" height="20"/></svg>'
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]  # fmt: skip
# Every attribute the HTML may carry (besides <meta>): markdown-it's own and a plain id/class.
ALLOWED = {"lang", "charset", "name", "content", "class", "id", "href", "src", "alt", "title",
           "scope", "aria-hidden", "start", "style", "role", "aria-labelledby"}  # fmt: skip


@pytest.fixture
def listener():
    """A server on loopback that records every request; nothing should ever reach it."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            seen.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()


def _folder(tmp_path: Path, draft: str, files: dict[str, str | bytes] | None = None) -> Path:
    folder = tmp_path / "case"
    folder.mkdir()
    for name, content in (files or {}).items():
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            (folder / name).write_text(content, encoding="utf-8")
    path = folder / "draft.yaml"
    path.write_text("carekit: 1\ntitle: A hostile case report\n" + draft, encoding="utf-8")
    return path


# --- timeline anchors: a long chain is followed without recursion ---------------------


def test_a_thousand_chained_anchors_render(tmp_path):
    # Each entry counts from the next one, so placing the first walks the whole chain.
    lines = [f"  - {{id: e{i}, at: 1 day before e{i + 1}, event: step {i}}}" for i in range(1500)]
    lines.append("  - {id: e1500, at: day 0, event: presentation}")
    draft = _folder(tmp_path, "timeline:\n" + "\n".join(lines) + "\n")
    run = carekit("render", str(draft), "--to", "md")
    assert run.code == 0, run.err
    markdown = (draft.parent / "draft.md").read_text(encoding="utf-8")
    assert "step 0" in markdown and "step 1499" in markdown
    assert carekit("fmt", "--check", str(draft)).code in (0, 1)


def test_an_anchor_cycle_is_reported_not_followed(tmp_path):
    draft = _folder(
        tmp_path,
        "timeline:\n"
        "  - {id: a, at: 1 day after b, event: first}\n"
        "  - {id: b, at: 1 day after a, event: second}\n"
        "  - {id: c, at: day 0, event: presentation}\n",
    )
    run = carekit("render", str(draft), "--to", "md")
    assert run.code == 0, run.err
    assert "presentation" in (draft.parent / "draft.md").read_text(encoding="utf-8")


# --- Markdown attributes: nothing in draft text can make the HTML fetch --------------


def _attribute_attack(url: str) -> str:
    return (
        "introduction: |\n"
        f'  A [span]{{style="background:url({url}/span.png)"}} and a\n'
        f'  [link](#x){{srcset="{url}/link.png" href="javascript:alert(1)" #ok .fine}}.\n'
        f'  See [@fig:a] and ![inline](a.svg){{srcset="{url}/img.png 2x" '
        f'style="background:url({url}/img-style.png)" id="x onmouseover=alert(1)"}}.\n'
        "declarations:\n"
        f"  acknowledgements: We thank [the team]{{style=\"background-image:url('{url}/ack')\"}}"
        f' and [them]{{data="{url}/data"}}.\n'
        "figures:\n"
        f"  - {{id: a, file: a.svg, caption: '[c]{{poster=\"{url}/poster.png\"}} caption'}}\n"
    )


def test_markdown_attributes_cannot_reach_the_network(tmp_path, listener):
    url, seen = listener
    draft = _folder(tmp_path, _attribute_attack(url), {"a.svg": SVG})
    run = carekit("render", str(draft), "--to", "html")
    assert run.code == 0, run.err
    html = (draft.parent / "draft.html").read_text(encoding="utf-8")
    page = tinyhtml5.parse(html)
    for element in page.iter():
        for name, value in element.attrib.items():
            if element.tag == f"{XHTML}meta":
                continue
            assert name in ALLOWED, (element.tag, name, value)
            if name != "alt":  # text, never loaded
                assert url not in value and "javascript" not in value, (name, value)
    assert 'id="ok"' in html and 'class="fine"' in html  # harmless attributes stay
    policy = [
        m.attrib["content"]
        for m in page.iter(f"{XHTML}meta")
        if m.attrib.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy and policy[0].startswith("default-src 'none'")

    if CHROMIUM:  # a real browser opening the page asks the listener for nothing
        subprocess.run(
            [CHROMIUM, *BROWSER_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
             "--virtual-time-budget=3000", "--dump-dom", (draft.parent / "draft.html").as_uri()],
            capture_output=True, timeout=120,
        )  # fmt: skip
    assert seen == []


def test_csp_stops_a_template_that_loads_from_the_network(tmp_path, listener):
    # Defence in depth: even markup the sanitiser never sees (here a template folder's
    # own document) cannot load, because the policy comes first in <head>.
    url, seen = listener
    template = tmp_path / "tpl"
    template.mkdir()
    (template / "manuscript.md.j2").write_text("# {{ title }}\n", encoding="utf-8")
    (template / "document.html.j2").write_text(
        f'<!DOCTYPE html><html><head><link rel="stylesheet" href="{url}/style.css">'
        f'</head><body><img src="{url}/beacon.png">{{{{ body }}}}</body></html>',
        encoding="utf-8",
    )
    draft = _folder(tmp_path, "")
    run = carekit("render", str(draft), "--to", "html", "--template", str(template))
    assert run.code == 0, run.err
    html = (draft.parent / "draft.html").read_text(encoding="utf-8")
    assert html.index("Content-Security-Policy") < html.index(f"{url}/style.css")
    if not CHROMIUM:
        pytest.skip("Chromium is not installed")
    subprocess.run(
        [CHROMIUM, *BROWSER_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
         "--virtual-time-budget=3000", "--dump-dom", (draft.parent / "draft.html").as_uri()],
        capture_output=True, timeout=120,
    )  # fmt: skip
    assert seen == []


def test_check_reports_loading_attributes_in_every_field(tmp_path):
    draft = _folder(tmp_path, _attribute_attack("https://tracker.example"), {"a.svg": SVG})
    run = carekit("check", str(draft), "--format", "json", "--select", "markup-attribute")
    findings = run.json()["files"][0]["findings"]
    lines = sorted({f["line"] for f in findings if f["severity"] == "error"})
    text = draft.read_text(encoding="utf-8").splitlines()
    assert [text[n - 1].split(":")[0].strip() for n in lines] == [
        "A [span]{style=\"background",
        "[link](#x){srcset=\"https",
        "See [@fig",
        "acknowledgements",
        "- {id",
    ]
    assert run.code == 1
