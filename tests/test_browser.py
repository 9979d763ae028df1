"""The HTML manuscript in a real browser: headless Chromium opens it from disk.

`make test` installs Debian's chromium when it is missing and the user is root; otherwise
this test is skipped and says why.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import SEED_000, carekit

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (as root, `make test` installs it)"
)
# No network, no profile, nothing in the background: the flags this machine needs.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]
# Opens the manuscript in a frame and reports what the browser made of its images.
HARNESS = """<!doctype html><html><body><pre id="result">pending</pre>
<iframe id="manuscript" src="draft.html" style="width:1200px;height:2000px"></iframe>
<script>
document.getElementById('manuscript').addEventListener('load', function () {
  var images = Array.from(this.contentDocument.images);
  document.getElementById('result').textContent = JSON.stringify({
    title: this.contentDocument.title,
    widths: images.map(function (image) { return image.naturalWidth; })
  });
});
</script></body></html>
"""


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_page(tmp_path: Path, page: Path) -> subprocess.CompletedProcess:
    """Open a page from disk and let it run for three seconds of virtual time."""
    return _chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", page.as_uri())


def test_html_opens_in_chromium_with_images_and_no_console_errors(tmp_path):
    assert carekit("render", str(SEED_000), "-o", str(tmp_path), "--to", "html").code == 0
    page = tmp_path / "draft.html"
    (tmp_path / "harness.html").write_text(HARNESS, encoding="utf-8")

    done = _chromium(
        tmp_path,
        "--allow-file-access-from-files",
        "--virtual-time-budget=5000",
        "--dump-dom",
        (tmp_path / "harness.html").as_uri(),
    )
    match = re.search(r'<pre id="result">([^<]*)</pre>', done.stdout)
    assert match, done.stderr[-2000:]
    result = json.loads(match[1])
    assert result["title"].startswith("Iatrogenic calcinosis cutis")
    assert len(result["widths"]) == 4 and all(width > 0 for width in result["widths"])
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line and page.name in line]
    assert console == []

    screenshot = tmp_path / "draft.png"
    shot = _chromium(
        tmp_path, f"--screenshot={screenshot}", "--window-size=1200,1600", page.as_uri()
    )
    assert screenshot.is_file(), shot.stderr[-2000:]
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 10_000  # a rendered page, not a blank image
