"""Journal names as Vancouver-type styles print them: the NLM abbreviation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from carekit.check.rules import Rule, RuleContext, register
from carekit.check.rules.text import citations
from carekit.draft.files import OutsideFolder, inside_folder
from carekit.draft.model import Draft
from carekit.errors import CarekitError
from carekit.findings import Finding, Severity
from carekit.journals.styles import DEFAULT_STYLE, style_file, wants_abbreviation

FIX = (
    "Add the NLM abbreviation (search the NLM Catalog), e.g. `shortjournal = {J Med Case "
    "Rep}` in BibLaTeX or `container-title-short` in CSL-JSON; RIS exports cannot carry it, "
    "so export BibLaTeX or CSL-JSON instead."
)
# NLM abbreviations drop function words and abbreviate "Journal" (J Med Case Rep); a
# journal typed with them is a full title.
_FULL_TITLE_RE = re.compile(r"\b(?:of|and|the|for|on|in|und|für|de|des|der|la|le)\b|\bJournal\b")
_RIS_ARTICLE_RE = re.compile(r"^TY  - (?:JOUR|JFULL|MGZN)\s*$", re.MULTILINE)


@lru_cache(maxsize=8)
def _style_wants_abbreviation(value: str) -> bool:
    try:
        return wants_abbreviation(style_file(value))
    except CarekitError:  # an unknown style is reported where it is used (render)
        return False


def _style(ctx: RuleContext) -> str:
    own = ctx.journal.fact("csl", "style") if ctx.journal is not None else None
    return ctx.style or own or DEFAULT_STYLE


def looks_full(journal: str) -> bool:
    """Whether a journal name reads as a full title rather than an NLM abbreviation."""
    return bool(_FULL_TITLE_RE.search(journal))


@register
class ReferenceJournalAbbreviation(Rule):
    """Vancouver-type styles (Vancouver/NLM, JMCR, BMJ Case Reports) print each article's
    journal by its NLM abbreviation ("J Med Case Rep"). An entry without one prints the
    full title instead, which journals send back. The bibliography's abbreviation field
    (`shortjournal`, `container-title-short`) is read for the entries the text cites; a
    draft reference whose `journal` reads as a full title is reported at its line."""

    id = "reference-journal-abbreviation"
    severity = Severity.WARNING
    summary = "Articles give the journal's NLM abbreviation where the citation style prints it."
    files = {
        # JSON text as written (json is not imported for a constant on every check).
        "refs.json": '[{"id": "ok", "type": "article-journal", "container-title": "BMJ", '
        '"container-title-short": "BMJ"}, {"id": "bad", "type": "article-journal", '
        '"container-title": "Journal of Medical Case Reports"}]'
    }
    passing = """\
carekit: 1
introduction: Calcinosis cutis has several causes [@le2020; @ok].
bibliography: refs.json
references: [{id: le2020, title: Calcinosis cutis, journal: J Med Case Rep, year: 2020}]
"""
    failing = """\
carekit: 1
introduction: Calcinosis cutis has several causes [@le2020; @bad].
bibliography: refs.json
references: [{id: le2020, title: Calcinosis cutis, journal: Journal of Pediatrics}]
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        full = [
            (i, reference)
            for i, reference in enumerate(draft.model.references)
            if reference.journal and looks_full(reference.journal)
        ]
        # The style file is read only when there is something it could make a finding of.
        if not (full or draft.model.bibliography) or not _style_wants_abbreviation(_style(ctx)):
            return
        for i, reference in full:
            yield self.finding(
                f"Reference {reference.id!r} names the journal {reference.journal!r}, "
                "a full title where the citation style prints the NLM abbreviation.",
                draft.span("references", i, "journal"),
                "Write the journal's NLM abbreviation (search the NLM Catalog), e.g. "
                "`journal: J Med Case Rep`.",
            )
        yield from self._bibliography(draft)

    def _bibliography(self, draft: Draft) -> Iterator[Finding]:
        name = draft.model.bibliography
        if not name:
            return
        # Read only for a draft with a bibliography file (most drafts list references).
        from carekit.draft.bibliography import BibliographyError, journals

        try:
            path = inside_folder(draft.folder, name)
            if path.suffix.lower() == ".ris":
                if _ris_has_articles(path):
                    yield self.finding(
                        f"The articles in {name} will print their full journal title: a RIS "
                        "file cannot carry the journal abbreviation (pandoc ignores J2) that "
                        "the citation style prints.",
                        draft.span("bibliography"),
                        FIX,
                    )
                return
            cited = {c.key for c in citations(draft)}
            missing = [j.id for j in journals(path) if j.id in cited and not j.short]
        except (OutsideFolder, BibliographyError, OSError):
            return  # bibliography-file reports a file that cannot be read
        if missing:
            yield self.finding(
                f"The articles {', '.join(missing)} in {name} have no journal abbreviation, "
                "so the reference list prints the full journal title where the citation "
                "style prints the NLM abbreviation.",
                draft.span("bibliography"),
                FIX,
            )


def _ris_has_articles(path: Path) -> bool:
    from carekit.draft.bibliography import MAX_FILE_BYTES

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return False  # bibliography-file refuses it
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return False
    return bool(_RIS_ARTICLE_RE.search(text))
