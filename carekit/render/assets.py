"""The only files a render may read: generated figures and files inside the draft's folder."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from carekit.draft.files import OutsideFolder, inside_folder
from carekit.errors import CarekitError
from carekit.io.svgcheck import MAX_IMAGE_BYTES

MIME = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
_TRANSPARENT_PIXEL = (  # stands in for a refused image while the rest is checked
    b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>',
    "image/svg+xml",
)


class RenderError(CarekitError):
    """The draft asks for something the renderer refuses; the message lists each case."""


class Assets:
    def __init__(
        self, folder: Path, out_dir: Path, generated: dict[str, bytes], refused: list[str]
    ) -> None:
        self.folder = folder
        self.out_dir = out_dir
        self.generated = generated  # file name -> content, made by this render
        self.refused = list(refused)

    def image(self, src: str) -> tuple[bytes, str]:
        """The bytes and MIME type of an image the Markdown names; refusals are collected."""
        name = unquote(src)
        if not name:  # a figure already refused by name
            return _TRANSPARENT_PIXEL
        if name in self.generated:
            return self.generated[name], MIME.get(Path(name).suffix.lower(), "image/svg+xml")
        try:
            path = self._locate(src)
            mime = MIME.get(path.suffix.lower())
            if mime is None:
                raise OutsideFolder(
                    f"{name} is not an image type carekit embeds ({', '.join(MIME)})"
                )
            if path.stat().st_size > MAX_IMAGE_BYTES:
                raise OutsideFolder(f"{name} is larger than {MAX_IMAGE_BYTES // 2**20} MiB")
            if mime == "image/svg+xml":
                return self._svg(name, path.read_bytes()), mime
            from carekit.privacy.images import MAX_PIXELS, too_large

            size = too_large(path)
            if size:
                raise OutsideFolder(
                    f"{name} is {size}; carekit embeds images of up to "
                    f"{MAX_PIXELS // 1_000_000} megapixels"
                )
            return path.read_bytes(), mime
        except OutsideFolder as problem:
            self.refused.append(str(problem))
            return _TRANSPARENT_PIXEL

    @staticmethod
    def _svg(name: str, data: bytes) -> bytes:
        """The SVG's bytes if it is cheap and safe to draw; else refused, saying why."""
        from carekit.io.svgcheck import svg_problem

        problem = svg_problem(data)
        if problem:
            raise OutsideFolder(
                f"{name} cannot be drawn safely: {problem}; save the figure again "
                "(e.g. as PNG) from the program that made it"
            )
        return data

    def _locate(self, src: str) -> Path:
        """Markdown paths are relative to the output folder; each must land in the draft's."""
        try:
            relative = Path(unquote(src))
            candidate = (self.out_dir / relative).resolve()
            root = self.folder.resolve()
            if not relative.is_absolute() and "://" not in src and candidate.is_relative_to(root):
                return inside_folder(self.folder, candidate.relative_to(root).as_posix())
        except (OSError, ValueError):
            pass
        return inside_folder(self.folder, src)

    def raise_refused(self) -> None:
        if self.refused:
            listed = "\n".join(f"  - {reason}" for reason in dict.fromkeys(self.refused))
            raise RenderError(
                "The draft names images carekit will not use (only files inside the "
                f"draft's folder, of a size and kind it can draw safely):\n{listed}"
            )
