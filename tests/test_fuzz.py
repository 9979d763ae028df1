"""Property-based fuzzing: random structures and random text through check and render.

Nothing may raise, and no rule may fail ("internal-error"). Bounded (and derandomised,
so CI runs the same cases every time) to keep the suite to a few minutes.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from carekit.checklist import load_checklist
from carekit.draft.format import DRAFT
from carekit.draft.loader import load_text
from carekit.engine import check_loaded
from carekit.render.assets import Assets
from carekit.render.html import markdown_to_html
from carekit.render.pipeline import build_markdown
from carekit.render.templating import Templates, template_folder
from carekit.rules.coverage import COMPLETE

CHECKLIST = load_checklist()
TEMPLATES = Templates(template_folder("default"))
FOLDER = Path(__file__).resolve().parent / "fixtures" / "fuzz"
SETTINGS = settings(
    max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

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
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=60),
)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=25,
)


def _run(text: str) -> None:
    """Check, and render what can be rendered; fail on any exception or rule crash."""
    loaded = load_text(text, FOLDER / "draft.yaml")
    report = check_loaded(loaded, CHECKLIST)
    assert not [f for f in report.findings if f.rule == "internal-error"], report.findings
    if loaded.draft is not None:
        manuscript = build_markdown(loaded.draft, TEMPLATES, FOLDER, "draft")
        assets = Assets(FOLDER, FOLDER, manuscript.generated, manuscript.refused)
        try:
            markdown_to_html(manuscript.markdown, assets)
        except Exception as error:  # only the refusal of a path the draft names is allowed
            assert type(error).__name__ == "RenderError", error


@SETTINGS
@given(st.dictionaries(KEYS, TREES, max_size=8))
def test_random_structures(tree):
    _run("carekit: 1\n" + json.dumps(tree))


@SETTINGS
@given(st.lists(st.text(max_size=200), min_size=1, max_size=12), st.randoms())
def test_random_text_in_every_field(texts, random):
    draft = YAML(typ="safe").load(COMPLETE)

    def replace(node):
        if isinstance(node, dict):
            return {k: replace(v) for k, v in node.items()}
        if isinstance(node, list):
            return [replace(v) for v in node]
        if isinstance(node, str) and random.random() < 0.5:
            return random.choice(texts)
        return node

    _run(json.dumps(replace(draft)))


@SETTINGS
@given(st.text(max_size=400))
def test_random_text_as_the_whole_file(text):
    _run(text)
