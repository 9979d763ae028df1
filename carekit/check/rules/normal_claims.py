"""Sentences that call lab results normal, and which results each one speaks of.

"Blood tests were all within normal range" speaks of every result; "the counts were
normal" only of the blood counts, and "electrolytes were unremarkable" only of the
electrolytes, so a high CRP does not contradict them. A sentence that already admits
exceptions ("otherwise normal", "apart from the CRP") is no claim that all were normal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from carekit.tuples import NamedTuple

# What a claim may be about: a group of tests (matched against test names), or None for
# results in general.
_GROUPS = {
    "counts": r"white|wbc|leu[ck]o|neutro|lympho|mono|eosin|baso|platelet|plt|"
    r"ha?emoglobin|\bhg?b\b|red (blood )?cell|rbc|ha?ematocrit|\bhct\b|\bmcv\b|\bmch|count",
    "electrolytes": r"sodium|potassium|chloride|bicarbonate|calcium|magnesium|phosph|"
    r"\bna\b|\bk\b|\bcl\b|\bhco3|\bca\b|\bmg\b",
    "liver": r"\balt\b|\bast\b|alanine|aspartate|bilirubin|alkaline phosphatase|\balp\b|"
    r"\bggt\b|gamma|albumin|transaminase",
    "renal": r"creatinine|urea|\bbun\b|gfr",
    "coagulation": r"\binr\b|\bpt\b|a?ptt|prothrombin|fibrinogen|d-dimer",
    "thyroid": r"\btsh\b|\bf?t[34]\b|thyro",
}
_SUBJECTS = {
    "counts": r"(?:(?:full |complete )?blood |cell |white (?:blood )?cell |platelet )?counts?"
    r"|\b(?:cbc|fbc)\b|(?:full|complete) blood counts?",
    "electrolytes": r"(?:serum )?electrolytes",
    "liver": r"liver (?:function(?: tests)?|enzymes|tests|panel)|transaminases|lfts?",
    "renal": r"(?:renal|kidney) function(?: tests)?|(?:renal|kidney) (?:tests|panel)",
    "coagulation": r"coagulation(?: tests| studies| profile| screen)?|clotting(?: tests)?",
    "thyroid": r"thyroid function(?: tests)?|thyroid (?:tests|panel|hormones)",
    None: r"(?:laboratory |lab |blood |routine |other |initial )?"
    r"(?:results|tests|values|investigations|studies|work-?up|findings|parameters|data)"
    r"|labs|blood ?work|laboratory (?:work-?up|evaluation)",
}
_VERB = r"(?:were|was|are|is|remained|came back)"
_NORMAL = (
    r"(?:all |entirely |completely |also )?"
    r"(?:normal|unremarkable|within (?:the )?normal (?:ranges?|limits))"
)


def _subject_re(subject: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{subject})\s+{_VERB}\s+{_NORMAL}\b", re.I)


_SCOPED_RES = {name: _subject_re(s) for name, s in _SUBJECTS.items() if name is not None}
# The phrases read before (a claim about results in general), then the new general ones.
_GENERAL_RES = (
    re.compile(
        r"\b(within (the )?normal (ranges?|limits)|(were|was) all normal|"
        r"(results|tests|values|investigations) (were|was) normal|normal (laboratory|blood) "
        r"(results|tests|values))\b",
        re.I,
    ),
    _subject_re(_SUBJECTS[None]),
)
_EXCEPTIONS = re.compile(
    r"\botherwise\b|\bapart from\b|\bexcept\b|\bother than\b|\bbesides\b|\baside from\b|"
    r"\bbut\b|\bexcluding\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
_GROUP_RES = {name: re.compile(pattern, re.I) for name, pattern in _GROUPS.items()}


class Claim(NamedTuple):
    phrase: str  # as written, for the excerpt and the message
    group: str | None  # the tests it speaks of, or None for all results


def _sentence(text: str, start: int, end: int) -> str:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


def _found(text: str) -> Iterator[tuple[re.Match[str], str | None]]:
    """Claims by position: a claim about a group of tests wins over a general phrase
    inside it ("electrolytes were within normal range" is about the electrolytes)."""
    taken: list[range] = []
    for name, pattern in _SCOPED_RES.items():
        for match in pattern.finditer(text):
            taken.append(range(match.start(), match.end()))
            yield match, name
    for pattern in _GENERAL_RES:
        for match in pattern.finditer(text):
            if not any(
                match.start() in span or span.start in range(*match.span()) for span in taken
            ):
                taken.append(range(match.start(), match.end()))
                yield match, None


def normal_claims(text: str) -> Iterator[Claim]:
    """Every claim in `text` that results were normal, with the group it speaks of."""
    for match, group in sorted(_found(text), key=lambda found: found[0].start()):
        if not _EXCEPTIONS.search(_sentence(text, match.start(), match.end())):
            yield Claim(match[0], group)


def concerns(claim: Claim, test: str) -> bool:
    """True when the claim speaks of the test named `test`."""
    return claim.group is None or bool(_GROUP_RES[claim.group].search(test))
