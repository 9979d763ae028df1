"""A real LSP client (pygls's) driving `python -m carekit lsp` over stdio, for the tests
and the latency benchmark."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60  # seconds for any one answer: a hang fails the test instead of blocking it


class Session:
    """One server process and the diagnostics it has published, by document URI."""

    def __init__(self) -> None:
        self.client = LanguageClient("carekit-tests", "1")
        self.published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            self.seen.append(params.uri)
            self.published.put_nowait(params)

        self.versions: dict[str, int] = {}
        self.seen: list[str] = []  # every URI diagnostics were published for, in order

    async def start(self, *args: str) -> types.InitializeResult:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        await self.client.start_io(sys.executable, "-m", "carekit", "lsp", *args, env=env)
        result = await asyncio.wait_for(
            self.client.initialize_async(
                types.InitializeParams(
                    capabilities=types.ClientCapabilities(),
                    root_uri=ROOT.as_uri(),
                    process_id=os.getpid(),
                )
            ),
            TIMEOUT,
        )
        self.client.initialized(types.InitializedParams())
        return result

    async def diagnostics_for(self, uri: str) -> list[types.Diagnostic]:
        """The next diagnostics published for the current version of `uri`."""
        while True:
            params = await asyncio.wait_for(self.published.get(), TIMEOUT)
            if params.uri == uri and params.version == self.versions.get(uri):
                return params.diagnostics

    def open(self, uri: str, text: str) -> None:
        self.versions[uri] = 1
        item = types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(item))

    def change(self, uri: str, text: str) -> None:
        self.versions[uri] += 1
        document = types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri])
        change = types.TextDocumentContentChangeWholeDocument(text=text)
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(document, [change]))

    async def stop(self) -> int | None:
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        await asyncio.wait_for(self.client.stop(), TIMEOUT)
        server = self.client._server
        return server.returncode if server is not None else None
