"""Figure metadata: flagged by the check, removed by `carekit scrub`, pixels untouched."""

from __future__ import annotations

import hashlib

from PIL import Image
from privacy_scores import RULES

from conftest import SEED_000, SEED_004, carekit

EXIF_IFD, GPS_IFD = 0x8769, 0x8825


def _photo(path):
    """A small JPEG with a GPS position, a capture date and a camera serial number."""
    image = Image.new("RGB", (48, 32))
    image.putdata([(x * 5 % 256, y * 8 % 256, (x + y) % 256) for y in range(32) for x in range(48)])
    exif = Image.Exif()
    exif[0x0132] = "2021:03:12 10:22:00"
    exif.get_ifd(EXIF_IFD)[0x9003] = "2021:03:12 10:22:00"
    exif.get_ifd(EXIF_IFD)[0xA431] = "SN1234567"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (24.0, 42.0, 10.0), 3: "E", 4: (46.0, 43.0, 5.0)})
    image.save(path, exif=exif, quality=92)


def test_metadata_is_flagged_and_scrubbed_with_pixels_unchanged(tmp_path):
    _photo(tmp_path / "hand.jpg")
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        "carekit: 1\nclinical_findings: The hand ([@fig:hand]).\n"
        "figures: [{id: hand, file: hand.jpg, caption: The hand}]\n"
    )
    original = (tmp_path / "hand.jpg").read_bytes()

    report = carekit("check", "-f", "json", "--select", "privacy-image-metadata", str(draft))
    (finding,) = report.json()["files"][0]["findings"]
    assert finding["line"] == 3 and finding["excerpt"] == "hand.jpg"
    for what in ("GPS position", "capture date (2021:03:12", "camera serial number (SN1234567)"):
        assert what in finding["message"]

    run = carekit("scrub", str(draft))
    assert run.code == 0, run.err
    copy = tmp_path / "hand.scrubbed.jpg"
    assert "removed GPS position" in run.out and str(copy) in run.out
    assert (tmp_path / "hand.jpg").read_bytes() == original  # byte for byte
    with Image.open(copy) as cleaned, Image.open(tmp_path / "hand.jpg") as before:
        assert not cleaned.getexif() and not cleaned.getexif().get_ifd(GPS_IFD)
        assert cleaned.tobytes() == before.tobytes() and cleaned.size == before.size
    assert b"SN1234567" not in copy.read_bytes() and b"2021:03:12" not in copy.read_bytes()


def test_scrub_in_place_and_png_text(tmp_path):
    image = Image.new("L", (8, 8), 128)
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Jane Doe")
    info.add_text("Comment", "patient MRN 4481920")
    image.save(tmp_path / "scan.png", pnginfo=info)
    before = hashlib.sha256((tmp_path / "scan.png").read_bytes()).hexdigest()
    assert carekit("scrub", str(tmp_path / "scan.png"), "--in-place").code == 0
    data = (tmp_path / "scan.png").read_bytes()
    assert hashlib.sha256(data).hexdigest() != before
    assert b"Jane Doe" not in data and b"4481920" not in data
    with Image.open(tmp_path / "scan.png") as cleaned:
        assert cleaned.tobytes() == image.tobytes()
    assert "no metadata to remove" in carekit("scrub", str(tmp_path / "scan.png")).out


def test_seed_examples_raise_no_privacy_finding_on_declarations():
    for draft in (SEED_000, SEED_004):
        rules = ",".join([*RULES, "privacy-image-metadata", "privacy-exact-age"])
        run = carekit("check", "-f", "json", "--select", rules, str(draft))
        assert run.json()["files"][0]["findings"] == [], draft
