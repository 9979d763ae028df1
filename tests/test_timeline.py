"""Timeline times: relative, calendar and mixed entries put in order."""

from __future__ import annotations

import pytest

from conftest import carekit


def _order(write_draft, entries: str):
    draft = write_draft("carekit: 1\ntimeline:\n" + entries)
    run = carekit(
        "check", "-f", "json", "--select", "timeline-order,timeline-time,schema-value", str(draft)
    )
    return run.json()["files"][0]["findings"]


def test_message_names_both_entries_out_of_order(write_draft):
    (finding,) = _order(
        write_draft,
        "  - {at: day -30, event: Seizure treated with calcium}\n"
        "  - {at: day 0, event: Hand swelling}\n"
        "  - {at: day -35, event: Vitamin D deficiency found}\n",
    )
    assert finding["rule"] == "timeline-order" and finding["line"] == 5
    assert "entry 3 (day -35: 'Vitamin D deficiency found')" in finding["message"]
    assert "entry 2 (day 0: 'Hand swelling')" in finding["message"]
    assert "Move entry 3 above entry 2" in finding["fix"]


@pytest.mark.parametrize(
    "entries",
    [
        # coarser units are compared only when they are certainly out of order
        "  - {at: day 10, event: a}\n  - {at: week 2, event: b}\n  - {at: month 1, event: c}\n",
        # anchors count from another entry
        "  - {id: discharge, at: day 5, event: a}\n  - {at: 2 months after discharge, event: b}\n"
        "  - {at: day 70, event: c}\n",
        # calendar dates, partial dates
        "  - {date: 2021-03-01, event: a}\n  - {date: 2021-03, event: b}\n"
        "  - {date: 2021-04-02, event: c}\n",
        # a dated and relative entry tie the frames: day 3 = 2021-03-04
        "  - {date: 2021-03-01, at: day 0, event: a}\n  - {at: day 3, event: b}\n"
        "  - {date: 2021-03-10, event: c}\n",
        # separate frames that nothing ties are not compared
        "  - {date: 2021-03-01, event: a}\n  - {at: day -300, event: b}\n",
        # the mapping form
        "  - {at: {offset: -2, unit: weeks}, event: a}\n"
        "  - {at: {offset: 1, unit: days}, event: b}\n",
    ],
)
def test_entries_in_order_are_accepted(write_draft, entries):
    assert _order(write_draft, entries) == []


@pytest.mark.parametrize(
    "entries, line",
    [
        ("  - {at: week 3, event: a}\n  - {at: day 2, event: b}\n", 4),
        (
            "  - {id: discharge, at: day 5, event: a}\n  - {at: day 70, event: c}\n"
            "  - {at: 1 month after discharge, event: b}\n",
            5,
        ),
        ("  - {date: 2021-03-10, event: a}\n  - {date: 2021-03-02, event: b}\n", 4),
        (
            "  - {date: 2021-03-01, at: day 0, event: a}\n  - {date: 2021-03-20, event: b}\n"
            "  - {at: day 5, event: c}\n",
            5,
        ),
    ],
)
def test_entries_out_of_order_are_reported(write_draft, entries, line):
    found = _order(write_draft, entries)
    assert [(f["rule"], f["line"]) for f in found] == [("timeline-order", line)]


def test_unknown_anchor_and_missing_time(write_draft):
    found = _order(write_draft, "  - {at: 3 days after surgery, event: a}\n  - {event: b}\n")
    assert {(f["rule"], f["line"]) for f in found} == {("timeline-time", 3), ("timeline-time", 4)}
    assert any("no entry has `id: surgery`" in f["message"] for f in found)


def test_unreadable_relative_time(write_draft):
    (finding,) = _order(write_draft, "  - {at: the next morning, event: a}\n")
    assert finding["rule"] == "schema-value" and finding["care_item"] == "7"
    assert "day -30" in finding["fix"]
