"""The language server: pygls over stdio, one analysis per document version.

Documents are checked exactly as `carekit check` checks files (carekit.lsp.diagnostics);
the process stays up, so the checklist, the journal profiles, the rules and their compiled
patterns are loaded once (a warm-up check runs when the client is ready) and each change
costs only the check itself. Nothing a document holds can stop the server: every handler
turns a failure into a diagnostic or an empty answer."""

from __future__ import annotations

import asyncio
import gc
import logging
import re
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from carekit import __version__
from carekit.app.settings import NO_FLAGS, Flags
from carekit.lsp.actions import code_actions
from carekit.lsp.completion import complete
from carekit.lsp.diagnostics import Analysis, analyse, diagnostics
from carekit.lsp.hover import hover
from carekit.lsp.positions import Positions
from carekit.lsp.symbols import document_symbols

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

log = logging.getLogger("carekit.lsp")
# What `carekit check --only-drafts` keeps: YAML that says `carekit: 1` at the top level.
_DRAFT_MARKER = re.compile(r"^carekit\s*:", re.M)
_WARM_UP = "carekit: 1\ntitle: A warm-up case report\n"


class CarekitServer(LanguageServer):
    def __init__(self, flags: Flags = NO_FLAGS) -> None:
        # Whole texts, not increments: the editor and carekit then cannot disagree about
        # where a line ends (pygls splits lines where str.splitlines does, LSP does not).
        super().__init__("carekit", __version__, types.TextDocumentSyncKind.Full)
        self.flags = flags
        self.analyses: dict[str, Analysis] = {}
        self.drafts: set[str] = set()  # once a draft, always (a bad paste may drop the marker)
        self.pending: set[str] = set()

    @property
    def encoding(self) -> str:
        chosen = self.workspace.position_encoding
        return str(getattr(chosen, "value", chosen) or "utf-16")

    def path_of(self, uri: str) -> Path:
        """The file a document is (for the configuration and figures); an unsaved one is
        taken to be in the working folder."""
        document = self.workspace.get_text_document(uri)
        path = getattr(document, "path", None)
        return Path(path) if path and uri.startswith("file:") else Path.cwd() / "untitled.yaml"

    def schedule(self, uri: str) -> None:
        """Check the document's latest text soon; changes that arrive before that are
        checked once, together."""
        if uri not in self.pending:
            self.pending.add(uri)
            asyncio.get_running_loop().call_soon(self.publish, uri)

    def publish(self, uri: str) -> None:
        self.pending.discard(uri)
        try:
            document = self.workspace.get_text_document(uri)
            text = document.source
            if uri not in self.drafts and not _DRAFT_MARKER.search(text[: 64 * 1024]):
                return  # YAML that is not a draft: nothing to say
            self.drafts.add(uri)
            analysis = analyse(text, self.path_of(uri), self.flags)
            self.analyses[uri] = analysis
            found = diagnostics(analysis, self.encoding)
            params = types.PublishDiagnosticsParams(uri, found, version=document.version)
            self.text_document_publish_diagnostics(params)
        except Exception:  # never let one document stop the server
            log.exception("checking %s failed", uri)

    def analysis(self, uri: str) -> Analysis | None:
        """The latest analysis of a document, brought up to date if a change is pending."""
        if uri in self.pending:
            self.publish(uri)
        return self.analyses.get(uri)

    def draft_text(self, uri: str) -> str | None:
        """The text of a document that is a draft; None for other YAML, which an editor
        may hand to every YAML server (it gets no draft keys, hovers or fixes)."""
        self.analysis(uri)
        return self.workspace.get_text_document(uri).source if uri in self.drafts else None


def guarded(handler: Any) -> Any:
    """A request handler that answers None instead of failing."""

    def run(ls: CarekitServer, params: Any) -> Any:  # pygls passes the server as `ls`
        try:
            return handler(ls, params)
        except Exception:
            log.exception("%s failed", handler.__name__)
            return None

    run.__name__ = handler.__name__
    return run


def build(flags: Flags = NO_FLAGS) -> CarekitServer:
    server = CarekitServer(flags)

    @server.feature(types.INITIALIZED)
    def initialized(ls: CarekitServer, params: types.InitializedParams) -> None:
        analyse(_WARM_UP, Path.cwd() / "warm-up.yaml", ls.flags)  # load rules and data now
        # What is loaded now stays for the whole session: the garbage collector need not
        # walk it again after every check.
        gc.freeze()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CarekitServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CarekitServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: CarekitServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)  # the configuration may have changed too

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CarekitServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.analyses.pop(uri, None)
        ls.drafts.discard(uri)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    _requests(server)
    return server


def _requests(server: CarekitServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded
    def on_hover(ls: CarekitServer, params: types.HoverParams) -> types.Hover | None:
        analysis = ls.analysis(params.text_document.uri)
        return hover(analysis, params.position, ls.encoding) if analysis else None

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    @guarded
    def on_code_action(ls: CarekitServer, params: types.CodeActionParams) -> list | None:
        uri = params.text_document.uri
        analysis = ls.analysis(uri)
        return code_actions(analysis, uri, params.range, ls.encoding) if analysis else None

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[" ", ":"]),
    )
    @guarded
    def on_completion(ls: CarekitServer, params: types.CompletionParams) -> Any:
        source = ls.draft_text(params.text_document.uri)
        if source is None:
            return None
        positions = Positions(source, ls.encoding)
        line = params.position.line
        start = positions.starts[line] if line < len(positions.starts) else len(source)
        before = source[start : positions.offset(params.position)]
        return complete("\n".join(positions.lines()), line, before)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @guarded
    def on_symbols(ls: CarekitServer, params: types.DocumentSymbolParams) -> Any:
        source = ls.draft_text(params.text_document.uri)
        return document_symbols(source, ls.encoding) if source is not None else None


def serve(flags: Flags = NO_FLAGS, stdin: Any = None, stdout: Any = None) -> None:
    logging.basicConfig(level=logging.WARNING, format="carekit lsp: %(message)s")
    build(flags).start_io(stdin, stdout)
