"""Bounds on the work an SVG figure can ask of a renderer, checked before it is drawn.

A 2 kB SVG whose groups `<use>` groups of `<use>`s (the "billion laughs" of SVG) asks
WeasyPrint and CairoSVG to draw a billion shapes, which takes them minutes or hours. The
file is read once with expat, the standard library's parser, which never fetches: an SVG
may keep a plain `<!DOCTYPE svg ...>` line (illustration programs write one), but not an
internal DTD subset or entity declarations. Each element then costs 1 plus its children
plus everything it references (`href="#id"`, `url(#id)`); the total, with every
reference expanded, must stay under a budget far above any real figure.
"""

from __future__ import annotations

import re
from xml.parsers import expat

MAX_IMAGE_BYTES = 20 * 1024 * 1024  # a figure file larger than this is refused outright
MAX_ELEMENTS = 50_000  # elements written in the file
MAX_DRAWN = 100_000  # elements drawn once every reference is expanded
MAX_DEPTH = 256  # nesting of elements, and of references followed
_REF_RE = re.compile(r"url\(\s*['\"]?#([^)'\"\s]+)")
_HREFS = ("href", "http://www.w3.org/1999/xlink href")


class _Refused(Exception):
    pass


def svg_problem(data: bytes) -> str | None:
    """Why this SVG would be too costly or unsafe to draw, in plain words; None if fine."""
    parents: list[int] = []  # element index -> parent index (-1 for the root)
    refs: list[list[str]] = []  # element index -> ids it references
    ids: dict[str, int] = {}
    stack: list[int] = []

    parser = expat.ParserCreate(namespace_separator=" ")

    def start(name: str, attrs: dict[str, str]) -> None:
        index = len(parents)
        if index >= MAX_ELEMENTS:
            raise _Refused(f"it has more than {MAX_ELEMENTS:,} elements")
        if len(stack) >= MAX_DEPTH:
            raise _Refused(f"its elements are nested more than {MAX_DEPTH} deep")
        parents.append(stack[-1] if stack else -1)
        found = []
        for key, value in attrs.items():
            if key in _HREFS and value.startswith("#"):
                found.append(value[1:])
            elif "url(" in value:
                found.extend(_REF_RE.findall(value))
        refs.append(found)
        if "id" in attrs:
            ids.setdefault(attrs["id"], index)
        stack.append(index)

    def end(name: str) -> None:
        stack.pop()

    def text(content: str) -> None:  # CSS in <style> may reference too: url(#pattern)
        if stack and "url(" in content:
            refs[stack[-1]].extend(_REF_RE.findall(content))

    def doctype(name: str, sysid: str | None, pubid: str | None, internal: int) -> None:
        if internal:
            raise _Refused("it declares its own DTD (a <!DOCTYPE ... [ ... ]> block)")

    def entity(*args: object) -> None:
        raise _Refused("it declares XML entities (<!ENTITY ...>)")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        return str(refused)
    except expat.ExpatError as error:
        return f"it is not well-formed XML ({expat.ErrorString(error.code)}, line {error.lineno})"
    if not parents:
        return "it has no elements"
    return _expansion_problem(parents, refs, ids)


def _expansion_problem(
    parents: list[int], refs: list[list[str]], ids: dict[str, int]
) -> str | None:
    """The cost of drawing the root with every reference expanded, computed without
    recursion (children before parents; references resolved through a depth-first walk
    that detects cycles)."""
    count = len(parents)
    children: list[list[int]] = [[] for _ in range(count)]
    for index, parent in enumerate(parents):
        if parent >= 0:
            children[parent].append(index)
    depends = [children[i] + [ids[r] for r in refs[i] if r in ids] for i in range(count)]
    cost: list[int | None] = [None] * count
    visiting = [False] * count
    limit = MAX_DRAWN + 1  # costs are capped here, so the numbers stay small
    for root in range(count):
        if cost[root] is not None:
            continue
        walk = [(root, 0)]
        visiting[root] = True
        while walk:
            node, position = walk[-1]
            if position < len(depends[node]):
                walk[-1] = (node, position + 1)
                nxt = depends[node][position]
                if cost[nxt] is not None:
                    continue
                if visiting[nxt]:
                    return "an element refers back to itself through <use> or url(#...)"
                if len(walk) >= 2 * MAX_DEPTH:
                    return f"its references are chained more than {MAX_DEPTH} deep"
                visiting[nxt] = True
                walk.append((nxt, 0))
                continue
            walk.pop()
            visiting[node] = False
            cost[node] = min(limit, 1 + sum(cost[d] or 0 for d in depends[node]))
    drawn = cost[0] or 0
    if drawn > MAX_DRAWN:
        return (
            f"with its <use> and url(#...) references expanded it draws more than "
            f"{MAX_DRAWN:,} elements"
        )
    return None
