"""Parts of the draft format (format.py) that serve no single CARE item: value shapes
(dates, relative times, ages, reference ranges) and the front and back matter (authors,
affiliations, figures, tables, references). Moved here so format.py stays one screenful
of the report's sections."""

from __future__ import annotations

from carekit.draft.entries import Identifier, complete
from carekit.draft.schema import (
    Boolean,
    Choice,
    Custom,
    ListOf,
    Number,
    OneOf,
    Pattern,
    Record,
    Text,
)
from carekit.draft.values import TIME_UNITS, parse_age, parse_range, parse_time

DATE = Pattern(
    r"\d{4}(-\d{2}(-\d{2})?)?",
    "a date written year-month-day",
    "2021-03-12 (or 2021-03, or 2021)",
)


RELATIVE_TIME = OneOf(
    Custom(
        parse_time,
        "a relative time",
        '"day -30", "week 2" or "2 months after discharge"',
        {"type": "string"},
    ),
    Record(
        {
            "offset": Number("How many units from the anchor; negative means before."),
            "unit": Choice(TIME_UNITS, "The unit of the offset."),
            "anchor": Text(
                "The `id` of the timeline entry the offset counts from; "
                "leave out to count from the presentation (day 0)."
            ),
        },
        noun="relative time",
        required=("offset", "unit"),
        check=complete("offset", "unit"),
    ),
    label='a relative time such as "day -30", "week 2" or "2 months after discharge"',
)


def _check_age(value: dict) -> str | None:
    if "unit" not in value:
        return "This age is left out until its `unit` is fixed (see its finding)."
    if "value" not in value and not ("min" in value or "max" in value):
        return "The age needs a `value` (or `min` and `max` for an age range)."
    if "value" in value and ("min" in value or "max" in value):
        return "Give the age either as `value` or as a range (`min`, `max`), not both."
    return None


AGE_RECORD = Record(
    {
        "value": Number("The age as a number, e.g. 9."),
        "min": Number("Lower end of an age range, e.g. 40."),
        "max": Number("Upper end of an age range, e.g. 49."),
        "unit": Choice(TIME_UNITS[1:], "days, weeks, months or years."),
        "approximate": Boolean("yes when the report gives the age as approximate (about 22)."),
        "text": Text(
            "The age as the report words it (in her early 60s, a young man), kept as written."
        ),
    },
    noun="age",
    required=("unit",),
    check=_check_age,
)

AGE = OneOf(
    Custom(
        parse_age,
        "an age",
        '"9 months", "40-49 years", "about 22 years", "30+ years", "in her early 60s" or '
        '"a young man"',
        {"type": "string"},
    ),
    AGE_RECORD,
    label='an age such as "9 months", "40-49 years" or {value: 9, unit: months}',
    description="The patient's age: a number and a unit, a range, about a number "
    "(about 22 years), open (30+ years), a decade (in her early 60s), or words (a young man).",
    example="age: 9 months   (or: age: {value: 9, unit: months}, or: age: 40-49 years)",
)

AGE_AT = Record(
    {
        "at": Text("When, e.g. at first symptoms, at diagnosis, at follow-up."),
        "age": AGE,
    },
    "The age at another time point of the case.",
    noun="age at a time point",
    plural="ages at time points",
    required=("age",),
    check=complete("age"),
)

AUTHOR = Record(
    {
        "name": Text("Full name as it should be printed."),
        "degrees": Text("Degrees, e.g. MD, PhD."),
        "affiliations": ListOf(Text(), "Affiliation `id`s (see `affiliations`) or full names."),
        "orcid": Pattern(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", "an ORCID iD", "0000-0002-1825-0097"),
        "email": Pattern(r"[^@\s]+@[^@\s]+\.[^@\s]+", "an e-mail address", "name@example.org"),
        "corresponding": Boolean("yes for the corresponding author."),
    },
    noun="author",
    required=("name",),
    check=complete(
        "name",
    ),
)

AFFILIATION = Record(
    {
        "id": Text("A short name authors refer to, e.g. `peds`."),
        "name": Text("Department, institution, city, country."),
    },
    noun="affiliation",
    required=("id", "name"),
    check=complete("id", "name"),
)


REFERENCE_RANGE = OneOf(
    Custom(parse_range, "a reference range", '"3.5-5.0", "<5" or "negative"', {"type": "string"}),
    Record(
        {
            "low": Number("Lowest normal value."),
            "high": Number("Highest normal value."),
            "text": Text("The range in words, for qualitative tests."),
        },
        noun="reference range",
    ),
    label='a reference range such as "3.5-5.0", "<5", "negative" or low/high',
)


LAB_VALUE = OneOf(
    Number(),
    Text(),
    label="a number, or a result in words such as negative",
    description="The result: a number (about 22, <5 and 30+ are read too), or words for a "
    "qualitative test.",
)

SERIAL_LAB = Record(
    {
        "test": Text("Name of the test, e.g. C-reactive protein."),
        "unit": Text("The unit, e.g. mg/L; `none` for unitless results such as INR."),
        "reference_range": REFERENCE_RANGE,
        "values": ListOf(
            LAB_VALUE,
            'One result per time point, in the order of `time_points`; leave a gap as "" or null.',
            cells=True,
        ),
    },
    noun="serial lab row",
    required=("test",),
    check=complete("test"),
)

SERIAL_LABS = Record(
    {
        "time_points": ListOf(
            Text(), "The columns: when each set was taken, e.g. day 1.", cells=True
        ),
        "tests": ListOf(SERIAL_LAB, "One row per test, one value per time point."),
    },
    "Serial lab results in wide form: one row per test, one column per time point "
    "(carekit reads each value as a lab result at its time point).",
    example="serial_labs: {time_points: [day 1, day 3], tests: [{test: CRP, unit: mg/L, "
    "values: [87, 79]}]}",
)

FIGURE = Record(
    {
        "id": Identifier("Cite it in text as [@fig:ID]."),
        "file": Text("Path of the image, relative to the draft's folder."),
        "caption": Text(markdown=True),
        "alt": Text("A description for readers who cannot see the image."),
        "shows_patient": Boolean(
            "yes when the image shows the patient (a photograph, a scan, a slide of their "
            "tissue), no for a diagram, chart or drawing: only images of the patient need "
            "image consent. Left out, carekit asks for image consent unless the caption "
            "calls the figure a diagram, chart, graph or timeline."
        ),
    },
    noun="figure",
    required=("id", "file"),
    check=complete("id", "file"),
)

UNPLACED = Record(
    {
        "from": Text("Where the passage stood in the imported manuscript."),
        "text": Text("The passage, as written.", markdown=True),
    },
    noun="unplaced passage",
)

TABLE = Record(
    {
        "id": Identifier("Cite it in text as [@tbl:ID]."),
        "caption": Text(markdown=True),
        "header": ListOf(Text()),
        "rows": ListOf(ListOf(Text())),
    },
    noun="table",
    required=("id",),
    check=complete(
        "id",
    ),
)

ARTICLE = Record(
    {
        "doi": Pattern(r"10\.\d{4,9}/\S+", "a DOI", "10.1186/s13256-022-03306-w"),
        "pmid": Pattern(r"\d{1,9}", "a PubMed ID", "35168676"),
        "pmcid": Pattern(r"PMC\d{1,9}", "a PubMed Central ID", "PMC7423352"),
        "published": DATE,
        "journal": Text("The journal that published it."),
        "volume": Text(),
        "issue": Text(),
        "pages": Text("Pages or article number."),
        "url": Text(),
        "licence": Text("e.g. CC BY 4.0."),
    },
    "For a published report (e.g. one transcribed for teaching or evaluation): its own "
    "identifiers and publication date.",
)

REFERENCE = Record(
    {
        "id": Text("The citation key typed in text as [@id]."),
        "authors": OneOf(
            ListOf(Text()),
            Text(),
            label="a list of author names, or one text",
            description="e.g. [Le C, Bedocs PM].",
        ),
        "title": Text(),
        "journal": Text("Journal abbreviation (for an article)."),
        "publisher": Text("Publisher (for a book or web resource)."),
        "place": Text("Place of publication (for a book)."),
        "year": Number(integer=True),
        "volume": Text(),
        "issue": Text(),
        "pages": Text(),
        "doi": Pattern(r"10\.\d{4,9}/\S+", "a DOI", "10.1186/s13256-022-03306-w"),
        "pmid": Pattern(r"\d{1,9}", "a PubMed ID", "35168676"),
        "url": Text(),
    },
    noun="reference",
    required=("id",),
    check=complete(
        "id",
    ),
)
