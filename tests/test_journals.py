"""Journal profiles: limits, CARE conflicts decided by the profile, word counts."""

from __future__ import annotations

import json
from pathlib import Path

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
    assert "[medium; secondary sources on the journal's instructions" in out and "[low;" in out


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


# -- profiles are validated at load (issue #11, item 3) ---------------------------------

MISSPELT = """\
name: my-journal
title: My Journal
abstract:
  max_word: 200
"""


def test_a_misspelt_profile_key_exits_2_with_line_col_and_did_you_mean(tmp_path, write_draft):
    profile = tmp_path / "my-journal.yaml"
    profile.write_text(MISSPELT, encoding="utf-8")
    draft = write_draft("carekit: 1\nabstract: {text: " + " ".join(["word"] * 300) + "}\n")
    for run in (
        carekit("check", "--journal", str(profile), str(draft)),
        carekit("journals", "--check", str(profile)),
    ):
        assert run.code == 2, run.out
        assert f"{profile}:4:3: `max_word` is not a key" in run.err
        assert "Did you mean `max_words`?" in run.err


def test_the_retired_checklist_key_says_where_the_checklist_is_chosen(tmp_path):
    profile = tmp_path / "old.yaml"
    profile.write_text("name: old\nchecklist: care-2013\n", encoding="utf-8")
    run = carekit("journals", "--check", str(profile))
    assert run.code == 2 and f"{profile}:2:1:" in run.err
    assert "--checklist" in run.err and "at the top of the journal profile" in run.err


def test_a_profile_with_only_keywords_max_works(tmp_path, write_draft):
    profile = tmp_path / "small.yaml"
    profile.write_text("keywords:\n  max: 3\n", encoding="utf-8")
    run = carekit("journals", "--check", str(profile))
    assert run.code == 0, run.err
    assert "small: small (template default)" in run.out and "keywords: at most 3" in run.out
    draft = write_draft("carekit: 1\nkeywords: [a, b, c, d]\n")
    (finding,) = _check(draft, "keywords-count", str(profile))
    assert "asks for 2 to 3" in finding["message"]  # CARE's minimum, the profile's maximum


def test_bundled_profiles_pass_journals_check():
    from carekit.journals.profiles import journals_dir

    files = sorted(str(path) for path in journals_dir().glob("*.yaml"))
    run = carekit("journals", "--check", *files)
    assert run.code == 0, run.err
    assert run.out.count("a usable journal profile") == len(files)


def test_consent_required_refuses_a_reason_for_missing_consent(write_draft):
    draft = write_draft(
        "carekit: 1\nnot_reported:\n  informed-consent: The patient could not be traced.\n"
    )
    rule = "journal-consent-required"
    (finding,) = _check(draft, rule, "jmcr")
    assert "publishes no case report without consent" in finding["message"]
    assert finding["line"] == 3
    assert _check(draft, rule, "care") == []  # plain CARE accepts the reason
    assert _check(draft, rule, "ajcr") == []  # its profile does not require consent


# -- every key the profile schema allows is read by something ---------------------------

_SEEN_BY_EVERY = {
    "source": "SRC-{section}",
    "confidence": "low",
}
FULL_PROFILE: dict = {
    "name": "prof-name",
    "title": "Journal Of Tests",
    "template": "jmcr",
    "abstract": {"max_words": 3, "structure": ["background"], "labels": ["Intro-Label"]},
    "main_text": {"max_words": 5, "approximate": True},
    "keywords": {"min": 4, "max": 6, "mesh": True},
    "title_rules": {"require": ["zebra"], "forbid": ["rare"], "forbid_demographics": True},
    "authors": {"max": 1},
    "front_matter": {"required": ["affiliations", "corresponding_email"]},
    "figures": {"formats": ["tiff", "pdf"], "min_dpi": 600},
    "patient_details": {"required": ["ethnicity"]},
    "consent": {"required": True, "form": "the Form-X", "statement": "Statement-Y"},
    "prefer_age_range": {"value": True},
    "csl": {"style": "cureus"},
    "issn": {"value": "0000-000X"},
    "learning_points": {"format": "bullets", "min": 2, "max": 7},
    "keywords_placement": {"position": "after_abstract"},
    "figure_legends": {"position": "after_references", "heading": "Legends-Z"},
    "declarations": {
        "heading": "Statements-W",
        "headings": {
            "ethics": "Ethics-1",
            "consent": "Consent-2",
            "data_availability": "Data-3",
            "competing_interests": "Interests-4",
            "funding": "Funding-5",
            "author_contributions": "Contributions-6",
            "acknowledgements": "Thanks-7",
        },
    },
    "privacy": {"no_dates": True, "no_places": True, "ages_as_ranges": True},
}
EVERYTHING_DRAFT = """\
carekit: 1
title: A rare calcinosis in a 9-month-old boy
keywords: [calcinosis, infant]
authors: [{name: A}, {name: B}]
abstract:
  text: one two three four five six
introduction: one two three four five six seven
patient: {age: 9 months, sex: male}
clinical_findings: Seen in March at St Brigid's Hospital; his great-grandmother lived to 96.
consent: {obtained: yes, given_by: parent, written: yes, statement: Written consent.}
not_reported:
  informed-consent: A reason.
"""


def _leaves(kind, prefix: tuple = ()) -> list[tuple]:
    from carekit.draft.schema import Record

    out = []
    for key, child in kind.fields.items():
        if isinstance(child, Record):
            out += _leaves(child, (*prefix, key))
        else:
            out.append((*prefix, key))
    return out


def _with(profile: dict) -> dict:
    out = {}
    for key, value in profile.items():
        if isinstance(value, dict):
            value = {**value, **{k: v.format(section=key) for k, v in _SEEN_BY_EVERY.items()}}
        out[key] = value
    return out


def _without(profile: dict, path: tuple) -> dict:
    out = json.loads(json.dumps(profile))
    parent = out
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    return out


def _everything_said(profile: dict, folder: Path, draft: Path, label: str) -> str:
    """What `carekit journals --check` and the check findings say under `profile`."""
    from carekit.check.checklist import load_checklist
    from carekit.check.engine import check_loaded
    from carekit.commands.journals import describe
    from carekit.draft.loader import load_file
    from carekit.journals.profiles import load_journal

    file = folder / f"{label}.yaml"
    file.write_text(json.dumps(profile), encoding="utf-8")  # JSON is YAML
    report = check_loaded(load_file(draft), load_checklist(), profile=load_journal(str(file)))
    said = [f"{f.rule}|{f.message}|{f.fix}" for f in report.findings]
    return "\n".join(describe(str(file)) + said)


def test_every_key_the_profile_schema_allows_is_read_by_something(tmp_path):
    """Set every allowed key to a distinctive value, then leave each out in turn: what
    `carekit journals` or `carekit check` says must change. A key added to the schema that
    nothing reads fails here (and a key this profile does not set fails the coverage
    assertion)."""
    from carekit.journals.schema import PROFILE

    full = _with(FULL_PROFILE)
    leaves = _leaves(PROFILE)
    set_here = [leaf for leaf in leaves if _has(full, leaf)]
    assert set_here == leaves, f"set these keys in FULL_PROFILE: {set(leaves) - set(set_here)}"
    draft = tmp_path / "draft.yaml"
    draft.write_text(EVERYTHING_DRAFT, encoding="utf-8")
    baseline = _everything_said(full, tmp_path, draft, "full")
    unread = []
    for index, leaf in enumerate(leaves):
        if _everything_said(_without(full, leaf), tmp_path, draft, f"v{index}") == baseline:
            unread.append(".".join(leaf))
    assert unread == [], f"profile keys that change nothing: {unread}"


def _has(profile: dict, path: tuple) -> bool:
    for key in path:
        if not isinstance(profile, dict) or key not in profile:
            return False
        profile = profile[key]
    return True
