"""SQLAlchemy 2 typed models: the archive (documents, articles, sentences, facts, indexes),
the findings the checks report, and the review decisions editors make on them.

Review decisions are keyed by the finding's stable id, not by a foreign key: when an
article is re-ingested its findings are recomputed, and a finding whose text is
unchanged gets the same id and so finds its decision again.  A finding no longer
found is kept, marked resolved, so its decisions stay with it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Document(Base):
    """One ingested file. ``text`` is the file's own text, so reports never re-read the file;
    ``clean_text`` what an editor is shown of a file with markup (web page, Markdown, export row),
    with its map to ``text`` (``clean_runs``, as :meth:`MappedText.runs` gives it); None for plain text."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String(1024), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    format: Mapped[str] = mapped_column(String(8))
    encoding: Mapped[str | None] = mapped_column(String(32))
    pub_date: Mapped[date | None] = mapped_column(Date, index=True)
    edition: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    char_count: Mapped[int] = mapped_column(Integer)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    clean_text: Mapped[str | None] = mapped_column(Text)
    clean_runs: Mapped[list[list[int]] | None] = mapped_column(JSON)
    # checker.pipeline.pack_fingerprint of the rule pack it was extracted with (NULL: not known)
    # (indexed: finding the documents read with another pack reads the index, not the texts)
    pack_fingerprint: Mapped[str | None] = mapped_column(String(32), index=True)

    articles: Mapped[list[Article]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True, order_by="Article.ordinal"
    )


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), default="article")
    headline: Mapped[str] = mapped_column(Text, default="")
    subheadline: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    # Where the headline sits in the file (raw offsets of the document text) and its runs map.
    headline_runs: Mapped[list[list[int]] | None] = mapped_column(JSON)
    subheadline_runs: Mapped[list[list[int]] | None] = mapped_column(JSON)
    # The kicker (引题) above the headline, and where it sits in the file.
    kicker: Mapped[str | None] = mapped_column(Text)
    kicker_runs: Mapped[list[list[int]] | None] = mapped_column(JSON)
    raw_start: Mapped[int] = mapped_column(Integer)
    raw_end: Mapped[int] = mapped_column(Integer)
    char_count: Mapped[int] = mapped_column(Integer, default=0)

    document: Mapped[Document] = relationship(back_populates="articles")
    sentences: Mapped[list[Sentence]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True, order_by="Sentence.ordinal"
    )


class Sentence(Base):
    """A sentence of an article body as analysed (normalised), with its map back to the file."""

    __tablename__ = "sentences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    paragraph: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    runs: Mapped[list[list[int]]] = mapped_column(JSON)
    raw_start: Mapped[int] = mapped_column(Integer)
    raw_end: Mapped[int] = mapped_column(Integer)
    # Hash of the sentence with punctuation and spaces removed: exact-duplicate lookups.
    text_hash: Mapped[int] = mapped_column(BigInteger, index=True)

    article: Mapped[Article] = relationship(back_populates="sentences")


class PassageBand(Base):
    """MinHash LSH bands of each sentence: near-duplicate candidates meet on a band value.

    Keyed by article, then sentence: new articles have the highest ids, so a document's bands
    are appended at the end of the table's B-tree, and an article's bands (to check it, or to
    delete them with it) are one range of it.  Candidates are looked up by band in
    ``ix_passage_bands_band``, which holds every column (the lookup never reads the table); a
    bulk load drops it and builds it once, sorted, at its end (see store.bulk).
    """

    __tablename__ = "passage_bands"
    # Without rowid: the table is its primary-key index, one B-tree instead of two.
    __table_args__ = (
        Index("ix_passage_bands_band", "band", "sentence_id", "article_id"),
        {"sqlite_with_rowid": False},
    )

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    # No foreign key: a band goes with its article (sentences are only deleted with theirs),
    # and checking one on each of a document's ~100 band rows was half of PostgreSQL's ingest.
    sentence_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    band: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class Fact(Base):
    __tablename__ = "facts"
    # (kind, text, article_id): which articles name something is answered from the index alone.
    __table_args__ = (Index("ix_facts_kind_text_article", "kind", "text", "article_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    # No foreign key, as for passage bands: a fact goes with its article.
    sentence_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    raw_start: Mapped[int] = mapped_column(Integer)
    raw_end: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(16))
    qualifier: Mapped[str | None] = mapped_column(String(16))
    counted: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    attribute: Mapped[str | None] = mapped_column(Text)
    time: Mapped[str | None] = mapped_column(String(64))
    key: Mapped[str | None] = mapped_column(String(255), index=True)
    extra: Mapped[dict[str, object] | None] = mapped_column(JSON)


class NameKey(Base):
    """The archive's distinct names under one-character wildcard keys ('徐家?村' holds 徐家埭村
    and 徐家棣村): names one character apart meet under a key.

    A lexicon, not a record of occurrences: a name is added the first time a document with it
    is stored, so a frequent name costs one row per key, not one per occurrence, and a lookup
    reads as many rows as there are distinct names.  Names are never removed (a name whose
    articles were deleted stays, with no facts): rules count and locate a name through
    ``facts``, where a leftover name has none.
    """

    __tablename__ = "name_keys"
    # Without rowid: the table is its primary-key index, one B-tree instead of two.
    __table_args__ = ({"sqlite_with_rowid": False},)

    variant_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    name: Mapped[str] = mapped_column(String(128), primary_key=True)


class StagedNameKey(Base):
    """A name-lexicon pair stored by a bulk load that has not ended yet (see store.bulk);
    appended as it comes, repeats included, and merged into ``name_keys`` when the load ends."""

    __tablename__ = "staged_name_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    variant_key: Mapped[str] = mapped_column(String(128))
    name: Mapped[str] = mapped_column(String(128))


class CharBigram(Base):
    """How often the archive's articles (headlines and sentences, page furniture left out) write
    each pair of adjacent Chinese characters: the statistics the spelling check learns from the
    newsroom's own text.  Ingest adds a document's pairs and a replaced document's pairs are
    taken away again (see store.ingest); a pair no document writes any longer has no row.
    """

    __tablename__ = "char_bigrams"
    # Without rowid: the table is its primary-key index, one B-tree instead of two.
    __table_args__ = ({"sqlite_with_rowid": False},)

    bigram: Mapped[str] = mapped_column(String(2), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class Finding(Base):
    """A problem a rule reported. ``id`` is stable: it hashes the problem's text, not its position."""

    __tablename__ = "findings"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    rule: Mapped[str] = mapped_column(String(16), index=True)
    category: Mapped[str] = mapped_column(String(24), index=True)
    severity: Mapped[str] = mapped_column(String(8), index=True)
    message_zh: Mapped[str] = mapped_column(Text)
    message_en: Mapped[str] = mapped_column(Text)
    # None once the article is replaced (its file re-ingested): the finding is kept, with its
    # decisions, until a check of that file finds it again or marks it resolved.
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"), index=True)
    # The first related place in another article, and that article's file.
    related_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    related_path: Mapped[str | None] = mapped_column(String(1024), index=True)
    path: Mapped[str] = mapped_column(String(1024), index=True)
    article_headline: Mapped[str] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)
    column: Mapped[int] = mapped_column(Integer)
    end_line: Mapped[int] = mapped_column(Integer)
    end_column: Mapped[int] = mapped_column(Integer)
    raw_start: Mapped[int] = mapped_column(Integer)
    raw_end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    related: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    suggestion: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # When a check stopped finding it (the article was fixed); None while it is still found.
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)


class Review(Base):
    """One editor decision on a finding. The newest row by ``seq`` is the finding's status.

    ``seq`` counts the decisions on one finding; a writer takes the next number it
    saw, and the unique constraint turns two editors deciding at once into a
    conflict the second one is told about instead of a silent overwrite.
    """

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("finding_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    finding_id: Mapped[str] = mapped_column(String(40), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))  # accept | dismiss | reopen | note | undo | suppress
    status: Mapped[str] = mapped_column(String(16))  # status after this decision: new | accepted | dismissed
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Enough of the finding to show a decision even when the finding is gone.
    rule: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(Text)
