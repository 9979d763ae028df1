"""The draft as typed objects: one class per record of the format (format.py), each
value with the span it was written at, and the derived facts (lab status, age in years,
abstract parts) computed once, here, for the rules, the word counts and the renderer.

tests/test_model.py checks that every key format.py describes has an attribute here, so
the two cannot drift apart. Only values that passed validation reach these objects.
"""

from __future__ import annotations

from carekit.draft.node import Node, derived, record
from carekit.draft.typed_back import AcceptedDisclosure, Privacy, Reference, Unplaced
from carekit.draft.typed_labs import Article, Lab, ReferenceRange, SerialLab, SerialLabs
from carekit.draft.values import number_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar

_YEARS = {"days": 1 / 365.25, "weeks": 7 / 365.25, "months": 1 / 12, "years": 1.0}


@record
class Age(Node):
    value: float | None = None
    min: float | None = None
    max: float | None = None
    unit: str | None = None
    approximate: bool | None = None
    text: str | None = None
    years: float | None = derived()

    def derive(self) -> None:
        number = self.value if self.value is not None else self.max
        if number is not None and self.unit in _YEARS:
            self.years = number * _YEARS[self.unit]  # the upper end of a range

    @property
    def given(self) -> bool:
        """True when the draft gives an age in any form (a number, a range or words)."""
        return bool(self.unit or self.text)

    @property
    def phrase(self) -> str:
        """ "9-month-old", "aged 40–49 years", "in her early 60s" and so on ("" when
        unknown). An age the report words (`text`) is printed as written."""
        if self.text:
            words = self.text.strip()
            if not self.unit:  # words only: "a young man"
                return f"described as {words}"
            if words.lower().startswith(("in ", "aged ")):
                return words
            return f"in their {words}" if words.lower().endswith("0s") else f"aged {words}"
        if not self.unit:
            return ""
        if self.value is not None:
            return f"{number_text(self.value)}-{self.unit.rstrip('s')}-old"
        ends = "–".join(number_text(v) for v in (self.min, self.max) if v is not None)
        return f"aged {ends} {self.unit}"


@record
class AgeAt(Node):
    NESTED: ClassVar[dict[str, Any]] = {"age": Age}
    at: str | None = None
    age: Age


@record
class RelativeTime(Node):
    offset: float | None = None
    unit: str | None = None
    anchor: str | None = None


@record
class Author(Node):
    name: str | None = None
    degrees: str | None = None
    affiliations: list[str] | None = None
    orcid: str | None = None
    email: str | None = None
    corresponding: bool | None = None


@record
class Affiliation(Node):
    id: str | None = None
    name: str | None = None


# Abstract part -> (CARE item key, what it holds, heading printed in a structured abstract)
ABSTRACT_PARTS: dict[str, tuple[str, str, str]] = {
    "background": ("abstract-novelty", "what is new about the case", "Background"),
    "case_presentation": (
        "abstract-concerns-findings",
        "the patient's concerns, findings, diagnosis, treatment and outcome",
        "Case presentation",
    ),
    "conclusion": ("abstract-conclusion", "the main take-away lesson", "Conclusion"),
}


@record
class Abstract(Node):
    background: str | None = None
    case_presentation: str | None = None
    conclusion: str | None = None
    text: str | None = None

    @property
    def structured(self) -> bool:
        """True when any structured part is written."""
        return any(getattr(self, key) for key in ABSTRACT_PARTS)

    @property
    def parts(self) -> list[tuple[str, str, str]]:
        """(key, heading, text) of each written part, structured parts first."""
        found = [(k, ABSTRACT_PARTS[k][2], getattr(self, k)) for k in ABSTRACT_PARTS]
        found.append(("text", "", self.text))
        return [(key, label, text) for key, label, text in found if (text or "").strip()]


@record
class History(Node):
    medical: str | None = None
    family: str | None = None
    psychosocial: str | None = None
    genetic: str | None = None


@record
class PastIntervention(Node):
    intervention: str | None = None
    when: str | None = None
    outcome: str | None = None


@record
class Patient(Node):
    NESTED: ClassVar[dict[str, Any]] = {
        "age": Age,
        "ages": [AgeAt],
        "history": History,
        "past_interventions": [PastIntervention],
    }
    age: Age
    ages: list[AgeAt]
    sex: str | None = None
    gender: str | None = None
    ethnicity: str | None = None
    occupation: str | None = None
    presenting_concern: str | None = None
    history: History
    comorbidities: list[str] | None = None
    past_interventions: list[PastIntervention]


@record
class OtherPatient(Patient):
    """One of several patients of a report (`patients:`), with who they are."""

    role: str | None = None


OtherPatient.FIELDS = ("role", *Patient.FIELDS)  # record() reads only the class's own


@record
class TimelineEntry(Node):
    NESTED: ClassVar[dict[str, Any]] = {"at": RelativeTime}
    id: str | None = None
    date: str | None = None
    at: RelativeTime
    event: str | None = None


@record
class Result(Node):
    test: str | None = None
    result: str | None = None
    time_point: str | None = None


@record
class Differential(Node):
    diagnosis: str | None = None
    reasoning: str | None = None


@record
class Diagnostics(Node):
    NESTED: ClassVar[dict[str, Any]] = {
        "labs": [Lab],
        "serial_labs": SerialLabs,
        "imaging": [Result],
        "other_results": [Result],
        "differential": [Differential],
    }
    methods: str | None = None
    labs: list[Lab]
    serial_labs: SerialLabs
    imaging: list[Result]
    other_results: list[Result]
    challenges: str | None = None
    differential: list[Differential]
    reasoning: str | None = None
    final_diagnosis: str | None = None
    prognosis: str | None = None

    def derive(self) -> None:
        # The wide form (serial_labs) is read as long-form rows after the written ones,
        # so every reader of `labs` (rules, lab flags, the manuscript's table) sees both.
        times = list(self.serial_labs.time_points or [])
        self.labs = [
            *self.labs,
            *(row for test in self.serial_labs.tests for row in test.labs(times)),
        ]


@record
class Intervention(Node):
    type: str | None = None
    name: str | None = None
    dose: str | None = None
    route: str | None = None
    frequency: str | None = None
    duration: str | None = None
    timing: str | None = None
    notes: str | None = None


@record
class InterventionChange(Node):
    change: str | None = None
    rationale: str | None = None
    when: str | None = None


@record
class FollowUp(Node):
    clinician_outcomes: str | None = None
    patient_outcomes: str | None = None
    results: str | None = None
    adherence_and_tolerability: str | None = None
    adverse_events: str | None = None
    duration: str | None = None


@record
class Discussion(Node):
    strengths_and_limitations: str | None = None
    literature: str | None = None
    rationale: str | None = None
    lessons: str | None = None


@record
class Consent(Node):
    obtained: bool | None = None
    given_by: str | None = None
    written_consent: bool | None = derived()  # see derive
    covers_images: bool | None = None
    statement: str | None = None
    waiver: str | None = None

    def derive(self) -> None:
        # `written` (the key) would clash with Node.written (was the record written)
        self.written_consent = self.raw.get("written")


@record
class Declarations(Node):
    funding: str | None = None
    competing_interests: str | None = None
    author_contributions: str | None = None
    acknowledgements: str | None = None
    data_availability: str | None = None


@record
class Figure(Node):
    id: str | None = None
    file: str | None = None
    caption: str | None = None
    alt: str | None = None
    shows_patient: bool | None = None


@record
class Table(Node):
    id: str | None = None
    caption: str | None = None
    header: list[str] | None = None
    rows: list[list[str]] | None = None


@record
class Report(Node):
    """The whole draft."""

    NESTED: ClassVar[dict[str, Any]] = {
        "authors": [Author],
        "affiliations": [Affiliation],
        "abstract": Abstract,
        "patient": Patient,
        "patients": [OtherPatient],
        "timeline": [TimelineEntry],
        "diagnostics": Diagnostics,
        "interventions": [Intervention],
        "intervention_changes": [InterventionChange],
        "follow_up": FollowUp,
        "discussion": Discussion,
        "consent": Consent,
        "declarations": Declarations,
        "privacy": Privacy,
        "figures": [Figure],
        "tables": [Table],
        "references": [Reference],
        "unplaced": [Unplaced],
        "article": Article,
    }
    carekit: int | None = None
    title: str | None = None
    short_title: str | None = None
    article_type: str | None = None
    journal: str | None = None
    language: str | None = None
    keywords: list[str] | None = None
    authors: list[Author]
    affiliations: list[Affiliation]
    abstract: Abstract
    introduction: str | None = None
    patient: Patient
    patients: list[OtherPatient]
    clinical_findings: str | None = None
    timeline: list[TimelineEntry]
    timeline_as: str | None = None
    timeline_figure: str | None = None
    diagnostics: Diagnostics
    interventions: list[Intervention]
    intervention_changes: list[InterventionChange]
    follow_up: FollowUp
    discussion: Discussion
    conclusion: str | None = None
    patient_perspective: str | None = None
    consent: Consent
    ethics: str | None = None
    declarations: Declarations
    privacy: Privacy
    figures: list[Figure]
    tables: list[Table]
    references: list[Reference]
    bibliography: str | None = None
    article: Article
    not_reported: dict[str, str] | None = None
    unplaced: list[Unplaced]

    @property
    def all_patients(self) -> list[Patient]:
        """Every patient the report is about: `patient` (when written) and `patients`."""
        return [*([self.patient] if self.patient.written else []), *self.patients]


# Format keys stored under another attribute name (they clash with Node's own fields).
__all__ = [  # re-exported
    "AcceptedDisclosure",
    "Article",
    "Lab",
    "Privacy",
    "Reference",
    "ReferenceRange",
    "SerialLab",
    "SerialLabs",
    "Unplaced",
]

RENAMED = {(Consent, "written"): "written_consent", (Unplaced, "from"): "source"}
