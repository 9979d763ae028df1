"""CARE item 8a: laboratory results reported with units and reference ranges."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from carekit.check.rules import Rule, RuleContext, register
from carekit.check.rules.normal_claims import concerns, normal_claims
from carekit.draft.model import Draft
from carekit.draft.typed import Lab
from carekit.draft.values import measured
from carekit.findings import Finding, Severity

_UNITLESS = {"none", "-", "ratio", "1"}


def _name(lab: Lab) -> str:
    return lab.test or "this lab result"


def _range_text(lab: Lab) -> str:
    limits = lab.reference_range
    if limits.text:
        return limits.text
    low, high = limits.low, limits.high
    return f"{'' if low is None else low}-{'' if high is None else high}"


def _tables(labs: list[Lab]) -> dict[tuple, list[Lab]]:
    """Lab rows by the table they are written in: `labs` (long form) or `serial_labs`."""
    out: dict[tuple, list[Lab]] = {}
    for lab in labs:
        out.setdefault(tuple(lab.path[:2]), []).append(lab)
    return out


def _rows_named(labs: list[Lab]) -> str:
    """ "Sodium, CRP (7 values)": each test once, with how many of its values are meant."""
    counts: dict[str, int] = {}
    for lab in labs:
        counts[_name(lab)] = counts.get(_name(lab), 0) + 1
    return ", ".join(f"{name} ({n} values)" if n > 1 else name for name, n in counts.items())


def _quiet_lines(draft: Draft, rule: str) -> set[int]:
    """Lines where a `# carekit: disable=RULE` comment silences `rule`."""
    if "carekit:" not in draft.source:
        return set()
    from carekit.check.suppressions import parse

    return {line for s in parse(draft.source) if rule in s.rules for line in s.lines}


def _grouped(labs: list[Lab], quiet: set[int]) -> Iterator[tuple[Lab | None, list[Lab]]]:
    """Repeated findings grouped, one per table: rows of a test measured more than once
    (serial results, long or wide form) give (None, rows), one finding naming them, not
    one per value; a test that appears once keeps its own finding (lab, [lab]) at its
    line, as does a row whose line carries a suppression comment (which silences it)."""
    for rows in _tables(labs).values():
        names: dict[str, int] = {}
        for lab in rows:
            names[_name(lab)] = names.get(_name(lab), 0) + 1
        serial = [r for r in rows if names[_name(r)] > 1 and r.span.line not in quiet]
        for lab in rows:
            if lab not in serial:
                yield lab, [lab]
        if len(serial) == 1:
            yield serial[0], serial
        elif serial:
            yield None, serial


def _lacking(
    rule: Rule, labs: list[Lab], quiet: set[int], part: str, named: Callable, fix: str
) -> Iterator[Finding]:
    """ "... has no `part`": one finding per row, or one per table for a test measured
    more than once (see _grouped)."""
    for lab, rows in _grouped(labs, quiet):
        if lab is not None:
            yield rule.finding(f"{named(lab)} has no {part}.", lab.span, fix)
        else:
            yield rule.finding(
                f"{len(rows)} results in {_where(rows)} have no {part}: {_rows_named(rows)}.",
                rows[0].span,
                f"To each of these rows, {fix[0].lower()}{fix[1:]}",
            )


def _where(rows: list[Lab]) -> str:
    return "`diagnostics.serial_labs`" if rows[0].path[1:2] == ("serial_labs",) else "the lab table"


def _outside(lab: Lab) -> str | None:
    """ "above" or "below" when the value is proven outside its range (labfacts.py)."""
    return lab.status.side if lab.status.side in ("above", "below") else None


@register
class LabValueUnit(Rule):
    """Every lab row needs its result and, for a measured value, its unit. A result in
    words ("high") where the row has a unit means a number was meant."""

    id = "lab-value-unit"
    items = ("diagnostic-methods",)
    summary = "Each lab result has a value, and numeric values have a unit."
    passing = """\
carekit: 1
diagnostics:
  labs:
    - {test: Sodium, value: 139, unit: mmol/L, reference_range: 135-145}
    - {test: Blood culture, value: no growth}
"""
    failing = """\
carekit: 1
diagnostics:
  labs:
    - {test: Sodium, value: 139}
    - {test: Potassium, value: high, unit: mmol/L}
    - {test: Urea, unit: mmol/L}
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        no_unit = []
        for lab in draft.model.diagnostics.labs:
            span = lab.span
            value, unit = lab.value, (lab.unit or "").strip()
            if "value" not in lab.raw and draft.written(*lab.path, "value"):
                continue  # an invalid value: schema-type already says what is wrong
            if value is None or (isinstance(value, str) and not value.strip()):
                yield self.finding(
                    f"The lab result {_name(lab)!r} has no value.",
                    span,
                    "Add `value:` with the result (a number, or words such as negative).",
                )
            elif measured(value) is not None and not unit:
                no_unit.append(lab)
            elif measured(value) is None and unit and unit.lower() not in _UNITLESS:
                yield self.finding(
                    f"The lab result {_name(lab)!r} is {value!r}, but it has a unit ({unit}), "
                    "so a number was expected.",
                    lab.span_of("value"),
                    "Write the measured number as the value, and mark it with `flag: H` or "
                    "`flag: L` if it is out of range.",
                    excerpt=str(value),
                )
        yield from self._no_unit(no_unit, _quiet_lines(draft, self.id))

    def _no_unit(self, labs: list[Lab], quiet: set[int]) -> Iterator[Finding]:
        fix = "Add `unit:` (e.g. mmol/L); for a unitless result such as INR write `unit: none`."
        yield from _lacking(
            self,
            labs,
            quiet,
            "unit",
            lambda lab: f"The lab result {_name(lab)!r} ({lab.value})",
            fix,
        )


@register
class LabReferenceRange(Rule):
    """A measured lab value means little without its reference range, which differs by
    laboratory and by age (infants especially). CARE's explanation asks for results with
    their normal ranges."""

    id = "lab-reference-range"
    items = ("diagnostic-methods",)
    severity = Severity.WARNING
    summary = "Numeric lab values have a reference range."
    passing = """\
carekit: 1
diagnostics:
  labs:
    - {test: Sodium, value: 139, unit: mmol/L, reference_range: 135-145}
"""
    failing = """\
carekit: 1
diagnostics:
  labs:
    - {test: Sodium, value: 139, unit: mmol/L}
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        fix = (
            "Add `reference_range:` exactly as printed on the laboratory report for the "
            "patient's age (written like 3.5-5.0, <5 or >60)."
        )
        missing = [
            lab
            for lab in draft.model.diagnostics.labs
            if measured(lab.value) is not None and not lab.reference_range.raw
        ]
        yield from _lacking(
            self,
            missing,
            _quiet_lines(draft, self.id),
            "reference range",
            lambda lab: f"The lab result {_name(lab)!r} ({lab.value} {lab.unit or ''})".replace(
                " )", ")"
            ),
            fix,
        )


@register
class LabOutOfRange(Rule):
    """A value outside its reference range should carry a flag (H or L) so the reader
    sees it; a flag that contradicts the range is a likely typing error. A censored value
    ("<10", ">60") is flagged only when its bound proves it lies outside the range; when
    it may lie inside or outside, the manuscript prints no flag and this rule says why."""

    id = "lab-out-of-range"
    items = ("diagnostic-methods",)
    severity = Severity.INFO
    summary = "Out-of-range lab values are flagged H or L, and flags agree with the range."
    passing = """\
carekit: 1
diagnostics:
  labs:
    - {test: Platelets, value: 530, unit: 10^9/L, reference_range: 150-450, flag: H}
    - {test: CRP, value: '<0.5', unit: mg/L, reference_range: '<5'}
"""
    failing = """\
carekit: 1
diagnostics:
  labs:
    - {test: Platelets, value: 530, unit: 10^9/L, reference_range: 150-450}
    - {test: Sodium, value: 139, unit: mmol/L, reference_range: 135-145, flag: L}
    - {test: Troponin, value: '<10', unit: ng/L, reference_range: 0-5}
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        unflagged = []
        for lab in draft.model.diagnostics.labs:
            side, flag = lab.status.side, lab.flag
            if side is None:
                continue  # words, or no numeric range: nothing to compare
            limits = _range_text(lab)
            if side == "unknown" and flag is None:
                yield self.finding(
                    f"{_name(lab)} {lab.value}: no H or L flag is printed, because "
                    f"{lab.status.reason}.",
                    lab.span,
                    "If the laboratory reported an exact value, write it; otherwise add "
                    "`flag: H`, `flag: L` or `flag: normal` as the laboratory report says.",
                )
            elif side in ("above", "below") and flag is None:
                unflagged.append(lab)
            elif flag is not None and side != "unknown":
                expected = {
                    "above": ("h", "hh", "abnormal"),
                    "below": ("l", "ll", "abnormal"),
                    "within": ("normal",),
                }[side]
                if flag not in expected:
                    state = f"{side} its range" if side != "within" else "within its range"
                    yield self.finding(
                        f"{_name(lab)} {lab.value} is {state} ({limits}), but it is "
                        f"flagged {flag.upper()}.",
                        lab.span_of("flag"),
                        "Check the value, the range and the flag against the lab report.",
                        severity=Severity.WARNING,
                    )
        yield from self._unflagged(unflagged, _quiet_lines(draft, self.id))

    def _unflagged(self, labs: list[Lab], quiet: set[int]) -> Iterator[Finding]:
        for lab, rows in _grouped(labs, quiet):
            if lab is not None:
                side = lab.status.side
                yield self.finding(
                    f"{_name(lab)} {lab.value} is {side} its reference range ({_range_text(lab)}).",
                    lab.span,
                    f"Add `flag: {'H' if side == 'above' else 'L'}` so the value stands out "
                    "in the manuscript's table.",
                )
                continue
            listed = "; ".join(
                f"{_name(r)} {r.value}{f' ({r.time_point})' if r.time_point else ''} "
                f"{r.status.side} {_range_text(r)}"
                for r in rows
            )
            serial = rows[0].path[1:2] == ("serial_labs",)
            yield self.finding(
                f"{len(rows)} results in {_where(rows)} lie outside their reference range "
                f"without a flag: {listed}.",
                rows[0].span,
                "The manuscript marks them H or L from the range."
                if serial
                else "Add `flag: H` or `flag: L` to each so the values stand out in the "
                "manuscript's table.",
            )


@register
class LabNormalClaim(Rule):
    """When the text says results were "within normal range" (or "the counts were
    normal", "labs were unremarkable") while a lab row it speaks of lies outside its own
    reference range, one of the two is wrong. A claim about a group of tests (counts,
    electrolytes, liver or renal function...) is compared with those tests only, and a
    sentence that admits exceptions ("otherwise normal") is no claim."""

    id = "lab-normal-claim"
    items = ("diagnostic-methods",)
    severity = Severity.WARNING
    summary = "Text that calls the results normal agrees with the lab table."
    passing = """\
carekit: 1
diagnostics:
  methods: Electrolytes were within normal range.
  labs:
    - {test: Sodium, value: 139, unit: mmol/L, reference_range: 135-145}
"""
    failing = """\
carekit: 1
diagnostics:
  methods: Blood counts were all within normal range.
  labs:
    - {test: Platelets, value: 530, unit: 10^9/L, reference_range: 150-450}
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        abnormal = [lab for lab in draft.model.diagnostics.labs if _outside(lab)]
        if not abnormal:
            return
        for path, text in draft.prose():
            for claim in normal_claims(text):
                spoken = [lab for lab in abnormal if concerns(claim, lab.test or "")]
                if not spoken:
                    continue  # "the counts were normal" says nothing of a high CRP
                named = ", ".join(
                    f"{_name(lab)} {lab.value} {lab.unit or ''}".strip() for lab in spoken
                )
                yield self.finding(
                    f"The text says results were {claim.phrase!r}, but {named} "
                    f"{'is' if len(spoken) == 1 else 'are'} outside the reference range.",
                    draft.locate(path, claim.phrase),
                    "Name the abnormal values in the text, or correct the lab table.",
                    excerpt=claim.phrase,
                )
