"""Bulk loads: a large ingest into SQLite leaves the archive's random-order index work to its end.

Storing a document adds rows to five B-trees keyed by values that are random with respect
to the order documents arrive: passage bands by band value, the name lexicon, sentence
hashes, fact keys and (kind, text) of named facts.  Once an archive holds tens of thousands
of files nearly every such row lands on a page of its own, and every commit writes all those
pages again: storing 3,000 documents into a 100,000-file archive wrote 8.8 GB and cost 6.6 ms
a document, against 1.8 ms without the five (measured).

So when one ingest brings at least :data:`BULK_MIN_FILES` files and at least a quarter of
what the archive holds (an initial import, a re-import), it *begins* a bulk load: the four
secondary indexes are dropped (the bands' table itself is keyed by article, so new bands are
appended to it), and lexicon pairs go to the staging table ``staged_name_keys``, which only
grows at its end.  When the ingest *finishes* (also after a bad file or an error), the staged
pairs are merged, sorted, into the lexicon and the indexes are built again in one pass each,
in one transaction.

Every document is still committed whole; what waits for the end is only the index work.
Until then checks do not see the load's names, and its bands, hashes and keys are found only
by reading whole tables, so a load that was killed is finished by the next ingest or check of
the same database before it stores anything (:func:`finish_unfinished`); one still running
elsewhere is left alone (:func:`running`).  PostgreSQL never bulk-loads: there each row is
one COPY line and the server's indexes are the server's business.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, Index, func, select, text

from checker.store.models import Base, Document

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

# Below this many files the indexes are small enough to keep up with: ingesting 1,000 files
# took 7.2-7.5 s as a bulk load against 6.5-6.9 s without (its end: 0.6 s), 10,000 files
# 72.5 s against 73.9 s; 100,000 files 792 s against 934 s (the benchmark before bulk loads).
# The end of a bulk load (lexicon merge, four CREATE INDEX, commit) took 7.3 s after 20,000 files;
# its steps measured on a 100,000-file load add up to 30-45 s (with the cache and threads below).
BULK_MIN_FILES = 10_000
# ... and the run must add at least a quarter of what is stored: rebuilding indexes over
# the whole archive must not cost more than maintaining them would have.
BULK_MIN_SHARE = 4

DEFERRED_INDEXES = ("ix_passage_bands_band", "ix_sentences_text_hash", "ix_facts_key", "ix_facts_kind_text_article")

# Sorted, so the lexicon's B-tree is written in one pass; pairs it holds already are skipped.
_MERGE_NAME_KEYS = (
    "INSERT OR IGNORE INTO name_keys (variant_key, name) "
    "SELECT variant_key, name FROM staged_name_keys ORDER BY variant_key, name"
)
_STAGED_ROWS = "SELECT EXISTS (SELECT 1 FROM staged_name_keys)"
# The page cache while the end sorts and builds indexes.  Not a large one: SQLite's sorter sizes
# its in-memory runs by it, and one huge run sorts slower than merged 64 MiB ones; the commit
# then also writes out fewer pages at once (100,000-file snapshot, the same steps: 61.0 s with
# 1 GiB, 46.5 s with 64 MiB; the band index alone 24.6 -> 13.2 s).
FINISH_CACHE_KIB = 64 * 1024
# Helper threads for those sorts: the workers are done by then, so the other cores are idle
# (same snapshot, 2 cores: 42.6 / 41.4 s without, 27.1 / 33.3 s with two).
FINISH_SORT_THREADS = min(4, os.cpu_count() or 1)


def _model_index(name: str) -> Index:
    """The models' definition of index ``name``, to drop and create it from."""
    (index,) = [i for table in Base.metadata.tables.values() for i in table.indexes if i.name == name]
    return index


def supported(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def wanted(engine: Engine, files: int) -> bool:
    """Whether an ingest of ``files`` files should be a bulk load (see the module's text)."""
    if not supported(engine) or files < BULK_MIN_FILES:
        return False
    with engine.connect() as connection:
        stored = connection.scalar(select(func.count()).select_from(Document.__table__)) or 0
    return files * BULK_MIN_SHARE >= stored


def begin(engine: Engine) -> None:
    """Drop the deferred indexes (in their own committed transaction)."""
    with engine.begin() as connection:
        for name in DEFERRED_INDEXES:
            _model_index(name).drop(connection, checkfirst=True)


def unfinished(engine: Engine) -> bool:
    """A bulk load has not finished: an index is missing or staged rows wait."""
    if not supported(engine):
        return False
    with engine.connect() as connection:
        present = set(connection.scalars(text("SELECT name FROM sqlite_master WHERE type = 'index'")))
        if not present.issuperset(DEFERRED_INDEXES):
            return True
        return bool(connection.scalar(text(_STAGED_ROWS)))


def finish(engine: Engine) -> None:
    """Merge the staged pairs into the lexicon and build the missing indexes; one transaction."""
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA cache_size=-{FINISH_CACHE_KIB}")
        connection.exec_driver_sql(f"PRAGMA threads={FINISH_SORT_THREADS}")
        connection.exec_driver_sql(_MERGE_NAME_KEYS)
        connection.exec_driver_sql("DELETE FROM staged_name_keys")
        for name in DEFERRED_INDEXES:
            _model_index(name).create(connection, checkfirst=True)


def _lock_path(engine: Engine) -> Path | None:
    database = engine.url.database
    if not supported(engine) or not database or database == ":memory:":
        return None
    return Path(f"{database}-bulk.lock")


@contextmanager
def running(engine: Engine) -> Iterator[None]:
    """Held by a bulk load for its whole run: a shared lock on ``<database>-bulk.lock``.

    Other processes then leave its staged rows and missing indexes alone instead of
    finishing it for it, which would hold the write lock for a minute or two and make the
    load's next commit wait.  The operating system releases the lock of a killed process.
    Where there is no ``fcntl`` (Windows) nothing is locked, and finishing early is only slower.
    """
    path = _lock_path(engine)
    if path is None or fcntl is None:
        yield
        return
    with path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_SH)  # bulk loads may run side by side
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def loading(engine: Engine, on_finishing: Callable[[], None] | None = None) -> Iterator[None]:
    """A bulk load around the storing of its documents: :func:`running` held, :func:`begin`
    first, and ``on_finishing()`` and :func:`finish` however the storing ends."""
    with running(engine):
        begin(engine)
        try:
            yield
        finally:
            if on_finishing:
                on_finishing()
            finish(engine)


def _running_elsewhere(engine: Engine) -> bool:
    """Whether a live process holds :func:`running` for this database."""
    path = _lock_path(engine)
    if path is None or fcntl is None or not path.exists():
        return False
    with path.open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(lock, fcntl.LOCK_UN)
        return False


def finish_unfinished(engine: Engine) -> bool:
    """Finish a bulk load an earlier process left (killed before its end); True if there was one.

    A bulk load still running in another process is left to finish by itself.
    """
    if not unfinished(engine) or _running_elsewhere(engine):
        return False
    finish(engine)
    return True

