"""The fingerprint of the rule pack each document was extracted with (checker.pipeline.pack_fingerprint).

A document whose fingerprint differs from the pack of a run is extracted again, in place, on the
next ingest or check (or by ``checker db reextract``).  Documents stored before have none (NULL):
the pack they were read with is not known, so they count as read with another pack.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 16:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("pack_fingerprint", sa.String(32), nullable=True))


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+), not a batch copy: recreating ``documents`` would
    # delete every article through the ON DELETE CASCADE keys.
    op.drop_column("documents", "pack_fingerprint")
