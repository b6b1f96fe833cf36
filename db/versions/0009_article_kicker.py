"""The kicker (引题) above an article's headline, stored with the article, and its map to the file.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 10:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("kicker", sa.Text(), nullable=True))
    op.add_column("articles", sa.Column("kicker_runs", sa.JSON(), nullable=True))


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+), not a batch copy: recreating ``articles`` would
    # delete every fact and sentence through their ON DELETE CASCADE keys.
    op.drop_column("articles", "kicker_runs")
    op.drop_column("articles", "kicker")
