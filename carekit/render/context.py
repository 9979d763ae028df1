"""The draft as templates see it: cleaned text, numbered affiliations, table rows.

Text fields stay Markdown (with `[@key]` citations, numbered later); names, units and
other short values are escaped so they print literally. Nothing here is ever evaluated as
a template: Jinja receives these values as data.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from carekit.draft.files import OutsideFolder, inside_folder
from carekit.draft.model import Draft
from carekit.draft.timeline import place_entries
from carekit.draft.typed import Lab, Patient, Report
from carekit.render import carried
from carekit.render.mdtext import cell, clean, escape, placeholder
from carekit.render.numbering import anchor
from carekit.render.timetext import when_texts
from carekit.render.valuetext import minus, range_text, unit_text, with_article, written

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

TIMELINE_FIGURE = "timeline"  # id of the generated timeline figure: cite as [@fig:timeline]
TIMELINE_TABLE = "timeline"
LABS_TABLE = "labs"
INTERVENTIONS_TABLE = "interventions"
_SEX_WORD = {"female": "female", "male": "male", "intersex": "intersex"}


def _demographics(patient: Patient) -> str:
    """One plain sentence of the demographics the draft gives, e.g.
    "The patient was a 9-month-old male (Saudi Arab)."."""
    age = patient.age.phrase
    sex = _SEX_WORD.get(patient.sex or "", "")
    extras = [
        escape(getattr(patient, k))
        for k in ("ethnicity", "occupation", "gender")
        if getattr(patient, k)
    ]
    if not (age or sex or extras):
        return ""
    adjective = age if age.endswith("-old") else ""
    described = " ".join(w for w in (adjective, sex or "patient") if w)
    sentence = "The patient was " + with_article(described)
    if age and not adjective:
        sentence += f" {age}"
    if extras:
        sentence += " (" + "; ".join(extras) + ")"
    return sentence + "."


def _authors(report: Report) -> tuple[list[dict], list[dict], list[dict]]:
    """Authors with affiliation numbers (in order of first appearance) and correspondence."""
    known = {a.id: clean(a.name or "") for a in report.affiliations}
    numbered: dict[str, int] = {}
    authors = []
    for author in report.authors:
        marks = []
        for affiliation in author.affiliations or []:
            name = known.get(affiliation, clean(affiliation))
            marks.append(numbered.setdefault(name, len(numbered) + 1))
        authors.append(
            {
                "name": escape(author.name or ""),
                "degrees": escape(author.degrees or ""),
                "marks": ",".join(str(m) for m in marks),
                "orcid": author.orcid or "",
                "email": author.email or "",
                "corresponding": bool(author.corresponding),
            }
        )
    affiliations = [{"number": n, "name": escape(name)} for name, n in numbered.items()]
    corresponding = [a for a in authors if a["corresponding"]]
    return authors, affiliations, corresponding


def _timeline(report: Report) -> list[dict]:
    entries = report.timeline
    placed = {p.index: p for p in place_entries(entries)[0]}
    labels = when_texts(entries, {i: p.label for i, p in placed.items()})
    rows = []
    for i, entry in enumerate(entries):
        rows.append(
            {
                "when": escape(labels[i]),
                "carried": carried.timeline(entry.raw, escape(labels[i])),
                "event": cell(entry.event or ""),
                "plain_event": clean(entry.event or ""),
                "day": placed[i].day if i in placed else None,
                "frame": placed[i].frame if i in placed else None,
            }
        )
    return rows


def _range_text(draft: Draft, lab: Lab) -> str:
    """The reference range as the author wrote it: a text range keeps its own text
    ("6.0-17.5" -> "6.0–17.5"), a low/high record its numbers as written."""
    limits = lab.reference_range.raw
    if not limits:
        return ""
    path = (*lab.path, "reference_range")
    low, high = limits.get("low"), limits.get("high")
    if limits.get("text"):
        return range_text(limits["text"])
    if low is not None and high is not None:
        low_text = written(draft, (*path, "low"), low)
        return minus(f"{low_text}–{written(draft, (*path, 'high'), high)}")
    if low is not None:
        return minus(f"≥ {written(draft, (*path, 'low'), low)}")
    return minus(f"≤ {written(draft, (*path, 'high'), high)}") if high is not None else ""


def _labs(draft: Draft) -> list[dict]:
    rows = []
    for lab in draft.model.diagnostics.labs:
        unit = lab.unit or ""
        value = written(draft, (*lab.path, "value"), lab.value)
        shown = cell(minus(value) if isinstance(lab.value, (int, float)) else value)
        unit_cell = cell("" if str(unit).lower() == "none" else unit_text(unit))
        mark = lab.status.mark
        rows.append(
            {
                "test": cell(lab.test or ""),
                "value": shown,
                "unit": unit_cell,
                # (as the table prints it: the flag bold after the value)
                "carried": carried.lab(
                    lab.raw, f"**{shown} {mark}**" if mark else shown, unit_cell
                ),
                "range": cell(_range_text(draft, lab)),
                "flag": lab.status.mark,  # the one answer the rules give too (labfacts.py)
                "time_point": cell(lab.time_point or ""),
            }
        )
    return rows


def _rows(items: list, keys: tuple[str, ...]) -> list[dict]:
    return [{key: cell(getattr(item, key) or "") for key in keys} for item in items]


def _texts(record: object, keys: tuple[str, ...]) -> dict[str, str]:
    return {key: clean(getattr(record, key)) for key in keys}


def _ids(kind: str, key: str) -> dict[str, str]:
    return {"anchor": anchor(kind, key), "number": placeholder(kind, key)}


def _figures(report: Report, figure_src: dict[str, str]) -> list[dict]:
    return [
        {
            "id": figure.id,
            "index": index,  # its place in the draft, and its file, for the import marks
            "file": figure.file or "",
            **_ids("fig", figure.id),
            "src": figure_src.get(figure.id, ""),
            "caption": clean(figure.caption),
            "alt": escape(figure.alt or figure.caption or ""),
        }
        for index, figure in enumerate(report.figures)
    ]


def _tables(report: Report) -> list[dict]:
    return [
        {
            "id": table.id,
            **_ids("tbl", table.id),
            "caption": clean(table.caption),
            "header": [cell(h) for h in table.header or []],
            "rows": [[cell(c) for c in row] for row in table.rows or []],
        }
        for table in report.tables
    ]


def _patient(patient: Patient) -> dict[str, Any]:
    return {
        "demographics": _demographics(patient),
        # Which of the demographics' words in brackets are which (for the import marks).
        "demographics_fields": ";".join(
            k for k in ("ethnicity", "occupation", "gender") if getattr(patient, k)
        ),
        "presenting_concern": clean(patient.presenting_concern),
        "history": _texts(patient.history, ("medical", "family", "psychosocial", "genetic")),
        "comorbidities": [escape(c) for c in patient.comorbidities or []],
        "past_interventions": [
            {
                "intervention": clean(p.intervention),
                "when": escape(p.when or ""),
                "outcome": clean(p.outcome),
            }
            for p in patient.past_interventions
        ],
    }


def _diagnostics(draft: Draft) -> dict[str, Any]:
    diagnostics = draft.model.diagnostics
    labs = _labs(draft)
    return {
        **_texts(diagnostics, ("methods", "challenges", "reasoning", "prognosis")),
        "labs": labs,
        "labs_table": _ids("tbl", LABS_TABLE),
        "labs_have_time": any(row["time_point"] for row in labs),
        "imaging": _rows(diagnostics.imaging, ("test", "result", "time_point")),
        "other_results": _rows(diagnostics.other_results, ("test", "result", "time_point")),
        "differential": [
            {"diagnosis": escape(d.diagnosis or ""), "reasoning": clean(d.reasoning)}
            for d in diagnostics.differential
        ],
        "final_diagnosis": escape(diagnostics.final_diagnosis or ""),
    }


_INTERVENTION_CELLS = ("type", "name", "dose", "route", "frequency", "duration", "timing")
_FOLLOW_UP = (
    "clinician_outcomes",
    "patient_outcomes",
    "results",
    "adherence_and_tolerability",
    "adverse_events",
    "duration",
)
_DISCUSSION = ("strengths_and_limitations", "literature", "rationale", "lessons")
_DECLARATIONS = (
    "funding",
    "competing_interests",
    "author_contributions",
    "acknowledgements",
    "data_availability",
)


def _treatment(report: Report) -> dict[str, Any]:
    return {
        "interventions": _rows(report.interventions, _INTERVENTION_CELLS),
        "interventions_table_ids": _ids("tbl", INTERVENTIONS_TABLE),
        "intervention_notes": [
            {"name": escape(i.name or ""), "notes": clean(i.notes), "index": index}
            for index, i in enumerate(report.interventions)
            if i.notes
        ],
        "intervention_changes": [
            {
                "change": clean(c.change),
                "rationale": clean(c.rationale),
                "when": escape(c.when or ""),
            }
            for c in report.intervention_changes
        ],
    }


def _front(report: Report) -> dict[str, Any]:
    authors, affiliations, corresponding = _authors(report)
    return {
        "title": escape(report.title) or "Untitled case report",
        "has_title": bool(report.title),  # else the title printed is carekit's placeholder
        # Settings of the draft the manuscript does not print, carried by import marks.
        "facts": {
            key: str(getattr(report, key))
            for key in ("short_title", "article_type", "journal", "language")
            if getattr(report, key)
        },
        "short_title": escape(report.short_title),
        "language": clean(report.language) or "en",
        "article_type": escape(report.article_type) or "Case report",
        "keywords": [escape(k) for k in report.keywords or []],
        "authors": authors,
        "affiliations": affiliations,
        "corresponding": corresponding,
        "abstract": _texts(
            report.abstract, ("background", "case_presentation", "conclusion", "text")
        ),
    }


def build_context(
    draft: Draft, has_references: bool, figure_src: dict[str, str], timeline_src: str
) -> dict[str, Any]:
    """Everything a manuscript template may print. `figure_src` maps figure ids to the
    image paths to write in the Markdown; `timeline_src` is the generated timeline SVG."""
    report = draft.model
    return {
        **_front(report),
        "introduction": clean(report.introduction),
        "patient": _patient(report.patient),
        "clinical_findings": clean(report.clinical_findings),
        "timeline": {
            "rows": _timeline(report),
            "table": _ids("tbl", TIMELINE_TABLE),
            "figure": {**_ids("fig", TIMELINE_FIGURE), "src": timeline_src},
            "show": report.timeline_as or "",  # table, figure, both; "": the template's
        },
        "diagnostics": _diagnostics(draft),
        **_treatment(report),
        "follow_up": _texts(report.follow_up, _FOLLOW_UP),
        "discussion": _texts(report.discussion, _DISCUSSION),
        "conclusion": clean(report.conclusion),
        "patient_perspective": clean(report.patient_perspective),
        "consent": clean(report.consent.statement or report.consent.waiver),
        "consent_field": "consent.statement" if report.consent.statement else "consent.waiver",
        "consent_carried": carried.consent(
            report.consent.raw, clean(report.consent.statement or report.consent.waiver)
        ),
        "points_carried": carried.learning_points(report.discussion.lessons, report.conclusion),
        "bibliography": report.bibliography or "",
        "ethics": clean(report.ethics),
        "declarations": _texts(report.declarations, _DECLARATIONS),
        "figures": _figures(report, figure_src),
        "tables": _tables(report),
        "has_references": has_references,
        "references": placeholder("refs", ""),
        "reference_marks": placeholder("refmarks", ""),  # import marks, before the heading
    }


def figure_sources(draft: Draft, out_dir: Path) -> tuple[dict[str, str], list[str]]:
    """Figure id -> image path as the Markdown file in `out_dir` will refer to it, and the
    reason for each figure file that cannot be used (named as the author wrote it)."""
    sources, refused = {}, []
    for figure in draft.model.figures:
        try:
            target = inside_folder(draft.folder, figure.file)
        except OutsideFolder as problem:
            refused.append(f"figure {figure.id!r}: {problem}")
            sources[figure.id] = ""
            continue
        relative = os.path.relpath(target, out_dir.resolve())
        sources[figure.id] = quote(Path(relative).as_posix())
    return sources, refused
