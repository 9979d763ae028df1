"""The draft as templates see it: cleaned text, numbered affiliations, table rows.

Text fields stay Markdown (with `[@key]` citations, numbered later); names, units and
other short values are escaped so they print literally. Nothing here is ever evaluated as
a template: Jinja receives these values as data.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from carekit.draft.files import OutsideFolder, inside_folder
from carekit.draft.model import Draft
from carekit.draft.timeline import place_entries
from carekit.draft.values import measured, time_label
from carekit.render.mdtext import cell, clean, escape, placeholder
from carekit.render.numbering import anchor

TIMELINE_FIGURE = "timeline"  # id of the generated timeline figure: cite as [@fig:timeline]
TIMELINE_TABLE = "timeline"
LABS_TABLE = "labs"
INTERVENTIONS_TABLE = "interventions"
_FLAG_MARK = {"h": "H", "hh": "HH", "l": "L", "ll": "LL", "abnormal": "A"}
_SEX_WORD = {"female": "female", "male": "male", "intersex": "intersex"}


def age_phrase(age: dict | None) -> str:
    """ "9-month-old", "in the 40-49 years age range" and so on."""
    if not age or "unit" not in age:
        return ""
    unit = age["unit"]
    if "value" in age:
        number = f"{age['value']:g}"
        return f"{number}-{unit.rstrip('s')}-old"
    low, high = age.get("min"), age.get("max")
    span = "–".join(f"{v:g}" for v in (low, high) if v is not None)
    return f"aged {span} {unit}"


def _demographics(patient: dict) -> str:
    """One plain sentence of the demographics the draft gives, e.g.
    "The patient was a 9-month-old male (Saudi Arab)."."""
    age = age_phrase(patient.get("age"))
    sex = _SEX_WORD.get(patient.get("sex", ""), "")
    extras = [escape(patient[k]) for k in ("ethnicity", "occupation", "gender") if patient.get(k)]
    if not (age or sex or extras):
        return ""
    adjective = age if age.endswith("-old") else ""
    sentence = " ".join(w for w in ("The patient was a", adjective, sex or "patient") if w)
    if age and not adjective:
        sentence += f" {age}"
    if extras:
        sentence += " (" + "; ".join(extras) + ")"
    return sentence + "."


def _authors(draft: Draft) -> tuple[list[dict], list[dict], list[dict]]:
    """Authors with affiliation numbers (in order of first appearance) and correspondence."""
    known = {a["id"]: clean(a.get("name", "")) for a in draft.get("affiliations") or []}
    numbered: dict[str, int] = {}
    authors = []
    for author in draft.get("authors") or []:
        marks = []
        for affiliation in author.get("affiliations") or []:
            name = known.get(affiliation, clean(affiliation))
            marks.append(numbered.setdefault(name, len(numbered) + 1))
        authors.append(
            {
                "name": escape(author.get("name", "")),
                "degrees": escape(author.get("degrees", "")),
                "marks": ",".join(str(m) for m in marks),
                "orcid": author.get("orcid", ""),
                "email": author.get("email", ""),
                "corresponding": bool(author.get("corresponding")),
            }
        )
    affiliations = [{"number": n, "name": escape(name)} for name, n in numbered.items()]
    corresponding = [a for a in authors if a["corresponding"]]
    return authors, affiliations, corresponding


def _timeline(draft: Draft) -> list[dict]:
    entries = draft.get("timeline") or []
    placed = {p.index: p for p in place_entries(entries)[0]}
    rows = []
    for i, entry in enumerate(entries):
        when = entry.get("at")
        label = (
            time_label(when)
            if when
            else entry.get("date") or (placed[i].label if i in placed else "")
        )
        label = re.sub(r"(?<![\w-])-(?=\d)", "\u2212", label)  # a true minus: "Day \u221230"
        rows.append(
            {
                "when": escape(label[:1].upper() + label[1:]),
                "event": cell(entry.get("event", "")),
                "plain_event": clean(entry.get("event", "")),
                "day": placed[i].day if i in placed else None,
                "frame": placed[i].frame if i in placed else None,
            }
        )
    return rows


def lab_flag(lab: dict) -> str:
    """The author's flag, or H/L worked out from the reference range."""
    if lab.get("flag") in _FLAG_MARK:
        return _FLAG_MARK[lab["flag"]]
    reading = measured(lab.get("value"))
    limits = lab.get("reference_range") or {}
    if reading is None or lab.get("flag") == "normal":
        return ""
    if limits.get("high") is not None and reading.number > limits["high"]:
        return "H"
    if limits.get("low") is not None and reading.number < limits["low"]:
        return "L"
    return ""


def _range_text(limits: dict | None) -> str:
    if not limits:
        return ""
    low, high = limits.get("low"), limits.get("high")
    if low is not None and high is not None:
        return f"{low:g}–{high:g}"
    if limits.get("text"):
        return limits["text"]
    if low is not None:
        return f"≥ {low:g}"
    return f"≤ {high:g}" if high is not None else ""


def _labs(draft: Draft) -> list[dict]:
    rows = []
    for lab in draft.get("diagnostics", "labs") or []:
        value = lab.get("value")
        unit = lab.get("unit", "")
        rows.append(
            {
                "test": cell(lab.get("test", "")),
                "value": cell(f"{value:g}" if isinstance(value, float) else value),
                "unit": cell("" if str(unit).lower() == "none" else unit),
                "range": cell(_range_text(lab.get("reference_range"))),
                "flag": lab_flag(lab),
                "time_point": cell(lab.get("time_point", "")),
            }
        )
    return rows


def _rows(items: list[dict] | None, keys: tuple[str, ...]) -> list[dict]:
    return [{key: cell(item.get(key, "")) for key in keys} for item in items or []]


def build_context(
    draft: Draft, references: list[dict], figure_src: dict[str, str], timeline_src: str
) -> dict[str, Any]:
    """Everything a manuscript template may print. `figure_src` maps figure ids to the
    image paths to write in the Markdown; `timeline_src` is the generated timeline SVG."""
    authors, affiliations, corresponding = _authors(draft)
    patient = draft.get("patient") or {}
    history = patient.get("history") or {}
    abstract = draft.get("abstract") or {}
    figures = [
        {
            "id": figure["id"],
            "anchor": anchor("fig", figure["id"]),
            "number": placeholder("fig", figure["id"]),
            "src": figure_src.get(figure["id"], ""),
            "caption": clean(figure.get("caption")),
            "alt": escape(figure.get("alt") or figure.get("caption") or ""),
        }
        for figure in draft.get("figures") or []
    ]
    tables = [
        {
            "id": table["id"],
            "anchor": anchor("tbl", table["id"]),
            "number": placeholder("tbl", table["id"]),
            "caption": clean(table.get("caption")),
            "header": [cell(h) for h in table.get("header") or []],
            "rows": [[cell(c) for c in row] for row in table.get("rows") or []],
        }
        for table in draft.get("tables") or []
    ]
    timeline = _timeline(draft)
    labs = _labs(draft)
    return {
        "title": escape(draft.get("title")) or "Untitled case report",
        "short_title": escape(draft.get("short_title")),
        "language": clean(draft.get("language")) or "en",
        "article_type": escape(draft.get("article_type")) or "Case report",
        "keywords": [escape(k) for k in draft.get("keywords") or []],
        "authors": authors,
        "affiliations": affiliations,
        "corresponding": corresponding,
        "abstract": {
            key: clean(abstract.get(key))
            for key in ("background", "case_presentation", "conclusion", "text")
        },
        "introduction": clean(draft.get("introduction")),
        "patient": {
            "demographics": _demographics(patient),
            "presenting_concern": clean(patient.get("presenting_concern")),
            "history": {
                k: clean(history.get(k)) for k in ("medical", "family", "psychosocial", "genetic")
            },
            "comorbidities": [escape(c) for c in patient.get("comorbidities") or []],
            "past_interventions": [
                {
                    "intervention": clean(p.get("intervention")),
                    "when": escape(p.get("when", "")),
                    "outcome": clean(p.get("outcome")),
                }
                for p in patient.get("past_interventions") or []
            ],
        },
        "clinical_findings": clean(draft.get("clinical_findings")),
        "timeline": {
            "rows": timeline,
            "table": {
                "anchor": anchor("tbl", TIMELINE_TABLE),
                "number": placeholder("tbl", TIMELINE_TABLE),
            },
            "figure": {
                "anchor": anchor("fig", TIMELINE_FIGURE),
                "number": placeholder("fig", TIMELINE_FIGURE),
                "src": timeline_src,
            },
        },
        "diagnostics": {
            "methods": clean(draft.get("diagnostics", "methods")),
            "labs": labs,
            "labs_table": {
                "anchor": anchor("tbl", LABS_TABLE),
                "number": placeholder("tbl", LABS_TABLE),
            },
            "labs_have_time": any(row["time_point"] for row in labs),
            "imaging": _rows(draft.get("diagnostics", "imaging"), ("test", "result", "time_point")),
            "other_results": _rows(
                draft.get("diagnostics", "other_results"), ("test", "result", "time_point")
            ),
            "challenges": clean(draft.get("diagnostics", "challenges")),
            "differential": [
                {
                    "diagnosis": escape(d.get("diagnosis", "")),
                    "reasoning": clean(d.get("reasoning")),
                }
                for d in draft.get("diagnostics", "differential") or []
            ],
            "reasoning": clean(draft.get("diagnostics", "reasoning")),
            "final_diagnosis": escape(draft.get("diagnostics", "final_diagnosis") or ""),
            "prognosis": clean(draft.get("diagnostics", "prognosis")),
        },
        "interventions": _rows(
            draft.get("interventions"),
            ("type", "name", "dose", "route", "frequency", "duration", "timing"),
        ),
        "interventions_table_ids": {
            "anchor": anchor("tbl", INTERVENTIONS_TABLE),
            "number": placeholder("tbl", INTERVENTIONS_TABLE),
        },
        "intervention_notes": [
            {"name": escape(i.get("name", "")), "notes": clean(i.get("notes"))}
            for i in draft.get("interventions") or []
            if i.get("notes")
        ],
        "intervention_changes": [
            {
                "change": clean(c.get("change")),
                "rationale": clean(c.get("rationale")),
                "when": escape(c.get("when", "")),
            }
            for c in draft.get("intervention_changes") or []
        ],
        "follow_up": {
            key: clean(draft.get("follow_up", key))
            for key in (
                "clinician_outcomes",
                "patient_outcomes",
                "results",
                "adherence_and_tolerability",
                "adverse_events",
                "duration",
            )
        },
        "discussion": {
            key: clean(draft.get("discussion", key))
            for key in ("strengths_and_limitations", "literature", "rationale", "lessons")
        },
        "conclusion": clean(draft.get("conclusion")),
        "patient_perspective": clean(draft.get("patient_perspective")),
        "consent": clean(draft.get("consent", "statement")),
        "ethics": clean(draft.get("ethics")),
        "declarations": {
            key: clean(draft.get("declarations", key))
            for key in (
                "funding",
                "competing_interests",
                "author_contributions",
                "acknowledgements",
                "data_availability",
            )
        },
        "figures": figures,
        "tables": tables,
        "has_references": bool(references),
        "references": placeholder("refs", ""),
    }


def figure_sources(draft: Draft, out_dir: Path) -> tuple[dict[str, str], list[str]]:
    """Figure id -> image path as the Markdown file in `out_dir` will refer to it, and the
    reason for each figure file that cannot be used (named as the author wrote it)."""
    sources, refused = {}, []
    for figure in draft.get("figures") or []:
        try:
            target = inside_folder(draft.folder, figure["file"])
        except OutsideFolder as problem:
            refused.append(f"figure {figure['id']!r}: {problem}")
            sources[figure["id"]] = ""
            continue
        relative = os.path.relpath(target, out_dir.resolve())
        sources[figure["id"]] = quote(Path(relative).as_posix())
    return sources, refused
