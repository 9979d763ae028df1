"""Typed records of the lab results (long and wide form) and of a published article's
identifiers, split from typed.py to keep it short; import them from typed.py."""

from __future__ import annotations

from carekit.draft.labfacts import LabStatus, lab_status
from carekit.draft.node import Node, derived, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar


@record
class ReferenceRange(Node):
    low: float | None = None
    high: float | None = None
    text: str | None = None


@record
class Lab(Node):
    NESTED: ClassVar[dict[str, Any]] = {"reference_range": ReferenceRange}
    test: str | None = None
    value: float | str | None = None
    unit: str | None = None
    reference_range: ReferenceRange
    time_point: str | None = None
    flag: str | None = None
    status: LabStatus = derived(LabStatus(None))

    def derive(self) -> None:
        self.status = lab_status(self.raw)


# Cells of a serial lab table that hold no result.
_NO_RESULT = {"", "-", "–", "—", "n/a", "na", "nd", "not done"}


@record
class SerialLab(Node):
    NESTED: ClassVar[dict[str, Any]] = {"reference_range": ReferenceRange}
    test: str | None = None
    unit: str | None = None
    reference_range: ReferenceRange
    values: list[float | str | None] | None = None

    def labs(self, time_points: list[str | None]) -> list[Lab]:
        """One long-form lab result per value, at its time point (gaps are skipped)."""
        out = []
        for index, value in enumerate(self.values or []):
            if value is None or str(value).strip().lower() in _NO_RESULT:
                continue
            when = time_points[index] if index < len(time_points) else None
            raw = {"test": self.test, "value": value, "unit": self.unit, "time_point": when}
            raw = {key: item for key, item in raw.items() if item is not None}
            if self.reference_range.raw:
                raw["reference_range"] = self.reference_range.raw
            lab = Lab(
                path=self.path,
                span=self.span,
                written=True,
                spans={"value": self.span_of("values")},
                raw=raw,
                test=self.test,
                value=value,
                unit=self.unit,
                reference_range=self.reference_range,
                time_point=when,
            )
            lab.derive()
            out.append(lab)
        return out


@record
class SerialLabs(Node):
    NESTED: ClassVar[dict[str, Any]] = {"tests": [SerialLab]}
    time_points: list[str | None] | None = None
    tests: list[SerialLab]


@record
class Article(Node):
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    published: str | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    url: str | None = None
    licence: str | None = None
