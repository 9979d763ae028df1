"""Project configuration: `.carekit.yaml`, or `[tool.carekit]` in `pyproject.toml`.

The nearest such file above the draft applies. Precedence, highest first: a command-line
flag, the draft itself (its `journal:`), the configuration file, carekit's default.
Every effective value remembers where it came from, for `carekit config`.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any, NamedTuple

from carekit.errors import CarekitError
from carekit.findings import Severity

FILE_NAMES = (".carekit.yaml", ".carekit.yml", "pyproject.toml")
FORMATS = ("text", "json", "sarif", "github", "auto")
DEFAULTS: dict[str, Any] = {
    "journal": None,
    "checklist": "care-2013",
    "format": "text",
    "select": frozenset(),
    "ignore": frozenset(),
    "severity": {},
    "per-file-ignores": {},
    "privacy": {"allow": ()},
}
OFF = "off"


class Setting(NamedTuple):
    value: Any
    source: str  # "default", "flag --x", "draft PATH", or the configuration file's path


class Config(NamedTuple):
    settings: dict[str, Setting]
    file: Path | None  # the configuration file in force, if any

    def __getitem__(self, key: str) -> Any:  # type: ignore[override]
        return self.settings[key].value

    def ignored_for(self, draft: Path) -> frozenset[str]:
        """Rule IDs that `per-file-ignores` switches off for `draft`."""
        base = self.file.parent if self.file else Path.cwd()
        try:
            relative = draft.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            relative = draft.as_posix()
        out: set[str] = set()
        for pattern, rules in self["per-file-ignores"].items():
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


def _rule_ids(value: Any, where: str, known: set[str]) -> frozenset[str]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise CarekitError(f"{where} must be a list of rule IDs.")
    unknown = sorted(set(value) - known)
    if unknown:
        raise CarekitError(f"{where} names unknown rule IDs: {', '.join(unknown)}.")
    return frozenset(value)


def validate(data: dict[str, Any], path: Path | str) -> dict[str, Any]:
    """Check every setting; raise CarekitError (exit 2) naming the file and the key."""
    from carekit.check.rules import all_rules

    known = set(all_rules()) | {"internal-error", "unused-suppression"}
    out: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{path}: `{key}`"
        if key in ("journal", "checklist"):
            if not isinstance(value, str) or not value.strip():
                raise CarekitError(f"{where} must be a name.")
            out[key] = value.strip()
            if key == "journal":
                out[key] = _profile_path(value.strip(), Path(path), where)
        elif key == "format":
            if value not in FORMATS:
                raise CarekitError(f"{where} must be one of {', '.join(FORMATS)}.")
            out[key] = value
        elif key in ("select", "ignore"):
            out[key] = _rule_ids(value, where, known)
        elif key == "severity":
            if not isinstance(value, dict):
                raise CarekitError(f"{where} must map rule IDs to error, warning, info or off.")
            _rule_ids(list(value), where, known)
            levels = {s.value for s in Severity} | {OFF}
            bad = {rule: level for rule, level in value.items() if level not in levels}
            if bad:
                raise CarekitError(
                    f"{where}: levels must be error, warning, info or off "
                    f"(not {', '.join(map(str, bad.values()))})."
                )
            out[key] = dict(value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise CarekitError(f"{where} must map file patterns to lists of rule IDs.")
            out[key] = {
                str(glob): _rule_ids(rules, f"{where} {glob!r}", known)
                for glob, rules in value.items()
            }
        elif key == "privacy":
            allow = value.get("allow", []) if isinstance(value, dict) else None
            if not isinstance(allow, list) or not all(isinstance(a, str) for a in allow):
                raise CarekitError(f"{where} must be a mapping with `allow:` (a list of terms).")
            out[key] = {"allow": tuple(allow)}
        else:
            import difflib

            close = difflib.get_close_matches(key, list(DEFAULTS), n=1)
            hint = f" Did you mean `{close[0]}`?" if close else ""
            raise CarekitError(
                f"{path}: `{key}` is not a carekit setting.{hint} Settings: {', '.join(DEFAULTS)}."
            )
    return out


def _profile_path(value: str, config: Path, where: str) -> str:
    """A journal name as it is, or a profile file's path made absolute from the
    configuration's folder; the file must lie inside that folder (the repository)."""
    from carekit.journals.profiles import names_a_file

    if not names_a_file(value):
        return value
    root = config.parent.resolve()
    target = (root / Path(value).expanduser()).resolve()
    if not target.is_relative_to(root):
        raise CarekitError(
            f"{where} names the profile file {value!r}, outside the configuration's folder "
            f"{root}. Keep journal profiles in the repository, or pass one with --journal."
        )
    return str(target)


def load_config(
    draft: Path | None = None, flags: dict[str, Any] | None = None, journal: str | None = None
) -> Config:
    """The effective configuration for `draft` (or the working folder)."""
    settings = {key: Setting(value, "default") for key, value in DEFAULTS.items()}
    path = find_config_file(draft or Path.cwd())
    if path is not None:
        for key, value in validate(_read(path), path).items():
            settings[key] = Setting(value, str(path))
    if journal and draft is not None:
        from carekit.journals.profiles import draft_journal_problem

        if draft_journal_problem(journal) is None:  # a draft naming a file is not obeyed
            settings["journal"] = Setting(journal, f"draft {draft}")
    for key, value in (flags or {}).items():
        if value not in (None, frozenset(), ""):
            settings[key] = Setting(value, f"flag --{key}")
    return Config(settings, path)
