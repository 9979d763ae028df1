"""The CARE checklist as data: load a checklist file and ask a draft what it reports."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from carekit.draft.model import Draft
from carekit.errors import CarekitError
from carekit.resources import data_dir
from carekit.tuples import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from carekit.io.validated import Schema

DEFAULT_CHECKLIST = "care-2013"


class Item(NamedTuple):
    id: str
    key: str
    topic: str
    requirement: str
    satisfied_by: tuple[str, ...]
    missing: str
    fix: str
    # The written decision rule: status word -> what makes the item that, in content terms.
    decision: tuple[tuple[str, str], ...] = ()

    @property
    def may_not_apply(self) -> bool:
        """True when the decision rule says when the item does not apply (8d, 9c, 12...);
        a reason for leaving out any other item leaves it "not reported"."""
        return any(status == "not_applicable" for status, _ in self.decision)

    @property
    def label(self) -> str:
        return f"CARE {self.id} ({self.topic})"


class Checklist(NamedTuple):
    name: str
    title: str
    numbering: str
    sources: tuple[str, ...]
    items: tuple[Item, ...]

    def item(self, key: str | None) -> Item | None:
        return next((item for item in self.items if item.key == key), None)

    def find(self, id_or_key: str) -> Item | None:
        """An item by its displayed ID (e.g. "8d") or its stable key."""
        wanted = str(id_or_key).strip().lower()
        return next((i for i in self.items if wanted in (i.id.lower(), i.key)), None)


def _checklist_schema() -> Schema:
    from carekit.check.checklist_schema import CHECKLIST

    return CHECKLIST, {}


@lru_cache(maxsize=8)
def load_checklist(name: str = DEFAULT_CHECKLIST) -> Checklist:
    """Load `checklists/NAME.yaml` (or a path to a checklist file), validated against
    check/checklist_schema.py: any problem raises one CarekitError with line:col."""
    from carekit.io.validated import load_validated

    path = (
        Path(name) if name.endswith((".yaml", ".yml")) else data_dir("checklists") / f"{name}.yaml"
    )
    if not path.is_file():
        raise CarekitError(f"The checklist {path} cannot be read: there is no such file.")
    raw = load_validated(path, _checklist_schema, "checklist")
    return Checklist(
        name=str(raw["name"]),
        title=str(raw.get("title") or raw["name"]),
        numbering=str(raw.get("numbering") or ""),
        sources=tuple(str(s) for s in raw.get("sources") or ()),
        items=tuple(_item(entry) for entry in raw["items"]),
    )


def _item(entry: dict[str, Any]) -> Item:
    return Item(
        id=str(entry["id"]),
        key=str(entry["key"]),
        topic=str(entry["topic"]),
        requirement=str(entry["requirement"]),
        satisfied_by=tuple(str(p) for p in entry["satisfied_by"]),
        missing=str(entry["missing"]),
        fix=str(entry["fix"]),
        decision=tuple((str(k), str(v)) for k, v in (entry.get("decision") or {}).items()),
    )


def has_content(value: Any) -> bool:
    """True when a value says something: non-blank text, a number, or a non-empty list."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple)):
        return any(has_content(v) for v in value)
    if isinstance(value, dict):
        return any(has_content(v) for v in value.values())
    return True


def values_at(draft: Draft, pattern: str) -> list[Any]:
    """The values at a dotted path where `name[]` means every entry of the list `name`.

    A generic walk of the validated mapping, not the model: the paths are data (each
    item's `satisfied_by` in the checklist file), so any key the format has can be named."""
    found: list[Any] = [draft.data]
    for part in pattern.split("."):
        every = part.endswith("[]")
        name = part[:-2] if every else part
        step = []
        for value in found:
            if isinstance(value, dict) and name in value:
                child = value[name]
                if every:
                    step.extend(child if isinstance(child, list) else [])
                else:
                    step.append(child)
        found = step
    return found


def reports(draft: Draft, item: Item) -> bool:
    """True when the draft holds content for the item anywhere it may be reported."""
    return any(has_content(v) for p in item.satisfied_by for v in values_at(draft, p))


def first_path(pattern: str) -> tuple[str, ...]:
    """The plain key path of a pattern, for pointing at where content should go."""
    return tuple(part.removesuffix("[]") for part in pattern.split("."))
