"""The README's snippets work as written: its shell examples run on the bundled examples,
its synopses name real options, its YAML parses, its pre-commit configuration runs
through the real pre-commit, its workflow's steps run, and its editor line names the
schema file `carekit init` writes."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from carekit.check.rules.coverage import COMPLETE
from conftest import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```", README, re.M | re.S)


def _yaml_blocks() -> list[str]:
    return [body for kind, body in BLOCKS if kind == "yaml"]


def _block(first_line: str) -> str:
    (found,) = [body for body in _yaml_blocks() if first_line in body]
    return found


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the examples, and an environment whose `carekit` is this checkout's."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "carekit"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m carekit "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),
        "NO_COLOR": "1",
    }
    env.pop("GITHUB_ACTIONS", None)
    return tmp_path, env


def _run(command: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_console_examples_run_on_the_bundled_examples(workspace):
    folder, env = workspace
    commands = [
        line[2:] for _, body in BLOCKS for line in body.splitlines() if line.startswith("$ ")
    ]
    assert commands, "the README shows no `$ carekit ...` example"
    for command in commands:
        done = _run(command, folder, env)
        assert done.returncode in (0, 1), (command, done.stderr)  # 1: the example has findings
        assert "Traceback" not in done.stderr and done.stdout.strip(), command


def test_synopses_name_only_real_options(workspace):
    folder, env = workspace
    synopses = [body for kind, body in BLOCKS if not kind and re.match(r"carekit [a-z]+ ", body)]
    assert len(synopses) >= 4
    for body in synopses:
        command = body.split()[1]
        helped = _run(f"carekit {command} --help", folder, env)
        assert helped.returncode == 0, helped.stderr
        for option in set(re.findall(r"(?<![\w-])--?[a-z][\w-]*", body)):
            assert option in helped.stdout, (command, option)


def test_yaml_snippets_parse():
    assert len(_yaml_blocks()) >= 4
    for body in _yaml_blocks():
        YAML(typ="safe", pure=True).load(body)


def test_precommit_snippet_hooks_match_the_published_hooks():
    published = {
        hook["id"]: hook
        for hook in YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    config = YAML(typ="safe").load(_block("repos:"))
    for repo in config["repos"]:
        assert repo["repo"] == "local" or "rev" in repo
        for hook in repo["hooks"]:
            assert hook["id"] in published, hook["id"]
            for key in ("entry", "files"):
                assert hook[key] == published[hook["id"]][key], (hook["id"], key)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_precommit_snippet_works_through_pre_commit(workspace):
    folder, env = workspace
    repo = folder / "papers"
    repo.mkdir()
    env = {
        **env,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "PRE_COMMIT_COLOR": "never",
        "PRE_COMMIT_HOME": str(folder / "pre-commit-home"),
    }
    assert _run("git init -q", repo, env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(_block("repos:"), encoding="utf-8")
    installed = _run(f"{shlex.quote(sys.executable)} -m pre_commit install", repo, env)
    assert installed.returncode == 0, installed.stderr
    draft = repo / "case" / "draft.yaml"
    draft.parent.mkdir()
    draft.write_text("carekit: 1\ntitle: Calcinosis cutis in a child\n", encoding="utf-8")
    (repo / "other.yaml").write_text("name: not a draft\n", encoding="utf-8")
    _run("git add .", repo, env)
    refused = _run("git commit -qm draft", repo, env)
    assert refused.returncode != 0, refused.stdout + refused.stderr
    assert "title-case-report" in refused.stdout + refused.stderr

    draft.write_text(COMPLETE, encoding="utf-8")
    _run("git add .", repo, env)
    accepted = _run("git commit -qm complete", repo, env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_workflow_steps_run(workspace):
    folder, env = workspace
    workflow = YAML(typ="safe").load(_block(".github/workflows/carekit.yml"))
    steps = [s["run"] for s in workflow["jobs"]["check"]["steps"] if "run" in s]
    assert any("pip install" in step for step in steps)
    assert "@v0.1.0" not in "".join(steps)  # a tag that does not exist
    drafts = folder / "drafts"
    for example in ("seed-000-calcinosis-infant", "seed-004-calcinosis-leukemia"):
        shutil.copytree(folder / "examples" / example, drafts / example)
    for step in steps:
        if step.startswith("pip install"):
            continue
        done = _run(step, folder, env)
        assert done.returncode in (0, 1), (step, done.stderr)  # 1: errors fail the job
        assert "Traceback" not in done.stderr
    sarif = json.loads((folder / "carekit.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"]


def test_editor_line_names_the_schema_init_writes(workspace):
    folder, env = workspace
    named = re.findall(r"yaml-language-server: \$schema=([^\s`]+)", README)
    assert named
    done = _run("carekit init new/draft.yaml", folder, env)
    assert done.returncode == 0, done.stderr
    scaffold = (folder / "new" / "draft.yaml").read_text(encoding="utf-8")
    for path in named:
        assert (folder / "new" / path).is_file(), path
        assert f"$schema={path}" in scaffold
