"""Which CARE item each key of the draft format reports, read from the one place that
says so: the checklist's `satisfied_by` lists (checklists/care-2013.yaml), keyed by the
items' stable keys, never by their display numbers.

The loader uses it to give format problems their item (a wrong `patient.age` makes the
demographics item "partly" reported); `carekit schema --format markdown` prints it in the
README's reference table. A key listed under several items belongs to the first; a group
of keys (`consent`, `patient.history`) belongs to an item when every key under it that
the checklist lists reports that one item.
"""

from __future__ import annotations

from collections.abc import Iterable

from carekit.draft.schema import Kind

DEFAULT_CHECKLIST = "care-2013"


def bundled_paths(name: str = DEFAULT_CHECKLIST) -> dict[str, list[str]]:
    """`satisfied_by` pattern -> the stable keys of the items listing it, in checklist order,
    from the bundled checklist's plain data (no validation: this runs while the format
    itself is being defined, and tests/test_checklist_source.py checks the file)."""
    from carekit.io.yamldata import load_data
    from carekit.resources import data_dir

    data = load_data(data_dir("checklists") / f"{name}.yaml", "checklist") or {}
    return paths_of(
        (str(entry.get("key")), [str(p) for p in entry.get("satisfied_by") or ()])
        for entry in data.get("items") or ()
        if isinstance(entry, dict)
    )


def paths_of(items: Iterable[tuple[str, list[str]]]) -> dict[str, list[str]]:
    """Pattern -> item keys, from (item key, its `satisfied_by`) pairs."""
    out: dict[str, list[str]] = {}
    for key, patterns in items:
        for pattern in patterns:
            out.setdefault(pattern, [])
            if key not in out[pattern]:
                out[pattern].append(key)
    return out


def item_of(suffix: str, paths: dict[str, list[str]], below: dict[str, set[str]]) -> str | None:
    """The item a key (a children() suffix such as `.patient.age`) reports, or None."""
    pattern = suffix.lstrip(".")
    if pattern in paths:
        return paths[pattern][0]
    ancestor = pattern
    while "." in ancestor or ancestor.endswith("[]"):  # a key under a listed key: its item
        ancestor = ancestor[:-2] if ancestor.endswith("[]") else ancestor.rsplit(".", 1)[0]
        if ancestor in paths:
            return paths[ancestor][0]
    keys = below.get(pattern, ())
    return next(iter(keys)) if len(keys) == 1 else None


def _below(paths: dict[str, list[str]]) -> dict[str, set[str]]:
    """Group path (`patient.history`, `interventions`) -> the items of the keys under it."""
    out: dict[str, set[str]] = {}
    for pattern, keys in paths.items():
        parts = pattern.split(".")
        for end in range(1, len(parts)):
            group = ".".join(parts[:end])
            for name in {group, group.removesuffix("[]")}:
                out.setdefault(name, set()).update(keys)
    return out


def annotate(root: Kind, paths: dict[str, list[str]] | None = None) -> None:
    """Set `care` on every kind in the tree below `root` from `paths` (default: the bundled
    checklist). A kind shared by two places that report different items gets none."""
    paths = bundled_paths() if paths is None else paths
    below = _below(paths)
    found: dict[int, tuple[Kind, set[str | None]]] = {}
    for suffix, kind in root.children():
        found.setdefault(id(kind), (kind, set()))[1].add(item_of(suffix, paths, below))
    for kind, items in found.values():
        kind.care = items.pop() if len(items) == 1 else None
