"""Judges of the introduction (4), the discussion (11a-11c), the patient's perspective (12)
and consent (13). Statements count wherever the discussion, introduction or conclusion
makes them, not only in their own field."""

from __future__ import annotations

import re

from carekit.check.judge import MISSING, NOT_APPLICABLE, PARTLY, REPORTED, Verdict, judges
from carekit.check.judge.text import DISCUSSION_PARTS, cites, filled, first_hit, texts, words
from carekit.draft.model import Draft

STRENGTHS = words(
    r"strengths? (?:of|in|was|is)|limitations? (?:of|in|was|is)|(?:a|one|the|our|main|"
    r"key|major) (?:strength|limitation)s?\b|shortcoming"
)
ADMITTED = words(
    r"could have been|should have been|might have been (?:diagnosed|recogni|avoided|"
    r"prevented|detected)|would have been (?:recogni|diagnos|detect|avoid)|may have "
    r"(?:hampered|delayed|been detrimental)|in (?:retrospect|hindsight)|(?:was|were) "
    r"(?:significantly |considerably )?delayed|significant delay|delay in (?:the )?(?:diagnos|"
    r"treat)|(?:have been|be) (?:diagnosed|started|given|recogni[sz]ed|treated|done) "
    r"(?:earlier|sooner)|"
    r"(?:was|were) not (?:confirmed|sampled|screened|considered)|unavailab|could not "
    r"(?:be )?(?:\w+ly )?(?:ruled out|excluded|confirm)|lost to follow-up|we (?:failed|missed)|"
    r"(?:sooner|earlier) (?:might|could|would) have|(?:make|makes|made) (?:the )?diagnosis "
    r"(?:harder|difficult|more difficult)|contributed (?:greatly |much )?to the "
    r"(?:good|favou?rable|successful) outcome|"
    r"detrimental"
)
REASONING = ("reasoning", "challenges", "differential", "final_diagnosis")
CAUSAL = words(
    r"caus|due to|because|attribut|explain|mechanism|naranjo|likely|probabl|suggest|"
    r"consistent with|associated with|led to|resulted|source|trigger|precipitat|contribut"
)
QUOTED = re.compile(r"[\"“][^\"”]{3,}[\"”]")
FIRST_PERSON = words(r"(?:i|i'm|i've|me|my|we|our|us)\b")
SECOND_HAND = words(
    r"(?:the )?(?:patient|mother|father|parents?|wife|husband|family|relatives?|he|she|"
    r"they) (?:said|says|felt|feels|reported|described|stated|expressed|(?:was|were) (?:grateful|"
    r"glad|happy|satisfied|relieved)|chose|decided|preferred|wished|wanted|declined|"
    r"refused|opted)"
)
# Outside its own field only a choice or feeling about the care counts as a second-hand
# perspective; "the patient reported pain" is a symptom, not a view.
CHOICE = words(
    r"(?:the )?(?:patient|mother|father|parents?|wife|husband|family|he|she|they) "
    r"(?:chose|decided|preferred|wished|wanted|declined|refused|opted|(?:was|were) "
    r"(?:grateful|glad|happy|satisfied|relieved))"
)
SENTENCE = re.compile(r"[^.!?]*[.!?]?")
SAID_QUOTE = re.compile(
    r"\b(?:said|says|described|called|told|stated|put it)\b[^.]{0,60}[\"“][^\"”]{2,}[\"”]",
    re.IGNORECASE,
)
ABOUT_CARE = words(r"treatment|care\b|therap|surgery|operation|hospital|doctor|medication")
NOT_A_VIEW = words(
    r"consent|died|death|passed away|deceased|we (?:recommend|advise|suggest)|should|"
    r"clinicians|physicians"
)
UNOBTAINABLE = words(
    r"could not (?:be )?(?:obtained|reached|contact|asked|reach)|unable to|not (?:possible|"
    r"available)|"
    r"(?:died|deceased|passed away)[^.]*(?:before|so|could)"
)
PUBLICATION = words(r"publi|report|this case|the case|images?|photograph")
WAIVER = words(r"waive|exempt|not required|irb|ethics committee|institutional review")
CONSENTED = words(r"consent(?:ed)?\b|permission|agreed")


@judges("introduction")
def introduction(draft: Draft) -> Verdict:
    text = draft.model.introduction
    if not filled(text):
        return Verdict(MISSING, "no introduction", ("introduction",))
    if cites(text):
        return Verdict(REPORTED)
    return Verdict(PARTLY, "no references in the introduction", ("introduction",))


@judges("strengths-limitations")
def strengths(draft: Draft) -> Verdict:
    if filled(draft.model.discussion.strengths_and_limitations):
        return Verdict(REPORTED)
    found = texts(draft, *DISCUSSION_PARTS)
    if first_hit(STRENGTHS, found):
        return Verdict(REPORTED)
    where = ("discussion", "strengths_and_limitations")
    # An admission may sit with the diagnostic reasoning too ("the diagnosis was delayed").
    found += [(p, t) for p, t in texts(draft, "diagnostics") if p[1] in REASONING]
    if first_hit(ADMITTED, found):
        return Verdict(PARTLY, "one strength or shortcoming in passing; not weighed", where)
    return Verdict(MISSING, "no strengths or limitations", where)


@judges("discussion-literature")
def literature(draft: Draft) -> Verdict:
    stated = draft.model.discussion.literature
    found = texts(draft, "discussion", "conclusion")
    if any(cites(text) for _, text in found):
        return Verdict(REPORTED)
    if filled(stated) or any(filled(text) for _, text in found):
        return Verdict(PARTLY, "the literature without citations", ("discussion", "literature"))
    return Verdict(MISSING, "no literature", ("discussion", "literature"))


@judges("conclusions-rationale")
def rationale(draft: Draft) -> Verdict:
    if filled(draft.model.discussion.rationale):
        return Verdict(REPORTED)
    if first_hit(CAUSAL, texts(draft, *DISCUSSION_PARTS)):
        return Verdict(REPORTED)
    return Verdict(MISSING, "no rationale for the conclusions", ("discussion", "rationale"))


def _perspective(text: str) -> Verdict | None:
    where = ("patient_perspective",)
    if UNOBTAINABLE.search(text):
        return Verdict(NOT_APPLICABLE, "could not be obtained, as the text says")
    if QUOTED.search(text) or FIRST_PERSON.search(text):
        return Verdict(REPORTED)
    if SECOND_HAND.search(text):
        return Verdict(PARTLY, "told second-hand, not in their own words", where)
    if NOT_A_VIEW.search(text):
        return Verdict(MISSING, "not the patient's view (advice, death or consent)", where)
    return None


@judges("patient-perspective")
def perspective(draft: Draft) -> Verdict:
    text = draft.model.patient_perspective or ""
    if filled(text):
        return _perspective(text) or Verdict(REPORTED)
    if UNOBTAINABLE.search(draft.model.consent.statement or ""):
        return Verdict(NOT_APPLICABLE, "could not be obtained, as the consent statement says")
    found = texts(draft, "patient", "follow_up", "interventions", "intervention_changes")
    return _elsewhere(draft, found)


def _elsewhere(draft: Draft, found: list[tuple[tuple, str]]) -> Verdict:
    """The patient's view outside its field: their quoted words about the care count as
    reported; other quoted words, a choice or a view told second-hand, partly."""
    where = ("patient_perspective",)
    quoted = [s for _, text in found for s in SENTENCE.findall(text) if SAID_QUOTE.search(s)]
    if any(ABOUT_CARE.search(sentence) for sentence in quoted):
        return Verdict(REPORTED)
    told = SECOND_HAND.search(draft.model.follow_up.patient_outcomes or "")
    if quoted or told or first_hit(CHOICE, found):
        return Verdict(PARTLY, "told second-hand, not in their own words", where)
    return Verdict(MISSING, "no patient perspective", ("patient_perspective",))


@judges("informed-consent")
def consent(draft: Draft) -> Verdict:
    given = draft.model.consent
    statement = given.statement or ""
    where = ("consent",)
    if given.obtained is False:
        if UNOBTAINABLE.search(statement):  # addressed: why it could not be obtained
            return Verdict(PARTLY, "consent could not be obtained; the reason is stated", where)
        return Verdict(MISSING, "consent was not obtained", where)
    if given.obtained is True or (CONSENTED.search(statement) and not WAIVER.search(statement)):
        return Verdict(REPORTED)
    if WAIVER.search(statement + " " + (draft.model.ethics or "")):
        return Verdict(PARTLY, "only an ethics waiver, no consent for publication", where)
    if any(CONSENTED.search(f.caption or "") for f in draft.model.figures):
        return Verdict(PARTLY, "consent only in a figure legend", where)
    if filled(statement):
        return Verdict(PARTLY, "the statement does not say consent was obtained", where)
    return Verdict(MISSING, "no consent statement", where)
