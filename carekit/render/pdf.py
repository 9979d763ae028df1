"""HTML -> PDF with WeasyPrint (imported here only, when a PDF is asked for).

The HTML carekit makes is self-contained, so the URL fetcher serves `data:` URLs only.
Anything else (a network URL, a `file:` URL or a path, for example inside an SVG figure)
is refused, recorded, and stops the render with a message that names it.
"""

from __future__ import annotations

import io
import logging

from carekit.render.assets import RenderError


def _fetcher(refused: list[str]):
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class DataOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            refused.append(url[:300])
            raise FatalURLFetchingError(url)

    return DataOnlyFetcher(allowed_protocols={"data"})


def _refusal(refused: list[str]) -> RenderError:
    listed = "\n".join(f"  - {url}" for url in dict.fromkeys(refused))
    return RenderError(
        "The PDF refused to load what a figure points to (a PDF uses only what the "
        f"manuscript embeds):\n{listed}"
    )


def layout(html: str, tagged: bool = False):
    """WeasyPrint's laid-out document of carekit's HTML, and the list the fetcher fills
    with every URL it refused (`write_pdf` checks it after drawing: images load late)."""
    from carekit.render.libraries import import_weasyprint

    try:
        import_weasyprint()  # its search for Pango costs more than laying out a short PDF
        from weasyprint import HTML
        from weasyprint.urls import FatalURLFetchingError
    except OSError as error:  # WeasyPrint loads Pango and HarfBuzz from the system
        raise RenderError(
            f"PDF output needs the Pango and HarfBuzz libraries ({error}). On Debian or "
            "Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
            "libharfbuzz-subset0 (or run scripts/system-deps.sh)."
        ) from None

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # no layout chatter for authors
    refused: list[str] = []
    try:
        document = HTML(string=html, url_fetcher=_fetcher(refused)).render(pdf_tags=tagged)
    except FatalURLFetchingError:
        raise _refusal(refused) from None
    return document, refused


def write_pdf(document, refused: list[str], review: bool = False, tagged: bool = False) -> bytes:
    """The PDF of a document `layout` made (with line numbers for `review`)."""
    from weasyprint.urls import FatalURLFetchingError

    pdf = b""
    try:
        if review:
            from carekit.render.line_numbers import add_line_numbers

            pdf = add_line_numbers(document)
        else:
            target = io.BytesIO()
            options = {"pdf_tags": True, "pdf_variant": "pdf/ua-1"} if tagged else {}
            document.write_pdf(target, **options)
            pdf = target.getvalue()
    except FatalURLFetchingError:
        pass
    if refused or not pdf:  # images load while the PDF is drawn, so look only now
        raise _refusal(refused)
    return pdf


def html_to_pdf(html: str, review: bool = False, tagged: bool = False) -> bytes:
    """The PDF of carekit's HTML (page size and layout come from its stylesheet).

    `tagged` makes a tagged PDF/UA-1 file for screen readers; it costs about a third more
    layout time, so it is asked for rather than always made.
    """
    document, refused = layout(html, tagged)
    return write_pdf(document, refused, review, tagged)


def heading_pages(document, html: str) -> dict[str, int]:
    """The page (from 1) on which each h1/h2 heading of `html` lies in its laid-out
    `document`, by the heading's text; the title's page is under "title"."""
    import re
    from html import unescape

    first_page: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            first_page.setdefault(anchor, number)
    pages = {}
    for level, anchor, inner in re.findall(r'<h([12]) id="([^"]+)"[^>]*>(.*?)</h\1>', html, re.S):
        text = " ".join(unescape(re.sub(r"<[^>]+>", "", inner)).split())
        if anchor in first_page:
            pages.setdefault("title" if level == "1" else text, first_page[anchor])
    return pages
