"""What an editor is shown of a document whose file holds markup (web page, Markdown, export row):
the clean text of the reading stage and its map to the file text.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 16:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_BATCH = 500


def upgrade() -> None:
    op.add_column("documents", sa.Column("clean_text", sa.Text(), nullable=True))
    op.add_column("documents", sa.Column("clean_runs", sa.JSON(), nullable=True))
    # Web pages and Markdown files stored before: their clean text made again from the stored file
    # text by the same reading stage ingest uses.
    from checker.model import RawDocument
    from checker.read import clean_text, reading

    docs = sa.table(
        "documents", sa.column("id", sa.Integer), sa.column("path", sa.String), sa.column("format", sa.String),
        sa.column("text", sa.Text), sa.column("clean_text", sa.Text), sa.column("clean_runs", sa.JSON),
    )
    bind = op.get_bind()
    ids = list(bind.execute(sa.select(docs.c.id).where(docs.c.format.in_(["md", "html"])).order_by(docs.c.id))
               .scalars())
    for at in range(0, len(ids), _BATCH):
        rows = bind.execute(
            sa.select(docs.c.id, docs.c.path, docs.c.format, docs.c.text).where(docs.c.id.in_(ids[at : at + _BATCH]))
        ).all()
        for doc_id, path, fmt, text in rows:
            raw = RawDocument(path=path, text=text, format=fmt, encoding=None, content_hash="")
            clean = clean_text(raw, reading(raw))
            if clean is not None:
                bind.execute(docs.update().where(docs.c.id == doc_id).values(
                    clean_text=clean.text, clean_runs=[list(r) for r in clean.runs()]))


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+), not a batch copy: recreating ``documents`` would
    # delete every article through their ON DELETE CASCADE keys.
    op.drop_column("documents", "clean_runs")
    op.drop_column("documents", "clean_text")
