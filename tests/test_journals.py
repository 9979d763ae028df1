"""Journal profiles: limits, CARE conflicts decided by the profile, word counts."""

from __future__ import annotations

from conftest import SEED_000, carekit

JOURNAL_RULES = "journal-abstract-length,journal-abstract-structure,title-case-report"


def _findings(run) -> list[dict]:
    return run.json()["files"][0]["findings"]


def _check(draft, rules: str, journal: str | None = None) -> list[dict]:
    """The findings of `rules` on a draft, as JSON, under `journal` if given."""
    chosen = ["--journal", journal] if journal else []
    return _findings(carekit("check", "-f", "json", *chosen, "--select", rules, str(draft)))


def test_seed_000_under_jmcr_passes_the_abstract_limit():
    run = carekit(
        "check", "-f", "json", "--journal", "jmcr", "--select", JOURNAL_RULES, str(SEED_000)
    )
    assert _findings(run) == []
    assert run.json()["files"][0]["stats"]["journal"] == "jmcr"


def test_title_rule_is_decided_by_the_profile(write_draft):
    with_phrase = write_draft(
        "carekit: 1\ntitle: 'Iatrogenic calcinosis cutis: a case report'\n", name="a.yaml"
    )
    without = write_draft(
        "carekit: 1\ntitle: Iatrogenic calcinosis cutis after an infusion\n", name="b.yaml"
    )
    bmj = _check(with_phrase, "title-case-report", "bmj-case-reports")
    assert [f["rule"] for f in bmj] == ["title-case-report"]
    assert "BMJ Case Reports does not allow" in bmj[0]["message"]
    assert (
        "profile bmj-case-reports" in bmj[0]["message"]
        and "overrides CARE item 1" in bmj[0]["message"]
    )
    assert _check(without, "title-case-report", "bmj-case-reports") == []
    care = _check(without, "title-case-report", "care")
    assert [f["rule"] for f in care] == ["title-case-report"]
    assert "does not say that this is a case report" in care[0]["message"]


def test_a_400_word_abstract_fails_jmcr_with_the_count(write_draft):
    words = " ".join(["calcinosis"] * 378)  # + 22 words below: 400 in all
    draft = write_draft(
        f"carekit: 1\njournal: jmcr\nabstract:\n  background: {words}\n"
        "  case_presentation: A boy of nine months had a swollen hand after an "
        "infusion of calcium gluconate at the same site.\n"
        "  conclusion: Check the line.\n"
    )
    run = carekit("check", "-f", "json", "--select", "journal-abstract-length", str(draft))
    (finding,) = _findings(run)
    assert (
        "The abstract has 400 words; Journal of Medical Case Reports allows 350"
        in finding["message"]
    )
    assert finding["fix"] == "Shorten the abstract by 50 words."
    assert run.code == 1


def test_flag_wins_over_the_draft_and_unknown_journals_are_said(write_draft):
    draft = write_draft(
        "carekit: 1\njournal: Case Reports in Clinical Medicine\n"
        "authors: [{name: A}, {name: B}, {name: C}, {name: D}, {name: E}]\n"
    )
    rules = "journal-unknown,journal-author-limit"
    plain = _check(draft, rules)
    assert [f["rule"] for f in plain] == ["journal-unknown"]
    bmj = _check(draft, rules, "bmj-case-reports")
    assert [f["rule"] for f in bmj] == ["journal-author-limit"]
    run = carekit("check", "--journal", "nature-medicine", str(draft))
    assert run.code == 2 and "No journal profile 'nature-medicine'" in run.err


def test_journals_lists_profiles_with_limits_and_sources():
    out = carekit("journals").out
    for name in ("care", "jmcr", "bmj-case-reports", "cureus", "ajcr"):
        assert f"\n{name}: " in "\n" + out
    assert "abstract: at most 350 words" in out and "authors: at most 4" in out
    assert "[medium; CARE.md journal table" in out and "[low;" in out


def test_word_counts_leave_out_abstract_tables_captions_and_declarations(write_draft):
    draft = write_draft(
        "carekit: 1\nabstract: {text: one two three}\nintroduction: Four words are here.\n"
        "diagnostics:\n  methods: Two words.\n"
        "  labs: [{test: Sodium level, value: 139, unit: mmol/L}]\n"
        "figures: [{id: a, file: a.svg, caption: Many words in a caption here}]\n"
        "declarations: {funding: None was received for this work.}\n"
        "discussion: {literature: 'As shown before [@le2020; @sawke2016].'}\n",
        files={"a.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"},
    )
    stats = carekit("check", "-f", "json", str(draft)).json()["files"][0]["stats"]
    assert stats["abstract_words"] == 3
    assert stats["section_words"] == {
        "Introduction": 4,
        "Diagnostic assessment": 2,
        "Discussion": 3,
    }
    assert stats["main_text_words"] == 9
    text = carekit("check", "--word-counts", str(draft)).out
    assert "Main text" in text and "Diagnostic assessment" in text
