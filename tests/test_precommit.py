"""The pre-commit hook, through the real pre-commit tool, in a throwaway git repository.

pre-commit installs this checkout (at its HEAD commit) into its own environment, as it
would for any user, so this test needs the package index the first time it runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from carekit.check.rules.coverage import COMPLETE
from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env=env, timeout=900
    )


def test_commit_with_errors_is_refused_and_a_clean_draft_commits(tmp_path):
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    repo = tmp_path / "papers"
    repo.mkdir()
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "PRE_COMMIT_COLOR": "never",
        "COLUMNS": "200",
    }
    env.pop("GITHUB_ACTIONS", None)
    _git(repo, "init", "-q", env=env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: carekit-check\n",
        encoding="utf-8",
    )
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert installed.returncode == 0, installed.stderr

    (repo / "other.yaml").write_text("name: not a draft\nlist: [1, 2]\n", encoding="utf-8")
    incomplete = repo / "case" / "draft.yaml"
    incomplete.parent.mkdir()
    incomplete.write_text("carekit: 1\ntitle: Calcinosis cutis in a child\n", encoding="utf-8")
    _git(repo, "add", ".", env=env)
    refused = _git(repo, "commit", "-m", "first draft", env=env)
    assert refused.returncode != 0, refused.stdout + refused.stderr
    output = refused.stdout + refused.stderr
    assert "carekit check" in output and "Failed" in output
    assert "case/draft.yaml:2:8" in output and "title-case-report" in output
    assert "other.yaml" not in output.replace(".pre-commit-config.yaml", "")

    incomplete.write_text(COMPLETE, encoding="utf-8")
    _git(repo, "add", ".", env=env)
    accepted = _git(repo, "commit", "-m", "complete draft", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Passed" in accepted.stdout + accepted.stderr
