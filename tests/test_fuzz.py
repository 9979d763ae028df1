"""Property-based fuzzing: over 10,000 generated drafts through the loader and the check
engine, in process, including the hostile shapes of issue #10 (every form of deep
nesting, aliases, huge numbers, control characters, tabs and newlines in titles and
reasons, odd types); a sample is also rendered and reported in every format, and a set
of hostile drafts goes through the real CLI.

Nothing may raise, no rule may fail ("internal-error"), and every result maps to exit
code 0, 1 or 2. Derandomised, so CI runs the same cases every time; each test asserts
it ran all the examples it asks for.
"""

from __future__ import annotations

import io
import json
import random
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from carekit.check.checklist import load_checklist
from carekit.check.engine import Report, check_loaded
from carekit.check.reporters import get_reporter
from carekit.check.rules.coverage import COMPLETE
from carekit.draft.format import DRAFT
from carekit.draft.loader import load_text
from carekit.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from carekit.findings import Severity
from carekit.render.assets import Assets, RenderError
from carekit.render.html import markdown_to_html
from carekit.render.pipeline import build_markdown
from carekit.render.templating import Templates, template_folder
from conftest import carekit

CHECKLIST = load_checklist()
TEMPLATES = Templates(template_folder("default"))
FOLDER = Path(__file__).resolve().parent / "fixtures" / "fuzz"
COMPLETE_DATA = YAML(typ="safe").load(COMPLETE)
RENDER_EVERY = 16  # rendering costs ten checks: render a sample
REPORT_EVERY = 8

# Generated drafts per test; together over 10,000.
EXAMPLES = {
    "structures": 800,
    "text_in_fields": 700,
    "whole_file": 1_500,
    "hostile": 4_000,
    "odd_types": 1_500,
    "mutations": 1_500,
}


def exit_code(report: Report) -> int:
    """What `carekit check` exits with for this report (as in commands/check.py)."""
    if report.fatal:
        return EXIT_USAGE
    if any(f.severity is Severity.ERROR for f in report.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def _fuzz(strategy: st.SearchStrategy, check: Callable[[Any, int], None], examples: int) -> None:
    """Run `check` on `examples` generated values (derandomised) and count them."""
    runs = 0

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(value: Any) -> None:
        nonlocal runs
        runs += 1
        check(value, runs)

    run()
    assert runs >= examples


def _run(text: str, _number: int = 0) -> Report:
    """Check (and, for a sample, render and report); fail on any exception or rule crash."""
    # The sample is chosen by the text, so hypothesis replays a failure the same way.
    number = zlib.crc32(text.encode("utf-8", "surrogatepass"))
    loaded = load_text(text, FOLDER / "draft.yaml")
    report = check_loaded(loaded, CHECKLIST)
    assert not [f for f in report.findings if f.rule == "internal-error"], report.findings
    assert exit_code(report) in (EXIT_OK, EXIT_FINDINGS, EXIT_USAGE)
    if report.fatal:  # refused: says why, in words
        assert report.findings and report.findings[0].message.strip()
    if number % REPORT_EVERY == 0:
        for name in ("text", "json", "sarif", "github"):
            get_reporter(name)([report], CHECKLIST, io.StringIO(), {"word_counts": True})
    if loaded.draft is not None and number % RENDER_EVERY == 0:
        try:
            manuscript = build_markdown(loaded.draft, TEMPLATES, FOLDER, "draft")
            assets = Assets(FOLDER, FOLDER, manuscript.generated, manuscript.refused)
            markdown_to_html(manuscript.markdown, assets)
        except RenderError:  # only the refusal of a path the draft names is allowed
            pass
    return report


# -- random structures and text ---------------------------------------------------

KEYS = st.sampled_from(
    [
        *DRAFT.fields,
        "patient",
        "age",
        "value",
        "unit",
        "test",
        "at",
        "event",
        "id",
        "file",
        "labs",
        "timeline",
        "x",
    ]
)
HUGE_INTS = st.integers(1, 5_000).map(lambda digits: int("9" * min(digits, 4_000)))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    HUGE_INTS,
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=60),
)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=25,
)


def _dump(value: Any) -> str:
    """JSON (a subset of YAML); integers too long for json.dumps are written by hand."""
    if isinstance(value, int) and not isinstance(value, bool):
        return "9" * 4_000 if abs(value) > 10**4_000 else repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_dump(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {_dump(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)


def test_random_structures():
    _fuzz(
        st.dictionaries(KEYS, TREES, max_size=8),
        lambda tree, n: _run("carekit: 1\n" + _dump(tree), n),
        EXAMPLES["structures"],
    )


CONTROL_TEXT = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(["\n", "\t", "\r", "\x1b[2J", "\x07", "\u202e", "\u200b", "\x00"]),
    ),
    max_size=100,
).map("".join)


def test_random_text_in_every_field():
    def check(value: tuple[list[str], Any], n: int) -> None:
        texts, random = value

        def replace(node: Any) -> Any:
            if isinstance(node, dict):
                return {k: replace(v) for k, v in node.items()}
            if isinstance(node, list):
                return [replace(v) for v in node]
            if isinstance(node, str) and random.random() < 0.5:
                return random.choice(texts)
            return node

        _run(_dump(replace(COMPLETE_DATA)), n)

    _fuzz(
        st.tuples(st.lists(CONTROL_TEXT, min_size=1, max_size=12), st.randoms()),
        check,
        EXAMPLES["text_in_fields"],
    )


def test_random_text_as_the_whole_file():
    _fuzz(st.text(max_size=400), _run, EXAMPLES["whole_file"])


# -- hostile shapes (issue #10), drawn from a seeded generator ------------------------
# Hypothesis draws only a seed; each seed makes a batch of drafts with random.Random,
# which costs a fraction of drawing each draft through hypothesis's strategies.

PER_SEED = 5


def _seeded(make: Callable[[random.Random], str], examples: int) -> None:
    def check(seed: int, _n: int) -> None:
        rnd = random.Random(seed)
        for _ in range(PER_SEED):
            text = make(rnd)
            note(f"seed {seed}: {text[:300]!r}")
            _run(text)

    _fuzz(st.integers(0, 2**32), check, examples // PER_SEED)


def _chain(marks: list[str], depth: int) -> str:
    return "".join(marks[i % len(marks)] for i in range(depth)) + "x"


NESTING_FORMS = (
    "one line",
    "top level",
    "after a byte-order mark",
    "flow",
    "indentation",
    "staircase",
    "aliases",
)
MARKS = ("- ", "? ", ": ", "-\t", "- &a ", "- !!seq ", "--- ", "[", "{a: ")


def _nesting(form: str, depth: int, marks: list[str]) -> str:
    if form == "one line":
        return "keywords:\n" + _chain(marks, depth) + "\n"
    if form == "top level":
        return _chain(marks, depth) + "\n"
    if form == "after a byte-order mark":
        return "keywords:\n\ufeff" + _chain(marks, depth) + "\n"
    if form == "flow":
        return "keywords: " + "[" * depth + "x" + "]" * depth + "\n"
    if form == "indentation":
        step = len(marks)  # 1 to 4 spaces a level
        return "patient:\n" + "".join(" " * (step * i) + "k:\n" for i in range(1, depth))
    if form == "staircase":  # compact entries on lines that indent further each time
        lines = [" " * (2 * len(marks) * i) + "- " * len(marks) + "x" for i in range(depth)]
        return "keywords:\n" + "\n".join(lines) + "\n"
    # anchors that each hold the one before: deep only once expanded
    return "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, depth))


def _random_nesting(rnd: random.Random) -> str:
    depth = rnd.choice([rnd.randint(1, 30), rnd.randint(90, 110), rnd.randint(111, 3_000)])
    marks = [rnd.choice(MARKS) for _ in range(rnd.randint(1, 4))]
    return _nesting(rnd.choice(NESTING_FORMS), depth, marks)


def _aliases(size: int, count: int, where: str) -> str:
    anchor = f"introduction: &t {'w ' * (size // 2)}\n"
    if where == "cycle":
        return "keywords: &k [a, *k]\n"
    return anchor + f"{where}: [" + ", ".join(["*t"] * count) + "]\n"


def _random_aliases(rnd: random.Random) -> str:
    roll = rnd.random()
    if roll < 0.85:
        return _aliases(rnd.randint(1, 200), rnd.randint(1, 30), rnd.choice(["keywords", "x"]))
    if roll < 0.9:  # a long text many times: refused before any rule reads it
        return _aliases(1_000_000, rnd.randint(11, 2_000), "keywords")
    return _aliases(1, 1, "cycle")


SPECIAL_NUMBERS = ("1e999", "-1e999", ".inf", ".nan", "0x1F", "0o17", "1_000", "_", "-0", "+")
NUMBER_SITES = [
    "patient:\n  age:\n    value: {n}\n    unit: years\n",
    "patient:\n  age: {n} years\n",
    "timeline:\n  - at: day {n}\n    event: Seen.\n",
    "timeline:\n  - at: {n} days before admission\n    event: Seen.\n",
    "timeline:\n  - at: {n}\n    event: Seen.\n",
    "diagnostics:\n  labs:\n    - test: Na\n      value: {n}\n      unit: mmol/L\n"
    "      reference_range: {n}-{n}\n",
    "diagnostics:\n  labs:\n    - test: Na\n      value: <{n}\n      reference_range: <{n}\n",
    "references:\n  - id: a\n    title: T\n    year: {n}\n",
]


def _random_number(rnd: random.Random) -> str:
    roll = rnd.random()
    digits = rnd.randint(1, 20) if roll < 0.4 else rnd.randint(300, 5_000)
    number = rnd.choice(SPECIAL_NUMBERS) if roll > 0.8 else rnd.choice("-+ ") + "9" * digits
    return rnd.choice(NUMBER_SITES).format(n=number.strip())


ALPHABET = [
    *"abc xyz019:-#&*!|>'\"{}[],?%@`\\",
    *("\n", "\t", "\r", "\x1b", "\x07", "\x00", "\x85", "\u2028", "\u202e", "\u200b"),
    *("\x1b]0;x\x07", "\x1b[2J", "é", "中", "\U0001f600", "\ud800", "\ufeff"),
]


def _random_text(rnd: random.Random, longest: int = 60) -> str:
    return "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, longest)))


def _random_titles_and_reasons(rnd: random.Random) -> str:
    title, reason = _random_text(rnd), _random_text(rnd)
    item = rnd.choice(["'7'", "'11'", "timeline", "12", "x\ty", json.dumps(_random_text(rnd, 8))])
    block = "".join(c if c.isprintable() else " " for c in _random_text(rnd))
    return (
        f"title: {json.dumps(title)}\nnot_reported:\n  {item}: {json.dumps(reason)}\n"
        f"discussion: |\n  {block}\n  \t{block}\n"
    )


HOSTILE_MAKERS = (_random_nesting, _random_aliases, _random_number, _random_titles_and_reasons)


def test_hostile_shapes():
    def make(rnd: random.Random) -> str:
        parts = [rnd.choice(HOSTILE_MAKERS)(rnd) for _ in range(rnd.randint(1, 3))]
        return "carekit: 1\n" + "".join(parts)

    _seeded(make, EXAMPLES["hostile"])


ODD_VALUES = (
    "[1, [2, [3]]]",
    "{a: {b: c}}",
    "!!binary aGk=",
    "2020-01-01",
    "2020-01-01T10:00:00Z",
    "~",
    "yes",
    ".nan",
    "-.inf",
    "!!str",
    "!custom {a: 1}",
    "&x [1]",
    "*undefined",
    "'\t'",
    '"\\u0000\\x1b[31m\\ud800"',
    "|\n  line one\n\n  \tline two",
    ">-\n  folded\n  text",
    "[]",
    "{}",
    "''",
    "? complex\n  : key",
    "{<<: {a: 1}}",
    "9" * 5_000,
    "[" + "9" * 5_000 + "]",
)


def test_odd_types_in_every_top_level_key():
    def make(rnd: random.Random) -> str:
        odd = {rnd.choice(list(DRAFT.fields)): rnd.choice(ODD_VALUES) for _ in range(3)}
        lines = [f"{k}: {_dump(v)}" for k, v in COMPLETE_DATA.items() if k not in odd]
        lines += [f"{key}: " + value.replace("\n", "\n  ") for key, value in odd.items()]
        return "\n".join(lines) + "\n"

    _seeded(make, EXAMPLES["odd_types"])


INSERTS = ("- - - x", "? ? x", "\t- x", "---", "...", "%YAML 1.1", "<<: *nope", "&a", "]", "- x:")


def test_line_mutations_of_a_complete_draft():
    lines = COMPLETE.splitlines()

    def make(rnd: random.Random) -> str:
        mutated = list(lines)
        for _ in range(rnd.randint(1, 4)):
            at, indent = rnd.randrange(len(mutated) + 1), " " * rnd.randint(0, 6)
            kind = rnd.randint(0, 3)
            if kind == 0:
                mutated.insert(at, indent + rnd.choice(INSERTS))
            elif kind == 1 and mutated:
                del mutated[at % len(mutated)]
            elif kind == 2 and mutated:
                mutated.insert(at, mutated[at % len(mutated)])
            elif mutated:
                mutated[at % len(mutated)] = indent + mutated[at % len(mutated)]
        return "\n".join(mutated) + "\n"

    _seeded(make, EXAMPLES["mutations"])


def test_the_fuzz_covers_ten_thousand_drafts():
    assert sum(EXAMPLES.values()) >= 10_000


def test_a_title_with_a_line_break_in_the_text_report():
    loaded = load_text('carekit: 1\ntitle: "A\\nB - a case report"\n', FOLDER / "draft.yaml")
    report = check_loaded(loaded, CHECKLIST)
    get_reporter("text")([report], CHECKLIST, io.StringIO(), {})


@pytest.mark.parametrize("key", ("journal", "bibliography"))
def test_file_names_longer_than_the_file_system_allows(key):
    _run(f"carekit: 1\n{key}: {'9' * 5_000}\n")


# -- the real CLI, on the worst of them ---------------------------------------------

CLI_DRAFTS = {
    "chain.yaml": "keywords:\n" + "- " * 30_000 + "x\n",
    "keys.yaml": "? " * 30_000 + "x\n",
    "mixed.yaml": "- ? " * 15_000 + "x\n",
    "flow.yaml": "keywords: " + "[" * 50_000 + "]" * 50_000 + "\n",
    "aliased.yaml": _aliases(1_000_000, 2_000, "keywords"),
    "cycle.yaml": _aliases(1, 1, "cycle"),
    "laughs.yaml": _nesting("aliases", 150, ["- "]),
    "number.yaml": NUMBER_SITES[0].format(n="9" * 5_000),
    "age.yaml": NUMBER_SITES[1].format(n="9" * 5_000),
    "controls.yaml": 'title: "\\x1b]0;owned\\x07\\x1b[2J A - case report"\n',
}


@pytest.mark.parametrize("command", ["json", "github", "sarif", "text", "fmt", "render"])
def test_hostile_drafts_through_the_cli(tmp_path, command):
    for name, text in CLI_DRAFTS.items():
        (tmp_path / name).write_text("carekit: 1\n" + text, encoding="utf-8")
    drafts = [str(tmp_path / name) for name in CLI_DRAFTS]
    if command == "fmt":
        run = carekit("fmt", "--check", *drafts)
    elif command == "render":
        run = carekit("render", "--to", "md", "-o", str(tmp_path / "out"), *drafts)
    else:
        run = carekit("check", "--format", command, *drafts)
    assert run.code in (EXIT_OK, EXIT_FINDINGS, EXIT_USAGE), run.err
    assert "internal error" not in run.err and "Traceback" not in run.err, run.err
    if command in ("json", "text"):
        assert run.code == EXIT_USAGE  # the refused drafts make the run unusable input
        assert "nests more than 100 levels" in run.out
