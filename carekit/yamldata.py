"""Read carekit's own data files (checklists, word lists) quickly.

ruamel.yaml's constructor is pure Python and costs ~10 ms on the checklist; composing the
node tree with the C parser and converting it here takes a fraction of that, which
matters for `carekit check` in a pre-commit hook. Plain values only: mappings, lists,
text, whole numbers, yes/no and null.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, SequenceNode


def load_data(path: Path) -> Any:
    from carekit.draft.loader import compose

    node = compose(path.read_text(encoding="utf-8"))
    return None if node is None else _plain(node)


def _plain(node: Node) -> Any:
    if isinstance(node, MappingNode):
        return {str(key.value): _plain(value) for key, value in node.value}
    if isinstance(node, SequenceNode):
        return [_plain(item) for item in node.value]
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return None
    if tag == "int":
        return int(node.value)
    if tag == "bool":
        return node.value.lower() in ("true", "yes", "on")
    return node.value
