"""Places tied to the patient beyond "lives in X": towns and villages of the gazetteer
after in/at/near/from, named villages, islands and suburbs, street addresses in many
languages (with or without a house number), the town and postcode after an address,
postcodes of the UK, US, Canada, Ireland, Australia and the EU, and named schools,
workplaces, care homes and hospitals in other languages.

The gazetteer (checklists/privacy/places.txt) holds 190,000 names; a name counts only
after a word of place, and only when it is followed by the end of a phrase ("in Wigan.",
"in Tamale, a six-hour journey", "in Ringsend and"): "Lyme disease", "the Ottawa ankle
rules" and "Glasgow Coma Scale" are followed by more words of the name of a thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from carekit.privacy import gates
from carekit.privacy.lexicon import PLACES, fold
from carekit.privacy.names import MEDICAL_AFTER
from carekit.privacy.patterns import Hit, lazy, word_lists
from carekit.privacy.runs import Run, runs

CAP = r"(?:(?!No\b)[A-ZÀ-ÞĀ-Ž][^\W\d_]*(?:['’\-][^\W\d_]+)*)"
CAPS = (
    rf"{CAP}(?:\s+(?:(?:de|da|das|do|dos|del|des|du|la|le|les|na|di|van|der|am)\s+)*{CAP}){{0,4}}"
)
STREET_TYPES = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Close|Court|Ct|Place|Pl|"
    r"Terrace|Crescent|Cres|Square|Sq|Highway|Hwy|Parade|Row|Gardens|Grove|Mews|View|Walk|Rise|"
    r"Hill|Park|Green|Heights|Wharf|Quay|Esplanade|Promenade|Circle|Cir|Trail|Pike|Alley"
)
# Street types that also start common phrases need a number or "on/at ... " before them.
STREET_RE = lazy(
    rf"(?:\b\d{{1,5}}[A-Za-z]?(?:/\d+)?,?\s+|(?<=\bon\s)|(?<=\bon\sthe\s)|(?<=\boff\s)|"
    rf"(?<=\bbehind\s)|(?<=\balong\s)|(?<=\bcrossing\s)|(?<=\bnear\s)|(?<=\bat\s))"
    rf"(?:(?:East|West|North|South)\s+\d+(?:st|nd|rd|th)\s+|(?:{CAP}\s+){{1,4}})"
    rf"(?:{STREET_TYPES})\b\.?(?:\s+(?:East|West|North|South))?"
)
STREET_PREFIX_RE = lazy(
    rf"(?:\b\d{{1,5}}[A-Za-z]?,?\s+)?\b(?:Rue|Calle|Avenida|Av\.|Rua|Jalan|Jl\.|Ul\.|ul\.|Ulica|Via|Viale|Piazza|Plaza|Praça|"
    rf"Carrer|Bóthar|Boulevard|Strada|Camino|Paseo|Travessa|Largo|Soi|Thanon|Rruga|Odos|Calea|"
    rf"Avenue|Chemin|Allée|Quai|Place)\s+(?:(?:de|des|du|da|das|do|dos|del|la|le|les|na|di|"
    rf"della|dei|degli|delle|y|e)\s+)*{CAP}(?:[\s-]+{CAP}){{0,3}}"
    r"(?:\s*(?:No\.?\s*)?\d+[\w/]*(?:,\s*(?:apto|apt|piso|flat|dpto)\.?\s*\d+\w*)?)?"
    r"(?:\s+\d+[A-Za-z]?(?:/\d+)?)?"
)
STREET_WORD_RE = lazy(
    rf"\b{CAP}(?:straße|strasse|str\.|straat|weg|gasse|laan|plein|gracht|vej|gade|gatan|"
    r"vägen|gata|veien|allee|platz|damm|ulica|utca|katu|tie)\s+\d+[a-z]?(?:/\d+)?\b"
)
UNIT_RE = lazy(
    r"\b(?:P\.?\s?O\.?\s+Box|Private\s+Bag|Plot|Flat|Apartment|Apt\.?|Unit|Block|Stand|Erf|"
    r"House|Lot)\s+(?:No\.?\s*)?[\dA-Z]+\w*(?=[,\s])(?:,\s*(?:Block|Plot|Flat)\s+[\dA-Z]+\w*)?"
)
US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|"
    "NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
US_STATE_CODES = frozenset(US_STATES.split("|"))
POSTCODE_RES = [
    lazy(r"\b(?!E\dV\dM\d|T\d[a-d]?N\d)[A-Z][0-9][A-Z]\s[0-9][A-Z][0-9]\b"),  # Canada
    lazy(
        r"\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s(?=[0-9AC-FHKNPRTV-Y]{0,3}\d)[0-9AC-FHKNPRTV-Y]{4}\b"
    ),  # Eircode
    lazy(r"\b(?:[ACDFGHIKLMNOPRSTUVW][ACDEHIJKLMNORSTVXYZ])\s+\d{5}(?:-\d{4})?\b"),  # US ZIP
    lazy(r"\b(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)\s+\d{4}\b"),  # Australia
]
POSTCODE_LABEL_RE = lazy(
    r"\b(?:ZIP(?:\+4)?(?:\s+code)?|post\s?code|postal\s+code|PIN(?:\s+code)?|CEP|CP|PLZ|"
    r"code\s+postal|c[óo]digo\s+postal)s?\b[\s:,(]*(?:is\s+|was\s+|area\s+)?"
    r"(\d{3,6}(?:[\s-]\d{3,4})?|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})"
    r"(?:\s+(?:to|and|or)\s+(\d{5}))?",
)
POSTCODE_BEFORE_LABEL_RE = lazy(r"\b(\d{5}(?:-\d{4})?)\s+(?:ZIP|postcode|postal)\b", re.I)
# After a street address: ", Portadown, BT62 3AJ", ", 80-827 Gdańsk", " 3972 LA Driebergen".
TAIL_POSTCODE = lazy(
    r"(?:\d{2}-\d{3}|\d{5}-\d{3}|\d{4}\s?[A-Z]{2}(?!\w)|\d{3,6}|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}|"
    r"[A-Z]\d[A-Z]\s?\d[A-Z]\d|[AC-FHKNPRTV-Y]\d{2}\s[0-9AC-FHKNPRTV-Y]{4})(?!\w)"
)
TAIL_PLACE = lazy(rf"(?:Co\.\s+|County\s+)?{CAPS}")
TAIL_REGION = lazy(
    rf"(?:{US_STATES}|ON|BC|QC|AB|MB|SK|NS|NB|NL|PE|NSW|VIC|QLD|SA|WA|TAS|NT|ACT)(?!\w)"
)

# Words before a run that make it a place.
PLACE_WORD_BEFORE = lazy(
    r"(?:\b(?:village|town|township|island|isle|city|suburb|hamlet|municipality|county|"
    r"district|neighbourhood|neighborhood|parish|commune|borough|settlement|camp|estate|"
    r"valley|region\s+of|outskirts|centre|center|province)(?:\s+of)?|\bCo\.|\bcamp\s+in|"
    r"\b(?:village|town|island|suburb|hamlet|township)\b[^.;,]{0,30},)[\s,]+$",
    re.I,
)
PLACE_WORD_AFTER = lazy(
    r"\s+(?:area|district|neighbourhood|neighborhood|suburb|township|city|town|village|"
    r"estate|county|municipality|borough|parish|countryside|region)\b"
)
PREPOSITION_BEFORE = lazy(
    r"\b(?:in|at|near|outside|from|around|to|towards|toward|via|between|of|home\s+in|"
    r"back\s+in|beyond|across|within|into)\s+(?:the\s+)?$",
    re.I,
)


def _regions() -> frozenset[str]:
    return word_lists()["regions"]


def _not_a_place(name: str) -> bool:
    words = word_lists()
    key = fold(name)
    first = name.split()[0]
    return (
        name.lower() in _regions()
        or key in words["medicine"]
        or first in words["not_places"]
        or fold(first) in words["medicine"]
        or first in words["institution_words"]
    )


PLACE_WORDS = gates.words(
    "village town township island isle city suburb hamlet municipality county district "
    "neighbourhood neighborhood parish commune borough settlement camp estate valley "
    "region outskirts centre center province co. area countryside"
)
PREPOSITIONS = gates.words(
    "in at near outside from around to towards toward via between of beyond across within into"
)
OPENING_PREPOSITIONS = frozenset(["In", "At", "From", "Near", "Outside", "Around"])
_PLACE_TOKENS = frozenset(word.rstrip(".") for word in PLACE_WORDS)  # "co." is "co"


def find_named_places(text: str) -> list[Hit]:
    hits: list[Hit] = []
    # A word of place stands whole in the text, if anywhere: else no run has one around.
    context = not _PLACE_TOKENS.isdisjoint(gates.facts(text).lowered)
    for run in runs(text):
        words, start = run.words, run.start
        opened = words[0] in OPENING_PREPOSITIONS and len(words) > 1
        if opened:  # "In Wigan, ...": the preposition opens the sentence
            start += len(words[0]) + 1
            words = words[1:]
        before = text[max(0, start - 40) : start]
        last = [w.strip(",").lower() for w in before.split()[-4 if context else -1 :]]
        name = " ".join(words)
        if context and _by_context(text, run, before, last) and not _not_a_place(name):
            hits.append(Hit(start, run.end, text[start : run.end]))
            continue
        near = bool(last) and (last[-1] in PREPOSITIONS or last[-1] in ("the", "in", "back"))
        if not (opened or (near and PREPOSITION_BEFORE.search(before))):
            continue
        if name.isupper() or name not in PLACES or _not_a_place(name):
            continue
        if MEDICAL_AFTER.match(text, run.end) or text.startswith(("'s", "’s"), run.end):
            continue
        hits.append(Hit(start, run.end, text[start : run.end]))
    return hits


def _by_context(text: str, run: Run, before: str, last: list[str]) -> bool:
    """Whether a word of place stands before the run or after it ("the island of X",
    "the X area")."""
    if PLACE_WORDS.intersection(last) and PLACE_WORD_BEFORE.search(before):
        return True
    following = text[run.end : run.end + 16].split()[:1]
    return bool(
        following
        and following[0].strip(",.;").lower() in PLACE_WORDS
        and PLACE_WORD_AFTER.match(text, run.end)
    )


def _tail(text: str, start: int) -> list[Hit]:
    """The town, region and postcode written after a street address."""
    hits: list[Hit] = []
    position = start
    for _ in range(5):
        sep = re.match(r",?\s+(?:in\s+)?(?:(?:CEP|ZIP|PIN|CP|PLZ)\s+)?", text[position:])
        if not sep:
            break
        at = position + sep.end()
        code = TAIL_POSTCODE.match(text, at)
        if code:
            hits.append(Hit(code.start(), code.end(), code.group(0)))
            position = code.end()
            continue
        region = TAIL_REGION.match(text, at)
        if region:
            position = region.end()
            continue
        place = TAIL_PLACE.match(text, at)
        if (
            place
            and place.group(0).split()[0] not in ("The", "With", "And", "In", "On")
            and any(ch.islower() for ch in place.group(0))
        ):
            name = place.group(0)
            if name.lower() not in _regions():
                hits.append(Hit(place.start(), place.end(), name))
            position = place.end()
            continue
        break
    return hits


# Cheap scans that spare a text the slower address patterns (most texts hold none).
ADDRESS_HINTS = (
    (lazy(rf"\b(?:{STREET_TYPES})\b"), STREET_RE),
    (
        lazy(
            r"\b(?:Rue|Calle|Avenida|Av|Rua|Jalan|Jl|Ul|ul|Ulica|Via|Viale|Piazza|Plaza|Praça|"
            r"Carrer|Bóthar|Boulevard|Strada|Camino|Paseo|Travessa|Largo|Soi|Thanon|Rruga|Odos|"
            r"Calea|Avenue|Chemin|Allée|Quai|Place)\b"
        ),
        STREET_PREFIX_RE,
    ),
    (
        lazy(
            r"(?:straße|strasse|str\.|straat|weg|gasse|laan|plein|gracht|vej|gade|gatan|vägen|"
            r"gata|veien|allee|platz|damm|ulica|utca|katu|tie)\s+\d"
        ),
        STREET_WORD_RE,
    ),
    (lazy(r"\b(?:Box|Bag|Plot|Flat|Apartment|Apt|Unit|Block|Stand|Erf|House|Lot)\b"), UNIT_RE),
)


def find_addresses(text: str) -> list[Hit]:
    hits: list[Hit] = []
    might_hold = gates.address_gates(text)
    if not any(might_hold):
        return hits
    for might, (hint, pattern) in zip(might_hold, ADDRESS_HINTS, strict=True):
        if not (might and hint.search(text)):
            continue
        for match in pattern.finditer(text):
            value = match.group(0).rstrip(" ,")
            if pattern is STREET_RE and not re.match(r"\d", value):
                first = value.split()[0]
                if (
                    first in word_lists()["institution_words"]
                    or fold(first) in word_lists()["medicine"]
                ):
                    continue
            hits.append(Hit(match.start(), match.start() + len(value), value))
            hits += _tail(text, match.start() + len(value))
    return hits


def find_postcodes(text: str) -> list[Hit]:
    hits: list[Hit] = []
    if not (gates.facts(text).digit and gates.TWO_DIGITS.search(text)):
        return hits  # every postcode has two digits close together
    for pattern in POSTCODE_RES if gates.POSTCODE_HINT.search(text) else ():
        for m in pattern.finditer(text):
            if pattern is POSTCODE_RES[2] and m.group(0)[:2] not in US_STATE_CODES:
                continue
            hits.append(Hit(m.start(), m.end(), m.group(0)))
    known = gates.facts(text)
    if "zip" in known.folded or "post" in known.folded or gates.POSTCODE_LABELS & known.cased:
        for match in POSTCODE_LABEL_RE.finditer(text):
            for group in (1, 2):
                if match.group(group):
                    hits.append(Hit(match.start(group), match.end(group), match.group(group)))
    if not gates.POSTCODE_AFTER.isdisjoint(known.lowered):
        for match in POSTCODE_BEFORE_LABEL_RE.finditer(text):
            hits.append(Hit(match.start(1), match.end(1), match.group(1)))
    return hits


INSTITUTION_TYPES = (
    r"School|National\s+School|Primary\s+School|High\s+School|Junior\s+High|College|"
    r"Academy|Institute(?:\s+of\s+{CAP}(?:\s+{CAP})?)?|Montessori|Kindergarten|Nursery|"
    r"Health\s+Post|Health\s+Cent(?:re|er)|Medical\s+Cent(?:re|er)|Imaging|Radiology|"
    r"Laboratories|Maternity|Lodge|Manor|Motors|Garage|Fabrications|Engineering|"
    r"Coaches|Transport|Logistics|Farms?|Mills?|Mine|Quarry|Factory|Works|Plant|Foods|"
    r"Ltd|Limited|Inc|Plc|LLC|GmbH|Group|Services|Industries|Construction|Builders|Bakery|"
    r"Restaurant|Hotel|Café|Cafe|Pharmacy|Chemist|Surgery|Practice|Hospice|Home"
)
INSTITUTION_KINDS = INSTITUTION_TYPES.replace("{CAP}", CAP)
INSTITUTION_RE = lazy(
    rf"\b((?:St\.?\s+|Saint\s+)?(?:{CAP}['’]?s?\s+){{1,4}})(?:{INSTITUTION_KINDS})\b"
)
INSTITUTION_PREFIX_RE = lazy(
    rf"\b(?:Hospital|Hôpital|Hopital|Hospital\s+Universitario|Hospital\s+General|Clínica|"
    rf"Clinica|Clinique|Centro\s+Médico|Centro\s+Medico|Centro\s+de\s+Salud|Klinikum|Klinik|"
    rf"Krankenhaus|Maternidad|Policlinico|Policlínica|Ospedale|Santa\s+Casa|Sanatorio|"
    rf"Instituto|Institut|Ziekenhuis|Szpital|Sjukhus|Ristorante|Trattoria|Escuela|Colegio|"
    rf"Liceo|École|Ecole|Collège|Lycée|Gymnasium|Grundschule|Scuola|Escola|Universidad|"
    rf"Université|Universität|Universidade|Università)\s+"
    rf"(?:(?:de|des|du|da|das|do|dos|del|la|le|los|las|di|della|am|an|der|im|y)\s+)*{CAP}"
    rf"(?:[\s-]+(?:(?:de|des|du|da|das|do|dos|del|la|le|los|las|di|della|am|der|y)\s+)*{CAP}){{0,5}}"
)
# "a welder at Harland Marine Fabrications", "the patient's employer, X", "attends X".
WORKPLACE_RE = lazy(
    rf"\b(?:employer|employed\s+(?:by|at)|works?\s+(?:at|for)|worked\s+(?:at|for)|working\s+"
    rf"(?:at|for)|attends?|attended|studied\s+\w+\s+at|studies\s+at|pupil\s+at|student\s+at|"
    rf"(?:welder|cook|chef|mechanic|driver|cleaner|teacher|nurse|engineer|worker|labourer|"
    rf"laborer|farmhand|fisherman|miner|clerk|cashier|waiter|waitress|manager|employee|"
    rf"apprentice|volunteer|carer|porter|guard|technician|plumber|electrician|builder|baker|"
    rf"butcher|hairdresser|receptionist|accountant|secretary|seamstress|tailor|soldier|"
    rf"postman|janitor|machinist|operator|packer|picker|assistant|pupil|student)\s+(?:at|for|with))"
    rf"[\s,]+(?:the\s+)?({CAPS})",
)
CARE_HOME_RE = lazy(rf"\b(?:care|nursing|residential|retirement)\s+home,?\s+({CAPS})")


# Cheap scans that find where the slower institution patterns can match.
INSTITUTION_TYPE_RE = lazy(rf"\b(?:{INSTITUTION_KINDS})\b")
INSTITUTION_PREFIX_HINT = lazy(
    r"\b(?:Hospital|Hôpital|Hopital|Clínica|Clinica|Clinique|Centro|Klinikum|Klinik|"
    r"Krankenhaus|Maternidad|Policlinico|Policlínica|Ospedale|Santa|Sanatorio|Instituto|"
    r"Institut|Ziekenhuis|Szpital|Sjukhus|Ristorante|Trattoria|Escuela|Colegio|Liceo|École|"
    r"Ecole|Collège|Lycée|Gymnasium|Grundschule|Scuola|Escola|Universidad|Université|"
    r"Universität|Universidade|Università)\s"
)
WORKPLACE_HINT = lazy(r"\b(?:employ|work|attend|stud|at|for|with)", re.I)
CARE_HOME_HINT = lazy(r"\bhome,?\s+[A-Z]")


INSTRUMENT_AFTER = lazy(
    r"(?:\s+(?:and|of|for)?\s*[A-Z]\w*){0,4}\s+(?:Scale|Score|Index|Questionnaire|Inventory|"
    r"Criteria|Classification|Survey|Assessment|Test)\b"
)


def _before_type_words(text: str) -> Iterator[re.Match]:
    """Matches of INSTITUTION_RE, looked for only in the 80 characters before each word
    such as School or Lodge (a scan of the whole text with it is slow)."""
    last = -1
    for kind in INSTITUTION_TYPE_RE.finditer(text):
        for match in INSTITUTION_RE.finditer(text, max(0, kind.start() - 80, last), kind.end()):
            if match.end() == kind.end():
                last = match.end()
                yield match


def find_institutions(text: str) -> list[Hit]:
    hits: list[Hit] = []
    known = gates.facts(text)
    kinds = gates.any_word(known, gates.INSTITUTION_TYPES, gates.INSTITUTION_TYPES_OTHER, text)
    prefixes = gates.any_word(
        known, gates.INSTITUTION_PREFIXES, gates.INSTITUTION_PREFIXES_OTHER, text
    )
    work = not gates.WORKPLACE_WORDS.isdisjoint(known.cased)
    if not (kinds or prefixes or work or "home" in known.cased):
        return hits  # most texts: none of the words these patterns start or end with
    for match in _before_type_words(text) if kinds else ():
        generic = word_lists()["institution_words"]
        words = [w.strip(".").rstrip("'’") for w in match.group(1).split()]
        words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
        if any(
            w not in generic and w[:1].isupper() and fold(w) not in word_lists()["medicine"]
            for w in words
        ):
            hits.append(Hit(match.start(), match.end(), match.group(0)))
    if prefixes and INSTITUTION_PREFIX_HINT.search(text):
        hits += [
            Hit(m.start(), m.end(), m.group(0))
            for m in INSTITUTION_PREFIX_RE.finditer(text)
            if not INSTRUMENT_AFTER.match(text, m.end())  # the Hospital Anxiety and ... Scale
        ]
    for might, hint, pattern in (
        (work, WORKPLACE_HINT, WORKPLACE_RE),
        ("home" in known.cased, CARE_HOME_HINT, CARE_HOME_RE),
    ):
        if not (might and hint.search(text)):
            continue
        for match in pattern.finditer(text):
            generic = word_lists()["institution_words"]
            name = match.group(1)
            if name.split()[0] in generic or name.lower() in _regions() or _not_a_place(name):
                continue
            hits.append(Hit(match.start(1), match.end(1), name))
    return hits
