"""carekit's own data files are read once and kept (carekit.io.yamldata.kept): a later run
uses the kept data without reading the file, until the file changes."""

from __future__ import annotations

import os

import pytest

from carekit import resources
from carekit.errors import CarekitError
from carekit.io import yamldata


@pytest.fixture
def bundled(tmp_path, monkeypatch):
    """A folder that counts as carekit's own data, a cache folder of the test's own, and
    a fresh start, as in a new process, for each `load()`."""
    folder = tmp_path / "checklists"
    folder.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CAREKIT_NO_CACHE", raising=False)
    monkeypatch.setattr(resources, "data_dir", lambda name: folder)

    def load(path):
        monkeypatch.setattr(yamldata, "_BUNDLED", None)  # as a new process starts
        return yamldata.load_data(path, "test file")

    return folder, load


def _unreadable(path, what):
    raise AssertionError(f"{path} was read")


def test_kept_data_is_used_without_reading_the_file(bundled, monkeypatch):
    folder, load = bundled
    path = folder / "data.yaml"
    path.write_text("items: [a, b]\n", encoding="utf-8")
    assert load(path) == {"items": ["a", "b"]}
    monkeypatch.setattr(yamldata, "read_text", _unreadable)
    assert load(path) == {"items": ["a", "b"]}


def _kept_once(folder, load):
    """A data file with `limit: 1`, read and kept; its path and its status then."""
    path = folder / "data.yaml"
    path.write_text("limit: 1\n", encoding="utf-8")
    assert load(path) == {"limit": 1}
    return path, path.stat()


def test_an_edit_of_the_same_size_is_read_again(bundled):
    folder, load = bundled
    path, before = _kept_once(folder, load)
    path.write_text("limit: 2\n", encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert load(path) == {"limit": 2}


def test_a_file_replaced_with_the_same_size_and_time_is_read_again(bundled):
    """Editors often save by writing a new file and renaming it over the old one."""
    folder, load = bundled
    path, before = _kept_once(folder, load)
    replacement = folder / "data.yaml.new"
    replacement.write_text("limit: 2\n", encoding="utf-8")
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    keep_inode_busy = folder / "old.yaml"
    os.link(path, keep_inode_busy)  # so the new file cannot reuse the old inode number
    os.replace(replacement, path)
    assert (path.stat().st_mtime_ns, path.stat().st_size) == (
        before.st_mtime_ns,
        before.st_size,
    )
    assert load(path) == {"limit": 2}


def test_errors_are_not_kept(bundled):
    folder, load = bundled
    path = folder / "data.yaml"
    path.write_text("a: [unclosed\n", encoding="utf-8")
    with pytest.raises(CarekitError, match="is not valid YAML"):
        load(path)
    path.write_text("a: [closed]\n", encoding="utf-8")
    assert load(path) == {"a": ["closed"]}
    path.unlink()
    with pytest.raises(CarekitError, match="cannot be read"):
        load(path)
