"""Helpers for tests: a fresh SQLite archive, checking texts written inside a test, and the
command line invoked in-process."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from typer.testing import CliRunner

from checker.cli import app
from checker.errors import CheckerError
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


class Run:
    """What one in-process command printed, and its exit code."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> Any:
        return json.loads(self.out)


def cli(*args: str, env: dict[str, str] | None = None) -> Run:
    """Invoke like ``checker.cli.main``: a CheckerError is exit code 2."""
    result = CliRunner().invoke(app, list(args), env=env)
    code = result.exit_code
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        if not isinstance(result.exception, CheckerError):
            raise result.exception
        code = 2
    return Run(code, result.stdout, result.stderr)
