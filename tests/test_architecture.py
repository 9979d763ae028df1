"""The layout shows the flow, and a test keeps it so.

Every `import` and `from ... import` in carekit counts, wherever it is written: at the top,
inside a function (a lazy import), under `if TYPE_CHECKING:`. A lazy import still ties two
modules together; it only delays the cost.

Rules:

1. No import cycles between modules. A package's `__init__` importing its own submodules
   is a package loading its parts (the rule registry, the reporters' dispatch, the app's
   public names) and is not counted; everything else is.
2. Dependencies point one way: cli -> commands -> app -> check / render -> journals, draft,
   io. In detail:
   - nothing below the application (check, render, draft, journals, privacy, io, config)
     imports carekit.app, carekit.commands or carekit.cli;
   - carekit.check never imports carekit.render (the checker never loads the renderer);
   - carekit.render never imports carekit.check.engine, carekit.check.rules or
     carekit.check.reporters: the app passes the check's statuses to the checklist form
     (render may read carekit.check.checklist and carekit.check.statuses, the data);
   - the rules never import the engine, the reporters or the app: the engine loads them;
   - carekit.draft (loading, the model) imports neither check nor render.
3. No module over 400 lines and no function over 60 lines.

The KNOWN sets below hold exceptions while a change is under way (none now); a test fails
when one is no longer needed. Do not add to them lightly: split the code.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "carekit"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

KNOWN_BIG_MODULES: set[str] = set()
KNOWN_LONG_FUNCTIONS: set[str] = set()
KNOWN_LAYER_BREAKS: set[tuple[str, str]] = set()


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _owner(name: str) -> str | None:
    """The carekit module `name` lives in (a module, or the package a name comes from)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path) -> set[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str | None] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {_owner(alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from .x import y
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:  # `from pkg import submodule` imports the submodule
                found.add(_owner(f"{base}.{alias.name}") or _owner(base))
    return {name for name in found if name and name != module}


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def _edges_for_cycles() -> dict[str, set[str]]:
    return {
        module: {d for d in deps if not d.startswith(module + ".")}  # a package's own parts
        for module, deps in GRAPH.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def test_the_graph_sees_lazy_imports():
    """The walk finds imports inside functions (the test would pass vacuously otherwise)."""
    assert "carekit.check.engine" in GRAPH["carekit.app.jobs"]  # imported inside a function
    assert "carekit.render.pipeline" in GRAPH["carekit.app.jobs"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles():
    assert _cycles(_edges_for_cycles()) == []


def _breaks(importer: str, forbidden: tuple[str, ...]) -> list[tuple[str, str]]:
    return sorted(
        (module, dep)
        for module, deps in GRAPH.items()
        if module == importer or module.startswith(importer + ".")
        for dep in deps
        if any(dep == f or dep.startswith(f + ".") for f in forbidden)
        and (module, dep) not in KNOWN_LAYER_BREAKS
    )


LAYERS = {
    # importer: what it may never import
    **{
        lower: ("carekit.app", "carekit.commands", "carekit.cli")
        for lower in (
            "carekit.check",
            "carekit.render",
            "carekit.draft",
            "carekit.journals",
            "carekit.privacy",
            "carekit.io",
            "carekit.config",
            "carekit.manuscript",
        )
    },
    "carekit.lsp": ("carekit.cli",),  # a command of its own: it may reuse other commands
    "carekit.app": ("carekit.commands", "carekit.cli"),
    "carekit.commands": ("carekit.cli",),
}
ONE_WAY = {
    "carekit.check": ("carekit.render",),
    "carekit.render": (
        "carekit.check.engine",
        "carekit.check.rules",
        "carekit.check.reporters",
    ),
    "carekit.check.rules": ("carekit.check.engine", "carekit.check.reporters"),
    "carekit.draft": ("carekit.check", "carekit.render"),
    # Reading a manuscript is the draft's side: it never runs the rules.
    "carekit.manuscript": ("carekit.check",),
}


def test_dependencies_point_one_way():
    found = []
    for rules in (LAYERS, ONE_WAY):
        for importer, forbidden in rules.items():
            found += _breaks(importer, forbidden)
    assert found == []


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_over_the_budget():
    big = {
        f"{path.relative_to(ROOT).as_posix()} ({_lines(path)} lines)"
        for path in MODULES.values()
        if _lines(path) > MAX_MODULE_LINES
        and path.relative_to(ROOT).as_posix() not in KNOWN_BIG_MODULES
    }
    assert big == set()


def test_no_function_over_the_budget():
    long = set()
    for path in MODULES.values():
        relative = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                name = f"{relative}:{node.name}"
                if length > MAX_FUNCTION_LINES and name not in KNOWN_LONG_FUNCTIONS:
                    long.add(f"{name} ({length} lines)")
    assert long == set()


def test_known_exceptions_are_still_needed():
    """An exception whose code was fixed is deleted here, so the budget cannot slip back."""
    for name in KNOWN_BIG_MODULES:
        assert _lines(ROOT / name) > MAX_MODULE_LINES, f"{name} fits now: drop it from KNOWN"
    for importer, dep in KNOWN_LAYER_BREAKS:
        assert dep in GRAPH[importer], f"{importer} no longer imports {dep}: drop it"
