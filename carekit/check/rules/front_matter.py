"""The title page a journal asks for: every author's affiliation and the corresponding
author's e-mail (profile `front_matter.required`). A submission system stops at a title
page without them, so the check warns before the pack is made."""

from __future__ import annotations

from collections.abc import Iterator

from carekit.check.rules import Rule, RuleContext, register
from carekit.draft.model import Draft
from carekit.findings import Finding, Severity

_GIVEN = (
    "carekit: 1\njournal: jmcr\naffiliations: [{id: h, name: City Hospital}]\n"
    "authors:\n  - {name: A. Author, affiliations: [h], corresponding: yes, "
    "email: a.author@example.org}\n"
)


def _has(text: object) -> bool:
    return isinstance(text, str) and bool(text.strip())


@register
class JournalFrontMatter(Rule):
    """Journals that ask for them (profile `front_matter`) get each author's affiliation
    and a corresponding author with an e-mail address on the title page; CARE alone does
    not ask, so a draft without a journal is not warned."""

    id = "journal-front-matter"
    severity = Severity.WARNING
    summary = "Affiliations and the corresponding author's e-mail, where the journal asks."
    passing = _GIVEN
    failing = "carekit: 1\njournal: jmcr\nauthors:\n  - {name: A. Author, corresponding: yes}\n"

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        journal = ctx.journal
        required = journal.fact("front_matter", "required", []) if journal else []
        authors = draft.model.authors
        if not authors or not required:  # no authors at all is CARE's own finding
            return
        basis = journal.basis("front_matter")
        if "affiliations" in required:
            known = {a.id for a in draft.model.affiliations if a.id}
            without = [
                a.name or f"author {n}"
                for n, a in enumerate(authors, 1)
                if not any(_has(x) for x in a.affiliations or [])
            ]
            unknown = sorted(
                {x for a in authors for x in a.affiliations or [] if known and x not in known}
            )
            if without:
                yield self.finding(
                    f"{journal.title} asks for every author's affiliation on the title page "
                    f"({basis}); none is given for {', '.join(without)}.",
                    draft.key_span("authors"),
                    "List the institutions under `affiliations:` (id and name) and give each "
                    "author `affiliations: [id]`.",
                )
            elif unknown:
                yield self.finding(
                    f"Authors name affiliations that `affiliations:` does not list "
                    f"({', '.join(unknown)}); {journal.title} prints them on the title page.",
                    draft.key_span("affiliations"),
                    "Add each one under `affiliations:` with its id and full name.",
                )
        if "corresponding_email" in required:
            yield from self._correspondence(draft, journal.title, basis)

    def _correspondence(self, draft: Draft, title: str, basis: str) -> Iterator[Finding]:
        authors = draft.model.authors
        marked = [(n, a) for n, a in enumerate(authors) if a.corresponding]
        if not marked:
            yield self.finding(
                f"{title} asks for a corresponding author with an e-mail address on the "
                f"title page ({basis}); no author is marked as corresponding.",
                draft.key_span("authors"),
                "Add `corresponding: yes` and `email:` to the author who handles the submission.",
            )
            return
        for n, author in marked:
            if not _has(author.email):
                yield self.finding(
                    f"{title} asks for the corresponding author's e-mail address on the title "
                    f"page ({basis}); {author.name or 'the corresponding author'} has none.",
                    draft.key_span("authors", n),
                    "Add `email:` to the corresponding author (an address the journal may "
                    "publish).",
                )
