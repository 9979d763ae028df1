"""The draft format, version 1: the one description of every key a draft may hold.

`carekit schema` exports it as JSON Schema, the README's reference table is printed from it,
and the loader validates every draft against it. Which CARE item each key reports is not
written here: it comes from the checklist's `satisfied_by` (carekit/draft/reported_in.py).
"""

from __future__ import annotations

from carekit.draft.entries import Identifier, complete
from carekit.draft.format_parts import (
    AFFILIATION,
    AGE,
    AGE_AT,
    ARTICLE,
    AUTHOR,
    DATE,
    FIGURE,
    LAB_VALUE,
    REFERENCE,
    REFERENCE_RANGE,
    RELATIVE_TIME,
    SERIAL_LABS,
    TABLE,
    UNPLACED,
)
from carekit.draft.schema import (
    Boolean,
    Choice,
    ListOf,
    MapOf,
    Number,
    Record,
    Text,
)

FORMAT_VERSION = 1


ABSTRACT = Record(
    {
        "background": Text("What is new or unique about the case.", markdown=True),
        "case_presentation": Text(
            "Main concerns, findings, diagnoses, interventions and outcomes.",
            markdown=True,
        ),
        "conclusion": Text("The main take-away lesson.", markdown=True),
        "text": Text("An unstructured abstract: one free paragraph.", markdown=True),
    },
    "Structured (background, case_presentation, conclusion) or one free `text`.",
)

PAST_INTERVENTION = Record(
    {
        "intervention": Text("What was done.", markdown=True),
        "when": Text("When, in relative terms (e.g. 1 month before presentation)."),
        "outcome": Text("What came of it.", markdown=True),
    },
    noun="past intervention",
    required=("intervention",),
    check=complete(
        "intervention",
    ),
)

PATIENT_FIELDS = {
    "age": AGE,
    "ages": ListOf(
        AGE_AT,
        "The age at other time points, e.g. at first symptoms (`age` is at presentation).",
    ),
    "sex": Choice(("female", "male", "intersex", "not stated"), "The patient's sex."),
    "gender": Text("Gender identity, where relevant and different from sex."),
    "ethnicity": Text("Ethnicity, where relevant to the case."),
    "occupation": Text("Occupation, where relevant to the case."),
    "presenting_concern": Text(
        "The main concern and symptoms, in the patient's terms where possible.",
        markdown=True,
    ),
    "history": Record(
        {
            "medical": Text("Past illnesses, medication, allergies.", markdown=True),
            "family": Text("Relevant illness in the family.", markdown=True),
            "psychosocial": Text("Living situation, habits, support.", markdown=True),
            "genetic": Text("Relevant genetic findings.", markdown=True),
        },
        "Medical, family, psychosocial and genetic history.",
    ),
    "comorbidities": ListOf(Text(), "Other conditions, one per entry."),
    "past_interventions": ListOf(
        PAST_INTERVENTION,
        "Relevant earlier interventions and their outcomes.",
    ),
}

PATIENT = Record(PATIENT_FIELDS, "De-identified patient information.")

# A report about two patients (a mother and her newborn): each with who they are.
OTHER_PATIENT = Record(
    {"role": Text("Who this patient is in the case, e.g. mother, newborn."), **PATIENT_FIELDS},
    noun="patient",
)

TIMELINE_ENTRY = Record(
    {
        "id": Text("A name other entries can count from, e.g. `discharge`."),
        "date": DATE,
        "at": RELATIVE_TIME,
        "event": Text("What happened.", markdown=True),
    },
    noun="timeline entry",
    plural="timeline entries",
    required=("event",),
    check=complete(
        "event",
    ),
)

LAB = Record(
    {
        "test": Text("Name of the test, e.g. Serum sodium."),
        "value": LAB_VALUE,
        "unit": Text("The unit, e.g. mmol/L; `none` for unitless results such as INR."),
        "reference_range": REFERENCE_RANGE,
        "time_point": Text("When it was taken, e.g. day 0 or at follow-up."),
        "flag": Choice(("h", "l", "hh", "ll", "abnormal", "normal"), "H, L, HH, LL or abnormal."),
    },
    noun="lab result",
    required=("test",),
    check=complete(
        "test",
    ),
)

RESULT = Record(
    {
        "test": Text("e.g. Left-hand ultrasound."),
        "result": Text(markdown=True),
        "time_point": Text("When it was done."),
    },
    noun="result",
    required=("test",),
    check=complete(
        "test",
    ),
)

DIFFERENTIAL = Record(
    {
        "diagnosis": Text(),
        "reasoning": Text(
            "Why it was considered, and why it was kept or ruled out.", markdown=True
        ),
    },
    noun="differential diagnosis",
    plural="differential diagnoses",
    required=("diagnosis",),
    check=complete(
        "diagnosis",
    ),
)

DIAGNOSTICS = Record(
    {
        "methods": Text(
            "Examinations, tests, imaging and questionnaires used.",
            markdown=True,
        ),
        "labs": ListOf(LAB, "Laboratory results, one row per test."),
        "serial_labs": SERIAL_LABS,
        "imaging": ListOf(RESULT, "Imaging studies and what they showed."),
        "other_results": ListOf(RESULT, "Other tests (pathology, ECG...) and their results."),
        "challenges": Text(
            "Diagnostic challenges (access, cost, language, culture, misleading findings).",
            markdown=True,
        ),
        "differential": ListOf(
            DIFFERENTIAL,
            "Diagnoses considered, each with the reasoning.",
        ),
        "reasoning": Text("How the diagnosis was reached.", markdown=True),
        "final_diagnosis": Text("The diagnosis reached."),
        "prognosis": Text("Prognostic characteristics such as staging.", markdown=True),
    },
    "Diagnostic assessment.",
)

INTERVENTION = Record(
    {
        "type": Choice(
            (
                "pharmacologic",
                "surgical",
                "procedural",
                "preventive",
                "self-care",
                "conservative",
                "device",
                "psychological",
                "other",
            ),
        ),
        "name": Text("The agent or procedure."),
        "dose": Text("Dose and strength, e.g. 10 mg/kg."),
        "route": Text("e.g. intravenous, oral."),
        "frequency": Text("e.g. every 8 hours."),
        "duration": Text("e.g. 7 days."),
        "timing": Text("When it was given, e.g. day 0 to day 7."),
        "notes": Text(markdown=True),
    },
    noun="intervention",
    required=("name",),
    check=complete(
        "name",
    ),
)

INTERVENTION_CHANGE = Record(
    {
        "change": Text(markdown=True),
        "rationale": Text(markdown=True),
        "when": Text(),
    },
    noun="change",
    required=("change",),
    check=complete(
        "change",
    ),
)

FOLLOW_UP = Record(
    {
        "clinician_outcomes": Text(markdown=True),
        "patient_outcomes": Text(markdown=True),
        "results": Text("Important follow-up test results.", markdown=True),
        "adherence_and_tolerability": Text(
            "How well the intervention was followed and tolerated, and how that was assessed.",
            markdown=True,
        ),
        "adverse_events": Text(
            "Adverse and unanticipated events, or that there were none.",
            markdown=True,
        ),
        "duration": Text("How long the patient was followed, e.g. 2 months."),
    },
    "Follow-up and outcomes.",
)

DISCUSSION = Record(
    {
        "strengths_and_limitations": Text(markdown=True),
        "literature": Text(markdown=True),
        "rationale": Text(
            "Why the conclusions follow, including a causality assessment.",
            markdown=True,
        ),
        "lessons": Text("The main take-away lessons.", markdown=True),
    },
)

CONSENT = Record(
    {
        "obtained": Boolean("Was consent for publication obtained?"),
        "given_by": Choice(("patient", "parent", "guardian", "next of kin")),
        "written": Boolean("Was it written consent?"),
        "covers_images": Boolean("Does it cover the figures?"),
        "statement": Text("The consent statement as it should be printed.", markdown=True),
        "waiver": Text(
            "When consent was waived instead: the waiver as printed, and who granted it "
            "(e.g. the institution's ethics committee).",
            markdown=True,
        ),
    },
    "Informed consent for publication.",
)

DECLARATIONS = Record(
    {
        "funding": Text(markdown=True),
        "competing_interests": Text(markdown=True),
        "author_contributions": Text(markdown=True),
        "acknowledgements": Text(markdown=True),
        "data_availability": Text(markdown=True),
    },
)

# The privacy rules whose findings an author can accept (privacy-image-metadata is fixed
# with `carekit scrub`, not accepted). Named here: draft imports no rules.
ACCEPTABLE_PRIVACY_RULES = {
    "privacy-date": "calendar dates",
    "privacy-age": "an age over 89",
    "privacy-name": "names",
    "privacy-record-number": "record or device numbers",
    "privacy-phone": "telephone numbers",
    "privacy-email": "e-mail addresses",
    "privacy-url": "web addresses",
    "privacy-place": "places or institutions",
}

PRIVACY = Record(
    {
        "accepted": ListOf(
            Record(
                {
                    "rule": Choice(
                        tuple(ACCEPTABLE_PRIVACY_RULES), "The privacy rule, e.g. privacy-age."
                    ),
                    "reason": Text(
                        "Why the detail must stay, and that the patient consented to it."
                    ),
                },
                noun="accepted disclosure",
                required=("rule", "reason"),
            ),
            "Identifying details kept on purpose, with consent (e.g. the exact age in a "
            "report about extreme age): the rule's findings become one note, listed in "
            "the checklist.",
        ),
    },
    "Deliberate, consented disclosures of identifying details.",
)

DRAFT = Record(
    {
        "carekit": Number("Draft format version; write 1.", integer=True),
        "title": Text("Title of the report."),
        "short_title": Text("Running title for page headers."),
        "article_type": Text("e.g. case report."),
        "journal": Text("The target journal."),
        "language": Text("Language of the manuscript, e.g. en."),
        "article": ARTICLE,
        "keywords": ListOf(Text(), "Two to five keywords."),
        "authors": ListOf(AUTHOR),
        "affiliations": ListOf(AFFILIATION),
        "abstract": ABSTRACT,
        "introduction": Text("Why the case matters, with references.", markdown=True),
        "patient": PATIENT,
        "patients": ListOf(
            OTHER_PATIENT,
            "For a report about more than one patient (mother and newborn): the others, "
            "each with its `role`; or all of them, leaving `patient` out.",
        ),
        "clinical_findings": Text(
            "Physical examination and other significant findings.",
            markdown=True,
        ),
        "timeline": ListOf(TIMELINE_ENTRY, "Dated or relative events, in order."),
        "timeline_as": Choice(
            ("table", "figure", "both"),
            "How the manuscript shows the timeline: a table, a figure or both; default: "
            "the template's choice (a table in the bundled templates).",
        ),
        "timeline_figure": Identifier(
            "When the timeline is published as a figure: the `id` of that figure under `figures`."
        ),
        "diagnostics": DIAGNOSTICS,
        "interventions": ListOf(INTERVENTION, "Therapeutic interventions."),
        "intervention_changes": ListOf(
            INTERVENTION_CHANGE,
            "Changes in intervention, each with its rationale.",
        ),
        "follow_up": FOLLOW_UP,
        "discussion": DISCUSSION,
        "conclusion": Text("One-paragraph conclusion.", markdown=True),
        "patient_perspective": Text("The patient's own view of the care.", markdown=True),
        "consent": CONSENT,
        "ethics": Text("Ethics approval, or why none was needed.", markdown=True),
        "declarations": DECLARATIONS,
        "privacy": PRIVACY,
        "figures": ListOf(FIGURE),
        "tables": ListOf(TABLE),
        "references": ListOf(REFERENCE),
        "bibliography": Text(
            "A BibTeX (.bib) or CSL-JSON (.json) file beside the draft, exported from "
            "Zotero, EndNote or Mendeley; its entries are cited like `references`."
        ),
        "unplaced": ListOf(
            UNPLACED,
            "Passages of an imported manuscript that carekit could not place: move each "
            "into its field, then delete it.",
        ),
        "not_reported": MapOf(
            "CARE item IDs",
            Text(markdown=True),
            "For a CARE item that does not apply: the item ID (e.g. 8d) and the reason.",
        ),
    },
    "A carekit case-report draft.",
    noun="draft",
)

# Which CARE item each key reports: from the checklist's `satisfied_by`, the one source.
from carekit.draft.reported_in import annotate  # noqa: E402

annotate(DRAFT)
