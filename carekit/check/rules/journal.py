"""The target journal's own rules, from its profile (checklists/journals/*.yaml).

Every finding names the profile, the source of the fact it applies and how sure carekit
is of it, so an author can check the journal's instructions where it matters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from carekit.check.checklist import has_content
from carekit.check.rules import Rule, RuleContext, register
from carekit.check.rules.abstract import PARTS, abstract_words
from carekit.draft.model import Draft
from carekit.draft.typed import Patient
from carekit.draft.wordcount import word_counts
from carekit.findings import Finding, Severity
from carekit.journals.profiles import draft_journal_problem, journal_names

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_ABSTRACT = (
    "carekit: 1\njournal: jmcr\nabstract:\n  background: {b}\n"
    "  case_presentation: A boy.\n  conclusion: Check lines.\n"
)


@register
class JournalUnknown(Rule):
    """The draft names a target journal for which carekit has no profile; it is then
    checked against CARE alone. `carekit journals` lists the profiles, and a new profile
    is a small data file in checklists/journals/."""

    id = "journal-unknown"
    severity = Severity.INFO
    summary = "The target journal has a carekit profile."
    passing = "carekit: 1\njournal: jmcr\n"
    failing = "carekit: 1\njournal: Case Reports in Clinical Medicine\n"

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        if ctx.journal_asked:
            yield self.finding(
                f"carekit has no profile for the journal {ctx.journal_asked!r}; the draft is "
                "checked against CARE only.",
                draft.span("journal"),
                f"Use one of the profiles ({', '.join(journal_names())}), or add a profile "
                "file to checklists/journals/ with the journal's rules.",
            )


@register
class JournalPath(Rule):
    """A draft names its target journal by name (jmcr, bmj-case-reports...), never by a
    file: a path would let a draft from someone else load a profile of its own choosing
    and, through that profile, its own template. Profile files are given with --journal
    or in the project's configuration; the draft is checked against CARE meanwhile, and
    `carekit render` refuses it."""

    id = "journal-path"
    summary = "The draft names its journal by name, not by a file path."
    passing = "carekit: 1\njournal: jmcr\n"
    failing = "carekit: 1\njournal: ../profiles/my-journal.yaml\n"

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        problem = draft_journal_problem(draft.model.journal)
        if problem:
            yield self.finding(
                problem + ".",
                draft.span("journal"),
                "Write the journal's name (`carekit journals` lists the profiles), or set "
                "`journal:` to the profile file in .carekit.yaml, or use --journal PATH.",
            )


@register
class JournalAbstractLength(Rule):
    """The abstract (or summary) must fit the journal's word limit, counted as journals
    count words: citations and Markdown marks are not words."""

    id = "journal-abstract-length"
    items = ("abstract-novelty",)
    summary = "The abstract stays within the journal's word limit."
    passing = _ABSTRACT.format(b="Calcium infusions can leave deposits in the skin.")
    failing = _ABSTRACT.format(b=" ".join(["word"] * 351))

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        limit = ctx.journal.fact("abstract", "max_words") if ctx.journal else None
        words = abstract_words(draft)
        if limit and words > limit:
            yield self.finding(
                f"The abstract has {words} words; {ctx.journal.title} allows {limit} "
                f"({ctx.journal.basis('abstract')}).",
                draft.key_span("abstract"),
                f"Shorten the abstract by {words - limit} words.",
            )


@register
class JournalAbstractStructure(Rule):
    """Some journals want a structured abstract (Background, Case presentation,
    Conclusions), others one unstructured paragraph; the profile says which."""

    id = "journal-abstract-structure"
    items = ("abstract-novelty",)
    severity = Severity.WARNING
    summary = "The abstract is structured, or not, as the journal asks."
    passing = _ABSTRACT.format(b="Calcium infusions can leave deposits in the skin.")
    failing = "carekit: 1\njournal: jmcr\nabstract:\n  text: One paragraph about the case.\n"

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        structure = ctx.journal.fact("abstract", "structure") if ctx.journal else None
        written = [part for part, _, _ in draft.model.abstract.parts]
        if not written or structure in (None, "any"):
            return
        structured = any(part in PARTS for part in written)
        if structure == "unstructured" and structured:
            yield self.finding(
                f"{ctx.journal.title} asks for an unstructured abstract, but this one is "
                f"structured ({ctx.journal.basis('abstract')}).",
                draft.key_span("abstract"),
                "Write the abstract as one paragraph under `abstract.text`.",
            )
        elif isinstance(structure, list) and not structured:
            labels = ", ".join(ctx.journal.fact("abstract", "labels", structure))
            yield self.finding(
                f"{ctx.journal.title} asks for a structured abstract ({labels}) "
                f"({ctx.journal.basis('abstract')}).",
                draft.key_span("abstract"),
                "Split the abstract into `background`, `case_presentation` and `conclusion`.",
            )


@register
class JournalMainTextLength(Rule):
    """The main text (without abstract, references, tables, captions and declarations)
    must fit the journal's word limit; `carekit check --word-counts` shows each section."""

    id = "journal-main-text-length"
    severity = Severity.WARNING
    summary = "The main text stays within the journal's word limit."
    passing = "carekit: 1\njournal: bmj-case-reports\nintroduction: A short background.\n"
    failing = (
        "carekit: 1\njournal: bmj-case-reports\nintroduction: " + " ".join(["word"] * 2001) + "\n"
    )

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        limit = ctx.journal.fact("main_text", "max_words") if ctx.journal else None
        sections = word_counts(draft)
        total = sum(sections.values())
        if limit and total > limit:
            about = "about " if ctx.journal.fact("main_text", "approximate") else ""
            longest = ", ".join(
                f"{k} {v}" for k, v in sorted(sections.items(), key=lambda kv: -kv[1])[:3]
            )
            yield self.finding(
                f"The main text has {total} words; {ctx.journal.title} allows {about}{limit} "
                f"({ctx.journal.basis('main_text')}). Longest sections: {longest}.",
                draft.key_span("introduction"),
                f"Cut about {total - limit} words; `carekit check --word-counts` shows every "
                "section.",
            )


@register
class JournalAuthorLimit(Rule):
    """Some journals cap the number of authors (BMJ Case Reports: four)."""

    id = "journal-author-limit"
    summary = "No more authors than the journal allows."
    passing = "carekit: 1\njournal: bmj-case-reports\nauthors: [{name: A}, {name: B}]\n"
    failing = (
        "carekit: 1\njournal: bmj-case-reports\n"
        "authors: [{name: A}, {name: B}, {name: C}, {name: D}, {name: E}]\n"
    )

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        limit = ctx.journal.fact("authors", "max") if ctx.journal else None
        authors = draft.model.authors
        if limit and len(authors) > limit:
            yield self.finding(
                f"The draft has {len(authors)} authors; {ctx.journal.title} allows {limit} "
                f"({ctx.journal.basis('authors')}).",
                draft.key_span("authors"),
                "Keep the authors who meet the authorship criteria; thank the others under "
                "`declarations.acknowledgements`.",
            )


# Detail -> (its value in the model, where it goes, what it is, the key to write)
_DETAILS: dict[str, tuple[Callable[[Patient], Any], tuple[str, ...], str, str]] = {
    "age": (lambda p: p.age.raw, ("patient", "age"), "the patient's age", "`patient.age`"),
    "sex": (lambda p: p.sex, ("patient", "sex"), "the patient's sex", "`patient.sex`"),
    "ethnicity": (
        lambda p: p.ethnicity,
        ("patient", "ethnicity"),
        "the patient's ethnicity",
        "`patient.ethnicity`",
    ),
    "psychosocial": (
        lambda p: p.history.psychosocial,
        ("patient", "history", "psychosocial"),
        "smoking, alcohol and substance use",
        "`patient.history.psychosocial`",
    ),
}


@register
class JournalPatientDetails(Rule):
    """Some journals ask that the case presentation give particular details (Journal of
    Medical Case Reports: age, sex and ethnicity; American Journal of Case Reports also
    smoking, alcohol and substance use)."""

    id = "journal-patient-details"
    items = ("patient-demographics",)
    severity = Severity.WARNING
    summary = "The patient details the journal asks for are given."
    passing = (
        "carekit: 1\njournal: jmcr\npatient: {age: 9 months, sex: male, ethnicity: Saudi Arab}\n"
    )
    failing = "carekit: 1\njournal: jmcr\npatient: {age: 9 months, sex: male}\n"

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        wanted = ctx.journal.fact("patient_details", "required", []) if ctx.journal else []
        for detail in wanted:
            value, path, what, key = _DETAILS[detail]
            patients = draft.model.all_patients or [draft.model.patient]
            if not any(has_content(value(patient)) for patient in patients):
                yield self.finding(
                    f"{ctx.journal.title} asks that the case give {what} "
                    f"({ctx.journal.basis('patient_details')}).",
                    draft.key_span(*path),
                    f"Add {key}, or explain under `not_reported:` why it cannot be given.",
                )


@register
class JournalConsentForm(Rule):
    """A journal may require its own consent form (BMJ Case Reports: its signed consent
    form); the reminder comes once consent is recorded."""

    id = "journal-consent-form"
    items = ("informed-consent",)
    severity = Severity.INFO
    summary = "The journal's own consent form is used where it has one."
    passing = (
        "carekit: 1\njournal: jmcr\nconsent: {obtained: yes, given_by: patient, written: yes}\n"
    )
    failing = (
        "carekit: 1\njournal: bmj-case-reports\n"
        "consent: {obtained: yes, given_by: patient, written: yes}\n"
    )

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        form = ctx.journal.fact("consent", "form") if ctx.journal else None
        if form and has_content(draft.model.consent.raw):
            yield self.finding(
                f"{ctx.journal.title} requires {form} ({ctx.journal.basis('consent')}).",
                draft.key_span("consent"),
                "Have the patient (or guardian) sign that form, and upload it with the submission.",
            )


CONSENT_ITEM = "informed-consent"  # the checklist item's stable key


@register
class JournalConsentRequired(Rule):
    """Some journals publish no case report without the patient's (or guardian's) consent
    for publication (profile `consent.required`). Under such a journal a reason under
    `not_reported` for the consent item does not excuse its absence, and the finding says
    so, where plain CARE would accept the reason."""

    id = "journal-consent-required"
    summary = "Consent is recorded where the journal requires it."
    passing = (
        "carekit: 1\njournal: jmcr\nconsent: {obtained: yes, given_by: patient, written: yes}\n"
    )
    failing = (
        "carekit: 1\njournal: jmcr\nnot_reported:\n  informed-consent: Patient lost to follow-up.\n"
    )

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        if not (ctx.journal and ctx.journal.fact("consent", "required")):
            return
        for key in draft.model.not_reported or {}:
            item = ctx.checklist.find(key)
            if item is not None and item.key == CONSENT_ITEM:
                # No item on the finding: the engine drops findings of items given a reason.
                yield self.finding(
                    f"{ctx.journal.title} publishes no case report without consent for "
                    f"publication ({ctx.journal.basis('consent')}); the reason under "
                    f"`not_reported` for {item.label} does not replace it.",
                    draft.key_span("not_reported", key),
                    "Obtain written consent from the patient (or a parent, guardian or next "
                    "of kin), record it under `consent:`, and delete this reason.",
                )
