"""CARE item 8a: laboratory results reported with units and reference ranges."""

from __future__ import annotations

import re
from collections.abc import Iterator

from carekit.check.rules import Rule, RuleContext, register
from carekit.draft.model import Draft
from carekit.draft.typed import Lab
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


def _name(lab: Lab) -> str:
    return lab.test or "this lab result"


def _range_text(lab: Lab) -> str:
    limits = lab.reference_range
    if limits.text:
        return limits.text
    low, high = limits.low, limits.high
    return f"{'' if low is None else low}-{'' if high is None else high}"


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
                    lab.span_of("value"),
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
        for lab in draft.model.diagnostics.labs:
            if measured(lab.value) is not None and not lab.reference_range.raw:
                yield self.finding(
                    f"The lab result {_name(lab)!r} ({lab.value} {lab.unit or ''}) "
                    "has no reference range.".replace(" )", ")"),
                    lab.span,
                    "Add `reference_range:` exactly as printed on the laboratory report for the "
                    "patient's age (written like 3.5-5.0, <5 or >60).",
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
                yield self.finding(
                    f"{_name(lab)} {lab.value} is {side} its reference range ({limits}).",
                    lab.span,
                    f"Add `flag: {'H' if side == 'above' else 'L'}` so the value stands out "
                    "in the manuscript's table.",
                )
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
        abnormal = [lab for lab in draft.model.diagnostics.labs if _outside(lab)]
        if not abnormal:
            return
        named = ", ".join(f"{_name(lab)} {lab.value} {lab.unit or ''}".strip() for lab in abnormal)
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
