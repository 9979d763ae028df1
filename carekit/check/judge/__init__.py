"""Content judgement: what an editor would say each CARE item's text reports.

An item's fields being filled is not enough: a final diagnosis alone does not show the
diagnostic reasoning, a quoted consent note is not the patient's perspective. Each judged
item has one function here that reads the draft's text and returns a `Verdict` (reported,
partly, missing or not applicable, with the missing element named). The item statuses
(`check.statuses`) and the judgement rules (`check.rules.judged_*`) both ask `judge`, so
the status table and the findings cannot disagree. The decision rule each function follows
is written, in words, under `decision:` in the checklist file (`carekit explain ITEM`).

Items without a judge keep the plain test: reported when one of its fields holds text.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache

from carekit.draft.model import Draft
from carekit.tuples import NamedTuple

REPORTED, PARTLY, MISSING, NOT_APPLICABLE = "reported", "partly", "missing", "not applicable"

_MODULES = ("patient", "assessment", "treatment", "outcomes", "discussion", "abstract")


class Verdict(NamedTuple):
    status: str
    gap: str = ""  # the missing element, in a few words ("no family history")
    where: tuple[str | int, ...] = ()  # the draft path the finding points at

    @property
    def addressed(self) -> bool:
        return self.status != MISSING


Judge = Callable[[Draft], Verdict]
_JUDGES: dict[str, Judge] = {}


def judges(item_key: str) -> Callable[[Judge], Judge]:
    """Register the judge of the CARE item with the stable key `item_key`."""

    def add(function: Judge) -> Judge:
        _JUDGES[item_key] = function
        return function

    return add


@cache
def _import_modules() -> None:
    """Import the modules that register themselves, once (asked several times a check)."""
    for name in _MODULES:
        importlib.import_module(f"{__name__}.{name}")


def all_judges() -> dict[str, Judge]:
    _import_modules()
    return _JUDGES


def judge(draft: Draft, item_key: str) -> Verdict | None:
    """The content verdict on one item, or None when the item has no judge. Judged once
    per draft and item (the status table and the rule both ask)."""
    function = all_judges().get(item_key)
    if function is None:
        return None
    cache = draft.__dict__.setdefault("_verdicts", {})
    if item_key not in cache:
        cache[item_key] = function(draft)
    return cache[item_key]
