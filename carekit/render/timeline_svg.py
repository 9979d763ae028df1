"""The timeline as an SVG figure: events on a vertical time axis with relative labels.

Black and grey only, so it prints legibly in grey scale. Spacing follows time where the
entries can be placed on one axis, with a minimum gap so labels never overlap; a long gap
is drawn as a break in the axis.
"""

from __future__ import annotations

import re
import textwrap
from html import escape  # (xml.sax.saxutils would pull in urllib and http: 30 ms)

WIDTH = 640
LABEL_X = 150  # right edge of the time labels
AXIS_X = 170
TEXT_X = 190
LINE_HEIGHT = 16
MIN_GAP = 14  # between one event's last text line and the next event
MAX_STRETCH = 60  # the most vertical space one gap in time may take
WRAP = 58
FONT = "'Liberation Sans', 'DejaVu Sans', Arial, Helvetica, sans-serif"
_MARKUP_RE = re.compile(r"\s*\[@[^\]]*\]|[*_`#>]|\[|\]\([^)]*\)|\]")


def _plain(text: str) -> str:
    """Event text without Markdown marks or citations, for drawing."""
    return " ".join(re.sub(r"\(\s*\)", "", _MARKUP_RE.sub("", text)).split()).replace(" .", ".")


def timeline_svg(rows: list[dict], title: str = "Timeline of the case") -> str:
    """rows: dicts with `when`, `plain_event`, and `day` (None when not placeable)."""
    days = [row["day"] for row in rows if row.get("day") is not None]
    span = (max(days) - min(days)) if len(days) > 1 else 0.0
    scale = (MAX_STRETCH * max(len(rows) - 1, 1)) / span if span else 0.0

    y = 34.0
    items = []
    previous_day = None
    breaks = []
    for row in rows:
        lines = textwrap.wrap(_plain(row["plain_event"]), WRAP) or [""]
        if items:
            gap = MIN_GAP
            if row.get("day") is not None and previous_day is not None and scale:
                stretch = (row["day"] - previous_day) * scale
                if stretch > MAX_STRETCH:
                    breaks.append(y + (gap + MAX_STRETCH) / 2 - 6)
                gap += min(max(stretch, 0.0), MAX_STRETCH)
            y += gap
        items.append((y, row["when"].replace("\\", ""), lines))
        y += LINE_HEIGHT * len(lines)
        if row.get("day") is not None:
            previous_day = row["day"]
    height = int(y + 16)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="timeline-title">',
        f'<title id="timeline-title">{escape(title)}</title>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<g font-family="{escape(FONT)}" font-size="12" fill="#000000">',
        f'<line x1="{AXIS_X}" y1="20" x2="{AXIS_X}" y2="{height - 10}" stroke="#555555" '
        'stroke-width="2"/>',
    ]
    for top in breaks:  # a double slash across the axis marks compressed time
        for dy in (0, 6):
            out.append(
                f'<line x1="{AXIS_X - 7}" y1="{top + dy + 4:.1f}" x2="{AXIS_X + 7}" '
                f'y2="{top + dy - 2:.1f}" stroke="#555555" stroke-width="1.5"/>'
            )
    for top, when, lines in items:
        out.append(f'<circle cx="{AXIS_X}" cy="{top - 4:.1f}" r="5" fill="#000000"/>')
        out.append(
            f'<text x="{LABEL_X}" y="{top:.1f}" text-anchor="end" font-weight="bold">'
            f"{escape(when)}</text>"
        )
        for n, line in enumerate(lines):
            out.append(f'<text x="{TEXT_X}" y="{top + n * LINE_HEIGHT:.1f}">{escape(line)}</text>')
    out.append("</g></svg>")
    return "\n".join(out) + "\n"
