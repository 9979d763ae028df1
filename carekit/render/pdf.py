"""HTML -> PDF with WeasyPrint (imported here only, when a PDF is asked for).

The HTML carekit makes is self-contained, so the URL fetcher allows `data:` URLs only:
network URLs, `file:` URLs and paths are refused and stop the render with a message that
names them (an SVG figure that points elsewhere cannot make WeasyPrint fetch anything).
"""

from __future__ import annotations

import io
import logging

from carekit.render.assets import RenderError

PAPER = {"a4": "A4", "letter": "letter"}


def _fetcher_class():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class Refused(FatalURLFetchingError):
        pass

    class DataOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise Refused(f"{url[:200]} (a PDF uses only what the manuscript embeds)")

    return DataOnlyFetcher, Refused


def html_to_pdf(html: str, paper: str = "a4", review: bool = False) -> bytes:
    from weasyprint import CSS, HTML

    fetcher_class, refused = _fetcher_class()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # no layout chatter for authors
    page = CSS(string=f"@page {{ size: {PAPER[paper]}; }}")
    try:
        document = HTML(string=html, url_fetcher=fetcher_class(allowed_protocols={"data"}))
        rendered = document.render(stylesheets=[page], pdf_tags=True)
        if review:
            from carekit.render.line_numbers import add_line_numbers

            return add_line_numbers(rendered, paper)
        target = io.BytesIO()
        rendered.write_pdf(target, pdf_tags=True, pdf_variant="pdf/ua-1")
        return target.getvalue()
    except refused as error:
        raise RenderError(f"The PDF refused to load {error}.") from None
