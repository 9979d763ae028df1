"""Figures in the form Word takes: PNG or JPEG, of a size the converters can handle.

SVG is rasterised by CairoSVG (safe mode: it loads nothing but data: URLs) with its long
side at RASTER_SIDE pixels, whatever its proportions: a fixed width alone made a tall SVG
(or the timeline of a long case) taller than Cairo's 32,767-pixel limit. Other types Word
does not read (WebP, TIFF) are converted to PNG with Pillow; PNG and JPEG pass unchanged.
"""

from __future__ import annotations

import io
import re

RASTER_SIDE = 1600  # pixels on the long side of a rasterised SVG
_WORD_TYPES = ("image/png", "image/jpeg")
_NUMBER_RE = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ROOT_RE = re.compile(rb"<svg\b[^>]*>", re.S)
_ATTR_RE = r"""\s{name}\s*=\s*["']([^"']*)["']"""


def word_image(data: bytes, mime: str) -> tuple[bytes, int, int]:
    """(PNG or JPEG bytes, width, height in pixels) for an image of any embedded type."""
    from PIL import Image

    if mime == "image/svg+xml":
        data = _svg_png(data)
    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        if Image.MIME.get(image.format or "") in _WORD_TYPES:
            return data, width, height
        image.seek(0)  # an animation's first frame
        converted = image.convert("RGBA" if "A" in image.mode or "P" in image.mode else "RGB")
    out = io.BytesIO()
    converted.save(out, "PNG")
    return out.getvalue(), width, height


def _svg_png(data: bytes) -> bytes:
    import cairosvg

    aspect = _aspect(data)  # height / width, when the SVG says
    if aspect is None:
        return cairosvg.svg2png(bytestring=data, unsafe=False, output_width=RASTER_SIDE)
    if aspect > 1:
        width, height = max(1, round(RASTER_SIDE / aspect)), RASTER_SIDE
    else:
        width, height = RASTER_SIDE, max(1, round(RASTER_SIDE * aspect))
    return cairosvg.svg2png(bytestring=data, unsafe=False, output_width=width, output_height=height)


def _aspect(data: bytes) -> float | None:
    """The SVG's height / width from its viewBox, or from its width and height."""
    root = _ROOT_RE.search(data[:65536])
    if not root:
        return None
    tag = root[0].decode("utf-8", "replace")

    def attribute(name: str) -> list[float]:
        found = re.search(_ATTR_RE.format(name=name), tag)
        return [float(n) for n in _NUMBER_RE.findall(found[1])] if found else []

    box = attribute("viewBox")
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        return box[3] / box[2]
    width, height = attribute("width"), attribute("height")
    if width and height and width[0] > 0 and height[0] > 0 and "%" not in tag:
        return height[0] / width[0]
    return None
