"""Character pairs of the archive's text (``char_bigrams``), counted from what is stored.

The spelling check (TYP006) learns from the newsroom's own text how often each pair of
adjacent Chinese characters is written.  Ingest keeps the counts from now on; an existing
archive gets them here, counted from its headlines and sentences (page furniture left out).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 16:30:00
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FURNITURE = "furniture"
_BATCH = 20_000


def _cjk(ch: str) -> bool:
    # The ranges of checker.text.normalise.is_cjk as revision 0010 counts them.
    code = ord(ch)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x2FA1F or 0x3040 <= code <= 0x30FF)


def _pairs(texts: Iterator[str | None]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        if not text:
            continue
        compact = "".join(text.split())
        counts.update(compact[i : i + 2] for i in range(len(compact) - 1) if _cjk(compact[i]) and _cjk(compact[i + 1]))
    return counts


def upgrade() -> None:
    op.create_table(
        "char_bigrams",
        sa.Column("bigram", sa.String(length=2), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bigram", name=op.f("pk_char_bigrams")),
        sqlite_with_rowid=False,
    )
    connection = op.get_bind()
    heads = connection.execute(sa.text(
        "SELECT headline, subheadline, kicker FROM articles WHERE kind <> :furniture"
    ), {"furniture": _FURNITURE})
    counts = _pairs(text for row in heads for text in row)
    body = connection.execute(sa.text(
        "SELECT s.text FROM sentences s JOIN articles a ON a.id = s.article_id WHERE a.kind <> :furniture"
    ), {"furniture": _FURNITURE})
    counts.update(_pairs(row[0] for row in body))
    rows = [{"bigram": b, "count": n} for b, n in sorted(counts.items())]
    table = sa.table("char_bigrams", sa.column("bigram", sa.String), sa.column("count", sa.Integer))
    for i in range(0, len(rows), _BATCH):
        connection.execute(table.insert(), rows[i : i + _BATCH])


def downgrade() -> None:
    op.drop_table("char_bigrams")
