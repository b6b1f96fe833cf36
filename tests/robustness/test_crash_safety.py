"""``kill -9`` during ``checker ingest`` of many files leaves a consistent archive, and running
the same command again finishes the work: the final archive equals a clean run's."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.robustness.articles import write_articles
from tests.robustness.cli import checker_cmd, child_env, run_checker
from tests.robustness.db_checks import orphan_problems, per_document, totals

FILES = 200


def _snapshot(db: Path) -> tuple[list[str], dict[str, tuple[int, int, int]], dict[str, int]]:
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            tables = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars())
            if not tables:  # killed before the schema was created: an empty file is consistent
                return [], {}, {}
            if "documents" not in tables or "alembic_version" not in tables:
                return [f"half-created schema: {sorted(tables)}"], {}, {}
            return orphan_problems(conn), per_document(conn), totals(conn)
    finally:
        engine.dispose()


def _stored(db: Path) -> int:
    """Documents committed so far (0 before the schema exists); read while the writer runs."""
    engine = create_engine(f"sqlite:///{db}", connect_args={"timeout": 5})
    try:
        with engine.connect() as conn:
            if not conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'documents'")).scalar_one():
                return 0
            return int(conn.execute(text("SELECT count(*) FROM documents")).scalar_one())
    except Exception:  # the file may be mid-creation; try again on the next poll
        return 0
    finally:
        engine.dispose()


def _kill_when(args: list[str], db: Path, cwd: Path, stored_at_least: int | None, delay: float = 0.0) -> int:
    """Start ``checker ARGS``; SIGKILL its process group once ``stored_at_least`` documents are
    committed (or after ``delay`` s when None). Returns the documents stored before the kill."""
    proc = subprocess.Popen(
        checker_cmd(*args), cwd=cwd, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.monotonic() + 120
    try:
        if stored_at_least is None:
            time.sleep(delay)
        else:
            while proc.poll() is None and time.monotonic() < deadline and _stored(db) < stored_at_least:
                time.sleep(0.005)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert proc.stderr is not None
        proc.stderr.close()
    return _stored(db)


@pytest.mark.slow
def test_kill_9_during_ingest_then_rerun(tmp_path: Path) -> None:
    inputs = tmp_path / "articles"
    write_articles(inputs, FILES)

    clean_db = tmp_path / "clean" / "archive.db"
    clean = run_checker(["ingest", inputs, "--db", f"sqlite:///{clean_db}"], cwd=tmp_path, limit_memory=False)
    assert clean.returncode == 0, clean.stderr
    clean_problems, clean_docs, clean_totals = _snapshot(clean_db)
    assert not clean_problems and len(clean_docs) == FILES

    db = tmp_path / "crash" / "archive.db"
    # Small transactions, so that kills land between commits of a 200-file run.
    args = ["ingest", str(inputs), "--db", f"sqlite:///{db}", "--batch", "8"]
    interrupted: list[int] = []
    # First kill lands during start-up (schema creation), the others while documents are written.
    plans: list[tuple[int | None, float]] = [(None, 0.9), (1, 0.0), (60, 0.0), (140, 0.0)]
    for threshold, delay in plans:
        stored = _kill_when(args, db, tmp_path, threshold, delay)
        if not db.exists():
            continue
        problems, docs, _ = _snapshot(db)
        assert not problems, f"after kill at {threshold}: {problems}"
        # No half document: every stored document has exactly the rows a clean run gives it.
        half = {p: (got, clean_docs.get(p)) for p, got in docs.items() if clean_docs.get(p) != got}
        assert not half, f"after kill at {threshold}: {list(half.items())[:5]}"
        interrupted.append(stored)
    assert any(0 < n < FILES for n in interrupted), f"no kill landed mid-ingest: {interrupted}"

    rerun = run_checker(args, cwd=tmp_path, limit_memory=False)
    assert rerun.returncode == 0, rerun.stderr
    problems, docs, final_totals = _snapshot(db)
    assert not problems
    assert docs == clean_docs
    assert final_totals == clean_totals
