"""The sentences carekit's own templates write around a draft's values, read back into
those values, so a manuscript carekit rendered imports as the draft it came from: the
demographics sentence, a past intervention's lead-in, and an entry of the changes list."""

from __future__ import annotations

import re

_DEMOGRAPHICS_RE = re.compile(
    r"^The patient was an? (?:(\d+(?:\.\d+)?)-(day|week|month|year)-old )?"
    r"(female|male|intersex|patient)(?: \((.+)\))?\.$"
)
_PAST_RE = re.compile(r"^Past interventions?(?: \((.+)\))?\.?$")
_CHANGE_RE = re.compile(r"^(?:\*([^*]+):\*\s+)?(.*?)(?:\s+Rationale:\s+(.*))?$", re.S)


def demographics(sentence: str) -> dict[str, str] | None:
    """{"age": "9 months", "sex": "male", "ethnicity": "Saudi Arab"} from the sentence the
    templates print ("The patient was a 9-month-old male (Saudi Arab)."), else None."""
    found = _DEMOGRAPHICS_RE.match(sentence.strip())
    if not found:
        return None
    number, unit, sex, extras = found.groups()
    facts = {}
    if number:
        facts["age"] = f"{number} {unit}s"
    if sex != "patient":
        facts["sex"] = sex
    # Printed in this order, the missing ones left out: ethnicity, occupation, gender.
    parts = (extras or "").split("; ")
    for key, value in zip(("ethnicity", "occupation", "gender"), parts, strict=False):
        if value:
            facts[key] = value
    return facts


def past_intervention(lead: str, rest: str) -> dict[str, str] | None:
    """A past intervention from "**Past intervention (when).** What. Outcome: ...", else None."""
    found = _PAST_RE.match(lead.strip())
    if not found:
        return None
    what, _sep, outcome = rest.strip().partition(" Outcome: ")
    entry = {"intervention": what}
    if found.group(1):
        entry["when"] = found.group(1)
    if outcome:
        entry["outcome"] = outcome
    return entry


def change(item: str) -> dict[str, str]:
    """A change from "*When:* What was changed. Rationale: why."."""
    when, what, why = _CHANGE_RE.match(item.strip()).groups()
    entry = {"change": what}
    if when:
        entry["when"] = when[:1].lower() + when[1:]
    if why:
        entry["rationale"] = why
    return entry
