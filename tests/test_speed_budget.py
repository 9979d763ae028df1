"""`carekit check` stays light: the renderer's libraries are never imported by it, nor
`typing` or the public API of ruamel.yaml (its package `__init__`)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, SEED_000

# typing is ~3 ms of a check; ruamel.yaml.main is what the package's __init__ imports.
HEAVY = ("weasyprint", "markdown_it", "jinja2", "pygls", "lsprotocol", "typing", "ruamel.yaml.main")


def test_check_does_not_import_renderer_libraries():
    script = (
        "import sys\n"
        "from carekit.cli import main\n"
        f"code = main(['check', '--format', 'json', {str(SEED_000)!r}])\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print('HEAVY:', ','.join(heavy), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert "HEAVY: \n" in done.stderr or done.stderr.rstrip().endswith("HEAVY:"), done.stderr
    assert '"files"' in done.stdout  # the check itself ran


def _check_json(cache_home, draft, **extra):
    import os

    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), **extra}
    done = subprocess.run(
        [sys.executable, "-m", "carekit", "check", "-f", "json", str(draft)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout


def test_the_cache_is_owner_only_and_a_tampered_cache_changes_nothing(tmp_path):
    """The kept patterns and data are read back only from the user's own files: damaged,
    foreign-writable or linked cache files are ignored and the report stays the same."""
    import os

    # Patient text that names a place, so the privacy word lists (bundled data, cached like
    # the patterns) are read as well.
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        "carekit: 1\ntitle: A case report\npatient:\n"
        "  presenting_concern: A rash since she moved to Ashby de la Zouch.\n",
        encoding="utf-8",
    )
    expected = _check_json(tmp_path / "none", draft, CAREKIT_NO_CACHE="1")
    assert not (tmp_path / "none").exists()  # CAREKIT_NO_CACHE writes nothing
    home = tmp_path / "cache"
    assert _check_json(home, draft) == expected  # first run fills the cache
    files = sorted((home / "carekit").glob("*.marshal"))
    assert {f.name.split("-")[0] for f in files} == {"regexcode", "data"}
    assert all(f.stat().st_mode & 0o077 == 0 for f in files)
    assert _check_json(home, draft) == expected  # served from the cache

    for file in files:  # damaged: not marshal data
        file.write_bytes(b"\x00garbage" * 10)
    assert _check_json(home, draft) == expected
    for file in files:  # writable by others, holding a wrong but valid entry
        file.unlink()
        file.write_bytes(__import__("marshal").dumps({("x", 0): (0, [1], 0, {}, (None,))}))
        file.chmod(0o666)
    assert _check_json(home, draft) == expected
    elsewhere = tmp_path / "elsewhere.marshal"
    elsewhere.write_bytes(b"\x00")
    for file in files:  # a link: never followed
        file.unlink()
        os.symlink(elsewhere, file)
    assert _check_json(home, draft) == expected
    assert elsewhere.read_bytes() == b"\x00"


def test_a_check_that_skips_teardown_still_delivers_every_byte(tmp_path):
    """A check leaves without the interpreter's teardown and runs without the garbage
    collector: its whole report still reaches a pipe, with the exit code of its findings,
    for one file and for many (collected between files)."""
    import json
    import shutil

    for index in range(3):
        shutil.copy(SEED_000, tmp_path / f"draft{index}.yaml")
    one = subprocess.run(
        [sys.executable, "-m", "carekit", "check", "-f", "json", str(tmp_path / "draft0.yaml")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    many = subprocess.run(
        [sys.executable, "-m", "carekit", "check", "-f", "json", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert one.returncode == many.returncode == 1  # the seed has errors
    reports = json.loads(many.stdout)["files"]
    assert len(reports) == 3

    def findings(report: dict) -> list:
        return [{k: v for k, v in f.items() if k != "file"} for f in report["findings"]]

    first = json.loads(one.stdout)["files"][0]
    for report in reports:
        assert findings(report) == findings(first)


def _kinds(kind, seen):
    """Every schema kind reachable from `kind`, through its attributes."""
    from carekit.draft.schema import Kind

    if id(kind) in seen:
        return
    seen.add(id(kind))
    yield kind
    for value in vars(kind).values():
        parts = value.values() if isinstance(value, dict) else value
        for part in parts if isinstance(parts, (list, tuple, type({}.values()))) else ():
            if isinstance(part, Kind):
                yield from _kinds(part, seen)
        if isinstance(value, Kind):
            yield from _kinds(value, seen)


def test_kept_data_is_stamped_by_all_the_code_that_validates_it():
    """A kept checklist or profile is used again while the code in VALIDATING is
    unchanged: every class of the data files' schemas must be defined there."""
    import inspect
    from pathlib import Path

    import carekit
    from carekit.check.checklist_schema import CHECKLIST
    from carekit.draft.format import DRAFT
    from carekit.io import validated
    from carekit.journals.schema import PROFILE

    package = Path(carekit.__file__).parent
    stamped = [package / part for part in validated.VALIDATING]
    seen: set[int] = set()
    classes = {
        cls
        for root in (CHECKLIST, PROFILE, DRAFT)
        for kind in _kinds(root, seen)
        for cls in type(kind).__mro__
        if cls.__module__.startswith("carekit")
    }
    assert len(classes) > 5  # the walk found the vocabulary
    for cls in classes:
        source = Path(inspect.getfile(cls))
        assert any(source == s or s in source.parents for s in stamped), (cls, source)
    assert len(seen) > 100  # ... and the draft format's kinds
    schemas = ("carekit.io.validated", "carekit.journals.schema", "carekit.check.checklist_schema")
    for name in schemas:
        source = Path(sys.modules[name].__file__)
        assert any(source == s or s in source.parents for s in stamped), name
