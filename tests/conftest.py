"""Shared helpers: run the real CLI in a subprocess and write drafts to real files."""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED_000 = EXAMPLES / "seed-000-calcinosis-infant" / "draft.yaml"
SEED_004 = EXAMPLES / "seed-004-calcinosis-leukemia" / "draft.yaml"


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)


def carekit(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> Run:
    """Run `python -m carekit ARGS` as a user would, and capture what it prints."""
    environment = {**os.environ, "COLUMNS": "200"}
    environment.pop("GITHUB_ACTIONS", None)  # so `--format auto` means text unless a test says
    environment.update(env or {})
    done = subprocess.run(
        [sys.executable, "-m", "carekit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def write_draft(tmp_path: Path):
    """Write a draft (and any files beside it) into a temporary folder; return its path."""

    def write(text: str | bytes, files: dict[str, str] | None = None, name: str = "draft.yaml"):
        for relative, content in (files or {}).items():
            target = tmp_path / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        draft = tmp_path / name
        if isinstance(text, bytes):
            draft.write_bytes(text)
        else:
            draft.write_text(text, encoding="utf-8")
        return draft

    return write


@pytest.fixture
def listener():
    """A server on loopback that records every request: it stands in for an attacker's
    server, and hostile drafts must never make anything reach it."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            seen.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()


@dataclass
class Watcher:
    """A running `carekit watch`: where it serves (None if it ended first), what it printed
    up to then, and, once stopped, its stderr."""

    process: subprocess.Popen
    url: str | None = None
    lines: list[str] = field(default_factory=list)
    err: str = ""

    @property
    def port(self) -> int:
        return int(self.url.rstrip("/").rsplit(":", 1)[1])


@contextmanager
def watching(draft: Path, *flags: str, env: dict[str, str] | None = None):
    """Run `carekit watch DRAFT` on a free port until it says where it serves; on leaving,
    stop it with Ctrl-C as a user would and check it printed no traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "carekit", "watch", str(draft), "--port", "0", "--no-open", *flags],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
    )
    watcher = Watcher(process)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break  # the process ended
            watcher.lines.append(line.rstrip("\n"))
            if line.startswith("Serving "):
                watcher.url = line.split()[1]
                break
        yield watcher
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        _, watcher.err = process.communicate(timeout=30)
    assert "Traceback" not in watcher.err, watcher.err
