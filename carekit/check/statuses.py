"""What the draft reports, item by item: the status words and how they are decided.

Kept apart from the engine so that the checklist form in `render/` can read statuses
without importing the rules."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import NamedTuple

from carekit.check.checklist import Checklist, Item, reports
from carekit.draft.model import Draft

REPORTED, PARTLY, MISSING, NOT_APPLICABLE = "reported", "partly", "missing", "not applicable"
STATUSES = (REPORTED, PARTLY, MISSING, NOT_APPLICABLE)


class ItemStatus(NamedTuple):
    item: Item
    status: str
    reason: str | None = None  # the author's reason for not reporting


def reasons(not_reported: Mapping[str, str], checklist: Checklist) -> dict[str, str]:
    """Item key -> the author's reason, for reasons that name a real item and say something."""
    out = {}
    for key, reason in not_reported.items():
        item = checklist.find(key)
        if item is not None and (reason or "").strip():
            out[item.key] = reason.strip()
    return out


def item_statuses(
    draft: Draft, checklist: Checklist, why_not: Mapping[str, str], flagged: Collection[str]
) -> tuple[ItemStatus, ...]:
    """Each item: not applicable (the author says why), missing, partly (a finding that is
    more than info names it) or reported."""
    out = []
    for item in checklist.items:
        if item.key in why_not:
            out.append(ItemStatus(item, NOT_APPLICABLE, why_not[item.key]))
        elif not reports(draft, item):
            out.append(ItemStatus(item, MISSING))
        else:
            out.append(ItemStatus(item, PARTLY if item.key in flagged else REPORTED))
    return tuple(out)
