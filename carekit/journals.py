"""Journal profiles: what a target journal asks for, as data (checklists/journals/*.yaml).

Each fact in a profile carries its source and how sure carekit is of it (high, medium,
low), and findings that apply a journal's rule say which profile and source they rest
on. Where a journal contradicts CARE (BMJ Case Reports forbids "case report" in the
title), the profile decides.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from carekit.errors import CarekitError
from carekit.resources import data_dir

DEFAULT_JOURNAL = "care"


class Journal(NamedTuple):
    name: str
    title: str
    checklist: str
    template: str
    facts: dict[str, Any]  # the profile's sections: abstract, keywords, title_rules, ...

    def fact(self, section: str, key: str, default: Any = None) -> Any:
        return (self.facts.get(section) or {}).get(key, default)

    def basis(self, section: str) -> str:
        """'profile jmcr: SOURCE (confidence medium)', for findings to cite."""
        facts = self.facts.get(section) or {}
        source = facts.get("source", "no source recorded")
        return f"profile {self.name}: {source} (confidence {facts.get('confidence', 'unknown')})"


def journals_dir() -> Path:
    return data_dir("checklists") / "journals"


def journal_names() -> list[str]:
    return sorted(path.stem for path in journals_dir().glob("*.yaml"))


@lru_cache(maxsize=16)
def load_journal(name: str) -> Journal:
    """The profile `name` (a file in checklists/journals/, or a path to one)."""
    from carekit.yamldata import load_data

    path = Path(name) if name.endswith((".yaml", ".yml")) else journals_dir() / f"{name}.yaml"
    if not path.is_file():
        raise CarekitError(
            f"No journal profile {name!r}. Profiles: {', '.join(journal_names())}"
            " (see `carekit journals`)."
        )
    data = load_data(path, "journal profile") or {}
    try:
        return Journal(
            name=str(data["name"]),
            title=str(data.get("title", data["name"])),
            checklist=str(data.get("checklist", "care-2013")),
            template=str(data.get("template", "default")),
            facts={
                k: v for k, v in data.items() if k not in ("name", "title", "checklist", "template")
            },
        )
    except (KeyError, TypeError) as error:
        raise CarekitError(f"The journal profile {path} is malformed: {error}") from None


def known(name: str | None) -> bool:
    return bool(name) and (journals_dir() / f"{name}.yaml").is_file()


def resolve(*names: str | None) -> tuple[Journal, str | None]:
    """The profile for the first name given (flag, draft, configuration, in that order),
    and that name when no profile matches it (the draft is then checked against CARE)."""
    asked = next((name for name in names if name), None)
    if known(asked):
        return load_journal(asked), None
    return load_journal(DEFAULT_JOURNAL), asked
