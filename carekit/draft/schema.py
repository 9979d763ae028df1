"""A small vocabulary for describing the draft format once.

The same description validates a parsed YAML node tree (with line and column for every
problem), produces the plain Python data the rules read, exports JSON Schema for editors,
and prints the README's reference table. Each kind converts one YAML node; a problem
becomes a schema finding and the value is dropped, so rules only ever see well-typed data.

The kinds live in two modules by job (kinds.py: base and scalars; records.py: kinds made of
other kinds); this module is the one place to import them from.
"""

from __future__ import annotations

from carekit.draft.kinds import (
    INVALID,
    MAX_DIGITS,
    NODE_BUDGET,
    Boolean,
    BudgetExceeded,
    Choice,
    Context,
    Kind,
    Number,
    Path,
    Pattern,
    Text,
    node_kind,
    path_text,
    span_of,
)
from carekit.draft.records import Custom, ListOf, MapOf, OneOf, Record

__all__ = [
    "INVALID",
    "MAX_DIGITS",
    "NODE_BUDGET",
    "Boolean",
    "BudgetExceeded",
    "Choice",
    "Context",
    "Custom",
    "Kind",
    "ListOf",
    "MapOf",
    "Number",
    "OneOf",
    "Path",
    "Pattern",
    "Record",
    "Text",
    "node_kind",
    "path_text",
    "span_of",
]
