"""Journal profiles: what a target journal asks for, as data (checklists/journals/*.yaml).

Each fact in a profile carries its source and how sure carekit is of it (high, medium,
low), and findings that apply a journal's rule say which profile and source they rest
on. Where a journal contradicts CARE (BMJ Case Reports forbids "case report" in the
title), the profile decides.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from carekit.errors import CarekitError
from carekit.resources import data_dir
from carekit.tuples import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from carekit.io.validated import Schema

DEFAULT_JOURNAL = "care"


class Journal(NamedTuple):
    name: str
    title: str
    template: str
    facts: dict[str, Any]  # the profile's sections: abstract, keywords, title_rules, ...
    # The folder of a profile file given on the command line or in the configuration,
    # where its own template may lie; None for the bundled profiles.
    folder: Path | None = None

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
    return sorted(name[:-5] for name in os.listdir(journals_dir()) if name.endswith(".yaml"))


def names_a_file(name: str) -> bool:
    """Whether `name` is a path (to a profile file) rather than a journal's name."""
    text = name.strip()
    return (
        "/" in text
        or "\\" in text
        or text.lower().endswith((".yaml", ".yml", ".json"))
        or text.startswith((".", "~"))
        or Path(text).is_absolute()
    )


def draft_journal_problem(value: Any) -> str | None:
    """Why a draft's `journal:` cannot be used, or None. A draft names its journal only by
    name: a path would let a stranger's draft load its own profile and, through the
    profile's `template:`, its own template code."""
    if isinstance(value, str) and names_a_file(value):
        return (
            f"`journal:` names a file ({value.strip()!r}); a draft may only name a journal "
            "by its name, e.g. jmcr; pass a profile file with --journal on the command line "
            "or in .carekit.yaml"
        )
    return None


@lru_cache(maxsize=16)
def load_journal(name: str) -> Journal:
    """The bundled profile `name`, or the profile file at the path `name`. Only the command
    line and the configuration may give a path; a draft's `journal:` goes through
    `resolve`, which looks names up among the bundled and configured profiles only."""
    if names_a_file(name):
        path = Path(name).expanduser()
    elif known(name):
        path = journals_dir() / f"{name}.yaml"
    else:
        path = None
    if path is None or not path.is_file():
        raise CarekitError(
            f"No journal profile {name!r}. Profiles: {', '.join(journal_names())}"
            " (see `carekit journals`)."
        )
    data = load_profile(path)
    return Journal(
        name=str(data["name"]),
        title=str(data.get("title") or data["name"]),
        template=str(data.get("template") or "default"),
        facts={k: v for k, v in data.items() if k not in ("name", "title", "template")},
        folder=path.parent.resolve() if names_a_file(name) else None,
    )


def load_profile(path: Path) -> dict[str, Any]:
    """The profile file at `path`, validated against journals/schema.py: every problem
    (unknown or misspelt key, wrong type) raises one CarekitError with line:col. Empty
    values (`max_words:` with nothing after it) are left out, so rules use their default."""
    from carekit.io.validated import load_validated

    data = _pruned(load_validated(path, _profile_schema, "journal profile"))
    if not isinstance(data, dict):
        raise CarekitError(f"The journal profile {path} must be a mapping of sections.")
    return {**data, "name": str(data.get("name") or "").strip() or path.stem}


def _profile_schema() -> Schema:
    from carekit.journals.schema import PROFILE, RETIRED

    return PROFILE, RETIRED


def _pruned(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _pruned(v) for k, v in value.items() if v is not None}
    return value


def known(name: str | None) -> bool:
    """Whether `name` is exactly a bundled profile's name (never a path)."""
    return isinstance(name, str) and name in journal_names()


def _trusted(name: str | None) -> Journal | None:
    """The profile a flag or the configuration names (a bundled name or a file)."""
    if name and (known(name) or names_a_file(name)):
        return load_journal(name)
    return None


def resolve(
    flag: str | None, drafted: Any = None, configured: str | None = None
) -> tuple[Journal, str | None]:
    """The profile for the first journal given (flag, draft, configuration, in that order),
    and that name when no profile matches it (the draft is then checked against CARE).

    The flag and the configuration may name a profile file. The draft may only name a
    bundled profile, or the one the configuration loads, by its name; a draft naming a
    file is ignored here and reported by the `journal-path` rule."""
    if not isinstance(drafted, str) or draft_journal_problem(drafted):
        drafted = None
    if flag:
        profile = _trusted(flag)
        return (profile, None) if profile else (load_journal(DEFAULT_JOURNAL), flag)
    if drafted:
        if known(drafted):
            return load_journal(drafted), None
        profile = _trusted(configured)
        if profile is not None and profile.name == drafted:
            return profile, None
        return load_journal(DEFAULT_JOURNAL), drafted
    if configured:
        profile = _trusted(configured)
        return (profile, None) if profile else (load_journal(DEFAULT_JOURNAL), configured)
    return load_journal(DEFAULT_JOURNAL), None
