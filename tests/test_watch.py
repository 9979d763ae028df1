"""`carekit watch` for real: it serves the preview, and an edit changes the served HTML."""

from __future__ import annotations

import time
import urllib.request

from conftest import watching


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_watch_rerenders_on_save_and_stops_cleanly(write_draft):
    draft = write_draft("carekit: 1\ntitle: First title - a case report\n")
    with watching(draft) as watch:
        url = watch.url
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
    assert watch.process.returncode == 0, watch.err
    assert "stopped" in watch.err


# -- attacks (issue #10, class 13) --------------------------------------------------------

import http.client  # noqa: E402
import socket  # noqa: E402
import struct  # noqa: E402


def _status(port: int, host: str, path: str = "/") -> tuple[int, bytes, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, dict(response.getheaders())


def test_preview_answers_only_to_localhost(write_draft):
    draft = write_draft("carekit: 1\ntitle: Unpublished secret - a case report\n")
    with watching(draft, env={"CAREKIT_WATCH_TIMEOUT": "1"}) as watch:
        port = watch.port
        for host in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1:{port + 1}"):
            for path in ("/", "/_carekit/version"):
                status, body, _ = _status(port, host, path)
                assert status == 403 and b"Unpublished secret" not in body, (host, path)
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
            status, body, headers = _status(port, host)
            assert status == 200 and b"Unpublished secret" in body
        policy = headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "connect-src 'self'" in policy
        assert (
            "script-src 'sha256-" in policy
            and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        )


def test_preview_closes_idle_connections_and_logs_broken_ones_in_one_line(write_draft):
    # A big page, so the server is still writing when the client hangs up.
    draft = write_draft(
        "carekit: 1\ntitle: Long - a case report\nintroduction: |\n"
        + "".join(f"  Paragraph {i} {'words ' * 40}\n\n" for i in range(3000))
    )
    with watching(draft, env={"CAREKIT_WATCH_TIMEOUT": "0.5"}) as watch:
        port = watch.port
        idle = socket.create_connection(("127.0.0.1", port), timeout=20)
        assert idle.recv(1) == b""  # the server closed it: it sent nothing, then hung up
        idle.close()
        for _ in range(20):
            client = socket.create_connection(("127.0.0.1", port), timeout=20)
            client.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            client.recv(10)
            # Reset the connection mid-reply (what a browser tab closed under load does).
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()
        assert _status(port, f"127.0.0.1:{port}", "/_carekit/version")[0] == 200
    failures = [line for line in watch.err.splitlines() if line.startswith("preview:")]
    assert all("request failed" in line for line in failures)  # one line each
