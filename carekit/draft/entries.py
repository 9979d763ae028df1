"""Kinds for draft entries whose values carekit uses beyond the text: ids that become
file names and link targets, and entries that must be complete to be used at all."""

from __future__ import annotations

from carekit.draft.schema import INVALID, Pattern


def complete(*keys: str):  # noqa: ANN202
    """A record check: a required value that was written but is unusable (reported where
    it is) leaves the whole entry out, so no rule sees an entry without it."""

    def check(value: dict) -> str | None:
        missing = [key for key in keys if key not in value]
        if missing:
            return f"This entry is left out until its `{missing[0]}` is fixed (see its finding)."
        return None

    return check


class Identifier(Pattern):
    """An id that becomes part of a file name (`figure-1-ID.png` in the submission pack)
    and of a link target in the HTML: safe characters only, so no id can name a path
    (`../`, `/`) or a hidden file. Every id that can be cited as [@fig:ID] fits."""

    def __init__(self, description: str) -> None:
        super().__init__(
            r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}",
            "an id (letters, digits, -, _ and .; at most 64, not starting with . or -)",
            "hand-xray (letters, digits, -, _ and . only: the id names the figure's file "
            "and its link)",
            description,
        )

    def convert(self, node, path, ctx, item):  # noqa: ANN001, ANN201 (as Kind.convert)
        value = super().convert(node, path, ctx, item)
        if value is not INVALID:
            ctx.texts.append((path, value))  # still read by the privacy rules, like text
        return value
