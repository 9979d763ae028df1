"""Figures as a journal's submission system takes them: in the formats the profile names
(`figures.formats`), line art as vector PDF (or EPS) plus a 300-dpi raster, photographs
with their pixels untouched and at least `figures.min_dpi` recorded.

Journals do not take SVG for upload, so SVG figures (the author's and the generated
timeline) are drawn by CairoSVG in safe mode (it loads nothing but data: URLs), after the
same cost check the renderer applies. Nothing is fetched and no file outside the draft's
folder is read: the caller hands over the bytes.
"""

from __future__ import annotations

import io
import math
import re
import struct
import zlib
from dataclasses import dataclass

# The formats the major case-report journals take for upload (BMJ Case Reports, JMCR,
# Cureus, AJCR): used when a profile says nothing.
DEFAULT_FORMATS = ("pdf", "png", "tiff", "eps", "jpeg")
DEFAULT_DPI = 300
VECTOR = ("pdf", "eps")
RASTER = ("png", "tiff", "jpeg")
SUFFIX = {"pdf": ".pdf", "eps": ".eps", "png": ".png", "tiff": ".tif", "jpeg": ".jpg"}
_KIND = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".tif": "tiff", ".tiff": "tiff"}
MIN_PRINT_WIDTH_IN = 84 / 25.4  # a journal's single column (84 mm)
MAX_RASTER_SIDE = 8000  # pixels: a 300-dpi raster of an SVG up to about 68 cm
_DIMENSION_RE = re.compile(
    r"""\s(width|height)\s*=\s*["']\s*([0-9.]+)\s*(px|pt|mm|cm|in)?\s*["']"""
)
_VIEWBOX_RE = re.compile(r"""\sviewBox\s*=\s*["']([^"']*)["']""")
_UNIT_PX = {"px": 1.0, None: 1.0, "pt": 96 / 72, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}


class FigureError(ValueError):
    """A figure that cannot be converted safely; the message says why, in plain words."""


@dataclass
class Converted:
    files: dict[str, bytes]  # suffix -> bytes, in the profile's order of preference
    notes: list[str]  # what the author should know (a photograph too small to print well)


def accepted(formats: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """The profile's formats, lower case, `jpg`/`tif` read as `jpeg`/`tiff`."""
    names = {"jpg": "jpeg", "tif": "tiff"}
    chosen = [names.get(str(f).lower(), str(f).lower()) for f in formats or DEFAULT_FORMATS]
    return tuple(f for f in dict.fromkeys(chosen) if f in SUFFIX) or DEFAULT_FORMATS


def convert(
    data: bytes, suffix: str, formats: tuple[str, ...], dpi: int = DEFAULT_DPI
) -> Converted:
    """The figure in `data` (a file ending in `suffix`) in the accepted `formats`."""
    suffix = suffix.lower()
    if suffix == ".svg":
        return _line_art(data, formats, dpi)
    return _photograph(data, suffix, formats, dpi)


def _line_art(data: bytes, formats: tuple[str, ...], dpi: int) -> Converted:
    """Vector first (PDF, else EPS), and one raster at `dpi` for systems that want one."""
    import cairosvg

    from carekit.io.svgcheck import svg_problem

    problem = svg_problem(data)
    if problem:
        raise FigureError(f"it cannot be drawn safely: {problem}")
    files: dict[str, bytes] = {}
    vector = next((f for f in formats if f in VECTOR), None)
    try:
        if vector == "pdf":
            files[".pdf"] = cairosvg.svg2pdf(bytestring=data, unsafe=False)
        elif vector == "eps":
            files[".eps"] = cairosvg.svg2eps(bytestring=data, unsafe=False)
        raster = next((f for f in formats if f in RASTER), None)
        if raster:
            width = _raster_width(data, dpi)
            png = cairosvg.svg2png(
                bytestring=data, unsafe=False, output_width=width, background_color="white"
            )
            files[SUFFIX[raster]] = _save_raster(png, raster, dpi)
    except Exception as error:  # CairoSVG raises many kinds on a malformed drawing
        raise FigureError(f"it cannot be converted ({type(error).__name__}: {error})") from None
    return Converted(files, [])


def _raster_width(data: bytes, dpi: int) -> int:
    """Pixels across for `dpi` at the SVG's own size (CSS pixels, 96 to the inch), at
    least a single column wide and at most MAX_RASTER_SIDE on the long side."""
    head = data[:65536].decode("utf-8", "replace")
    root = re.search(r"<svg\b[^>]*>", head, re.S)
    tag = root[0] if root else ""
    sizes = {m[1]: float(m[2]) * _UNIT_PX[m[3]] for m in _DIMENSION_RE.finditer(tag)}
    box = [float(n) for n in re.findall(r"[-+]?[0-9.]+", (_VIEWBOX_RE.search(tag) or ["", ""])[1])]
    width = sizes.get("width") or (box[2] if len(box) == 4 else 0) or 640.0
    height = sizes.get("height") or (box[3] if len(box) == 4 else 0) or width
    inches = max(width / 96, MIN_PRINT_WIDTH_IN)
    pixels = math.ceil(inches * dpi)
    scale = min(1.0, MAX_RASTER_SIDE / max(pixels, pixels * height / width, 1))
    return max(1, int(pixels * scale))


def _save_raster(png: bytes, kind: str, dpi: int) -> bytes:
    """A rendered PNG as `kind`, with `dpi` recorded."""
    from PIL import Image

    if kind == "png":
        return with_png_dpi(png, dpi)
    with Image.open(io.BytesIO(png)) as image:
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.convert("RGBA").split()[-1])
    out = io.BytesIO()
    if kind == "tiff":
        flat.save(out, "TIFF", dpi=(dpi, dpi), compression="tiff_lzw")
    else:
        flat.save(out, "JPEG", dpi=(dpi, dpi), quality=95)
    return out.getvalue()


def _photograph(data: bytes, suffix: str, formats: tuple[str, ...], dpi: int) -> Converted:
    """A raster figure: kept byte for byte (metadata aside) when its format is accepted,
    else converted losslessly to the first accepted raster format; `dpi` is recorded
    when the file says less, and a note given when it then prints narrower than a column."""
    from PIL import Image, UnidentifiedImageError

    from carekit.privacy.images import SCRUBBABLE, scrub

    kind = _KIND.get(suffix)
    try:
        with Image.open(io.BytesIO(data)) as image:
            width = image.size[0]
            if kind in formats and suffix in SCRUBBABLE:
                out = scrub(data, suffix)
                out = with_png_dpi(out, dpi) if kind == "png" else with_jpeg_dpi(out, dpi)
                target = kind
            else:
                target = next((f for f in formats if f in ("png", "tiff")), None)
                if target is None:
                    target = next((f for f in formats if f in RASTER), "png")
                image.seek(0)
                mode = "RGBA" if "A" in image.mode or "P" in image.mode else "RGB"
                buffer = io.BytesIO()
                image.convert(mode).save(buffer, "PNG")
                out = _save_raster(buffer.getvalue(), target, dpi)
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise FigureError(f"it cannot be read as an image ({error})") from None
    notes = []
    if width / dpi < MIN_PRINT_WIDTH_IN:
        notes.append(
            f"it is {width} pixels wide: at {dpi} dpi it prints {width / dpi * 25.4:.0f} mm "
            f"wide, narrower than a journal column (84 mm); supply the original image "
            f"(at least {math.ceil(MIN_PRINT_WIDTH_IN * dpi)} pixels wide)"
        )
    return Converted({SUFFIX[target]: out}, notes)


def with_png_dpi(data: bytes, dpi: int) -> bytes:
    """The PNG with a pHYs chunk saying at least `dpi` (pixels untouched, no re-encoding)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise FigureError("not a PNG file")
    chunks, i, current = [], 8, 0
    while i + 8 <= len(data):
        (length,) = struct.unpack(">I", data[i : i + 4])
        kind = data[i + 4 : i + 8]
        if kind == b"pHYs" and length == 9:
            x, _, unit = struct.unpack(">IIB", data[i + 8 : i + 17])
            current = round(x * 0.0254) if unit == 1 else 0
        else:
            chunks.append(data[i : i + 12 + length])
        i += 12 + length
    per_metre = math.ceil(max(current, dpi) / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)
    phys = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body))
    return data[:8] + chunks[0] + phys + b"".join(chunks[1:])


def with_jpeg_dpi(data: bytes, dpi: int) -> bytes:
    """The JPEG with a JFIF header saying at least `dpi` (the scan data untouched)."""
    if data[:2] != b"\xff\xd8":
        raise FigureError("not a JPEG file")
    if data[2:4] == b"\xff\xe0" and data[6:11] == b"JFIF\x00":
        unit = data[13]
        x, y = struct.unpack(">HH", data[14:18])
        if unit == 1 and min(x, y) >= dpi:
            return data
        return data[:13] + struct.pack(">BHH", 1, dpi, dpi) + data[18:]
    app0 = (
        b"\xff\xe0"
        + struct.pack(">H", 16)
        + b"JFIF\x00\x01\x01"
        + struct.pack(">BHHBB", 1, dpi, dpi, 0, 0)
    )
    return data[:2] + app0 + data[2:]
