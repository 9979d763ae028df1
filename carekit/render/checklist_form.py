"""The completed CARE checklist journals ask authors to upload: every item, where it is
reported (section, and the pages - and in the review layout the lines - where its content
lies in the rendered PDF manuscript) or the author's reason, and the items still missing,
shown as missing."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from carekit.check.checklist import Checklist
from carekit.check.statuses import MISSING, NOT_APPLICABLE, NOT_REPORTED, PARTLY, ItemStatus
from carekit.render.locations import Place, describe
from carekit.render.mdtext import cell
from carekit.tuples import NamedTuple


class Row(NamedTuple):
    id: str
    topic: str
    requirement: str
    status: str
    section: str | None
    page: str | None  # "3", "3-5", "3, 7"; review: "3 (lines 12-40)"
    reason: str | None


def section_map(template_folder: Path) -> dict[str, str]:
    """Item key -> the heading under which the template prints it (sections.yaml, keyed
    by the items' stable keys, so renumbering the checklist needs no change here)."""
    from carekit.io.yamldata import load_data
    from carekit.render.template_files import contained_file
    from carekit.resources import data_dir

    # Never through a link: the folder may come from someone else's repository.
    path = contained_file(template_folder.resolve(), "sections.yaml")
    if path is None:
        path = data_dir("templates") / "default" / "sections.yaml"
    return {str(k): str(v) for k, v in (load_data(path) or {}).items()}


def rows(
    statuses: Iterable[ItemStatus],
    sections: dict[str, str],
    pages: dict[str, int],
    places: dict[str, list[Place]] | None = None,
) -> list[Row]:
    """One row per item; the statuses come from the check (the application passes them:
    the renderer never runs the rules). An item's page is where its own content lies
    (`places`, from the marks the template puts); for a template without marks, the page
    of its section's heading."""
    places = places or {}
    out = []
    for status in statuses:
        item = status.item
        reported = status.status not in (MISSING, NOT_APPLICABLE, NOT_REPORTED)
        # Templates written before sections.yaml was keyed by item key give display IDs.
        section = sections.get(item.key, sections.get(item.id)) if reported else None
        page = None
        if reported and places.get(item.key):
            page = describe(places[item.key])
            # The sections it lies in, as laid out: an item printed in two lists both.
            section = "; ".join(dict.fromkeys(s for p in places[item.key] for s in p.sections))
        elif section and pages.get(section):
            page = str(pages[section])
        out.append(
            Row(
                item.id,
                item.topic,
                item.requirement,
                status.status,
                section,
                page,
                status.reason or status.gap,
            )
        )
    return out


def as_markdown(
    title: str,
    checklist: Checklist,
    table: list[Row],
    review: bool = False,
    disclosures: Iterable[tuple[str, str]] = (),
) -> str:
    """The checklist form (`review`: the pages come with line numbers); `disclosures` are
    the (what, reason) of the identifying details the draft keeps on purpose
    (`privacy: accepted:`), listed after the items."""
    # The pages are those of the PDF manuscript: a Word file is paginated by Word.
    where_heading = "Page (lines) in the PDF" if review else "Page in the PDF"
    lines = [
        f"# {checklist.title}",
        "",
        f"**Manuscript:** {cell(title)}",
        "",
        f"Checklist: {cell(checklist.numbering)}. Sources: {cell(' '.join(checklist.sources))}",
        "",
        f"| Item | Topic | Checklist item | Reported in | {where_heading} |",
        "|---|---|---|---|---|",
    ]
    for row in table:
        if row.status in (NOT_APPLICABLE, NOT_REPORTED):  # the form's "reason for not reporting"
            where = f"Not reported: {cell(row.reason)}"
        elif row.status == MISSING:
            where = "**MISSING**"
        elif row.section is None:
            where = "reported (the template does not say where)"
        else:
            place = "; ".join(
                "Title block" if part == "title" else part for part in row.section.split("; ")
            )
            where = cell(place) + (" (partly)" if row.status == PARTLY else "")
        page = cell(row.page) if row.page else "–"
        lines.append(
            f"| {row.id} | {cell(row.topic)} | {cell(row.requirement)} | {where} | {page} |"
        )
    kept = list(disclosures)
    if kept:
        lines += ["", "**Identifying details kept with the patient's consent:**", ""]
        lines += [f"- {cell(what)}: {cell(reason)}" for what, reason in kept]
    return "\n".join(lines) + "\n"
