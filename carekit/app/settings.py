"""Settings, resolved once per draft, in one place and one order: a command-line flag,
then the draft's own fields, then the configuration file, then carekit's default.

A journal brings its own template, at the level it was named: a template set at that level
or a higher one wins over the journal's. Every value keeps where it came from, for
`carekit config`. Nothing heavy is imported here (the check path goes through it).
"""

from __future__ import annotations

from pathlib import Path

from carekit.config import ConfigFile, read_config
from carekit.errors import CarekitError
from carekit.journals.profiles import Journal, draft_journal_problem, names_a_file, resolve
from carekit.journals.styles import DEFAULT_STYLE, names_a_style_file, style_file
from carekit.tuples import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# How strongly a value was chosen: the higher wins.
FLAG, DRAFT, CONFIG, DEFAULT = 3, 2, 1, 0
CHECKLIST, TEMPLATE, PAPER, FORMAT = "care-2013", "default", "a4", "text"


# NamedTuples rather than dataclasses: the check path imports this module, and importing
# dataclasses (with inspect) costs a pre-commit hook ~10 ms.
class Setting(NamedTuple):
    value: Any
    source: str  # "default", "flag --x", "draft PATH", the file's path, "journal profile N"
    rank: int = DEFAULT
    by_journal: bool = False  # the journal profile's own value (its template)


class Flags(NamedTuple):
    """What the command line says; None (or empty) means "not given"."""

    journal: str | None = None
    checklist: str | None = None
    template: str | None = None
    paper: str | None = None
    csl: str | None = None  # a bundled style's name or a .csl file (trusted)
    format: str | None = None
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    strict: bool = False


NO_FLAGS = Flags()


class Settings(NamedTuple):
    """The effective settings for one draft (or folder). `ignore` already holds the rules
    `per-file-ignores` switches off for this draft."""

    journal: Setting
    checklist: Setting
    template: Setting
    paper: Setting
    csl: Setting  # the citation style: a bundled name, or an absolute .csl path
    format: Setting
    select: Setting
    ignore: Setting
    per_file_ignores: Setting
    severity: Setting
    privacy: Setting
    strict: Setting
    file: Path | None  # the configuration file in force
    profile: Journal  # the target journal's profile (plain CARE when none matches)
    journal_asked: str | None  # the journal named when no profile matches it

    def shown(self) -> list[tuple[str, Setting]]:
        """(name, setting) in the order `carekit config` prints them."""
        names = [name for name in self._fields if isinstance(getattr(self, name), Setting)]
        return [(name.replace("_", "-"), getattr(self, name)) for name in names]

    @property
    def privacy_allow(self) -> tuple[str, ...]:
        return self.privacy.value["allow"]


def known_rule_ids() -> set[str]:
    from carekit.check.rules import all_rules

    return set(all_rules()) | {"internal-error", "unused-suppression"}


def check_flags(flags: Flags) -> None:
    """Usage errors on the command line (exit 2), before any draft is read."""
    unknown = sorted((flags.select | flags.ignore) - known_rule_ids())
    if unknown:
        raise CarekitError(
            f"Unknown rule ID: {', '.join(unknown)}. "
            "`carekit explain` lists the rules; see also the README."
        )
    if flags.journal:
        from carekit.journals.profiles import load_journal

        load_journal(flags.journal)  # an unknown name is a usage error, for every command


def resolve_settings(
    draft: Path | None, flags: Flags = NO_FLAGS, drafted_journal: Any = None
) -> Settings:
    """The settings for `draft` (whose `journal:` field is `drafted_journal`), or for the
    working folder when `draft` is None."""
    config = read_config(draft or Path.cwd(), known_rule_ids())
    values = _anchored(config)

    def pick(key: str, flag: Any, default: Any) -> Setting:
        if flag not in (None, frozenset(), "", False):
            return Setting(flag, f"flag --{key}", FLAG)
        if key in values:
            return Setting(values[key], str(config.path), CONFIG)
        return Setting(default, "default", DEFAULT)

    journal = pick("journal", flags.journal, None)
    usable = isinstance(drafted_journal, str) and draft_journal_problem(drafted_journal) is None
    if journal.rank < DRAFT and usable and drafted_journal.strip():
        journal = Setting(drafted_journal, f"draft {draft}", DRAFT)
    profile, asked = resolve(flags.journal, drafted_journal, values.get("journal"))
    brought = journal.rank if asked is None else DEFAULT  # an unmatched name brings nothing
    ignore = pick("ignore", flags.ignore, frozenset())
    per_file = config.ignored_for(draft) if draft is not None else frozenset()
    if per_file:
        ignore = Setting(ignore.value | per_file, f"{ignore.source}, per-file-ignores", ignore.rank)
    return Settings(
        journal=journal,
        checklist=pick("checklist", flags.checklist, CHECKLIST),
        template=_brought(pick("template", flags.template, TEMPLATE), profile, "template", brought),
        paper=pick("paper", flags.paper, PAPER),
        csl=_style(pick("csl", flags.csl, DEFAULT_STYLE), profile, brought),
        format=pick("format", flags.format, FORMAT),
        select=pick("select", flags.select, frozenset()),
        ignore=ignore,
        per_file_ignores=pick("per-file-ignores", None, {}),
        severity=pick("severity", None, {}),
        privacy=pick("privacy", None, {"allow": ()}),
        strict=pick("strict", flags.strict, False),
        file=config.path,
        profile=profile,
        journal_asked=asked,
    )


def _brought(explicit: Setting, profile: Journal, key: str, rank: int) -> Setting:
    """The journal's own `key` (its template) when the journal was named at a higher level
    than `explicit` was set; else `explicit`."""
    if rank <= explicit.rank:
        return explicit
    return Setting(getattr(profile, key), f"journal profile {profile.name}", rank, by_journal=True)


def _style(explicit: Setting, profile: Journal, rank: int) -> Setting:
    """The journal's citation style when the journal was named at a higher level than
    `explicit` was set; a style file given on the command line is made absolute here."""
    own = profile.fact("csl", "style")
    if own and rank > explicit.rank:
        return Setting(own, f"journal profile {profile.name}", rank, by_journal=True)
    if explicit.rank == FLAG and names_a_style_file(explicit.value):
        return explicit._replace(value=str(Path(explicit.value).expanduser().resolve()))
    return explicit


def style_path(settings: Settings) -> Path:
    """The .csl file of the settings' citation style (CarekitError if there is none)."""
    return style_file(settings.csl.value)


def _anchored(config: ConfigFile) -> dict[str, Any]:
    """The file's values, with a profile or style file's path made absolute from the file's
    folder; such a file must lie inside the folder (the repository)."""
    values = dict(config.values)
    for key, what, names_file in (
        ("journal", "profile", names_a_file),
        ("csl", "style", names_a_style_file),
    ):
        value = values.get(key)
        if config.path is None or not value or not names_file(value):
            continue
        root = config.path.parent.resolve()
        target = (root / Path(value).expanduser()).resolve()
        if not target.is_relative_to(root):
            raise CarekitError(
                f"{config.path}: `{key}` names the {what} file {value!r}, outside the "
                f"configuration's folder {root}. Keep the {what} in the repository, or pass "
                f"it with --{key}."
            )
        values[key] = str(target)
    return values
