"""The completed CARE checklist says where each item lies: its pages (and, in the review
layout, its line numbers) are checked against the PDF manuscript itself, read back with
pdftotext, for every template, both paper sizes, the normal and the review layout, and
the seed examples.

How: for each item, the draft's own words for it (the fields the checklist says satisfy
it) give a phrase where its text starts and one where it ends. Every such phrase must lie
inside a place the checklist reports, and every reported place must start where one of
the item's texts starts and end where one ends: a place that is too wide (the section
heading's page) or too narrow (a table broken across pages) fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from docx import Document

from conftest import ROOT, SEED_000, SEED_004, carekit

EVERY_ITEM = ROOT / "tests" / "fixtures" / "every-item" / "draft.yaml"
CARE = yaml.safe_load((ROOT / "checklists" / "care-2013.yaml").read_text(encoding="utf-8"))
# `submit` takes the template from the journal profile: these profiles use each template.
JOURNALS = {"default": "care", "jmcr": "jmcr", "bmj-case-reports": "bmj-case-reports"}

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext")


# --- What the PDF says: every line of text, its page and its margin number -----------------


@dataclass
class Text:
    joined: str  # every line of the manuscript, joined by single spaces
    starts: list[int]  # where each line starts in `joined`
    where: list[tuple[int, int | None]]  # each line's page and margin line number


def read_pdf(pdf: Path, review: bool, running_title: str) -> Text:
    """The manuscript's lines of text. Left out: the running title (the page header, and
    the zero-height element that sets it, whose clipped text pdftotext still reads; this
    test's drafts have titles that do not fit on one line or a short title), and in the
    review layout every line without a number (headers, the text inside figures)."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    joined, starts, where = "", [], []
    for page, content in enumerate(out.split("\f"), start=1):
        for row in content.splitlines():
            number = None
            if review:
                numbered = re.match(r"^\s*(\d+)\s{2,}(\S.*)$", row)
                if numbered:
                    number, row = int(numbered[1]), numbered[2]
            words = " ".join(row.split())
            if not words or words == running_title or (review and number is None):
                continue
            if joined and not joined.endswith("-"):
                joined += " "
            starts.append(len(joined))
            where.append((page, number))
            joined += words
    return Text(joined, starts, where)


def find(text: Text, phrase: str, end: bool) -> list[tuple[int, int | None]]:
    """The page and line of each occurrence of `phrase` (of its last word if `end`)."""
    found = []
    for match in re.finditer(re.escape(phrase), text.joined):
        offset = match.end() - 1 if end else match.start()
        index = max(i for i, start in enumerate(text.starts) if start <= offset)
        found.append(text.where[index])
    return found


# --- What the draft says about each item ----------------------------------------------------

DEMOGRAPHICS = {
    "patient.age",
    "patient.sex",
    "patient.gender",
    "patient.ethnicity",
    "patient.occupation",
}
_CITATION_RE = re.compile(r"\s*\(?\[@[^\]]*\]\)?")
_PLAIN_RE = re.compile(r"^[A-Za-z][A-Za-z'’-]*[,;:.]?$")


@dataclass
class Phrase:
    text: str
    end: bool  # it ends a text (else it starts one)
    exact: bool  # it is the very first (last) words of the text
    label: bool = False  # a template's label that may open the item: checked as an edge only


def _words(text: str, end: bool, size: int = 4) -> Phrase | None:
    """The first (last) run of `size` plain words of a text: no numbers, no citations,
    nothing the renderer may print differently."""
    words = _CITATION_RE.sub(" ", str(text)).replace("*", "").split()
    order = list(range(len(words) - size + 1))
    for count, i in enumerate(reversed(order) if end else order):
        run = words[i : i + size]
        if all(_PLAIN_RE.match(w) for w in run):
            phrase = " ".join(run)
            if end and not _PLAIN_RE.match(words[-1].rstrip(".")):
                count += 1
            return Phrase(phrase.rstrip(",;:") if end else phrase, end, count == 0)
        if count > 12:
            break
    return None


def _value(draft: dict, path: str):
    values = [draft]
    for part in path.split("."):
        many = part.endswith("[]")
        part = part.removesuffix("[]")
        nxt = []
        for value in values:
            got = value.get(part) if isinstance(value, dict) else None
            if got is None:
                continue
            nxt.extend(got if many and isinstance(got, list) else [got])
        values = nxt
    return values


def _text_phrases(text: str) -> list[Phrase]:
    return [p for p in (_words(text, False), _words(text, True)) if p]


def item_phrases(draft: dict, key: str) -> list[Phrase]:
    """Where the item's texts start and end, in the draft's own words."""
    item = next(i for i in CARE["items"] if i["key"] == key)
    phrases: list[Phrase] = []
    for path in item["satisfied_by"]:
        values = [v for v in _value(draft, path) if v not in (None, "", [], {})]
        if not values:
            continue
        if path == "keywords":
            phrases += [Phrase(values[0][0], False, True), Phrase(values[0][-1], True, True)]
        elif path in DEMOGRAPHICS:
            phrases += [
                Phrase("The patient was", False, True),
                Phrase("The patient was", True, False),
            ]
        elif path == "timeline":
            # The timeline is a table by default: its caption, then its last event.
            phrases += [Phrase("Timeline of the case", False, True)]
            phrases += [p for p in _text_phrases(values[0][-1]["event"]) if p.end]
        elif path == "diagnostics.labs":
            phrases += [Phrase("Laboratory results", False, True)]
            phrases += [Phrase(values[0][-1]["test"], True, False)]
        elif path in ("diagnostics.imaging", "diagnostics.other_results"):
            phrases += [Phrase(values[0][0]["test"], False, False)]
            phrases += [p for p in _text_phrases(values[0][-1]["result"]) if p.end]
        elif path == "diagnostics.differential":
            phrases += [Phrase("Differential diagnosis.", False, True, label=True)]
            phrases += [p for p in _text_phrases(values[0][0]["diagnosis"]) if not p.end]
            phrases += [p for p in _text_phrases(values[0][-1]["reasoning"]) if p.end]
        elif path.startswith("interventions[]"):
            phrases += [Phrase("Therapeutic interventions", False, True)]
            notes = [i["notes"] for i in draft["interventions"] if i.get("notes")]
            # The table's last row ends where its longest cell does; notes follow it.
            last = draft["interventions"][-1]
            longest = max((str(v) for k, v in last.items() if k != "notes"), key=len)
            phrases += [p for p in _text_phrases(notes[-1] if notes else longest) if p.end]
        elif path == "intervention_changes":
            phrases += [p for p in _text_phrases(values[0][0]["change"]) if not p.end]
            last = values[0][-1]
            phrases += [p for p in _text_phrases(last.get("rationale") or last["change"]) if p.end]
        elif path == "patient.past_interventions":
            phrases += [p for p in _text_phrases(values[0][0]["intervention"]) if not p.end]
            last = values[0][-1]
            phrases += [
                p for p in _text_phrases(last.get("outcome") or last["intervention"]) if p.end
            ]
        elif path == "consent.statement":
            # The templates' headings over the statement open the item.
            for heading in (
                "Informed consent",
                "Consent for publication",
                "consent for publication",
            ):
                phrases += [Phrase(heading, False, True, label=True)]
            phrases += _text_phrases(values[0])
        elif path == "diagnostics.final_diagnosis":
            phrases += [Phrase("Final diagnosis", False, True)]
            phrases += [p for p in _text_phrases(values[0]) if p.end]
        elif isinstance(values[0], str):
            phrases += _text_phrases(values[0])
        elif path == "patient.comorbidities":
            phrases += _text_phrases("; ".join(values[0]))
    return phrases


# --- What the checklist says ----------------------------------------------------------------


@dataclass
class Place:
    first_page: int
    last_page: int
    first_line: int | None
    last_line: int | None


def _range(text: str) -> tuple[int, int]:
    low, _, high = text.partition("-")
    return int(low), int(high or low)


def parse_places(cell: str) -> list[Place]:
    """ "3", "3-5", "3, 7", "3 (lines 12-40); 7 (line 301)" -> places."""
    places = []
    for piece in re.split(r"[;,] ", cell):
        found = re.fullmatch(r"(\d+(?:-\d+)?)(?: \(lines? (\d+(?:-\d+)?)\))?", piece.strip())
        assert found, f"cannot read the place {piece!r} in {cell!r}"
        pages = _range(found[1])
        lines = _range(found[2]) if found[2] else (None, None)
        places.append(Place(*pages, *lines))
    return places


def checklist_rows(markdown: str) -> dict[str, list[str]]:
    return {
        cells[0]: cells
        for line in markdown.splitlines()
        if re.match(r"\| \d", line)
        for cells in [[c.strip() for c in line.strip("|").split("|")]]
    }


# --- The check --------------------------------------------------------------------------------


def _inside(position: tuple[int, int | None], place: Place) -> bool:
    page, line = position
    if place.first_line is not None:
        return line is not None and place.first_line <= line <= place.last_line
    return place.first_page <= page <= place.last_page


def _at(position, place: Place, end: bool, exact: bool) -> bool:
    """Whether a phrase at `position` is where `place` starts (ends)."""
    page, line = position
    if place.first_line is None:
        return page == (place.last_page if end else place.first_page)
    edge = place.last_line if end else place.first_line
    if line is None:
        return False
    # A phrase that is not the text's very first (last) words may sit a line further in.
    return line == edge or (not exact and abs(line - edge) <= 1)


def assert_places_true(draft_file: Path, checklist: str, pdf: Path, review: bool) -> int:
    """Check every reported item; return how many were checked."""
    draft = yaml.safe_load(draft_file.read_text(encoding="utf-8"))
    text = read_pdf(pdf, review, " ".join(str(draft.get("short_title") or draft["title"]).split()))
    keys = {item["id"]: item["key"] for item in CARE["items"]}
    checked = 0
    for item, cells in checklist_rows(checklist).items():
        if cells[4] == "–":
            continue
        phrases = item_phrases(draft, keys[item])
        if not phrases:  # judged from other fields' text (times told in the narrative)
            continue
        places = parse_places(cells[4])
        assert all(p.first_line is not None for p in places) == review, (item, cells[4])
        for phrase in (p for p in phrases if not p.label):
            positions = find(text, phrase.text, phrase.end)
            assert positions, f"item {item}: {phrase.text!r} is not in the PDF"
            inside = [p for p in positions if any(_inside(p, place) for place in places)]
            assert inside, (
                f"item {item}: {phrase.text!r} lies at {positions} (page, line), "
                f"outside what the checklist says: {cells[4]}"
            )
        for place in places:
            for end in (False, True):
                edges = [
                    phrase
                    for phrase in phrases
                    if phrase.end == end
                    and any(_at(p, place, end, phrase.exact) for p in find(text, phrase.text, end))
                ]
                assert edges, (
                    f"item {item}: the checklist says {cells[4]}, but none of its texts "
                    f"{'ends' if end else 'starts'} there ({[p.text for p in phrases]})"
                )
        checked += 1
    return checked


# --- The manuscripts ------------------------------------------------------------------------

COMBINATIONS = [
    (template, paper, review)
    for template in JOURNALS
    for paper in ("a4", "letter")
    for review in (False, True)
]


@pytest.fixture(
    scope="module",
    params=COMBINATIONS,
    ids=lambda c: f"{c[0]}-{c[1]}-{'review' if c[2] else 'normal'}",
)
def pack(request, tmp_path_factory):
    """One `carekit submit` per template, paper and layout: the manuscript PDF and its
    checklist come from the same layout."""
    template, paper, review = request.param
    out = tmp_path_factory.mktemp("pack")
    args = ["submit", str(EVERY_ITEM), "-o", str(out), "--paper", paper, "--force"]
    args += ["--journal", JOURNALS[template]] + (["--review"] if review else [])
    run = carekit(*args)
    assert run.code == 0, run.err
    return out, review, template


def test_every_checklist_entry_is_where_the_item_lies(pack):
    out, review, _template = pack
    checklist = (out / "care-checklist.md").read_text(encoding="utf-8")
    rows = checklist_rows(checklist)
    assert len(rows) == 30 and all(cells[4] != "–" for cells in rows.values())
    assert int(re.search(r"Pages:\s+(\d+)", _pdfinfo(out / "manuscript.pdf"))[1]) >= 6
    assert assert_places_true(EVERY_ITEM, checklist, out / "manuscript.pdf", review) == 30
    assert ("| Page (lines) in the PDF |" in checklist) == review


def test_the_pdf_and_word_checklists_say_the_same(pack):
    out, _review, _template = pack
    rows = checklist_rows((out / "care-checklist.md").read_text(encoding="utf-8"))
    table = Document(out / "care-checklist.docx").tables[0]
    word = {row.cells[0].text: row.cells[4].text for row in table.rows[1:]}
    assert word == {item: cells[4] for item, cells in rows.items()}
    pdf = _pdftotext(out / "care-checklist.pdf").split()  # table cells wrap: compare words
    for cells in rows.values():
        assert all(word in pdf for word in cells[4].split()), cells[4]


def test_items_reported_in_two_places_list_both(pack):
    """The default and JMCR templates print the take-away lessons in the discussion and
    again under the conclusion's heading: two places, each listed (in the review layout
    with its own lines). BMJ Case Reports prints both together, under Learning points."""
    out, review, template = pack
    rows = checklist_rows((out / "care-checklist.md").read_text(encoding="utf-8"))
    places = parse_places(rows["11d"][4])
    if template == "bmj-case-reports":
        assert len(places) == 1 and rows["11d"][3] == "Learning points", rows["11d"]
        return
    assert rows["11d"][3] in ("Discussion; Conclusion", "Discussion; Conclusions"), rows["11d"]
    if review:
        assert len(places) == 2, rows["11d"][4]  # a heading between: never one place
        assert places[0].last_line + 1 < places[1].first_line


@pytest.mark.parametrize("review", [False, True], ids=["normal", "review"])
def test_checklist_command_matches_render(tmp_path, review):
    """`carekit checklist` (with `--review` for the review copy) gives the pages and lines
    of the PDF `carekit render` makes with the same options."""
    common = ["--template", "jmcr", "--paper", "letter"] + (["--review"] if review else [])
    made = carekit("render", str(EVERY_ITEM), "-o", str(tmp_path), "--to", "pdf", *common)
    assert made.code == 0, made.err
    run = carekit("checklist", str(EVERY_ITEM), "-o", str(tmp_path), "--to", "md,html", *common)
    assert run.code == 0, run.err
    checklist = (tmp_path / "draft-care-checklist.md").read_text(encoding="utf-8")
    assert assert_places_true(EVERY_ITEM, checklist, tmp_path / "draft.pdf", review) == 30
    html = (tmp_path / "draft-care-checklist.html").read_text(encoding="utf-8")
    for cells in checklist_rows(checklist).values():
        assert f"<td>{cells[4]}</td>" in html


@pytest.mark.parametrize("review", [False, True], ids=["normal", "review"])
@pytest.mark.parametrize("seed", [SEED_000, SEED_004], ids=["seed-000", "seed-004"])
def test_seed_examples(tmp_path, seed, review):
    run = carekit("submit", str(seed), "-o", str(tmp_path), "--force", *(["--review"] * review))
    assert run.code == 0, run.err
    checklist = (tmp_path / "care-checklist.md").read_text(encoding="utf-8")
    checked = assert_places_true(seed, checklist, tmp_path / "manuscript.pdf", review)
    assert checked >= (20 if seed == SEED_000 else 3)


def _pdfinfo(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout


def test_draft_text_cannot_forge_or_move_an_item_place(tmp_path):
    """Attack: the draft's text carries carekit's place marks (the private-use characters
    the templates use) and ids in carekit's reserved range, by attribute and by heading.
    None of them may reach the HTML as a place, open an item that never closes, or show
    in the Markdown or Word output."""
    text = EVERY_ITEM.read_text(encoding="utf-8")
    forged = (
        "  \ue000care:start:patient-perspective\ue001 Forged mark.\n"
        "  A span [here]{#carekit-at-patient-perspective-9-start} and\n"
        "  [there]{#carekit-at-title-1-end}.\n\n"
        "  ## Carekit at conclusions rationale 1 start\n\n"
    )
    hostile = text.replace("introduction: |\n", "introduction: |\n" + forged, 1)
    assert hostile != text and "\ue000" in hostile
    draft = tmp_path / "draft.yaml"
    draft.write_text(hostile, encoding="utf-8")
    made = carekit("render", str(draft), "-o", str(tmp_path), "--to", "md,html,docx,pdf")
    assert made.code == 0, made.err
    html = (tmp_path / "draft.html").read_text(encoding="utf-8")
    ids = re.findall(r'id="(carekit-at-[^"]*)"', html)
    assert len(ids) == len(set(ids)) and "carekit-at-patient-perspective-9-start" not in ids
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", i) for i in ids)  # valid ids, XML names too
    assert not re.search(r"<p>\s*(<span [^>]*></span>\s*)*</p>", html)  # no empty paragraph
    assert ids.count("carekit-at-patient-perspective-1-start") == 1  # the template's own
    assert "carekit-at-conclusions-rationale-1-start" in ids  # the template's, not the slug
    assert html.index("carekit-at-conclusions-rationale-1-start") > html.index("Discussion")
    markdown = (tmp_path / "draft.md").read_text(encoding="utf-8")
    word = Document(tmp_path / "draft.docx")
    for output in (markdown, "\n".join(p.text for p in word.paragraphs)):
        assert "\ue000" not in output and "\ue001" not in output
    run = carekit("checklist", str(draft), "-o", str(tmp_path), "--to", "md")
    assert run.code == 0, run.err
    checklist = (tmp_path / "draft-care-checklist.md").read_text(encoding="utf-8")
    assert assert_places_true(draft, checklist, tmp_path / "draft.pdf", False) == 30


def test_a_template_without_marks_falls_back_to_section_headings(tmp_path):
    """A template folder written before the marks existed still gets pages: those of the
    headings its sections.yaml names."""
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "manuscript.md.j2").write_text(
        "# {{ title }}\n\n## Introduction\n\n{{ introduction }}\n\n"
        "## Patient information\n\n{{ patient.presenting_concern }}\n",
        encoding="utf-8",
    )
    run = carekit(
        "checklist", str(EVERY_ITEM), "-o", str(tmp_path), "--to", "md", "--template", str(folder)
    )
    assert run.code == 0, run.err
    rows = checklist_rows((tmp_path / "draft-care-checklist.md").read_text(encoding="utf-8"))
    assert rows["4"][3:] == ["Introduction", "1"]
    assert rows["5b"][3:] == ["Patient information", "1"]
    assert rows["8a"][3:] == ["Diagnostic assessment", "–"]  # no such heading printed
