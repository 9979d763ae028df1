"""Find the data folders (checklists, templates) in a wheel or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache  # an installation's folders do not move while it runs
def data_dir(name: str) -> Path:
    """Return the folder `name`: inside the package when installed, else at the repo root."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"carekit's {name}/ folder is missing from this installation")
