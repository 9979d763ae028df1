"""The Markdown file an author takes elsewhere: pandoc, Quarto, a CommonMark viewer.

carekit's own Markdown (the one HTML, PDF, Word and JATS are made from) uses pandoc's
fenced divs (`::: {#fig-1 .figure}`), empty spans (`[]{#ref-1}`) and `^1^` superscripts,
which a CommonMark viewer prints as literal text. The file written as DRAFT.md says the
same in portable syntax: a YAML metadata block (title, authors, affiliations, keywords,
abstract) that pandoc and Quarto read, plain HTML `<div id>` and `<span id>` (pandoc
reads them back as its own divs and spans, a CommonMark viewer shows their contents),
affiliation marks as superscript digits (¹,²), and image paths that resolve from the
output folder: an image outside it is copied next to the Markdown, into `STEM-figures/`.
"""

from __future__ import annotations

import os
import re
from pathlib import PurePosixPath
from urllib.parse import quote, unquote

import yaml

from carekit.io.outputs import safe_name
from carekit.render.assets import Assets
from carekit.render.fieldmarks import as_comments
from carekit.render.mdtext import clean, escape
from carekit.render.pipeline import Manuscript

_DIV_OPEN_RE = re.compile(r"^:::+\s*\{([^}]*)\}\s*$")
_DIV_CLOSE_RE = re.compile(r"^:::+\s*$")
_EMPTY_SPAN_RE = re.compile(r"\[\]\{#([A-Za-z0-9_:.-]+)\}")
_SUPERSCRIPT_RE = re.compile(r"\^([^\s^]+)\^")  # the same rule html.py renders
_IMAGE_RE = re.compile(r"(!\[(?:\\.|[^\]\\])*\]\()([^)\s]+)(\))")
_NAME_RE = re.compile(r"^[A-Za-z0-9_:.-]+$")


def _attributes(inside: str) -> str:
    """`#fig-1 .figure` as HTML attributes; anything else in the braces is dropped."""
    ids = [p[1:] for p in inside.split() if p.startswith("#") and _NAME_RE.match(p[1:])]
    classes = [p[1:] for p in inside.split() if p.startswith(".") and _NAME_RE.match(p[1:])]
    found = (f' id="{ids[0]}"' if ids else "") + (
        f' class="{" ".join(classes)}"' if classes else ""
    )
    return found


_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _superscript(match: re.Match) -> str:
    """Affiliation marks (`^1,2^`, `^\\*^`) as superscript characters, which every reader
    keeps (pandoc would keep `<sup>` only in HTML); other text as `<sup>`."""
    inside = match[1]
    if re.fullmatch(r"[\d,]+|\\\*", inside):
        return inside.translate(_SUPERSCRIPT_DIGITS)
    return f"<sup>{inside}</sup>"


def portable_body(markdown: str) -> str:
    """carekit's Markdown in syntax CommonMark and pandoc both understand."""
    lines = []
    for line in markdown.split("\n"):
        opened = _DIV_OPEN_RE.match(line)
        if opened:
            # A blank line after the tag: CommonMark then reads what follows as Markdown.
            lines += [f"<div{_attributes(opened[1])}>", ""]
        elif _DIV_CLOSE_RE.match(line):
            lines += ["", "</div>"]
        else:
            line = _EMPTY_SPAN_RE.sub(r'<span id="\1"></span>', line)
            lines.append(_SUPERSCRIPT_RE.sub(_superscript, line))
    return "\n".join(lines)


def metadata(manuscript: Manuscript) -> dict:
    """Title, authors, affiliations, keywords and abstract, as pandoc and Quarto name
    them. Values are Markdown (pandoc reads metadata strings as Markdown)."""
    report = manuscript.draft.model
    names = {a.id: clean(a.name) for a in report.affiliations}
    affiliations: dict[str, str] = {}
    for author in report.authors:
        for key in author.affiliations or []:
            affiliations.setdefault(names.get(key, clean(key)), f"aff{len(affiliations) + 1}")
    data: dict = {"title": escape(report.title) or "Untitled case report"}
    authors = [
        escape(a.name) + (f", {escape(a.degrees)}" if a.degrees else "")
        for a in report.authors
        if a.name
    ]
    if authors:
        data["author"] = authors
    if affiliations:
        data["affiliations"] = [{"id": i, "name": escape(n)} for n, i in affiliations.items()]
    if report.keywords:
        data["keywords"] = [escape(k) for k in report.keywords]
    abstract = [
        (f"**{label}:** " if label else "") + clean(text)
        for _, label, text in report.abstract.parts
    ]
    if abstract:
        data["abstract"] = "\n\n".join(abstract)
    data["lang"] = clean(report.language) or "en"
    return data


class _Dumper(yaml.SafeDumper):
    """Multi-paragraph text (the abstract) as a literal block, as a person would type it."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)


# The first line of the metadata: tells a reader where the file comes from, and tells
# carekit (io/outputs.looks_generated) that the file is its own to replace.
MARK = "# Made by carekit render from the draft: edit the draft, not this file."


def _front_matter(data: dict) -> str:
    dumped = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)
    return f"---\n{MARK}\n{dumped}---\n\n"


def _copied_images(
    markdown: str, manuscript: Manuscript, stem: str
) -> tuple[str, dict[str, bytes]]:
    """Images outside the output folder copied into `STEM-figures/`, paths rewritten."""
    assets = Assets(
        manuscript.draft.folder, manuscript.out_dir, manuscript.generated, manuscript.refused
    )
    out_root = manuscript.out_dir.resolve()
    copies: dict[str, bytes] = {}
    by_source: dict[str, str] = {}

    def replace(match: re.Match) -> str:
        src = match[2]
        name = unquote(src)
        if not name or name in manuscript.generated or "://" in src:
            return match[0]
        target = os.path.normpath(out_root / name)
        if not os.path.relpath(target, out_root).startswith(".."):
            return match[0]  # already beside the Markdown
        if src not in by_source:
            data, _ = assets.image(src)
            base = safe_name(PurePosixPath(name).name)
            copy = f"{safe_name(stem)}-figures/{base}"
            n = 2
            while copy in copies:
                copy = f"{safe_name(stem)}-figures/{n}-{base}"
                n += 1
            copies[copy] = data
            by_source[src] = copy
        return match[1] + quote(by_source[src]) + match[3]

    text = _IMAGE_RE.sub(replace, markdown)
    assets.raise_refused()
    return text, copies


def portable_markdown(manuscript: Manuscript, stem: str) -> tuple[str, dict[str, bytes]]:
    """The .md file's text, and the image copies to write beside it (name -> bytes)."""
    body, copies = _copied_images(manuscript.markdown, manuscript, stem)
    return _front_matter(metadata(manuscript)) + portable_body(as_comments(body)), copies
