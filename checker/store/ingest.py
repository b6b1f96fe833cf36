"""Write one prepared document to the store, in one transaction.

Idempotent by content hash: the same file again is skipped; a changed file replaces
its document (articles, sentences, facts, index rows and findings go with it by
cascade) inside the same transaction, so a crash leaves either the old or the new
version, never a mixture.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from checker.pipeline import PreparedArticle, PreparedDocument, PreparedFact
from checker.store.models import Article, Base, Document, Fact, NameVariant, PassageBand, Sentence

NAME_KINDS = ("person", "place", "org", "name")
MAX_VARIANT_NAME = 24

_ID_COUNTERS = "checker.ingest.next_ids"

IngestStatus = Literal["new", "replaced", "unchanged", "duplicate"]


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


def variant_keys(name: str) -> list[str]:
    """'徐家埭村' -> ['?家埭村', '徐?埭村', '徐家?村', '徐家埭?']: one-character variants share a key."""
    if not 2 <= len(name) <= MAX_VARIANT_NAME:
        return []
    return [name[:i] + "?" + name[i + 1 :] for i in range(len(name))]


def _fact_row(fact: PreparedFact, article_id: int, sentence_id: int | None) -> dict[str, object]:
    d = fact.draft
    return {
        "article_id": article_id, "sentence_id": sentence_id, "kind": d.kind, "text": d.text,
        "raw_start": fact.raw_start, "raw_end": fact.raw_end, "value": d.value, "low": d.low,
        "high": d.high, "unit": d.unit, "qualifier": d.qualifier, "counted": d.counted,
        "subject": d.subject, "attribute": d.attribute, "time": d.time, "key": d.key,
        "extra": d.extra or None,
    }


def _article_row(document_id: int, ordinal: int, prepared: PreparedArticle) -> dict[str, object]:
    draft = prepared.draft
    return {
        "document_id": document_id, "ordinal": ordinal, "kind": draft.kind, "headline": draft.headline.text,
        "subheadline": draft.subheadline.text if draft.subheadline else None,
        "byline": " ".join(f"{b.role} {' '.join(b.names)}" for b in draft.bylines) or None,
        "headline_runs": [list(r) for r in draft.headline.runs()],
        "subheadline_runs": [list(r) for r in draft.subheadline.runs()] if draft.subheadline else None,
        "raw_start": prepared.raw_start,
        "raw_end": prepared.raw_end, "char_count": prepared.char_count,
    }


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


def _write_articles(session: Session, document_id: int, articles: list[PreparedArticle]) -> None:
    """Every row of the document's articles, a handful of batched INSERTs (no per-row flush)."""
    article_ids = _insert_ids(session, Article, [_article_row(document_id, i, a) for i, a in enumerate(articles)])
    sentence_rows: list[dict[str, object]] = []
    for article_id, prepared in zip(article_ids, articles, strict=True):
        sentence_rows.extend(
            {
                "article_id": article_id, "ordinal": s_ordinal, "paragraph": s.paragraph, "text": s.text,
                "runs": [list(r) for r in s.runs], "raw_start": s.raw_start, "raw_end": s.raw_end,
                "text_hash": s.text_hash,
            }
            for s_ordinal, s in enumerate(prepared.sentences)
        )
    sentence_ids = iter(_insert_ids(session, Sentence, sentence_rows))

    fact_rows: list[dict[str, object]] = []
    band_rows: list[dict[str, object]] = []
    for article_id, prepared in zip(article_ids, articles, strict=True):
        fact_rows.extend(_fact_row(f, article_id, None) for f in (*prepared.headline_facts, *prepared.byline_facts))
        for sentence in prepared.sentences:
            sentence_id = next(sentence_ids)
            fact_rows.extend(_fact_row(f, article_id, sentence_id) for f in sentence.facts)
            band_rows.extend({"band": b, "sentence_id": sentence_id, "article_id": article_id} for b in sentence.sketch)
    if band_rows:
        session.execute(insert(_table(PassageBand)), band_rows)
    fact_ids = _insert_ids(session, Fact, fact_rows)
    variant_rows = [
        {"article_id": row["article_id"], "fact_id": fact_id, "variant_key": key, "name": row["text"]}
        for fact_id, row in zip(fact_ids, fact_rows, strict=True)
        if row["kind"] in NAME_KINDS
        for key in variant_keys(str(row["text"]))
    ]
    if variant_rows:
        session.execute(insert(_table(NameVariant)), variant_rows)


def store_document(session: Session, prepared: PreparedDocument, *, retry: bool = True) -> IngestResult:
    """Store ``prepared`` inside the caller's transaction; returns what happened.

    When another process stores the same path between the look-up and the insert
    (PostgreSQL, READ COMMITTED), the insert waits for it, fails on the unique path,
    and the look-up is taken again against the now committed row.
    """
    raw = prepared.raw
    path = document_path(raw.path)
    existing = session.scalars(select(Document).where(Document.path == path)).first()
    if existing is not None and existing.content_hash == raw.content_hash:
        return IngestResult(path, "unchanged", existing.id, len(existing.articles), existing.char_count)
    if existing is None:
        twin = session.scalars(select(Document).where(Document.content_hash == raw.content_hash)).first()
        if twin is not None:
            return IngestResult(path, "duplicate", twin.id, len(twin.articles), twin.char_count)
    status: IngestStatus = "new"
    if existing is not None:
        session.execute(delete(Document).where(Document.id == existing.id))
        session.expunge(existing)
        status = "replaced"
    try:
        with session.begin_nested():
            document_id = _insert_ids(session, Document, [{
                "path": path, "content_hash": raw.content_hash, "format": raw.format, "encoding": raw.encoding,
                "pub_date": prepared.pub_date, "edition": prepared.edition, "text": raw.text,
                "char_count": len(raw.text), "ingested_at": datetime.now(),
            }])[0]
    except IntegrityError:
        if not retry:
            raise
        return store_document(session, prepared, retry=False)
    _write_articles(session, document_id, prepared.articles)
    return IngestResult(path, status, document_id, len(prepared.articles), len(raw.text))
