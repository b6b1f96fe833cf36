"""Covering index (variant_key, name): name-variant lookups stay flat as the archive grows.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 04:49:26.589868
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("name_variants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_name_variants_variant_key"))
        batch_op.create_index("ix_name_variants_key_name", ["variant_key", "name"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("name_variants", schema=None) as batch_op:
        batch_op.drop_index("ix_name_variants_key_name")
        batch_op.create_index(batch_op.f("ix_name_variants_variant_key"), ["variant_key"], unique=False)
