"""Helpers for tests: a fresh SQLite archive, and checking texts written inside a test."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from sqlalchemy import Engine

from checker.service import CheckedFinding, check_files, ingest_files, open_engine
from checker.store.migrate import forget_ready
from checker.store.session import get_engine


def fresh_engine(tmp_path: Path, name: str = "test.db") -> Engine:
    """A new, migrated SQLite database under ``tmp_path``."""
    forget_ready()
    get_engine.cache_clear()
    return open_engine(f"sqlite:///{tmp_path / name}")


def write_files(tmp_path: Path, files: Mapping[str, str]) -> list[Path]:
    paths = []
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def check_texts(
    tmp_path: Path,
    files: Mapping[str, str],
    *,
    select: Iterable[str] | None = None,
    archive: Mapping[str, str] | None = None,
    engine: Engine | None = None,
    rules: Iterable[str] = (),
) -> list[CheckedFinding]:
    """Check ``files`` (name -> text), after ingesting ``archive`` (name -> text) first.

    Use ``select`` to look at one rule's findings, e.g. ``select={"DUP001"}``.
    """
    engine = engine or fresh_engine(tmp_path)
    if archive:
        ingest_files(engine, write_files(tmp_path / "archive", archive))
    paths = write_files(tmp_path / "new", files)
    result = check_files(engine, paths, select_codes=set(select) if select else None, rules=list(rules))
    return result.findings


def codes(findings: Iterable[CheckedFinding]) -> list[str]:
    return [f.row.rule for f in findings]


def texts(findings: Iterable[CheckedFinding], rule: str | None = None) -> list[str]:
    return [f.row.text for f in findings if rule is None or f.row.rule == rule]
