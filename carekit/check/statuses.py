"""What the draft reports, item by item: the status words and how they are decided.

Kept apart from the engine so that the checklist form in `render/` can read statuses
without importing the rules."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from carekit.check.checklist import Checklist, Item, reports
from carekit.draft.model import Draft
from carekit.tuples import NamedTuple

REPORTED, PARTLY, MISSING, NOT_APPLICABLE = "reported", "partly", "missing", "not applicable"
# The author gave a reason for leaving out an item that applies to every case report
# (the checklist's `decision:` has no `not_applicable:`): explained, but not "not applicable".
NOT_REPORTED = "not reported"
STATUSES = (REPORTED, PARTLY, MISSING, NOT_APPLICABLE, NOT_REPORTED)


class ItemStatus(NamedTuple):
    item: Item
    status: str
    reason: str | None = None  # the author's reason for not reporting
    gap: str | None = None  # what the content judgement found missing ("no family history")


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
    """Each item: the author's reason (not applicable where the item may not apply, else
    not reported), the content judgement where the item has one (check/judge), else
    missing, partly (a finding that is more than info names it) or reported."""
    from carekit.check.judge import judge

    out = []
    for item in checklist.items:
        verdict = None if item.key in why_not else judge(draft, item.key)
        if item.key in why_not:
            status = NOT_APPLICABLE if item.may_not_apply else NOT_REPORTED
            out.append(ItemStatus(item, status, why_not[item.key]))
        elif verdict is not None:
            gap = verdict.gap if verdict.status != REPORTED else ""
            out.append(ItemStatus(item, verdict.status, None, gap or None))
        elif not reports(draft, item):
            out.append(ItemStatus(item, MISSING))
        else:
            out.append(ItemStatus(item, PARTLY if item.key in flagged else REPORTED))
    return tuple(out)
