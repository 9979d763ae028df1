"""pandoc's JSON syntax tree back to the Markdown a draft field holds.

The text is copied, never rewritten: words, numbers and punctuation come through as
pandoc read them; only markup is spelt the way a draft writes it (`*x*`, `**x**`,
`^x^`). Links to places inside the manuscript keep their words and drop the target.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Node = dict[str, Any]


_WRAP = {"Emph": "*", "Strong": "**", "Superscript": "^", "Subscript": "~", "Strikeout": "~~"}
_QUOTES = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}
_CONTAINERS = {"Underline", "SmallCaps", "Span"}


def inline_text(inlines: list[Node]) -> str:
    """Markdown text of a list of inline nodes."""
    return "".join(_inline(node) for node in inlines)


def _inline(node: Node) -> str:
    kind, content = node.get("t"), node.get("c")
    if kind == "Str":
        return content
    if kind in ("Space", "SoftBreak"):
        return " "
    if kind == "LineBreak":
        return "\n"
    if kind in _WRAP:
        inner = inline_text(content)
        return f"{_WRAP[kind]}{inner}{_WRAP[kind]}" if inner.strip() else inner
    if kind in _CONTAINERS:
        return inline_text(content[-1] if kind == "Span" else content)
    if kind == "Quoted":
        opening, closing = _QUOTES.get(content[0]["t"], ('"', '"'))
        return f"{opening}{inline_text(content[1])}{closing}"
    if kind == "Cite":
        return inline_text(content[1])
    if kind == "Link":
        words, (target, _title) = inline_text(content[1]), content[2]
        return words if target.startswith("#") or not target else f"[{words}]({target})"
    if kind == "Image":
        return inline_text(content[1])
    if kind == "Code":
        return f"`{content[1]}`"
    if kind == "Math":
        return f"${content[1]}$"
    if kind == "RawInline":
        return content[1] if content[0] in ("html", "markdown", "tex", "latex") else ""
    return ""  # Note: footnotes are gathered separately (see `notes`)


def notes(inlines: list[Node]) -> list[list[Node]]:
    """The footnotes inside a run of inlines, as lists of blocks."""
    found = []
    for node in inlines:
        if node.get("t") == "Note":
            found.append(node["c"])
        elif node.get("t") in _WRAP or node.get("t") in ("Underline", "SmallCaps"):
            found += notes(node["c"])
    return found


def block_text(block: Node) -> str:
    """Markdown text of one block (a paragraph, a list, a quotation...)."""
    kind, content = block.get("t"), block.get("c")
    if kind in ("Para", "Plain"):
        return inline_text(content).strip()
    if kind == "LineBlock":
        return "\n".join(inline_text(line) for line in content)
    if kind == "BulletList":
        return "\n".join(_item("- ", item) for item in content)
    if kind == "OrderedList":
        start = content[0][0]
        return "\n".join(_item(f"{start + n}. ", item) for n, item in enumerate(content[1]))
    if kind == "BlockQuote":
        return "\n".join(f"> {line}" for line in blocks_text(content).splitlines())
    if kind == "Div":
        return blocks_text(content[1])
    if kind == "CodeBlock":
        return content[1]
    if kind == "DefinitionList":
        return "\n".join(
            f"{inline_text(term)}: " + " ".join(blocks_text(d) for d in definitions)
            for term, definitions in content
        )
    if kind == "Header":
        return inline_text(content[2]).strip()
    return ""


def _item(marker: str, blocks: list[Node]) -> str:
    text = blocks_text(blocks)
    return marker + text.replace("\n", "\n" + " " * len(marker))


def blocks_text(blocks: list[Node]) -> str:
    """Blocks as Markdown paragraphs separated by blank lines."""
    return "\n\n".join(text for text in map(block_text, blocks) if text)


def plain_words(blocks: list[Node]) -> str:
    """Every word of the blocks (tables and figures included), for "nothing lost" checks."""
    words: list[str] = []
    _collect(blocks, words)
    return " ".join(words)


def _collect(node: Any, words: list[str]) -> None:
    if isinstance(node, dict):
        if node.get("t") == "Str":
            words.append(node["c"])
        elif node.get("t") in ("Code", "Math", "CodeBlock"):
            words.append(node["c"][1])
        else:
            _collect(node.get("c"), words)
    elif isinstance(node, list):
        for child in node:
            _collect(child, words)
