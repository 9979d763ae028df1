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
from collections.abc import Callable
from functools import lru_cache

from carekit.invisible import for_matching
from carekit.privacy import names, numbers
from carekit.privacy.context import keep
from carekit.privacy.gates import (
    AGE_NUMBER,
    BRACKET_INITIALS_HINT,
    DATE_WORDS_BEFORE,
    EMAIL_HINT,
    HOLIDAY_FIRST,
    INITIALS_HINT,
    INITIALS_STARTS,
    LOCAL_PHONE_WORDS,
    MONTHISH_RE,
    MONTHS,
    MONTHS_LOWER,
    NUMERIC_DATE_HINT,
    ORDINAL_STEMS_RE,
    ORDINALS,
    PHONE_RUN,
    RECORD_STARTS,
    RELATIVE_WORDS,
    TITLE_WORDS,
    facts,
    matches_at,
)
from carekit.privacy.patterns import (
    AGE_RES,
    AGGREGATED_AFTER,
    BRACKET_INITIALS_RE,
    DATE_RES,
    EMAIL_RE,
    INITIALS_NOT,
    INITIALS_RE,
    IP_RE,
    LOCAL_PHONE_RE,
    MONTH_PATTERNS,
    MONTHS_PLAIN,
    NOT_INITIALS,
    NOT_NAMES,
    OLDER_AFTER,
    ORDINAL_WORD_PATTERN,
    PER_TEXT,
    PHONE_LABEL_RE,
    PHONE_RES,
    RECORD_RE,
    RELATIVE_RE,
    SCORE_NEAR,
    SCORE_RANGE_AFTER,
    SSN_RE,
    TITLE_RE,
    URL_RE,
    VERSION_BEFORE,
    Hit,
    merge_hits,
)
from carekit.privacy.placehits import find_places

_merge = merge_hits

UNIT_AFTER = re.compile(r"\s*(?:mm\s?Hg|cm\s?H2O|mmol|mg|%|units?\b|IU\b|bpm|/min)")


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


def _date_patterns(text: str) -> set[int]:
    """The indexes of the DATE_RES that can match `text` (cheap tests: most texts hold no
    month name, nor two numbers joined by a slash, dot or dash)."""
    known = facts(text)
    lower = known.lower
    indexes = set()
    if MONTHISH_RE.search(lower):
        if not MONTHS.isdisjoint(known.cased):
            indexes.update(MONTH_PATTERNS - {ORDINAL_WORD_PATTERN})
        if (
            ORDINAL_STEMS_RE.search(lower)
            and not MONTHS_LOWER.isdisjoint(known.lowered)
            and not ORDINALS.isdisjoint(known.lowered)
        ):
            indexes.add(ORDINAL_WORD_PATTERN)
    if NUMERIC_DATE_HINT.search(text):
        indexes.update((0, 1))
    if "/" in text and not DATE_WORDS_BEFORE.isdisjoint(known.lowered):
        indexes.add(5)
    return indexes


def find_dates(text: str) -> list[Hit]:
    hits: list[Hit] = []
    indexes = _date_patterns(text)
    for index, pattern in enumerate(DATE_RES):
        if index not in indexes:
            continue
        for match in pattern.finditer(text):
            if index in (0, 1, 5) and not _valid_numeric_date(match):
                continue
            if index in (0, 1) and VERSION_BEFORE.search(_before(text, match.start())):
                continue
            if index in (0, 1, 5) and UNIT_AFTER.match(text, match.end()):
                continue  # "12/15/12 mmHg": pressures, not a date
            if index == 5 and (
                SCORE_NEAR.search(text[max(0, match.start() - 40) : match.start()])
                or SCORE_RANGE_AFTER.match(text, match.end())
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
    known = facts(text)
    if not HOLIDAY_FIRST.isdisjoint(known.cased):  # and a year
        hits += numbers.find_holiday_dates(text)
    return _merge(hits)


def _lower_context(text: str, start: int) -> bool:
    return bool(re.search(r"[a-z,]\s+$", _before(text, start)))


def _before(text: str, start: int, width: int = 30) -> str:
    """The few characters before a match (never the whole text: that would be quadratic)."""
    return text[max(0, start - width) : start]


def find_ages_over_89(text: str) -> list[Hit]:
    hits: list[Hit] = []
    if not (AGE_NUMBER.search(text) or facts(text).other_digits):
        return _merge(numbers.find_age_words(text))  # no number from 90 to 130
    for pattern in AGE_RES:
        for match in pattern.finditer(text):
            age = int(match.group(1))
            if not 90 <= age <= 130:
                continue
            if AGGREGATED_AFTER.match(text, match.end(1)) or OLDER_AFTER.match(text, match.end()):
                continue
            hits.append(Hit(match.start(), match.end(), match.group(0)))
    hits += numbers.find_more_ages(text)
    return _merge(hits)


def find_names(text: str) -> list[Hit]:
    known = facts(text)
    hits: list[Hit] = []
    if not TITLE_WORDS.isdisjoint(known.cased):
        hits += [Hit(m.start(), m.end(), m.group(0)) for m in TITLE_RE.finditer(text)]
    if INITIALS_HINT.search(known.folded):
        hits += _initials(text)
    if BRACKET_INITIALS_HINT.search(text):
        hits += [
            Hit(m.start(), m.end(), m.group(0))
            for m in BRACKET_INITIALS_RE.finditer(text)
            if m.group(0).strip("()") not in NOT_INITIALS
        ]
    if not RELATIVE_WORDS.isdisjoint(known.cased) or (
        not text.isascii() and "fianc" in text
    ):  # "fiancé"
        hits += _relatives(text)
    bare = names.find_bare_names(text)
    if bare:  # a name inside an address or an institution ("27 Willow Crescent", "Queen
        # Adelaide Hospital") is the place's name: privacy-place reports it
        hits += [h for h in bare if not any(_overlap(h, p) for p in find_places(text))]
    return _merge(hits)


def _initials(text: str) -> list[Hit]:
    hits = []
    for match in matches_at(INITIALS_RE, text, INITIALS_STARTS):
        initials = match.group(1).strip()
        if initials.replace(".", "").replace(" ", "") in INITIALS_NOT:
            continue
        if "." not in initials and not re.search(r"\(|initials", match.group(0)):
            continue  # bare capitals: likely an abbreviation, not initials
        hits.append(
            Hit(match.start(1), match.end(), match.group(0)[match.start(1) - match.start() :])
        )
    return hits


def _relatives(text: str) -> list[Hit]:
    hits = []
    for match in RELATIVE_RE.finditer(text):
        name = match.group(1).split()[0]
        if name in NOT_NAMES or name in MONTHS_PLAIN:
            continue
        hits.append(Hit(match.start(1), match.end(1), match.group(1)))
    return hits


def _overlap(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end


def find_record_numbers(text: str) -> list[Hit]:
    hits = []
    for match in matches_at(RECORD_RE, text, RECORD_STARTS):
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
    if "-" in text:  # 123-45-6789
        hits += [Hit(m.start(), m.end(), m.group(0)) for m in SSN_RE.finditer(text)]
    if not numbers.LABEL_WORDS.isdisjoint(facts(text).lowered):
        hits += numbers.find_more_records(text)
    return _merge(hits)


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def find_phones(text: str) -> list[Hit]:
    hits = []
    if PHONE_RUN.search(text):  # every number but a local one holds such a run
        hits += _long_phones(text)
    if "-" in text and not LOCAL_PHONE_WORDS.isdisjoint(facts(text).lowered):
        for match in LOCAL_PHONE_RE.finditer(text):
            hits.append(Hit(match.start(1), match.end(1), match.group(1)))
    if not hits:
        return hits
    records = find_record_numbers(text)  # a labelled record number is not also a phone
    return _outside(_merge(hits), records)


def _long_phones(text: str) -> list[Hit]:
    hits = []
    for match in PHONE_LABEL_RE.finditer(text):
        if numbers.NOT_ID_BEFORE.search(_before(text, match.start(1), 40)):
            continue  # "EudraCT number 2017-002874-41" is a trial, not a telephone
        number = match.group(1).rstrip(" .-(")
        if 7 <= _digits(number) <= 15 and not re.search(r"\d\s*(?:mg|mmol|%|kg|mL)", number):
            hits.append(Hit(match.start(1), match.start(1) + len(number), number))
    for pattern in PHONE_RES:
        for match in pattern.finditer(text):
            if 9 <= _digits(match.group(0)) <= 15:
                hits.append(Hit(match.start(), match.end(), match.group(0)))
    return hits


def find_emails(text: str) -> list[Hit]:
    if not EMAIL_HINT.search(text):
        return []
    return [Hit(m.start(), m.end(), m.group(0)) for m in EMAIL_RE.finditer(text)]


def find_urls(text: str) -> list[Hit]:
    hits = []
    if "://" in text or "www." in facts(text).folded:
        hits += [Hit(m.start(), m.end(), m.group(0).rstrip(".,;:")) for m in URL_RE.finditer(text)]
    if text.count(".") >= 3:  # 192.168.0.1
        for match in IP_RE.finditer(text):
            if all(int(part) <= 255 for part in match.groups()) and not VERSION_BEFORE.search(
                _before(text, match.start())
            ):
                hits.append(Hit(match.start(), match.end(), match.group(0)))
    hits = [h for h in hits + numbers.find_more_urls(text) if not numbers.public_url(h.text)]
    if not hits:
        return hits
    emails = find_emails(text)
    return _outside(_merge(hits), emails)


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


DETECTORS: dict[str, Callable[[str], list[Hit]]] = {
    "privacy-date": find_dates,
    "privacy-age": find_ages_over_89,
    "privacy-name": find_names,
    "privacy-record-number": find_record_numbers,
    "privacy-phone": find_phones,
    "privacy-email": find_emails,
    "privacy-url": find_urls,
    "privacy-place": find_places,
    # run by privacy-date only under a journal that asks for no dates at all
    "privacy-date-strict": lambda text: _merge(find_dates(text) + numbers.find_partial_dates(text)),
}


# Cheap tests that rule a text out before any pattern runs (most prose has no e-mail).
_MIGHT_HOLD: dict[str, Callable[[str, int], bool]] = {
    "privacy-date": lambda text, digits: digits > 0 or bool(MONTHISH_RE.search(facts(text).lower)),
    "privacy-age": lambda text, digits: digits >= 2 or numbers.might_be_age_word(text),
    "privacy-record-number": lambda text, digits: digits >= 3,
    "privacy-phone": lambda text, digits: digits >= 7,
    "privacy-email": lambda text, digits: "@" in text,
    "privacy-url": lambda text, digits: "." in text or ":" in text,
}


@lru_cache(maxsize=PER_TEXT)  # every field of a long draft, for all rules
def _prepared(text: str) -> tuple[str, list[int] | None, int]:
    """The text as the patterns see it, its offsets and its count of digits: worked out
    once per text, not once per rule (every privacy rule reads every text)."""
    seen, offsets = for_matching(text)
    if seen.isascii():  # the digits of an ASCII text are 0-9: counted in C
        return seen, offsets, sum(map(seen.count, "0123456789"))
    return seen, offsets, sum(map(str.isdigit, seen))


def detect(
    rule_id: str, text: str, allow: tuple[str, ...] = (), scope: str = "patient"
) -> list[Hit]:
    """Hits of one rule in `text`, minus those the project allows (case-insensitive) and
    those the context rules out (carekit.privacy.context: `scope` says what the field is
    about: "patient", "literature" or "thanks").

    The patterns see the text without invisible characters and with look-alike letters
    made plain ("Jo<U+200B>hn", "Ｊｏｈｎ" read as "John"); each hit is given back as
    the span of `text` it covers, invisible characters included. A list, not a generator:
    most fields have no hit, and a check asks for some 800 of them."""
    seen, offsets, digits = _prepared(text)
    might_hold = _MIGHT_HOLD.get(rule_id)
    if might_hold is not None and not might_hold(seen, digits):
        return []
    found = DETECTORS[rule_id](seen)
    if not found:
        return []  # not `found`: find_places keeps its lists
    allowed = [term.lower() for term in allow]
    hits = []
    for hit in found:
        if any(term in hit.text.lower() for term in allowed):
            continue
        if not keep(rule_id, scope, seen, hit):
            continue
        if offsets is not None:
            start, end = offsets[hit.start], offsets[hit.end - 1] + 1
            hit = Hit(start, end, text[start:end])
        hits.append(hit)
    return hits
