"""Occurrences of a name come from facts (kind, text, article_id), index-only.

Every row of name_variants is a named fact, which the (kind, text) index of facts already
finds by its text: the index on name_variants.name only cost ingest time (one more random
insert per wildcard key) and space.  The facts index gains article_id, so the articles a
name occurs in are read from the index without a look-up of each fact row.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 08:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_name_variants_name", table_name="name_variants")
    op.create_index("ix_facts_kind_text_article", "facts", ["kind", "text", "article_id"], unique=False)
    op.drop_index("ix_facts_kind_text", table_name="facts")


def downgrade() -> None:
    op.create_index("ix_facts_kind_text", "facts", ["kind", "text"], unique=False)
    op.drop_index("ix_facts_kind_text_article", table_name="facts")
    op.create_index("ix_name_variants_name", "name_variants", ["name"], unique=False)
