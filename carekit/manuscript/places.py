"""Where a piece of a manuscript came from, said the way its author can find it: the
heading path and paragraph number in Word and Markdown, the element's path in JATS."""

from __future__ import annotations


class Places:
    """Follows the headings while the blocks are read, and names each block's place."""

    def __init__(self, jats: bool) -> None:
        self.jats = jats
        self.headings: list[tuple[int, str]] = []
        self.sections: list[int] = []  # JATS: the sec[n] index at each level
        self.counts: dict[str, int] = {}
        self._numbered: dict[tuple[int, ...], int] = {}  # sections seen under each parent

    def heading(self, level: int, text: str) -> None:
        self.headings = [(lv, t) for lv, t in self.headings if lv < level] + [(level, text)]
        parent = tuple(self.sections[: len(self.headings) - 1])
        self._numbered[parent] = self._numbered.get(parent, 0) + 1
        self.sections = [*parent, self._numbered[parent]]
        self.counts = {}

    def block(self, element: str = "p") -> str:
        """The place of the next block of this kind (p, table-wrap, fig, list)."""
        self.counts[element] = self.counts.get(element, 0) + 1
        if self.jats:
            path = "".join(f"/sec[{n}]" for n in self.sections)
            return f"/article/body{path}/{element}[{self.counts[element]}]"
        blocks = sum(self.counts.values())
        trail = " > ".join(text for _level, text in self.headings) or "start"
        return f"{trail}, paragraph {blocks}"

    @property
    def trail(self) -> str:
        return " > ".join(text for _level, text in self.headings)
