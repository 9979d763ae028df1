"""The in-memory draft: validated values plus where each came from in the YAML file."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from pathlib import Path as FilePath

from carekit.draft.schema import Path
from carekit.span import START, FieldLocator, Span, line_index

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from carekit.draft.typed import Report


class Draft:
    """A loaded draft. `data` holds only values that passed the format's validation;
    `spans` and `key_spans` say where each value and key is written; `texts` lists every
    text field in file order. `model` is the same draft as typed objects with the derived
    facts; rules and the renderer read it rather than string paths into `data`."""

    def __init__(
        self,
        file: FilePath,
        source: str,
        data: dict[str, Any],
        spans: dict[Path, Span],
        key_spans: dict[Path, Span],
        texts: list[tuple[Path, str]],
    ) -> None:
        self.file, self.source, self.data = file, source, data
        self.spans, self.key_spans, self.texts = spans, key_spans, texts

    @property
    def folder(self) -> FilePath:
        return self.file.parent

    @cached_property
    def model(self) -> Report:
        """The typed draft, built once on first use."""
        from carekit.draft.node import build
        from carekit.draft.typed import Report

        return build(Report, self.data, (), self.spans)

    @cached_property
    def word_counts(self) -> dict[str, int]:
        """Words per main-text section, in CARE order, counted once for every reader."""
        from carekit.draft.wordcount import count_sections

        return count_sections(self)

    def get(self, *path: str | int, default: Any = None) -> Any:
        """The validated value at `path` (keys and list indexes), or `default`. carekit's
        own code reads `model` instead; this stays for tests and scripts."""
        value: Any = self.data
        if "" in path:  # draft.get("title", "") would look up a key named ""
            raise TypeError("Draft.get takes the default as a keyword: default=...")
        for part in path:
            if isinstance(part, int):
                if not isinstance(value, list) or not -len(value) <= part < len(value):
                    return default
            elif not isinstance(value, dict) or part not in value:
                return default
            value = value[part]
        return value

    def written(self, *path: str | int) -> bool:
        """True when the key was written in the file. A written key missing from `data` had
        an invalid value, which a schema finding already reports."""
        return path in self.key_spans

    def span(self, *path: str | int) -> Span:
        """Where the value at `path` is, or the nearest enclosing key that exists."""
        while path:
            if path in self.spans:
                return self.spans[path]
            path = path[:-1]
        return START

    def key_span(self, *path: str | int) -> Span:
        """Where the key of `path` is written; for a missing key, its nearest parent's key."""
        while path:
            if path in self.key_spans:
                return self.key_spans[path]
            path = path[:-1]
        return START

    def locate(self, path: Path, needle: str, nth: int = 0) -> Span:
        """The exact span of the `nth` occurrence of `needle` inside the text at `path`,
        searched in the source (so it works for every YAML style that keeps the text
        literally); the whole value's span when it cannot be found. For many hits in one
        text, `locator` finds them all in linear time."""
        return FieldLocator(line_index(self.source), self.span(*path), "").find(needle, nth)

    def locator(self, path: Path, text: str) -> FieldLocator:
        """Finds hits of `text` (the value at `path`) by their offsets, in text order."""
        return FieldLocator(line_index(self.source), self.span(*path), text)

    def prose(self) -> Iterator[tuple[Path, str]]:
        """Every text field with its path, in file order."""
        yield from self.texts
