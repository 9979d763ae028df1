"""Hostile inputs to the renderer: each is an attack that once crashed, hung or fetched.

Work is bounded by limits (an SVG's <use> fan-out, a bibliography's size), so the tests
assert the limit's message, never a duration.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tinyhtml5
from test_browser import CHROMIUM, run_page

from conftest import carekit, watching

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
    '<rect width="20" height="20"/></svg>'
)
# Every attribute the HTML may carry (besides <meta>): markdown-it's own and a plain id/class.
ALLOWED = {
    "lang",
    "charset",
    "name",
    "content",
    "class",
    "id",
    "href",
    "src",
    "alt",
    "title",
    "scope",
    "aria-hidden",
    "start",
    "style",
    "role",
    "aria-labelledby",
}


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
        run_page(tmp_path, draft.parent / "draft.html")
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
    run_page(tmp_path, draft.parent / "draft.html")
    assert seen == []


def test_check_reports_loading_attributes_in_every_field(tmp_path):
    draft = _folder(tmp_path, _attribute_attack("https://tracker.example"), {"a.svg": SVG})
    run = carekit("check", str(draft), "--format", "json", "--select", "markup-attribute")
    findings = run.json()["files"][0]["findings"]
    lines = sorted({f["line"] for f in findings if f["severity"] == "error"})
    text = draft.read_text(encoding="utf-8").splitlines()
    assert [text[n - 1].split(":")[0].strip() for n in lines] == [
        'A [span]{style="background',
        '[link](#x){srcset="https',
        "See [@fig",
        "acknowledgements",
        "- {id",
    ]
    assert run.code == 1


# --- figures that would keep a renderer busy for minutes -----------------------------


def _nested_use_svg(levels: int = 9, fan_out: int = 10) -> str:
    """A ~2 kB SVG that draws fan_out ** levels rectangles: groups of <use> of groups."""
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="20" height="20"><defs><g id="l0"><rect width="1" height="1"/></g>'
    ]
    for level in range(1, levels + 1):
        uses = f'<use xlink:href="#l{level - 1}"/>' * fan_out
        parts.append(f'<g id="l{level}">{uses}</g>')
    parts.append(f'</defs><use xlink:href="#l{levels}"/></svg>')
    return "".join(parts)


FIGURE_DRAFT = (
    "introduction: See [@fig:a].\nfigures:\n  - {id: a, file: a.svg, caption: A figure}\n"
)


def test_nested_use_svg_is_refused_before_drawing(tmp_path):
    svg = _nested_use_svg()
    assert len(svg) < 3000
    draft = _folder(tmp_path, FIGURE_DRAFT, {"a.svg": svg})
    for to in ("pdf", "docx", "html"):
        run = carekit("render", str(draft), "--to", to)
        assert run.code == 2, (to, run.err)
        assert "a.svg cannot be drawn safely" in run.err
        assert "more than 100,000 elements" in run.err
    assert not list(draft.parent.glob("draft.*[!l]"))  # no pdf, docx or html written
    check = carekit("check", str(draft), "--format", "json", "--select", "figure-file")
    (finding,) = check.json()["files"][0]["findings"]
    assert "cannot be drawn safely" in finding["message"]


def test_svg_with_entities_or_reference_cycles_is_refused(tmp_path):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
    )
    cycle = (
        '<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><use href="#b"/></g>'
        '<g id="b"><use href="#a"/></g></svg>'
    )
    draft = _folder(
        tmp_path,
        "introduction: See [@fig:a] and [@fig:b].\nfigures:\n"
        "  - {id: a, file: a.svg, caption: Entities}\n  - {id: b, file: b.svg, caption: Cycle}\n",
        {"a.svg": laughs, "b.svg": cycle},
    )
    run = carekit("render", str(draft), "--to", "pdf")
    assert run.code == 2
    assert "a.svg cannot be drawn safely: it declares its own DTD" in run.err
    assert "b.svg cannot be drawn safely: an element refers back to itself" in run.err


def test_an_ordinary_svg_with_a_doctype_line_still_renders(tmp_path):
    svg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + _nested_use_svg(3, 10)
    )
    draft = _folder(tmp_path, FIGURE_DRAFT, {"a.svg": svg})
    run = carekit("render", str(draft), "--to", "html,docx")
    assert run.code == 0, run.err


# --- references that would take minutes to decode -----------------------------------


def test_bibtex_field_of_megabytes_is_refused(tmp_path):
    bib = "@article{big,\n title={" + "\\'e" * 1_000_000 + "},\n year={2020}\n}\n"
    draft = _folder(
        tmp_path, "introduction: As shown [@big].\nbibliography: refs.bib\n", {"refs.bib": bib}
    )
    run = carekit("render", str(draft), "--to", "md")
    assert run.code == 2
    assert "the field 'title' of entry 'big' is 3,000,000 characters long" in run.err


def test_bibtex_with_too_much_text_overall_is_refused(tmp_path):
    entry = "@article{{k{0},\n title={{" + "T\\'itle " * 1100 + "}},\n year={{2020}}\n}}\n"
    bib = "".join(entry.format(i) for i in range(120))  # each field under the limit
    draft = _folder(
        tmp_path, "introduction: As shown [@k1].\nbibliography: refs.bib\n", {"refs.bib": bib}
    )
    run = carekit("render", str(draft), "--to", "md")
    assert run.code == 2
    assert "more than 1,000,000 characters of text" in run.err


def test_long_abstracts_in_an_export_are_ignored_not_decoded(tmp_path):
    # Reference managers export abstracts; carekit prints none, so their length is no
    # reason to refuse (and they are never decoded).
    bib = (
        "@article{k1,\n title={A t\\'itle},\n author={Smith, Jane},\n journal={J Case Rep},\n"
        " year={99999999999999999999999999999999999999},\n"
        " abstract={" + "An abstract. " * 5000 + "}\n}\n"
    )
    draft = _folder(
        tmp_path, "introduction: As shown [@k1].\nbibliography: refs.bib\n", {"refs.bib": bib}
    )
    run = carekit("render", str(draft), "--to", "md")
    assert run.code == 0, run.err
    markdown = (draft.parent / "draft.md").read_text(encoding="utf-8")
    assert "Smith J. A títle. J Case Rep" in markdown
    assert "An abstract" not in markdown


# --- Word output and wrongly typed references: messages, not internal errors --------


def test_word_output_takes_tall_svg_webp_and_a_long_timeline(tmp_path):
    from PIL import Image

    webp = tmp_path / "fig.webp"
    Image.new("RGB", (40, 30), "white").save(webp, "WEBP")
    tall = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="100000"><rect '
        'width="10" height="100000"/></svg>'
    )
    timeline = "".join(f"  - {{at: day {i}, event: Event number {i}}}\n" for i in range(200))
    draft = _folder(
        tmp_path,
        "introduction: See [@fig:tall] and [@fig:webp].\nfigures:\n"
        "  - {id: tall, file: tall.svg, caption: A tall figure}\n"
        "  - {id: webp, file: fig.webp, caption: A WebP figure}\n"
        "timeline_as: both\ntimeline:\n" + timeline,
        {"tall.svg": tall, "fig.webp": webp.read_bytes()},
    )
    run = carekit("render", str(draft), "--to", "docx")
    assert run.code == 0, run.err
    import docx

    document = docx.Document(str(draft.parent / "draft.docx"))
    pictures = document.inline_shapes
    assert len(pictures) == 3  # the two figures and the timeline figure
    page = docx.shared.Cm(20.5)
    assert all(0 < shape.height <= page and 0 < shape.width <= page for shape in pictures)
    assert "Event number 199" in "\n".join(c.text for t in document.tables for c in t._cells)


CSL_ATTACKS = {
    "author as text": ({"author": "Smith J"}, "has `author` as a text"),
    "author not a name": ({"author": [{"family": ["Smith"]}]}, "has an author that is not"),
    "issued as a number": ({"issued": 2020}, "has `issued` as a number"),
    "date-parts as text": ({"issued": {"date-parts": "2020"}}, "has `issued` as a mapping"),
    "title as a list": ({"title": ["A", "B"]}, "has `title` as a list"),
    "volume as a mapping": ({"volume": {"n": 1}}, "has `volume` as a mapping"),
    "id as a list": ({"id": ["k1"]}, "has an `id` that is not text"),
}


@pytest.mark.parametrize("attack", list(CSL_ATTACKS))
def test_wrongly_typed_csl_json_is_a_message(tmp_path, attack):
    import json

    fields, expected = CSL_ATTACKS[attack]
    item = {"id": "k1", "title": "A title", **fields}
    draft = _folder(
        tmp_path,
        "introduction: As shown [@k1].\nbibliography: refs.json\n",
        {"refs.json": json.dumps([item])},
    )
    run = carekit("render", str(draft), "--to", "md")
    assert run.code == 2
    assert expected in run.err and "internal error" not in run.err
    check = carekit("check", str(draft))
    assert expected in " ".join(check.out.split()) and "internal error" not in check.err


def test_csl_json_with_a_huge_integer_or_deep_nesting_is_a_message(tmp_path):
    draft = _folder(
        tmp_path,
        "introduction: As shown [@k1].\nbibliography: refs.json\n",
        {"refs.json": '[{"id": "k1", "volume": ' + "9" * 5000 + "}]"},
    )
    run = carekit("render", str(draft), "--to", "md")
    assert run.code == 2 and "refs.json holds a value carekit cannot read" in run.err
    (draft.parent / "refs.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    run = carekit("render", str(draft), "--to", "md")
    assert run.code == 2 and "refs.json is nested too deeply" in run.err


def test_csl_json_numbers_where_text_is_expected_just_work(tmp_path):
    import json

    item = {
        "id": 7,
        "title": "A title",
        "volume": 12,
        "page": 3,
        "issued": {"date-parts": [[2020]]},
        "author": [{"family": "Smith", "given": "J"}],
    }
    draft = _folder(
        tmp_path,
        "introduction: As shown [@7].\nbibliography: refs.json\n",
        {"refs.json": json.dumps([item])},
    )
    run = carekit("render", str(draft), "--to", "md")
    assert run.code == 0, run.err
    assert "Smith J. A title." in (draft.parent / "draft.md").read_text(encoding="utf-8")


def test_the_preview_policy_still_lets_the_reload_script_run(tmp_path):
    # The preview page carries carekit's reload script; the page's policy allows exactly
    # that script (by hash) and nothing else.
    import base64
    import hashlib
    import re
    import urllib.request

    draft = _folder(tmp_path, "introduction: Some text.\n")
    with watching(draft) as watch:
        assert watch.url
        with urllib.request.urlopen(watch.url, timeout=10) as response:
            page = response.read().decode("utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)[1]
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", page, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy and "img-src data:" in policy
