"""The submission pack is complete: every figure of the manuscript (the generated timeline
too) in formats the journal takes, raster figures at 300 dpi or more, and a title page
whose counts and journal are those of the manuscript."""

from __future__ import annotations

import io
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import ROOT, SEED_004, carekit

COMPLETE = ROOT / "tests" / "fixtures" / "complete" / "draft.yaml"
ACCEPTED = {".pdf", ".eps", ".tif", ".png", ".jpg"}


def _text(pdf: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    """The completed fixture's pack, its timeline shown as a table and as a figure."""
    folder = tmp_path_factory.mktemp("case")
    shutil.copytree(COMPLETE.parent, folder, dirs_exist_ok=True)
    draft = folder / "draft.yaml"
    draft.write_text(draft.read_text(encoding="utf-8") + "\ntimeline_as: both\n", "utf-8")
    out = tmp_path_factory.mktemp("pack")
    run = carekit("submit", str(draft), "-o", str(out), "--force")
    assert run.code == 0, run.err
    return out


def _numbers(text: str, label: str) -> set[int]:
    """The figure or table numbers the manuscript's captions give ("Fig. 2." "Table 1.")."""
    return {int(n) for n in re.findall(rf"{label} (\d+)\. [A-Z]", text)}


def test_every_figure_of_the_manuscript_is_in_the_pack_in_accepted_formats(pack):
    figures = _numbers(_text(pack / "manuscript.pdf"), "Fig.")
    assert figures == {1, 2, 3, 4, 5}  # the fixture's four drawings and the timeline
    files = sorted((pack / "figures").iterdir())
    assert {f.suffix for f in files} <= ACCEPTED, [f.name for f in files]
    numbered = {int(re.match(r"figure-(\d+)-", f.name)[1]) for f in files}
    assert numbered == figures
    assert (pack / "figures" / "figure-2-timeline.pdf").is_file()  # the generated one
    for number in figures:
        kinds = {f.suffix for f in files if f.name.startswith(f"figure-{number}-")}
        assert ".pdf" in kinds and ".png" in kinds, (number, kinds)  # line art: vector + raster
    for file in files:
        if file.suffix == ".pdf":
            page = PdfReader(file).pages[0]
            assert float(page.mediabox.width) > 100
            assert "/Image" not in str(page.get("/Resources", {}).get("/XObject", {}))  # vector
        else:
            with Image.open(file) as image:
                assert min(image.info["dpi"]) >= 299.5, file.name
                assert image.size[0] / image.info["dpi"][0] * 25.4 >= 84  # a column wide


def test_title_page_counts_and_journal_are_the_manuscripts(pack):
    manuscript = _text(pack / "manuscript.pdf")
    title = _text(pack / "title-page.pdf")
    figures, tables = len(_numbers(manuscript, "Fig.")), len(_numbers(manuscript, "Table"))
    assert (figures, tables) == (5, 3)
    assert f"{figures} figure(s), {tables} table(s)" in title
    assert "Target journal: Journal of Medical Case Reports" in title


def test_a_journal_without_a_profile_is_named_as_the_draft_names_it(tmp_path):
    run = carekit("submit", str(SEED_004), "-o", str(tmp_path), "--force")
    assert run.code == 0, run.err
    title = _text(tmp_path / "title-page.pdf")
    assert "Target journal: Case Reports in Clinical Medicine" in title
    assert "[the journal]" not in title
    # The word counts are the manuscript's: its main text is the one sentence carekit
    # writes from the patient's age and sex (the draft itself has no main-text prose).
    manuscript = _text(tmp_path / "manuscript.pdf")
    assert "Patient information The patient was a 4-year-old female. References" in manuscript
    abstract = manuscript.split("Abstract ", 1)[1].split(" Patient information", 1)[0]
    words = len(re.findall(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", abstract))
    assert f"Word counts: abstract {words}; main text 6 " in title


def _png(width: int, height: int, dpi: int | None) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    out = io.BytesIO()
    image.save(out, "PNG", **({"dpi": (dpi, dpi)} if dpi else {}))
    return out.getvalue()


def _with_text_chunk(png: bytes) -> bytes:
    body = b"tEXt" + b"Author\x00Dr Jane Roe, MRN 1234567"
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    return png[:33] + chunk + png[33:]


def test_photographs_get_300_dpi_their_pixels_kept_and_others_are_converted(tmp_path):
    """A 72-dpi PNG with identifying text, a JPEG with no density, a GIF and a WebP (no
    journal takes them) and an SVG without width: each comes out in an accepted format,
    at 300 dpi or more, the PNG's pixels identical and its text gone; a photograph too
    small to print a column wide at 300 dpi is named in findings.txt."""
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "wide.png").write_bytes(_with_text_chunk(_png(1200, 800, 72)))
    jpeg = io.BytesIO()
    Image.new("RGB", (1100, 700), (10, 80, 200)).save(jpeg, "JPEG", quality=90)
    raw = jpeg.getvalue()
    # Pillow writes a JFIF header with density 1:1 and no unit: what cameras often do.
    (folder / "photo.jpg").write_bytes(raw)
    Image.new("P", (400, 300), 3).save(folder / "small.gif")
    Image.new("RGB", (1000, 600), (0, 0, 0)).save(folder / "dark.webp")
    (folder / "line.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 50 20">'
        '<rect width="50" height="20" fill="#38c"/></svg>',
        encoding="utf-8",
    )
    figures = "".join(
        f"  - {{id: {name}, file: {file}, caption: The {name}.}}\n"
        for name, file in [
            ("wide", "wide.png"),
            ("photo", "photo.jpg"),
            ("small", "small.gif"),
            ("dark", "dark.webp"),
            ("line", "line.svg"),
        ]
    )
    (folder / "draft.yaml").write_text(
        "carekit: 1\ntitle: Figures of every kind, a case report\nfigures:\n" + figures,
        encoding="utf-8",
    )
    out = tmp_path / "pack"
    run = carekit("submit", str(folder / "draft.yaml"), "-o", str(out), "--force")
    assert run.code == 0, run.err
    files = {f.name: f for f in (out / "figures").iterdir()}
    assert all(Path(n).suffix in ACCEPTED for n in files), sorted(files)
    stems = {re.match(r"figure-\d+-(\w+)\.", n)[1] for n in files}
    assert stems == {"wide", "photo", "small", "dark", "line"}
    for name, file in files.items():
        if file.suffix == ".pdf":
            continue
        with Image.open(file) as image:
            assert min(image.info["dpi"]) >= 299.5, name
    wide = next(f for n, f in files.items() if "wide" in n)
    assert b"Jane Roe" not in wide.read_bytes()
    with Image.open(wide) as kept, Image.open(folder / "wide.png") as original:
        assert kept.tobytes() == original.tobytes()
    photo = next(f for n, f in files.items() if "photo" in n)
    assert photo.read_bytes()[-2000:] == raw[-2000:]  # the scan data untouched
    notes = (out / "findings.txt").read_text(encoding="utf-8")
    assert "small" in notes and "narrower than a journal column" in notes
    assert "-wide" not in notes.split("Figures in the pack:")[-1]


def test_the_profile_decides_the_formats(tmp_path):
    """A profile that takes only TIFF and EPS gets exactly those."""
    profile = tmp_path / "tiff-only.yaml"
    profile.write_text(
        "name: tiff-only\ntitle: Journal of TIFF\n"
        "figures: {formats: [eps, tiff], min_dpi: 600, source: test, confidence: high}\n",
        encoding="utf-8",
    )
    folder = tmp_path / "case"
    shutil.copytree(COMPLETE.parent, folder)
    out = tmp_path / "pack"
    run = carekit(
        "submit", str(folder / "draft.yaml"), "--journal", str(profile), "-o", str(out), "--force"
    )
    assert run.code == 0, run.err
    files = list((out / "figures").iterdir())
    assert {f.suffix for f in files} == {".eps", ".tif"}
    for file in files:
        if file.suffix == ".tif":
            with Image.open(file) as image:
                assert min(image.info["dpi"]) >= 599.5
    assert "Target journal: Journal of TIFF" in _text(out / "title-page.pdf")
