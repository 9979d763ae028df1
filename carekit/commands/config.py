"""`carekit config`: the effective configuration for a draft, and where each value is from."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "config",
        help="print the effective configuration and where each value comes from",
        description="Print the configuration that applies to a draft (or to the current "
        "folder): each setting, its value, and whether it comes from a flag, the draft, a "
        "configuration file (.carekit.yaml or [tool.carekit] in pyproject.toml) or the "
        "default.",
    )
    parser.add_argument("path", nargs="?", help="a draft or a folder (default: here)")
    parser.add_argument("--journal", help="as `carekit check --journal` would set it")
    parser.set_defaults(run=run)


def _show(value: object) -> str:
    if isinstance(value, (set, frozenset)):
        return ", ".join(sorted(value)) or "(none)"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_show(v)}" for k, v in value.items()) or "(none)"
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "(none)"
    return "(none)" if value is None else str(value)


def run(args: argparse.Namespace) -> int:
    from carekit.app import Flags, load_with, resolve_settings

    path = Path(args.path) if args.path else None
    flags = Flags(journal=args.journal)
    if path is not None and path.is_file():
        _, settings = load_with(path, flags)  # the draft's own `journal:` takes part
    else:
        settings = resolve_settings(path, flags)
    print(f"configuration file: {settings.file or '(none found)'}")
    shown = settings.shown()
    width = max(len(key) for key, _ in shown)
    for key, setting in shown:
        value = "(all rules)" if key == "select" and not setting.value else _show(setting.value)
        print(f"{key:<{width}}  {value:<30}  ({setting.source})")
    return 0
