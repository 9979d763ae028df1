"""Commas that split a value inside a one-line `{...}` mapping.

In `{test: WBC, value: 4,400, unit: /uL}` YAML ends `value` at the comma and reads `400`
as a key of its own with no value; in `{name: Amoxicillin, dose, 500 mg}` the key `dose`
lost its colon. Either way the written value is not what the author meant, so the
split value and its stray keys are dropped with one finding that names the comma,
instead of a puzzling "`400` is not a key" (or, for a stray key carekit knows, nothing).

A stray key is a key written without a colon: its empty value starts exactly where the
key ends (`y:` gives a value that starts after the colon).
"""

from __future__ import annotations

from carekit.io.yamllib import MappingNode, Node, ScalarNode


def _stray(key: Node, value: Node) -> bool:
    return (
        isinstance(key, ScalarNode)
        and isinstance(value, ScalarNode)
        and value.tag.endswith(":null")
        and value.value == ""
        and value.start_mark.index == key.end_mark.index
    )


class Split:
    """One comma split: the pair whose value it cut (None when the mapping starts with a
    stray key) and the stray keys after it, as the indexes of the mapping's pairs."""

    def __init__(self, owner: int | None) -> None:
        self.owner = owner
        self.strays: list[int] = []

    def indexes(self) -> set[int]:
        return {*self.strays, *([] if self.owner is None else [self.owner])}


def comma_splits(node: Node) -> list[Split]:
    """The comma splits of a one-line (flow) mapping; none for a block mapping."""
    if not isinstance(node, MappingNode) or not node.flow_style:
        return []
    splits: list[Split] = []
    current: Split | None = None
    for index, (key, value) in enumerate(node.value):
        if _stray(key, value):
            if current is None:
                current = Split(index - 1 if index else None)
                splits.append(current)
            current.strays.append(index)
        else:
            current = None
    return splits


def _text(node: Node) -> str:
    return str(node.value) if isinstance(node, ScalarNode) else "..."


def describe(node: MappingNode, split: Split, known: set[str]) -> tuple[str, str]:
    """(message, fix) for one split, in the author's own words."""
    strays = [_text(node.value[i][0]) for i in split.strays]
    listed = " and ".join(f"`{s}`" for s in strays)
    became = "a key of its own" if len(strays) == 1 else "keys of their own"
    meant = [s for s in strays if s in known]
    colon = (
        f" If `{meant[0]}` was meant as a key, it needs a colon: `{meant[0]}: ...`."
        if meant
        else ""
    )
    if split.owner is None:
        return (
            f"In this one-line `{{...}}` entry, {listed} has no `key:` before it, so YAML "
            f"read it as {became} with no value (a comma separates entries inside "
            "`{...}`).",
            "Write `key: value`; for a list of words use square brackets, e.g. [fever, "
            f"cough].{colon}",
        )
    key, value = node.value[split.owner]
    whole = _text(value)
    for index in split.strays:  # each comma with the spaces the author put after it
        stray = node.value[index][0]
        previous = node.value[index - 1][1] if index - 1 != split.owner else value
        gap = max(stray.start_mark.index - previous.end_mark.index - 1, 0)
        whole += "," + " " * gap + _text(stray)
    return (
        f"In this one-line `{{...}}` entry, the comma after `{_text(value)}` ends the value "
        f"of `{_text(key)}`, so {listed} became {became}: a comma separates entries "
        "inside `{...}`.",
        f'Put the whole value in double quotes: `{_text(key)}: "{whole}"` (or write the '
        f"entry as `key: value` lines).{colon}",
    )
