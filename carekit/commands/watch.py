"""`carekit watch`: re-check and re-render on every save, with a live preview.

The preview is served on localhost only. The page carekit serves carries a small script
that asks every half second whether the manuscript changed and reloads when it did; the
HTML files `carekit render` writes carry no script at all.

The server answers only requests addressed to itself (the Host header names localhost,
127.0.0.1 or [::1] with its port), so a web page using DNS rebinding cannot read the
unpublished manuscript; its Content-Security-Policy lets the page load nothing from
anywhere; idle connections are closed, and a failed connection is one line on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:  # the server is imported only when `carekit watch` runs (it costs 30 ms)
    import http.server

IDLE_TIMEOUT = 30.0  # seconds a connection may stay silent; CAREKIT_WATCH_TIMEOUT changes it


def _idle_timeout() -> float:
    import os

    try:
        return max(0.1, float(os.environ.get("CAREKIT_WATCH_TIMEOUT", IDLE_TIMEOUT)))
    except ValueError:
        return IDLE_TIMEOUT


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "watch",
        help="re-check and preview a draft in the browser on every save",
        description="Check and render a draft to HTML, serve it on localhost, and do it "
        "again on every save; the browser page reloads by itself. Ctrl-C stops.",
    )
    parser.add_argument("draft", help="the draft to watch")
    parser.add_argument(
        "--port",
        type=int,
        default=8765,
        help="port on 127.0.0.1 (default 8765; 0 picks a free one)",
    )
    parser.add_argument(
        "--template",
        default=None,
        metavar="NAME|PATH",
        help="default: the one the target journal's profile names (as `carekit render`)",
    )
    parser.add_argument(
        "--journal", metavar="NAME", help="the target journal (wins over the draft's `journal:`)"
    )
    parser.add_argument("--no-open", action="store_true", help="do not open a browser")
    parser.set_defaults(run=run)


class Preview:
    """The page being served and a version number that changes with it."""

    def __init__(self) -> None:
        import threading

        self.lock = threading.Lock()
        self.version = 0
        self.page = "<p>Rendering...</p>"

    def update(self, page: str) -> None:
        with self.lock:
            self.page = page
            self.version += 1


def _handler(preview: Preview, port: int) -> type[http.server.BaseHTTPRequestHandler]:
    import http.server

    from carekit.render.htmlsafety import content_security_policy

    hosts = {f"{name}:{port}" for name in ("localhost", "127.0.0.1", "[::1]")}
    policy = content_security_policy() + "; frame-ancestors 'none'"

    class Handler(http.server.BaseHTTPRequestHandler):
        timeout = _idle_timeout()  # applied to the socket: a silent client is let go

        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            if (self.headers.get("Host") or "").lower() not in hosts:
                # Another name pointing at 127.0.0.1 (DNS rebinding): not for us.
                self.send_error(403, "This preview answers only to localhost")
                return
            with preview.lock:
                version, page = preview.version, preview.page
            if self.path == "/_carekit/version":
                body, kind = str(version).encode(), "text/plain"
            elif self.path in ("/", "/index.html"):
                body, kind = page.encode("utf-8"), "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Security-Policy", policy)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:  # keep the terminal for check results
            pass

    return Handler


def _server(port: int, preview: Preview) -> http.server.ThreadingHTTPServer:
    import http.server

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: tuple) -> None:
            # One line, not a traceback: a browser closing a tab mid-reply is ordinary.
            error = sys.exc_info()[1]
            if isinstance(error, TimeoutError):
                return  # an idle connection, closed as intended
            print(f"preview: a request failed ({type(error).__name__}: {error})", file=sys.stderr)

    server = Server(("127.0.0.1", port), http.server.BaseHTTPRequestHandler)
    server.RequestHandlerClass = _handler(preview, server.server_address[1])
    return server


def _has_screen() -> bool:
    """Whether a graphical browser can open: on Linux without a display, webbrowser would
    start a text browser inside this very terminal."""
    import os

    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def run(args: argparse.Namespace) -> int:
    import threading

    from watchfiles import watch

    from carekit import app
    from carekit.errors import CarekitError

    flags = app.Flags(journal=args.journal, template=args.template)
    app.check_flags(flags)
    draft = Path(args.draft)
    if not draft.is_file():
        raise CarekitError(f"{draft} is not a draft file.")
    preview = Preview()
    try:
        server = _server(args.port, preview)
    except OSError as error:
        raise CarekitError(
            f"Cannot serve on port {args.port}: {error.strerror}. "
            "Choose another with --port (0 picks a free one)."
        ) from None
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def refresh() -> None:
        page, summary = app.preview(draft, flags)  # the settings are read again on every save
        preview.update(page)
        print(summary, flush=True)

    refresh()
    print(f"Serving {url} (Ctrl-C stops)", flush=True)
    if not args.no_open and _has_screen():
        import webbrowser

        webbrowser.open(url)
    target = draft.resolve()
    try:
        for _changes in watch(
            target.parent,
            debounce=300,
            step=50,
            watch_filter=lambda change, path: not Path(path).name.startswith("."),
        ):
            refresh()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    print("stopped", file=sys.stderr)
    return 0
