"""Privacy lint, issue 15: identifiers found without a title or a label, medicine left
alone, context (literature, acknowledgements), accepted disclosures and journal policy.
Every test runs the real CLI on a hostile or tricky draft."""

from __future__ import annotations

import pytest
from privacy_spans import score

from conftest import ROOT, carekit

PRIVACY = (
    "privacy-date,privacy-age,privacy-name,privacy-record-number,privacy-phone,"
    "privacy-email,privacy-url,privacy-place"
)


def findings(draft, rules: str = PRIVACY) -> list[dict]:
    run = carekit("check", "-f", "json", "--select", rules, str(draft))
    assert run.code in (0, 1), run.err
    return run.json()["files"][0]["findings"]


def excerpts(draft, rules: str = PRIVACY) -> set[str]:
    return {f["excerpt"] for f in findings(draft, rules) if f["excerpt"]}


def test_towns_and_villages_from_the_gazetteer_and_from_context(write_draft):
    """Attack: towns with no "lives in" before them, a village known only by the words
    around it, Unicode spellings, an address without a house number and a town after it."""
    draft = write_draft(
        "carekit: 1\npatient:\n  history:\n    psychosocial: >-\n"
        "      He breeds pigeons in an allotment shed in Wigan. Back home in Kraków, she\n"
        "      rested. He spent his childhood on the island of Inishmaan. Home is a farmhouse\n"
        "      on the Old Coach Road outside Kilrush. The family had moved from Mosul to Ñuñoa.\n"
    )
    assert {"Wigan", "Kraków", "Inishmaan", "Old Coach Road", "Kilrush", "Ñuñoa"} <= excerpts(
        draft, "privacy-place"
    )


def test_place_named_medicine_is_not_a_place(write_draft):
    """Hard negatives: diseases, viruses, scales and rules named after places, eponyms,
    brands, a genus after "from"."""
    draft = write_draft(
        "carekit: 1\nclinical_findings: >-\n"
        "  West Nile virus IgM was found; Lyme disease and Marburg virus disease were excluded.\n"
        "  The Glasgow Coma Scale was 14 and the Ottawa ankle rules were applied. Splenic\n"
        "  rupture from Plasmodium falciparum. A Sister Mary Joseph nodule and a Denis Browne\n"
        "  bar. Hashimoto's thyroiditis in Crohn's disease. She had been camping in North\n"
        "  Carolina. The CD4 count was 45 cells/uL and the HIV-1 load was high; GCS E4V4M6.\n"
        "  She was moved to ICU on day 2 and came from Emergency Department. Fasting during\n"
        "  Ramadan was discussed. The Hospital Anxiety and Depression Scale was used; stage\n"
        "  T2N0M0. Culture from Bristol stool samples; data from Epic; results from Week 12.\n"
    )
    assert findings(draft) == []


def test_names_without_a_title_with_diacritics_and_particles(write_draft):
    draft = write_draft(
        "carekit: 1\nclinical_findings: >-\n"
        "  Łukasz Wójcik was alert. Jan van der Meer lives alone. Baby Oluwaseun was fed.\n"
        "  Aoife's case was discussed. Mr Ó Catháin and Ms Ní Bhriain were reviewed. The\n"
        "  mother of two-year-old Chidera noticed a white reflex. His wife Bríd stayed.\n"
    )
    found = excerpts(draft, "privacy-name")
    assert {"Łukasz Wójcik", "Jan van der Meer", "Oluwaseun", "Aoife", "Ó Catháin"} <= found
    assert {"Ní Bhriain", "Chidera", "Bríd"} <= found


def test_ages_over_89_in_any_phrasing(write_draft):
    for phrase in (
        "The patient, now 96, lives alone.",
        "Patient characteristics: female (92 years), frail.",
        "She was 93 years of age.",
        "A nonagenarian woman presented with vision loss.",
        "A ninety-two-year-old seamstress presented.",
        "She is in her late nineties.",
        "She celebrated her 100th birthday last month.",
    ):
        draft = write_draft(f"carekit: 1\nclinical_findings: {phrase!r}\n")
        assert [f["rule"] for f in findings(draft, "privacy-age")] == ["privacy-age"], phrase
    for phrase in ("A patient aged 90 years or older.", "Outcomes in nonagenarians vary."):
        draft = write_draft(f"carekit: 1\nclinical_findings: {phrase!r}\n")
        assert findings(draft, "privacy-age") == [], phrase


def test_a_report_about_extreme_age_gets_one_finding_and_the_accepted_route(write_draft):
    """Attack (from a published report): the age is the report's subject and appears in
    the patient record, the presentation and the discussion. One finding, not one per
    mention, and the fix offers the consented route, not only "write 90 or older"."""
    body = (
        "carekit: 1\npatient:\n  age: 104 years\n  presenting_concern: A 104-year-old woman fell.\n"
        "discussion:\n  rationale: Our patient, now 104, is the oldest reported; at 104 she "
        "walked.\n"
    )
    age = findings(write_draft(body), "privacy-age")
    assert len(age) == 1 and age[0]["severity"] == "error"
    assert "4 times" in age[0]["message"] and "privacy: accepted:" in age[0]["fix"]
    accepted = body + (
        "privacy:\n  accepted:\n    - rule: privacy-age\n      reason: The age is the point of "
        "the report; the patient consented to it.\n"
    )
    run = carekit("check", "-f", "json", "--select", "privacy-age", str(write_draft(accepted)))
    (note,) = run.json()["files"][0]["findings"]
    assert note["severity"] == "info" and "consented" in note["message"]
    assert note["line"] == 9 and run.code == 0  # the accepted entry


def test_an_accepted_disclosure_for_an_unknown_rule_is_a_schema_error(write_draft):
    """A misspelt rule must not silently accept nothing: the format says which rules."""
    draft = write_draft(
        "carekit: 1\nprivacy:\n  accepted:\n    - {rule: privacy-agee, reason: consented}\n"
    )
    run = carekit("check", "-f", "json", str(draft))
    (problem,) = [f for f in run.json()["files"][0]["findings"] if f["rule"] == "schema-value"]
    assert "privacy-age" in problem["message"] + problem["fix"] and problem["line"] == 4


def test_literature_dates_and_sites_are_not_patient_dates(write_draft):
    """The literature fields are searched, with context: a search date, an approval date,
    a guideline URL and a trial number stay; the patient's own date there is found."""
    draft = write_draft(
        "carekit: 1\ndiscussion:\n  literature: >-\n"
        "    We searched PubMed up to March 2022. The drug was approved in May 2021. Guidance\n"
        "    is at www.nice.org.uk/guidance/ng51. The trial was registered with EudraCT number\n"
        "    2017-002874-41. Thomas Hodgkin described the lymphoma in 1832. Our patient,\n"
        "    admitted on 5 March 2020, was one of the first cases.\n"
        "introduction: COVID-19 emerged in Wuhan, China, in December 2019.\n"
    )
    assert excerpts(draft) == {"5 March 2020"}


def test_acknowledgements_name_staff_freely_but_not_the_family(write_draft):
    draft = write_draft(
        "carekit: 1\ndeclarations:\n  acknowledgements: >-\n"
        "    We thank Prof. Ingrid Solberg and the staff of St Brigid's Hospital, Dunmore, and\n"
        "    Ms. Clara Benz (clara.benz@example.org) for help with the images. We are grateful\n"
        "    to J.K. and her family. We thank Ngozi Eze, the patient's sister, and the\n"
        "    patient's employer, Harland Marine Fabrications.\n"
    )
    assert excerpts(draft) == {"Ngozi Eze", "Harland Marine Fabrications"}


def test_addresses_postcodes_records_devices_urls_and_ipv6(write_draft):
    draft = write_draft(
        "carekit: 1\npatient:\n  history:\n    psychosocial: >-\n"
        "      She lives at 14 Rue des Lilas. He gave his address as Ul. Długa 14/6, 80-827\n"
        "      Gdańsk. Her address was 301 Kingston Road East, Scarborough, ON M1M 1P2. The\n"
        "      farm, near Tullamore, R35 K7W8, has a well. Specimen no. H/2231/19 was reviewed.\n"
        "      The insulin pump (SN 1234-ABC-778) failed. She blogs at\n"
        "      amarasjourney.blogspot.com; uploads came from 2001:db8:85a3::8a2e:370:7334.\n"
    )
    found = excerpts(draft)
    for expected in (
        "14 Rue des Lilas",
        "80-827",
        "Gdańsk",
        "M1M 1P2",
        "R35 K7W8",
        "H/2231/19",
        "1234-ABC-778",
        "amarasjourney.blogspot.com",
        "2001:db8:85a3::8a2e:370:7334",
    ):
        assert any(expected in text for text in found), expected


def test_a_stricter_journal_says_so_and_finds_months_and_years(write_draft):
    body = (
        "carekit: 1\n{journal}clinical_findings: She was admitted in March and again in "
        "late 2019.\n"
    )
    plain = findings(write_draft(body.format(journal="")), "privacy-date")
    assert plain == []
    bmj = findings(write_draft(body.format(journal="journal: bmj-case-reports\n")), "privacy-date")
    assert {f["excerpt"] for f in bmj} == {"in March", "in late 2019"}
    assert all("BMJ Case Reports asks for no dates" in f["message"] for f in bmj)


def test_word_lists_are_sorted_for_the_binary_search():
    """A list out of order would make lookups miss silently: every key sorted, unique,
    folded (carekit.privacy.lexicon.fold), and the gazetteer kept small."""
    from carekit.privacy.lexicon import fold

    folder = ROOT / "checklists" / "privacy"
    for name in ("places.txt", "given-names.txt", "surnames.txt"):
        data = (folder / name).read_bytes()
        keys = data.rstrip(b"\n").split(b"\n")
        assert keys == sorted(set(keys)), name
        assert all(fold(k.decode()) == k.decode() for k in keys[:: max(1, len(keys) // 500)])
    assert (folder / "places.txt").stat().st_size < 3_000_000


@pytest.mark.parametrize("kind", ["overall"])
def test_blind_set_meets_the_issue_targets(kind):
    """Issue 15's bar on the blind labelled set: recall >= 0.95, precision >= 0.97, every
    kind >= 0.90 (first run, before tuning: 0.557 and 0.946)."""
    figures = score()
    assert figures["span_recall"] >= 0.95 and figures["span_precision"] >= 0.97
    assert min(figures["recall_by_kind"].values()) >= 0.90, figures["recall_by_kind"]


def test_the_checklist_lists_what_the_draft_keeps_with_consent(write_draft, tmp_path):
    """An accepted disclosure must reach the editor, not only silence the check."""
    draft = write_draft(
        "carekit: 1\ntitle: Hip surgery at 104\npatient: {age: 104 years}\n"
        "privacy:\n  accepted:\n    - rule: privacy-age\n      reason: The age is the point "
        "of the report; the patient consented.\n"
    )
    run = carekit("checklist", "--to", "md", "-o", str(tmp_path / "out"), str(draft))
    assert run.code in (0, 1), run.err
    (form,) = (tmp_path / "out").glob("*.md")
    text = form.read_text(encoding="utf-8")
    assert "kept with the patient's consent" in text
    assert "an age over 89: The age is the point of the report; the patient consented." in text
