"""Runs of capitalised words in a text ("Jan van der Meer", "São José dos Campos"), the
unit the name and place detectors judge with their word lists and the words around.

Letters are Unicode letters: "Łukasz Wójcik", "Nguyễn Thị Hoa" and "Ó Catháin" are runs
as much as "John Smith". Lower-case particles (van, der, de, la, bin...) join the
capitalised words around them but never start or end a run.
"""

from __future__ import annotations

import re
from functools import lru_cache

from carekit.privacy.patterns import PER_TEXT, lazy
from carekit.tuples import NamedTuple

WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "das",
        "do",
        "dos",
        "du",
        "la",
        "le",
        "les",
        "los",
        "las",
        "ter",
        "ten",
        "bin",
        "binti",
        "bint",
        "ibn",
        "al",
        "el",
        "y",
        "e",
    ]
)


class Run(NamedTuple):
    start: int
    end: int
    words: tuple[str, ...]  # the words of the run, particles included

    @property
    def text(self) -> str:
        return " ".join(self.words)


def is_capital(word: str) -> bool:
    return word[:1].isupper()


# Where a word of WORD starts: a letter after neither a letter nor a letter and a joiner.
# Only starts that are no lower-case ASCII letter: the runs begin at capitalised words, and
# prose is mostly lower-case words that a run never starts with.
_START = lazy(r"(?<![^\W\d_])(?<![^\W\d_]['’\-])[^\W\d_a-z]")
_POSSESSIVE = ("'s", "’s")


# In an ASCII text: a chain of a capitalised word and more capitalised words or particles,
# each after one space (a particle only as a whole word), found by the regex engine. The
# capital comes first and what stands before it is checked after it: a pattern that
# starts with a set of letters is scanned for far faster than one that starts with a
# look behind.
_ASCII_CHAIN = lazy(
    r"[A-Z](?<![A-Za-z].)(?<![A-Za-z]['-].)[A-Za-z]*(?:['-][A-Za-z]+)*"
    r"(?: (?:[A-Z][A-Za-z]*(?:['-][A-Za-z]+)*|(?:"
    + "|".join(sorted(PARTICLES, key=lambda word: (-len(word), word)))  # the same each run
    + r")(?![A-Za-z])(?!['-][A-Za-z])))*"
)


@lru_cache(maxsize=PER_TEXT)  # every field of a long draft, for all rules
def runs(text: str) -> tuple[Run, ...]:
    """The runs of capitalised words of `text`, in order; words are joined by one space.

    A run starts at a capitalised word and takes each next word joined by exactly one
    space while it is capitalised or a particle; a possessive ("Aoife's") ends it; particles
    at its end are dropped. Only the capitalised words are visited: a text's lower-case
    words cost nothing here (visiting every word was most of the privacy rules' time)."""
    return _ascii_runs(text) if text.isascii() else _runs(text)


def _ascii_runs(text: str) -> tuple[Run, ...]:
    """runs() of an ASCII text, from its chains: a possessive in a chain ends a run, and
    the rest of the chain (less the particles it starts with) is the next run."""
    out: list[Run] = []
    for chain in _ASCII_CHAIN.finditer(text):
        value = chain.group(0)
        if "'" not in value:  # no possessive: the chain is one run, less end particles
            words = value.split(" ")
            end = chain.end()
            while not words[-1][0].isupper():  # the first word is: never all popped
                end -= len(words.pop()) + 1
            out.append(Run(chain.start(), end, tuple(words)))
            continue
        at, begin = chain.start(), 0
        words: list[str] = []
        ends: list[int] = []
        for word in chain.group(0).split(" "):
            start, end, at = at, at + len(word), at + len(word) + 1
            if not words:
                if not word[0].isupper():
                    continue  # a particle does not start a run
                begin = start
            possessive = word.endswith("'s")
            words.append(word[:-2] if possessive else word)
            ends.append(end - 2 if possessive else end)
            if possessive:
                _close(out, begin, words, ends)
        _close(out, begin, words, ends)
    return tuple(out)


def _close(out: list[Run], begin: int, words: list[str], ends: list[int]) -> None:
    while words and not is_capital(words[-1]):
        words.pop()  # a particle does not end a run
        ends.pop()
    if words:
        out.append(Run(begin, ends[-1], tuple(words)))
    words.clear()
    ends.clear()


def _runs(text: str) -> tuple[Run, ...]:
    out: list[Run] = []
    after = 0  # the end of the last word taken into a run
    for start in _START.finditer(text):
        begin = start.start()
        if begin < after or not text[begin].isupper():
            continue
        ends: list[int] = []
        words: list[str] = []
        word = WORD.match(text, begin)
        while word is not None:
            value, end = word.group(0), word.end()
            if not (value[:1].isupper() or (words and value in PARTICLES)):
                break
            possessive = value.endswith(_POSSESSIVE)
            if possessive:  # "Aoife's case": the run is "Aoife", and it ends there
                value, end = value[:-2], end - 2
            ends.append(end)
            words.append(value)
            after = end
            if possessive or text[end : end + 1] != " ":
                break
            word = WORD.match(text, end + 1)  # the next word, if it starts after one space
        while words and not is_capital(words[-1]):
            words.pop()  # a particle does not end a run
            ends.pop()
        out.append(Run(begin, ends[-1], tuple(words)))
    return tuple(out)


def sentence_start(text: str, start: int) -> bool:
    """True when only spaces, quotes or brackets stand between `start` and the previous
    sentence's end (or the start of the text)."""
    before = text[max(0, start - 6) : start].rstrip(" \"“‘'(\n")
    return start < 6 and not before or before[-1:] in (".", "!", "?", ":", ";", "")
