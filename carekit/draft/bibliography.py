"""References kept in a file exported by a reference manager: BibTeX/BibLaTeX, CSL-JSON,
CSL-YAML or RIS. pandoc formats them (carekit.render.citeproc); this module is the one
place carekit itself reads them: `entry_ids` scans for citation keys (cheap enough for
`carekit check`), `validate` refuses a file too large or wrongly typed before pandoc sees
it, and `journals` gives each article's journal and abbreviation for the check.
"""

from __future__ import annotations

import re
from pathlib import Path

from carekit.tuples import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_BIB_KEY_RE = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s{}()]+)\s*,")
_NOT_ENTRIES = {"comment", "string", "preamble"}
_RIS_ID_RE = re.compile(r"^ID  - (.*)$", re.MULTILINE)
# File types by extension, as pandoc tells them apart (.bib is BibLaTeX, a superset).
_FORMATS = {
    ".bib": "bibtex", ".bibtex": "bibtex", ".json": "csljson", ".yaml": "cslyaml",
    ".yml": "cslyaml", ".ris": "ris",
}  # fmt: skip

# Decoding LaTeX costs time for every character, so a few megabytes of field text would
# hold a render for minutes. The fields a reference shows must keep within these bounds
# (far above a real export's); abstracts, notes and file links are not counted.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FIELD_CHARS = 10_000
MAX_DECODED_CHARS = 1_000_000
_USED_FIELDS = {
    "author", "editor", "title", "journal", "journaltitle", "shortjournal", "booktitle",
    "publisher", "address", "location", "year", "date", "urldate", "edition", "volume",
    "number", "pages", "doi", "pmid", "url", "type", "institution", "organization",
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
    import json  # only for a CSL-JSON file: not on every check

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
    return _checked(path, data)


def _checked(path: Path, data: Any) -> list[dict[str, Any]]:
    """`data` as a list of CSL items, each with its fields typed as CSL says."""
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
    "volume", "issue", "page", "DOI", "PMID", "URL", "edition", "type",
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
    for key in ("author", "editor", "container-author", "translator"):
        problem = _names_problem(key, item.get(key))
        if problem:
            return problem
    for key in ("issued", "accessed"):
        value = item.get(key)
        parts = value.get("date-parts") if isinstance(value, dict) else None
        if value is not None and not (
            isinstance(value, dict)
            and (
                parts is None
                or (isinstance(parts, list) and all(isinstance(p, list) for p in parts))
            )
        ):
            return (
                f"has `{key}` as a {_kind(value)}, where CSL-JSON writes a date such as "
                '{"date-parts": [[2020, 3]]}'
            )
    return None


def _names_problem(key: str, names: Any) -> str | None:
    example = 'such as [{"family": "Smith", "given": "Jane"}]'
    if names is None:
        return None
    if not isinstance(names, list):
        return f"has `{key}` as a {_kind(names)}, where CSL-JSON writes a list {example}"
    for name in names:
        if not isinstance(name, dict) or not all(
            isinstance(name.get(part, ""), str) for part in _NAME_PARTS
        ):
            return f"has an {key} that is not a name {example}"
    return None


def _kind(value: Any) -> str:
    names = {list: "list", dict: "mapping", bool: "true/false value", str: "text"}
    return names.get(type(value), "number" if isinstance(value, (int, float)) else "value")


def _kind_of(path: Path) -> str:
    kind = _FORMATS.get(path.suffix.lower())
    if kind is None:
        raise BibliographyError(
            f"{path.name} is not a file type carekit reads as a bibliography; export it as "
            "BibTeX or BibLaTeX (.bib), CSL-JSON (.json), CSL-YAML (.yaml) or RIS (.ris)"
        )
    return kind


def entry_ids(path: Path) -> list[str]:
    """The citation keys in the file, in file order (cheap: for `carekit check`)."""
    kind = _kind_of(path)
    if kind in ("csljson", "cslyaml"):
        return [str(item.get("id", "")) for item in _items(path, kind) if item.get("id")]
    if kind == "ris":
        return [m[1].strip() for m in _RIS_ID_RE.finditer(_read(path)) if m[1].strip()]
    return [
        key for kind, key in _BIB_KEY_RE.findall(_read(path)) if kind.lower() not in _NOT_ENTRIES
    ]


def validate(path: Path) -> list[dict[str, Any]] | None:
    """Refuse, with a reason, a file too large or too oddly typed to hand to pandoc. A
    CSL-JSON or CSL-YAML file's checked items are returned (pandoc gets those, not the
    file); None for the other types, which pandoc reads itself."""
    kind = _kind_of(path)
    if kind in ("csljson", "cslyaml"):
        return _items(path, kind)
    if kind == "bibtex":
        _bibtex(path)
    else:
        _read(path)
    return None


class Journal(NamedTuple):
    """One entry's journal, as the check for NLM abbreviations needs it."""

    id: str
    journal: str  # the full title ("" when the entry is no article)
    short: str  # the abbreviation the export gives ("" when none)


def journals(path: Path) -> list[Journal]:
    """The journal articles in the file, with their journal and its abbreviation, read
    as pandoc reads them (RIS: pandoc ignores the J2 abbreviation, so none is given)."""
    kind = _kind_of(path)
    if kind in ("csljson", "cslyaml"):
        return [
            Journal(
                str(i["id"]),
                _plain(i.get("container-title")),
                _plain(i.get("container-title-short") or i.get("journalAbbreviation")),
            )
            for i in _items(path, kind)
            if i.get("id") and i.get("type", "article-journal") == "article-journal"
        ]
    if kind == "ris":
        return []  # no abbreviation field pandoc reads: the rule says so for RIS itself
    out = []
    for entry in _bibtex(path).entries:
        if entry.entry_type.lower() != "article":
            continue
        fields = {key.lower(): str(field.value) for key, field in entry.fields_dict.items()}
        full = fields.get("journal") or fields.get("journaltitle") or ""
        out.append(Journal(entry.key, full, fields.get("shortjournal", "")))
    return out


def _plain(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _items(path: Path, kind: str) -> list[dict[str, Any]]:
    if kind == "csljson":
        return _csl_items(path)
    from carekit.errors import CarekitError
    from carekit.io.yamldata import load_data

    try:
        data = load_data(path, "bibliography")
    except CarekitError as error:
        raise BibliographyError(error.message.rstrip(".")) from None
    if isinstance(data, dict) and isinstance(data.get("references"), list):
        data = data["references"]
    return _checked(path, data)


def _bibtex(path: Path) -> Any:
    """The file parsed by bibtexparser (no LaTeX decoding: pandoc decodes), with every
    field a reference shows within bounds."""
    import bibtexparser

    library = bibtexparser.parse_string(_read(path))  # split, resolve @string, unbrace: cheap
    _bound_fields(library)
    return library


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
