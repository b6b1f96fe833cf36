"""An index on documents.pack_fingerprint: every ingest and check looks for the documents read with
another rule pack, and without it that look-up reads the whole table (which holds every text).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 17:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op


revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_documents_pack_fingerprint", "documents", ["pack_fingerprint"])


def downgrade() -> None:
    op.drop_index("ix_documents_pack_fingerprint", table_name="documents")
