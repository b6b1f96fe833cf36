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


def _rows(engine) -> dict[str, list[tuple[object, ...]]]:  # type: ignore[no-untyped-def]
    """Every stored row of the examples, with ids replaced by what they point at."""
    from checker.store.models import Document, NameKey, PassageBand

    with transaction(engine) as session:
        where = {a: (p, o) for a, p, o in session.execute(
            select(Article.id, Document.path, Article.ordinal).join(Document, Document.id == Article.document_id))}
        sentence = {i: (*where[a], o) for i, a, o in session.execute(select(Sentence.id, Sentence.article_id,
                                                                              Sentence.ordinal))}
        facts = []
        for f in session.scalars(select(Fact)):
            row = (where[f.article_id], sentence.get(f.sentence_id) if f.sentence_id else None, f.kind, f.text,
                   f.raw_start, f.raw_end, f.value, f.low, f.high, f.unit, f.qualifier, f.counted, f.subject,
                   f.attribute, f.time, f.key, f.extra)
            facts.append(row)
        # Named columns, not the model: the rows of a database downgraded to an older revision (which
        # lacks the columns added since) are compared too.
        articles = [(where[a.id], a.kind, a.headline, a.subheadline, a.byline, a.headline_runs, a.subheadline_runs,
                     a.raw_start, a.raw_end, a.char_count) for a in session.execute(select(
                         Article.id, Article.kind, Article.headline, Article.subheadline, Article.byline,
                         Article.headline_runs, Article.subheadline_runs, Article.raw_start, Article.raw_end,
                         Article.char_count))]
        sentences = [(sentence[s.id], s.paragraph, s.text, s.runs, s.raw_start, s.raw_end, s.text_hash)
                     for s in session.scalars(select(Sentence))]
        bands = [(b, sentence[s], where[a]) for b, s, a in session.execute(
            select(PassageBand.band, PassageBand.sentence_id, PassageBand.article_id))]
        name_keys = [tuple(r) for r in session.execute(select(NameKey.variant_key, NameKey.name))]
    out = {"articles": articles, "sentences": sentences, "facts": facts, "bands": bands, "name_keys": name_keys}
    return {name: sorted(rows, key=repr) for name, rows in out.items()}


def test_every_database_stores_the_same_rows(tmp_path: Path, db_url: str) -> None:
    # SQLite takes the encoded rows directly, PostgreSQL through SQLAlchemy with RETURNING:
    # both must store the same thing.
    from checker.service import open_engine

    files, _ = collect_files([EXAMPLES], keep_going=False)
    reference = fresh_engine(tmp_path, "reference.db")
    ingest_files(reference, files)
    other = open_engine(db_url)
    ingest_files(other, files, jobs=2)
    expected, got = _rows(reference), _rows(other)
    assert all(expected[name] for name in expected)  # the examples fill every table
    assert got == expected


def test_generic_insert_path_stores_the_same_rows(tmp_path: Path, db_url: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Databases other than SQLite and PostgreSQL with psycopg 3 get the rows through SQLAlchemy
    # (INSERT ... RETURNING): that path must store what the fast paths store.
    from checker.service import open_engine
    from checker.store import ingest

    files, _ = collect_files([EXAMPLES], keep_going=False)
    reference = fresh_engine(tmp_path, "reference.db")
    ingest_files(reference, files)
    monkeypatch.setattr(ingest, "_writer", lambda session: ingest._write_returning)
    other = open_engine(db_url)
    ingest_files(other, files)
    assert _rows(other) == _rows(reference)


def test_deleting_a_document_takes_its_bands_and_facts(db_url: str) -> None:
    # Bands and facts refer to their sentence without a foreign key (migration 0006): they
    # must still go with their article when a changed file replaces its document.
    from sqlalchemy import func, select

    from checker.service import open_engine
    from checker.store.models import Document, PassageBand

    engine = open_engine(db_url)
    files, _ = collect_files([EXAMPLES], keep_going=False)
    ingest_files(engine, files)
    with transaction(engine) as session:
        counts = [session.scalar(select(func.count()).select_from(m)) for m in (PassageBand, Fact, Sentence)]
        session.execute(Document.__table__.delete())
    with transaction(engine) as session:
        assert all(counts)
        assert [session.scalar(select(func.count()).select_from(m)) for m in (PassageBand, Fact, Sentence)] == [0] * 3


def test_a_bad_file_among_workers_stops_or_is_skipped_in_order(tmp_path: Path) -> None:
    # Workers take several files a task: a bad one must still end the run right there (or be
    # skipped with --keep-going), with every file before it stored and the order kept.
    from checker.service import task_size

    files, _ = collect_files([EXAMPLES], keep_going=False)
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip archive")
    many = [*files, *files[:1]] * 3  # more files than one chunk, repeats are "unchanged"
    run = [*many[:9], bad, *many[9:]]
    assert task_size(len(run), 2) > 1 and 9 % task_size(len(run), 2)  # the bad file shares a task
    stopped = ingest_files(fresh_engine(tmp_path, "stop.db"), run, jobs=2)
    assert [e.path for e in stopped.errors] == [str(bad)]
    assert [r.path for r in stopped.results] == [str(f.resolve()) for f in run[:9]]
    kept = ingest_files(fresh_engine(tmp_path, "keep.db"), run, jobs=2, keep_going=True)
    assert [e.path for e in kept.errors] == [str(bad)]
    assert [r.path for r in kept.results] == [str(f.resolve()) for f in run if f != bad]
