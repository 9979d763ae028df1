"""Lab rows: ranges, flags, and text that calls abnormal results normal."""

from __future__ import annotations

from conftest import carekit


def _labs(write_draft, rows: str, methods: str = "Tests were done.") -> list[dict]:
    draft = write_draft(f"carekit: 1\ndiagnostics:\n  methods: {methods}\n  labs:\n{rows}")
    run = carekit(
        "check",
        "-f",
        "json",
        "--select",
        "lab-value-unit,lab-reference-range,lab-out-of-range,lab-normal-claim",
        str(draft),
    )
    return run.json()["files"][0]["findings"]


def test_normal_claim_contradicted_names_the_value(write_draft):
    found = _labs(
        write_draft,
        "    - {test: Platelets, value: 530, unit: 10^9/L, reference_range: 150-450, flag: H}\n"
        "    - {test: Sodium, value: 139, unit: mmol/L, reference_range: 135-145}\n",
        methods="Blood tests were all within normal range.",
    )
    (claim,) = [f for f in found if f["rule"] == "lab-normal-claim"]
    assert "Platelets 530 10^9/L" in claim["message"] and "Sodium" not in claim["message"]
    assert claim["line"] == 3 and claim["excerpt"] == "within normal range"
    assert claim["end_column"] - claim["column"] == len("within normal range")


def test_out_of_range_without_flag_is_info_and_wrong_flag_is_warning(write_draft):
    found = _labs(
        write_draft,
        "    - {test: Potassium, value: 2.9, unit: mmol/L,\n"
        "       reference_range: {low: 3.5, high: 5.1}}\n"
        "    - {test: Sodium, value: 139, unit: mmol/L, reference_range: 135-145, flag: H}\n"
        "    - {test: CRP, value: '<0.5', unit: mg/L, reference_range: '<5'}\n",
    )
    by_line = {f["line"]: (f["rule"], f["severity"]) for f in found}
    assert by_line == {5: ("lab-out-of-range", "info"), 7: ("lab-out-of-range", "warning")}
    assert "flag: L" in next(f["fix"] for f in found if f["line"] == 5)


def test_qualitative_results_need_no_unit_or_range(write_draft):
    found = _labs(
        write_draft, "    - {test: Blood culture, value: no growth, reference_range: negative}\n"
    )
    assert found == []


def test_unitless_number_needs_unit_none(write_draft):
    found = _labs(write_draft, "    - {test: INR, value: 1.1, reference_range: 0.8-1.2}\n")
    assert [f["rule"] for f in found] == ["lab-value-unit"]
    found = _labs(
        write_draft, "    - {test: INR, value: 1.1, unit: none, reference_range: 0.8-1.2}\n"
    )
    assert found == []
