"""Lab rows: ranges, flags, and text that calls abnormal results normal."""

from __future__ import annotations

import pytest

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


def _lab_cells(folder) -> dict[str, str]:
    """The Troponin row's value cell as each output prints it."""
    import docx
    import tinyhtml5
    from pypdf import PdfReader

    markdown = (folder / "draft.md").read_text(encoding="utf-8")
    md_row = next(line for line in markdown.splitlines() if line.startswith("| Troponin"))
    html = tinyhtml5.parse((folder / "draft.html").read_text(encoding="utf-8"))
    html_row = next(
        " ".join("".join(tr.itertext()).split())
        for tr in html.iter("{http://www.w3.org/1999/xhtml}tr")
        if "Troponin" in "".join(tr.itertext())
    )
    pdf = "\n".join(page.extract_text() for page in PdfReader(folder / "draft.pdf").pages)
    pdf_row = next(line for line in pdf.splitlines() if "Troponin" in line)
    document = docx.Document(str(folder / "draft.docx"))
    docx_row = next(
        " ".join(c.text for c in row.cells)
        for table in document.tables
        for row in table.rows
        if "Troponin" in row.cells[0].text
    )
    return {"md": md_row, "html": html_row, "pdf": pdf_row, "docx": docx_row}


@pytest.mark.parametrize(
    ("value", "flagged"),
    [("<10", False), ("≤10", False), (">60", True), (">=60", True)],
)
def test_censored_lab_gets_one_answer_in_check_and_every_output(write_draft, value, flagged):
    """`<10` against 0-5 may lie inside the range: no H anywhere, and check says why;
    `>60` against 0-5 is proven above it: H everywhere, and check asks for the flag."""
    draft = write_draft(
        "carekit: 1\ntitle: Chest pain\ndiagnostics:\n  methods: Tests were done.\n  labs:\n"
        f"    - {{test: Troponin, value: '{value}', unit: ng/L, reference_range: 0-5}}\n"
    )
    found = carekit("check", "-f", "json", "--select", "lab-out-of-range", str(draft))
    (finding,) = found.json()["files"][0]["findings"]
    assert finding["severity"] == "info" and finding["line"] == 6
    if flagged:
        assert "above its reference range" in finding["message"]
    else:
        assert "no H or L flag is printed" in finding["message"]
        assert "may lie inside or outside the range (0-5)" in finding["message"]
    run = carekit("render", str(draft), "--to", "md,html,pdf,docx")
    assert run.code == 0, run.err
    cells = _lab_cells(draft.parent)
    for fmt, row in cells.items():
        assert value.lstrip("<>=≤≥") in row, (fmt, row)
        words = row.replace("ng/L", "").replace("*", " ").split()
        assert ("H" in words) is flagged, (fmt, row)
    assert cells["md"].startswith(
        f"| Troponin | **{value} H** |" if flagged else f"| Troponin | {value} |"
    )


@pytest.mark.parametrize(
    ("value", "limits", "side"),
    [
        ("<10", "0-5", "unknown"),
        ("<10", "20-30", "below"),
        ("<20", "20-30", "below"),
        ("<=20", "20-30", "unknown"),
        ("<0.5", "<5", "within"),
        ("<0.5", "0-5", "within"),
        (">60", "0-5", "above"),
        (">5", "0-5", "above"),
        (">=5", "0-5", "unknown"),
        (">3", "0-5", "unknown"),
        (">60", ">60", "within"),
        ("4", "0-5", "within"),
        ("6", "0-5", "above"),
    ],
)
def test_censored_value_is_placed_only_when_its_bound_proves_it(value, limits, side):
    from carekit.draft.labfacts import lab_status
    from carekit.draft.values import parse_range

    status = lab_status({"value": value, "reference_range": parse_range(limits)})
    assert status.side == side
    assert status.mark == {"above": "H", "below": "L"}.get(side, "")
    assert bool(status.reason) is (side == "unknown")
