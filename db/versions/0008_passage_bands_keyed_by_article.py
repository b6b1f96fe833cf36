"""Passage bands keyed by article: a bulk load appends them, and builds only the band index at its end.

Revision 0007 kept the bands keyed by band value (random with respect to arrival order),
so a bulk load staged them in arrival order and, at its end, sorted ten million of them into
the table and then again into the index by article (26 s + 20 s at 100,000 files).  Keyed by
(article, sentence, band), new bands are appended to the table as they come, an article's
bands are one range of it, and candidates are found through ``ix_passage_bands_band``,
which holds every column; a bulk load drops that index and builds it once (22.6 s at
100,000 files).  The staging table for bands goes; its rows, left by a bulk load that was
killed before its end, are moved into the table.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 19:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = "article_id, sentence_id, band"


def _set_aside(name: str) -> None:
    """Rename ``passage_bands`` to ``name``; on PostgreSQL also its primary key's index, whose name
    is unique in the whole schema (an SQLite primary key of a table without rowid has none)."""
    op.rename_table("passage_bands", name)
    if op.get_bind().dialect.name != "sqlite":
        op.execute(f"ALTER INDEX pk_passage_bands RENAME TO pk_{name}")


def _bands_table(*key: str) -> None:
    op.create_table(
        "passage_bands",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("sentence_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_passage_bands_article_id_articles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint(*key, name=op.f("pk_passage_bands")),
        sqlite_with_rowid=False,
    )


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_passage_bands_article_id")
    _set_aside("passage_bands_0007")
    _bands_table("article_id", "sentence_id", "band")
    op.execute(
        f"INSERT INTO passage_bands ({_COLUMNS}) SELECT {_COLUMNS} FROM passage_bands_0007 "
        f"UNION SELECT {_COLUMNS} FROM staged_passage_bands ORDER BY 1, 2, 3"
    )
    op.drop_table("passage_bands_0007")
    op.drop_table("staged_passage_bands")
    op.create_index("ix_passage_bands_band", "passage_bands", ["band", "sentence_id", "article_id"])


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_passage_bands_band")  # absent while a bulk load is unfinished
    _set_aside("passage_bands_0008")
    _bands_table("band", "sentence_id")
    op.execute(
        f"INSERT INTO passage_bands ({_COLUMNS}) SELECT {_COLUMNS} FROM passage_bands_0008 ORDER BY band, sentence_id"
    )
    op.create_index("ix_passage_bands_article_id", "passage_bands", ["article_id"])
    op.drop_table("passage_bands_0008")
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
