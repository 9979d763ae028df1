"""Typed records of the references, the passages an import could not place and the
identifying details an author keeps on purpose, split from typed.py to keep it short;
import them from typed.py."""

from __future__ import annotations

from carekit.draft.node import Node, derived, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar


@record
class AcceptedDisclosure(Node):
    rule: str | None = None
    reason: str | None = None


@record
class Privacy(Node):
    NESTED: ClassVar[dict[str, Any]] = {"accepted": [AcceptedDisclosure]}
    accepted: list[AcceptedDisclosure]


@record
class Unplaced(Node):
    source: str | None = derived()  # see derive
    text: str | None = None

    def derive(self) -> None:
        # `from` (the key) is a Python keyword
        self.source = self.raw.get("from")


@record
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
