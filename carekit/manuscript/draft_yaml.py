"""The imported parts written as a draft: keys in the format's order, text as written,
and a comment at each field naming where in the manuscript it came from."""

from __future__ import annotations

import io
import re

from carekit.draft import written
from carekit.draft.format import DRAFT
from carekit.manuscript import cited
from carekit.manuscript.marked import linked_citations, plain
from carekit.manuscript.parts import Imported
from carekit.tuples import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Piece = tuple[str, str]

_CITE_RE = re.compile(r"\[(\d+(?:\s*[,\u2013-]\s*\d+)*)\]")
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_NUMBER_RE = re.compile(r"^-?\d+(\.\d+)?$")
# Values the metadata (or carekit's marks) give whole.
_META_KEYS = ("title", "short_title", "article_type", "journal", "language", "bibliography")


class PlainNumber(str):
    """A number kept exactly as written ("1.50" stays 1.50), written without quotes."""


def _yaml():
    from ruamel.yaml import YAML
    from ruamel.yaml.representer import RoundTripRepresenter

    yaml = YAML()
    yaml.width = 88
    yaml.indent(mapping=2, sequence=4, offset=2)
    RoundTripRepresenter.add_representer(
        PlainNumber,
        lambda r, d: r.represent_scalar(f"tag:yaml.org,2002:{'float' if '.' in d else 'int'}", d),
    )
    return yaml


class ImportedDraft(NamedTuple):
    text: str
    # Where each draft key (a path such as ("patient", "age") or ("diagnostics", "labs", 2))
    # came from in the manuscript.
    sources: dict[tuple, str]


def draft_text(parts: Imported, source: str) -> ImportedDraft:
    """The draft as YAML text, with where each of its keys came from."""
    from ruamel.yaml.comments import CommentedMap

    citations = _numbered(parts)
    root = CommentedMap()
    root["carekit"] = 1
    root.yaml_set_start_comment(
        f"Imported from {source} by `carekit import`. Each comment says where the value\n"
        "stood in the manuscript; passages carekit could not place are under `unplaced:`."
    )
    builder = _Builder(parts, citations)
    builder.fill(root)
    out = io.StringIO()
    _yaml().dump(root, out)
    return ImportedDraft(plain(out.getvalue()), builder.sources)


def _numbered(parts: Imported) -> dict[str, str]:
    """Reference numbers to citation keys: the keys carekit's marks carry, else numbered
    keys when the reference list was read in order."""
    if parts.citation_keys:
        return parts.citation_keys
    return {str(n): f"ref{n}" for n in range(1, len(parts.entries.get("references", [])) + 1)}


class _Builder:
    def __init__(self, parts: Imported, citations: dict[str, str]) -> None:
        self.parts = parts
        self.citations = citations
        self.cited = cited.carried(parts.written)  # citations as written, still unused
        self.sources: dict[tuple, str] = {}

    def put(self, root, path: list[str], value: Any, where: str | None, each=None) -> None:
        """root[a][b]... = value, with a comment naming its source; `each` gives the
        source of each entry of a list."""
        _put(root, path, value, where)
        if where:
            self.sources[tuple(path)] = where
        for index, entry_where in enumerate(each or []):
            self.sources[(*path, index)] = entry_where

    def text(self, pieces: list[Piece]) -> Any:
        from ruamel.yaml.scalarstring import LiteralScalarString

        joined = "\n\n".join(self.cite(text) for text, _where in pieces)
        return LiteralScalarString(joined + "\n") if "\n" in joined or len(joined) > 70 else joined

    def cite(self, text: str) -> str:
        """Numbered citations ("[1, 3-5]") as draft citations ("[@ref1; @ref3; ...]")."""

        def keys(match: re.Match) -> str:
            numbers = []
            for part in re.split(r"\s*,\s*", match.group(1)):
                ends = re.split(r"\s*[\u2013-]\s*", part)
                low, high = int(ends[0]), int(ends[-1])
                numbers += [str(n) for n in range(low, high + 1)] if high - low < 50 else []
            if not numbers or any(n not in self.citations for n in numbers):
                return match.group(0)
            return "[" + "; ".join(f"@{self.citations[n]}" for n in numbers) + "]"

        parts = self.parts
        if parts.citation_keys or parts.anchors:  # carekit's own links, read as sentinels

            def convert(found: str) -> str:
                return linked_citations(found, parts.citation_keys, parts.anchors, parts.crossrefs)

            return convert(cited.as_written(text, self.cited, convert))
        return _CITE_RE.sub(keys, text) if self.citations else text

    def fill(self, root) -> None:
        fields, meta = self.parts.fields, self.parts.meta
        for text, where in fields.get("timeline.narrative") or []:
            # A timeline told in words has no key of its own; its author makes the table.
            self.parts.unplaced.insert(0, (text, f"{where} (a timeline in words)"))
        for key in DRAFT.fields:  # in the order a draft lists them
            if key in _META_KEYS and key in meta:
                self.put(root, [key], meta[key][0], meta[key][1])
            elif key == "keywords":
                self.keywords(root)
            elif key in ("authors", "figures", "tables", "references", "timeline"):
                getattr(self, key)(root)
            elif key == "interventions":
                self.interventions(root)
            elif key == "patient":
                for fact in [k for k in meta if k.startswith("patient.")]:
                    self.put(root, fact.split("."), meta[fact][0], meta[fact][1])
                self.listed(root, "patient.past_interventions")
            elif key == "intervention_changes":
                self.listed(root, "intervention_changes")
            elif key == "unplaced":
                self.unplaced(root)
            elif key == "diagnostics":
                self.labs(root)
                for listed in ("imaging", "other_results", "differential"):
                    self.listed(root, f"diagnostics.{listed}")
            if key == "consent":
                self.consent(root)
            for path in [p for p in fields if p.split(".")[0] == key]:
                if path in ("interventions.notes", "timeline.narrative"):
                    continue
                value = fields[path]
                if path == "diagnostics.final_diagnosis":
                    value = [(" ".join(t for t, _w in value), value[0][1])]
                self.put(root, path.split("."), self.text(value), _places(value))

    def consent(self, root) -> None:
        """Consent's yes/no facts as the draft wrote them, while the consent statement (or
        waiver) printed is unchanged, or still absent if none was printed."""
        carried = self.parts.written.get("consent")
        pieces = self.parts.fields.get("consent.statement") or self.parts.fields.get(
            "consent.waiver"
        )
        printed = "\n\n".join(plain(text) for text, _where in pieces or [])
        facts = carried and written.restored("consent", carried, printed)
        for fact, value in (facts or {}).items():
            self.put(root, ["consent", fact], value, "carekit's marks (the consent unchanged)")

    def listed(self, root, key: str) -> None:
        """Entries read as they are (past interventions, changes), each with its place."""
        found = self.parts.entries.get(key) or []
        if found:
            entries = [{k: self.cite(v) for k, v in e.items()} for e, _w in found]
            self.put(root, key.split("."), entries, _places(found), [w for _e, w in found])

    def labs(self, root) -> None:
        found = self.parts.entries.get("diagnostics.labs") or []
        labs = []
        for entry, _where in found:
            lab = dict(entry)
            if _NUMBER_RE.match(lab.get("value", "")):
                lab["value"] = PlainNumber(lab["value"])
            labs.append(lab)
        if labs:
            self.put(root, ["diagnostics", "labs"], labs, _places(found), [w for _e, w in found])

    def keywords(self, root) -> None:
        found = self.parts.entries.get("keywords") or []
        if found:
            self.put(root, ["keywords"], [e["text"] for e, _w in found], found[0][1])

    def authors(self, root) -> None:
        found = self.parts.entries.get("authors") or []
        if found:
            self.put(
                root,
                ["authors"],
                [{k: v for k, v in e.items() if k != "numbers"} for e, _w in found],
                found[0][1],
                [w for _e, w in found],
            )

    def timeline(self, root) -> None:
        entries = []
        for entry, _where in self.parts.entries.get("timeline") or []:
            when = entry.get("when", "")
            key = "date" if _ISO_DATE_RE.match(when) else "at"
            # (an id and time carried as written: draft/written.py)
            kept = {k: entry[k] for k in ("id", "date", "at") if k in entry}
            timing = kept if "at" in kept or "date" in kept else {**kept, key: when}
            entries.append({**timing, "event": self.cite(entry.get("event", ""))})
        if entries:
            found = self.parts.entries["timeline"]
            self.put(root, ["timeline"], entries, found[0][1], [w for _e, w in found])

    def interventions(self, root) -> None:
        found = self.parts.entries.get("interventions") or []
        entries = [
            {k: self.cite(v) if k == "notes" else v for k, v in e.items()} for e, _w in found
        ]
        places = [w for _e, w in found]
        for text, where in self.parts.fields.get("interventions.notes") or []:
            heading = where.rsplit(",", 1)[0].split(" > ")[-1]
            entries.append({"type": "other", "name": heading, "notes": self.text([(text, where)])})
            places.append(where)
        for entry in entries:
            if "type" in entry:
                entry["type"] = entry["type"].strip().lower()
        if entries:
            self.put(root, ["interventions"], entries, _places([("", w) for w in places]), places)

    def figures(self, root) -> None:
        entries, found = [], _in_place(self.parts.entries.get("figures") or [])
        for n, (entry, _where) in enumerate(found, 1):
            figure = {"id": entry.get("id", f"fig-{n}")}
            for key in ("file", "caption", "alt"):
                if entry.get(key):
                    figure[key] = entry[key] if key == "file" else self.cite(entry[key])
            entries.append(figure)
        if entries:
            where = "the figures"
            if not all("file" in figure for figure in entries):
                where += "; add `file:` with each image saved beside the draft"
            self.put(root, ["figures"], entries, where, [w for _e, w in found])

    def tables(self, root) -> None:
        entries = []
        for n, (entry, _where) in enumerate(self.parts.entries.get("tables") or [], 1):
            entry = {**entry, "caption": self.cite(entry.get("caption") or "")}
            entry["rows"] = [[self.cite(cell) for cell in row] for row in entry.get("rows", [])]
            entries.append({"id": f"tbl-{n}", **{k: v for k, v in entry.items() if v}})
        if entries:
            found = self.parts.entries["tables"]
            self.put(root, ["tables"], entries, found[0][1], [w for _e, w in found])

    def references(self, root) -> None:
        entries, found = [], _in_place(self.parts.entries.get("references") or [])
        for n, (entry, _where) in enumerate(found, 1):
            if "written" in entry:  # unchanged since carekit printed it: as the draft had it
                entries.append(entry["written"])
            elif "text" in entry:  # a reference as typed: its parts are the author's to split
                entries.append({"id": entry.get("id") or f"ref{n}", "title": entry["text"]})
            else:  # numbered references ("1", "ref-1") take the key numbered citations use
                key = entry.get("id") or ""
                numbered = not key or re.fullmatch(r"(?:ref-?)?\d+", key)
                entries.append({**entry, "id": f"ref{n}" if numbered else key})
        if entries:
            where = "the reference list; a reference typed as text is its title here: split it"
            self.put(root, ["references"], entries, where, [w for _e, w in found])

    def unplaced(self, root) -> None:
        if self.parts.unplaced:
            found = self.parts.unplaced
            entries = [{"from": where, "text": self.text([(t, where)])} for t, where in found]
            self.put(root, ["unplaced"], entries, None, [w for _t, w in found])


def _in_place(found: list) -> list:
    """Entries in the draft's order where carekit's marks gave it (`place`), which is not
    always the manuscript's (a reference list in citation order)."""
    if not all(isinstance(entry.get("place"), int) for entry, _where in found):
        return found
    ordered = sorted(found, key=lambda item: item[0]["place"])
    return [({k: v for k, v in e.items() if k != "place"}, w) for e, w in ordered]


def _places(pieces: list[Piece]) -> str:
    places = list(dict.fromkeys(where for _text, where in pieces))
    return "; ".join(places[:3]) + ("; ..." if len(places) > 3 else "")


def _put(root, path: list[str], value: Any, where: str | None) -> None:
    """Set root[a][b]... = value, creating mappings, with a comment naming its source."""
    from ruamel.yaml.comments import CommentedMap

    node = root
    for key in path[:-1]:
        node = node.setdefault(key, CommentedMap())
    node[path[-1]] = value
    if where:
        node.yaml_set_comment_before_after_key(
            path[-1], before=f"from: {where}", indent=2 * (len(path) - 1)
        )
