"""One application layer: every command resolves the same settings and asks the same check.

Attack: a project's `.carekit.yaml` that switches rules off. Before the application layer
only `carekit check` read it: `render` printed "25 errors", `render --strict` and `submit`
refused a draft that `check` passed, the checklist marked items "partly" that `check`
reported as fine, and `watch` counted the errors of the bare draft and ignored its journal.
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from conftest import SEED_004, carekit, watching

# The seed-004 example fails check on missing items and on its title only: switched off
# here, the project's check passes (0 errors, 12 warnings, exit 0).
CONFIG = "ignore: [care-item-missing, title-case-report]\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    draft = tmp_path / "draft.yaml"
    shutil.copy(SEED_004, draft)
    (tmp_path / ".carekit.yaml").write_text(CONFIG, encoding="utf-8")
    return draft


def _check(draft: Path) -> dict:
    run = carekit("check", "-f", "json", str(draft))
    assert run.code == 0, run.out  # the project's check passes
    return run.json()["files"][0]


def _summary(draft: Path, report: dict) -> str:
    severities = [f["severity"] for f in report["findings"]]
    return f"{draft}: {severities.count('error')} errors, {severities.count('warning')} warnings"


def watch_lines(draft: Path, *flags: str) -> tuple[list[str], str]:
    """Start `carekit watch`, read what it prints up to "Serving URL", fetch the page, stop."""
    page = ""
    with watching(draft, *flags) as watch:
        if watch.url:
            with urllib.request.urlopen(watch.url, timeout=10) as response:
                page = response.read().decode("utf-8")
    return watch.lines, page


def _render(draft: Path, report: dict, out: Path) -> None:
    run = carekit("render", str(draft), "--strict", "--to", "md", "-o", str(out))
    assert run.code == 0 and "not rendered" not in run.err, run.err  # check passes it
    assert _summary(draft, report) + " (run" in run.err  # the same counts as check
    assert (out / "draft.md").is_file()


def _checklist(draft: Path, report: dict, out: Path) -> None:
    run = carekit("checklist", str(draft), "--to", "md", "-o", str(out))
    assert run.code == 0, run.err
    text = (out / "draft-care-checklist.md").read_text(encoding="utf-8")
    partly = {row.split("|")[1].strip() for row in text.splitlines() if "(partly)" in row}
    assert partly == {i["id"] for i in report["items"] if i["status"] == "partly"}
    assert "1" not in partly  # the title's only finding is switched off


def _submit(draft: Path, report: dict, out: Path) -> None:
    run = carekit("submit", str(draft), "-o", str(out / "pack"))
    assert run.code == 0 and "nothing written" not in run.err, run.err  # no --force needed
    findings = (out / "pack" / "findings.txt").read_text(encoding="utf-8")
    assert "title-case-report" not in findings and "care-item-missing" not in findings


def _preview(draft: Path, report: dict, out: Path) -> None:
    lines, page = watch_lines(draft)
    assert _summary(draft, report) in lines, lines  # the summary line watch prints
    assert "Calcinosis" in page


JOBS = {
    "check": lambda draft, report, out: None,  # the reference: _check asserted it passes
    "render": _render,
    "checklist": _checklist,
    "submit": _submit,
    "preview": _preview,
}


@pytest.mark.parametrize("job", list(JOBS))
def test_the_configuration_file_is_honoured_by_every_job(job, project, tmp_path):
    report = _check(project)
    assert not {"care-item-missing", "title-case-report"} & {f["rule"] for f in report["findings"]}
    out = tmp_path / "out"
    out.mkdir()
    JOBS[job](project, report, out)


HOUSE = "name: house\ntitle: House Journal\ntemplate: house\n"


def _house(tmp_path: Path, draft_text: str) -> Path:
    """A repository whose configuration loads its own profile, with its own template."""
    (tmp_path / "profiles" / "house").mkdir(parents=True)
    (tmp_path / "profiles" / "house" / "manuscript.md.j2").write_text(
        "# HOUSE TEMPLATE {{ title }}\n", encoding="utf-8"
    )
    (tmp_path / "profiles" / "house.yaml").write_text(HOUSE, encoding="utf-8")
    (tmp_path / ".carekit.yaml").write_text("journal: profiles/house.yaml\n", encoding="utf-8")
    draft = tmp_path / "draft.yaml"
    draft.write_text(draft_text, encoding="utf-8")
    return draft


def test_watch_uses_the_drafts_journal_template(tmp_path):
    draft = _house(tmp_path, "carekit: 1\ntitle: Calcinosis - a case report\njournal: house\n")
    _, page = watch_lines(draft)
    assert "HOUSE TEMPLATE Calcinosis" in page
    assert carekit("render", str(draft), "--to", "md").code == 0
    assert "\n---\n\n# HOUSE TEMPLATE" in (tmp_path / "draft.md").read_text(encoding="utf-8")
    # A bundled journal named by the draft: its own template, in watch as in render.
    bmj = tmp_path / "bmj" / "draft.yaml"
    bmj.parent.mkdir()
    bmj.write_text(
        "carekit: 1\ntitle: Calcinosis\njournal: bmj-case-reports\nabstract: {background: Text.}\n",
        encoding="utf-8",
    )
    carekit("render", str(bmj), "--to", "html")
    rendered = (bmj.parent / "draft.html").read_text(encoding="utf-8")
    _, page = watch_lines(bmj)
    assert _headings(page) == _headings(rendered) and _headings(page)


def _headings(html: str) -> list[str]:
    return re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", html)


def test_template_paper_and_strict_come_from_the_configuration(tmp_path):
    """The settings the issue lists can all be set for a project; a flag still wins."""
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "manuscript.md.j2").write_text("# MINE {{ title }}\n")
    (tmp_path / ".carekit.yaml").write_text(
        "template: mine\npaper: letter\nstrict: true\n", encoding="utf-8"
    )
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        "carekit: 1\ntitle: Calcinosis cutis - a case report\nkeywords: [one]\nnot_reported: {}\n",
        encoding="utf-8",
    )
    out = carekit("config", str(draft)).out
    for key, value in (("template", "mine"), ("paper", "letter"), ("strict", "True")):
        line = next(x for x in out.splitlines() if x.startswith(key + " "))
        assert value in line and ".carekit.yaml" in line, line
    run = carekit("render", str(draft), "--to", "md")
    assert run.code == 1 and "not rendered" in run.err  # strict: errors remain
    (tmp_path / ".carekit.yaml").write_text("template: mine\n", encoding="utf-8")
    assert carekit("render", str(draft), "--to", "md").code == 0
    assert "\n---\n\n# MINE Calcinosis" in (tmp_path / "draft.md").read_text(encoding="utf-8")
    assert carekit("render", str(draft), "--to", "md", "--template", "default").code == 0
    assert "\n---\n\n# MINE" not in (tmp_path / "draft.md").read_text(encoding="utf-8")
    # A configured template must lie inside the configuration's folder.
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / ".carekit.yaml").write_text("template: ../mine\n")
    (tmp_path / "repo" / "draft.yaml").write_text(draft.read_text())
    run = carekit("render", str(tmp_path / "repo" / "draft.yaml"), "--to", "md")
    assert run.code == 2 and "inside" in run.err
