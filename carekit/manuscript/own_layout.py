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


def demographics(sentence: str, named: str = "") -> dict[str, str] | None:
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
    # Which is which: the import mark names them; else assume the first ones.
    keys = named.split(";") if named else ("ethnicity", "occupation", "gender")
    for key, value in zip(keys, parts, strict=False):
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


# The flag a lab table prints after a value, back to the draft's `flag:`.
FLAGS = {"H": "h", "L": "l", "HH": "hh", "LL": "ll", "A": "abnormal"}
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_TEN_POWER_RE = re.compile(r"^×10([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)")
_POWER_RE = re.compile(r"(?<=[A-Za-zµμ])([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)")


def plain_typography(text: str, key: str) -> str:
    """A value as a draft spells it, undoing the lab table's typography (render/
    valuetext.py): a true minus (−) as a hyphen, an en dash between two numbers as a
    hyphen, ×10⁹/L as 10^9/L and mm³ as mm^3."""
    text = text.replace("\u2212", "-")
    if key == "reference_range":
        text = re.sub(r"(?<=\d)\u2013(?=[-+]?\d)", "-", text)
    if key == "unit":
        text = _TEN_POWER_RE.sub(lambda m: "10^" + m[1].translate(SUPERSCRIPTS), text)
        text = _POWER_RE.sub(lambda m: "^" + m[1].translate(SUPERSCRIPTS), text)
    return text


# The words carekit's templates print around a field's value (a label before it, a
# sentence introducing a table, a table's caption); read back, they are not the draft's.
LABELS = re.compile(
    r"^(?:Background|Case presentation|Conclusions?|Medical history|Family history|"
    r"Psychosocial history|Genetic information|Comorbidities|Diagnostic challenges|"
    r"Differential diagnosis|Final diagnosis|Prognosis|Strengths and limitations|"
    r"Adherence and tolerability|Adverse and unanticipated events|Length of follow-up|"
    r"Patient perspective|Changes in the intervention)[.:]$"
)
# Headings carekit's templates print over what their marks place (a manuscript's
# heading list has no key for them).
OWN_HEADINGS = frozenset({"Tables"})
_OWN_SENTENCE_RE = re.compile(
    r"^(?:The (?:laboratory results are given|interventions are listed|course of the case "
    r"is set out) in (?:Table|Fig\.) \d+\.|(?:It is|The course of the case is) shown on a "
    r"time axis in Fig\. \d+\.)$"
)
_CAPTION_RE = re.compile(r"^\*\*(Table|Fig\.) (\d+)\.\*\*\s*(.*)$", re.S)


def own_sentence(text: str) -> bool:
    """Whether a paragraph is a sentence carekit's templates write around a table."""
    return bool(_OWN_SENTENCE_RE.match(text.strip()))


def caption(text: str) -> tuple[str, int, str] | None:
    """("tbl" or "fig", number, caption) from "**Table 2.** Therapeutic interventions."."""
    found = _CAPTION_RE.match(text.strip())
    if not found:
        return None
    return ("tbl" if found[1] == "Table" else "fig"), int(found[2]), found[3].strip()
