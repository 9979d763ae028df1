"""References kept in a BibTeX or CSL-JSON file exported by a reference manager.

`entry_ids` only scans for citation keys (cheap enough for `carekit check`); `load_entries`
parses the whole file into the draft's reference shape for the renderer, with
bibtexparser (it decodes LaTeX accents and splits author names) or the json module.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

_BIB_KEY_RE = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s{}()]+)\s*,")
_NOT_ENTRIES = {"comment", "string", "preamble"}

# Decoding LaTeX (bibtexparser) costs ~15 microseconds a character, so a few megabytes of
# field text would hold a render for minutes. Only the fields a reference shows are
# decoded, each and all together within these bounds (far above a real export's).
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FIELD_CHARS = 10_000
MAX_DECODED_CHARS = 1_000_000
_USED_FIELDS = {
    "author", "title", "journal", "booktitle", "publisher", "address", "year", "volume",
    "number", "pages", "doi", "pmid", "url",
}  # fmt: skip


class BibliographyError(ValueError):
    """The file cannot be read as a bibliography; the message says why."""


def _read(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BibliographyError(
                f"{path.name} is larger than {MAX_FILE_BYTES // 2**20} MiB; export only the "
                "references this case report cites"
            )
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise BibliographyError(f"{path.name} cannot be read as UTF-8 text ({error})") from None


def _csl_items(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(_read(path))
    except json.JSONDecodeError as error:
        raise BibliographyError(f"{path.name} is not valid JSON (line {error.lineno})") from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        raise BibliographyError(
            f"{path.name} holds a value carekit cannot read ({error})"
        ) from None
    except RecursionError:
        raise BibliographyError(f"{path.name} is nested too deeply to be CSL-JSON") from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list) or not all(isinstance(i, dict) for i in data):
        raise BibliographyError(f"{path.name} is not a CSL-JSON list of references")
    for item in data:
        problem = _csl_problem(item)
        if problem:
            raise BibliographyError(
                f"{path.name}: reference {_shown(item.get('id'))} {problem}; export it again "
                "from the reference manager, or correct it by hand"
            )
    return data


# CSL-JSON fields carekit prints; each is text (or a number, as some exporters write).
_CSL_TEXT = (
    "title", "container-title", "container-title-short", "publisher", "publisher-place",
    "volume", "issue", "page", "DOI", "PMID", "URL",
)  # fmt: skip
_NAME_PARTS = ("family", "given", "literal")


def _is_text(value: Any) -> bool:
    return value is None or (isinstance(value, (str, int, float)) and not isinstance(value, bool))


def _shown(value: Any) -> str:
    return repr(value) if _is_text(value) else "(an id that is not text)"


def _csl_problem(item: dict[str, Any]) -> str | None:
    """What is wrongly typed in one CSL-JSON item, in plain words; None if nothing."""
    if not _is_text(item.get("id")):
        return "has an `id` that is not text"
    for key in _CSL_TEXT:
        if not _is_text(item.get(key)):
            return f"has `{key}` as a {_kind(item[key])}, where CSL-JSON writes text"
    authors = item.get("author")
    if authors is not None:
        example = 'such as [{"family": "Smith", "given": "Jane"}]'
        if not isinstance(authors, list):
            return f"has `author` as a {_kind(authors)}, where CSL-JSON writes a list {example}"
        for author in authors:
            if not isinstance(author, dict) or not all(
                isinstance(author.get(part, ""), str) for part in _NAME_PARTS
            ):
                return f"has an author that is not a name {example}"
    issued = item.get("issued")
    if issued is not None:
        parts = issued.get("date-parts") if isinstance(issued, dict) else None
        if not isinstance(issued, dict) or not (
            parts is None or (isinstance(parts, list) and all(isinstance(p, list) for p in parts))
        ):
            return (
                f"has `issued` as a {_kind(issued)}, where CSL-JSON writes a date such as "
                '{"date-parts": [[2020, 3]]}'
            )
    return None


def _kind(value: Any) -> str:
    names = {list: "list", dict: "mapping", bool: "true/false value", str: "text"}
    return names.get(type(value), "number" if isinstance(value, (int, float)) else "value")


def _year(value: Any) -> int | None:
    """A plausible year (a number or digits), else None: never int() of thousands of digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value < 10_000 else None
    text = str(value).strip() if isinstance(value, str) else ""
    return int(text) if text.isdigit() and len(text) <= 4 else None


def entry_ids(path: Path) -> list[str]:
    """The citation keys in the file, in file order."""
    if path.suffix.lower() == ".json":
        return [str(item.get("id", "")) for item in _csl_items(path) if item.get("id")]
    return [
        key for kind, key in _BIB_KEY_RE.findall(_read(path)) if kind.lower() not in _NOT_ENTRIES
    ]


def load_entries(path: Path) -> list[dict[str, Any]]:
    """Every entry as a draft reference: id, authors, title, journal, year, volume, ..."""
    if path.suffix.lower() == ".json":
        return [_from_csl(item) for item in _csl_items(path) if item.get("id")]
    return _from_bibtex(_read(path))


def _vancouver_name(last: str, given: str) -> str:
    initials = "".join(part[0] for part in re.split(r"[\s.\-]+", given) if part)
    return f"{last} {initials}".strip()


def _from_csl(item: dict[str, Any]) -> dict[str, Any]:
    authors = [
        _vancouver_name(a.get("family", ""), a.get("given", ""))
        if "family" in a
        else str(a.get("literal", ""))
        for a in item.get("author", [])
        if isinstance(a, dict)
    ]
    issued = (item.get("issued") or {}).get("date-parts") or [[None]]
    year = _year(issued[0][0]) if issued and issued[0] else None
    return _clean(
        {
            "id": str(item["id"]),
            "authors": authors,
            "title": item.get("title"),
            "journal": item.get("container-title-short") or item.get("container-title"),
            "publisher": item.get("publisher"),
            "place": item.get("publisher-place"),
            "year": year,
            "volume": item.get("volume"),
            "issue": item.get("issue"),
            "pages": item.get("page"),
            "doi": item.get("DOI"),
            "pmid": item.get("PMID"),
            "url": item.get("URL"),
        }
    )


def _from_bibtex(text: str) -> list[dict[str, Any]]:
    import bibtexparser
    from bibtexparser import middlewares

    library = bibtexparser.parse_string(text)  # split, resolve @string, unbrace: cheap
    _bound_fields(library)
    for middleware in (
        middlewares.LatexDecodingMiddleware(),
        middlewares.SeparateCoAuthors(),
        middlewares.SplitNameParts(),
    ):
        library = middleware.transform(library)
    out = []
    for entry in library.entries:
        fields = {key.lower(): field.value for key, field in entry.fields_dict.items()}
        authors = [
            _vancouver_name(" ".join(name.von + name.last), " ".join(name.first))
            for name in fields.get("author", [])
            if hasattr(name, "last")
        ]
        out.append(
            _clean(
                {
                    "id": entry.key,
                    "authors": authors,
                    "title": fields.get("title"),
                    "journal": fields.get("journal") or fields.get("booktitle"),
                    "publisher": fields.get("publisher"),
                    "place": fields.get("address"),
                    "year": _year(str(fields.get("year", ""))),
                    "volume": fields.get("volume"),
                    "issue": fields.get("number"),
                    "pages": fields.get("pages"),
                    "doi": fields.get("doi"),
                    "pmid": fields.get("pmid"),
                    "url": fields.get("url"),
                }
            )
        )
    return out


def _bound_fields(library: Any) -> None:
    """Drop the fields no reference shows (abstracts, notes, file links), then refuse a
    field, or a file, with more text than decoding it can take in reasonable time."""
    total = 0
    for entry in library.entries:
        for key in [f.key for f in entry.fields if f.key.lower() not in _USED_FIELDS]:
            entry.pop(key)
        for field in entry.fields:
            size = len(str(field.value))
            if size > MAX_FIELD_CHARS:
                raise BibliographyError(
                    f"the field {field.key!r} of entry {entry.key!r} is {size:,} characters "
                    f"long (at most {MAX_FIELD_CHARS:,}); correct it in the reference manager"
                )
            total += size
    if total > MAX_DECODED_CHARS:
        raise BibliographyError(
            f"its references hold more than {MAX_DECODED_CHARS:,} characters of text; "
            "export only the references this case report cites"
        )


def _clean(entry: dict[str, Any]) -> dict[str, Any]:
    """Drop empty fields and turn the rest into the plain text the renderer expects."""
    out: dict[str, Any] = {}
    for key, value in entry.items():
        if value in (None, "", []):
            continue
        out[key] = value if key in ("authors", "year") else " ".join(str(value).split())
    return out
