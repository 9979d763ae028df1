"""How the privacy rules' hits become findings: accepted disclosures, one finding for a
repeated age, and the journal's stricter policy in the messages.

- `privacy: accepted: [{rule: privacy-age, reason: ...}]` in the draft records a
  deliberate, consented disclosure: that rule's hits become one info line that quotes the
  reason (the checklist lists it), instead of errors the author must ignore.
- An age over 89 that recurs (the subject of a report about extreme age) is one finding,
  not one per mention, and its fix offers the accepted-disclosure route beside "write 90
  years or older", which would destroy such a report's point.
- A journal profile whose `privacy` facts are stricter than Safe Harbor (BMJ Case
  Reports: no dates, no places, no institution names) says so, with its source.
"""

from __future__ import annotations

from collections.abc import Iterator

from carekit.draft.model import Draft
from carekit.findings import Finding, Severity
from carekit.journals.profiles import Journal

ACCEPT_HINT = (
    "If the detail is the point of the report and the patient consented to it, keep it "
    "and record the decision in the draft: `privacy: accepted: [{{rule: {rule}, reason: "
    '"..."}}]`; carekit then reports it once, as a note, and lists it in the checklist.'
)
# The journal facts (profile section `privacy`) that each rule's message cites.
JOURNAL_FACT = {
    "privacy-date": ("no_dates", "no dates at all, not even months"),
    "privacy-place": ("no_places", "no places and no names of institutions"),
    "privacy-age": ("ages_as_ranges", "ages as ranges"),
}


def accepted_reason(draft: Draft, rule_id: str) -> tuple[int, str] | None:
    """(index, reason) of the draft's accepted disclosure for `rule_id`, if any."""
    for index, entry in enumerate(draft.model.privacy.accepted):
        if entry.rule == rule_id and entry.reason:
            return index, entry.reason
    return None


def journal_note(rule_id: str, journal: Journal | None) -> str:
    """ " BMJ Case Reports asks for ... (profile ...: source)." or ""."""
    fact = JOURNAL_FACT.get(rule_id)
    if not journal or not fact or not journal.fact("privacy", fact[0]):
        return ""
    return f" {journal.title} asks for {fact[1]} ({journal.basis('privacy')})."


def settle(
    rule, draft: Draft, findings: list[Finding], journal: Journal | None
) -> Iterator[Finding]:
    """The findings of one privacy rule as the author reads them."""
    if not findings:
        return
    accepted = accepted_reason(draft, rule.id)
    if accepted is not None:
        index, reason = accepted
        shown = ", ".join(dict.fromkeys(f"{f.excerpt!r}" for f in findings if f.excerpt))
        yield rule.finding(
            f"{len(findings)} {rule.noun} kept on purpose ({shown or 'structured fields'}), "
            f"as the draft records: {reason}",
            draft.span("privacy", "accepted", index),
            "Nothing to change; make sure the consent form covers these details.",
            severity=Severity.INFO,
        )
        return
    note = journal_note(rule.id, journal)
    if rule.id == "privacy-age" and len(findings) > 1:
        first = findings[0]
        shown = ", ".join(dict.fromkeys(f"{f.excerpt!r}" for f in findings if f.excerpt))
        yield first._replace(
            message=(
                f"An age over 89 appears {len(findings)} times ({shown}): ages over 89 "
                f"identify a patient (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)).{note}"
            ),
            fix=(
                'Write "90 years or older" everywhere (and set `patient.age` to {min: 90, '
                "unit: years}). " + ACCEPT_HINT.format(rule=rule.id)
            ),
        )
        return
    for finding in findings:
        fix = finding.fix
        if rule.id == "privacy-age":
            fix += " " + ACCEPT_HINT.format(rule=rule.id)
        yield finding._replace(message=finding.message + note, fix=fix)
