"""Identifying metadata in figure files, and removing it without touching the pixels.

Reading uses Pillow (EXIF, GPS, XMP and PNG text). Removing works on the file's own
structure: JPEG segments (APP1 Exif/XMP, APP13 IPTC, comments) and PNG chunks (text,
eXIf, tIME) are dropped and everything else is copied byte for byte, so the compressed
image data, and therefore every pixel, stays exactly as it was.
"""

from __future__ import annotations

import struct
from pathlib import Path

SCRUBBABLE = (".jpg", ".jpeg", ".png")

_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_DESCRIBED = {  # EXIF tag -> what it reveals
    0x0132: "date and time",
    0x9003: "capture date",
    0x9004: "digitised date",
    0xA431: "camera serial number",
    0xA435: "lens serial number",
    0xA430: "camera owner's name",
    0x013B: "artist's name",
    0x8298: "copyright holder",
    0x010E: "image description",
    0x9C9D: "author (Windows)",
    0x9286: "user comment",
}
_PNG_TEXT = (b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME")


MAX_PIXELS = 40_000_000  # 40 megapixels: far above any journal figure, far below a bomb


def too_large(path: Path) -> str | None:
    """ "W x H pixels" when a raster image is beyond MAX_PIXELS (read from its header
    only: a decompression bomb is never decoded), else None."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as image:
                width, height = image.size
    except Image.DecompressionBombError as error:
        return f"far too large ({error})"
    except Exception:  # unreadable: WeasyPrint will say so, and nothing big is decoded
        return None
    return f"{width} x {height} pixels" if width * height > MAX_PIXELS else None


class ScrubError(ValueError):
    """The file cannot be cleaned without re-encoding it; the message says why."""


def identifying_metadata(path: Path) -> list[str]:
    """Plain descriptions of what the file's metadata reveals, e.g. "GPS position"."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a huge image is reported by figure-file
            image = Image.open(path)
        with image:
            exif = image.getexif()
            found = []
            if exif.get_ifd(_GPS_IFD) or _GPS_IFD in exif:
                found.append("GPS position")
            tags = {**dict(exif), **exif.get_ifd(_EXIF_IFD)}
            for tag, what in _DESCRIBED.items():
                value = tags.get(tag)
                if value not in (None, "", b""):
                    shown = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
                    found.append(f"{what} ({str(shown).strip()[:40]})")
            if any(key.lower().startswith(("xmp", "xml:com.adobe.xmp")) for key in image.info):
                found.append("XMP metadata")
            texts = {
                k: v
                for k, v in image.info.items()
                if isinstance(v, str) and k not in ("dpi",) and not k.lower().startswith("xml")
            }
            for key, value in texts.items():
                found.append(f"text '{key}' ({value.strip()[:40]})")
            if "comment" in image.info and not isinstance(image.info["comment"], str):
                found.append("comment")
            return found
    except Image.DecompressionBombError:
        return []  # never decoded; figure-file and the renderer refuse it as too large
    except (UnidentifiedImageError, OSError) as error:
        return [f"unreadable image ({error})"]


def scrub(data: bytes, suffix: str) -> bytes:
    """The file's bytes without identifying metadata; pixels untouched."""
    suffix = suffix.lower()
    if suffix in (".jpg", ".jpeg"):
        return _scrub_jpeg(data)
    if suffix == ".png":
        return _scrub_png(data)
    raise ScrubError(
        f"carekit cannot clean {suffix} files without re-encoding them; "
        "save the figure as PNG or JPEG"
    )


def _scrub_jpeg(data: bytes) -> bytes:
    if data[:2] != b"\xff\xd8":
        raise ScrubError("not a JPEG file")
    out = bytearray(data[:2])
    i = 2
    while i < len(data):
        if data[i] != 0xFF:
            raise ScrubError("the JPEG structure is damaged")
        marker = data[i + 1] if i + 1 < len(data) else 0xD9
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is image data, copied as it is
            out += data[i:]
            return bytes(out)
        if marker == 0xD9 or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out += data[i : i + 2]
            i += 2
            continue
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if length < 2 or i + 2 + length > len(data):
            raise ScrubError("the JPEG structure is damaged")
        if marker not in (0xE1, 0xED, 0xFE):  # keep all but Exif/XMP, IPTC and comments
            out += data[i : i + 2 + length]
        i += 2 + length
    return bytes(out)


def _scrub_png(data: bytes) -> bytes:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ScrubError("not a PNG file")
    out = bytearray(data[:8])
    i = 8
    while i + 8 <= len(data):
        (length,) = struct.unpack(">I", data[i : i + 4])
        kind = data[i + 4 : i + 8]
        end = i + 12 + length
        if end > len(data):
            raise ScrubError("the PNG structure is damaged")
        if kind not in _PNG_TEXT:
            out += data[i:end]
        i = end
    return bytes(out)
