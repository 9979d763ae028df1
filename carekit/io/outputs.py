"""Write outputs safely.

Every file a command writes goes through here, so that:
- it lands inside the output folder (never through `..`, an absolute name or a symlink);
- all files of one run are written to temporaries first and renamed together, so a full
  disk never leaves new HTML beside old Markdown; temporaries of an interrupted run are
  removed by the next one;
- a file carekit did not write (the draft itself, a figure, an author's own file that
  happens to have an output's name) is never replaced. `.carekit-outputs` in the output
  folder records what carekit wrote there;
- a failure to write (disk full, read-only folder, `-o` naming a file) is reported in
  plain words with exit code 2.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from carekit.errors import CarekitError

MANIFEST = ".carekit-outputs"
_TEMP_SUFFIX = ".carekit-tmp"
STALE_AFTER = 600  # seconds: a temporary this old belongs to no running render
_MANIFEST_LIMIT = 1024 * 1024  # a record of file names; anything bigger is not ours


def _mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (umask)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_failed(path: Path, error: OSError, done: str = "Nothing was changed") -> CarekitError:
    """The plain-words message for a write that failed at `path`."""
    code = error.errno
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        what = "the disk is full (or the file is larger than this disk allows)"
        fix = "Free some disk space, or choose another folder with -o."
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        what = "the folder is read-only or you may not write to it"
        fix = "Check the folder's permissions, or choose another folder with -o."
    elif code in (errno.ENOTDIR, errno.EEXIST):
        what = "a file stands where a folder is needed (does -o name a file?)"
        fix = "Give -o the name of a folder, new or existing."
    elif code == errno.ENAMETOOLONG:
        what = "the file name is too long for this disk"
        fix = "Use a shorter draft file name or output folder."
    else:
        what = error.strerror or type(error).__name__
        fix = "Check the output folder, or choose another one with -o."
    return CarekitError(f"Cannot write {path}: {what}. {done}. {fix}")


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write one file: to a temporary beside `path`, then renamed over it. A symlink at
    `path` is refused, not replaced (callers that mean its target resolve it first)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_symlink():
        raise CarekitError(
            f"{path} is a symbolic link; carekit does not write through links. "
            "Write to the file it points to instead."
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = _write_temporary(path, data)
    except OSError as error:
        raise write_failed(path, error) from None
    try:
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise write_failed(path, error) from None


def _write_temporary(path: Path, data: bytes) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TEMP_SUFFIX, dir=path.parent)
    temporary = Path(name)
    try:
        os.chmod(temporary, _mode(path))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def safe_name(text: str, limit: int = 80) -> str:
    """A piece of a file name made from free text: letters, digits, `-`, `_` and `.` only,
    never starting with a dot (so never hidden, never `..`)."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", text).lstrip(".-")[:limit].rstrip(".-")
    return name or "unnamed"


def _stale_temporaries(folder: Path, name: str) -> list[Path]:
    """Temporaries an interrupted run left for `name` (this version's and the older
    `.NAME.XXXXXXXX.tmp` ones). Only old ones: a run writing into the same folder right
    now keeps its own."""
    import time

    pattern = re.compile(rf"\.{re.escape(name)}\.[A-Za-z0-9_]{{8}}(\.tmp|{_TEMP_SUFFIX})")
    old = time.time() - STALE_AFTER
    try:
        return [
            p
            for p in folder.iterdir()
            if pattern.fullmatch(p.name) and p.is_file() and p.stat().st_mtime < old
        ]
    except OSError:
        return []


_DRAFT_LIKE = re.compile(rb"^(carekit|title|patient|timeline|figures|abstract)[ \t]*:", re.M)


def draft_inputs(draft) -> list[Path]:  # noqa: ANN001 (a Draft; not imported here)
    """The files a draft's run reads: the draft, its figures, its bibliography."""
    from carekit.draft.files import OutsideFolder, inside_folder

    names = [f.file for f in draft.model.figures] + [draft.model.bibliography]
    found = [draft.file]
    for name in filter(None, names):
        try:
            found.append(inside_folder(draft.folder, str(name)))
        except (OutsideFolder, OSError, ValueError):
            continue  # not a readable file inside the folder: nothing to protect
    return found


def looks_generated(name: str, path: Path) -> bool:
    """Whether an existing output-named file not in the manifest (written before carekit
    kept one) is carekit's own: refuse anything that may be an author's file."""
    suffix = path.suffix.lower()
    try:
        with path.open("rb") as stream:
            head = stream.read(65536)
    except OSError:
        return False
    if suffix == ".svg":  # only the generated timeline figure
        return b'aria-labelledby="timeline-title"' in head
    if suffix == ".html":
        return b'<meta name="generator" content="carekit' in head
    if suffix in (".md", ".txt"):  # not a draft that happens to be named like an output
        # A manuscript's metadata block names carekit on its first line (render/portable.py).
        return head.startswith(b"---\n# Made by carekit render") or not _DRAFT_LIKE.search(head)
    if suffix == ".docx":
        import zipfile

        try:
            with zipfile.ZipFile(path) as archive:
                # carekit's own property (wordpost.GENERATOR); "python-docx" in older ones
                core = archive.read("docProps/core.xml")[:65536]
                return b"Generated by carekit" in core or b"python-docx" in core
        except (OSError, KeyError, zipfile.BadZipFile):
            return False
    if suffix == ".pdf":
        return head.startswith(b"%PDF-")
    return name.startswith("figures/figure-")  # a figure copy of an older `carekit submit`


class Outputs:
    """The files one run writes into one folder, written together by `commit()`.

    `inputs` are files the run reads (the draft, its figures, its bibliography): never
    written over, whatever their name."""

    def __init__(
        self,
        folder: Path,
        inputs: Iterable[Path] = (),
        legacy: Callable[[str, Path], bool] = looks_generated,
    ) -> None:
        self.folder = folder
        self.inputs = [Path(p) for p in inputs]
        self.legacy = legacy
        self.files: dict[str, bytes] = {}

    def add(self, name: str, content: str | bytes) -> Path:
        """Add a file by its name inside the folder (`figures/figure-1-hand.png`)."""
        parts = PurePosixPath(name).parts
        if (
            not parts
            or PurePosixPath(name).is_absolute()
            or any(part in ("", ".", "..") or "\\" in part or "\0" in part for part in parts)
        ):
            raise CarekitError(f"{name!r} is not a file name inside the output folder.")
        name = "/".join(parts)
        if name in self.files:
            raise CarekitError(
                f"Two outputs would both be written to {self.folder / name}; "
                "give them different ids or names."
            )
        self.files[name] = content.encode("utf-8") if isinstance(content, str) else content
        return self.folder / name

    def commit(self) -> list[Path]:
        """Check every target, write every file to a temporary, then rename them all."""
        root = self._root()
        recorded = _read_manifest(root)
        targets = {name: self._target(root, name, recorded) for name in self.files}
        written: dict[str, Path] = {}
        try:
            for name, target in targets.items():
                for stale in _stale_temporaries(target.parent, target.name):
                    stale.unlink(missing_ok=True)
                written[name] = _write_temporary(target, self.files[name])
        except BaseException as error:  # Ctrl-C included: leave no temporaries behind
            for temporary in written.values():
                temporary.unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise write_failed(self.folder / name, error) from None
            raise
        for name, temporary in written.items():
            try:
                os.replace(temporary, targets[name])
            except OSError as error:
                for rest in written.values():
                    rest.unlink(missing_ok=True)
                raise write_failed(
                    self.folder / name, error, "Some files were not replaced"
                ) from None
        record = "".join(f"{n}\n" for n in sorted(recorded | set(targets)))
        # The outputs are written; without the record, the next run checks their contents.
        with contextlib.suppress(CarekitError):
            write_atomic(root / MANIFEST, record)
        return [self.folder / name for name in self.files]

    def _root(self) -> Path:
        if self.folder.exists() and not self.folder.is_dir():
            raise CarekitError(
                f"{self.folder} is a file, not a folder; nothing was written. "
                "Give -o the name of a folder, new or existing."
            )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise write_failed(self.folder, error) from None
        return self.folder.resolve()

    def _target(self, root: Path, name: str, recorded: set[str]) -> Path:
        """The path to write `name` to, after refusing every way it could go wrong."""
        target = root / name
        shown = self.folder / name
        where = root
        for part in PurePosixPath(name).parts[:-1]:  # subfolders: real folders inside root
            where = where / part
            if where.is_symlink() or (where.exists() and not where.is_dir()):
                raise CarekitError(
                    f"{self.folder / where.relative_to(root)} is a link or a file, not a "
                    "folder; carekit writes only into real folders inside the output folder. "
                    "Remove it or choose another folder with -o."
                )
            try:
                where.mkdir(exist_ok=True)
            except OSError as error:
                raise write_failed(shown, error) from None
        if target.parent.resolve() != target.parent or not target.is_relative_to(root):
            raise CarekitError(f"{shown} lies outside the output folder; nothing was written.")
        if target.is_symlink():
            raise CarekitError(
                f"{shown} is a symbolic link; carekit does not write through links, so "
                "nothing was written. Remove the link or choose another folder with -o."
            )
        if not target.exists():
            return target
        if not target.is_file():
            raise CarekitError(f"{shown} exists and is not a file; nothing was written.")
        if any(_same(target, source) for source in self.inputs):
            raise CarekitError(
                f"{shown} is one of this draft's own files (the draft, a figure or the "
                "bibliography); carekit will not write over it, so nothing was written. "
                "Rename that file (a draft should end in .yaml) or render into another "
                "folder with -o."
            )
        if name not in recorded and not self.legacy(name, target):
            raise CarekitError(
                f"{shown} already exists and carekit did not write it; carekit will not "
                "replace it, so nothing was written. Move or rename that file, or render "
                "into another folder with -o."
            )
        return target


def _same(target: Path, source: Path) -> bool:
    try:
        return os.path.samefile(target, source)
    except OSError:
        return False


def _read_manifest(root: Path) -> set[str]:
    path = root / MANIFEST
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > _MANIFEST_LIMIT:
            return set()
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    return {line for line in text.splitlines() if line and not line.startswith("#")}
