"""Cheap facts about a text that rule out families of privacy patterns before they run.

A check runs the privacy patterns over every text field, and most fields hold nothing any
pattern finds: each pattern still costs a call into the regex engine per field. The facts
here are worked out once per text (its words of ASCII letters, as written and in lower
case; the text in lower case) and each gate asks them a question whose answer is "yes"
whenever the pattern it guards could match: a gate never changes what is found, only
how soon a text with nothing to find is done.

A gate on a word of a pattern is a question about `cased` or `lowered` only where the
pattern holds that word whole: no ASCII letter just before it (a `\\b`, a space) nor just
after it. Otherwise the gate looks for it inside the text (`"zip" in facts.folded`).
Case-blind patterns take four letters beyond ASCII for ASCII ones (the case twins
below): `lowered` and `folded` count them. matches_at tries a pattern of many words
only where one of them starts, not at every character of the field.
tests/test_privacy_gates.py holds the detectors to the answers they gave without any of
this, on the labelled sentences and on texts written to slip past a careless gate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from carekit.privacy.patterns import MONTHISH, ORDINAL_STEMS, PER_TEXT, lazy

ASCII_WORD = lazy(r"[A-Za-z]+")
# The only characters but ASCII letters that Python's case-insensitive matching takes for
# an ASCII letter: dotted and dotless i, the long s and the Kelvin sign.
_TWINS = "\u0130\u0131\u017f\u212a"
_TWIN_RE = lazy(f"[{_TWINS}]")
TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_OTHER_DIGIT = lazy(r"(?![0-9])\d")
_DIGIT = lazy(r"\d")


class Facts:
    """What the gates ask of a text (a plain class: a named tuple costs more to define
    when the module is imported, on every check)."""

    __slots__ = ("cased", "lowered", "lower", "folded", "digit", "other_digits")

    def __init__(
        self,
        cased: frozenset[str],  # the runs of ASCII letters of the text, as written
        lowered: frozenset[str],  # the same in lower case (with the case twins made ASCII)
        lower: str,  # text.lower()
        folded: str,  # text.lower() with the case twins made ASCII
        digit: bool,  # whether the text has a digit (of \d)
        other_digits: bool,  # digits but 0-9 ("٣"): gates on digits then stand aside
    ) -> None:
        self.cased, self.lowered, self.lower, self.folded = cased, lowered, lower, folded
        self.digit, self.other_digits = digit, other_digits


@lru_cache(maxsize=PER_TEXT)  # every field of a long draft, for all rules
def facts(text: str) -> Facts:
    """The facts of `text`, worked out once per text (every privacy rule asks)."""
    cased = frozenset(ASCII_WORD.findall(text))
    lower = text.lower()
    # Only the twins İ and K lower-case to ASCII letters: without them, the words of
    # the lower-case text are those of the text, in lower case.
    twins = not text.isascii() and _TWIN_RE.search(text)
    folded = text.translate(TO_ASCII).lower() if twins else lower
    lowered = frozenset(" ".join(cased).lower().split())  # the words hold no space
    if twins:
        lowered |= frozenset(ASCII_WORD.findall(folded))
    digit = _DIGIT.search(text) is not None
    other = digit and not text.isascii() and _OTHER_DIGIT.search(text) is not None
    return Facts(cased, lowered, lower, folded, digit, other)


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- privacy-date
# Any of the month stems (MONTHISH) or the ordinal stems inside the lower-case text.
MONTHISH_RE = lazy("|".join(MONTHISH))
ORDINAL_STEMS_RE = lazy("|".join(map(re.escape, ORDINAL_STEMS)))
# A month as DATE_RES 2, 3, 4 and 6 write it (capitalised, whole: "March", "Sept.").
MONTHS = words(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
MONTHS_LOWER = frozenset(month.lower() for month in MONTHS)  # DATE_RES 7 (any case)
ORDINALS = words(  # DATE_RES 7: "twenty-first" is the words "twenty" and "first"
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "twenty thirtieth thirty"
)
# Two numbers joined by / . or - and a third (12/03/2021, 2021-03-12): DATE_RES 0 and 1.
NUMERIC_DATE_HINT = lazy(r"\d[/.-]\d\d?[/.-]\d")
DATE_WORDS_BEFORE = words("on dated since until from")  # DATE_RES 5 (with "/")
HOLIDAY_FIRST = words(
    "Christmas Boxing New Easter Good Thanksgiving Independence Halloween Valentine St Eid "
    "Diwali Hanukkah Yom Rosh Chinese Lunar Bastille Australia Canada Labour Labor Memorial"
)

# --- privacy-age: a number from 90 to 130 (leading zero allowed), ending where digits end
AGE_NUMBER = lazy(r"(?:0?9\d|1[0-2]\d|130)(?!\d)")

# --- privacy-name
TITLE_WORDS = words("Mr Mrs Ms Mx Miss Dr Prof Sr Master")
# INITIALS_RE's words, looked for inside the folded text: a capital may follow at once
# ("patientJD"); "woman" holds "man". INITIALS_STARTS: the same, for matches_at.
INITIALS_HINT = lazy(
    "patient|boy|girl|man|infant|child|baby|toddler|neonate|initials|mother|father"
)
RELATIVE_WORDS = words(
    "mother father mum mom dad wife husband son daughter brother sister aunt uncle "
    "grandmother grandfather grandson granddaughter partner fiance fiancee cousin niece "
    "nephew guardian stepfather stepmother carer caregiver twin"
)
INITIALS_STARTS = words(
    "patient boy girl man woman infant child baby toddler neonate initials mother father"
)
BRACKET_INITIALS_HINT = lazy(r"[A-Z]\.[A-Z]\.")

# --- privacy-record-number and privacy-phone
# The first letters of every label of RECORD_RE, in lower case (for matches_at).
RECORD_STARTS = words(
    "mrn ssn nhs chi medic s/n serial social national passport licen insurance beneficiary "
    "member policy account record hospital patient case unit health registration tax"
)


# A run of 8 or more digits and separators from a digit to a digit: every phone pattern's
# number holds one (9 to 15 digits with spaces, dots, dashes and brackets between).
PHONE_RUN = lazy(r"\d[\d\s().\-]{6,}\d")
LOCAL_PHONE_WORDS = words(
    "fax faxed rang ring call called phone phoned phones dial dialed dialled line number contact"
)

# --- privacy-email and privacy-url
EMAIL_HINT = lazy(r"[\w.+-]@[\w-]")  # not "[@smith2020]", a citation
TLD_WORDS = words(
    "com org net info biz blog site online me io co tv app page xyz example uk ie es in cl "
    "br pt fr de it nl be ch at pl se no dk fi au nz ca za ng ke gh ug tz my sg ph id jp kr "
    "cn tw hk mx ar ru tr gr ro cz hu il ae sa eg pk bd lk np vn th us"
)

# --- privacy-place
STREET_TYPES = words(
    "Street St Road Rd Avenue Ave Lane Ln Drive Dr Boulevard Blvd Way Close Court Ct Place Pl "
    "Terrace Crescent Cres Square Sq Highway Hwy Parade Row Gardens Grove Mews View Walk Rise "
    "Hill Park Green Heights Wharf Quay Esplanade Promenade Circle Cir Trail Pike Alley"
)
STREET_PREFIXES = words(
    "Rue Calle Avenida Av Rua Jalan Jl Ul ul Ulica Via Viale Piazza Plaza Carrer Boulevard "
    "Strada Camino Paseo Travessa Largo Soi Thanon Rruga Odos Calea Avenue Chemin Quai Place"
)
STREET_PREFIXES_OTHER = ("Praça", "Bóthar", "Allée")
UNIT_WORDS = words("Box Bag Plot Flat Apartment Apt Unit Block Stand Erf House Lot")
# A letter or digit, space, a letter or digit: every postcode pattern without a label
# (SW1A 1AA, A1B 2C3, D02 X285, CA 90210, NSW 2000) has one.
POSTCODE_HINT = lazy(r"[A-Z\d]\s+[A-Z\d]")
TWO_DIGITS = lazy(r"\d\D?\d")  # every postcode has two digits close together
POSTCODE_LABELS = words("PIN PINs CEP CEPs CP CPs PLZ PLZs")  # and "zip", "post" inside
POSTCODE_AFTER = words("zip postcode postal")
PLACE_CONTEXT_WORDS = words(
    "lives live lived living resides reside resided residing resident native moved "
    "relocated hometown comes come came born works work worked working farmer travelled "
    "traveled returned holiday village town city suburb district neighbourhood neighborhood "
    "municipality county"
)
NEAR_PLACE_WORDS = words(
    "lives live lived living resides reside resided residing works work worked working "
    "teacher farmer grew born raised travelled traveled holiday holidayed holidaying stayed "
    "moved trip visit visited returned"
)
NEAR_PLACE_LINKS = words("in at near to")
INSTITUTION_KINDS = words(  # detectors' INSTITUTION_RE: the first word of each kind
    "Hospital Medical Clinic Infirmary Center Centre Unit Hospice Sanatorium Polyclinic "
    "Surgery Practice Nursing Care"
)
INSTITUTION_TYPES = words(  # places' INSTITUTION_TYPE_RE
    "School National Primary High Junior College Academy Institute Montessori Kindergarten "
    "Nursery Health Medical Imaging Radiology Laboratories Maternity Lodge Manor Motors "
    "Garage Fabrications Engineering Coaches Transport Logistics Farm Farms Mill Mills Mine "
    "Quarry Factory Works Plant Foods Ltd Limited Inc Plc LLC GmbH Group Services Industries "
    "Construction Builders Bakery Restaurant Hotel Cafe Pharmacy Chemist Surgery Practice "
    "Hospice Home"
)
INSTITUTION_TYPES_OTHER = ("Café",)
INSTITUTION_PREFIXES = words(
    "Hospital Hopital Clinica Clinique Centro Klinikum Klinik Krankenhaus Maternidad "
    "Policlinico Ospedale Santa Sanatorio Instituto Institut Ziekenhuis Szpital Sjukhus "
    "Ristorante Trattoria Escuela Colegio Liceo Ecole Gymnasium Grundschule Scuola Escola "
    "Universidad Universidade"
)
INSTITUTION_PREFIXES_OTHER = (
    "Hôpital",
    "Clínica",
    "Policlínica",
    "École",
    "Collège",
    "Lycée",
    "Université",
    "Universität",
    "Università",
)
WORKPLACE_WORDS = words(  # the first word of each way WORKPLACE_RE starts
    "employer employed works work worked working attends attend attended studied studies "
    "pupil student welder cook chef mechanic driver cleaner teacher nurse engineer worker "
    "labourer laborer farmhand fisherman miner clerk cashier waiter waitress manager "
    "employee apprentice volunteer carer porter guard technician plumber electrician builder "
    "baker butcher hairdresser receptionist accountant secretary seamstress tailor soldier "
    "postman janitor machinist operator packer picker assistant"
)


def any_word(facts: Facts, wanted: frozenset[str], other: tuple[str, ...], text: str) -> bool:
    """Whether `text` holds one of the words `wanted` (ASCII, as written) or, if it is not
    all ASCII, one of the `other` words (with letters beyond ASCII: looked for inside)."""
    if not wanted.isdisjoint(facts.cased):
        return True
    return not text.isascii() and any(word in text for word in other)


def address_gates(text: str) -> tuple[bool, bool, bool, bool]:
    """For each of places.ADDRESS_HINTS (street types, street words before a name,
    street-word endings before a number, units), whether it can match `text`."""
    known = facts(text)
    return (
        not STREET_TYPES.isdisjoint(known.cased),
        any_word(known, STREET_PREFIXES, STREET_PREFIXES_OTHER, text),
        known.digit,  # "Hauptstraße 5"
        not UNIT_WORDS.isdisjoint(known.cased),
    )


def matches_at(pattern: lazy, text: str, starts: frozenset[str]) -> Iterator[re.Match]:
    """pattern.finditer(text), for a case-blind pattern that can match only where one of
    the lower-case `starts` begins: in an ASCII text it is tried only there (scanning a
    long text with a pattern of many words, case-blind, costs far more)."""
    if not text.isascii():
        yield from pattern.finditer(text)
        return
    lower = facts(text).lower  # as long as the text: it is ASCII
    found = set()
    for word in starts:
        at = lower.find(word)
        while at >= 0:
            found.add(at)
            at = lower.find(word, at + 1)
    end = 0
    for start in sorted(found):
        if start >= end:  # as finditer: the next match starts after the last one
            match = pattern.match(text, start)
            if match:
                end = match.end()
                yield match
