"""`carekit check` stays light: the renderer's libraries are never imported by it."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, SEED_000

HEAVY = ("weasyprint", "markdown_it", "jinja2")


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
