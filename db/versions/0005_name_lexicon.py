"""A lexicon of distinct names per wildcard key replaces one row per name occurrence.

name_variants held a row for every wildcard key of every named fact: 8.2 million rows for
1.8 million distinct (key, name) pairs at 100,000 archived files, every row a random-place
index insert at ingest, and a variant lookup counted all the occurrences of every name
under a key (a frequent name has thousands).  name_keys holds each (key, name) once; counts
and occurrences come from the (kind, text, article_id) index of facts.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 11:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The named kinds and the longest name with wildcard keys, as revision 0005 stores them.
_NAME_KINDS = ("person", "place", "org", "name")
_MAX_VARIANT_NAME = 24


def upgrade() -> None:
    op.create_table(
        "name_keys",
        sa.Column("variant_key", sa.String(length=128), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("variant_key", "name", name=op.f("pk_name_keys")),
        sqlite_with_rowid=False,
    )
    op.execute(
        "INSERT INTO name_keys (variant_key, name) "
        "SELECT DISTINCT variant_key, name FROM name_variants ORDER BY variant_key, name"
    )
    op.drop_table("name_variants")


def downgrade() -> None:
    op.create_table(
        "name_variants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.Column("variant_key", sa.String(length=128), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_name_variants_article_id_articles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["facts.id"], name=op.f("fk_name_variants_fact_id_facts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_name_variants")),
    )
    # One row per wildcard key of every named fact, as revision 0004 wrote them at ingest.
    bind = op.get_bind()
    facts = bind.execute(
        sa.text("SELECT id, article_id, text FROM facts WHERE kind IN :kinds ORDER BY id").bindparams(
            sa.bindparam("kinds", expanding=True)
        ),
        {"kinds": list(_NAME_KINDS)},
    ).all()
    rows = [
        {"article_id": article_id, "fact_id": fact_id, "variant_key": text[:i] + "?" + text[i + 1 :], "name": text}
        for fact_id, article_id, text in facts
        if text and 2 <= len(text) <= _MAX_VARIANT_NAME
        for i in range(len(text))
    ]
    if rows:
        table = sa.table(
            "name_variants", sa.column("article_id"), sa.column("fact_id"), sa.column("variant_key"), sa.column("name")
        )
        op.bulk_insert(table, rows)
    op.create_index(op.f("ix_name_variants_article_id"), "name_variants", ["article_id"], unique=False)
    op.create_index(op.f("ix_name_variants_fact_id"), "name_variants", ["fact_id"], unique=False)
    op.create_index("ix_name_variants_key_name", "name_variants", ["variant_key", "name"], unique=False)
    op.drop_table("name_keys")
