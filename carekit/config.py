"""The configuration file: `.carekit.yaml`, or `[tool.carekit]` in `pyproject.toml`.

This module only finds, reads and validates the file; `carekit.app.settings` merges it with
the command line, the draft and the defaults. It imports nothing from the rest of carekit
but the guarded readers, so every layer can use it without a cycle.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Collection
from pathlib import Path

from carekit.errors import CarekitError
from carekit.findings import Severity
from carekit.tuples import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FILE_NAMES = (".carekit.yaml", ".carekit.yml", "pyproject.toml")
FORMATS = ("text", "json", "sarif", "github", "auto")
PAPERS = ("a4", "letter")
OFF = "off"
# Every key the file may hold, in the order `carekit config` shows them.
KEYS = (
    "journal",
    "checklist",
    "template",
    "paper",
    "csl",
    "format",
    "select",
    "ignore",
    "per-file-ignores",
    "severity",
    "privacy",
    "strict",
)


class ConfigFile(NamedTuple):
    """The configuration file in force (None when there is none) and its validated values."""

    path: Path | None
    values: dict[str, Any]

    def ignored_for(self, draft: Path) -> frozenset[str]:
        """Rule IDs that `per-file-ignores` switches off for `draft`."""
        base = self.path.parent if self.path else Path.cwd()
        try:
            relative = draft.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            relative = draft.as_posix()
        out: set[str] = set()
        for pattern, rules in self.values.get("per-file-ignores", {}).items():
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(draft.name, pattern):
                out |= rules
        return frozenset(out)


def find_config_file(start: Path) -> Path | None:
    """The nearest `.carekit.yaml` (or pyproject.toml with [tool.carekit]) at or above start."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        for name in FILE_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_section(path)):
                return path
    return None


def read_config(start: Path, known_rules: Collection[str]) -> ConfigFile:
    """The configuration that applies at `start` (a draft or a folder), validated against
    the rule IDs carekit knows; a bad file raises CarekitError (exit 2)."""
    path = find_config_file(start)
    if path is None:
        return ConfigFile(None, {})
    return ConfigFile(path, validate(_read(path), path, known_rules))


def _has_tool_section(path: Path) -> bool:
    try:
        return "[tool.carekit" in path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def _read(path: Path) -> dict[str, Any]:
    from carekit.io.yamldata import load_data

    if path.name != "pyproject.toml":
        data = load_data(path, "configuration") or {}  # the guarded YAML reader
    else:
        data = _read_toml(path)
    if not isinstance(data, dict):
        raise CarekitError(f"The configuration {path} must be a mapping of settings.")
    return data


def _read_toml(path: Path) -> Any:
    from carekit.io.yamlguard import MAX_BYTES

    try:
        if path.stat().st_size > MAX_BYTES:
            raise CarekitError(f"The configuration {path} is larger than 5 MiB.")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CarekitError(f"The configuration {path} cannot be read: {error}") from None
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text).get("tool", {}).get("carekit", {})
    except tomllib.TOMLDecodeError as error:
        raise CarekitError(f"The configuration {path} is not valid TOML: {error}") from None
    except RecursionError:  # arrays nested thousands deep
        raise CarekitError(f"The configuration {path} nests too deeply to read.") from None


def rule_ids(value: Any, where: str, known: Collection[str]) -> frozenset[str]:
    """A list (or comma-separated text) of rule IDs, every one of them known."""
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise CarekitError(f"{where} must be a list of rule IDs.")
    unknown = sorted(set(value) - set(known))
    if unknown:
        raise CarekitError(f"{where} names unknown rule IDs: {', '.join(unknown)}.")
    return frozenset(value)


def _name(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CarekitError(f"{where} must be a name.")
    return value.strip()


def _choice(choices: tuple[str, ...]):
    def check(value: Any, where: str) -> str:
        if value not in choices:
            raise CarekitError(f"{where} must be one of {', '.join(choices)}.")
        return value

    return check


def _strict(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise CarekitError(f"{where} must be true or false.")
    return value


def _privacy(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    allow = value.get("allow", []) if isinstance(value, dict) else None
    if not isinstance(allow, list) or not all(isinstance(a, str) for a in allow):
        raise CarekitError(f"{where} must be a mapping with `allow:` (a list of terms).")
    return {"allow": tuple(allow)}


def _severity(value: Any, where: str, known: Collection[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        raise CarekitError(f"{where} must map rule IDs to error, warning, info or off.")
    rule_ids(list(value), where, known)
    levels = {s.value for s in Severity} | {OFF}
    bad = {rule: level for rule, level in value.items() if level not in levels}
    if bad:
        raise CarekitError(
            f"{where}: levels must be error, warning, info or off "
            f"(not {', '.join(map(str, bad.values()))})."
        )
    return dict(value)


def _per_file(value: Any, where: str, known: Collection[str]) -> dict[str, frozenset[str]]:
    if not isinstance(value, dict):
        raise CarekitError(f"{where} must map file patterns to lists of rule IDs.")
    return {str(glob): rule_ids(rules, f"{where} {glob!r}", known) for glob, rules in value.items()}


_SIMPLE = {
    "journal": _name,
    "checklist": _name,
    "template": _name,
    "paper": _choice(PAPERS),
    "csl": _name,
    "format": _choice(FORMATS),
    "privacy": _privacy,
    "strict": _strict,
}
_WITH_RULES = {
    "select": lambda v, w, k: rule_ids(v, w, k),
    "ignore": lambda v, w, k: rule_ids(v, w, k),
    "severity": _severity,
    "per-file-ignores": _per_file,
}


def validate(data: dict[str, Any], path: Path | str, known: Collection[str]) -> dict[str, Any]:
    """Check every setting; raise CarekitError (exit 2) naming the file and the key."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{path}: `{key}`"
        if key in _SIMPLE:
            out[key] = _SIMPLE[key](value, where)
        elif key in _WITH_RULES:
            out[key] = _WITH_RULES[key](value, where, known)
        else:
            import difflib

            close = difflib.get_close_matches(str(key), list(KEYS), n=1)
            hint = f" Did you mean `{close[0]}`?" if close else ""
            raise CarekitError(
                f"{path}: `{key}` is not a carekit setting.{hint} Settings: {', '.join(KEYS)}."
            )
    return out
