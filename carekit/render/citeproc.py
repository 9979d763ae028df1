"""The reference list through pandoc's citeproc and an official CSL style.

carekit numbers citations itself (reading order, see numbering.py) and hands pandoc the
cited keys in that order, once per render; pandoc formats each entry by the style. Entries
come back as pandoc's JSON and are turned into Markdown here, with every piece of text
escaped, so a bibliography can never inject markup. The style's own label ("1.", "[1]")
is dropped: carekit writes the numbers, the same in every format.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from carekit.render.mdtext import escape
from carekit.render.pandoc import run_pandoc

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_INTERNAL = "carekit-ref-"  # ids given to the draft's own references
_LINK_RE = re.compile(r"https?://[^\s<>]+")
_NAME_RE = re.compile(r"^(.+?)\s+([A-Z]{1,4})$")  # "Sawke GK" (Vancouver as typed)
# A <names> element with a <label> but no <name> (nlm-citation-sequence, the Vancouver
# default, writes editors so): pandoc's citeproc then prints the label before the names
# (", editorsKasper DL"), where CSL means the default name first, then the label.
_NAMES_RE = re.compile(r"<names\b[^>]*[^/]>.*?</names>", re.DOTALL)


def draft_items(references: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The draft's `references:` as CSL-JSON (ids replaced by internal ones later)."""
    return [_csl_item(ref) for ref in references if ref.get("id")]


def _csl_name(name: str) -> dict[str, str]:
    match = _NAME_RE.match(name.strip())
    if not match:  # "CARE Group", or a name typed some other way: printed as typed
        return {"literal": name.strip()}
    return {"family": match[1], "given": " ".join(f"{c}." for c in match[2])}


def _csl_item(ref: dict[str, Any]) -> dict[str, Any]:
    authors = ref.get("authors") or []
    authors = [authors] if isinstance(authors, str) else authors
    kind = "article-journal" if ref.get("journal") else "book" if ref.get("publisher") else ""
    item: dict[str, Any] = {
        "id": str(ref["id"]),
        "type": kind or "document",
        "author": [_csl_name(str(a)) for a in authors if str(a).strip()],
        "title": ref.get("title"),
        # Drafts have one journal field, written as the journal asks (its abbreviation).
        "container-title": ref.get("journal"),
        "container-title-short": ref.get("journal"),
        "publisher": ref.get("publisher"),
        "publisher-place": ref.get("place"),
        "volume": ref.get("volume"),
        "issue": ref.get("issue"),
        "page": ref.get("pages"),
        "DOI": ref.get("doi"),
        "PMID": ref.get("pmid"),
        "URL": ref.get("url"),
    }
    year = ref.get("year")
    if isinstance(year, int) and not isinstance(year, bool):
        item["issued"] = {"date-parts": [[year]]}
    return {k: (v if k in ("author", "issued") else str(v)) for k, v in item.items() if v}


def format_entries(
    keys: list[str],
    own: list[dict[str, Any]],
    bibliography: Path | None,
    style: Path,
    extra: list[dict[str, Any]] | None = None,
) -> dict[str, str]:
    """Markdown for each of `keys` (in reading order), formatted by `style`; `own` are the
    draft's references as CSL-JSON (they win over a bibliography entry with the same key);
    `bibliography` a file pandoc reads itself, `extra` CSL items read from a file already.
    """
    own_ids = {item["id"]: f"{_INTERNAL}{i}" for i, item in enumerate(own)}
    items = [{**item, "id": own_ids[item["id"]]} for item in own]
    items += [_as_text(item) for item in extra or [] if item.get("id") is not None]
    cited = {own_ids.get(key, key): key for key in keys}
    if not cited:
        return {}
    text = " ".join(f"[@{{{pandoc_key}}}]" for pandoc_key in cited) + "\n"
    with tempfile.TemporaryDirectory(prefix="carekit-refs-") as tmp:
        folder = Path(tmp)
        own_file = folder / "draft-references.json"
        own_file.write_text(json.dumps(items), encoding="utf-8")
        csl = folder / "style.csl"
        csl.write_text(_named_labels(style.read_text("utf-8", "replace")), encoding="utf-8")
        args = ["--citeproc", "--csl", str(csl), "--bibliography", str(own_file)]
        if bibliography is not None:
            args += ["--bibliography", str(bibliography)]
        args += ["-f", "markdown", "-t", "json", "--metadata", "suppress-bibliography=false"]
        output = run_pandoc(args, text, folder, "the reference list")
    entries = _entries(json.loads(output).get("blocks", []))
    return {
        key: _unlabelled(entries.get(pandoc_key, ""), number)
        for number, (pandoc_key, key) in enumerate(cited.items(), start=1)
    }


def _named_labels(style: str) -> str:
    """The style with an explicit <name/> before every label of a <names> that has none."""

    def fix(match: re.Match[str]) -> str:
        names = match[0]
        if "<name " in names or "<name/>" in names or "<name>" in names:
            return names
        return re.sub(r"<label\b", "<name/><label", names, count=1)

    return _NAMES_RE.sub(fix, style)


def _unlabelled(entry: str, number: int) -> str:
    """The entry without the style's own number ("1. ", "[1] ") written inline, when the
    style sets no margin for it: carekit numbers the list itself."""
    label = re.match(rf"(?:\\\[|\()?{number}(?:\\\]|\))?\.?\s+", entry)
    return entry[label.end() :] if label else entry


def _as_text(item: dict[str, Any]) -> dict[str, Any]:
    """Numbers where CSL writes text (some exporters do) as text, which pandoc expects."""
    return {
        key: str(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool)
        else value
        for key, value in item.items()
    }


def _entries(blocks: list[dict]) -> dict[str, str]:
    """{key: Markdown} for every `ref-KEY` csl-entry Div in pandoc's JSON blocks."""
    found: dict[str, str] = {}
    for block in blocks:
        if block.get("t") != "Div":
            continue
        (ident, classes, _), content = block["c"]
        if "csl-entry" in classes and ident.startswith("ref-"):
            found[ident[4:]] = " ".join(_block(b) for b in content).strip()
        else:
            found.update(_entries(content))
    return found


def _block(block: dict) -> str:
    if block.get("t") in ("Para", "Plain"):
        inlines = block["c"]
        labelled = [i for i in inlines if _classes(i) & {"csl-right-inline", "csl-block"}]
        if any("csl-left-margin" in _classes(i) for i in inlines) and labelled:
            inlines = [part for span in labelled for part in span["c"][1]]
        return _inlines(inlines).strip()
    if block.get("t") == "Div":
        return " ".join(_block(b) for b in block["c"][1])
    return ""


def _classes(inline: dict) -> set[str]:
    return set(inline["c"][0][1]) if inline.get("t") == "Span" else set()


_WRAP = {"Emph": "*", "Strong": "**"}
_QUOTES = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}


def _inlines(inlines: list[dict]) -> str:
    return "".join(_inline(i) for i in inlines)


def _inline(inline: dict) -> str:
    kind, content = inline.get("t"), inline.get("c")
    if kind == "Str":
        return escape(content)
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind in _WRAP:
        inner = _inlines(content).strip()
        return f"{_WRAP[kind]}{inner}{_WRAP[kind]}" if inner else ""
    if kind in ("Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
        return _inlines(content)
    if kind == "Span":
        return _inlines(content[1])
    if kind == "Quoted":
        opening, closing = _QUOTES.get(content[0]["t"], ('"', '"'))
        return opening + _inlines(content[1]) + closing
    if kind == "Link":
        label, url = _inlines(content[1]), content[2][0]
        return f"[{label}](<{url}>)" if _LINK_RE.fullmatch(url) else label
    if kind in ("Code", "Math"):
        return escape(content[-1])
    return ""  # raw markup, images and notes from a bibliography are never printed
