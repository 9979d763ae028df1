"""Figures exist, sit inside the draft's folder, have unique ids and are cited."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from carekit.check.rules import Rule, RuleContext, register, repeats
from carekit.check.rules.text import citations
from carekit.draft.files import RASTER, OutsideFolder, inside_folder
from carekit.draft.model import Draft
from carekit.findings import Finding, Severity

_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'


def _raster_too_large(path: Path) -> str | None:
    if path.suffix.lower() not in RASTER:
        return None
    from carekit.privacy.images import too_large  # not loaded for a draft of SVGs

    return too_large(path)


def _svg_problem(path: Path) -> str | None:
    """Why the renderer would refuse this SVG (too costly or unsafe to draw), if it would."""
    from carekit.io.svgcheck import MAX_IMAGE_BYTES, svg_problem

    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            return None  # the renderer says so by size
        return svg_problem(path.read_bytes())
    except OSError:
        return None


@register
class FigureFile(Rule):
    """Each figure's `file` must be an existing file inside the draft's folder (or a
    subfolder). Paths that leave the folder, absolute paths and URLs are refused, so a
    draft can never make carekit read or fetch anything else."""

    id = "figure-file"
    summary = "Every figure file exists inside the draft's folder."
    files = {"figures/hand.svg": _SVG}
    passing = """\
carekit: 1
introduction: The swelling is shown in [@fig:hand].
figures: [{id: hand, file: figures/hand.svg, caption: Stand-in illustration.}]
"""
    failing = """\
carekit: 1
introduction: The swelling is shown in [@fig:hand] and [@fig:xray].
figures:
  - {id: hand, file: figures/hnad.svg, caption: Stand-in illustration.}
  - {id: xray, file: ../../etc/passwd, caption: Not a figure.}
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        for figure in draft.model.figures:
            try:
                path = inside_folder(draft.folder, figure.file)
                if path.suffix.lower() == ".svg":
                    if problem := _svg_problem(path):
                        raise OutsideFolder(f"{figure.file} cannot be drawn safely: {problem}")
                elif size := _raster_too_large(path):
                    raise OutsideFolder(f"{figure.file} is {size}")
            except OutsideFolder as problem:
                drawn = "cannot be drawn safely" in str(problem)
                yield self.finding(
                    f"The file of figure {figure.id!r} cannot be used: {problem}.",
                    figure.span_of("file"),
                    "Export the figure again (as PNG, or as a plain SVG) from the program "
                    "that made it."
                    if drawn
                    else "Put the image in the draft's folder (or a subfolder such as figures/) "
                    "and give its path relative to the draft.",
                    excerpt=figure.file,
                )


@register
class FigureDuplicateId(Rule):
    """Figure ids must be unique, or a [@fig:id] cross-reference is ambiguous."""

    id = "figure-duplicate-id"
    summary = "Figure ids are unique."
    files = {"a.svg": _SVG, "b.svg": _SVG}
    passing = """\
carekit: 1
introduction: See [@fig:a] and [@fig:b].
figures: [{id: a, file: a.svg}, {id: b, file: b.svg}]
"""
    failing = """\
carekit: 1
introduction: See [@fig:a].
figures: [{id: a, file: a.svg}, {id: a, file: b.svg}]
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        figures = draft.model.figures
        for i, first in repeats(f.id for f in figures):
            yield self.finding(
                f"Figure {i + 1} has the id {figures[i].id!r}, like figure {first + 1}.",
                figures[i].span_of("id"),
                "Give each figure its own id.",
            )


@register
class FigureUncited(Rule):
    """Journals number figures in the order the text first cites them; a figure that the
    text never cites has no place in that order."""

    id = "figure-uncited"
    severity = Severity.WARNING
    summary = "Every figure is cited in the text as [@fig:id]."
    files = {"hand.svg": _SVG}
    passing = """\
carekit: 1
clinical_findings: The back of the left hand was swollen [@fig:hand].
figures: [{id: hand, file: hand.svg}]
"""
    failing = """\
carekit: 1
clinical_findings: The back of the left hand was swollen.
figures: [{id: hand, file: hand.svg}]
"""

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        cited = {c.key for c in citations(draft)}
        for figure in draft.model.figures:
            if f"fig:{figure.id}" not in cited:
                yield self.finding(
                    f"Figure {figure.id!r} is never cited in the text.",
                    figure.span_of("id"),
                    f"Cite it where the text describes it, with [@fig:{figure.id}].",
                )
