"""A non-editable install finds checklists/ and templates/ inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from conftest import ROOT, SEED_000


def test_wheel_ships_data_and_runs_from_it(tmp_path):
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "dist").glob("carekit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "carekit/checklists/care-2013.yaml" in names
    assert any(name.startswith("carekit/templates/") for name in names)

    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    # Run from the unpacked wheel, away from the checkout, so only the wheel's data counts.
    done = subprocess.run(
        [sys.executable, "-m", "carekit", "check", "-f", "json", str(SEED_000)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(target)},
    )
    assert done.returncode == 1, done.stderr
    assert '"care_item": "7"' in done.stdout
    probe = subprocess.run(
        [sys.executable, "-c", "import carekit.resources as r; print(r.data_dir('checklists'))"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(target)},
    )
    assert probe.stdout.strip().startswith(str(target))
