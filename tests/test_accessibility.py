"""Every template's HTML passes axe-core in headless Chromium with no serious or critical
violation (WCAG 2 A/AA and best practices): a `main` landmark, links that stand out from
the text around them by more than colour, enough contrast.

axe-core (MPL-2.0) is kept as test data in tests/data/axe/ with its licence, so the test
needs no network. The page's Content-Security-Policy forbids scripts, as it should; the
test copy has it removed and axe injected, nothing else changed.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from test_browser import CHROMIUM, _chromium

from conftest import ROOT, carekit

AXE = ROOT / "tests" / "data" / "axe" / "axe.min.js"
COMPLETE = ROOT / "tests" / "fixtures" / "complete" / "draft.yaml"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
_CSP_RE = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)
RUNNER = """<script src="axe.min.js"></script>
<script>
axe.run(document, {resultTypes: ['violations']}).then(function (results) {
  var out = document.createElement('pre');
  out.id = 'axe-result';
  out.textContent = JSON.stringify(results.violations.map(function (v) {
    return {id: v.id, impact: v.impact, nodes: v.nodes.length,
            first: v.nodes[0] && v.nodes[0].failureSummary};
  }));
  document.body.appendChild(out);
});
</script>
"""


def violations(tmp_path: Path, page: Path) -> list[dict]:
    """axe-core's violations on `page`, as Chromium lays it out on a screen."""
    html = page.read_text(encoding="utf-8")
    probe = tmp_path / f"axe-{page.name}"
    probe.write_text(_CSP_RE.sub("", html).replace("</body>", RUNNER + "</body>"), "utf-8")
    shutil.copy(AXE, tmp_path / "axe.min.js")
    done = _chromium(
        tmp_path,
        "--allow-file-access-from-files",
        "--window-size=1200,1600",
        "--virtual-time-budget=20000",
        "--dump-dom",
        probe.as_uri(),
    )
    found = re.search(r'<pre id="axe-result">([^<]*)</pre>', done.stdout)
    assert found, done.stderr[-2000:]
    return json.loads(found[1].replace("&quot;", '"').replace("&amp;", "&"))


@pytest.mark.parametrize("template", ["default", "jmcr", "bmj-case-reports"])
def test_every_template_has_no_serious_accessibility_violation(tmp_path, template):
    run = carekit(
        "render", str(COMPLETE), "-o", str(tmp_path), "--to", "html", "--template", template
    )
    assert run.code == 0, run.err
    found = violations(tmp_path, tmp_path / "draft.html")
    serious = [v for v in found if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    assert "landmark-one-main" not in {v["id"] for v in found}


def test_the_checklist_page_has_no_serious_accessibility_violation(tmp_path):
    run = carekit("checklist", str(COMPLETE), "-o", str(tmp_path), "--to", "html")
    assert run.code == 0, run.err
    found = violations(tmp_path, tmp_path / "draft-care-checklist.html")
    assert [v for v in found if v["impact"] in ("serious", "critical")] == []
