"""Staging tables for bulk loads: a large ingest appends bands and names, merged at its end.

Storing a document inserts ~90 passage bands and ~50 name-lexicon pairs whose keys are
random, so in a large archive nearly every row lands on a different page of a large B-tree,
and every commit writes those pages again (at 100,000 files a commit of 500 documents wrote
about 1 GB).  A bulk load (checker.store.bulk) appends these rows to the two tables below in
the order they arrive and merges them, sorted, into passage_bands and name_keys when it ends.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 16:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The indexes a bulk load drops while it runs, as revisions 0001 and 0004 defined them.
_DEFERRED_INDEXES = (
    ("ix_sentences_text_hash", "sentences", ["text_hash"]),
    ("ix_facts_key", "facts", ["key"]),
    ("ix_facts_kind_text_article", "facts", ["kind", "text", "article_id"]),
)


def upgrade() -> None:
    op.create_table(
        "staged_passage_bands",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("sentence_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_staged_passage_bands_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "sentence_id", "band", name=op.f("pk_staged_passage_bands")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "staged_name_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("variant_key", sa.String(length=128), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staged_name_keys")),
    )


def downgrade() -> None:
    # An unfinished bulk load is finished first, so that no stored row is lost.
    op.execute(
        "INSERT INTO passage_bands (band, sentence_id, article_id) "
        "SELECT band, sentence_id, article_id FROM staged_passage_bands ORDER BY band, sentence_id"
    )
    op.execute(
        "INSERT INTO name_keys (variant_key, name) SELECT DISTINCT s.variant_key, s.name FROM staged_name_keys s "
        "WHERE NOT EXISTS (SELECT 1 FROM name_keys k WHERE k.variant_key = s.variant_key AND k.name = s.name)"
    )
    inspector = sa.inspect(op.get_bind())
    for name, table, columns in _DEFERRED_INDEXES:
        if name not in {index["name"] for index in inspector.get_indexes(table)}:
            op.create_index(name, table, columns)
    op.drop_table("staged_name_keys")
    op.drop_table("staged_passage_bands")
