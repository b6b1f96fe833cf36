"""Drop the index on name_variants.name: occurrences of a name come from facts (kind, text).

Every row of name_variants is a named fact, which the (kind, text) index of facts already
finds by its text; the second index on every name occurrence only cost ingest time (one
more random insert per wildcard key) and space.

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


def downgrade() -> None:
    op.create_index("ix_name_variants_name", "name_variants", ["name"], unique=False)
