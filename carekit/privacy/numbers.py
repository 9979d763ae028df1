"""Numbers that identify, beyond the labelled ones of patterns.py: ages over 89 in any
phrasing, record, accession, specimen and report numbers under any label, device serial
numbers and vehicle plates, web addresses without a scheme, IPv6 addresses.

Each pattern wants a label or a phrase about age before or after the number, so a dose, a
lab value, a gene variant or a trial registration is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from carekit.privacy.gates import facts
from carekit.privacy.patterns import Hit, lazy

NINETY_PLUS = r"(?:9\d|1[0-2]\d|130)"
NUMBER_WORDS = {"ninety": 90, "hundred": 100}
UNITS_AFTER = (
    r"(?!\s*(?:%|mm|mg|mmol|kg|cm|bpm|beats|days?|weeks?|months?|mL|g\b|/|\.\d|°|per\b|percent))"
)

# "now 96", "at 99 he", "(92 years)", "93 years of age", "lived to 104", "Mr N, 93,", "who is
# 98", "our patient was 94 and": the number after a word that introduces an age.
AGE_PHRASES = [
    lazy(
        rf"\b(?:now|at|aged?|turned|turning|reached|lived\s+to|died\s+at|until)\s+"
        rf"({NINETY_PLUS})\b(?![\s-]*(?:year|yr|y\b))(?!\s*(?:,\s*)?(?:and|or)\s+(?:older|over|above)){UNITS_AFTER}"
        r"(?=\s*(?:[,.;:)!?\"”]|and\b|he\b|she\b|I\b|they\b|years?\b|yrs?\b|$))",
        re.I,
    ),
    lazy(rf"\(({NINETY_PLUS})\s*(?:years?|yrs?|y)\)", re.I),
    lazy(rf"\b({NINETY_PLUS})\s+years?\s+of\s+age\b", re.I),
    lazy(rf"\bat\s+({NINETY_PLUS})\s+years?\b(?!\s+(?:or|and)\s+(?:older|over))", re.I),
    lazy(
        rf"\b(?:patient|he|she|who|mother|father|grandmother|grandfather|husband|wife|man|woman)"
        rf"\s+(?:is|was)(?:\s+now)?\s+({NINETY_PLUS}){UNITS_AFTER}(?=\s*(?:[,.;]|and\b|years?\b))",
        re.I,
    ),
    lazy(rf"(?-i:\b[A-Z][\w'’-]+),\s+({NINETY_PLUS}),"),
    lazy(rf"\b({NINETY_PLUS})(?:st|nd|rd|th)\s+birthday\b", re.I),
]
# Words for an age over 89.
AGE_WORDS = lazy(
    r"\b(?:nonagenarian|centenarian|supercentenarian|(?:in\s+(?:his|her|their)\s+)?"
    r"(?:early\s+|mid-?\s*|late\s+)?nineties|ninety(?:[- ](?:one|two|three|four|five|six|seven|"
    r"eight|nine))?(?:[- ]years?[- ]old|[- ]year[- ]old)|(?:a|one)\s+hundred(?:[- ]and[- ]\w+)?"
    r"[- ]years?[- ]old)\b",
    re.I,
)
# "in nonagenarians", "patients in their nineties": a group, not this patient.
GROUP_AFTER = lazy(r"s\b|\s+(?:patients|people|adults|women|men|cohort|population)", re.I)


NINETY_PLUS_RE = lazy(rf"(?<!\d){NINETY_PLUS}(?!\d)")


def find_more_ages(text: str) -> list[Hit]:
    hits = []
    for number in NINETY_PLUS_RE.finditer(text):  # each pattern only near such a number
        low, high = max(0, number.start() - 30), number.end() + 30
        for pattern in AGE_PHRASES:
            for match in pattern.finditer(text, low, high):
                if match.start(1) == number.start():
                    hits.append(
                        Hit(match.start(1), match.end(), text[match.start(1) : match.end()])
                    )
    return hits + find_age_words(text)


def find_age_words(text: str) -> list[Hit]:
    """An age over 89 in words: "a nonagenarian", "ninety-three years old"."""
    hits = []
    if might_be_age_word(text):
        for match in AGE_WORDS.finditer(text):
            if GROUP_AFTER.match(text, match.end()) or re.search(
                r"\btheir\b", match.group(0), re.I
            ):
                continue
            hits.append(Hit(match.start(), match.end(), match.group(0)))
    return hits


# Labels after which a code is a number of a record, a sample, a document or a person.
ID_LABEL = (
    r"(?:accession|specimen|sample|biopsy|block|slide|report|request|requisition|lab(?:oratory)?"
    r"\s+(?:ID|no\.?|number|ref\.?)|ref\.|ref\b|reference\s+(?:number|no\.?)|chart|encounter|episode|admission|visit|"
    r"clinic(?:\s+number)?|case(?:\s+file)?|file|folder|docket|ticket|claim|invoice|receipt|"
    r"certificate(?:\s+(?:number|no\.?))?|card(?:\s+(?:number|no\.?))?|health\s+card|"
    r"UR(?:\s+number)?|URN|IP\s+No\.?|OPD|Reg\.?\s*No\.?|registration\s+(?:number|no\.?)|"
    r"employee(?:\s+number)?|staff\s+number|student\s+number|PRF|CPF|BSN|PPS(?:\s+number)?|PESEL|"
    r"Aadhaar(?:\s+number)?|IHI|NHI|PHN|ULN|CRN|HN|MRN|NRIC|CURP|DNI|NIE|NIR|SIN|TFN|"
    r"driving\s+licen[cs]e(?:,?\s+number)?|licen[cs]e(?:,?\s+number)?|cytogenetics\s+report|"
    r"pathology\s+(?:request|report|number)|autopsy(?:\s+report)?|post-mortem)"
)
# A code: holds 4 or more digits, or digits and capitals, in groups joined by - / . or space.
ID_CODE = (
    r"(?-i:(?=[\w./-]*\d)(?:[A-Z]{1,5}[-/ ]?)?[\dA-Z]+(?:[-/.][\dA-Z]+)*"
    r"(?:\s(?=\d{3,4}\b)\d{3,4}){0,3})"
)
ID_RE = lazy(
    rf"\b{ID_LABEL}\b\.?(?:\s+(?:number|no\.?|ID|#|ref\.?))?(?:\s*\([^()]{{1,40}}\))?,?\s*[:#]?\s*"
    rf"(?:is\s+|was\s+|of\s+)?"
    rf"\(?(?:no\.?\s*)?({ID_CODE})",
    re.I,
)
# Device serials, identifiers and vehicle plates.
DEVICE_LABEL = (
    r"(?:serial(?:\s+(?:numbers?|no\.?|#))?|S/?N|IMEI|MAC\s+address|UDI|device\s+(?:ID|identifier)|"
    r"transmitter\s+(?:ID|serial)|asset\s+tag|lot(?:\s+(?:number|no\.?))?|model/serial|"
    r"(?:vehicle\s+)?registration(?:\s+(?:number|plate|no\.?))?|(?:licen[cs]e\s+)?plate"
    r"(?:\s+number)?|number\s+plate|reg\.?\s+plate|VIN|vehicle\s+identification\s+number)"
)
DEVICE_CODE = r"(?-i:(?=[\w -]*\d)[\dA-Z]{1,17}(?:[- ][\dA-Z]{1,8}){0,4})"
DEVICE_RE = lazy(
    rf"\b{DEVICE_LABEL}\b\.?(?:\s+of\s+(?:the|his|her|their)\s+[a-z]+)?,?\s*[:#]?\s*"
    rf"(?:is\s+|was\s+)?({DEVICE_CODE})"
    rf"(?:\s+and\s+({DEVICE_CODE}))?",
    re.I,
)
# Trial registrations, ICD codes, catalogue numbers and the like are not the patient's.
NOT_ID_BEFORE = lazy(
    r"\b(?:EudraCT|NCT|ISRCTN|trial|registry|registered|PROSPERO|ICD|MedDRA|code|catalog(?:ue)?|"
    r"cat\.|clone|version|ATCC|kit|assay|reference\s+range|OMIM|ClinVar|rs|dbSNP|PMID|DOI|"
    r"grant|award|protocol|approval|ethics|IRB)\W*(?:\w+\W+){0,3}$",
    re.I,
)


DOSE_AFTER = lazy(r"\s*(?:mg|mmol|%|kg|mL|units?|cm|mm)\b")
# The first word of every label of ID_RE and DEVICE_RE, to skip texts that hold none.
LABEL_WORDS = frozenset(
    [
        "accession",
        "specimen",
        "sample",
        "biopsy",
        "block",
        "slide",
        "report",
        "request",
        "requisition",
        "lab",
        "laboratory",
        "ref",
        "reference",
        "chart",
        "encounter",
        "episode",
        "admission",
        "visit",
        "clinic",
        "case",
        "file",
        "folder",
        "docket",
        "ticket",
        "claim",
        "invoice",
        "receipt",
        "certificate",
        "card",
        "health",
        "ur",
        "urn",
        "ip",
        "opd",
        "reg",
        "registration",
        "employee",
        "staff",
        "student",
        "prf",
        "cpf",
        "bsn",
        "pps",
        "pesel",
        "aadhaar",
        "ihi",
        "nhi",
        "phn",
        "uln",
        "crn",
        "hn",
        "mrn",
        "nric",
        "curp",
        "dni",
        "nie",
        "nir",
        "sin",
        "tfn",
        "driving",
        "licence",
        "license",
        "cytogenetics",
        "pathology",
        "autopsy",
        "post",
        "serial",
        "s",
        "sn",
        "imei",
        "mac",
        "udi",
        "device",
        "transmitter",
        "asset",
        "lot",
        "model",
        "vehicle",
        "plate",
        "number",
        "reg",
        "vin",
    ]
)
WORDS_RE = lazy(r"\b[A-Za-z]+")


def _codes(match: re.Match, groups: tuple[int, ...]) -> list[Hit]:
    hits = []
    for group in groups:
        code = (match.group(group) or "").rstrip(".,;:- ")
        if (
            not code
            or sum(ch.isdigit() for ch in code) < 3
            and not re.search(r"\d.*[A-Z]|[A-Z].*\d", code)
        ):
            continue
        if re.fullmatch(r"\d{1,3}(?:\.\d+)?", code) or re.fullmatch(r"(?:19|20)\d\d", code):
            continue  # a small count or a year
        hits.append(Hit(match.start(group), match.start(group) + len(code), code))
    return hits


def _label_starts(text: str) -> list[int]:
    """Where the words of WORDS_RE that are LABEL_WORDS start, in order. In an ASCII text
    only the label words the text holds are looked for (visiting every word of a long
    text was most of the record rule's time)."""
    present = LABEL_WORDS.intersection(facts(text).lowered)
    if not present:
        return []
    if not text.isascii():
        return [w.start() for w in WORDS_RE.finditer(text) if w.group(0).lower() in present]
    lower, starts = facts(text).lower, []  # as long as the text: it is ASCII
    for label in present:
        at = lower.find(label)
        while at >= 0:
            word = WORDS_RE.match(text, at)  # a whole word starts here, and it is the label
            if word is not None and word.end() == at + len(label):
                starts.append(at)
            at = lower.find(label, at + 1)
    return sorted(starts)


def _at_labels(pattern, text: str, starts: list[int]) -> Iterator[re.Match]:
    """Matches of `pattern` that start at a label word: an anchored match at each such
    word, not a scan of the whole text with a pattern of seventy labels."""
    for start in starts:
        match = pattern.match(text, start)
        if match:
            yield match


def find_more_records(text: str) -> list[Hit]:
    hits: list[Hit] = []
    starts = _label_starts(text)
    for match in _at_labels(ID_RE, text, starts):
        if NOT_ID_BEFORE.search(text[max(0, match.start() - 40) : match.start()]):
            continue
        if DOSE_AFTER.match(text, match.end()):
            continue
        hits += _codes(match, (1,))
    for match in _at_labels(DEVICE_RE, text, starts):
        hits += _codes(match, (1, 2))
    return hits


IPV6_RE = lazy(
    r"(?<![\w:.])(?:[0-9a-f]{1,4}:){2,7}(?::|(?::[0-9a-f]{1,4}){1,6}|[0-9a-f]{1,4})(?![\w:])"
    r"|(?<![\w:.])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4}(?![\w:])",
    re.I,
)
# A web address without a scheme: a host with a known top-level domain, then a path or not.
TLD = (
    r"(?:com|org|net|info|biz|blog|site|online|me|io|co|tv|app|page|xyz|example|uk|ie|es|in|cl|"
    r"br|pt|fr|de|it|nl|be|ch|at|pl|se|no|dk|fi|au|nz|ca|za|ng|ke|gh|ug|tz|my|sg|ph|id|jp|kr|cn|"
    r"tw|hk|mx|ar|co\.uk|ru|tr|gr|ro|cz|hu|il|ae|sa|eg|pk|bd|lk|np|vn|th|us)"
)
BARE_URL_RE = lazy(
    rf"(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+{TLD}\b(?![.-]\w)"
    r"(?:/[^\s<>()\[\]]*)?",
    re.I,
)
# Hosts of public reference sites: not a way to the patient.
PUBLIC_HOST = lazy(
    r"(?:^|\.)(?:[\w-]+\.)*(?:gov|gov\.\w\w|edu|ac\.\w\w|int|nhs\.uk|nih\.gov|who\.int|"
    r"nice\.org\.uk|cdc\.gov|doi\.org|orpha\.net|omim\.org|clinicaltrials\.gov|cochrane\w*\.\w+|"
    r"hiv-druginteractions\.org|[\w-]*guideline[\w-]*\.\w+|ema\.europa\.eu|europa\.eu|"
    r"uptodate\.com|medscape\.com|github\.com|r-project\.org|python\.org|pubmed\.\w+)$",
    re.I,
)


def public_url(url: str) -> bool:
    host = re.sub(r"^\w+://", "", url).split("/")[0].lower().removeprefix("www.")
    return bool(PUBLIC_HOST.search(host))


URL_HINT = lazy(rf"[A-Za-z0-9-]\.{TLD}\b", re.I)
IPV6_HINT = lazy(r"[0-9a-f]:[0-9a-f]{0,4}:", re.I)


def find_more_urls(text: str) -> list[Hit]:
    hits = []
    if text.count(":") >= 2 and IPV6_HINT.search(text):
        for match in IPV6_RE.finditer(text):
            value = match.group(0)
            if (
                value.count(":") >= 2
                and re.search(r"\d", value)
                and not re.fullmatch(r"[\d:]+", value)
                or "::" in value
            ):
                hits.append(Hit(match.start(), match.end(), value))
    if URL_HINT.search(text):
        for match in BARE_URL_RE.finditer(text):
            value = match.group(0).rstrip(".,;:")
            label = value.split("/")[0]
            if "/" not in value and not label.lower().startswith("www.") and label.count(".") < 1:
                continue
            if re.fullmatch(r"[\d.]+", label) or re.search(
                r"\b(?:e\.g|i\.e|et\s+al)\b", value, re.I
            ):
                continue
            if "/" not in value and not re.search(rf"\.(?:example\.\w+|{TLD})$", label, re.I):
                continue
            hits.append(Hit(match.start(), match.start() + len(value), value))
    return hits


HOLIDAY_RE = lazy(
    r"\b(?:Christmas\s+(?:Day|Eve)|Boxing\s+Day|New\s+Year['’]s\s+(?:Day|Eve)|Easter\s+"
    r"(?:Sunday|Monday|Day)|Good\s+Friday|Thanksgiving(?:\s+Day)?|Independence\s+Day|"
    r"Halloween|Valentine['’]s\s+Day|St\.?\s+Patrick['’]s\s+Day|Eid(?:\s+al-\w+)?|Diwali|"
    r"Hanukkah|Yom\s+Kippur|Rosh\s+Hashanah|Chinese\s+New\s+Year|Lunar\s+New\s+Year|"
    r"Bastille\s+Day|Australia\s+Day|Canada\s+Day|Labou?r\s+Day|Memorial\s+Day)"
    r",?\s+(?:of\s+)?(?:19|20)\d{2}\b"
)


def find_holiday_dates(text: str) -> list[Hit]:
    """A feast day with its year names a day as much as "25 December 2018" does."""
    return [Hit(m.start(), m.end(), m.group(0)) for m in HOLIDAY_RE.finditer(text)]


def might_be_age_word(text: str) -> bool:
    lower = text.lower()
    return "ninet" in lower or "enarian" in lower or "hundred" in lower


# Under a journal that wants no dates at all: a month or a year that dates the patient's
# course ("in March", "since 2015", "in late 2019").
PARTIAL_DATE_RE = lazy(
    r"\b(?:in|on|during|since|until|by|from|early|mid|late)\s+(?:(?:early|mid|late)[-\s]+)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b(?:\s+(?:19|20)\d{2}\b)?|(?:19|20)\d{2}\b(?![-–/]\d|\s*(?:mg|patients|cases)))"
)


def find_partial_dates(text: str) -> list[Hit]:
    return [Hit(m.start(), m.end(), m.group(0)) for m in PARTIAL_DATE_RE.finditer(text)]
