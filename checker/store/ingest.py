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

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from checker.pipeline import PreparedArticle, PreparedDocument, PreparedFact
from checker.store.models import Article, Document, Fact, NameVariant, PassageBand, Sentence

NAME_KINDS = ("person", "place", "org", "name")
MAX_VARIANT_NAME = 24

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


def _write_article(session: Session, document_id: int, ordinal: int, prepared: PreparedArticle) -> None:
    draft = prepared.draft
    article = Article(
        document_id=document_id, ordinal=ordinal, kind=draft.kind, headline=draft.headline.text,
        subheadline=draft.subheadline.text if draft.subheadline else None,
        byline=" ".join(f"{b.role} {' '.join(b.names)}" for b in draft.bylines) or None,
        headline_runs=[list(r) for r in draft.headline.runs()], raw_start=prepared.raw_start,
        raw_end=prepared.raw_end, char_count=prepared.char_count,
    )
    session.add(article)
    session.flush()
    article_id = article.id

    fact_rows = [_fact_row(f, article_id, None) for f in (*prepared.headline_facts, *prepared.byline_facts)]
    band_rows: list[dict[str, object]] = []
    for s_ordinal, sentence in enumerate(prepared.sentences):
        row = Sentence(
            article_id=article_id, ordinal=s_ordinal, paragraph=sentence.paragraph, text=sentence.text,
            runs=[list(r) for r in sentence.runs], raw_start=sentence.raw_start, raw_end=sentence.raw_end,
            text_hash=sentence.text_hash,
        )
        session.add(row)
        session.flush()
        fact_rows.extend(_fact_row(f, article_id, row.id) for f in sentence.facts)
        band_rows.extend({"band": b, "sentence_id": row.id, "article_id": article_id} for b in sentence.sketch)
    if band_rows:
        session.execute(insert(PassageBand), band_rows)
    if not fact_rows:
        return
    fact_ids = session.scalars(insert(Fact).returning(Fact.id, sort_by_parameter_order=True), fact_rows).all()
    variant_rows = [
        {"article_id": article_id, "fact_id": fact_id, "variant_key": key, "name": row["text"]}
        for fact_id, row in zip(fact_ids, fact_rows, strict=True)
        if row["kind"] in NAME_KINDS
        for key in variant_keys(str(row["text"]))
    ]
    if variant_rows:
        session.execute(insert(NameVariant), variant_rows)


def store_document(session: Session, prepared: PreparedDocument) -> IngestResult:
    """Store ``prepared`` inside the caller's transaction; returns what happened."""
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
    document = Document(
        path=path, content_hash=raw.content_hash, format=raw.format, encoding=raw.encoding,
        pub_date=prepared.pub_date, edition=prepared.edition, text=raw.text, char_count=len(raw.text),
        ingested_at=datetime.now(),
    )
    session.add(document)
    session.flush()
    for ordinal, article in enumerate(prepared.articles):
        _write_article(session, document.id, ordinal, article)
    return IngestResult(path, status, document.id, len(prepared.articles), len(raw.text))
