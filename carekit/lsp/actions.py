"""Code actions for the findings under the cursor: silence one with an inline suppression
(the README's `# carekit: disable=RULE`), say why a CARE item does not apply (a
`not_reported:` stub), and insert the skeleton of a missing section where the format puts
it (the block `carekit init` writes, placed where the finding's fix says).

Every edit is tried on the text before it is offered: a suppression that would change
what the draft says (a `#` inside a block of text is text, not a comment) is offered for
the whole file instead, and an edit after which the draft no longer loads is not offered."""

from __future__ import annotations

from functools import lru_cache

from lsprotocol import types

from carekit.check import suppressions
from carekit.findings import Finding
from carekit.lsp.diagnostics import Analysis, diagnostic, load_buffer
from carekit.lsp.outline import Entry, block_end, entries
from carekit.lsp.positions import Edit, Positions
from carekit.lsp.skeleton import skeleton_edit


def _action(
    title: str, edit: Edit, positions: Positions, uri: str, diag: types.Diagnostic
) -> types.CodeAction:
    text_edit = types.TextEdit(
        types.Range(positions.position(edit.start), positions.position(edit.end)), edit.text
    )
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag],
        edit=types.WorkspaceEdit(changes={uri: [text_edit]}),
    )


@lru_cache(maxsize=1)
def _rule_ids() -> frozenset[str]:
    from carekit.check.rules import all_rules

    return frozenset(all_rules())


def _same_draft(analysis: Analysis, edit: Edit) -> bool:
    """Whether the edited text says the same as before (a comment changed nothing)."""
    if analysis.loaded is None or analysis.loaded.draft is None:
        return False
    after = load_buffer(edit.applied(analysis.text), analysis.loaded.file)
    return after.draft is not None and after.draft.data == analysis.loaded.draft.data


def suppression(analysis: Analysis, positions: Positions, finding: Finding) -> tuple | None:
    """(title, edit) silencing the finding on its line, or in the whole file when a comment
    on its line would be part of a text."""
    if finding.rule not in _rule_ids():
        return None
    start = positions.index.offset(finding.span.line, 1)
    line = positions.position(start).line
    text = positions.line_text(line)
    line_start = positions.starts[line]
    existing = [s for s in suppressions.parse(text) if s.lines]
    if existing and finding.rule not in existing[0].rules:
        at = line_start + existing[0].span.end_column - 1
        edit = Edit(at, at, f",{finding.rule}")
    else:
        at = line_start + len(text)
        edit = Edit(at, at, f"  # carekit: disable={finding.rule}")
    if _same_draft(analysis, edit):
        return f"Silence {finding.rule} on this line", edit
    edit = Edit(0, 0, f"# carekit: disable-file={finding.rule}\n")
    return f"Silence {finding.rule} in the whole file (this line is text)", edit


def _not_reported_entry(lines: list[str]) -> Entry | None:
    return next((e for e in entries(lines) if e.path == ("not_reported",)), None)


def reason_stub(analysis: Analysis, positions: Positions, finding: Finding) -> tuple | None:
    """(title, edit) adding `ID: ` under `not_reported:` for the finding's CARE item: an
    empty reason, which the check then asks the author to write."""
    from carekit.check.checklist import load_checklist

    item = load_checklist(analysis.checklist).item(finding.item)
    if item is None or analysis.loaded is None or analysis.loaded.draft is None:
        return None
    lines = positions.lines()
    entry = _not_reported_entry(lines)
    title = f"Say why CARE {item.id} ({item.topic}) does not apply, under not_reported:"
    if entry is None:
        end = len(analysis.text)
        before = "" if analysis.text.endswith("\n") or not analysis.text else "\n"
        return title, Edit(end, end, f"{before}not_reported:\n  {item.id}: \n")
    line_start = positions.starts[entry.line]
    if entry.value.strip().startswith("{}"):  # `not_reported: {}`, as `carekit init` writes
        at = line_start + len(lines[entry.line]) - len(entry.value)
        brace = at + entry.value.index("{}")
        return title, Edit(at, brace + 2, f"\n  {item.id}: ")
    if not entry.opens_block:
        return None
    children = [e for e in entries(lines) if e.path[:-1] == ("not_reported",)]
    if any(e.key == item.id or e.key == item.key for e in children):
        return None
    column = children[0].column if children else entry.column + 2
    last = block_end(lines, entry)
    at = positions.starts[last] + len(lines[last])
    return title, Edit(at, at, "\n" + " " * column + f"{item.id}: ")


def _loads(analysis: Analysis, edit: Edit) -> bool:
    if analysis.loaded is None:
        return False
    return load_buffer(edit.applied(analysis.text), analysis.loaded.file).draft is not None


def code_actions(
    analysis: Analysis, uri: str, wanted: types.Range, encoding: str
) -> list[types.CodeAction]:
    """The fixes for the findings on the lines of `wanted`."""
    positions = Positions(analysis.text, encoding)
    actions: list[types.CodeAction] = []
    seen: set[str] = set()
    for finding in analysis.findings:
        diag = diagnostic(finding, positions)
        if not (wanted.start.line <= diag.range.start.line <= wanted.end.line):
            continue
        makers = (skeleton_edit, reason_stub, suppression)
        for make in makers:
            made = make(analysis, positions, finding)
            if made is None or made[0] in seen:
                continue
            title, edit = made
            if make is suppression or _loads(analysis, edit):
                seen.add(title)
                actions.append(_action(title, edit, positions, uri, diag))
    return actions
