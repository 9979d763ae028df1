"""The privacy-place detector: places smaller than a region in a text (street addresses,
postcodes, towns after "lives in", named hospitals, schools and workplaces), from the
patterns of patterns.py and places.py, each family run only where its gate
(carekit.privacy.gates) says it can match.
"""

from __future__ import annotations

from functools import lru_cache

from carekit.privacy import names, places
from carekit.privacy.gates import (
    INSTITUTION_KINDS,
    NEAR_PLACE_LINKS,
    NEAR_PLACE_WORDS,
    PLACE_CONTEXT_WORDS,
    POSTCODE_HINT,
    STREET_TYPES,
    Facts,
    facts,
    matches_at,
)
from carekit.privacy.lexicon import PLACES, fold
from carekit.privacy.patterns import (
    FROM_PLACE_RE,
    INSTITUTION_RE,
    NEAR_PLACE_RE,
    PER_TEXT,
    PLACE_CONTEXT_RE,
    POSTCODE_LABEL_RE,
    POSTCODE_RE,
    STREET_RE,
    Hit,
    lazy,
    merge_hits,
    word_lists,
)

FROM_WORD = frozenset(["from"])
SPECIES_AFTER = lazy(r"\s+[a-z]{2,}(?:um|us|is|ae|ii|i|ans|ax|ex|ix|ensis|oides)\b")


def _is_small_place(name: str) -> bool:
    words = name.split()
    while words and words[-1].lower() in {"upon", "on", "de", "del", "la", "le"}:
        words.pop()
    if not words or words[0] in word_lists()["not_places"]:
        return False
    generic = word_lists()["institution_words"]
    if words[0].isupper() or all(w in generic for w in words):
        return False  # "moved to ICU", "came from Emergency Department"
    if fold(" ".join(words)) in word_lists()["medicine"]:
        return False  # "data from Epic", "cases from Ebola"
    candidate = " ".join(words)
    regions = word_lists()["regions"]
    return candidate.lower() not in regions and words[0].lower() not in regions


@lru_cache(maxsize=PER_TEXT)  # every field of a long draft, for all rules
def find_places(text: str) -> list[Hit]:
    known = facts(text)
    hits = []
    if known.digit and not STREET_TYPES.isdisjoint(known.cased):
        hits += [Hit(m.start(), m.end(), m.group(0)) for m in STREET_RE.finditer(text)]
    if known.digit and POSTCODE_HINT.search(text):
        hits += [Hit(m.start(), m.end(), m.group(0)) for m in POSTCODE_RE.finditer(text)]
    if "zip" in known.folded or "post" in known.folded:
        for match in POSTCODE_LABEL_RE.finditer(text):
            if any(ch.isdigit() for ch in match.group(1)):
                hits.append(Hit(match.start(), match.end(), match.group(0)))
    for pattern, starts in _place_patterns(known):
        for match in matches_at(pattern, text, starts):
            if SPECIES_AFTER.match(text, match.end(1)) and match.group(1) not in PLACES:
                continue  # "from Plasmodium falciparum": a genus and its species
            if names.MEDICAL_AFTER.match(text, match.end(1)):
                continue  # "from Bristol stool samples": an instrument named after a place
            if _is_small_place(match.group(1)):
                hits.append(Hit(match.start(1), match.end(1), match.group(1)))
    if not INSTITUTION_KINDS.isdisjoint(known.cased):
        for match in INSTITUTION_RE.finditer(text):
            words = [w.strip(".") for w in match.group(1).split()]
            generic = word_lists()["institution_words"]
            if any(w not in generic and w[:1].isupper() for w in words):
                start = match.start(1)
                hits.append(Hit(start, match.end(), text[start : match.end()]))
    hits += places.find_addresses(text) + places.find_postcodes(text)
    hits += places.find_named_places(text) + places.find_institutions(text)
    return merge_hits(hits)


def _place_patterns(known: Facts) -> list[tuple[lazy, frozenset[str]]]:
    """Of PLACE_CONTEXT_RE, FROM_PLACE_RE and NEAR_PLACE_RE, those whose words `known` has,
    each with the words it starts with."""
    out = []
    if not PLACE_CONTEXT_WORDS.isdisjoint(known.cased):
        out.append((PLACE_CONTEXT_RE, PLACE_CONTEXT_WORDS))
    if "from" in known.cased:
        out.append((FROM_PLACE_RE, FROM_WORD))
    if not (NEAR_PLACE_WORDS.isdisjoint(known.lowered) or NEAR_PLACE_LINKS.isdisjoint(known.cased)):
        out.append((NEAR_PLACE_RE, NEAR_PLACE_WORDS))
    return out
