"""Running the pandoc binary that the pypandoc-binary wheel ships: never one from PATH or
the network, always sandboxed (pandoc reads only the files named on its command line and
fetches nothing), time-limited, and with failures as a plain message.

One start per step of a render: the reference list (citeproc) is one run, and every
conversion made from the finished Markdown (each Word file of a submission pack) goes to
one more run as a batch, through pandoc's server interface on standard input (pandoc
serves a single CGI request and exits; it reads no file at all in that mode, so the
files a conversion needs travel inside the request).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from carekit.render.assets import RenderError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

TIMEOUT_SECONDS = 60
MEMORY_CAP = ("+RTS", "-M1g", "-RTS")  # pandoc's own runtime limit (its manual's advice)
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


# Work a render gives to run beside its next pandoc start (see `beside_pandoc`).
_beside: list[Callable[[], None]] = []
_running: list[threading.Thread] = []


@contextmanager
def beside_pandoc(work: Callable[[], None]) -> Iterator[None]:
    """While the block runs, the first pandoc start also starts `work` in a thread: the
    imports the next steps need (markdown-it, WeasyPrint) load while this process would
    only wait for pandoc's answer. Only third-party modules may be imported by `work`, so
    the two threads never wait for each other's imports in a circle; the thread is
    joined when the block ends, and an error in it is left for the main thread to meet."""
    _beside[:] = [work]
    try:
        yield
    finally:
        _beside.clear()
        while _running:
            _running.pop().join()


def _start_beside() -> None:
    if _beside:
        work = _beside.pop()

        def quietly() -> None:
            with suppress(Exception):
                work()

        thread = threading.Thread(target=quietly, name="carekit-imports", daemon=True)
        _running.append(thread)
        thread.start()


def run_pandoc(args: list[str], stdin: str, cwd: Path, what: str) -> str:
    """pandoc's standard output for `args` with `stdin` as input, run in `cwd`.
    `what` names the job in messages ("the reference list")."""
    _start_beside()
    with tempfile.TemporaryDirectory(prefix="carekit-pandoc-") as home:
        # An empty home and data folder of its own: whatever folder `cwd` is, no defaults,
        # templates or filters lying around it can change what pandoc does. No proxies.
        # A heap cap: a Word file is a zip, and a small one can unpack to gigabytes.
        command = [str(pandoc_binary()), *MEMORY_CAP, "--sandbox", f"--data-dir={home}", *args]
        env = {"PATH": os.defpath, "LANG": "C.UTF-8", "HOME": home, "XDG_DATA_HOME": home}
        done = _run(command, stdin, cwd, env, what)
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()[:_MESSAGE_CHARS]
        if "Heap exhausted" in said:  # the cap, not pandoc's advice to raise it
            said = "it needs more than 1 GB of memory, far more than a case report takes"
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


# Outputs made by `prefetch` for conversions asked for later in the same render, each
# taken out when used (a `carekit watch` process renders many times).
_made: dict[str, bytes] = {}


def _key(request: dict[str, Any]) -> str:
    import hashlib
    import json

    files = {
        name: hashlib.sha256(data).hexdigest() for name, data in request.get("files", {}).items()
    }
    plain = json.dumps({**request, "files": files}, sort_keys=True)
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()


def prefetch(requests: list[dict[str, Any]], what: str) -> None:
    """Make every conversion a render will ask `convert` for, in one pandoc start."""
    missing = {_key(request): request for request in requests}
    missing = {key: request for key, request in missing.items() if key not in _made}
    if missing:
        _made.update(zip(missing, run_batch(list(missing.values()), what), strict=True))


def convert(request: dict[str, Any], what: str) -> bytes:
    """pandoc's output for one server-API request: made by `prefetch` earlier, else now."""
    made = _made.pop(_key(request), None)
    return made if made is not None else run_batch([request], what)[0]


def forget() -> None:
    """Drop what `prefetch` made and nothing used (a render that stopped half-way)."""
    _made.clear()


def run_batch(requests: list[dict[str, Any]], what: str) -> list[bytes]:
    """pandoc's output for each request of its server API (`text`, `from`, `to`, `files`
    as {name: bytes}...), from one pandoc start. A request pandoc refuses is a RenderError
    naming `what`."""
    import base64
    import json

    payload = [
        {**request, "files": _encoded(request.get("files", {}))} if "files" in request else request
        for request in requests
    ]
    body = json.dumps(payload)
    with tempfile.TemporaryDirectory(prefix="carekit-pandoc-") as home:
        # pandoc answers as a CGI program when it is called pandoc-server.cgi.
        server = Path(home) / "pandoc-server.cgi"
        server.symlink_to(pandoc_binary())
        env = {
            "PATH": os.defpath, "LANG": "C.UTF-8", "HOME": home, "XDG_DATA_HOME": home,
            "REQUEST_METHOD": "POST", "PATH_INFO": "/batch", "SCRIPT_NAME": "/pandoc-server.cgi",
            "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body.encode())),
            "HTTP_ACCEPT": "application/json", "SERVER_NAME": "localhost", "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
            # The server's own limit (2 s by default: a busy machine passed it with four
            # Word files) is the limit of every pandoc run.
            "PANDOC_SERVER_TIMEOUT": str(TIMEOUT_SECONDS),
            "GHCRTS": MEMORY_CAP[1],  # the same heap cap, for a program called by CGI
        }  # fmt: skip
        done = _run([str(server)], body, Path(home), env, what)
    answers = _answers(done, what)
    if not isinstance(answers, list) or len(answers) != len(requests):
        raise RenderError(f"pandoc could not build {what}: it gave no answer for each part.")
    outputs = []
    for answer in answers:
        if not isinstance(answer, dict) or "output" not in answer:
            said = str(answer.get("error") if isinstance(answer, dict) else answer)
            raise RenderError(f"pandoc could not build {what}: {said[:_MESSAGE_CHARS]}")
        output = str(answer["output"])
        encoded = answer.get("base64") in (True, "True", "true")
        outputs.append(base64.b64decode(output) if encoded else output.encode("utf-8"))
    return outputs


def _encoded(files: dict[str, bytes]) -> dict[str, str]:
    import base64

    return {name: base64.b64encode(data).decode("ascii") for name, data in files.items()}


def _answers(done: subprocess.CompletedProcess, what: str) -> Any:
    import json

    head, _, body = done.stdout.partition(b"\r\n\r\n")
    if not body:
        head, _, body = done.stdout.partition(b"\n\n")
    if head.startswith(b"Status: 503"):  # the server's time limit
        raise RenderError(f"pandoc took more than {TIMEOUT_SECONDS} seconds to build {what}.")
    if done.returncode != 0 or not head.startswith(b"Status: 200"):
        said = (done.stderr or body or head).decode("utf-8", "replace").strip()
        raise RenderError(f"pandoc could not build {what}: {said[:_MESSAGE_CHARS] or 'no reason'}")
    try:
        return json.loads(body)
    except ValueError:
        raise RenderError(f"pandoc could not build {what}: its answer was not readable.") from None
