"""Build the real-manuscript test files: five published case reports (our transcriptions
in tests/realworld/drafts/) laid out the way authors lay out Word manuscripts, converted
by pandoc to .docx and to JATS XML.

    python tests/manuscripts/make_manuscripts.py

Word habits on purpose: numbered headings typed by hand ("2.1 Investigations"), bold
paragraphs standing in for sub-headings, a lab table whose header has merged cells, the
references as a typed numbered list. `LAYOUT` says under which heading each draft field
goes, so a test knows where every passage should land after `carekit import`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

REPORTS = ("PMC7276680", "PMC7490107", "PMC7793199", "PMC8130080", "PMC8446742")

# (heading as typed, how it is typed, draft fields printed under it, in order)
LAYOUT = (
    ("1. Introduction", "heading", ("introduction",)),
    ("2. Case Report", "heading", ("patient.presenting_concern", "clinical_findings")),
    ("Past medical history", "bold", ("patient.history.medical",)),
    ("Family history", "bold", ("patient.history.family",)),
    ("Social history", "bold", ("patient.history.psychosocial",)),
    ("2.1 Investigations", "subheading", ("diagnostics.methods", "labs")),
    ("Differential diagnosis", "bold", ("diagnostics.reasoning",)),
    ("2.2 Treatment", "subheading", ("interventions",)),
    ("2.3 Outcome and follow-up", "subheading", ("follow_up.clinician_outcomes",)),
    ("3. Discussion", "heading", ("discussion.literature",)),
    ("Learning points", "bold", ("discussion.lessons",)),
    ("4. Conclusion", "heading", ("conclusion",)),
    ("Patient's perspective", "heading", ("patient_perspective",)),
    ("Consent for publication", "heading", ("consent.statement",)),
    ("References", "heading", ("references",)),
)


# Other headings real reports use for the same parts, one set per report (the first
# report keeps LAYOUT's), so the import is tried on wording it was not written around.
VARIANTS = (
    {},
    {
        "2. Case Report": "2. Case description",
        "2.2 Treatment": "2.2 Management",
        "2.3 Outcome and follow-up": "2.3 Hospital course",
        "4. Conclusion": "4. Conclusions",
    },
    {
        "1. Introduction": "Background",
        "2. Case Report": "Case presentation",
        "2.1 Investigations": "Laboratory and imaging findings",
        "3. Discussion": "Discussion",
        "Consent for publication": "Statement of ethics",
    },
    {
        "2.2 Treatment": "2.2 Therapeutic approach",
        "3. Discussion": "3. Literature review",
        "Learning points": "Take-home messages",
        "Patient's perspective": "Patient perspective",
    },
    {
        "2. Case Report": "II. CASE REPORT",
        "1. Introduction": "I. INTRODUCTION",
        "2.3 Outcome and follow-up": "Clinical course",
        "3. Discussion": "III. DISCUSSION",
    },
)


def value(draft: dict, path: str):
    node = draft
    for key in path.split("."):
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _labs_table(labs: list[dict]) -> str:
    """A grid table whose header merges "Result" over its value and unit columns."""
    rows = [
        [str(lab.get(k, "") or "") for k in ("test", "value", "unit", "reference_range")]
        for lab in labs
        if "test" in lab and not isinstance(lab.get("reference_range"), dict)
    ]
    titles = ["Laboratory test", "Value", "Unit", "Reference range"]
    widths = [max(len(t), *(len(r[i]) for r in rows)) + 2 for i, t in enumerate(titles)]
    widths[1] = max(widths[1], 10)

    def line(char: str = "-") -> str:
        return "+" + "+".join(char * w for w in widths) + "+"

    def cells(values: list[str]) -> str:
        return "|" + "|".join(f" {v}".ljust(w) for v, w in zip(values, widths, strict=True)) + "|"

    merged = widths[1] + widths[2] + 1
    out = [line()]
    out.append(
        "|"
        + " Laboratory test".ljust(widths[0])
        + "|"
        + " Result".ljust(merged)
        + "|"
        + " Reference range".ljust(widths[3])
        + "|"
    )
    out.append(
        "|"
        + " " * widths[0]
        + "+"
        + "-" * widths[1]
        + "+"
        + "-" * widths[2]
        + "+"
        + " " * widths[3]
        + "|"
    )
    out.append(cells(["", "Value", "Unit", ""]))
    out.append(line("="))
    for row in rows:
        out += [cells(row), line()]
    return "\n".join(out)


def _interventions_table(entries: list[dict]) -> str:
    keys = ("name", "dose", "route", "frequency", "duration")
    head = "| Drug | Dose | Route | Frequency | Duration |\n|---|---|---|---|---|"
    rows = [
        "| " + " | ".join(str(e.get(k, "") or "").replace("|", "/") for k in keys) + " |"
        for e in entries
        if e.get("name") and any(e.get(k) for k in keys[1:])
    ]
    return "\n".join([head, *rows]) if rows else ""


def _block(draft: dict, field: str) -> str:
    if field == "labs":
        labs = value(draft, "diagnostics.labs") or []
        return _labs_table(labs) if labs else ""
    if field == "interventions":
        return _interventions_table(draft.get("interventions") or [])
    if field == "references":
        refs = draft.get("references") or []
        return "\n".join(f"{n}. {r.get('title', '')}" for n, r in enumerate(refs, 1))
    text = value(draft, field)
    return str(text).strip() if isinstance(text, str) else ""


def numbered_citations(text: str, draft: dict) -> str:
    """[@refN] as the "[N]" an author types in Word."""
    ids = [r.get("id") for r in draft.get("references") or []]
    for n, ref_id in enumerate(ids, 1):
        text = text.replace(f"@{ref_id};", f"{n},").replace(f"@{ref_id}]", f"{n}]")
    return text.replace(", ", ",").replace(",", ", ")


def manuscript(draft: dict, variant: dict[str, str]) -> str:
    parts = []
    if draft.get("keywords"):
        parts.append("Keywords: " + "; ".join(draft["keywords"]))
    for heading, style, fields in LAYOUT:
        body = [b for b in (_block(draft, f) for f in fields) if b]
        if not body:
            continue
        mark = {"heading": "# ", "subheading": "## ", "bold": ""}[style]
        heading = variant.get(heading, heading)
        parts.append(f"{mark}{heading}" if mark else f"**{heading}**")
        parts += body
    return numbered_citations("\n\n".join(parts) + "\n", draft)


def main() -> None:
    from carekit.render.pandoc import pandoc_binary

    for report, variant in zip(REPORTS, VARIANTS, strict=True):
        draft = YAML(typ="safe").load(
            (ROOT / "tests/realworld/drafts" / f"{report}.yaml").read_text()
        )
        source = HERE / f"{report}.md"
        source.write_text(manuscript(draft, variant), encoding="utf-8")
        for target, to in ((f"{report}.docx", "docx"), (f"{report}.xml", "jats_archiving")):
            subprocess.run(
                [
                    str(pandoc_binary()),
                    "--from",
                    "markdown",
                    "--to",
                    to,
                    "--standalone",
                    "-o",
                    target,
                    source.name,
                ],
                cwd=HERE,
                check=True,
            )
        print(f"{report}: .md, .docx and .xml written")


if __name__ == "__main__":
    main()
