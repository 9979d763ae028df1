"""`carekit scrub`: copies of figure files without identifying metadata."""

from __future__ import annotations

import argparse
from pathlib import Path

from carekit.errors import EXIT_OK, EXIT_USAGE, CarekitError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "scrub",
        help="remove identifying metadata (EXIF, GPS, XMP, PNG text) from figures",
        description="Write copies of figure files without identifying metadata; the pixels "
        "are not touched. Give a draft (its figures are cleaned) or image files. The "
        "originals are never changed unless --in-place is given.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a draft, or image files")
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="write the copies here (default: beside each file, as NAME.scrubbed.EXT)",
    )
    parser.add_argument(
        "--in-place",
        action="store_true",
        help="clean the files themselves (atomically) instead of writing copies",
    )
    parser.set_defaults(run=run)


def _images(paths: list[str]) -> list[Path]:
    from carekit.draft.files import RASTER, OutsideFolder, inside_folder
    from carekit.draft.loader import load_readable

    images: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.suffix.lower() in (".yaml", ".yml"):
            loaded = load_readable(path)
            for figure in loaded.draft.model.figures:
                if str(figure.file).lower().endswith(RASTER):
                    try:
                        images.append(inside_folder(loaded.draft.folder, figure.file))
                    except OutsideFolder as problem:
                        raise CarekitError(f"figure {figure.id!r}: {problem}.") from None
        elif path.is_file():
            images.append(path)
        else:
            raise CarekitError(f"{path} is neither a draft nor an image file.")
    return list(dict.fromkeys(images))


def run(args: argparse.Namespace) -> int:
    from carekit.io.outputs import write_atomic
    from carekit.privacy.images import ScrubError, identifying_metadata, scrub

    if args.in_place and args.output:
        raise CarekitError("Choose either --in-place or -o DIR.")
    status = EXIT_OK
    for image in _images(args.paths):
        found = identifying_metadata(image)
        original = image.read_bytes()
        try:
            cleaned = scrub(original, image.suffix)
        except ScrubError as problem:
            print(f"{image}: not cleaned: {problem}.")
            status = EXIT_USAGE
            continue
        if args.in_place:
            target = image
        elif args.output:
            target = Path(args.output) / image.name
        else:
            target = image.with_name(f"{image.stem}.scrubbed{image.suffix}")
        if cleaned == original and not args.output:
            print(f"{image}: no metadata to remove")
            continue
        write_atomic(target, cleaned)
        removed = "; ".join(found) if found else "metadata"
        print(f"{image}: removed {removed} -> {target}")
    return status
