"""What a checklist file may say (checklists/*.yaml), in the draft format's schema
vocabulary: a misspelt key, a missing part of an item, an item ID or key used twice, or a
`satisfied_by` path the draft format does not have is an error with line:col, not an item
that can never be reported."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from carekit.draft.schema import Custom, ListOf, Record, Text


@lru_cache(maxsize=1)
def draft_paths() -> tuple[str, ...]:
    """Every path of the draft format, written as `satisfied_by` writes them."""
    from carekit.draft.format import DRAFT

    return tuple(suffix.lstrip(".") for suffix, _ in DRAFT.children())


def _draft_path(text: str) -> str:
    pattern = text.strip()
    if pattern in draft_paths():
        return pattern
    import difflib  # only for a suggestion: not on every check

    close = difflib.get_close_matches(pattern, draft_paths(), n=1, cutoff=0.6)
    hint = f"; did you mean `{close[0]}`?" if close else " (see `carekit schema --format markdown`)"
    raise ValueError(f"`{pattern}` is not a key of the draft format{hint}")


def _unique(field: str):  # noqa: ANN202 - a Record check
    def check(data: dict) -> str | None:
        counts = Counter(str(item.get(field)) for item in data.get("items") or ())
        twice = sorted(value for value, count in counts.items() if count > 1)
        if twice:
            return f"Item {field}s must differ; used more than once: {', '.join(twice)}."
        return None

    return check


def _checks(data: dict) -> str | None:
    return _unique("id")(data) or _unique("key")(data)


ITEM = Record(
    {
        "id": Text("The number shown to authors and journals, e.g. 5a."),
        "key": Text("The stable name rules, templates and profiles use, e.g. patient-history."),
        "topic": Text("The item's topic, e.g. Patient information."),
        "requirement": Text("What the item asks for."),
        "satisfied_by": ListOf(
            Custom(
                _draft_path,
                "a key of the draft format",
                "patient.history.medical or interventions[].dose",
                {"type": "string"},
            ),
            "Where the draft reports it: the item counts as reported when any holds text.",
        ),
        "missing": Text("The finding's message when the draft does not report it."),
        "fix": Text("How to report it."),
        "decision": Record(
            {
                "reported": Text("What the text must give for the item to be reported."),
                "partly": Text("What makes it partly reported, and what is then missing."),
                "missing": Text("When it counts as missing."),
                "not_applicable": Text("When the item does not apply (absent: it always does)."),
            },
            "How an editor decides the item's status from the text.",
            noun="decision rule",
            required=("reported", "partly", "missing"),
        ),
    },
    noun="checklist item",
    required=("id", "key", "topic", "requirement", "satisfied_by", "missing", "fix", "decision"),
)

CHECKLIST = Record(
    {
        "name": Text("Short name, e.g. CARE."),
        "title": Text("Full title."),
        "numbering": Text("Which numbering the item IDs follow."),
        "sources": ListOf(Text(), "Where the items come from."),
        "items": ListOf(ITEM, "The items, in the order of the checklist."),
    },
    noun="checklist",
    required=("name", "items"),
    check=_checks,
)
