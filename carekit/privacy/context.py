"""Context that decides whether a pattern's hit is about the patient.

Fields about the literature (the introduction, the discussion of the literature) name
dates, towns, people and web sites of other reports: there a hit counts only in a
sentence that is about this patient ("our patient", "the patient's", "Mrs X", "we have
seen"). Acknowledgements name colleagues, staff and institutions: there a hit counts only in a
sentence about the patient's own people or life ("his wife Bríd", "the patient's
employer, X", "the family's fundraising page"), and initials never do. Anywhere, a date
in a sentence about publishing, searching or approving ("published on 12 January 2021",
"searched up to March 2022", "approved in May 2021") is not a patient date.
"""

from __future__ import annotations

import re

from carekit.privacy.patterns import Hit, lazy

PATIENT_CUE = lazy(
    r"\b(?:our|the|this|index|present|same)\s+(?:patient|case|proband|boy|girl|man|woman|"
    r"infant|child|baby|neonate|newborn|family|mother|father|couple|twins?)\b|"
    r"\bpatient['’]s\b|\bwe\s+(?:have\s+)?(?:seen|treated|managed|admitted|report|describe|"
    r"present|cared)\b|\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s|\bseen\s+(?:by|at|in|on)\b|\bbaby\b|\b(?:his|her|their)\s+(?:home|"
    r"village|family|blog|town|parents|mother|father|wife|husband|son|daughter|sister|"
    r"brother|employer|school)\b|\bthis\s+(?:case|report)\b|\bthis\s+is\s+the\s+\w+\s+case\b|"
    r"\bborn\b|\badmitted\b|\bpresented\b|\b(?:she|he)\s+(?:lives|lived|works|worked|"
    r"grew\s+up|moved|travell?ed|returned|attends|attended)\b",
    re.I,
)
# In the acknowledgements, a sentence about the patient's own people or life (not the
# staff who cared for the patient, nor a colleague who helped with the report).
FAMILY_CUE = lazy(
    r"\b(?:patient['’]s|his|her|their)\s+(?:own\s+)?(?:family|parents?|mother|father|wife|"
    r"husband|partner|son|daughter|sister|brother|children|grandmother|grandfather|employer|"
    r"school|teacher|support\s+group|friends?|carer|neighbours?|neighbors?)\b|"
    r"\bthe\s+patient,\s|\bheadteacher\b|\bemployer\b|\bsupport\s+group\b|\bdonations?\b",
    re.I,
)
INITIALS_ONLY = re.compile(r"(?:[A-Z]\.\s?){1,3}|[A-Z]{2,3}")
LITERATURE_DATE_CUE = lazy(
    r"\b(?:published|publication|search(?:ed|es)?|inception|updated|accessed|retrieved|"
    r"approved|approval|licen[cs]ed|authori[sz](?:ed|ation)|issued|declared|announced|"
    r"released|marketed|became\s+available|registered|submitted|revised|guidelines?|"
    r"recommendations?|pandemic|outbreak|epidemic|emerged|broke\s+out|literature|review|"
    r"database|PubMed|MEDLINE|Embase|Scopus|FDA|EMA|WHO|CDC|manuscript|series|reports?\s+"
    r"(?:was|were)|launched)\b",
    re.I,
)
SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“(]*[A-Z0-9])|\n\s*\n")

# Rules whose hits need a sentence about the patient in a field about the literature.
LITERATURE_GATED = frozenset(
    {"privacy-date", "privacy-name", "privacy-place", "privacy-url", "privacy-age"}
)


WINDOW = 300  # a sentence is looked for this far either side: never the whole text


def sentence(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds [start, end), cut at WINDOW characters either
    side (a field of a megabyte of dates must not be scanned from its start per hit)."""
    left = max(0, start - WINDOW)
    for match in SENTENCE_END.finditer(text, left, start):
        left = match.end()
    right = SENTENCE_END.search(text, end, end + WINDOW)
    return text[left : right.end() if right else min(len(text), end + WINDOW)]


def keep(rule_id: str, scope: str, text: str, hit: Hit) -> bool:
    """Does `hit` of `rule_id` count in a field of this scope ("patient", "literature",
    "thanks")?"""
    around = None
    if rule_id.startswith("privacy-date"):
        around = sentence(text, hit.start, hit.end)
        if LITERATURE_DATE_CUE.search(around) and not PATIENT_CUE.search(around):
            return False
    if scope == "literature" and rule_id.removesuffix("-strict") in LITERATURE_GATED:
        around = around or sentence(text, hit.start, hit.end)
        return bool(PATIENT_CUE.search(around))
    if scope == "thanks":
        if rule_id == "privacy-name" and INITIALS_ONLY.fullmatch(hit.text.strip("() ")):
            return False  # initials are how authors thank a patient without naming them
        around = around or sentence(text, hit.start, hit.end)
        return bool(FAMILY_CUE.search(around))
    return True
