"""Facts and passage bands refer to their sentence without a foreign key; bands without rowid.

A fact's and a band's rows go with their article (the foreign key to articles cascades),
and sentences are only ever deleted with their article, so the foreign keys to sentences
and the indexes that served their cascades did nothing but cost: on PostgreSQL every band
and fact row checked its sentence (ingesting 1,000 files took 35 s instead of 18 s), and on
SQLite the two indexes held 170 MB of a 2.5 GB archive of 100,000 files.  On SQLite the
band table becomes its primary-key index (WITHOUT ROWID): one B-tree instead of two.

SQLite cannot drop a constraint: both tables are copied (Alembic's batch mode), which takes
a while once on a large archive.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 14:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, the foreign key to sentences, the index on sentence_id), as revision 0001 named them.
_REFERENCES = (
    ("facts", "fk_facts_sentence_id_sentences", "ix_facts_sentence_id"),
    ("passage_bands", "fk_passage_bands_sentence_id_sentences", "ix_passage_bands_sentence_id"),
)


def upgrade() -> None:
    for table, foreign_key, index in _REFERENCES:
        # Elsewhere than SQLite these are plain ALTER statements; table_kwargs only apply to the copy.
        kwargs = {"sqlite_with_rowid": False} if table == "passage_bands" else {}
        with op.batch_alter_table(table, table_kwargs=kwargs) as batch_op:
            batch_op.drop_index(index)
            batch_op.drop_constraint(foreign_key, type_="foreignkey")


def downgrade() -> None:
    for table, foreign_key, index in _REFERENCES:
        # recreate="auto": the copy on SQLite (with a rowid again) adds the constraint.
        with op.batch_alter_table(table) as batch_op:
            batch_op.create_foreign_key(foreign_key, "sentences", ["sentence_id"], ["id"], ondelete="CASCADE")
            batch_op.create_index(index, ["sentence_id"], unique=False)
