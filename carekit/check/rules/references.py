"""Citations in the text and the reference list agree."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from carekit.check.rules import Rule, RuleContext, register, repeats
from carekit.check.rules.text import citations
from carekit.draft.files import OutsideFolder, inside_folder
from carekit.draft.model import Draft
from carekit.findings import Finding, Severity

# Prefixes for cross-references to the draft's own figures and tables: the list (an
# attribute of the model) and what one entry is called.
TARGETS = {"fig": ("figures", "figure"), "tbl": ("tables", "table")}


def bibliography_ids(draft: Draft) -> tuple[list[str], str | None]:
    """Keys of the draft's bibliography file, and the problem reading it, if any."""
    name = draft.model.bibliography
    if not name:
        return [], None
    from carekit.draft.bibliography import BibliographyError  # only for a bibliography file

    try:
        path = inside_folder(draft.folder, name)
        return _ids(str(path), path.stat().st_mtime_ns), None
    except (OutsideFolder, BibliographyError) as problem:
        return [], str(problem)


@lru_cache(maxsize=16)
def _ids(path: str, _mtime: int) -> list[str]:  # several rules ask; read the file once
    from carekit.draft.bibliography import entry_ids

    return entry_ids(Path(path))


# The tables and the figure the manuscript builds from the draft's own lists, citable as
# [@tbl:labs] and so on (render/context.py prints them): (prefix, id) -> the list it needs.
GENERATED = {
    ("tbl", "labs"): ("diagnostics", "labs"),
    ("tbl", "timeline"): ("timeline",),
    ("fig", "timeline"): ("timeline",),
    ("tbl", "interventions"): ("interventions",),
}


def _has(report: object, names: tuple[str, ...]) -> bool:
    for name in names:
        report = getattr(report, name)
    return bool(report)


def _known(draft: Draft) -> dict[str, set[str]]:
    report = draft.model
    known = {"": {r.id for r in report.references} | set(bibliography_ids(draft)[0])}
    for prefix, (key, _) in TARGETS.items():
        known[prefix] = {entry.id for entry in getattr(report, key)}
    for (prefix, name), needs in GENERATED.items():
        if _has(report, needs):
            known[prefix].add(name)
    return known


def _generated_hint(prefix: str, name: str) -> str:
    needs = GENERATED.get((prefix, name))
    if needs is None:
        return ""
    return (
        f"[@{prefix}:{name}] cites the {'figure' if prefix == 'fig' else 'table'} carekit "
        f"builds from `{'.'.join(needs)}:`, which is empty in this draft; fill it in. "
    )


@register
class CitationUnresolved(Rule):
    """Every `[@key]` typed in the text must match a reference `id` (and every `[@fig:id]`
    or `[@tbl:id]` a figure or table), or the manuscript would print a broken citation.
    The parts carekit builds are citable when the draft has their data: `[@tbl:labs]`,
    `[@tbl:timeline]`, `[@fig:timeline]` and `[@tbl:interventions]`."""

    id = "citation-unresolved"
    summary = "Every citation key in the text matches a reference, figure or table."
    passing = """\
carekit: 1
introduction: Calcinosis cutis has several causes [@le2020].
references: [{id: le2020, title: Calcinosis cutis, year: 2020}]
"""
    failing = """\
carekit: 1
introduction: Calcinosis cutis has several causes [@lee2020; @fig:xray].
references: [{id: le2020, title: Calcinosis cutis, year: 2020}]
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        known = _known(draft)
        for citation in citations(draft):
            prefix, _, name = citation.key.rpartition(":")
            if prefix not in known:
                prefix, name = "", citation.key
            if name in known[prefix]:
                continue
            what = TARGETS[prefix][1] if prefix else "reference"
            import difflib  # only for a suggestion: not on every check

            close = difflib.get_close_matches(name, sorted(known[prefix]), n=1)
            hint = f"Did you mean [@{prefix + ':' if prefix else ''}{close[0]}]? " if close else ""
            hint = _generated_hint(prefix, name) or hint
            yield self.finding(
                f"The citation [@{citation.key}] does not match any {what} id.",
                citation.span,
                f"{hint}Correct the key, or add a {what} with `id: {name}`.",
                excerpt="@" + citation.key,
            )


@register
class ReferenceUncited(Rule):
    """A reference that the text never cites would be numbered nowhere; journals ask
    that every listed reference be cited."""

    id = "reference-uncited"
    severity = Severity.WARNING
    summary = "Every reference is cited in the text."
    passing = """\
carekit: 1
introduction: Calcinosis cutis has several causes [@le2020].
references: [{id: le2020, title: Calcinosis cutis, year: 2020}]
"""
    failing = """\
carekit: 1
introduction: Calcinosis cutis has several causes.
references: [{id: le2020, title: Calcinosis cutis, year: 2020}]
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        cited = {c.key for c in citations(draft)}
        for i, reference in enumerate(draft.model.references):
            if reference.id not in cited:
                yield self.finding(
                    f"Reference {reference.id!r} is never cited in the text.",
                    draft.span("references", i, "id"),
                    f"Cite it where it supports the text with [@{reference.id}], or remove it.",
                )


@register
class ReferenceDuplicate(Rule):
    """Two references with the same `id` make citations ambiguous; two with the same DOI
    are the same article listed twice."""

    id = "reference-duplicate"
    summary = "Reference ids and DOIs are unique."
    passing = """\
carekit: 1
references:
  - {id: le2020, doi: 10.1000/one}
  - {id: sawke2016, doi: 10.1000/two}
"""
    failing = """\
carekit: 1
references:
  - {id: le2020, doi: 10.1000/one}
  - {id: le2020b, doi: 10.1000/ONE}
  - {id: le2020}
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        references = draft.model.references
        for i, first in repeats(r.id for r in references):
            yield self.finding(
                f"Reference {i + 1} has the id {references[i].id!r}, like reference {first + 1}.",
                draft.span("references", i, "id"),
                "Give each reference its own id (e.g. add a letter: le2020b).",
            )
        dois = ((r.doi or "").lower() or None for r in references)
        for i, first in repeats(dois):
            yield self.finding(
                f"Reference {i + 1} has the same DOI as reference {first + 1}.",
                draft.span("references", i, "doi"),
                "List the article once and cite that one id everywhere.",
            )


@register
class BibliographyFile(Rule):
    """A `bibliography:` file (BibTeX .bib or CSL-JSON .json, as Zotero, EndNote and
    Mendeley export them) must exist inside the draft's folder and hold entries. Unlike
    `references`, entries it holds that the text never cites are not reported: such files
    are often a whole library."""

    id = "bibliography-file"
    summary = "The bibliography file exists inside the draft's folder and can be read."
    files = {"refs.bib": "@article{le2020, title={Calcinosis cutis}, year={2020}}\n"}
    passing = """\
carekit: 1
introduction: Calcinosis cutis has several causes [@le2020].
bibliography: refs.bib
"""
    failing = """\
carekit: 1
introduction: Calcinosis cutis has several causes [@le2020].
bibliography: ../library.bib
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        ids, problem = bibliography_ids(draft)
        if problem or (draft.model.bibliography and not ids):
            yield self.finding(
                f"The bibliography cannot be used: {problem or 'it holds no entries'}.",
                draft.span("bibliography"),
                "Export the references from your reference manager as BibTeX (.bib) or "
                "CSL-JSON (.json) into the draft's folder and name that file here.",
            )
