"""Running the pandoc binary that the pypandoc-binary wheel ships: never one from PATH or
the network, always sandboxed (pandoc reads only the files named on its command line and
fetches nothing), time-limited, and with failures as a plain message.

One call per render: callers gather everything pandoc must do into one run.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from carekit.render.assets import RenderError

TIMEOUT_SECONDS = 60
_MESSAGE_CHARS = 600


@lru_cache(maxsize=1)
def pandoc_binary() -> Path:
    """The wheel's own pandoc (pypandoc_binary installs it as pypandoc/files/pandoc)."""
    spec = find_spec("pypandoc")
    for folder in list(spec.submodule_search_locations or []) if spec else []:
        for name in ("pandoc", "pandoc.exe"):
            path = Path(folder) / "files" / name
            if path.is_file() and os.access(path, os.X_OK):
                return path
    raise RenderError(
        "carekit cannot find the pandoc program it needs for the reference list. "
        "Reinstall carekit (its dependency pypandoc-binary ships pandoc)."
    )


def run_pandoc(args: list[str], stdin: str, cwd: Path, what: str) -> str:
    """pandoc's standard output for `args` with `stdin` as input, run in `cwd`.
    `what` names the job in messages ("the reference list")."""
    with tempfile.TemporaryDirectory(prefix="carekit-pandoc-") as home:
        # An empty home and data folder of its own: whatever folder `cwd` is, no defaults,
        # templates or filters lying around it can change what pandoc does. No proxies.
        command = [str(pandoc_binary()), "--sandbox", f"--data-dir={home}", *args]
        env = {"PATH": os.defpath, "LANG": "C.UTF-8", "HOME": home, "XDG_DATA_HOME": home}
        done = _run(command, stdin, cwd, env, what)
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()[:_MESSAGE_CHARS]
        raise RenderError(f"pandoc could not build {what}: {said or 'no reason given'}")
    return done.stdout.decode("utf-8", "replace")


def _run(
    command: list[str], stdin: str, cwd: Path, env: dict[str, str], what: str
) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            command,
            input=stdin.encode("utf-8"),
            capture_output=True,
            cwd=cwd,
            env=env,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"pandoc took more than {TIMEOUT_SECONDS} seconds to build {what}; the "
            "bibliography or citation style is probably far larger than a case report needs."
        ) from None
    except OSError as error:
        raise RenderError(f"pandoc could not be started to build {what} ({error}).") from None
