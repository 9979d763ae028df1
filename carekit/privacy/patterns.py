"""The patterns and word lists of the privacy detectors (carekit.privacy.detectors).

Each pattern is compiled on first use; the word lists that are data (regions, generic
institution words, words that are not places) live in checklists/privacy.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache

from carekit.tuples import NamedTuple


class lazy:  # noqa: N801 (used like re.compile)
    """A regular expression compiled on first use: a check whose texts hold no e-mail
    never pays for compiling the e-mail pattern (compiling them all costs ~15 ms)."""

    # Once compiled, the pattern's methods are kept in these slots: a call then costs what
    # a call on a compiled pattern costs (through __getattr__ it cost a Python call more).
    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub")
    __slots__ = ("_args", "_compiled", *_METHODS)

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
            for method in self._METHODS:
                setattr(self, method, getattr(self._compiled, method))
        return getattr(self._compiled, name)


def _set(words: str) -> set[str]:
    return set(words.split())


# How many texts the per-text work (facts, runs, places) is remembered for: more than a
# long draft's fields (up to ~300), or each of the eight rules would work it out anew
# (a least-recently-used cache smaller than a scan misses every time).
PER_TEXT = 2048


class Hit(NamedTuple):
    start: int
    end: int
    text: str


def merge_hits(hits: list[Hit]) -> list[Hit]:
    """Sorted, with hits inside a longer one dropped."""
    out: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if out and hit.start < out[-1].end:
            continue
        out.append(hit)
    return out


MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)


ORDINAL = r"(?:st|nd|rd|th)?"


YEAR = r"(?:19|20)\d{2}"


ORDINAL_WORDS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"twenty-\w+|thirtieth|thirty-first"
)


DATE_RES = [
    # 12/03/2021, 12.03.21, 3-4-2021 (same separator twice)
    lazy(r"(?<![\w./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|\.\d)"),
    # 2021-03-12, 2021/03/12
    lazy(r"(?<![\w./-])((?:19|20)\d{2})([/.-])(\d{1,2})\2(\d{1,2})(?![\w/-]|\.\d)"),
    # 3 March 2021, 3rd of March, 3 Mar.
    lazy(rf"\b\d{{1,2}}{ORDINAL}(?:\s+of)?\s+{MONTH}(?:,?\s+{YEAR})?\b"),
    # March 3, 2021; March 3rd; Sept. 12
    lazy(rf"\b{MONTH}\s+\d{{1,2}}{ORDINAL}\b(?:,?\s+{YEAR}\b)?(?!\s*(?:%|mg|mmol|kg|cm))"),
    # March 2021, mid-March 2020
    lazy(rf"\b{MONTH}\s+{YEAR}\b"),
    # on 12/03 (day and month only, after a word that introduces a date)
    lazy(r"\b(?:on|dated|since|until|from)\s+(\d{1,2})/(\d{1,2})(?![\w/.])", re.I),
    # 23-Jun-2021, 23/Jun/21, 23 Jun 21
    lazy(rf"\b\d{{1,2}}[-/ ]{MONTH}[-/ ](?:{YEAR}|\d{{2}})\b"),
    # the fifth of June, June fifth
    lazy(rf"\b(?:{ORDINAL_WORDS})\s+of\s+{MONTH}\b|\b{MONTH}\s+(?:{ORDINAL_WORDS})\b", re.I),
]


MONTHISH = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


SCORE_NEAR = lazy(r"score|scale|power|grade|GCS|VAS|NRS|acuity|ratio", re.I)


SCORE_RANGE_AFTER = lazy(r"\s*(?:to|-|–)\s*\d+/\d+")


VERSION_BEFORE = lazy(r"(?:version|v|release|section|ICD-?\d*|grade|stage)\s*$", re.I)


MONTH_PATTERNS = {2, 3, 4, 6, 7}  # the patterns that need a month name


ORDINAL_STEMS = (
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


ORDINAL_WORD_PATTERN = 7


AGE_RES = [
    lazy(r"\b(\d{2,3})\s*[- ]?\s*(?:years?|yrs?|y)[- ]?(?:old|of age)\b", re.I),
    lazy(
        r"\b(?:aged|age of|at age|age(?:\s+at\s+\w+)?)\s*:?\s*(\d{2,3})\b"
        r"(?!\s*(?:mmol|mg|kg|%|cm|bpm|days|weeks|months))",
        re.I,
    ),
    lazy(r"\b(\d{2,3})\s*(?:y/o|yo|y\.o\.)(?!\w)", re.I),
    lazy(r"\b(\d{2,3})-year-old\b", re.I),
    lazy(r"\b(?:of|aged)\s+(\d{2,3})\s+years\b", re.I),
]


# Matched at a position (never on a slice of the rest of the text: quadratic).
AGGREGATED_AFTER = lazy(r"\s*(?:years?\s*)?(?:or|and)\s+(?:older|over|above)|\s*\+", re.I)


OLDER_AFTER = lazy(r"\s*(?:or|and)\s+(?:older|over)")


TITLE_RE = lazy(
    r"\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Sr|Master)\.?\s+"
    r"(?:[A-Z][a-zA-Z'’\-]+(?:\s+[A-Z][a-zA-Z'’\-]+)?|[A-Z]\.(?:\s?[A-Z]\.)*)"
)


INITIALS_RE = lazy(
    r"\b(?i:patient|boy|girl|man|woman|infant|child|baby|toddler|neonate|initials|mother|"
    r"father)\s*,?\s*\(?((?:[A-Z]\.\s?){1,3}|[A-Z]{2,3}\b)\)?"
)


BRACKET_INITIALS_RE = lazy(r"\((?:[A-Z]\.){2,3}\)|(?<![\w.])(?:[A-Z]\.){2,3}(?=[\s,;:)])")


NOT_INITIALS = {"U.S.", "U.K.", "U.N.", "E.U.", "A.M.", "P.M.", "B.C.", "A.D.", "N.B.", "P.S."}


RELATIVE_RE = lazy(
    r"\b(?:mother|father|mum|mom|dad|wife|husband|son|daughter|brother|sister|aunt|uncle|"
    r"grandmother|grandfather|grandson|granddaughter|partner|fianc[eé]e?|cousin|niece|nephew|"
    r"guardian|stepfather|stepmother|carer|caregiver|twin)\b,?\s+(?:named\s+|called\s+)?"
    r"((?-i:[A-ZÀ-ÖØ-ÞĀ-Ž])[^\W\d_]+(?:\s+(?-i:[A-ZÀ-ÖØ-ÞĀ-Ž])[^\W\d_]+)?)(?![\w'’-])"
)


NOT_NAMES = _set(
    "He She They The A An On In At When After Before His Her Their It This That Fig "
    "Table Both Neither All Also However Because Since While During And But Or With "
    "Without Who Which Had Has Was Is Did Does Gave Reported Noted Said Described "
    "Recalled Brought Took Signed Provided Consented"
)


INITIALS_NOT = _set(
    "CT MR MRI ED ICU ALL AML HIV IV GP OK PE DOB MRN NHS GCS BMI CRP WBC ECG EEG "
    "EMG CSF HR BP RR ID UK US USA EU WHO FBC CBC LFT INR PCR NG PEG RSV TB"
)


MONTHS_PLAIN = _set(
    "January February March April May June July August September October November December"
)


NUMBER_WORD = r"(?:number|no\.?|ID|identifier|#)"


RECORD_LABEL = (  # names that are a number by themselves, or words that need "number"/"ID"
    r"(?:(?:MRN|SSN|NHS|CHI|Medicare|Medicaid|S/N|serial|social[- ]security|"
    r"national[- ]insurance|passport|licen[cs]e|insurance|beneficiary|member|policy|account)"
    r"(?:\s+(?:beneficiary|member|policy|card|identification))?(?:\s*" + NUMBER_WORD + r")?"
    r"|(?:medical[- ]record|record|hospital|patient|case|unit|health[- ]plan|"
    r"health[- ]insurance|registration|tax)"
    r"(?:\s+(?:beneficiary|member|policy|card|identification))?\s*" + NUMBER_WORD + r")"
)


# A code: digits, optionally after a short prefix, in groups that each hold a digit.
CODE = r"(?-i:(?:[A-Z]{1,4}[-\s]?)?\d[\dA-Z]*(?:[-/\s](?=[A-Z]*\d)[\dA-Z]+)*)"


RECORD_RE = lazy(
    rf"\b{RECORD_LABEL}\s*,?\s*(?:is|was|of|:|#)?\s*({CODE})",
    re.I,
)


SSN_RE = lazy(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")


PHONE_LABEL_RE = lazy(
    r"\b(?:tel(?:ephone)?|phone|mobile|cell(?:phone)?|fax|call(?:ed)?|contact(?:ed)?\s+(?:on|at)|"
    r"reached\s+(?:on|at)|phone\s+number|number)\.?\s*:?\s*(?:on|at)?\s*"
    r"(\+?\(?\d[\d\s().\-]{6,}\d)",
    re.I,
)


# A short local number ("555-0199") counts only right after a word about calling.
LOCAL_PHONE_RE = lazy(
    r"\b(?i:fax(?:ed)?|rang|ring|call(?:ed)?|phone[ds]?|dial(?:l?ed)?|line|number|contact)\b"
    r"[^.;]{0,40}?(?<![\w.-])(\d{3}-\d{4})(?![\w-]|\.\d)"
)


PHONE_RES = [
    lazy(r"(?<!\w)\(0\d{1,4}\)\s?\d{3,4}[\s\-]?\d{3,4}(?!\d)"),
    lazy(r"(?<![\w+])\+\d{1,3}[\s.\-]?\(?\d{1,4}\)?(?:[\s.\-]?\d{2,4}){2,4}(?!\d)"),
    lazy(r"(?<!\w)\(\d{3}\)\s?\d{3}[\s.\-]\d{4}(?!\d)"),
    lazy(r"(?<![\w.])\d{3}[.\-]\d{3}[.\-]\d{4}(?!\w|\.\d)"),
    lazy(r"(?<![\w.])0\d{1,4}[\s\-]\d{3,4}[\s\-]?\d{3,4}(?!\w|\.\d)"),
]


EMAIL_RE = lazy(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


URL_RE = lazy(r"\b(?:https?|ftp)://[^\s<>)\]]+|\bwww\.[\w-]+(?:\.[\w-]+)+[^\s<>)\]]*", re.I)


IP_RE = lazy(r"(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?!\w|\.\d)")


STREET_RE = lazy(
    r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-zA-Z'’\-]+\s+){1,3}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Boulevard|Blvd|Way|Close|Court|Ct|Place|"
    r"Terrace|Crescent|Square|Highway|Hwy|Parade|Row|Gardens|Grove|Mews)\b\.?"
)


POSTCODE_RE = lazy(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b")


POSTCODE_LABEL_RE = lazy(
    r"\b(?:ZIP(?:\s+code)?|post\s?code|postal\s+code)\s*[:,]?\s*"
    r"([A-Z0-9]{2,5}(?:[\s-][A-Z0-9]{3,4})?)\b",
    re.I,
)


PLACE_CONTEXT_RE = lazy(
    r"\b(?:lives?|lived|living|resides?|resided|residing|resident|native|moved|relocated|"
    r"hometown|comes?|came|born|works?|worked|working|farmer|travell?ed|returned|holiday|"
    r"village|town|city|suburb|district|neighbourhood|neighborhood|municipality|county)\b"
    r"(?:\s+(?:in|of|at|to|from|near|outside))?(?:\s+(?:the\s+)?(?:village|town|city|suburb|"
    r"hamlet|county|district|municipality|neighbourhood|neighborhood)\s+of)?\s+"
    r"((?:[A-Z][a-zA-Z'’\-]+)(?:\s+(?:[A-Z][a-zA-Z'’\-]+|upon|on|de|del|la|le)\b)*)"
)


FROM_PLACE_RE = lazy(r"\bfrom\s+((?:[A-Z][a-z][a-zA-Z'’\-]*)(?:\s+[A-Z][a-zA-Z'’\-]+)*)")


# "worked at a sawmill in Kettlebrook": a residence or work word shortly before "in X"
NEAR_PLACE_RE = lazy(
    r"\b(?i:lives?|lived|living|resides?|resided|residing|works?|worked|working|teacher|"
    r"farmer|grew\s+up|born|raised|travell?ed|holiday(?:ed|ing)?|stayed|moved|trip|visit(?:ed)?|"
    r"returned)\b"
    r"[^.;:]{0,40}?\b(?:in|at|near|to)\s+"
    r"((?:[A-Z][a-z][a-zA-Z'’\-]*)(?:\s+[A-Z][a-z][a-zA-Z'’\-]*)*)"
)


INSTITUTION_RE = lazy(
    r"\b((?:St\.?\s+|Saint\s+)?(?:[A-Z][\w'’.\-]*\s+){1,5})"
    r"(Hospital|Medical\s+City|Clinic|Infirmary|Cent(?:er|re)|Unit|Hospice|Sanatorium|"
    r"Polyclinic|Surgery|Practice|Nursing\s+Home|Care\s+Home)\b"
)


@lru_cache(maxsize=1)
def word_lists() -> dict[str, frozenset[str]]:
    """The word lists of checklists/privacy.yaml: regions (lower case), institution_words,
    not_places and medicine (folded). Made from the bundled file only, and so kept between
    runs with it (folding the medicine list took a tenth of the privacy rules' time)."""
    from pathlib import Path

    from carekit.io.yamldata import kept, load_data
    from carekit.privacy import lexicon
    from carekit.resources import data_dir

    path = data_dir("checklists") / "privacy.yaml"

    def made() -> dict[str, frozenset[str]]:
        data = load_data(path)
        return {
            "regions": frozenset(n.lower() for names in data["regions"].values() for n in names),
            "institution_words": frozenset(data["institution_words"]),
            "not_places": frozenset(data["not_places"]) | NOT_NAMES | MONTHS_PLAIN,
            "medicine": frozenset(lexicon.fold(name) for name in data["medicine"]),
        }

    # The code that makes the lists: this module and the folding of lexicon.py.
    code = hash((Path(__file__).stat().st_mtime_ns, Path(lexicon.__file__).stat().st_mtime_ns))
    return kept(path, "privacy word lists", code, made)
