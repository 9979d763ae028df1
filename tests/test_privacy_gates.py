"""The privacy detectors' shortcuts find what the detectors found without them.

carekit.privacy.gates spares a field the patterns it cannot match, runs of capitals are
found by the regex engine, labels are looked for where they start: each is meant to
change how soon a field with nothing to find is done, never what is found. These tests
hold the detectors to the answers they gave before the shortcuts (tests/data/
privacy_detect_frozen.json, written by the detectors as they were at commit 3e44f99 over
the corpus below), on texts written to slip past a careless shortcut: labels glued to
their number ("MRN4481920"), letters that case-blind matching takes for ASCII ones
("lıves", "ſerial", the Kelvin sign), words in capitals, accents, invisible characters.
And they count the work: a plain field costs a few pattern calls, not dozens.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml

from carekit.draft.loader import load_file
from carekit.privacy import detectors, patterns
from carekit.privacy.runs import PARTICLES, WORD, Run, is_capital, runs

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
FROZEN = DATA / "privacy_detect_frozen.json"
SCOPES = ("patient", "literature", "thanks")
RULES = tuple(detectors.DETECTORS)  # in the frozen file's order: the strict date rule last

# Identifiers written to get past a shortcut that looks for the wrong thing.
ATTACKS = [
    "The patient (MRN4481920) was admitted; MRNnumber 55512345 too.",
    "The boy,(J.D.) and patientJ.D. were seen; the girl (AB) was not.",
    "Patient's medical record no. 12345678 and Medicaıd number 12345678.",
    "ſerial number AB123456 on the pump; SERIAL NO. XY998877; S/N 44-55-66.",
    "She lıves in Wigan and works at Harland Marine Fabrications.",
    "The \u212aelvin sign: MR\u212a 12345678; hospıtal number 7788990.",
    "He was born on 3 March 2021; on 14/02 the rash spread; 12.03.2021 again.",
    "ADMITTED ON 12/03/2021 AND SEEN ON MARCH 20TH; BORN 1/5/49.",
    "On the fifth of June, and on ſeptember 3, she was aged 95 (now 96).",
    "At the age at 1095 days; a nonagenarian; ninety-three years old; 93yo.",
    "Reached on +44 20 7946 0958 or (020) 7946 0958; call 555-0199 after six.",
    "Telephone:0209460958; fax 020-7946-0959; PHONE 02079460958.",
    "Her blog is WWW.EXAMPLE.ORG/our-girl and HTTPS://gofundme.com/f/x; ip 192.168.0.12.",
    "The pump synced from 2001:db8:4a2::17; mail j.doe@example.org, not [@smith2020].",
    "They live at 27 Willow Crescent, Portadown, BT62 3AJ; ZIP 90210; postcode SW1A 1AA.",
    "Calle de la Paz 12, Madrid; Hauptstraße 5, Berlin; Praça da Sé 10; Bóthar na Trá.",
    "Hôpital Saint-Louis, Café Nero and Clínica Alemana; the Queen Adelaide Hospital.",
    "His fiancée Marie and his wife, Bríd, visited; Mr and Mrs Kowalczyk; Mr de Souza.",
    "Jo\u200bhn Smith and Ｊｏｈｎ Ｓｍｉｔｈ; Łukasz Wójcik; Nguyễn Thị Hoa was admitted.",
    "Aoife's case; Jan van der Meer; baby Oluwaseun; Kenji Watanabe was extubated.",
    "CEP 01310-100; PLZs 10115; PINs 560001; code postal 75001; código postal 28001.",
    "A welder at Harland Marine; a pupil at St Brigid's National School; care home, Oakfield.",
    "Christmas Day 2019 and Eid al-Fitr, 2020; in March 2021 and since 2015.",
    "IMEI 356938035643809; lot number 4F2X9; registration plate AB12 CDE; VIN 1HGCM8263.",
]


def corpus() -> list[str]:
    """The labelled sentences, their lower- and upper-case forms, runs of them as one
    field, and the attacks (and theirs)."""
    texts: list[str] = []
    for name in ("privacy_sentences.yaml", "privacy_blind.yaml", "privacy_heldout.yaml"):
        data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        texts += [sentence["text"] for sentence in data["sentences"]]
    texts += ATTACKS
    sentences = list(texts)
    for i in range(0, len(sentences), 7):
        texts.append(" ".join(sentences[i : i + 7]))
    texts += [text.lower() for text in sentences] + [text.upper() for text in sentences]
    texts += [text.replace(" ", "  ") for text in sentences[::3]]
    return texts


def detections(texts: list[str]) -> dict[str, list[list]]:
    """Every hit, under "TEXT RULE SCOPE" (indexes): [start, end], and the hit's text
    where it is not text[start:end] (a URL without its last full stop)."""
    out: dict[str, list[list]] = {}
    for i, text in enumerate(texts):
        for r, rule in enumerate(RULES):
            for s, scope in enumerate(SCOPES):
                hits = list(detectors.detect(rule, text, ("allowedtown",), scope))
                if hits:
                    out[f"{i} {r} {s}"] = [
                        [h.start, h.end] + ([h.text] if h.text != text[h.start : h.end] else [])
                        for h in hits
                    ]
    return out


def test_detections_are_those_of_the_detectors_without_shortcuts():
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    texts = corpus()
    found = detections(texts)
    differ = [
        (texts[int(key.split()[0])], key, frozen.get(key), found.get(key))
        for key in sorted(set(frozen) | set(found))
        if frozen.get(key) != found.get(key)
    ]
    assert not differ, differ[:5]
    assert sum(len(hits) for hits in frozen.values()) > 5000  # the corpus finds much


def test_the_attacks_are_found():
    """Each attack holds identifiers the detectors find (else the comparison above would
    prove nothing about it)."""
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    texts = corpus()
    found = {int(key.split()[0]) for key in frozen}
    for attack in ATTACKS:
        assert texts.index(attack) in found, attack


def _runs_word_by_word(text: str) -> tuple[Run, ...]:
    """runs() as it was written first: every word of the text visited in turn."""
    out: list[Run] = []
    words: list[tuple[int, int, str]] = []

    def close() -> None:
        while words and not is_capital(words[-1][2]):
            words.pop()
        if words:
            out.append(Run(words[0][0], words[-1][1], tuple(w[2] for w in words)))
        words.clear()

    for match in WORD.finditer(text):
        word = match.group(0)
        if not (words and text[words[-1][1] : match.start()] == " "):
            close()
        possessive = word.endswith(("'s", "’s"))
        entry = (match.start(), match.end() - 2 * possessive, word[:-2] if possessive else word)
        if is_capital(word) or (words and word in PARTICLES):
            words.append(entry)
        else:
            close()
        if possessive:
            close()
    close()
    return tuple(out)


@pytest.mark.parametrize("ascii_only", [True, False])
def test_runs_of_capitals_are_those_of_the_word_by_word_reading(ascii_only):
    pieces = list("aAbBzZ  .,-'_1sS") + ["van ", "de ", "Jan ", "'s ", "'s", "O'", "Aoife's "]
    pieces += [" de", " van der", "Mc", "a'B", "-A", "De "]  # particles that end a chain
    if not ascii_only:
        pieces += list("’²éÉßİıǅ\u0301\n") + ["’s", "Łukasz ", "Ó "]
    rnd = random.Random(11)
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))) for _ in range(30000)]
    texts += corpus()[:2000]
    differ = [t for t in texts if runs.__wrapped__(t) != _runs_word_by_word(t)]
    assert not differ, differ[:5]


def _count_pattern_calls(monkeypatch) -> dict[str, int]:
    """Make every lazy pattern of the privacy modules count the calls made on it."""
    import sys

    calls = {"n": 0}
    proxies: dict[int, object] = {}

    class Counting:
        def __init__(self, pattern: patterns.lazy) -> None:
            self._pattern = pattern

        def __getattr__(self, name: str):
            method = getattr(self._pattern, name)
            if name not in ("search", "match", "fullmatch", "finditer", "findall", "sub"):
                return method

            def counted(*args, **kwargs):
                calls["n"] += 1
                return method(*args, **kwargs)

            return counted

    def proxy(value):
        if isinstance(value, patterns.lazy):
            return proxies.setdefault(id(value), Counting(value))
        if isinstance(value, (list, tuple)) and any(
            isinstance(v, (patterns.lazy, list, tuple)) for v in value
        ):
            return type(value)(proxy(v) for v in value)
        return value

    for name, module in list(sys.modules.items()):
        if name.startswith("carekit.privacy.") and module is not None:
            for key, value in list(vars(module).items()):
                replaced = proxy(value)
                if replaced is not value:
                    monkeypatch.setattr(module, key, replaced)
    return calls


def test_a_plain_field_costs_a_few_pattern_calls(monkeypatch):
    """The bundled draft's ~100 fields hold no identifier: each rule spends on a field
    about one call into the regex engine (the facts of the field are shared by all), where
    the detectors without their gates spent nearly three (2.75, each a scan of the whole
    field)."""
    draft = load_file(ROOT / "examples" / "seed-000-calcinosis-infant" / "draft.yaml").draft
    from carekit.check.rules.privacy import patient_text

    texts = [(text, scope) for _path, text, scope in patient_text(draft)]
    checked = [rule for rule in RULES if rule != "privacy-date-strict"]  # as a check runs them
    calls = _count_pattern_calls(monkeypatch)
    for rule in checked:
        for text, scope in texts:
            assert list(detectors.detect(rule, text, (), scope)) == []
    per_field_and_rule = calls["n"] / (len(texts) * len(checked))
    assert len(texts) > 50
    assert per_field_and_rule < 1.5, per_field_and_rule


@pytest.mark.parametrize("name", ["given-names.txt", "surnames.txt"])
def test_a_word_list_holds_its_lines_and_nothing_else(name):
    """The word lists' lookup (halved in Python, then searched in C among a few lines)
    finds every line, and no word that is only part of a line or runs over into the
    next: a name one letter short or long, or two names with the newline between."""
    from carekit.privacy.lexicon import SortedKeys, fold

    keys = SortedKeys(name)
    lines = (ROOT / "checklists" / "privacy" / name).read_text(encoding="utf-8").split("\n")
    members = set(lines)
    tries = set(lines[::2])
    for line in lines[::7]:
        tries.update([line + "a", line[:-1], line[1:], "a" + line, line + " " + line])
    for a, b in zip(lines[::97], lines[1::97], strict=False):
        tries.add(a + "\n" + b)  # folded to "a b": a line only if there is such a line
    wrong = [w for w in tries if keys._search(w) != (bool(fold(w)) and fold(w) in members)]
    assert not wrong, wrong[:5]
