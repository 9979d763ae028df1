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


class BibliographyError(ValueError):
    """The file cannot be read as a bibliography; the message says why."""


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise BibliographyError(f"{path.name} cannot be read as UTF-8 text ({error})") from None


def _csl_items(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(_read(path))
    except json.JSONDecodeError as error:
        raise BibliographyError(f"{path.name} is not valid JSON (line {error.lineno})") from None
    except (ValueError, RecursionError):  # a number of 4,300+ digits; nesting thousands deep
        raise BibliographyError(
            f"{path.name} holds a number too long or lists nested too deeply to be references"
        ) from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list) or not all(isinstance(i, dict) for i in data):
        raise BibliographyError(f"{path.name} is not a CSL-JSON list of references")
    return data


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
    year = issued[0][0] if issued and issued[0] else None
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

    library = bibtexparser.parse_string(
        text,
        append_middleware=[
            middlewares.LatexDecodingMiddleware(),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    out = []
    for entry in library.entries:
        fields = {key.lower(): field.value for key, field in entry.fields_dict.items()}
        authors = [
            _vancouver_name(" ".join(name.von + name.last), " ".join(name.first))
            for name in fields.get("author", [])
            if hasattr(name, "last")
        ]
        year = str(fields.get("year", "")).strip()
        out.append(
            _clean(
                {
                    "id": entry.key,
                    "authors": authors,
                    "title": fields.get("title"),
                    "journal": fields.get("journal") or fields.get("booktitle"),
                    "publisher": fields.get("publisher"),
                    "place": fields.get("address"),
                    "year": int(year) if year.isdigit() and len(year) <= 6 else None,
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


def _clean(entry: dict[str, Any]) -> dict[str, Any]:
    """Drop empty fields and turn the rest into the plain text the renderer expects."""
    out: dict[str, Any] = {}
    for key, value in entry.items():
        if value in (None, "", []):
            continue
        out[key] = value if key in ("authors", "year") else " ".join(str(value).split())
    return out
