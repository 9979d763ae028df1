"""The shortcuts that keep `carekit check` fast answer exactly as the long way does.

Each shortcut (arguments read without argparse, one table of YAML tags per document, a
regular-expression cache per subcommand) is compared here with what it replaces, on
inputs chosen to catch a difference: abbreviations, repeated and misplaced options,
`%YAML 1.1` directives and every implicit tag.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os

import pytest
from ruamel.yaml import YAML

from carekit.cli import build_parser
from carekit.commands.check import parse_plain
from carekit.io.yamlguard import compose
from conftest import ROOT, carekit

DRAFT = ROOT / "examples" / "seed-000-calcinosis-infant" / "draft.yaml"

WORDS = [
    "a.yaml", "b.yml", "", "--strict", "--word-counts", "--only-drafts", "--format", "-f",
    "json", "sarif", "bad", "--format=json", "--select", "x,y", "--select=", "--ignore",
    "--checklist", "care", "--journal", "jmcr", "--journal=", "-", "--", "-h", "--form",
    "--str", "-fjson", "-f=json", "-x", "--help",
]  # fmt: skip


def _argparse(arguments: list[str]) -> dict | None:
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            return vars(build_parser("check").parse_args(["check", *arguments]))
    except SystemExit:
        return None


def test_plain_arguments_parse_as_argparse_parses_them():
    """Every sequence of up to three words: the shortcut either declines (argparse then
    answers) or gives exactly argparse's result; it never accepts what argparse refuses."""
    taken = 0
    for length in range(4):
        for arguments in itertools.product(WORDS, repeat=length):
            mine = parse_plain(list(arguments))
            if mine is None:
                continue
            taken += 1
            assert vars(mine) == _argparse(list(arguments)), arguments
    assert taken > 500  # the shortcut does cover the ordinary spellings


@pytest.mark.parametrize(
    "arguments",
    [
        ["--form", "json", str(DRAFT)],  # an abbreviation argparse accepts
        ["-fjson", str(DRAFT)],
        ["--", str(DRAFT)],
        [str(DRAFT), "--strict", str(DRAFT)],  # argparse refuses paths after an option
        ["--format", "nonsense", str(DRAFT)],
    ],
)
def test_unusual_arguments_get_argparse_answer(arguments):
    """Spellings the shortcut leaves to argparse behave as before through the real CLI."""
    assert parse_plain(arguments) is None
    result = carekit("check", *arguments)
    if _argparse(arguments) is None:
        assert result.code == 2
        assert "usage:" in result.err
    else:
        assert result.code in (0, 1)
        assert "CARE" in result.out


YAML_TEXTS = [
    # Every implicit resolver of YAML 1.2 and the 1.1 spellings it no longer reads.
    "a: yes\nb: No\nc: on\nd: true\ne: FALSE\nf: ~\ng: null\nh:\ni: 0o17\nj: 017\n"
    "k: 0x1F\nl: 1_000\nm: 1.5e3\nn: .inf\no: -.Inf\np: .nan\nq: 2021-03-04\n"
    "r: 2021-03-04T05:06:07Z\ns: 1:20\nt: '12'\nu: !!str 12\nv: =\nw: <<\nx: [1, 2.0, x]\n",
    "%YAML 1.1\n---\na: yes\nb: 0o17\nc: 017\nd: 1:20\ne: on\n",
    "%YAML 1.2\n---\n- yes\n- 0b101\n- 12:30:00\n- {x: &a 1, y: *a}\n",
    "base: &b {k: 1}\nderived:\n  <<: *b\n  j: 2\n",
]


def _tree(node) -> list:
    out, stack = [], [node]
    while stack:
        item = stack.pop()
        start, end = item.start_mark, item.end_mark
        value = item.value if isinstance(item.value, str) else None
        out.append((type(item).__name__, str(item.tag), start.line, start.column, end.line,
                    end.column, getattr(item, "style", None), value))  # fmt: skip
        if isinstance(item.value, list):
            for child in item.value:
                stack.extend(child if isinstance(child, tuple) else (child,))
    return out


@pytest.mark.parametrize("text", [*YAML_TEXTS, DRAFT.read_text(encoding="utf-8")])
def test_yaml_tags_are_those_of_the_stock_resolver(text):
    """carekit's parser keeps one tag table per document; every node, tag and position
    is what ruamel's own C parser gives."""
    stock = YAML(typ="safe", pure=False).compose(text)
    assert _tree(compose(text)) == _tree(stock)


def test_a_check_keeps_its_patterns_apart_from_a_render(tmp_path):
    """The check's compiled patterns go to a file of their own, so a render's many
    patterns never make every check unmarshal them; the report is the same either way."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    first = carekit("check", "-f", "json", str(DRAFT), env=env)
    names = sorted(p.name.split("-")[1] for p in (tmp_path / "carekit").glob("regexcode-*"))
    assert names == ["check"]
    again = carekit("check", "-f", "json", str(DRAFT), env=env)
    assert again.out == first.out
