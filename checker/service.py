"""The main jobs, without any terminal: ingest files, check articles, list what is stored.

The CLI and the review app call these; they own transactions (one per document
for ingest, one for a check run) and never print.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, func, or_, select, text
from sqlalchemy.orm import Session

from checker.checks.registry import checked_pack
from checker.checks.runner import run_checks
from checker.errors import InputError
from checker.model import RawDocument, SourceText, source_text
from checker.pipeline import (
    knowing,
    known_names,
    pack_fingerprint,
    prepare_document,
    prepare_file,
    use_known_names,
    warm_up,
)
from checker.read import iter_input_files
from checker.read.export import (
    DEFAULT_COLUMNS,
    EXPORT_FORMATS,
    ExportColumns,
    check_export,
    export_rows,
    is_export,
    row_path,
    stored_row,
)
from checker.rulepack import RulePack, load_pack
from checker.store import bulk
from checker.store.ingest import (
    EncodedDocument,
    IngestResult,
    document_path,
    encode_document,
    known_person_names,
    store_document,
    write_name_keys,
    write_pending_bigrams,
)
from checker.store.migrate import ensure_schema
from checker.store.models import Article, Document, Finding
from checker.store.reviews import NO_DECISION, ReviewState, states
from checker.store.session import get_engine, make_sessionmaker, transaction
from checker.text.segment import load_whole_dictionary, set_cache_dir

FileProgress = Callable[[str], None]
CheckProgress = Callable[[int, int], None]  # (articles compared, articles to compare)


@dataclass
class IngestSummary:
    results: list[IngestResult] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return len(self.results)

    @property
    def articles(self) -> int:
        return sum(r.articles for r in self.results)

    @property
    def characters(self) -> int:
        return sum(r.characters for r in self.results)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


@dataclass
class CheckedFinding:
    row: Finding
    review: ReviewState

    @property
    def status(self) -> str:
        """``resolved`` once a check stopped finding it, else its review status."""
        return "resolved" if self.row.resolved_at is not None else self.review.status


@dataclass
class CheckResult:
    ingest: IngestSummary
    article_ids: list[int]
    findings: list[CheckedFinding]
    articles: int = 0  # real articles checked (page furniture not counted)
    # The text of each document a finding is in, for excerpts (read before a --no-store run's rollback).
    sources: dict[str, SourceText] = field(default_factory=dict)


def open_engine(url: str, on_upgrade: Callable[[str, str | None], None] | None = None) -> Engine:
    """The database at ``url``, its schema upgraded to this version's (see :func:`ensure_schema`)."""
    engine = get_engine(url)
    ensure_schema(engine, on_upgrade)
    set_cache_dir(dictionary_cache_dir(engine))
    return engine


CACHE_DIR_ENV = "CHECKER_CACHE_DIR"


def dictionary_cache_dir(engine: Engine) -> Path | None:
    """Where jieba's dictionary files go (~18 MB, built once; they save ~1 s of every check).

    Next to an SQLite file.  For a server database (PostgreSQL), ``CHECKER_CACHE_DIR``, else
    the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``, then ``checker``).  None
    (the dictionary is then built in memory and nothing is written) for an in-memory SQLite
    database, when ``CHECKER_CACHE_DIR`` is set empty, or when the folder cannot be made.
    """
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        return Path(database).expanduser().resolve().parent if database and database != ":memory:" else None
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured is not None and not configured.strip():
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(configured or Path(base) / "checker").expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


Source = Path | RawDocument  # a file to read, or a row of an archive export already read
# (source, its default date, the extra folders of the run's rule pack): a worker loads the pack
# from its folders once (load_pack is cached), instead of unpickling a copy with every task.
Work = tuple[Source, date | None, tuple[str, ...]]


def _prepare_safely(args: Work) -> EncodedDocument | InputError:
    source, default_date, pack_dirs = args
    pack = load_pack(pack_dirs)
    try:
        prepared = prepare_file(source, default_date, pack) if isinstance(source, Path) else prepare_document(
            source, default_date, pack)
    except InputError as exc:
        return exc
    # Rows ready to insert, made where the document was prepared: less for the one writing
    # process to do, and far less to pickle from a worker.
    return encode_document(prepared)


def _prepare_chunk(chunk: Sequence[Work]) -> list[EncodedDocument | InputError]:
    return [_prepare_safely(item) for item in chunk]


PREPARE_WINDOW_PER_JOB = 16
# Files per task sent to a worker: one task per file cost the parent ~0.9 ms of CPU a file
# (pickling the task, waking the queue thread, a future per file) on two cores it shares.
PREPARE_CHUNK_FILES = 8
# From this many files on, jieba's whole dictionary (a ~1 s load) costs less than looking its
# words up one at a time (a few hundred new words a document, ~10 us each).
WHOLE_DICTIONARY_FILES = 256


def task_size(files: int, jobs: int) -> int:
    """Files per worker task: :data:`PREPARE_CHUNK_FILES`, fewer in small runs so that every
    worker gets a share."""
    return max(1, min(PREPARE_CHUNK_FILES, files // (jobs * 4)))


@dataclass
class _Plan:
    """What a run reads, in order: files, and the rows of its exports (read as a stream, once
    every export has been checked), with how many documents that makes."""

    files: list[Path]
    documents: int
    columns: ExportColumns = DEFAULT_COLUMNS

    def sources(self) -> Iterator[Source | InputError]:
        for path in self.files:
            if is_export(path):
                yield from export_rows(path, self.columns)
            else:
                yield path


def _plan(
    files: Sequence[Path], columns: ExportColumns, summary: IngestSummary, keep_going: bool
) -> _Plan:
    """Every export read once first, so that a bad row stops the run before anything of it is
    stored: the files before it are still read, unless ``keep_going`` (its good rows are then
    stored and each bad row reported as the stream reaches it)."""
    kept: list[Path] = []
    documents = 0
    for path in files:
        if not is_export(path):
            kept.append(path)
            documents += 1
            continue
        try:
            found = check_export(path, columns)
        except InputError as exc:
            summary.errors.append(exc)
            if keep_going:
                continue
            break
        if found.bad_rows and not keep_going:
            summary.errors.extend(found.bad)
            if found.bad_rows > len(found.bad):
                more = found.bad_rows - len(found.bad)
                summary.errors.append(InputError(str(path), f"另有 {more} 行无法读取 ({more} more bad rows)"))
            break
        kept.append(path)
        documents += found.rows
    return _Plan(kept, documents, columns)


def _chunks(items: Iterator[Work], size: int) -> Iterator[list[Work]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _prepared_stream(
    plan: _Plan, default_date: date | None, jobs: int, pack: RulePack
) -> Iterator[EncodedDocument | InputError]:
    dirs = pack_dirs(pack)

    def work() -> Iterator[Work]:
        for source in plan.sources():
            if isinstance(source, InputError):
                bad.append(source)
            else:
                yield (source, default_date, dirs)

    bad: list[InputError] = []  # bad rows of an export (keep_going), passed on in order

    def flushed(items: Iterable[EncodedDocument | InputError]) -> Iterator[EncodedDocument | InputError]:
        for item in items:
            while bad:
                yield bad.pop(0)
            yield item
        while bad:
            yield bad.pop(0)

    yield from flushed(_prepared(work(), plan.documents, jobs, pack))


def pack_dirs(pack: RulePack) -> tuple[str, ...]:
    """The folders ``pack`` was loaded from after the bundled one (``load_pack(pack_dirs(p))`` is ``p``)."""
    return tuple(str(d) for d in pack.sources[1:])


def _prepared(
    work: Iterator[Work], documents: int, jobs: int, pack: RulePack
) -> Iterator[EncodedDocument | InputError]:
    """Each item of ``work`` prepared and encoded, in order: in this process, or in ``jobs``
    worker processes when there are enough ``documents``."""
    forking = jobs > 1 and documents >= 4
    if forking or documents >= WHOLE_DICTIONARY_FILES:
        load_whole_dictionary()
    if not forking:
        yield from map(_prepare_safely, work)
        return
    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":
        # Forked workers inherit what the parent has loaded: load jieba's dictionary, the rule
        # pack and the compiled patterns once here instead of once in every worker.
        warm_up(pack)
    # A bounded window of tasks in flight, in order: Executor.map would submit every file at
    # once, and when storing is slower than preparing, finished documents pile up in memory
    # (5.7 GiB at 100,000 files).  The rows of an export are read as the window moves on.
    window = jobs * PREPARE_WINDOW_PER_JOB
    size = task_size(documents, jobs)
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=use_known_names, initargs=(known_names(),)
    ) as pool:
        pending: deque[Future[list[EncodedDocument | InputError]]] = deque()
        try:
            for chunk in _chunks(work, size):
                pending.append(pool.submit(_prepare_chunk, chunk))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:  # the stream was left early (a bad file): no more work
                future.cancel()


def _readable(
    plan: _Plan,
    default_date: date | None,
    jobs: int,
    summary: IngestSummary,
    keep_going: bool,
    on_file: FileProgress | None,
    pack: RulePack,
) -> Iterator[EncodedDocument]:
    """The prepared documents of ``plan``, as their rows; a bad file goes to
    ``summary.errors`` and ends the stream unless ``keep_going``."""
    for item in _prepared_stream(plan, default_date, jobs, pack):
        if not isinstance(item, InputError):
            yield item
            continue
        summary.errors.append(item)
        if on_file:
            on_file(item.path)
        if not keep_going:
            return


def ingest_files(
    engine: Engine,
    files: Sequence[Path],
    *,
    default_date: date | None = None,
    keep_going: bool = False,
    jobs: int = 1,
    on_file: FileProgress | None = None,
    batch_documents: int | None = None,
    bulk_load: bool | None = None,
    on_finishing: Callable[[], None] | None = None,
    columns: ExportColumns = DEFAULT_COLUMNS,
    pack: RulePack | None = None,
) -> IngestSummary:
    """Ingest ``files``, read with ``pack`` (the bundled pack when None); stops at the first
    bad file unless ``keep_going``.  A stored file read before with another pack is extracted
    again in place (status ``reextracted``).

    Each document is stored whole or not at all.  Consecutive documents share one
    transaction of at most ``batch_documents`` (default ``COMMIT_DOCUMENTS``) documents or
    ``COMMIT_SECONDS`` seconds (a commit costs milliseconds; per document it was most of
    the time), so another writer, such as a reviewer, waits at most about that long.

    A large run is a bulk load (``bulk_load=None``: decided by :func:`store.bulk.wanted`;
    SQLite only): its index work is done once at the end, after ``on_finishing()`` is
    called, whatever stopped the run.  A bulk load an earlier process left unfinished is
    finished first.

    An archive export (:mod:`checker.read.export`) is read twice, as a stream: once to check
    every row (a bad row stops the run before anything of the export is stored, unless
    ``keep_going``), then to store each row as a document; ``columns`` names its columns.
    """
    pack = pack if pack is not None else load_pack()
    summary = IngestSummary()
    plan = _plan(files, columns, summary, keep_going)
    if bulk_load is None:
        bulk_load = bulk.wanted(engine, plan.documents)
    bulk_load = bulk_load and bulk.supported(engine)
    if not bulk_load:
        bulk.finish_unfinished(engine)
    batch = _Batch(engine, batch_documents or COMMIT_DOCUMENTS, bulk_load=bulk_load)
    # The archive's frequent person names, recognised by the extractor without any context.
    with make_sessionmaker(engine)() as session:
        known = known_person_names(session)
    with knowing(known), bulk.loading(engine, on_finishing) if bulk_load else nullcontext():
        try:
            for document in _readable(plan, default_date, jobs, summary, keep_going, on_file, pack):
                summary.results.append(
                    store_document(batch.session(), document, name_keys=batch.name_keys, bigrams=batch.bigrams)
                )
                batch.stored()
                if on_file:
                    on_file(document.source)
            batch.commit()
        finally:
            batch.close()  # before the load's end, which needs the write lock
    batch.checkpoint()
    return summary


def stale_documents(session: Session, pack: RulePack) -> list[int]:
    """Ids of the stored documents extracted with another rule pack than ``pack`` (or with one
    not recorded), in id order."""
    fingerprint = pack_fingerprint(pack)
    # As ranges, so that the look-up seeks ix_documents_pack_fingerprint (a run with nothing stale
    # reads two index entries).
    column = Document.pack_fingerprint
    stale = or_(column.is_(None), column < fingerprint, column > fingerprint)
    return sorted(session.scalars(select(Document.id).where(stale)))  # sorted here: ORDER BY would scan the table


REEXTRACT_READ_ROWS = 256  # stored documents read from the archive at a time


def _stored_work(engine: Engine, ids: Sequence[int], dirs: tuple[str, ...]) -> Iterator[Work]:
    """Each stored document as the reader gave it, its stored date as the default date."""
    export_formats = set(EXPORT_FORMATS.values())
    for start in range(0, len(ids), REEXTRACT_READ_ROWS):
        with transaction(engine) as session:
            rows = session.execute(
                select(Document.path, Document.text, Document.format, Document.encoding, Document.content_hash,
                       Document.pub_date).where(Document.id.in_(ids[start : start + REEXTRACT_READ_ROWS]))
                .order_by(Document.id)
            ).all()
        for path, text_, fmt, encoding, content_hash, pub_date in rows:
            raw = (stored_row(path, text_, fmt, encoding, content_hash, pub_date) if fmt in export_formats
                   else RawDocument(path=path, text=text_, format=fmt, encoding=encoding, content_hash=content_hash))
            yield (raw, pub_date, dirs)


def reextract(
    engine: Engine, pack: RulePack, *, jobs: int = 1, on_document: CheckProgress | None = None
) -> IngestSummary:
    """Extract again, in place, every stored document read with another rule pack than ``pack``.

    Each keeps its document row (and, when its articles come out as before, its articles,
    sentences and findings); its facts are those of ``pack`` and it records ``pack``'s
    fingerprint.  ``on_document(done, total)`` is called as each is stored.  Committed in
    batches, so an interrupted run keeps what it did and the next one does the rest.
    """
    bulk.finish_unfinished(engine)
    with transaction(engine) as session:
        ids = stale_documents(session, pack)
    summary = IngestSummary()
    if not ids:
        return summary
    batch = _Batch(engine)
    try:
        for done, item in enumerate(_prepared(_stored_work(engine, ids, pack_dirs(pack)), len(ids), jobs, pack), 1):
            if isinstance(item, InputError):  # readable once; kept as it was stored
                summary.errors.append(item)
            else:
                summary.results.append(store_document(batch.session(), item, name_keys=batch.name_keys))
                batch.stored()
            if on_document:
                on_document(done, len(ids))
        batch.commit()
    finally:
        batch.close()
    batch.checkpoint()
    return summary


# At 33,000 archived articles a commit every 64 documents cost 3.4 s of CPU per 1,000
# documents (each commit writes every index page it touched, and the indexes on hashes,
# bands and names are touched at random places); every 1,000 documents 0.9 s.  A second
# is still a short wait for a reviewer's decision.
COMMIT_DOCUMENTS = 512
COMMIT_SECONDS = 1.0
INGEST_CACHE_KIB = 1024 * 1024
# SQLite copies the write-ahead log into the database once it holds this many pages (default
# 1,000, 4 MiB: a checkpoint after nearly every commit of a large ingest, each one writing
# again the index pages the next commit dirties once more).  256 MiB: storing 1,500 documents
# into a 100,000-file archive took 8.5 s instead of 10.3-11.2 s, final checkpoint included.
INGEST_CHECKPOINT_PAGES = 65_536


class _Batch:
    """One open transaction for a run of documents, committed by size or age."""

    def __init__(self, engine: Engine, max_documents: int = COMMIT_DOCUMENTS, *, bulk_load: bool = False) -> None:
        self.engine = engine
        self.max_documents = max_documents
        self.bulk_load = bulk_load
        self._session: Session | None = None
        self.count = 0
        self.started = 0.0
        # The name-lexicon pairs of the batch's documents, written in one sorted statement
        # just before the commit (see store.ingest.write_name_keys).
        self.name_keys: set[tuple[str, str]] = set()
        # Names whose pairs this run has committed: every pair of a name is derived from it, so
        # a later document naming it adds none (a 100,000-file load staged 5.9 M pairs for
        # 1.77 M distinct ones, and merging them took 13.7 s of its end).
        self.written_names: set[str] = set()
        # The character pairs of the batch's documents, net, written in one statement before the
        # commit (see store.ingest.write_pending_bigrams): 1,000 documents hold 0.7 M pairs but
        # far fewer distinct ones.
        self.bigrams: Counter[str] = Counter()

    def session(self) -> Session:
        if self._session is None:
            self._session = make_sessionmaker(self.engine)()
            self._session.begin()
            if self.engine.dialect.name == "sqlite":
                # Ingest inserts into indexes on hashes, bands and names at random places: with
                # the pages of those indexes in SQLite's own cache, storing 5,000 documents into a
                # 33,000-document archive took 20.6 s of CPU instead of 30.1 s.  Pages are only
                # allocated as they are touched.
                self._session.execute(text(f"PRAGMA cache_size=-{INGEST_CACHE_KIB}"))
                self._session.execute(text(f"PRAGMA wal_autocheckpoint={INGEST_CHECKPOINT_PAGES}"))
            self.count = 0
            self.started = time.monotonic()
        return self._session

    def stored(self) -> None:
        self.count += 1
        if self.count >= self.max_documents or time.monotonic() - self.started >= COMMIT_SECONDS:
            self.commit()

    def commit(self) -> None:
        if self._session is not None:
            pairs = [pair for pair in self.name_keys if pair[1] not in self.written_names]
            write_name_keys(self._session, pairs, staged=self.bulk_load)
            self.name_keys.clear()
            write_pending_bigrams(self._session, self.bigrams)
            self._session.commit()
            self.written_names.update(name for _, name in pairs)
            self._session.close()
            self._session = None

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database now (SQLite), as a default-sized log
        would have been: readers need not search a large log, and it is not left to the next
        small commit, a reviewer's, to copy.  Passive: never waits for a reader."""
        if self.engine.dialect.name != "sqlite":
            return
        raw = self.engine.raw_connection()  # outside any transaction, which a checkpoint needs
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()  # type: ignore[union-attr]
        finally:
            raw.close()

    def close(self) -> None:
        self.name_keys.clear()
        if self._session is not None:
            self._session.rollback()
            self._session.close()
            self._session = None


def collect_files(paths: Sequence[str | Path], keep_going: bool) -> tuple[list[Path], list[InputError]]:
    """Input files under ``paths``; a missing path is an error (collected when ``keep_going``)."""
    files: list[Path] = []
    errors: list[InputError] = []
    for path in paths:
        try:
            files.extend(iter_input_files([path]))
        except InputError as exc:
            if not keep_going:
                raise
            errors.append(exc)
    return list(dict.fromkeys(files)), errors


PATHS_PER_QUERY = 500  # the rows of a large export are many documents: one IN list per 500 paths


def article_ids_of(session: Session, document_paths: Sequence[str]) -> list[int]:
    """The articles of ``document_paths`` by publication date (undated first), document and place."""
    paths = list(dict.fromkeys(document_paths))
    found: list[tuple[bool, date, int, int, int]] = []
    for at in range(0, len(paths), PATHS_PER_QUERY):
        rows = session.execute(
            select(Document.pub_date, Document.id, Article.ordinal, Article.id).join(Article)
            .where(Document.path.in_(paths[at : at + PATHS_PER_QUERY]))
        )
        found.extend((day is not None, day or date.min, doc, ordinal, aid) for day, doc, ordinal, aid in rows)
    return [row[-1] for row in sorted(found)]


def count_articles(session: Session, article_ids: Sequence[int]) -> int:
    """How many of ``article_ids`` are real articles, not page furniture."""
    total = 0
    for i in range(0, len(article_ids), 500):
        chunk = list(article_ids[i : i + 500])
        total += session.scalar(
            select(func.count()).select_from(Article).where(Article.id.in_(chunk), Article.kind != "furniture")
        ) or 0
    return total


def with_states(session: Session, rows: Sequence[Finding]) -> list[CheckedFinding]:
    found = states(session, [r.id for r in rows])
    return [CheckedFinding(r, found.get(r.id, NO_DECISION)) for r in rows]


def check_files(
    engine: Engine,
    files: Sequence[Path],
    *,
    rules: Sequence[str] = (),
    select_codes: set[str] | None = None,
    ignore_codes: set[str] | None = None,
    store: bool = True,
    default_date: date | None = None,
    keep_going: bool = False,
    jobs: int = 1,
    on_file: FileProgress | None = None,
    on_check: CheckProgress | None = None,
    columns: ExportColumns = DEFAULT_COLUMNS,
    on_reextract: CheckProgress | None = None,
) -> CheckResult:
    """Ingest ``files`` and check their articles against the whole archive.

    ``on_file(path)`` is called as each file is stored, then ``on_reextract(done, total)`` as
    each stored document read with another rule pack is extracted again (:func:`reextract`),
    then ``on_check(done, total)`` as each article has been compared.  With ``store=False``
    ingest and findings happen in one transaction that is rolled back, so the archive is
    exactly as before (and documents read with another pack are left as they are).
    """
    pack = checked_pack(rules)

    def check_stored(session: Session, summary: IngestSummary) -> CheckResult:
        ids = article_ids_of(session, [r.path for r in summary.results])
        rows = run_checks(session, ids, pack, select=select_codes, ignore=ignore_codes, progress=on_check)
        return CheckResult(summary, ids, with_states(session, rows), count_articles(session, ids),
                           stored_sources(session, {r.path for r in rows}))

    if store:
        summary = ingest_files(engine, files, default_date=default_date, keep_going=keep_going, jobs=jobs,
                               on_file=on_file, columns=columns, pack=pack)
        reextract(engine, pack, jobs=jobs, on_document=on_reextract)
        with transaction(engine) as session:
            return check_stored(session, summary)

    bulk.finish_unfinished(engine)  # the checks must see every stored band and name
    summary = IngestSummary()
    plan = _plan(files, columns, summary, keep_going)
    session = make_sessionmaker(engine)()
    try:
        session.begin()
        with knowing(known_person_names(session)):
            for document in _readable(plan, default_date, jobs, summary, keep_going, on_file, pack):
                summary.results.append(store_document(session, document))
                if on_file:
                    on_file(document.source)
        result = check_stored(session, summary)
        for c in result.findings:
            session.expunge(c.row)
        return result
    finally:
        session.rollback()
        session.close()


def stored_sources(session: Session, paths: Iterable[str]) -> dict[str, SourceText]:
    """The stored text of each of ``paths`` (with its clean text when the file holds markup)."""
    wanted = sorted(set(paths))
    out: dict[str, SourceText] = {}
    for at in range(0, len(wanted), 500):
        rows = session.execute(
            select(Document.path, Document.text, Document.clean_text, Document.clean_runs)
            .where(Document.path.in_(wanted[at : at + 500]))
        )
        for path, file_text, clean, runs in rows:
            out[path] = source_text(file_text, clean, runs)
    return out


def stored_findings(
    session: Session, *, paths: Sequence[str] = (), status: str | None = None, resolved: bool = False
) -> list[CheckedFinding]:
    """The stored findings with their review state; resolved ones only with ``resolved``
    (or ``status="resolved"``)."""
    query = select(Finding).order_by(Finding.path, Finding.line, Finding.column, Finding.rule)
    if status == "resolved":
        query = query.where(Finding.resolved_at.is_not(None))
    elif not resolved:
        query = query.where(Finding.resolved_at.is_(None))
    if paths:
        stored = [document_path(p) for p in paths]
        rows = [Finding.path.startswith(row_path(p, ""), autoescape=True) for p in stored if is_export(p)]
        query = query.where(or_(Finding.path.in_(stored), *rows))
    checked = with_states(session, list(session.scalars(query)))
    return [c for c in checked if status is None or c.status == status]

