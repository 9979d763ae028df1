"""Manuscripts written elsewhere: `carekit import` (a draft from a Word, Markdown or JATS
file) and `carekit check` on such a file, with each finding at the manuscript's own place."""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from carekit.app.settings import NO_FLAGS, Flags

TYPE_CHECKING = False
if TYPE_CHECKING:
    from carekit.check.engine import Report
    from carekit.findings import Finding
    from carekit.manuscript.draft_yaml import ImportedDraft

WHOLE = "the manuscript as a whole"


def import_manuscript(path: Path) -> ImportedDraft:
    """The draft read from a manuscript file, with where each key came from."""
    from carekit.manuscript.draft_yaml import draft_text
    from carekit.manuscript.mapping import read_blocks
    from carekit.manuscript.marked import has_marks
    from carekit.manuscript.reader import READERS, read_tree

    tree = read_tree(path)
    reader = READERS.get(path.suffix.lower())
    if has_marks(tree.get("blocks") or []):  # a manuscript carekit rendered: its marks
        from carekit.manuscript.marked_walker import read_marked

        parts = read_marked(tree, jats=reader == "jats", word=reader == "docx")
    else:
        parts = read_blocks(tree, jats=reader == "jats")
    return draft_text(parts, path.name)


def check_file(path: Path, flags: Flags = NO_FLAGS) -> Report:
    """`carekit check` for a draft or, imported in memory, a Word, Markdown or JATS file."""
    from carekit.app.jobs import check
    from carekit.manuscript.reader import is_manuscript

    return check_manuscript(path, flags) if is_manuscript(path) else check(path, flags)


def check_manuscript(path: Path, flags: Flags = NO_FLAGS) -> Report:
    """`carekit check` on a manuscript: imported in memory, checked like a draft, and
    each finding placed in the manuscript (heading and paragraph, or a JATS path)."""
    from carekit.app.jobs import check_loaded, settings_for
    from carekit.draft.loader import load_text

    imported = import_manuscript(path)
    loaded = load_text(imported.text, path)
    report = check_loaded(loaded, settings_for(loaded, flags))
    places = _Places(loaded.draft.spans if loaded.draft else {}, imported.sources)
    return report._replace(findings=[places.place(f) for f in report.findings])


class _Places:
    """Draft lines back to manuscript places: the innermost key whose value holds the
    line, then the nearest of it and its parents that the import recorded."""

    def __init__(self, spans: dict, sources: dict[tuple, str]) -> None:
        ranked = sorted(
            (span.line, -len(path), span.end_line, path) for path, span in spans.items()
        )
        self.starts = [line for line, *_rest in ranked]
        self.ranked = ranked
        self.sources = sources

    def where(self, line: int) -> str:
        best = None
        for start, _depth, end, path in self.ranked[: bisect_right(self.starts, line)]:
            if start <= line <= end and (best is None or len(path) >= len(best)):
                best = path
        while best:
            if tuple(best) in self.sources:
                return self.sources[tuple(best)]
            best = best[:-1]
        return WHOLE

    def place(self, finding: Finding) -> Finding:
        if finding.rule == "care-item-missing" or finding.generic:
            return finding._replace(where=WHOLE)
        return finding._replace(where=self.where(finding.span.line))
