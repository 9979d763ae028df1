"""`carekit watch` for real: it serves the preview, and an edit changes the served HTML."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_watch_rerenders_on_save_and_stops_cleanly(write_draft):
    draft = write_draft("carekit: 1\ntitle: First title - a case report\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "carekit", "watch", str(draft), "--port", "0", "--no-open"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if line.startswith("Serving "):
                url = line.split()[1]
        assert url, "carekit watch did not say where it serves"
        assert "First title" in _get(url)
        version = _get(url + "_carekit/version")

        draft.write_text("carekit: 1\ntitle: Second title - a case report\n", encoding="utf-8")
        deadline = time.monotonic() + 30
        page = _get(url)
        while "Second title" not in page and time.monotonic() < deadline:
            time.sleep(0.2)
            page = _get(url)
        assert "Second title" in page and "First title" not in page
        assert _get(url + "_carekit/version") != version
        assert "location.reload()" in page  # the served page reloads itself

        draft.write_text("carekit: 1\ntitle: Broken: oops\n", encoding="utf-8")
        deadline = time.monotonic() + 30
        while "cannot be rendered yet" not in page and time.monotonic() < deadline:
            time.sleep(0.2)
            page = _get(url)
        assert "cannot be rendered yet" in page and "line 2" in page
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "Traceback" not in err and "stopped" in err
