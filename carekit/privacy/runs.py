"""Runs of capitalised words in a text ("Jan van der Meer", "São José dos Campos"), the
unit the name and place detectors judge with their word lists and the words around.

Letters are Unicode letters: "Łukasz Wójcik", "Nguyễn Thị Hoa" and "Ó Catháin" are runs
as much as "John Smith". Lower-case particles (van, der, de, la, bin...) join the
capitalised words around them but never start or end a run.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

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


@lru_cache(maxsize=512)
def runs(text: str) -> tuple[Run, ...]:
    """The runs of capitalised words of `text`, in order; words are joined by one space."""
    out: list[Run] = []
    words: list[re.Match] = []

    def close() -> None:
        while words and not is_capital(words[-1].group(0)):
            words.pop()  # a particle does not end a run
        if words:
            out.append(Run(words[0].start(), words[-1].end(), tuple(w.group(0) for w in words)))
        words.clear()

    for match in WORD.finditer(text):
        word = match.group(0)
        joined = bool(words) and text[words[-1].end() : match.start()] == " "
        if not joined:
            close()
        possessive = word.endswith(("'s", "’s"))
        if possessive:  # "Aoife's case": the run is "Aoife", and it ends there
            match = _Word(match.start(), match.end() - 2, word[:-2])
        if is_capital(word) or (words and word in PARTICLES):
            words.append(match)
        else:
            close()
        if possessive:
            close()
    close()
    return tuple(out)


class _Word(NamedTuple):
    """A word cut short (a possessive), with the interface of a match that runs() uses."""

    begin: int
    finish: int
    word: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, _: int = 0) -> str:
        return self.word


def sentence_start(text: str, start: int) -> bool:
    """True when only spaces, quotes or brackets stand between `start` and the previous
    sentence's end (or the start of the text)."""
    before = text[max(0, start - 6) : start].rstrip(" \"“‘'(\n")
    return start < 6 and not before or before[-1:] in (".", "!", "?", ":", ";", "")
