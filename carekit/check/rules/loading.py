"""Problems found while reading the file: these rules' findings come from the loader."""

from __future__ import annotations

from carekit.check.rules import Rule, register
from carekit.findings import Severity


@register
class YamlSyntax(Rule):
    """The file is not valid YAML. The finding points at the line and column where reading
    stopped and names the usual cause (most often a colon inside unquoted text)."""

    id = "yaml-syntax"
    summary = "The file must be valid YAML."
    passing = 'carekit: 1\ntitle: "Calcinosis cutis: a case report"\n'
    failing = "carekit: 1\ntitle: Calcinosis cutis: a case report\n"


@register
class DraftUnreadable(Rule):
    """The path is not a readable text file: a folder, a binary file, a file that is not
    UTF-8, or one far larger than any case report."""

    id = "draft-unreadable"
    summary = "The draft must be a readable UTF-8 text file."
    passing = "carekit: 1\ntitle: A readable draft\n"
    failing = "carekit: 1\x00\x01\x02binary\n"


@register
class DraftEmpty(Rule):
    """The file holds nothing, or only comments; `carekit init` writes a scaffold to start from."""

    id = "draft-empty"
    summary = "The draft must not be empty."
    passing = "carekit: 1\n"
    failing = "# nothing written yet\n"


@register
class SchemaType(Rule):
    """A value has the wrong shape: text where a number belongs (age "nine"), a list
    where a mapping belongs, and so on. The value is ignored until it is corrected."""

    id = "schema-type"
    summary = "Every value must have the type the draft format gives it."
    passing = "carekit: 1\nkeywords:\n  - calcinosis cutis\n  - infant\n"
    failing = "carekit: 1\nkeywords:\n  calcinosis: cutis\n"


@register
class SchemaValue(Rule):
    """A value has the right shape but cannot be read: an unknown choice, a malformed date,
    DOI or relative time."""

    id = "schema-value"
    summary = "Choices, dates, times, DOIs and ORCID iDs must be written in a form carekit reads."
    passing = "carekit: 1\npatient:\n  age: 9 months\n  sex: male\n"
    failing = "carekit: 1\npatient:\n  age: nine months\n  sex: boy\n"


@register
class SchemaUnknownKey(Rule):
    """A key the draft format does not have, usually a typo; carekit suggests the closest
    known key. Unknown keys are ignored, so their content would be lost from the report."""

    id = "schema-unknown-key"
    summary = "Every key must be one the draft format knows."
    passing = "carekit: 1\ntitle: Calcinosis cutis - a case report\n"
    failing = "carekit: 1\ntitel: Calcinosis cutis - a case report\n"


@register
class SchemaRequired(Rule):
    """An entry lacks the key that identifies it (a lab row without `test`, a figure
    without `id` or `file`, a reference without `id`)."""

    id = "schema-required"
    summary = "List entries must have their identifying key."
    passing = "carekit: 1\ndiagnostics:\n  labs:\n    - {test: Sodium, value: 139, unit: mmol/L}\n"
    failing = "carekit: 1\ndiagnostics:\n  labs:\n    - value: 139\n      unit: mmol/L\n"


@register
class DuplicateKey(Rule):
    """The same key twice in one mapping: YAML keeps only one, so text would be lost."""

    id = "yaml-duplicate-key"
    summary = "A key may appear only once in the same place."
    passing = "carekit: 1\ntitle: One title\n"
    failing = "carekit: 1\ntitle: One title\ntitle: Another title\n"


@register
class FormatVersion(Rule):
    """The draft should start with `carekit: 1`, naming the format version it is written
    in, so that later versions of carekit can read it correctly."""

    id = "format-version"
    severity = Severity.WARNING
    summary = "The draft names the format version it uses."
    passing = "carekit: 1\ntitle: A draft\n"
    failing = "title: A draft\n"


@register
class FlowComma(Rule):
    """Inside a one-line `{...}` mapping a comma separates entries, so an unquoted comma in
    a value (`value: 4,400`, `time_point: day 1, after fluids`) cuts the value there and
    makes the rest a key with no value. The finding names the comma and shows the value in
    quotes; the cut value is ignored until it is corrected."""

    id = "yaml-flow-comma"
    summary = "A comma inside a value of a one-line `{...}` entry is quoted."
    passing = 'carekit: 1\ndiagnostics:\n  labs:\n    - {test: WBC, value: "4,400", unit: /uL}\n'
    failing = "carekit: 1\ndiagnostics:\n  labs:\n    - {test: WBC, value: 4,400, unit: /uL}\n"
