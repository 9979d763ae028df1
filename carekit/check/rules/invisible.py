"""Invisible text: characters a reader cannot see (Trojan Source).

Zero-width spaces and joiners, bidirectional overrides and isolates, soft hyphens and
control characters change nothing on the screen, or change the order in which a line is
shown, while the file says something else. Pasted from a web page they are harmless
noise; placed on purpose they hide a patient's name from the privacy checks
("Jo<U+200B>hn") or make a reviewer read a line that is not what was written.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from carekit.check.rules import Rule, RuleContext, register
from carekit.draft.model import Draft
from carekit.findings import Finding, Severity
from carekit.invisible import BIDI, UNSEEN_RE, name
from carekit.span import Span, line_index

# Raw in a YAML file these are line breaks (CR of CRLF, NEL, U+2028/9), not hidden text.
_LINE_BREAKS = frozenset("\r\x85\u2028\u2029\x0b\x0c\x1c\x1d\x1e")
_REORDERING = BIDI - {"\u200e", "\u200f", "\u061c"}  # overrides, embeddings, isolates
_MAX_LISTED = 5


def _serious(chars: list[str]) -> bool:
    """Direction overrides and control characters deceive; a stray zero-width space is
    more often pasted than planted."""
    return any(ch in _REORDERING or ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in chars)


def _any_between(lines: list[int], low: int, high: int) -> bool:
    """Whether the sorted `lines` hold one from `low` to `high` (bisection: a draft with
    thousands of such lines and fields must not be checked pair by pair)."""
    at = bisect_left(lines, low)
    return at < len(lines) and lines[at] <= high


def _names(chars: list[str]) -> str:
    distinct = list(dict.fromkeys(chars))
    listed = ", ".join(name(ch) for ch in distinct[:_MAX_LISTED])
    return listed + (
        f" and {len(distinct) - _MAX_LISTED} more" if len(distinct) > _MAX_LISTED else ""
    )


@register
class InvisibleText(Rule):
    """Invisible characters in the draft: zero-width spaces and joiners (U+200B-U+200D,
    U+2060, U+FEFF inside the text), bidirectional overrides and isolates (U+202A-U+202E,
    U+2066-U+2069), soft hyphens and other format or control characters. They hide text
    from readers and from the privacy checks, or make a line display in another order
    than it is written (Trojan Source). Each line that holds them is reported with the
    exact column; direction overrides and control characters are errors, other invisible
    characters warnings. The privacy checks read the text without them in any case."""

    id = "invisible-text"
    severity = Severity.ERROR
    summary = "No invisible or direction-changing characters (Trojan Source) in the draft."
    passing = "carekit: 1\nclinical_findings: A rash on the left arm faded in two weeks.\n"
    failing = (  # escapes, so `carekit explain` does not print the characters themselves
        'carekit: 1\nclinical_findings: "A rash on the left\\u200b arm faded in \\u202etwo '
        'weeks."\n'
    )

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        index = line_index(draft.source)
        by_line: dict[int, list[tuple[int, str]]] = {}
        for match in UNSEEN_RE.finditer(draft.source):
            char = match[0]
            if char in _LINE_BREAKS or (char == "\ufeff" and match.start() == 0):
                continue  # a line break, or the byte-order mark that may open a file
            line, column = index.position(match.start())
            by_line.setdefault(line, []).append((column, char))
        for line, found in by_line.items():
            yield self._raw(line, found)
        lines = sorted(by_line)
        # Escapes in double-quoted text (`"\u200b"`) are visible in the file but put the
        # character into the manuscript; report the fields holding one not reported above.
        for path, text in draft.prose():
            hidden = [ch for ch in UNSEEN_RE.findall(text) if ch not in _LINE_BREAKS]
            span = draft.span(*path)
            if hidden and not _any_between(lines, span.line, span.end_line):
                yield self.finding(
                    f"The text of `{'.'.join(map(str, path))}` contains invisible characters "
                    f"written as escapes: {_names(hidden)}. They reach the manuscript, where "
                    "no reader can see them.",
                    span,
                    "Delete the backslash escapes (such as `\\u200b`) from the text.",
                    severity=Severity.ERROR if _serious(hidden) else Severity.WARNING,
                )

    def _raw(self, line: int, found: list[tuple[int, str]]) -> Finding:
        chars = [char for _, char in found]
        columns = ", ".join(str(column) for column, _ in found[:_MAX_LISTED])
        more = f" (and {len(found) - _MAX_LISTED} more)" if len(found) > _MAX_LISTED else ""
        if any(char in _REORDERING for char in chars):
            effect = (
                "changes the order in which the line is displayed, so what a reader sees is "
                "not what is written (Trojan Source)"
            )
        else:
            effect = "cannot be seen, and hides words and numbers from the privacy checks"
        first, last = found[0][0], found[-1][0]
        return self.finding(
            f"Line {line} holds {len(found)} invisible character"
            f"{'' if len(found) == 1 else 's'} at column {columns}{more}: {_names(chars)}. "
            f"Such a character {effect}.",
            Span(line, first, line, last + 1),
            f"Delete the invisible characters on line {line} (carekit shows them as "
            "\\u escapes; in most editors, put the cursor at the column shown and press "
            "Delete), then retype the words around them if unsure.",
            severity=Severity.ERROR if _serious(chars) else Severity.WARNING,
        )
