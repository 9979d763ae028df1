"""The application layer: settings resolved once per draft, and one function per job.

Every command (check, render, checklist, submit, watch, config) goes through here, so
they all apply the same configuration, journal, template and checklist. The submodules
import nothing heavy at import time: `carekit check` stays fast. The submission jobs
(checklist, submit) live in carekit.app.submission, imported by the commands that run them.
"""

from __future__ import annotations

from carekit.app.jobs import (
    Counts,
    RenderJob,
    check,
    check_loaded,
    counts,
    load_with,
    preview,
    start_render,
    verdict,
)
from carekit.app.settings import Flags, Setting, Settings, check_flags, resolve_settings

__all__ = [
    "Counts",
    "Flags",
    "RenderJob",
    "Setting",
    "Settings",
    "check",
    "check_flags",
    "check_loaded",
    "counts",
    "load_with",
    "preview",
    "resolve_settings",
    "start_render",
    "verdict",
]
