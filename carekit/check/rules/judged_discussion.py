"""Judgement rules for the abstract against the case (3b, 3c), the discussion (11a, 11b),
the patient's perspective (12) and consent (13)."""

from __future__ import annotations

from carekit.check.rules import register
from carekit.check.rules.judged import JudgedRule

_CASE = """\
carekit: 1
patient: {presenting_concern: A hard swelling of the left hand.}
diagnostics: {final_diagnosis: Calcinosis cutis}
interventions: [{type: conservative, name: Observation}]
abstract:
"""


@register
class AbstractMatchesCase(JudgedRule):
    """CARE 3c asks the abstract for the main diagnosis, treatment and outcome: checked
    against the draft's own diagnosis, interventions and follow-up. The finding names what
    the abstract leaves out."""

    id = "abstract-matches-case"
    items = ("abstract-diagnoses-outcomes",)
    summary = "The abstract names the draft's diagnosis, treatment and outcome."
    passing = _CASE + (
        "  case_presentation: A hand swelling proved to be calcinosis cutis; under "
        "observation it resolved.\n"
    )
    failing = _CASE + "  case_presentation: An infant had a hard swelling of the hand.\n"
    fix = "In `abstract.case_presentation:`, name the diagnosis, what was done and how it ended."


@register
class AbstractConcerns(JudgedRule):
    """CARE 3b asks the abstract for the patient's main concerns and important findings:
    the case part must name the presenting concern or a finding the draft reports."""

    id = "abstract-concerns"
    items = ("abstract-concerns-findings",)
    summary = "The abstract names the presenting concern or a key finding."
    passing = _CASE + "  case_presentation: An infant had a hard swelling of the hand.\n"
    failing = _CASE + "  case_presentation: A rare diagnosis was made in an infant.\n"
    fix = "In `abstract.case_presentation:`, give the main concern and the key findings."


@register
class StrengthsStated(JudgedRule):
    """CARE 11a asks for the strengths and limitations of the management. They count
    wherever the discussion, introduction or conclusion states them; the authors only
    admitting one shortcoming (a delay, a test not done) is partly reported."""

    id = "strengths-stated"
    items = ("strengths-limitations",)
    summary = "The strengths and limitations of the management are stated."
    passing = (
        "carekit: 1\ndiscussion:\n  literature: A strength of this report is the early CT; "
        "a limitation, that no biopsy was taken.\n"
    )
    failing = "carekit: 1\ndiscussion:\n  literature: The CT could have been done sooner.\n"
    fix = "Add `discussion.strengths_and_limitations:` weighing what went well and what did not."


@register
class LiteratureCited(JudgedRule):
    """CARE 11b asks for a discussion of the relevant literature: at least one citation in
    the discussion or conclusion. A discussion without any citation is partly reported."""

    id = "literature-cited"
    items = ("discussion-literature",)
    summary = "The discussion cites the literature."
    passing = "carekit: 1\ndiscussion:\n  literature: Similar cases resolved [@le2020].\n"
    failing = "carekit: 1\ndiscussion:\n  literature: Similar cases resolved.\n"
    fix = "Cite the reports and reviews you discuss ([@key], listed under `references:`)."


@register
class PerspectiveOwnVoice(JudgedRule):
    """CARE 12 asks for the patient's own view of the care. It must be in the patient's
    (or a relative's) own voice, first person or quoted; told second-hand it is partly
    reported. The authors' advice, a death notice or a consent note is not a perspective.
    A text saying why the view could not be obtained makes the item not applicable."""

    id = "perspective-own-voice"
    items = ("patient-perspective",)
    summary = "The patient's perspective is in their own words."
    passing = 'carekit: 1\npatient_perspective: "I was glad no operation was needed."\n'
    failing = "carekit: 1\npatient_perspective: The patient said she was glad.\n"
    fix = (
        "Quote the patient or relative, or write it in the first person, with their "
        "permission; if it cannot be obtained, say why."
    )


@register
class ConsentStated(JudgedRule):
    """CARE 13 asks whether consent for publication was obtained: any clear statement that
    it was (from the patient or the next of kin) reports it. Written form, signatory and
    image consent are journal requirements, checked against the journal's profile. Only an
    ethics waiver, or consent mentioned only in a figure legend, is partly reported."""

    id = "consent-stated"
    items = ("informed-consent",)
    summary = "The draft states that consent for publication was obtained."
    passing = "carekit: 1\nconsent: {statement: The patient consented to publication.}\n"
    failing = "carekit: 1\nconsent: {statement: The IRB exempted this report from review.}\n"
    fix = (
        "State that consent for publication was obtained, and from whom (`obtained: yes`, "
        "`statement:`); an ethics waiver is not consent to publish."
    )
