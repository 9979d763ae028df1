"""CARE item 13: informed consent for publication."""

from __future__ import annotations

import re
from collections.abc import Iterator

from carekit.check.checklist import has_content
from carekit.check.rules import Rule, RuleContext, register
from carekit.draft.model import Draft
from carekit.draft.typed import Figure
from carekit.findings import Finding

ADULT_YEARS = 18


def age_in_years(draft: Draft) -> float | None:
    """The patient's age in years (the upper end of a range), or None when not given;
    worked out once, in the model."""
    return draft.model.patient.age.years


@register
class ConsentDetails(Rule):
    """CARE asks only whether consent for publication was obtained (`consent-stated`
    judges that). A journal that requires consent (its profile's `consent.required`, e.g.
    JMCR, BMJ Case Reports, Cureus) also wants to know who gave it and that it was
    written; this rule asks for those under such a journal, citing the profile. A consent
    recorded as not obtained is an error under any journal."""

    id = "consent-details"
    items = ("informed-consent",)
    summary = "Consent was obtained; under a journal that requires it, who gave it in writing."
    passing = """\
carekit: 1
journal: jmcr
consent:
  obtained: yes
  given_by: patient
  written: yes
  statement: Written informed consent for publication was obtained from the patient.
"""
    failing = """\
carekit: 1
journal: jmcr
consent:
  statement: Consent was obtained.
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        consent = draft.model.consent
        if not has_content(consent.raw or None):
            return  # care-item-missing reports the absent item
        if consent.obtained is False:
            yield self.finding(
                "The draft says consent for publication was not obtained.",
                consent.span_of("obtained"),
                "A case report cannot be published without consent: obtain consent "
                "from the patient (or a parent, guardian or next of kin) first.",
            )
            return
        if not (ctx.journal and ctx.journal.fact("consent", "required")):
            return  # plain CARE: form and signatory are not CARE's to ask
        gaps = []
        if consent.given_by is None:
            gaps.append(
                ("who gave consent", "given_by: patient (or parent, guardian, next of kin)")
            )
        if consent.written_consent is not True:
            gaps.append(("that consent was given in writing", "written: yes"))
        if gaps:
            yield self.finding(
                f"{ctx.journal.title} requires consent for publication "
                f"({ctx.journal.basis('consent')}); the consent section does not say "
                + "; ".join(g[0] for g in gaps)
                + ".",
                draft.key_span("consent"),
                "Add " + ", ".join(f"`{g[1]}`" for g in gaps) + " under `consent:`.",
            )


@register
class ConsentMinor(Rule):
    """For a patient under 18, consent comes from a parent or guardian (or the next of kin),
    not from the patient alone."""

    id = "consent-minor"
    items = ("informed-consent",)
    summary = "A child's consent is given by a parent or guardian."
    passing = """\
carekit: 1
patient: {age: 9 months}
consent: {obtained: yes, given_by: parent, written: yes}
"""
    failing = """\
carekit: 1
patient: {age: 9 months}
consent: {obtained: yes, given_by: patient, written: yes}
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        years = age_in_years(draft)
        if years is not None and years < ADULT_YEARS and draft.model.consent.given_by == "patient":
            yield self.finding(
                f"The patient is under {ADULT_YEARS}, but consent is recorded as given by the "
                "patient.",
                draft.model.consent.span_of("given_by"),
                "Record consent from a parent or guardian: `given_by: parent` (or guardian).",
            )


DIAGRAM = re.compile(
    r"\b(?:diagram|schemat|chart|graph|plot|timeline|flow ?chart|illustration|drawing|"
    r"trend|algorithm)",
    re.IGNORECASE,
)


def may_show_patient(figure: Figure) -> bool:
    """`shows_patient` when the author says; left out, a figure may show the patient unless
    its caption calls it a diagram, chart, graph or timeline (a missing image consent costs
    more than a question the author answers with `shows_patient: no`)."""
    if figure.shows_patient is not None:
        return figure.shows_patient
    return not DIAGRAM.search(figure.caption or "")


@register
class ConsentImages(Rule):
    """When a figure shows the patient (`shows_patient: yes`, or left out and not a
    diagram, chart or graph by its caption), the consent must cover the publication of
    images. Figures marked `shows_patient: no` need no image consent."""

    id = "consent-images"
    items = ("informed-consent",)
    summary = "Consent covers images when a figure shows the patient."
    files = {"hand.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'}
    passing = """\
carekit: 1
consent: {obtained: yes, given_by: parent, written: yes}
figures: [{id: hand, file: hand.svg, caption: Diagram of the hand, shows_patient: no}]
"""
    failing = """\
carekit: 1
consent: {obtained: yes, given_by: parent, written: yes}
figures: [{id: hand, file: hand.svg, caption: The swollen hand., shows_patient: yes}]
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        showing = [f for f in draft.model.figures if may_show_patient(f)]
        if showing and draft.model.consent.raw and not draft.model.consent.covers_images:
            named = ", ".join(f.id or "?" for f in showing)
            yield self.finding(
                f"The figure(s) {named} may show the patient, but the consent does not say "
                "it covers images.",
                draft.key_span("consent"),
                "Add `covers_images: yes` under `consent:` once the consent covers the figures, "
                "and say so in the statement; mark a figure that shows no patient (a diagram, "
                "a chart) with `shows_patient: no`.",
            )
