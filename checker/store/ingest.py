"""Write one prepared document to the store, in one transaction.

Idempotent by path and content hash: the same file again is skipped; a copy of a stored
file under another path is stored like any other file (status ``copy``: the checks report
its articles as already published); a changed file replaces its document (articles,
sentences, facts, index rows and findings go with it by cascade) inside the same
transaction, so a crash leaves either the old or the new version, never a mixture.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Table, delete, func, insert, select, text, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from checker.model import NAME_KINDS
from checker.pipeline import FURNITURE, PreparedDocument
from checker.store.models import Article, Base, CharBigram, Document, Fact, NameKey, PassageBand, Sentence
from checker.text.bigrams import char_bigrams

MAX_VARIANT_NAME = 24

_ID_COUNTERS = "checker.ingest.next_ids"

# copy: stored, and its content is stored under another path too; reextracted: unchanged, but
# read with another rule pack, so its articles and facts were made again (the document row kept)
IngestStatus = Literal["new", "replaced", "unchanged", "copy", "reextracted"]


@dataclass
class IngestResult:
    path: str
    status: IngestStatus
    document_id: int
    articles: int
    characters: int


def document_path(path: str | Path) -> str:
    """The key a file is stored under: its absolute, resolved path."""
    return str(Path(path).resolve())


# A person the archive names this often is known: the extractor recognises the name anywhere.
KNOWN_PERSON_MIN_COUNT = 2
# At most this many known persons (the most frequent): ~100 bytes each in every worker.
KNOWN_PERSON_LIMIT = 200_000


def known_person_names(
    session: Session, min_count: int = KNOWN_PERSON_MIN_COUNT, limit: int = KNOWN_PERSON_LIMIT
) -> set[str]:
    """The names the archive stores as persons' at least ``min_count`` times (whitespace
    removed: "王 强" of a byline counts as 王强), the most frequent ``limit`` of them: what
    :class:`checker.extract.ExtractContext` calls ``known_names``.

    One pass over the (kind, text) index's person entries.
    """
    counts: dict[str, int] = {}
    query = select(Fact.text, func.count()).where(Fact.kind == "person").group_by(Fact.text)
    for written, count in session.execute(query):
        name = "".join(str(written).split())
        if 2 <= len(name) <= 4:
            counts[name] = counts.get(name, 0) + int(count)
    frequent = [name for name, count in counts.items() if count >= min_count]
    if len(frequent) > limit:
        frequent = sorted(frequent, key=lambda n: (-counts[n], n))[:limit]
    return set(frequent)


def variant_keys(name: str) -> list[str]:
    """'徐家埭村' -> ['?家埭村', '徐?埭村', '徐家?村', '徐家埭?']: one-character variants share a key."""
    if not 2 <= len(name) <= MAX_VARIANT_NAME:
        return []
    return [name[:i] + "?" + name[i + 1 :] for i in range(len(name))]


def _runs_json(runs: list[tuple[int, int]]) -> str:
    """``runs`` as SQLAlchemy's JSON type stores them: ``json.dumps([list(r) for r in runs])``."""
    return "[" + ", ".join([f"[{int(a)}, {int(b)}]" for a, b in runs]) + "]"


def _table(model: type[Base]) -> Table:
    """The Core table of a model: Core inserts skip the ORM's per-row bookkeeping."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _next_sqlite_id(session: Session, table: Table, count: int) -> int:
    """The first of ``count`` fresh ids of ``table``; max(id) is read once per transaction."""
    transaction = session.get_transaction()
    owner, counters = session.info.get(_ID_COUNTERS, (None, {}))
    if owner is not transaction:
        counters = {}
        session.info[_ID_COUNTERS] = (transaction, counters)
    first = counters.get(table.name)
    if first is None:
        first = session.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one() + 1
    counters[table.name] = first + count
    return int(first)


def _insert_ids(session: Session, model: type[Base], rows: list[dict[str, object]]) -> list[int]:
    """Insert ``rows`` in batched statements; their new ids in the order of ``rows``.

    SQLite cannot batch an INSERT ... RETURNING whose rows must come back in order, so
    there the ids are given client-side: every transaction begins IMMEDIATE and so holds
    the write lock, and max(id) + 1 ... is what SQLite itself would assign (read once per
    transaction: rows of these tables must then be added only through here). Elsewhere
    (PostgreSQL) RETURNING with ``sort_by_parameter_order`` batches.
    """
    if not rows:
        return []
    table = _table(model)
    if session.get_bind().dialect.name == "sqlite":
        first = _next_sqlite_id(session, table, len(rows))
        ids = list(range(first, first + len(rows)))
        for row_id, row in zip(ids, rows, strict=True):
            row["id"] = row_id
        session.execute(insert(table), rows)
        return ids
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, rows).all())


# Columns of the rows of an EncodedDocument, in their order (after the index references).
_ARTICLE_COLUMNS = ("ordinal", "kind", "headline", "subheadline", "byline", "headline_runs", "subheadline_runs",
                    "raw_start", "raw_end", "char_count", "kicker", "kicker_runs")
_SENTENCE_COLUMNS = ("ordinal", "paragraph", "text", "runs", "raw_start", "raw_end", "text_hash")
_FACT_COLUMNS = ("kind", "text", "raw_start", "raw_end", "value", "low", "high", "unit", "qualifier", "counted",
                 "subject", "attribute", "time", "key", "extra")
# Held as JSON text in an EncodedDocument, as SQLAlchemy's JSON type stores them.
_JSON_COLUMNS = frozenset({"headline_runs", "subheadline_runs", "kicker_runs", "runs", "extra"})


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


# The tables a document's rows go to, with their columns in the order of _NumberedRows.
_ROW_TABLES = (
    ("articles", ("id", "document_id", *_ARTICLE_COLUMNS)),
    ("sentences", ("id", "article_id", *_SENTENCE_COLUMNS)),
    ("passage_bands", ("band", "sentence_id", "article_id")),
    ("facts", ("id", "article_id", "sentence_id", *_FACT_COLUMNS)),
)
_INSERT_SQL = tuple(_insert_sql(table, columns) for table, columns in _ROW_TABLES)
_COPY_SQL = tuple(f"COPY {table} ({', '.join(columns)}) FROM STDIN" for table, columns in _ROW_TABLES)
_NAME_KEY_SQL = _insert_sql("name_keys", ("variant_key", "name")) + " ON CONFLICT DO NOTHING"
_BULK_NAME_KEY_SQL = _insert_sql("staged_name_keys", ("variant_key", "name"))


@dataclass
class EncodedDocument:
    """A prepared document already turned into the rows the store writes.

    Built by :func:`encode_document` where the document was prepared (an ingest worker
    process), so the single writing process only numbers the rows and hands them to
    SQLite: no per-row dictionaries, JSON encoding or SQLAlchemy parameter processing.
    It also pickles far smaller and faster than a :class:`PreparedDocument`.  The values
    are exactly those the SQLAlchemy path stores (JSON columns as ``json.dumps`` text,
    ``None`` in a JSON column as ``'null'``).  Row tuples refer to articles, sentences
    and facts by their index in this document; ``-1`` is no sentence.
    """

    source: str  # the path as given (RawDocument.path)
    path: str  # the key it is stored under (document_path)
    content_hash: str
    format: str
    encoding: str | None
    pub_date: date | None
    edition: str | None
    text: str
    # (ordinal, kind, headline, subheadline, byline, headline_runs, subheadline_runs, raw_start, raw_end,
    #  char_count, kicker, kicker_runs)
    articles: list[tuple[Any, ...]]
    # (article, ordinal, paragraph, text, runs, raw_start, raw_end, text_hash)
    sentences: list[tuple[Any, ...]]
    # (band, sentence)
    bands: list[tuple[int, int]]
    # (article, sentence, kind, text, raw_start, raw_end, value, low, high, unit, qualifier, counted,
    #  subject, attribute, time, key, extra)
    facts: list[tuple[Any, ...]]
    # (variant_key, name) of every named fact, each pair once, sorted
    name_keys: list[tuple[str, str]]
    clean_text: str | None = None  # what an editor is shown (a file with markup), and its runs map
    clean_runs: str = "null"
    # (pair of characters, count) of the articles' headlines and sentences (furniture left out), sorted
    bigrams: list[tuple[str, int]] = field(default_factory=list)
    # pipeline.pack_fingerprint of the pack the document was read with
    pack_fingerprint: str = ""

    @property
    def char_count(self) -> int:
        return len(self.text)


def encode_document(prepared: PreparedDocument) -> EncodedDocument:
    """The rows :func:`store_document` writes for ``prepared`` (see :class:`EncodedDocument`)."""
    raw = prepared.raw
    articles: list[tuple[Any, ...]] = []
    sentences: list[tuple[Any, ...]] = []
    bands: list[tuple[int, int]] = []
    facts: list[tuple[Any, ...]] = []
    name_keys: set[tuple[str, str]] = set()
    dumps = json.dumps

    def add_facts(a_index: int, s_index: int, prepared_facts: Any) -> None:
        for fact in prepared_facts:
            d = fact.draft
            if d.kind in NAME_KINDS:
                name_keys.update([(key, d.text) for key in variant_keys(str(d.text))])
            facts.append((
                a_index, s_index, d.kind, d.text, fact.raw_start, fact.raw_end, d.value, d.low, d.high, d.unit,
                d.qualifier, d.counted, d.subject, d.attribute, d.time, d.key,
                dumps(d.extra) if d.extra else "null",
            ))

    texts: list[str | None] = []
    for a_index, article in enumerate(prepared.articles):
        draft = article.draft
        sub, kicker = draft.subheadline, draft.kicker
        if draft.kind != FURNITURE:
            texts.extend((draft.headline.text, sub.text if sub else None, kicker.text if kicker else None))
            texts.extend(s.text for s in article.sentences)
        articles.append((
            a_index, draft.kind, draft.headline.text, sub.text if sub else None,
            " ".join(f"{b.role} {' '.join(b.names)}" for b in draft.bylines) or None,
            _runs_json(draft.headline.runs()), _runs_json(sub.runs()) if sub else "null",
            article.raw_start, article.raw_end, article.char_count,
            kicker.text if kicker else None, _runs_json(kicker.runs()) if kicker else "null",
        ))
        add_facts(a_index, -1, article.headline_facts)
        add_facts(a_index, -1, article.byline_facts)
        for s_ordinal, s in enumerate(article.sentences):
            s_index = len(sentences)
            sentences.append(
                (a_index, s_ordinal, s.paragraph, s.text, _runs_json(s.runs), s.raw_start, s.raw_end, s.text_hash)
            )
            bands.extend([(b, s_index) for b in s.sketch])
            add_facts(a_index, s_index, s.facts)
    return EncodedDocument(
        source=raw.path, path=document_path(raw.path), content_hash=raw.content_hash, format=raw.format,
        encoding=raw.encoding, pub_date=prepared.pub_date, edition=prepared.edition, text=raw.text,
        articles=articles, sentences=sentences, bands=bands, facts=facts, name_keys=sorted(name_keys),
        clean_text=prepared.clean.text if prepared.clean is not None else None,
        clean_runs=_runs_json(prepared.clean.runs()) if prepared.clean is not None else "null",
        bigrams=sorted(char_bigrams(texts).items()),
        pack_fingerprint=prepared.pack_fingerprint,
    )


@dataclass
class _NumberedRows:
    """An encoded document's rows with their ids, in the column order of the ``_*_SQL`` statements."""

    articles: list[tuple[Any, ...]]
    sentences: list[tuple[Any, ...]]
    bands: list[tuple[Any, ...]]
    facts: list[tuple[Any, ...]]

    def in_table_order(self) -> tuple[list[tuple[Any, ...]], ...]:
        """The four lists in the order of ``_ROW_TABLES``."""
        return self.articles, self.sentences, self.bands, self.facts


def _numbered(
    doc: EncodedDocument, document_id: int, article_ids: Sequence[int], sentence_ids: Sequence[int],
    fact_ids: Sequence[int],
) -> _NumberedRows:
    """The rows of ``doc`` with the given ids (index i of each table gets ``ids[i]``)."""
    sentence_article = [article_ids[row[0]] for row in doc.sentences]
    return _NumberedRows(
        articles=[(article_ids[row[0]], document_id, *row) for row in doc.articles],
        sentences=[(sentence_ids[i], sentence_article[i], *row[1:]) for i, row in enumerate(doc.sentences)],
        bands=[(band, sentence_ids[s], sentence_article[s]) for band, s in doc.bands],
        facts=[
            (fact_ids[i], article_ids[row[0]], sentence_ids[row[1]] if row[1] >= 0 else None, *row[2:])
            for i, row in enumerate(doc.facts)
        ],
    )


def _write_encoded(session: Session, document_id: int, doc: EncodedDocument) -> None:
    """The SQLite fast path: the rows numbered here (see :func:`_insert_ids`), one ``executemany`` a table."""
    def ids(model: type[Base], count: int) -> range:
        first = _next_sqlite_id(session, _table(model), count)
        return range(first, first + count)

    rows = _numbered(
        doc, document_id, ids(Article, len(doc.articles)), ids(Sentence, len(doc.sentences)), ids(Fact, len(doc.facts))
    )
    cursor = session.connection().connection.cursor()
    try:
        for sql, values in zip(_INSERT_SQL, rows.in_table_order(), strict=True):
            if values:
                cursor.executemany(sql, values)
    finally:
        cursor.close()


_NEXT_IDS_SQL = (
    "SELECT " + ", ".join(
        f"ARRAY(SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s))"
        for table in ("articles", "sentences", "facts")
    )
)


def _write_copied(session: Session, document_id: int, doc: EncodedDocument) -> None:
    """The PostgreSQL (psycopg 3) fast path: ids drawn from the tables' sequences in one
    query, then each table's rows in one ``COPY`` — no RETURNING, and no multi-row INSERT
    text for the driver to build and parse for every document."""
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(_NEXT_IDS_SQL, (len(doc.articles), len(doc.sentences), len(doc.facts)))
        article_ids, sentence_ids, fact_ids = (sorted(ids) for ids in cursor.fetchone())
        rows = _numbered(doc, document_id, article_ids, sentence_ids, fact_ids)
        for sql, values in zip(_COPY_SQL, rows.in_table_order(), strict=True):
            if not values:
                continue
            with cursor.copy(sql) as copy:
                for value in values:
                    copy.write_row(value)
    finally:
        cursor.close()


def _writer(session: Session) -> Callable[[Session, int, EncodedDocument], None]:
    """How this database takes a document's rows (see :func:`store_document`)."""
    dialect = session.get_bind().dialect
    if dialect.name == "sqlite":
        return _write_encoded
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        return _write_copied
    return _write_returning


def _mapped(columns: Sequence[str], values: Sequence[Any]) -> dict[str, object]:
    """One encoded row as SQLAlchemy takes it (JSON columns decoded again)."""
    return {c: json.loads(v) if c in _JSON_COLUMNS else v for c, v in zip(columns, values, strict=True)}


def _write_returning(session: Session, document_id: int, doc: EncodedDocument) -> None:
    """The rows of :func:`_write_encoded` through SQLAlchemy, ids from INSERT ... RETURNING."""
    articles = _insert_ids(
        session, Article, [{"document_id": document_id, **_mapped(_ARTICLE_COLUMNS, row)} for row in doc.articles]
    )
    sentences = _insert_ids(session, Sentence, [
        {"article_id": articles[row[0]], **_mapped(_SENTENCE_COLUMNS, row[1:])} for row in doc.sentences
    ])
    if doc.bands:
        session.execute(insert(_table(PassageBand)), [
            {"band": band, "sentence_id": sentences[s], "article_id": articles[doc.sentences[s][0]]}
            for band, s in doc.bands
        ])
    _insert_ids(session, Fact, [
        {"article_id": articles[row[0]], "sentence_id": sentences[row[1]] if row[1] >= 0 else None,
         **_mapped(_FACT_COLUMNS, row[2:])}
        for row in doc.facts
    ])


def write_name_keys(session: Session, pairs: Iterable[tuple[str, str]], *, staged: bool = False) -> None:
    """Add (variant_key, name) pairs to the name lexicon; pairs it holds already are skipped.

    ``staged`` (a bulk load, SQLite): appended to ``staged_name_keys`` instead, which the load's
    end merges (see store.bulk).

    Sorted, so two transactions adding the same new names at once (PostgreSQL) take their
    row locks in the same order and one waits for the other instead of deadlocking.
    """
    rows = sorted(set(pairs))
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        cursor = session.connection().connection.cursor()
        try:
            cursor.executemany(_BULK_NAME_KEY_SQL if staged else _NAME_KEY_SQL, rows)
        finally:
            cursor.close()
        return
    values = [{"variant_key": key, "name": name} for key, name in rows]
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(_table(NameKey)).on_conflict_do_nothing(), values)
        return
    # Any other database: skip the pairs already there, then a plain insert.
    known = {(k, n) for k, n in session.execute(
        select(NameKey.variant_key, NameKey.name).where(tuple_(NameKey.variant_key, NameKey.name).in_(rows))
    )}
    session.execute(insert(_table(NameKey)), [v for v in values if (v["variant_key"], v["name"]) not in known])


_BIGRAM_SQL = (
    "INSERT INTO char_bigrams (bigram, count) VALUES (:bigram, :count) "
    "ON CONFLICT (bigram) DO UPDATE SET count = char_bigrams.count + excluded.count"
)


def write_bigrams(session: Session, pairs: Sequence[tuple[str, int]]) -> None:
    """Add ``pairs`` ((pair of characters, count), negative to take away) to the archive's counts.

    Sorted, as :func:`write_name_keys`: concurrent writers lock rows in the same order.
    """
    if not pairs:
        return
    rows = sorted(pairs)
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        cursor = session.connection().connection.cursor()
        try:
            cursor.executemany(_BIGRAM_SQL.replace(":bigram", "?").replace(":count", "?"), rows)
        finally:
            cursor.close()
        return
    values = [{"bigram": b, "count": n} for b, n in rows]
    if dialect == "postgresql":
        session.execute(text(_BIGRAM_SQL), values)
        return
    # Any other database: read, then update or insert.
    table = _table(CharBigram)
    known = dict(session.execute(select(table.c.bigram, table.c.count).where(table.c.bigram.in_([b for b, _ in rows]))))
    for b, n in rows:
        if b in known:
            session.execute(update(table).where(table.c.bigram == b).values(count=known[b] + n))
        else:
            session.execute(insert(table).values(bigram=b, count=n))


def remove_bigrams(session: Session, document_id: int, pending: Counter[str] | None = None) -> None:
    """Take a stored document's character pairs away from the archive's counts (before it is
    replaced): from ``pending`` (a batch's counts not written yet, see :func:`store_document`)
    when given, else from the table at once, where pairs no document writes any longer lose
    their row."""
    heads = session.execute(
        select(Article.headline, Article.subheadline, Article.kicker)
        .where(Article.document_id == document_id, Article.kind != FURNITURE)
    )
    body = session.execute(
        select(Sentence.text).join(Article, Article.id == Sentence.article_id)
        .where(Article.document_id == document_id, Article.kind != FURNITURE)
    )
    counts = char_bigrams([t for row in heads for t in row])
    counts.update(char_bigrams(t for (t,) in body))
    if pending is not None:
        pending.subtract(counts)
        return
    write_bigrams(session, [(b, -n) for b, n in counts.items()])
    prune_bigrams(session, counts)


def write_pending_bigrams(session: Session, pending: Counter[str]) -> None:
    """Write a batch's net pair counts (:func:`store_document`'s ``bigrams``) and empty it."""
    deltas = [(b, n) for b, n in pending.items() if n]
    write_bigrams(session, deltas)
    prune_bigrams(session, [b for b, n in deltas if n < 0])
    pending.clear()


def prune_bigrams(session: Session, bigrams: Iterable[str]) -> None:
    """Delete the rows of ``bigrams`` whose count fell to zero."""
    table = _table(CharBigram)
    gone = sorted(set(bigrams))
    for i in range(0, len(gone), 500):
        session.execute(delete(table).where(table.c.bigram.in_(gone[i : i + 500]), table.c.count <= 0))


def store_document(
    session: Session, prepared: PreparedDocument | EncodedDocument, *, retry: bool = True,
    name_keys: set[tuple[str, str]] | None = None, bigrams: Counter[str] | None = None,
) -> IngestResult:
    """Store ``prepared`` inside the caller's transaction; returns what happened.

    A :class:`PreparedDocument` is encoded first.  SQLite gets the rows as they are, with
    ids numbered here; other databases (PostgreSQL) through SQLAlchemy with RETURNING.
    The document's name-lexicon pairs are written at once, or, given ``name_keys``, added to
    it for the caller to write with :func:`write_name_keys` before it commits (a batch of
    documents then adds its new names in one sorted statement).  The same for the document's
    character pairs: written at once, or added to ``bigrams`` for :func:`write_pending_bigrams`
    (a batch's pairs repeat: one row each instead of one per document).

    When another process stores the same path between the look-up and the insert
    (PostgreSQL, READ COMMITTED), the insert waits for it, fails on the unique path,
    and the look-up is taken again against the now committed row.
    """
    doc = prepared if isinstance(prepared, EncodedDocument) else encode_document(prepared)
    sqlite = session.get_bind().dialect.name == "sqlite"
    stored = (_new_sqlite_document(session, doc) if sqlite else None) or _store_header(
        session, doc.path, doc.content_hash,
        {"format": doc.format, "encoding": doc.encoding, "pub_date": doc.pub_date, "edition": doc.edition,
         "text": doc.text, "clean_text": doc.clean_text, "clean_runs": json.loads(doc.clean_runs),
         "pack_fingerprint": doc.pack_fingerprint or None},
        retry,
    )
    if isinstance(stored, IngestResult):
        return stored
    if stored is None:
        return store_document(session, doc, retry=False, name_keys=name_keys, bigrams=bigrams)
    document_id, status = stored
    if status == "reextracted":
        _replace_extraction(session, document_id, doc)  # the text, and so its bigrams, as stored
    else:
        _writer(session)(session, document_id, doc)
        if bigrams is None:
            write_bigrams(session, doc.bigrams)
        else:
            bigrams.update(dict(doc.bigrams))
    if name_keys is None:
        write_name_keys(session, doc.name_keys)
    else:
        name_keys.update(doc.name_keys)
    return IngestResult(doc.path, status, document_id, len(doc.articles), len(doc.text))


_DOCUMENT_SQL = (
    "INSERT INTO documents (id, path, content_hash, format, encoding, pub_date, edition, text, char_count, "
    "ingested_at, clean_text, clean_runs, pack_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _new_sqlite_document(session: Session, doc: EncodedDocument) -> tuple[int, IngestStatus] | None:
    """The common case in a few plain statements: a path not stored yet gets its document row
    (status ``copy`` when its content is stored under another path).  None for anything else
    (stored before, a failed insert), which :func:`_store_header` then handles."""
    connection = session.connection()
    cursor = connection.connection.cursor()
    try:
        cursor.execute("SELECT 1 FROM documents WHERE path = ?", (doc.path,))
        if cursor.fetchone() is not None:
            return None
        cursor.execute("SELECT 1 FROM documents WHERE content_hash = ? LIMIT 1", (doc.content_hash,))
        status: IngestStatus = "copy" if cursor.fetchone() is not None else "new"
        table = _table(Document)
        dialect = connection.dialect
        as_date = table.c.pub_date.type.bind_processor(dialect)
        as_datetime = table.c.ingested_at.type.bind_processor(dialect)
        pub_date, now = doc.pub_date, datetime.now()
        first = _next_sqlite_id(session, table, 1)
        try:
            # A failing INSERT of one row leaves nothing behind in SQLite (statement rollback).
            cursor.execute(_DOCUMENT_SQL, (
                first, doc.path, doc.content_hash, doc.format, doc.encoding,
                as_date(pub_date) if as_date and pub_date is not None else pub_date, doc.edition, doc.text,
                len(doc.text), as_datetime(now) if as_datetime else now, doc.clean_text, doc.clean_runs,
                doc.pack_fingerprint or None,
            ))
        except connection.dialect.dbapi.IntegrityError:  # type: ignore[union-attr]
            session.info[_ID_COUNTERS][1][table.name] = first  # the id was not used
            return None
        return first, status
    finally:
        cursor.close()


def _store_header(
    session: Session, path: str, content_hash: str, columns: dict[str, Any], retry: bool = True,
    bigrams: Counter[str] | None = None,
) -> IngestResult | tuple[int, IngestStatus] | None:
    """The document row: an IngestResult when nothing is to be written (unchanged),
    else (new document id, status); None when the insert lost a race and should be retried."""
    existing = session.scalars(select(Document).where(Document.path == path)).first()
    if existing is not None and existing.content_hash == content_hash:
        if existing.pack_fingerprint == columns["pack_fingerprint"]:
            return IngestResult(path, "unchanged", existing.id, len(existing.articles), existing.char_count)
        # Read with another rule pack: the same document row, its extraction made again.
        for name in ("pub_date", "edition", "pack_fingerprint"):
            setattr(existing, name, columns[name])
        session.flush()
        return existing.id, "reextracted"
    status: IngestStatus = "new"
    if existing is None:
        twin = session.scalar(select(Document.id).where(Document.content_hash == content_hash).limit(1))
        if twin is not None:
            status = "copy"
    else:
        remove_bigrams(session, existing.id, bigrams)
        session.execute(delete(Document).where(Document.id == existing.id))
        session.expunge(existing)
        status = "replaced"
    try:
        with session.begin_nested():
            document_id = _insert_ids(session, Document, [{
                "path": path, "content_hash": content_hash, **columns,
                "char_count": len(columns["text"]), "ingested_at": datetime.now(),
            }])[0]
    except IntegrityError:
        if not retry:
            raise
        return None
    return document_id, status


def _replace_extraction(session: Session, document_id: int, doc: EncodedDocument) -> None:
    """The rows of a stored document made again with another rule pack, in place.

    When the articles and sentences come out as stored (the common case: a list of names
    changed, not the layout), they are kept, with their findings and index rows, and only
    their facts are replaced; otherwise the document's articles are replaced whole (their
    findings go with them; review decisions are keyed by finding id and stay).
    """
    stored_articles = session.execute(
        select(Article.id, Article.ordinal, Article.kind, Article.headline, Article.subheadline, Article.byline,
               Article.kicker).where(Article.document_id == document_id).order_by(Article.ordinal)
    ).all()
    article_ids = [row[0] for row in stored_articles]
    same = [tuple(row[1:]) for row in stored_articles] == [
        (row[0], row[1], row[2], row[3], row[4], row[10]) for row in doc.articles
    ]
    sentence_ids: list[int] = []
    if same and article_ids:
        index_of = {article_id: i for i, article_id in enumerate(article_ids)}
        stored_sentences = sorted(session.execute(
            select(Sentence.id, Sentence.article_id, Sentence.ordinal, Sentence.text, Sentence.raw_start,
                   Sentence.raw_end).where(Sentence.article_id.in_(article_ids))
        ).all(), key=lambda r: (index_of[r[1]], r[2]))
        same = [(index_of[r[1]], *r[2:]) for r in stored_sentences] == [
            (row[0], row[1], row[3], row[5], row[6]) for row in doc.sentences
        ]
        sentence_ids = [r[0] for r in stored_sentences]
    if not same:
        session.execute(delete(Article).where(Article.document_id == document_id))
        _writer(session)(session, document_id, doc)
        return
    if article_ids:
        session.execute(delete(Fact).where(Fact.article_id.in_(article_ids)))
    facts = [
        {"article_id": article_ids[row[0]], "sentence_id": sentence_ids[row[1]] if row[1] >= 0 else None,
         **_mapped(_FACT_COLUMNS, row[2:])}
        for row in doc.facts
    ]
    _insert_ids(session, Fact, facts)
