"""Detectors for identifying details in patient text (the privacy rules use these).

Each detector finds spans of one kind of identifier in a text: calendar dates, ages over
89, names, record numbers, phone numbers, e-mail addresses, URLs and IP addresses,
places smaller than a region. They are patterns with context (a title before a name, a
label before a number, "lives in" before a town), tuned on the labelled sentences in
tests/data/privacy_sentences.yaml to leave ordinary clinical prose alone: doses, lab
values and ranges, relative days, eponyms, gene names, figure numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import NamedTuple

from carekit.invisible import for_matching


class _lazy:  # noqa: N801 (used like re.compile)
    """A regular expression compiled on first use: a check whose texts hold no e-mail
    never pays for compiling the e-mail pattern (compiling them all costs ~15 ms)."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)


class Hit(NamedTuple):
    start: int
    end: int
    text: str


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_ORDINAL_WORDS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"twenty-\w+|thirtieth|thirty-first"
)

_DATE_RES = [
    # 12/03/2021, 12.03.21, 3-4-2021 (same separator twice)
    _lazy(r"(?<![\w./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|\.\d)"),
    # 2021-03-12, 2021/03/12
    _lazy(r"(?<![\w./-])((?:19|20)\d{2})([/.-])(\d{1,2})\2(\d{1,2})(?![\w/-]|\.\d)"),
    # 3 March 2021, 3rd of March, 3 Mar.
    _lazy(rf"\b\d{{1,2}}{_ORDINAL}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?\b"),
    # March 3, 2021; March 3rd; Sept. 12
    _lazy(rf"\b{_MONTH}\s+\d{{1,2}}{_ORDINAL}\b(?:,?\s+{_YEAR}\b)?(?!\s*(?:%|mg|mmol|kg|cm))"),
    # March 2021, mid-March 2020
    _lazy(rf"\b{_MONTH}\s+{_YEAR}\b"),
    # on 12/03 (day and month only, after a word that introduces a date)
    _lazy(r"\b(?:on|dated|since|until|from)\s+(\d{1,2})/(\d{1,2})(?![\w/.])", re.I),
    # 23-Jun-2021, 23/Jun/21, 23 Jun 21
    _lazy(rf"\b\d{{1,2}}[-/ ]{_MONTH}[-/ ](?:{_YEAR}|\d{{2}})\b"),
    # the fifth of June, June fifth
    _lazy(rf"\b(?:{_ORDINAL_WORDS})\s+of\s+{_MONTH}\b|\b{_MONTH}\s+(?:{_ORDINAL_WORDS})\b", re.I),
]
_MONTHISH = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SCORE_NEAR = _lazy(r"score|scale|power|grade|GCS|VAS|NRS|acuity|ratio", re.I)
_SCORE_RANGE_AFTER = _lazy(r"\s*(?:to|-|–)\s*\d+/\d+")
_VERSION_BEFORE = _lazy(r"(?:version|v|release|section|ICD-?\d*|grade|stage)\s*$", re.I)


def _valid_numeric_date(match: re.Match) -> bool:
    groups = [g for g in match.groups() if g and g.isdigit()]
    if len(groups) < 2:
        return True
    numbers = [int(g) for g in groups]
    if len(groups) == 3 and len(groups[0]) == 4:  # year first
        month, day = numbers[1], numbers[2]
        return 1 <= month <= 12 and 1 <= day <= 31
    first, second = numbers[0], numbers[1]
    return 1 <= first <= 31 and 1 <= second <= 31 and (first <= 12 or second <= 12)


_MONTH_PATTERNS = {2, 3, 4, 6, 7}  # the patterns that need a month name
_ORDINAL_STEMS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "teenth",
    "twentieth",
    "thirtieth",
    "twenty-",
)
_ORDINAL_WORD_PATTERN = 7


def find_dates(text: str) -> list[Hit]:
    lower = text.lower()
    has_month = any(month in lower for month in _MONTHISH)
    has_ordinal_word = has_month and any(w in lower for w in _ORDINAL_STEMS)
    hits: list[Hit] = []
    for index, pattern in enumerate(_DATE_RES):
        if index in _MONTH_PATTERNS and not has_month:
            continue  # cheap string tests spare most texts the slower patterns
        if index == _ORDINAL_WORD_PATTERN and not has_ordinal_word:
            continue
        for match in pattern.finditer(text):
            if index in (0, 1, 5) and not _valid_numeric_date(match):
                continue
            if index in (0, 1) and _VERSION_BEFORE.search(_before(text, match.start())):
                continue
            if index == 5 and (
                _SCORE_NEAR.search(text[max(0, match.start() - 40) : match.start()])
                or _SCORE_RANGE_AFTER.match(text, match.end())
            ):
                continue  # "from 8/10 to 2/10" is a score, not a date
            if (
                index == 3
                and match.group(0).startswith("May")
                and not re.search(r"\d{4}|\d(?:st|nd|rd|th)", match.group(0))
                and _lower_context(text, match.start())
            ):
                continue  # "May 5 patients" reads as the verb, not the month
            hits.append(Hit(match.start(), match.end(), match.group(0)))
    return _merge(hits)


def _lower_context(text: str, start: int) -> bool:
    return bool(re.search(r"[a-z,]\s+$", _before(text, start)))


def _before(text: str, start: int, width: int = 30) -> str:
    """The few characters before a match (never the whole text: that would be quadratic)."""
    return text[max(0, start - width) : start]


_AGE_RES = [
    _lazy(r"\b(\d{2,3})\s*[- ]?\s*(?:years?|yrs?|y)[- ]?(?:old|of age)\b", re.I),
    _lazy(
        r"\b(?:aged|age of|at age|age(?:\s+at\s+\w+)?)\s*:?\s*(\d{2,3})\b"
        r"(?!\s*(?:mmol|mg|kg|%|cm|bpm|days|weeks|months))",
        re.I,
    ),
    _lazy(r"\b(\d{2,3})\s*(?:y/o|yo|y\.o\.)(?!\w)", re.I),
    _lazy(r"\b(\d{2,3})-year-old\b", re.I),
    _lazy(r"\b(?:of|aged)\s+(\d{2,3})\s+years\b", re.I),
]
# Matched at a position (never on a slice of the rest of the text: quadratic).
_AGGREGATED_AFTER = _lazy(r"\s*(?:years?\s*)?(?:or|and)\s+(?:older|over|above)|\s*\+", re.I)
_OLDER_AFTER = _lazy(r"\s*(?:or|and)\s+(?:older|over)")


def find_ages_over_89(text: str) -> list[Hit]:
    hits = []
    for pattern in _AGE_RES:
        for match in pattern.finditer(text):
            age = int(match.group(1))
            if not 90 <= age <= 130:
                continue
            if _AGGREGATED_AFTER.match(text, match.end(1)) or _OLDER_AFTER.match(text, match.end()):
                continue
            hits.append(Hit(match.start(), match.end(), match.group(0)))
    return _merge(hits)


_TITLE_RE = _lazy(
    r"\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Sr|Master)\.?\s+"
    r"(?:[A-Z][a-zA-Z'’\-]+(?:\s+[A-Z][a-zA-Z'’\-]+)?|[A-Z]\.(?:\s?[A-Z]\.)*)"
)
_INITIALS_RE = _lazy(
    r"\b(?i:patient|boy|girl|man|woman|infant|child|baby|toddler|neonate|initials|mother|"
    r"father)\s*,?\s*\(?((?:[A-Z]\.\s?){1,3}|[A-Z]{2,3}\b)\)?"
)
_BRACKET_INITIALS_RE = _lazy(r"\((?:[A-Z]\.){2,3}\)|(?<![\w.])(?:[A-Z]\.){2,3}(?=[\s,;:)])")
_NOT_INITIALS = {"U.S.", "U.K.", "U.N.", "E.U.", "A.M.", "P.M.", "B.C.", "A.D.", "N.B.", "P.S."}
_RELATIVE_RE = _lazy(
    r"\b(?:mother|father|mum|mom|dad|wife|husband|son|daughter|brother|sister|aunt|uncle|"
    r"grandmother|grandfather|grandson|granddaughter|partner|fianc[eé]e?|cousin|niece|nephew|"
    r"guardian|stepfather|stepmother|carer|caregiver|twin)\b,?\s+(?:named\s+|called\s+)?"
    r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b"
)
_NOT_NAMES = {
    "He",
    "She",
    "They",
    "The",
    "A",
    "An",
    "On",
    "In",
    "At",
    "When",
    "After",
    "Before",
    "His",
    "Her",
    "Their",
    "It",
    "This",
    "That",
    "Fig",
    "Table",
    "Both",
    "Neither",
    "All",
    "Also",
    "However",
    "Because",
    "Since",
    "While",
    "During",
    "And",
    "But",
    "Or",
    "With",
    "Without",
    "Who",
    "Which",
    "Had",
    "Has",
    "Was",
    "Is",
    "Did",
    "Does",
    "Gave",
    "Reported",
    "Noted",
    "Said",
    "Described",
    "Recalled",
    "Brought",
    "Took",
    "Signed",
    "Provided",
    "Consented",
}
_INITIALS_NOT = {"CT", "MR", "MRI", "ED", "ICU", "ALL", "AML", "HIV", "IV", "GP", "OK", "PE"}


def find_names(text: str) -> list[Hit]:
    hits = [Hit(m.start(), m.end(), m.group(0)) for m in _TITLE_RE.finditer(text)]
    for match in _INITIALS_RE.finditer(text):
        initials = match.group(1).strip()
        if initials.replace(".", "").replace(" ", "") in _INITIALS_NOT:
            continue
        if "." not in initials and not re.search(r"\(|initials", match.group(0)):
            continue  # bare capitals: likely an abbreviation, not initials
        hits.append(
            Hit(match.start(1), match.end(), match.group(0)[match.start(1) - match.start() :])
        )
    hits += [
        Hit(m.start(), m.end(), m.group(0))
        for m in _BRACKET_INITIALS_RE.finditer(text)
        if m.group(0).strip("()") not in _NOT_INITIALS
    ]
    for match in _RELATIVE_RE.finditer(text):
        name = match.group(1).split()[0]
        if name in _NOT_NAMES or name in _MONTHS_PLAIN:
            continue
        hits.append(Hit(match.start(1), match.end(1), match.group(1)))
    return _merge(hits)


_MONTHS_PLAIN = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
}

_NUMBER_WORD = r"(?:number|no\.?|ID|identifier|#)"
_RECORD_LABEL = (  # names that are a number by themselves, or words that need "number"/"ID"
    r"(?:(?:MRN|SSN|NHS|CHI|Medicare|Medicaid|S/N|serial|social[- ]security|"
    r"national[- ]insurance|passport|licen[cs]e|insurance|beneficiary|member|policy|account)"
    r"(?:\s+(?:beneficiary|member|policy|card|identification))?(?:\s*" + _NUMBER_WORD + r")?"
    r"|(?:medical[- ]record|record|hospital|patient|case|unit|health[- ]plan|"
    r"health[- ]insurance|registration|tax)"
    r"(?:\s+(?:beneficiary|member|policy|card|identification))?\s*" + _NUMBER_WORD + r")"
)
# A code: digits, optionally after a short prefix, in groups that each hold a digit.
_CODE = r"(?-i:(?:[A-Z]{1,4}[-\s]?)?\d[\dA-Z]*(?:[-/\s](?=[A-Z]*\d)[\dA-Z]+)*)"
_RECORD_RE = _lazy(
    rf"\b{_RECORD_LABEL}\s*,?\s*(?:is|was|of|:|#)?\s*({_CODE})",
    re.I,
)
_SSN_RE = _lazy(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")


def find_record_numbers(text: str) -> list[Hit]:
    hits = []
    for match in _RECORD_RE.finditer(text):
        number = match.group(1).strip()
        if sum(ch.isdigit() for ch in number) < 4 or re.match(r"\d+(\.\d+)?\s*(mg|mmol|%)", number):
            continue
        hits.append(
            Hit(
                match.start(),
                match.start(1) + len(number),
                text[match.start() : match.start(1) + len(number)],
            )
        )
    hits += [Hit(m.start(), m.end(), m.group(0)) for m in _SSN_RE.finditer(text)]
    return _merge(hits)


_PHONE_LABEL_RE = _lazy(
    r"\b(?:tel(?:ephone)?|phone|mobile|cell(?:phone)?|fax|call(?:ed)?|contact(?:ed)?\s+(?:on|at)|"
    r"reached\s+(?:on|at)|phone\s+number|number)\.?\s*:?\s*(?:on|at)?\s*"
    r"(\+?\(?\d[\d\s().\-]{6,}\d)",
    re.I,
)
# A short local number ("555-0199") counts only right after a word about calling.
_LOCAL_PHONE_RE = _lazy(
    r"\b(?i:fax(?:ed)?|rang|ring|call(?:ed)?|phone[ds]?|dial(?:l?ed)?|line|number|contact)\b"
    r"[^.;]{0,40}?(?<![\w.-])(\d{3}-\d{4})(?![\w-]|\.\d)"
)
_PHONE_RES = [
    _lazy(r"(?<![\w+])\+\d{1,3}[\s.\-]?\(?\d{1,4}\)?(?:[\s.\-]?\d{2,4}){2,4}(?!\d)"),
    _lazy(r"(?<!\w)\(\d{3}\)\s?\d{3}[\s.\-]\d{4}(?!\d)"),
    _lazy(r"(?<![\w.])\d{3}[.\-]\d{3}[.\-]\d{4}(?!\w|\.\d)"),
    _lazy(r"(?<![\w.])0\d{1,4}[\s\-]\d{3,4}[\s\-]?\d{3,4}(?!\w|\.\d)"),
]


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def find_phones(text: str) -> list[Hit]:
    hits = []
    for match in _PHONE_LABEL_RE.finditer(text):
        number = match.group(1).rstrip(" .-(")
        if 7 <= _digits(number) <= 15 and not re.search(r"\d\s*(?:mg|mmol|%|kg|mL)", number):
            hits.append(Hit(match.start(1), match.start(1) + len(number), number))
    for pattern in _PHONE_RES:
        for match in pattern.finditer(text):
            if 9 <= _digits(match.group(0)) <= 15:
                hits.append(Hit(match.start(), match.end(), match.group(0)))
    for match in _LOCAL_PHONE_RE.finditer(text):
        hits.append(Hit(match.start(1), match.end(1), match.group(1)))
    records = find_record_numbers(text)  # a labelled record number is not also a phone
    return _outside(_merge(hits), records)


_EMAIL_RE = _lazy(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def find_emails(text: str) -> list[Hit]:
    return [Hit(m.start(), m.end(), m.group(0)) for m in _EMAIL_RE.finditer(text)]


_URL_RE = _lazy(r"\b(?:https?|ftp)://[^\s<>)\]]+|\bwww\.[\w-]+(?:\.[\w-]+)+[^\s<>)\]]*", re.I)
_IP_RE = _lazy(r"(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?!\w|\.\d)")


def find_urls(text: str) -> list[Hit]:
    hits = [Hit(m.start(), m.end(), m.group(0).rstrip(".,;:")) for m in _URL_RE.finditer(text)]
    for match in _IP_RE.finditer(text):
        if all(int(part) <= 255 for part in match.groups()) and not _VERSION_BEFORE.search(
            _before(text, match.start())
        ):
            hits.append(Hit(match.start(), match.end(), match.group(0)))
    emails = find_emails(text)
    return _outside(_merge(hits), emails)


_STREET_RE = _lazy(
    r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-zA-Z'’\-]+\s+){1,3}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Boulevard|Blvd|Way|Close|Court|Ct|Place|"
    r"Terrace|Crescent|Square|Highway|Hwy|Parade|Row|Gardens|Grove|Mews)\b\.?"
)
_POSTCODE_RE = _lazy(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b")
_POSTCODE_LABEL_RE = _lazy(
    r"\b(?:ZIP(?:\s+code)?|post\s?code|postal\s+code)\s*[:,]?\s*"
    r"([A-Z0-9]{2,5}(?:[\s-][A-Z0-9]{3,4})?)\b",
    re.I,
)
_PLACE_CONTEXT_RE = _lazy(
    r"\b(?:lives?|lived|living|resides?|resided|residing|resident|native|moved|relocated|"
    r"hometown|comes?|came|born|works?|worked|working|farmer|travell?ed|returned|holiday|"
    r"village|town|city|suburb|district|neighbourhood|neighborhood|municipality|county)\b"
    r"(?:\s+(?:in|of|at|to|from|near|outside))?(?:\s+(?:the\s+)?(?:village|town|city|suburb|"
    r"hamlet|county|district|municipality|neighbourhood|neighborhood)\s+of)?\s+"
    r"((?:[A-Z][a-zA-Z'’\-]+)(?:\s+(?:[A-Z][a-zA-Z'’\-]+|upon|on|de|del|la|le))*)"
)
_FROM_PLACE_RE = _lazy(r"\bfrom\s+((?:[A-Z][a-z][a-zA-Z'’\-]*)(?:\s+[A-Z][a-zA-Z'’\-]+)*)")
# "worked at a sawmill in Kettlebrook": a residence or work word shortly before "in X"
_NEAR_PLACE_RE = _lazy(
    r"\b(?i:lives?|lived|living|resides?|resided|residing|works?|worked|working|teacher|"
    r"farmer|grew\s+up|born|raised|travell?ed|holiday(?:ed|ing)?|stayed|moved|trip|visit(?:ed)?|"
    r"returned)\b"
    r"[^.;:]{0,40}?\b(?:in|at|near|to)\s+"
    r"((?:[A-Z][a-z][a-zA-Z'’\-]*)(?:\s+[A-Z][a-z][a-zA-Z'’\-]*)*)"
)
_INSTITUTION_RE = _lazy(
    r"\b((?:St\.?\s+|Saint\s+)?(?:[A-Z][\w'’.\-]*\s+){1,5})"
    r"(Hospital|Medical\s+City|Clinic|Infirmary|Cent(?:er|re)|Unit|Hospice|Sanatorium|"
    r"Polyclinic|Surgery|Practice|Nursing\s+Home|Care\s+Home)\b"
)


@lru_cache(maxsize=1)
def word_lists() -> dict[str, frozenset[str]]:
    """The word lists of checklists/privacy.yaml: regions (lower case), institution_words
    and not_places."""
    from carekit.io.yamldata import load_data
    from carekit.resources import data_dir

    data = load_data(data_dir("checklists") / "privacy.yaml")
    return {
        "regions": frozenset(n.lower() for names in data["regions"].values() for n in names),
        "institution_words": frozenset(data["institution_words"]),
        "not_places": frozenset(data["not_places"]) | _NOT_NAMES | _MONTHS_PLAIN,
    }


def _is_small_place(name: str) -> bool:
    words = name.split()
    while words and words[-1].lower() in {"upon", "on", "de", "del", "la", "le"}:
        words.pop()
    if not words or words[0] in word_lists()["not_places"]:
        return False
    candidate = " ".join(words)
    regions = word_lists()["regions"]
    return candidate.lower() not in regions and words[0].lower() not in regions


def find_places(text: str) -> list[Hit]:
    hits = [Hit(m.start(), m.end(), m.group(0)) for m in _STREET_RE.finditer(text)]
    hits += [Hit(m.start(), m.end(), m.group(0)) for m in _POSTCODE_RE.finditer(text)]
    for match in _POSTCODE_LABEL_RE.finditer(text):
        if any(ch.isdigit() for ch in match.group(1)):
            hits.append(Hit(match.start(), match.end(), match.group(0)))
    for pattern in (_PLACE_CONTEXT_RE, _FROM_PLACE_RE, _NEAR_PLACE_RE):
        for match in pattern.finditer(text):
            if _is_small_place(match.group(1)):
                hits.append(Hit(match.start(1), match.end(1), match.group(1)))
    for match in _INSTITUTION_RE.finditer(text):
        words = [w.strip(".") for w in match.group(1).split()]
        generic = word_lists()["institution_words"]
        if any(w not in generic and w[:1].isupper() for w in words):
            start = match.start(1)
            hits.append(Hit(start, match.end(), text[start : match.end()]))
    return _merge(hits)


def _outside(hits: list[Hit], others: list[Hit]) -> list[Hit]:
    """The sorted `hits` that do not start inside one of the sorted, disjoint `others`
    (one pass over both: testing every pair was quadratic)."""
    out, index = [], 0
    for hit in hits:
        while index < len(others) and others[index].end <= hit.start:
            index += 1
        if index < len(others) and others[index].start <= hit.start:
            continue
        out.append(hit)
    return out


def _merge(hits: list[Hit]) -> list[Hit]:
    """Sorted, with hits inside a longer one dropped."""
    out: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if out and hit.start < out[-1].end:
            continue
        out.append(hit)
    return out


DETECTORS: dict[str, Callable[[str], list[Hit]]] = {
    "privacy-date": find_dates,
    "privacy-age": find_ages_over_89,
    "privacy-name": find_names,
    "privacy-record-number": find_record_numbers,
    "privacy-phone": find_phones,
    "privacy-email": find_emails,
    "privacy-url": find_urls,
    "privacy-place": find_places,
}
# Cheap tests that rule a text out before any pattern runs (most prose has no e-mail).
_MIGHT_HOLD: dict[str, Callable[[str, int], bool]] = {
    "privacy-date": lambda text, digits: digits > 0 or any(m in text.lower() for m in _MONTHISH),
    "privacy-age": lambda text, digits: digits >= 2,
    "privacy-record-number": lambda text, digits: digits >= 3,
    "privacy-phone": lambda text, digits: digits >= 7,
    "privacy-email": lambda text, digits: "@" in text,
    "privacy-url": lambda text, digits: "://" in text or "www." in text.lower() or digits >= 4,
}


def detect(rule_id: str, text: str, allow: tuple[str, ...] = ()) -> Iterator[Hit]:
    """Hits of one rule in `text`, minus those the project allows (case-insensitive).

    The patterns see the text without invisible characters and with look-alike letters
    made plain ("Jo<U+200B>hn", "Ｊｏｈｎ" read as "John"); each hit is given back as
    the span of `text` it covers, invisible characters included."""
    seen, offsets = for_matching(text)
    might_hold = _MIGHT_HOLD.get(rule_id)
    if might_hold is not None and not might_hold(seen, sum(ch.isdigit() for ch in seen)):
        return
    allowed = [term.lower() for term in allow]
    for hit in DETECTORS[rule_id](seen):
        if any(term in hit.text.lower() for term in allowed):
            continue
        if offsets is not None:
            start, end = offsets[hit.start], offsets[hit.end - 1] + 1
            hit = Hit(start, end, text[start:end])
        yield hit
