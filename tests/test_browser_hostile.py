"""Hostile drafts in a real browser: opening their HTML makes no request at all.

Each draft below tries one way of making a reader's browser load something from the
network: a Markdown attribute with a CSS `url()`, a `srcset`, an SVG figure that points
elsewhere, markup in acknowledgements, a caption or a table. A loopback listener stands in
for the attacker's server; headless Chromium opens every rendered HTML file and runs it for
a few seconds of virtual time, and the listener must have seen nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_browser import CHROMIUM, run_page

from conftest import carekit

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (as root, `make test` installs it)"
)

SVG_POINTING_OUT = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="40" height="40"><rect width="40" height="40" fill="teal"/>'
    '<image xlink:href="{url}/svg-image.png" width="10" height="10"/>'
    '<style>@import url("{url}/svg-style.css");</style></svg>'
)

# One draft per attack; {url} is the listener's address.
HOSTILE_DRAFTS = {
    "style-attribute": (
        "introduction: |\n"
        '  A [plain word]{{style="background:url({url}/style-attr.png)"}} in the text.\n'
    ),
    "srcset-attribute": (
        "introduction: |\n"
        '  A [link](#case){{srcset="{url}/srcset.png 2x" src="{url}/src.png"}} here.\n'
    ),
    "acknowledgements": (
        "introduction: An ordinary introduction.\n"
        "declarations:\n"
        "  acknowledgements: |\n"
        '    Thanks to [the team]{{style="background-image:url({url}/ack.png)"}}.\n'
    ),
    "event-handler-attribute": (
        "introduction: |\n"
        "  Hover [here]{{onmouseover=\"fetch('{url}/handler')\" "
        "onclick=\"fetch('{url}/click')\"}}.\n"
    ),
    "raw-markup": (
        "introduction: |\n"
        "  Raw <img src={url}/raw.png> <link rel=stylesheet href={url}/raw.css>\n"
        "  <iframe src={url}/frame></iframe>\n"
        "  <script src={url}/script.js></script> [link]({url}/link) <{url}/autolink>\n"
    ),
    "svg-figure": (
        "introduction: See [@fig:outward].\n"
        "figures:\n"
        "  - {{id: outward, file: outward.svg, caption: An SVG that points elsewhere}}\n"
    ),
    "caption-attribute": (
        "introduction: See [@fig:plain].\n"
        "figures:\n"
        "  - id: plain\n"
        "    file: plain.svg\n"
        "    caption: 'A [caption]{{style=\"background:url({url}/caption.png)\"}}'\n"
    ),
}


def _render_html(folder: Path, body: str, url: str) -> Path:
    folder.mkdir()
    (folder / "outward.svg").write_text(SVG_POINTING_OUT.format(url=url), encoding="utf-8")
    (folder / "plain.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
        '<rect width="20" height="20"/></svg>',
        encoding="utf-8",
    )
    draft = folder / "draft.yaml"
    draft.write_text(
        "carekit: 1\ntitle: A hostile draft - a case report\n" + body.format(url=url),
        encoding="utf-8",
    )
    run = carekit("render", str(draft), "--to", "html")
    assert run.code in (0, 1), run.err
    return folder / "draft.html"


def test_no_hostile_draft_makes_the_browser_fetch_anything(tmp_path, listener):
    url, seen = listener
    fetched = {}
    for name, body in HOSTILE_DRAFTS.items():
        page = _render_html(tmp_path / name, body, url)
        run_page(tmp_path, page)
        if seen:
            fetched[name] = list(seen)
            seen.clear()
    assert fetched == {}, f"the browser fetched: {fetched}"
