"""Markdown -> Word (.docx) through pandoc, from the same Markdown as every other format.

pandoc writes Word's own structure (heading, list, caption and table styles, bookmarks,
links) with the template's reference document (templates/*/reference.docx, built by
scripts/make_reference_docx.py); wordpost.py adds what pandoc cannot express. pandoc runs
through its server interface (carekit.render.pandoc: every Word file of a render or pack
in one start), which reads no file: the reference document travels in the request, and
each figure reaches it as a data: URL of a PNG or JPEG (SVG rasterised in CairoSVG's safe
mode, WebP and TIFF converted by Pillow), sized to fit the page.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import unquote

from carekit.render.assets import Assets, RenderError
from carekit.render.fieldmarks import as_word_links

TYPE_CHECKING = False
if TYPE_CHECKING:
    from carekit.draft.typed import Report

IMAGE_WIDTH_CM = 14.0
IMAGE_HEIGHT_CM = 20.0  # a tall figure is scaled down to fit the page, not cropped
REFERENCE = "reference.docx"
REFERENCE_LIMIT = 5_000_000  # bytes; pandoc's own is 10 kB, one with a logo a few 100 kB
# pandoc's Markdown, less implicit figures (carekit writes its own numbered captions, and
# the image's alt text must stay alt text). DOIs and URLs come as links from citeproc;
# bare-URI autolinks would take citeproc's "doi:[10.x/y](<https://doi.org/...>)" for a
# "doi:" URI and break the link.
READER = "markdown-implicit_figures"
_IMAGE_RE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\]\(([^)\s]+)\)(\{[^}\n]*\})?")
_DIV_OPEN_RE = re.compile(r"^:::+\s*\{[^}]*\.(figure|table)\b[^}]*\}\s*$")


def reference_doc(template_folder: Path | None) -> bytes:
    """The template's reference.docx, or the one every template shares: read here (a
    regular file inside the folder, of a reference document's size) and checked to be a
    Word document, so pandoc gets a copy in its own folder and a bad file a plain message."""
    import io
    import zipfile

    from carekit.render.template_files import contained_file
    from carekit.resources import data_dir

    found = contained_file(template_folder, REFERENCE) if template_folder else None
    path = found or data_dir("templates") / "_common" / REFERENCE
    fix = "rebuild it with scripts/make_reference_docx.py or remove it to use carekit's own"
    with path.open("rb") as stream:
        data = stream.read(REFERENCE_LIMIT + 1)
    if len(data) > REFERENCE_LIMIT:
        raise RenderError(f"{path} is larger than {REFERENCE_LIMIT // 1_000_000} MB; {fix}.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            archive.getinfo("word/styles.xml")
    except (zipfile.BadZipFile, KeyError):
        raise RenderError(f"{path} is not a Word document with styles; {fix}.") from None
    return data


def _figure(assets: Assets, alt: str, src: str) -> str:
    from carekit.render.wordimages import word_image

    data, mime = assets.image(src)
    try:
        picture, width, height = word_image(data, mime)
    except Exception as error:  # a third-party decoder fed with an author's file
        raise RenderError(
            f"The figure {unquote(src)} cannot be put into the Word document "
            f"({type(error).__name__}: {error}); save it again as PNG or JPEG."
        ) from None
    kind = "jpeg" if picture[:3] == b"\xff\xd8\xff" else "png"
    scale = min(IMAGE_WIDTH_CM / width, IMAGE_HEIGHT_CM / height)
    url = f"data:image/{kind};base64,{base64.b64encode(picture).decode('ascii')}"
    return f"![{alt}]({url}){{width={width * scale:.2f}cm height={height * scale:.2f}cm}}"


def _embed_figures(markdown: str, assets: Assets | None) -> str:
    if assets is None:
        return _IMAGE_RE.sub(lambda m: m[1], markdown)  # no figures in letters and forms
    return _IMAGE_RE.sub(lambda m: _figure(assets, m[1], m[2]), markdown)


def _caption_styles(markdown: str) -> str:
    """Inside a figure or table block, the paragraph that is neither image nor table is
    its caption: it gets Word's Caption style."""
    out: list[str] = []
    block: list[str] = []
    inside = False

    def flush() -> None:
        if inside and block and not block[0].startswith(("![", "|")):
            out.extend(['::: {custom-style="Caption"}', *block, ":::"])
        else:
            out.extend(block)
        block.clear()

    for line in markdown.splitlines():
        if _DIV_OPEN_RE.match(line):
            flush()
            inside = True
            out.append(line)
        elif inside and line.startswith(":::"):
            flush()
            inside = False
            out.append(line)
        elif not line.strip():
            flush()
            out.append(line)
        else:
            block.append(line)
    flush()
    return "\n".join(out) + "\n"


def markdown_to_word(
    markdown: str,
    assets: Assets | None,
    *,
    review: bool = False,
    paper: str = "a4",
    template_folder: Path | None = None,
    properties: dict | None = None,
) -> bytes:
    """The Word document of `markdown`, laid out for `paper` ("a4" or "letter")."""
    words = WordFile(markdown, assets, review=review, paper=paper, properties=properties)
    return words_of([words], template_folder)[0]


class WordFile:
    """One Word file to make: its Markdown (figures embedded) and its layout."""

    def __init__(
        self,
        markdown: str,
        assets: Assets | None,
        *,
        review: bool = False,
        paper: str = "a4",
        properties: dict | None = None,
    ) -> None:
        self.source = as_word_links(_caption_styles(_embed_figures(markdown, assets)))
        if assets is not None:
            assets.raise_refused()
        self.review, self.paper, self.properties = review, paper, properties or {}


def words_of(files: list[WordFile], template_folder: Path | None) -> list[bytes]:
    """The Word documents of `files`, all from one pandoc start."""
    from carekit.render.pandoc import convert, prefetch
    from carekit.render.wordpost import finish

    requests = word_requests(files, template_folder)
    prefetch(requests, "the Word document")
    return [
        finish(convert(request, "the Word document"), paper=f.paper, review=f.review,
               properties=f.properties)
        for f, request in zip(files, requests, strict=True)
    ]  # fmt: skip


def word_requests(files: list[WordFile], template_folder: Path | None) -> list[dict]:
    """pandoc's server-API requests for `files` (see carekit.render.pandoc)."""
    if not files:
        return []
    reference = {REFERENCE: reference_doc(template_folder)}
    return [
        {"text": f.source, "from": READER, "to": "docx", "reference-doc": REFERENCE,
         "files": reference}
        for f in files
    ]  # fmt: skip


def word_properties(report: Report) -> dict:
    """Title, authors, keywords, language and subject of the draft for the file's properties."""
    from carekit.render.mdtext import clean

    subject = clean(report.article_type) or "Case report"
    if report.diagnostics.final_diagnosis:
        subject += ": " + clean(report.diagnostics.final_diagnosis)
    return {
        "title": clean(report.title) or "Untitled case report",
        "authors": [clean(a.name) for a in report.authors],
        "keywords": [clean(k) for k in report.keywords or []],
        "language": clean(report.language) or "en",
        "subject": subject,
    }
