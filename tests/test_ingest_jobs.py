"""Ingest with worker processes stores exactly what a single process stores."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from checker.service import collect_files, ingest_files
from checker.store.models import Article, Fact, Sentence
from checker.store.session import transaction
from tests.conftest import EXAMPLES
from tests.support import fresh_engine


def _counts(engine) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) for model in (Article, Sentence, Fact)
        )


def test_jobs_store_the_same_archive(tmp_path: Path) -> None:
    files, _ = collect_files([EXAMPLES], keep_going=False)
    assert len(files) >= 4  # the process pool is used from four files on
    single = fresh_engine(tmp_path, "one.db")
    ingest_files(single, files, jobs=1)
    pooled = fresh_engine(tmp_path, "two.db")
    summary = ingest_files(pooled, files, jobs=2)
    assert [r.path for r in summary.results] == [str(f.resolve()) for f in files]  # order kept
    assert _counts(pooled) == _counts(single)
