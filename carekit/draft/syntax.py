"""YAML syntax errors in plain words: name the real cause on the line (a tab, a colon
followed by a space inside unquoted text, a colon inside a one-line `{...}` entry) and show
the line rewritten, rather than the parser's own terms."""

from __future__ import annotations

import re

# Hints for the other YAML mistakes clinicians make most often.
_HINTS = {
    "scanning a quoted scalar": "A quotation mark is opened but never closed; close it.",
    "could not find expected ':'": "Each line needs `key: value`; is a colon missing?",
    "expected <block end>": "Check the indentation: entries at the same level must line up.",
    "expected '-' indicator": (
        "Check the indentation: the `- ` of every entry in a list must line up."
    ),
    "found unexpected ':'": (
        "A colon inside `{...}` needs a space after it (`key: value`); if the colon belongs "
        "to the text, put the text in double quotes."
    ),
    "found undefined alias": "An alias `*name` needs an anchor `&name` defined before it.",
    "expected a single document": "Keep one draft per file; remove the `---` separator.",
}
_GENERIC = "Check the line and the one above it for a missing colon, quote or indentation."
_INDENT_HINT = "This key is indented differently from the keys around it; line it up with them."
# `key: text`, `- key: text` or `- text`: where the text of a line starts.
_KEYED = re.compile(r"^(?P<lead>\s*(?:-\s+)?(?:(?P<key>[A-Za-z_][\w-]*):\s+)?)(?P<text>.*)$")
_FLOW_PAIR = re.compile(r"(?P<key>[A-Za-z_][\w-]*):\s+(?P<text>[^,{}\[\]]*:\s[^,{}\[\]]*)")


def _quoted(text: str) -> str:
    return '"' + text.strip().replace("\\", "\\\\").replace('"', '\\"') + '"'


def _tab(line_no: int, line: str) -> tuple[str, str]:
    where = "starts with" if line.lstrip(" ").startswith("\t") else "contains"
    return (
        f"Line {line_no} {where} a tab character, which YAML does not allow for "
        "indentation (it indents with spaces only).",
        "Replace the tab with spaces (most editors can show tabs and convert them to spaces).",
    )


def _colon_in_text(line_no: int, line: str) -> tuple[str, str]:
    """A colon and a space inside unquoted text: YAML reads a second key there."""
    found = _KEYED.match(line)
    key, text = (found["key"], found["text"]) if found else (None, line.strip())
    named = f"the text after `{key}:`" if key else "the text"
    message = (
        f"On line {line_no}, {named} contains a colon followed by a space (`: `), which YAML "
        "reads as the start of another key."
    )
    if key and text and not text.startswith(("'", '"', "|", ">")):
        fix = f"Put the whole text in double quotes: {key}: {_quoted(text)}"
    else:
        fix = (
            "Put the whole text in double quotes, or write it as a block (`key: |` and the "
            'text indented on the lines below), e.g. title: "Calcinosis cutis: a case report".'
        )
    return message, fix


def _colon_in_flow(line_no: int, line: str) -> tuple[str, str] | None:
    """A colon and a space inside a value of a one-line `{...}` entry."""
    found = _FLOW_PAIR.search(line[line.find("{") :])
    if not found:
        return None
    return (
        f"On line {line_no}, the value of `{found['key']}` inside this one-line `{{...}}` "
        "entry contains a colon followed by a space (`: `), which YAML reads as another key.",
        f"Put the value in double quotes: {found['key']}: {_quoted(found['text'])}",
    )


def _continued_text(line: str, column: int) -> bool:
    """True when YAML stopped at a colon that follows words, not a key name: the colon is
    inside text running on from the line above (keys are single words)."""
    before = line[:column].strip().removeprefix("- ").strip()
    return bool(before) and not re.fullmatch(r"[A-Za-z_][\w-]*", before)


def explain(problem: str, lines: list[str], line_no: int, column: int) -> tuple[str, str]:
    """(message, fix) for a syntax error the parser reported at `line_no`, `column` (1-based)."""
    line = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
    if "\t" in line[:column] or ("tab" in problem and "\t" in line):
        return _tab(line_no, line)
    if "\t" in line and "cannot start any token" in problem:
        return _tab(line_no, line)
    if "flow mapping" in problem and "{" in line:
        flow = _colon_in_flow(line_no, line)
        if flow:
            return flow
    if "mapping values are not allowed" in problem:
        if column - 1 == line.find(":") and not _continued_text(line, column - 1):
            return f"The YAML cannot be read here: {problem}.", _INDENT_HINT
        if column - 1 == line.find(":"):  # text running on from the line above
            return (
                f"On line {line_no}, a colon followed by a space (`: `) inside text that "
                "runs on from the line above makes YAML read a new key.",
                "Write the text as a block: put `|` after its key and indent the text on "
                "the lines below it, or put the whole text in double quotes.",
            )
        return _colon_in_text(line_no, line)
    fix = next((hint for key, hint in _HINTS.items() if key in problem), _GENERIC)
    return f"The YAML cannot be read here: {problem}.", fix
