"""CARE item 13: informed consent for publication."""

from __future__ import annotations

from collections.abc import Iterator

from carekit.check.checklist import has_content
from carekit.check.rules import Rule, RuleContext, register
from carekit.draft.model import Draft
from carekit.findings import Finding

ADULT_YEARS = 18


def age_in_years(draft: Draft) -> float | None:
    """The patient's age in years (the upper end of a range), or None when not given;
    worked out once, in the model."""
    return draft.model.patient.age.years


@register
class ConsentDetails(Rule):
    """The consent statement must say that consent was obtained, who gave it and that it
    was written (journals require written consent for publication)."""

    id = "consent-details"
    items = ("informed-consent",)
    summary = "Consent says it was obtained, from whom, and that it was written."
    passing = """\
carekit: 1
consent:
  obtained: yes
  given_by: patient
  written: yes
  statement: Written informed consent for publication was obtained from the patient.
"""
    failing = """\
carekit: 1
consent:
  statement: Consent was obtained.
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        consent = draft.model.consent
        if not has_content(consent.raw or None):
            return  # care-item-missing reports the absent item
        span = draft.key_span("consent")
        if consent.obtained is False:
            yield self.finding(
                "The draft says consent for publication was not obtained.",
                consent.span_of("obtained"),
                "A case report cannot be published without consent: obtain written consent "
                "from the patient (or a parent, guardian or next of kin) first.",
            )
            return
        gaps = []
        if consent.obtained is None:
            gaps.append(("obtained", "whether consent was obtained", "obtained: yes"))
        if consent.given_by is None:
            gaps.append(
                (
                    "given_by",
                    "who gave consent",
                    "given_by: patient (or parent, guardian, next of kin)",
                )
            )
        if consent.written_consent is not True:
            gaps.append(("written", "that consent was given in writing", "written: yes"))
        if gaps:
            yield self.finding(
                "The consent section does not say " + "; ".join(g[1] for g in gaps) + ".",
                span,
                "Add " + ", ".join(f"`{g[2]}`" for g in gaps) + " under `consent:`.",
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


@register
class ConsentImages(Rule):
    """When the report has figures, the consent must cover the publication of images."""

    id = "consent-images"
    items = ("informed-consent",)
    summary = "Consent covers images when the report has figures."
    files = {"hand.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'}
    passing = """\
carekit: 1
consent: {obtained: yes, given_by: parent, written: yes, covers_images: yes}
figures: [{id: hand, file: hand.svg, caption: Stand-in illustration of the hand.}]
"""
    failing = """\
carekit: 1
consent: {obtained: yes, given_by: parent, written: yes}
figures: [{id: hand, file: hand.svg, caption: Stand-in illustration of the hand.}]
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        if (
            draft.model.figures
            and draft.model.consent.raw
            and not draft.model.consent.covers_images
        ):
            yield self.finding(
                "The report has figures, but the consent does not say it covers images.",
                draft.key_span("consent"),
                "Add `covers_images: yes` under `consent:` once the consent covers the figures, "
                "and say so in the statement.",
            )
