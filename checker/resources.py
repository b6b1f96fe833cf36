"""Where the bundled rule pack and migrations are, in a checkout and in an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _data_dir(name: str) -> Path:
    # Installed wheel: force-included under checker/_data/; checkout or editable install: repo root.
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def rules_dir() -> Path:
    """The default rule pack (``rules/``)."""
    return _data_dir("rules")


def migrations_dir() -> Path:
    """The Alembic environment and versions (``db/``)."""
    return _data_dir("db")
