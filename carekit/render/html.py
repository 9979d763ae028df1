"""Markdown -> semantic, self-contained HTML with markdown-it-py.

Raw HTML in the Markdown is not passed through (it prints as text), markdown-it drops
`javascript:` and similar links, attributes typed in the text keep only a plain `id` and
`class` (see htmlsafety), and every image is read through `Assets`, which serves
only generated figures and files inside the draft's folder, inlined as data: URIs so the
HTML opens from disk with nothing to fetch.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin

from carekit.render.assets import Assets
from carekit.render.fieldmarks import strip_fields
from carekit.render.htmlsafety import sanitize_attributes
from carekit.render.locations import place_marks

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_DIV_RE = re.compile(r"^\{#([A-Za-z0-9_-]+) \.(figure|table)\}$")
_SUPERSCRIPT_RE = re.compile(r"\^([^\s^]+)\^")


def _figure_container(kind: str) -> Callable:
    def validate(params: str, *args: Any) -> bool:
        match = _DIV_RE.match(params.strip())
        return bool(match and match[2] == kind)

    def render(renderer: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        if token.nesting == 1:
            anchor = _DIV_RE.match(token.info.strip())[1]
            return f'<figure id="{anchor}" class="{kind}">\n'
        return "</figure>\n"

    return lambda md: container_plugin(md, kind, validate=validate, render=render)


def _captions(state: StateCore) -> None:
    """Inside figure containers: unwrap the image paragraph; the caption becomes figcaption."""
    tokens = state.tokens
    depth = 0
    for i, token in enumerate(tokens):
        if token.type.startswith("container_") and token.type.endswith("_open"):
            depth += 1
        elif token.type.startswith("container_") and token.type.endswith("_close"):
            depth -= 1
        elif depth and token.type == "paragraph_open":
            inline = tokens[i + 1]
            images = [c for c in inline.children or [] if c.type == "image"]
            close = next(
                j for j in range(i + 1, len(tokens)) if tokens[j].type == "paragraph_close"
            )
            if images and len(inline.children) == 1:
                token.hidden = tokens[close].hidden = True
            else:
                token.tag = tokens[close].tag = "figcaption"


def _sections(state: StateCore) -> None:
    """Wrap the title block in <header> and each level-2 heading's part in <section>."""
    out: list[Token] = [Token("header_open", "header", 1)]
    open_tag = "header"
    for token in state.tokens:
        if token.type == "heading_open" and token.tag == "h2":
            out.append(Token(f"{open_tag}_close", open_tag, -1))
            section = Token("section_open", "section", 1)
            if token.attrs.get("id") == "references":
                section.attrSet("class", "references")
            out.append(section)
            open_tag = "section"
        out.append(token)
    out.append(Token(f"{open_tag}_close", open_tag, -1))
    state.tokens = out


def _superscripts(state: StateCore) -> None:
    """`^1,2^` (pandoc's superscript) in text becomes <sup>, for affiliation marks."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        for child in block.children:
            if child.type != "text" or "^" not in child.content:
                children.append(child)
                continue
            last = 0
            for match in _SUPERSCRIPT_RE.finditer(child.content):
                children.append(_text(child.content[last : match.start()]))
                children.extend(
                    [Token("sup_open", "sup", 1), _text(match[1]), Token("sup_close", "sup", -1)]
                )
                last = match.end()
            children.append(_text(child.content[last:]))
        block.children = children


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _embed_images(assets: Assets) -> Callable[[StateCore], None]:
    def rule(state: StateCore) -> None:
        for block in state.tokens:
            for child in block.children or []:
                if child.type == "image":
                    data, mime = assets.image(str(child.attrGet("src") or ""))
                    encoded = base64.b64encode(data).decode("ascii")
                    child.attrSet("src", f"data:{mime};base64,{encoded}")

    return rule


def _th_scope(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    tokens[idx].attrSet("scope", "col")
    return self.renderToken(tokens, idx, options, env)


def markdown_to_html(markdown: str, assets: Assets) -> str:
    """The article body as HTML; raises RenderError listing every refused image."""
    md = (
        MarkdownIt("commonmark", {"html": False, "typographer": False})
        .enable(["table", "strikethrough"])
        .use(attrs_plugin, spans=True, after=("link_close", "image"))
        .use(anchors_plugin, min_level=1, max_level=3)
        .use(_figure_container("figure"))
        .use(_figure_container("table"))
    )
    md.core.ruler.after("inline", "carekit_attributes", sanitize_attributes)
    md.core.ruler.push("carekit_superscripts", _superscripts)
    md.core.ruler.push("carekit_captions", _captions)
    md.core.ruler.push("carekit_sections", _sections)
    md.core.ruler.push("carekit_images", _embed_images(assets))
    md.core.ruler.push("carekit_locations", place_marks)  # after captions: it adds spans
    md.add_render_rule("th_open", _th_scope)
    html = md.render(strip_fields(markdown))  # the import marks are for Markdown and Word
    assets.raise_refused()
    return html
