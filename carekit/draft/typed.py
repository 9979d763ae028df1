"""The draft as typed objects: one dataclass per record of the format (format.py), each
value with the span it was written at, and the derived facts (lab status, age in years,
abstract parts) computed once, here, for the rules, the word counts and the renderer.

tests/test_model.py checks that every key format.py describes has an attribute here, so
the two cannot drift apart. Only values that passed validation reach these objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from carekit.draft.labfacts import LabStatus, lab_status
from carekit.span import START, Span

Path = tuple[str | int, ...]
_YEARS = {"days": 1 / 365.25, "weeks": 7 / 365.25, "months": 1 / 12, "years": 1.0}


@dataclass(kw_only=True)
class Node:
    """What every typed record has: where it is, whether it was written, its spans."""

    NESTED: ClassVar[dict[str, Any]] = {}  # field -> record class, or [class] for a list
    path: Path = field(default=(), repr=False)
    span: Span = field(default=START, repr=False)
    written: bool = field(default=False, repr=False)
    spans: dict[str, Span] = field(default_factory=dict, repr=False)
    raw: dict = field(default_factory=dict, repr=False)  # the validated mapping

    def span_of(self, name: str) -> Span:
        """Where the value of `name` is written; the record's own span when it is not."""
        return self.spans.get(name, self.span)

    def derive(self) -> None:
        """Compute the record's derived facts; called once, after building."""


def _value_names(cls: type[Node]) -> list[str]:
    return [f.name for f in fields(cls) if f.name not in _NODE_FIELDS and f.init]


def build(cls: type[Node], data: Any, path: Path, spans: dict[Path, Span]) -> Any:
    """Turn the validated mapping at `path` into `cls`, recursively."""
    raw = data if isinstance(data, dict) else {}
    values: dict[str, Any] = {}
    for name in _value_names(cls):
        value = raw.get(name)
        nested = cls.NESTED.get(name)
        if isinstance(nested, list):
            value = [
                build(nested[0], item, (*path, name, i), spans)
                for i, item in enumerate(value or [])
            ]
        elif nested is not None:
            value = build(nested, value, (*path, name), spans)
        values[name] = value
    own = {name: spans[(*path, name)] for name in raw if (*path, name) in spans}
    node = cls(
        path=path,
        span=spans.get(path, START),
        written=isinstance(data, dict),
        spans=own,
        raw=raw,
        **values,
    )
    node.derive()
    return node


@dataclass(kw_only=True)
class Age(Node):
    value: float | None = None
    min: float | None = None
    max: float | None = None
    unit: str | None = None
    years: float | None = field(default=None, init=False)

    def derive(self) -> None:
        number = self.value if self.value is not None else self.max
        if number is not None and self.unit in _YEARS:
            self.years = number * _YEARS[self.unit]  # the upper end of a range

    @property
    def phrase(self) -> str:
        """ "9-month-old", "aged 40–49 years" and so on ("" when unknown)."""
        if not self.unit:
            return ""
        if self.value is not None:
            return f"{self.value:g}-{self.unit.rstrip('s')}-old"
        ends = "–".join(f"{v:g}" for v in (self.min, self.max) if v is not None)
        return f"aged {ends} {self.unit}"


@dataclass(kw_only=True)
class RelativeTime(Node):
    offset: float | None = None
    unit: str | None = None
    anchor: str | None = None


@dataclass(kw_only=True)
class Author(Node):
    name: str | None = None
    degrees: str | None = None
    affiliations: list[str] | None = None
    orcid: str | None = None
    email: str | None = None
    corresponding: bool | None = None


@dataclass(kw_only=True)
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


@dataclass(kw_only=True)
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


@dataclass(kw_only=True)
class History(Node):
    medical: str | None = None
    family: str | None = None
    psychosocial: str | None = None
    genetic: str | None = None


@dataclass(kw_only=True)
class PastIntervention(Node):
    intervention: str | None = None
    when: str | None = None
    outcome: str | None = None


@dataclass(kw_only=True)
class Patient(Node):
    NESTED: ClassVar[dict[str, Any]] = {
        "age": Age,
        "history": History,
        "past_interventions": [PastIntervention],
    }
    age: Age = field(default_factory=Age)
    sex: str | None = None
    gender: str | None = None
    ethnicity: str | None = None
    occupation: str | None = None
    presenting_concern: str | None = None
    history: History = field(default_factory=History)
    comorbidities: list[str] | None = None
    past_interventions: list[PastIntervention] = field(default_factory=list)


@dataclass(kw_only=True)
class TimelineEntry(Node):
    NESTED: ClassVar[dict[str, Any]] = {"at": RelativeTime}
    id: str | None = None
    date: str | None = None
    at: RelativeTime = field(default_factory=RelativeTime)
    event: str | None = None


@dataclass(kw_only=True)
class ReferenceRange(Node):
    low: float | None = None
    high: float | None = None
    text: str | None = None


@dataclass(kw_only=True)
class Lab(Node):
    NESTED: ClassVar[dict[str, Any]] = {"reference_range": ReferenceRange}
    test: str | None = None
    value: float | str | None = None
    unit: str | None = None
    reference_range: ReferenceRange = field(default_factory=ReferenceRange)
    time_point: str | None = None
    flag: str | None = None
    status: LabStatus = field(default=LabStatus(None), init=False)

    def derive(self) -> None:
        self.status = lab_status(self.raw)


@dataclass(kw_only=True)
class Result(Node):
    test: str | None = None
    result: str | None = None
    time_point: str | None = None


@dataclass(kw_only=True)
class Differential(Node):
    diagnosis: str | None = None
    reasoning: str | None = None


@dataclass(kw_only=True)
class Diagnostics(Node):
    NESTED: ClassVar[dict[str, Any]] = {
        "labs": [Lab],
        "imaging": [Result],
        "other_results": [Result],
        "differential": [Differential],
    }
    methods: str | None = None
    labs: list[Lab] = field(default_factory=list)
    imaging: list[Result] = field(default_factory=list)
    other_results: list[Result] = field(default_factory=list)
    challenges: str | None = None
    differential: list[Differential] = field(default_factory=list)
    reasoning: str | None = None
    final_diagnosis: str | None = None
    prognosis: str | None = None


@dataclass(kw_only=True)
class Intervention(Node):
    type: str | None = None
    name: str | None = None
    dose: str | None = None
    route: str | None = None
    frequency: str | None = None
    duration: str | None = None
    timing: str | None = None
    notes: str | None = None


@dataclass(kw_only=True)
class InterventionChange(Node):
    change: str | None = None
    rationale: str | None = None
    when: str | None = None


@dataclass(kw_only=True)
class FollowUp(Node):
    clinician_outcomes: str | None = None
    patient_outcomes: str | None = None
    results: str | None = None
    adherence_and_tolerability: str | None = None
    adverse_events: str | None = None
    duration: str | None = None


@dataclass(kw_only=True)
class Discussion(Node):
    strengths_and_limitations: str | None = None
    literature: str | None = None
    rationale: str | None = None
    lessons: str | None = None


@dataclass(kw_only=True)
class Consent(Node):
    obtained: bool | None = None
    given_by: str | None = None
    written_consent: bool | None = field(default=None, init=False)  # see derive
    covers_images: bool | None = None
    statement: str | None = None

    def derive(self) -> None:
        # `written` (the key) would clash with Node.written (was the record written)
        self.written_consent = self.raw.get("written")


@dataclass(kw_only=True)
class Declarations(Node):
    funding: str | None = None
    competing_interests: str | None = None
    author_contributions: str | None = None
    acknowledgements: str | None = None
    data_availability: str | None = None


@dataclass(kw_only=True)
class Figure(Node):
    id: str | None = None
    file: str | None = None
    caption: str | None = None
    alt: str | None = None


@dataclass(kw_only=True)
class Table(Node):
    id: str | None = None
    caption: str | None = None
    header: list[str] | None = None
    rows: list[list[str]] | None = None


@dataclass(kw_only=True)
class Reference(Node):
    id: str | None = None
    authors: list[str] | str | None = None
    title: str | None = None
    journal: str | None = None
    publisher: str | None = None
    place: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None


@dataclass(kw_only=True)
class Report(Node):
    """The whole draft."""

    NESTED: ClassVar[dict[str, Any]] = {
        "authors": [Author],
        "affiliations": [Affiliation],
        "abstract": Abstract,
        "patient": Patient,
        "timeline": [TimelineEntry],
        "diagnostics": Diagnostics,
        "interventions": [Intervention],
        "intervention_changes": [InterventionChange],
        "follow_up": FollowUp,
        "discussion": Discussion,
        "consent": Consent,
        "declarations": Declarations,
        "figures": [Figure],
        "tables": [Table],
        "references": [Reference],
    }
    carekit: int | None = None
    title: str | None = None
    short_title: str | None = None
    article_type: str | None = None
    journal: str | None = None
    language: str | None = None
    keywords: list[str] | None = None
    authors: list[Author] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    abstract: Abstract = field(default_factory=Abstract)
    introduction: str | None = None
    patient: Patient = field(default_factory=Patient)
    clinical_findings: str | None = None
    timeline: list[TimelineEntry] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    interventions: list[Intervention] = field(default_factory=list)
    intervention_changes: list[InterventionChange] = field(default_factory=list)
    follow_up: FollowUp = field(default_factory=FollowUp)
    discussion: Discussion = field(default_factory=Discussion)
    conclusion: str | None = None
    patient_perspective: str | None = None
    consent: Consent = field(default_factory=Consent)
    ethics: str | None = None
    declarations: Declarations = field(default_factory=Declarations)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    bibliography: str | None = None
    not_reported: dict[str, str] | None = None


_NODE_FIELDS = {f.name for f in fields(Node)}
# Format keys stored under another attribute name (they clash with Node's own fields).
RENAMED = {(Consent, "written"): "written_consent"}
