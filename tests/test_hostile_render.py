"""Hostile inputs to the renderer: each is an attack that once crashed, hung or fetched.

Work is bounded by limits (an SVG's <use> fan-out, a bibliography's size), so the tests
assert the limit's message, never a duration.
"""

from __future__ import annotations

from pathlib import Path

from conftest import carekit


def _folder(tmp_path: Path, draft: str, files: dict[str, str | bytes] | None = None) -> Path:
    folder = tmp_path / "case"
    folder.mkdir()
    for name, content in (files or {}).items():
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            (folder / name).write_text(content, encoding="utf-8")
    path = folder / "draft.yaml"
    path.write_text("carekit: 1\ntitle: A hostile case report\n" + draft, encoding="utf-8")
    return path


# --- timeline anchors: a long chain is followed without recursion ---------------------


def test_a_thousand_chained_anchors_render(tmp_path):
    # Each entry counts from the next one, so placing the first walks the whole chain.
    lines = [f"  - {{id: e{i}, at: 1 day before e{i + 1}, event: step {i}}}" for i in range(1500)]
    lines.append("  - {id: e1500, at: day 0, event: presentation}")
    draft = _folder(tmp_path, "timeline:\n" + "\n".join(lines) + "\n")
    run = carekit("render", str(draft), "--to", "md")
    assert run.code == 0, run.err
    markdown = (draft.parent / "draft.md").read_text(encoding="utf-8")
    assert "step 0" in markdown and "step 1499" in markdown
    assert carekit("fmt", "--check", str(draft)).code in (0, 1)


def test_an_anchor_cycle_is_reported_not_followed(tmp_path):
    draft = _folder(
        tmp_path,
        "timeline:\n"
        "  - {id: a, at: 1 day after b, event: first}\n"
        "  - {id: b, at: 1 day after a, event: second}\n"
        "  - {id: c, at: day 0, event: presentation}\n",
    )
    run = carekit("render", str(draft), "--to", "md")
    assert run.code == 0, run.err
    assert "presentation" in (draft.parent / "draft.md").read_text(encoding="utf-8")
