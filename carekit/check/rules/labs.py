"""CARE item 8a: laboratory results reported with units and reference ranges."""

from __future__ import annotations

import re
from collections.abc import Iterator

from carekit.check.rules import Rule, RuleContext, register
from carekit.draft.model import Draft
from carekit.draft.values import measured
from carekit.findings import Finding, Severity

_UNITLESS = {"none", "-", "ratio", "1"}
# Phrases that claim every result was normal.
_NORMAL_CLAIM_RE = re.compile(
    r"\b(within (the )?normal (ranges?|limits)|(were|was) all normal|"
    r"(results|tests|values|investigations) (were|was) normal|normal (laboratory|blood) "
    r"(results|tests|values))\b",
    re.I,
)


def _labs(draft: Draft) -> list[dict]:
    return draft.get("diagnostics", "labs") or []


def _name(lab: dict) -> str:
    return lab.get("test") or "this lab result"


def _out_of_range(lab: dict) -> str | None:
    """ "above" or "below" when the value lies outside its numeric reference range."""
    reading = measured(lab.get("value"))
    limits = lab.get("reference_range") or {}
    if reading is None or not isinstance(limits, dict):
        return None
    high, low = limits.get("high"), limits.get("low")
    if high is not None and reading.number > high and reading.censored != "<":
        return "above"
    if low is not None and reading.number < low and reading.censored != ">":
        return "below"
    return None


def _range_text(lab: dict) -> str:
    limits = lab.get("reference_range") or {}
    if limits.get("text"):
        return limits["text"]
    low, high = limits.get("low"), limits.get("high")
    return f"{'' if low is None else low}-{'' if high is None else high}"


def _has_numeric_range(lab: dict) -> bool:
    limits = lab.get("reference_range") or {}
    return limits.get("low") is not None or limits.get("high") is not None


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
        for i, lab in enumerate(_labs(draft)):
            span = draft.span("diagnostics", "labs", i)
            value, unit = lab.get("value"), (lab.get("unit") or "").strip()
            if "value" not in lab and draft.written("diagnostics", "labs", i, "value"):
                continue  # an invalid value: schema-type already says what is wrong
            if value is None or (isinstance(value, str) and not value.strip()):
                yield self.finding(
                    f"The lab result {_name(lab)!r} has no value.",
                    span,
                    "Add `value:` with the result (a number, or words such as negative).",
                )
            elif measured(value) is not None and not unit:
                yield self.finding(
                    f"The lab result {_name(lab)!r} ({value}) has no unit.",
                    span,
                    "Add `unit:` (e.g. mmol/L); for a unitless result such as INR write "
                    "`unit: none`.",
                )
            elif measured(value) is None and unit and unit.lower() not in _UNITLESS:
                yield self.finding(
                    f"The lab result {_name(lab)!r} is {value!r}, but it has a unit ({unit}), "
                    "so a number was expected.",
                    draft.span("diagnostics", "labs", i, "value"),
                    "Write the measured number as the value, and mark it with `flag: H` or "
                    "`flag: L` if it is out of range.",
                    excerpt=str(value),
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
        for i, lab in enumerate(_labs(draft)):
            if measured(lab.get("value")) is not None and not lab.get("reference_range"):
                yield self.finding(
                    f"The lab result {_name(lab)!r} ({lab['value']} {lab.get('unit', '')}) "
                    "has no reference range.".replace(" )", ")"),
                    draft.span("diagnostics", "labs", i),
                    "Add `reference_range:` exactly as printed on the laboratory report for the "
                    "patient's age (written like 3.5-5.0, <5 or >60).",
                )


@register
class LabOutOfRange(Rule):
    """A value outside its reference range should carry a flag (H or L) so the reader
    sees it; a flag that contradicts the range is a likely typing error."""

    id = "lab-out-of-range"
    items = ("diagnostic-methods",)
    severity = Severity.INFO
    summary = "Out-of-range lab values are flagged H or L, and flags agree with the range."
    passing = """\
carekit: 1
diagnostics:
  labs:
    - {test: Platelets, value: 530, unit: 10^9/L, reference_range: 150-450, flag: H}
"""
    failing = """\
carekit: 1
diagnostics:
  labs:
    - {test: Platelets, value: 530, unit: 10^9/L, reference_range: 150-450}
    - {test: Sodium, value: 139, unit: mmol/L, reference_range: 135-145, flag: L}
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        for i, lab in enumerate(_labs(draft)):
            side = _out_of_range(lab)
            flag = lab.get("flag")
            span = draft.span("diagnostics", "labs", i)
            limits = _range_text(lab)
            if side and flag is None:
                yield self.finding(
                    f"{_name(lab)} {lab['value']} is {side} its reference range ({limits}).",
                    span,
                    f"Add `flag: {'H' if side == 'above' else 'L'}` so the value stands out "
                    "in the manuscript's table.",
                )
            elif _has_numeric_range(lab) and flag is not None and measured(lab.get("value")):
                expected = {
                    "above": ("h", "hh", "abnormal"),
                    "below": ("l", "ll", "abnormal"),
                    None: ("normal",),
                }[side]
                if flag not in expected:
                    state = f"{side} its range" if side else "within its range"
                    yield self.finding(
                        f"{_name(lab)} {lab['value']} is {state} ({limits}), but it is "
                        f"flagged {flag.upper()}.",
                        draft.span("diagnostics", "labs", i, "flag"),
                        "Check the value, the range and the flag against the lab report.",
                        severity=Severity.WARNING,
                    )


@register
class LabNormalClaim(Rule):
    """When the text says results were "within normal range" (or "unremarkable") while
    a lab row lies outside its own reference range, one of the two is wrong."""

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
        abnormal = [lab for lab in _labs(draft) if _out_of_range(lab)]
        if not abnormal:
            return
        named = ", ".join(
            f"{_name(lab)} {lab['value']} {lab.get('unit', '')}".strip() for lab in abnormal
        )
        for path, text in draft.prose():
            claim = _NORMAL_CLAIM_RE.search(text)
            if claim:
                yield self.finding(
                    f"The text says results were {claim[0]!r}, but {named} "
                    f"{'is' if len(abnormal) == 1 else 'are'} outside the reference range.",
                    draft.locate(path, claim[0]),
                    "Name the abnormal values in the text, or correct the lab table.",
                    excerpt=claim[0],
                )
