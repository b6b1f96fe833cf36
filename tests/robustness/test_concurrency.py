"""Writers at once on one database: no "database is locked", no lost write (SQLite and PostgreSQL).

tests/test_postgres_concurrency.py already runs two ingests of *separate* folders beside an
in-process reviewer on synthetic ids.  This test adds what it leaves out: the two CLI
processes overlap (both ingest the same files, one of them also re-checks them, which
rewrites their findings), and the reviewer is a third *process* deciding on real findings.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from checker.service import check_files, open_engine
from checker.store.models import Document, Review
from checker.store.session import transaction
from tests.robustness.articles import write_articles
from tests.robustness.cli import checker_cmd, child_env
from tests.robustness.db_checks import orphan_problems

SHARED, OWN = 16, 10


@pytest.mark.slow
def test_two_cli_writers_and_a_review_process(db_url: str, tmp_path: Path) -> None:
    shared = write_articles(tmp_path / "shared", SHARED, seed=1)
    write_articles(tmp_path / "only-a", OWN, seed=2)
    write_articles(tmp_path / "only-b", OWN, seed=3)
    engine = open_engine(db_url)
    first = check_files(engine, shared[: SHARED // 2])
    finding_ids = sorted({f.row.id for f in first.findings})
    assert finding_ids, "the generated articles should give findings to review"

    stop = tmp_path / "stop"
    commands: list[list[str | Path]] = [
        ["ingest", tmp_path / "shared", tmp_path / "only-a"],
        ["check", tmp_path / "shared", tmp_path / "only-b", "--format", "json"],
    ]
    writers = [
        subprocess.Popen(checker_cmd(*args, "--db", db_url), cwd=tmp_path, env=child_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for args in commands
    ]
    reviewer = subprocess.Popen(
        [sys.executable, "-m", "tests.robustness.reviewer", db_url, str(stop), *finding_ids[:8]],
        cwd=tmp_path, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    outputs = [w.communicate(timeout=300) for w in writers]
    stop.touch()
    review_out, review_err = reviewer.communicate(timeout=120)

    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert "locked" not in err and "Traceback" not in err, err[-3000:]
        assert writer.returncode in (0, 1), err[-3000:]  # `check` exits 1 when it finds problems
    assert reviewer.returncode == 0 and "locked" not in review_err, review_err[-3000:]
    decided: dict[str, int] = json.loads(review_out)

    with transaction(engine) as session:
        paths = set(session.scalars(select(Document.path)))
        expected = {str(p.resolve()) for d in ("shared", "only-a", "only-b") for p in (tmp_path / d).iterdir()}
        assert paths == expected
        # Every decision the reviewer made is there, numbered without a gap.
        assert session.scalar(select(func.count()).select_from(Review)) == sum(decided.values())
        for finding_id, count in decided.items():
            seqs = list(session.scalars(select(Review.seq).where(Review.finding_id == finding_id).order_by(Review.seq)))
            assert seqs == list(range(1, count + 1)), finding_id
        assert not orphan_problems(session.connection())


def test_same_new_file_stored_by_two_sessions_at_once(db_url: str, tmp_path: Path) -> None:
    """The second writer of a path waits for the first and then finds it unchanged, no IntegrityError
    (PostgreSQL: both look-ups miss, the second insert hits the unique path once the first commits)."""
    import threading

    from checker.pipeline import prepare_file
    from checker.store.ingest import store_document
    from checker.store.session import make_sessionmaker

    engine = open_engine(db_url)
    (path,) = write_articles(tmp_path / "one", 1, seed=4)
    prepared = prepare_file(path)
    first = make_sessionmaker(engine)()
    first.begin()
    assert store_document(first, prepared).status == "new"
    outcome: list[object] = []

    def second() -> None:
        session = make_sessionmaker(engine)()
        try:
            with session.begin():
                outcome.append(store_document(session, prepared).status)
        except Exception as exc:  # reported below
            outcome.append(exc)
        finally:
            session.close()

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(0.5)  # the second writer is now waiting on the first (row lock or BEGIN IMMEDIATE)
    first.commit()
    first.close()
    thread.join(60)
    assert outcome == ["unchanged"]
