"""What a journal profile may say (checklists/journals/*.yaml), in the draft format's
schema vocabulary. Every key listed here is read by a rule or by `carekit journals`
(tests/test_journals.py proves it); a key nothing reads is not allowed, so a typo such as
`max_word` is an error instead of a limit silently switched off.

Every section is optional, and so is every key in it: a profile says only what the
journal asks for, and the rules fall back to CARE for the rest.
"""

from __future__ import annotations

from carekit.draft.schema import Boolean, Choice, Kind, ListOf, Number, OneOf, Record, Text
from carekit.journals.structure import (
    DECLARATION_KEYS,
    KEYWORD_POSITIONS,
    LEARNING_FORMATS,
    LEGEND_POSITIONS,
)

CONFIDENCE = ("high", "medium", "low")
ABSTRACT_PARTS = ("background", "case_presentation", "conclusion")
# The patient details a journal may ask for; journal-patient-details knows where each is.
PATIENT_DETAILS = ("age", "sex", "ethnicity", "psychosocial")
# The figure formats a submission system may take; SVG is not among them anywhere.
FIGURE_FORMATS = ("pdf", "eps", "tiff", "png", "jpeg")
# What the title page must give; journal-front-matter knows where each is in a draft.
FRONT_MATTER = ("affiliations", "corresponding_email")


def _section(fields: dict[str, Kind], description: str) -> Record:
    """A profile section: its facts, plus where they come from and how sure carekit is."""
    return Record(
        {
            **fields,
            "source": Text("Where the fact comes from; findings quote it."),
            "confidence": Choice(CONFIDENCE, "How sure carekit is of the fact."),
        },
        description,
        noun="section",
    )


_LIMIT = Number("A word limit.", integer=True)

PROFILE = Record(
    {
        "name": Text("The profile's name, as drafts give it, e.g. jmcr; default: the file's name."),
        "title": Text("The journal's full name, used in findings."),
        "template": Text("The manuscript template: a bundled one, or a folder beside the file."),
        "abstract": _section(
            {
                "max_words": _LIMIT,
                "structure": OneOf(
                    Choice(("any", "unstructured")),
                    ListOf(Choice(ABSTRACT_PARTS)),
                    label="any, unstructured, or a list of the parts (background, "
                    "case_presentation, conclusion)",
                ),
                "labels": ListOf(Text(), "The journal's headings for the abstract parts."),
            },
            "The abstract's word limit and structure.",
        ),
        "main_text": _section(
            {"max_words": _LIMIT, "approximate": Boolean("Whether the limit is a guide.")},
            "The main text's word limit.",
        ),
        "keywords": _section(
            {
                "min": Number("Fewest keywords.", integer=True),
                "max": Number("Most keywords.", integer=True),
                "mesh": Boolean("Whether keywords must be MeSH terms."),
            },
            "How many keywords.",
        ),
        "title_rules": _section(
            {
                "require": ListOf(Text(), "The title must contain one of these phrases."),
                "forbid": ListOf(Text(), "Words the title must not contain."),
                "forbid_demographics": Boolean("No age, sex or ethnicity in the title."),
            },
            "What the title must and must not say.",
        ),
        "authors": _section({"max": Number("Most authors.", integer=True)}, "How many authors."),
        "front_matter": _section(
            {"required": ListOf(Choice(FRONT_MATTER), "What the title page must give.")},
            "The title page: the authors' affiliations, the corresponding author's e-mail.",
        ),
        "figures": _section(
            {
                "formats": ListOf(
                    Choice(FIGURE_FORMATS), "Accepted upload formats, the preferred first."
                ),
                "min_dpi": Number("Least resolution of raster figures, in dpi.", integer=True),
            },
            "Figure files for upload (carekit submit writes each figure in these formats).",
        ),
        "patient_details": _section(
            {"required": ListOf(Choice(PATIENT_DETAILS), "Details the case must give.")},
            "Patient details the case presentation must give.",
        ),
        "consent": _section(
            {
                "required": Boolean(
                    "The journal publishes no case report without the patient's consent: "
                    "a reason under `not_reported` does not replace it."
                ),
                "form": Text("The journal's own consent form, if it has one."),
                "statement": Text("What the journal's consent statement must say."),
            },
            "Consent for publication.",
        ),
        "csl": _section(
            {"style": Text("The journal's citation style: a bundled CSL style's name.")},
            "The citation style of the reference list (carekit render --csl overrides it).",
        ),
        "issn": _section(
            {"value": Text("The ISSN of the journal's electronic edition, e.g. 1752-1947.")},
            "The journal's ISSN (the JATS output's journal metadata).",
        ),
        # How the manuscript is laid out (journals/structure.py; the templates follow it).
        "learning_points": _section(
            {
                "format": Choice(LEARNING_FORMATS, "Bullets (one point each) or prose."),
                "min": Number("Fewest learning points.", integer=True),
                "max": Number("Most learning points.", integer=True),
            },
            "How the learning points (take-home messages) are printed.",
        ),
        "keywords_placement": _section(
            {"position": Choice(KEYWORD_POSITIONS, "Keywords above or after the abstract.")},
            "Where the keywords are printed.",
        ),
        "figure_legends": _section(
            {
                "position": Choice(
                    LEGEND_POSITIONS, "Legends with the figures, or listed after the references."
                ),
                "heading": Text("The heading of the legends after the references."),
            },
            "Where the figure legends are printed.",
        ),
        "declarations": _section(
            {
                "heading": Text(
                    "The heading above the declarations; empty: each under its own heading."
                ),
                "headings": Record(
                    {key: Text(f"The journal's heading for `{key}`.") for key in DECLARATION_KEYS},
                    "The journal's heading for each declaration, in the journal's order; "
                    "a declaration not listed follows them under carekit's heading.",
                    noun="declaration headings",
                ),
            },
            "The declarations' headings and order.",
        ),
        "prefer_age_range": _section(
            {"value": Boolean("Whether the journal prefers an age range to an exact age.")},
            "Age ranges rather than exact ages.",
        ),
        "privacy": _section(
            {
                "no_dates": Boolean("No dates in patient text, not even a month or year."),
                "no_places": Boolean("No places and no names of institutions."),
                "ages_as_ranges": Boolean("Ages as ranges, never exact."),
            },
            "De-identification stricter than HIPAA Safe Harbor; the privacy rules cite it.",
        ),
    },
    "A journal profile.",
    noun="journal profile",
)

# Keys that older profiles held but nothing ever read: say why instead of "did you mean".
RETIRED = {
    "checklist": "Profiles no longer choose the checklist (nothing read this key): choose it "
    "with --checklist or `checklist:` in .carekit.yaml, and delete this line.",
}
