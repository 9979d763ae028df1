"""Names of people without a title or a relation word before them: "Kenji Watanabe was
extubated", "baby Oluwaseun", "Aoife's case", "Mr Ó Catháin", "Jan van der Meer".

A run of capitalised words (carekit.privacy.runs) is a name when its first word is a
given name of the lists (checklists/privacy/given-names.txt, surnames.txt: Faker's name
lists of every locale, less common English words) and more name-like words follow, or
when a title stands before it, or, for a given name alone, when the words around say it
is a person ("baby X", "X's story", "X and her family", "X was admitted"). Medicine stays
out: a run with an eponym, a brand or a place-named disease of the `medicine` list, or
followed by "disease", "syndrome", "sign" and the like, is not a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from carekit.privacy.gates import TO_ASCII, words
from carekit.privacy.lexicon import GIVEN_NAMES, SURNAMES, fold
from carekit.privacy.patterns import Hit, lazy, word_lists
from carekit.privacy.runs import PARTICLES, Run, runs

TITLES = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Mx",
        "Miss",
        "Dr",
        "Prof",
        "Master",
        "Mme",
        "Mlle",
        "Herr",
        "Frau",
        "Sra",
        "Srta",
        "Señor",
        "Señora",
        "Sig",
        "Sig.ra",
        "Mister",
        "Madam",
        "Madame",
        "Monsieur",
        "Dona",
        "Dom",
    ]
)
# Words after a run that make it medicine, not a person.
MEDICAL_AFTER = lazy(
    r"(?:['’]s?)?\s*[-–]?\s*(?:disease|syndrome|sign|test|scale|score|criteria|classification|"
    r"lymphoma|sarcoma|tumou?r|palsy|phenomenon|reflex|manoeuvre|maneuver|procedure|operation|"
    r"stain|staining|murmur|pupil|nodules?|sequence|anomaly|malformation|triad|nodes?|cells?|bodies|"
    r"body|ulcer|fracture|bar|splint|brace|frame|boot|cast|collar|forceps|retractor|clamp|"
    r"valve|shunt|stent|pump|mask|nail|plate|screw|wire|pin|fixator|bag|drain|knot|suture|"
    r"vaccine|classification|grade|grading|stage|staging|hernia|virus|fever|encephalitis|encephalopathy|dementia|disorder|"
    r"thyroiditis|arteritis|sign|law|rule|rules|equation|formula|index|method|technique|"
    r"approach|incision|position|catheter|line|tube|needle|ratio|effect|principle|system|"
    r"diverticulum|esophagus|oesophagus|ulcer|cyst|gland|duct|space|pouch|triangle|capsule|"
    r"membrane|zone|ligament|fascia|canal|area|variant|type|agent|strain|solution|"
    r"questionnaire|inventory|assessment|cognitive|coma|postnatal|ankle|spotted|forest|"
    r"stool|chart|risk|cohort|study|trial|definition|consensus|guidelines?|protocol|regimen|"
    r"et\s+al|and\s+colleagues|described|reported|proposed|first|in\s+1[5-9]\d\d)\b",
    re.I,
)
# Words after a lone given name that make it a person in this sentence.
PERSON_AFTER = lazy(
    r"(?:['’]s\s+(?:story|case|account|experience|illness|mother|father|parents|family|"
    r"recovery|words|own|life|journey|condition|diagnosis|care|death|symptoms|sister|brother|"
    r"son|daughter|wife|husband)|\s+and\s+(?:his|her|their)\s+(?:family|parents|mother|father|"
    r"wife|husband|children|sister|brother)|,\s+(?:the|a|an|our|his|her|aged|who)\b|"
    r"\s+(?:was|is|had|has|lived|lives|underwent|received|presented|developed|told|said|"
    r"explained|wrote|noticed|returned|attended|died|recovered|remained|became|started|"
    r"began|complained|reported|denied|felt|walked|went|came|worked|works)\b)",
)
PERSON_BEFORE = lazy(
    r"(?:\b(?:baby|little|named|called|as|thank|thanks|ask\s+for|child|toddler|infant|"
    r"newborn|girl|boy|experience\s+of|story\s+of|case\s+of|old|grateful\s+to)|"
    r"(?:child|boy|girl|infant|patient),)\s*$",
    re.I,
)
# Words after which any capitalised word is a person's name.
STRONG_BEFORE = lazy(
    r"\b(?:baby|named|called|nicknamed|known\s+(?:to\s+\w+\s+)?as|ask\s+for|"
    r"\d+-(?:year|month|week|day)-old|(?:two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve)-(?:year|month)-old)\s*$",
    re.I,
)
DEMONYM = re.compile(
    r"[A-Z]\w+(?:ian|an|ese|ish|ic|i|ch)|Dutch|French|Greek|Thai|Swiss|Welsh|Inuit|Maori|"
    r"Māori|Caucasian|Asian|African|Hispanic|Latina|Latino|White|Black|Arab|Jewish|Muslim|"
    r"Christian|Hindu|Sikh|Buddhist|Catholic|Protestant|Roma|Bedouin"
)
# After a title that stands alone in its run: "Mr and Mrs Kowalczyk".
AFTER_LONE_TITLE = lazy(
    r"\.?\s+(?:and\s+(?:Mrs|Ms|Mr|Dr)\.?\s+)?((?:(?:"
    + "|".join(sorted(PARTICLES))
    + r")\s+)+)?([^\W\d_]+(?:['’\-][^\W\d_]+)*)"
)
_STRONG_HINT = re.compile(r"baby|named|called|known|ask|old", re.I)
# The last word of each way PERSON_BEFORE ends but a comma.
_PERSON_BEFORE_LAST = tuple(
    sorted(
        words(
            "baby little named called as thank thanks for child toddler infant newborn "
            "girl boy of old to"
        )
    )
)
HOUSEHOLD_AFTER = lazy(r"\s+(?:household|family|home|residence|farm)\b", re.I)


def _medicine() -> frozenset[str]:
    return word_lists()["medicine"]


def _is_medicine(words: tuple[str, ...]) -> bool:
    medicine = _medicine()
    if fold(" ".join(words)) in medicine:
        return True
    return any(fold(w) in medicine or any(fold(p) in medicine for p in w.split("-")) for w in words)


def _given(word: str) -> bool:
    return word in GIVEN_NAMES or ("-" in word and word.split("-")[0] in GIVEN_NAMES)


@lru_cache(maxsize=1)
def _plain_words() -> frozenset[str]:
    # Made once: a union of the two lists per run of capitals was a fifth of the rule.
    return word_lists()["not_places"] | word_lists()["institution_words"]


# Capitalised words that open a sentence or a phrase, before a name: "When Lucía was".
OPENERS = frozenset(
    [
        "When",
        "As",
        "If",
        "After",
        "Before",
        "Although",
        "Though",
        "Because",
        "Since",
        "While",
        "Unlike",
        "Like",
        "Until",
        "Once",
        "Then",
        "So",
        "Yet",
        "Thus",
        "Here",
        "There",
        "Now",
        "Today",
        "Finally",
        "Later",
        "Meanwhile",
        "Initially",
        "Subsequently",
        "Baby",
        "Little",
        "Young",
        "Our",
        "Dear",
        "Dearest",
    ]
)


def _name_words(run: Run) -> tuple[int, tuple[str, ...]]:
    """(offset, words): the words of `run` that can be part of a name, after any opener
    ("When", "Baby") and up to an institution word such as Hospital or a word that is never
    a name; offset is where they start in the text."""
    plain = _plain_words()
    out: list[str] = []
    start = run.start
    words = list(run.words)
    while words and (words[0] in OPENERS or words[0] in plain) and words[0] not in PARTICLES:
        start += len(words.pop(0)) + 1
    for word in words:
        if word in plain and word not in PARTICLES:
            break
        out.append(word)
    while out and out[-1] in PARTICLES:
        out.pop()
    return start, tuple(out)


def find_bare_names(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for run in runs(text):
        if run.words[0] in TITLES or run.words[0].rstrip(".") in TITLES:
            hits += _titled(text, run)
            continue
        if len(run.words) == 1 and not _lone_word_context(text, run.start, run.end):
            continue  # most runs are one word opening a sentence: no list need be read
        start, words = _name_words(run)
        if not words or len(words) == 1 and words[0].isupper():
            continue  # nothing left, or "ANA was positive": an abbreviation
        hit = _judge(text, start, words)
        if hit:
            hits.append(hit)
    return hits


def _lone_word_context(text: str, start: int, end: int) -> bool:
    """Whether the words around a lone word at [start, end) can make it a name: the tests
    that _judge makes of a lone word before it asks the lists (without them it is none)."""
    before = text[max(0, start - 30) : start]
    stripped = before.rstrip()
    wordy = stripped[-1:].isalpha()
    if wordy and _STRONG_HINT.search(before) and STRONG_BEFORE.search(before):
        return True
    if before.endswith("the ") or PERSON_AFTER.match(text, end, end + 40):
        return True
    if stripped.endswith(","):
        return bool(PERSON_BEFORE.search(before))
    # Else PERSON_BEFORE needs one of its words last (in any case: the twins made ASCII).
    return bool(
        wordy
        and stripped.translate(TO_ASCII).lower().endswith(_PERSON_BEFORE_LAST)
        and PERSON_BEFORE.search(before)
    )


def _judge(text: str, start: int, words: tuple[str, ...]) -> Hit | None:
    """A name of `words` at `start`, if the lists and the words around say so. Cheap tests
    first: most runs are "The", "CT" or "Fig": one set lookup each."""
    before = text[max(0, start - 30) : start]
    # STRONG_BEFORE ends in a letter and PERSON_BEFORE in a letter or a comma, then
    # spaces: after "." or nothing (a sentence's first word) neither need be tried.
    tail = before.rstrip()[-1:]
    wordy = tail.isalpha()
    strong = wordy and _STRONG_HINT.search(before) and STRONG_BEFORE.search(before)
    household = before.endswith("the ") and len(words) <= 3
    end = start + len(" ".join(words))
    after = text[end : end + 40]
    if not (strong or household or len(words) >= 2) and not (
        ((wordy or tail == ",") and PERSON_BEFORE.search(before)) or PERSON_AFTER.match(after)
    ):
        return None  # a lone word is a name only with a person's words around it: the
        # lists need not be asked ("X-ray", "Calcinosis" open most sentences)
    given = _given(words[0])
    if not (strong or given or household or (len(words) >= 2 and words[0] in SURNAMES)):
        return None
    if _is_medicine(words) or MEDICAL_AFTER.match(after):
        return None
    if " ".join(words).lower() in word_lists()["regions"]:
        return None  # "North Carolina", "Victoria"
    if strong and "old" in strong.group(0) and not given and DEMONYM.fullmatch(words[0]):
        return None  # "a 38-year-old Canadian tourist"
    name = Hit(start, end, text[start:end])
    if strong and len(words) <= 3:
        return name  # "baby Oluwaseun", "named X"
    if len(words) >= 2 and (given or any(_given(w) for w in words[1:])):
        return name  # "Kenji Watanabe", "Nguyễn Thị Hoa" (surname first)
    if len(words) == 1 and given and (PERSON_BEFORE.search(before) or PERSON_AFTER.match(after)):
        return name
    if household and HOUSEHOLD_AFTER.match(after):
        return name  # "the Vanderbilt-Ashworth household"
    return None


def _titled(text: str, run: Run) -> list[Hit]:
    """ "Mr Ó Catháin", "Mrs Ifeoma Chukwu", "Mr de Souza", "Mr and Mrs Kowalczyk"."""
    words = list(run.words[1:])
    start = run.start + len(run.words[0]) + 1
    if not words:  # "Mr and Mrs X", "Mr de Souza": the run stops before the particle
        rest = AFTER_LONE_TITLE.match(text, run.end)
        if not rest:
            return []
        start = rest.start(1 if rest.group(1) else 2)
        end = rest.end(2)
        return [Hit(start, end, text[start:end])] if rest.group(2)[:1].isupper() else []
    if words[0] in TITLES:  # "Mr Mrs": not a name
        return []
    end = run.end
    return [Hit(start, end, text[start:end])]
