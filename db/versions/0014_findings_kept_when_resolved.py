"""Findings outlive their articles (kept as resolved), and a pairwise problem has one id from both sides.

- ``findings.article_id`` and ``related_article_id`` become NULL, not deleted, when the
  article is replaced on re-ingest: the finding and its decisions stay until a check of
  that file finds it again or marks it resolved (``resolved_at``, new).
- ``related_path``: the file of the first related place in another article, so a check of
  that file can tell whether the pair still exists.
- The ids of stored pairwise findings (NUM001, NUM002, NUM003, DUP002, DUP005, NAM002) are
  recomputed as the checks now compute them, over the sorted pair of sides, and their
  decisions move with them; two stored findings that were one problem seen from both
  sides become one, with both histories in the order they were made.

SQLite cannot alter a foreign key: ``findings`` is copied (Alembic's batch mode).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 16:40:00
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The pairwise rules and their id as of this revision (frozen here: a later change of the
# checks must not change what this migration did).
_PAIRWISE = ("NUM001", "NUM002", "NUM003", "DUP002", "DUP005", "NAM002")

_findings = sa.table(
    "findings",
    sa.column("id", sa.String), sa.column("rule", sa.String), sa.column("article_id", sa.Integer),
    sa.column("path", sa.String), sa.column("article_headline", sa.Text), sa.column("line", sa.Integer),
    sa.column("column", sa.Integer), sa.column("raw_start", sa.Integer), sa.column("text", sa.Text),
    sa.column("related", sa.JSON), sa.column("related_path", sa.String),
)
_reviews = sa.table(
    "reviews", sa.column("id", sa.Integer), sa.column("finding_id", sa.String), sa.column("seq", sa.Integer),
    sa.column("created_at", sa.DateTime),
)


def _pair_id(rule: str, one: tuple[str, str, str], other: tuple[str, str, str]) -> str:
    first, second = sorted((one, other))
    digest = hashlib.sha1("\x1f".join([rule, "pair", *first, *second]).encode("utf-8")).hexdigest()
    return f"{rule}-{digest[:16]}"


def _side(place: Any, headline_key: str) -> tuple[str, str, str]:
    return PurePath(str(place["path"])).name, str(place[headline_key] or ""), str(place["text"] or "")


def upgrade() -> None:
    with op.batch_alter_table("findings") as batch_op:
        batch_op.add_column(sa.Column("related_path", sa.String(length=1024), nullable=True))
        batch_op.add_column(sa.Column("resolved_at", sa.DateTime(), nullable=True))
        batch_op.alter_column("article_id", existing_type=sa.Integer(), nullable=True)
        batch_op.drop_constraint("fk_findings_article_id_articles", type_="foreignkey")
        batch_op.drop_constraint("fk_findings_related_article_id_articles", type_="foreignkey")
        batch_op.create_foreign_key("fk_findings_article_id_articles", "articles", ["article_id"], ["id"],
                                    ondelete="SET NULL")
        batch_op.create_foreign_key("fk_findings_related_article_id_articles", "articles",
                                    ["related_article_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index("ix_findings_path", ["path"], unique=False)
        batch_op.create_index("ix_findings_related_path", ["related_path"], unique=False)
        batch_op.create_index("ix_findings_resolved_at", ["resolved_at"], unique=False)
    _fill_related_paths_and_pair_ids(op.get_bind())


def _fill_related_paths_and_pair_ids(conn: sa.Connection) -> None:
    rows = conn.execute(sa.select(_findings).order_by(_findings.c.path, _findings.c.line, _findings.c.column)).all()
    groups: dict[str, list[Any]] = {}
    for row in rows:
        related = list(row.related or [])
        elsewhere = next((r for r in related if r.get("article_id") != row.article_id), None)
        if elsewhere is not None:
            conn.execute(sa.update(_findings).where(_findings.c.id == row.id)
                         .values(related_path=str(elsewhere.get("path"))))
        if row.rule in _PAIRWISE and related:
            here = (PurePath(row.path).name, row.article_headline or "", row.text or "")
            base = _pair_id(row.rule, here, _side(related[0], "article"))
            groups.setdefault(base, []).append(row)
    for base, members in groups.items():
        kept: list[tuple[Any, str]] = []  # (row, its new id)
        for row in members:
            mirror = next((k for k in kept if _is_mirror(k[0], row)), None)
            if mirror is not None:
                _move_reviews(conn, row.id, mirror[1])
                conn.execute(sa.delete(_findings).where(_findings.c.id == row.id))
                continue
            new_id = base if not kept else f"{base}-{len(kept) + 1}"
            kept.append((row, new_id))
            if new_id != row.id:
                conn.execute(sa.update(_findings).where(_findings.c.id == row.id).values(id=new_id))
                _move_reviews(conn, row.id, new_id)


def _is_mirror(one: Any, other: Any) -> bool:
    a, b = list(one.related or []), list(other.related or [])
    if not a or not b:
        return False
    return ((a[0].get("article_id"), a[0].get("raw_start")) == (other.article_id, other.raw_start)
            and (b[0].get("article_id"), b[0].get("raw_start")) == (one.article_id, one.raw_start))


def _move_reviews(conn: sa.Connection, old: str, new: str) -> None:
    """Decisions on ``old`` become decisions on ``new``, merged with any it has, in time order."""
    merged = conn.execute(sa.select(_reviews.c.id).where(_reviews.c.finding_id.in_([old, new]))
                          .order_by(_reviews.c.created_at, _reviews.c.seq, _reviews.c.id)).scalars().all()
    for n, review_id in enumerate(merged, 1):  # away from the unique (finding_id, seq) first
        conn.execute(sa.update(_reviews).where(_reviews.c.id == review_id).values(finding_id=new, seq=-n))
    for n, review_id in enumerate(merged, 1):
        conn.execute(sa.update(_reviews).where(_reviews.c.id == review_id).values(seq=n))


def downgrade() -> None:
    # Findings without an article (kept after a re-ingest) cannot go back under the old key.
    op.execute(sa.delete(_findings).where(_findings.c.article_id.is_(None)))
    with op.batch_alter_table("findings") as batch_op:
        batch_op.drop_index("ix_findings_resolved_at")
        batch_op.drop_index("ix_findings_related_path")
        batch_op.drop_index("ix_findings_path")
        batch_op.drop_constraint("fk_findings_related_article_id_articles", type_="foreignkey")
        batch_op.drop_constraint("fk_findings_article_id_articles", type_="foreignkey")
        batch_op.create_foreign_key("fk_findings_article_id_articles", "articles", ["article_id"], ["id"],
                                    ondelete="CASCADE")
        batch_op.create_foreign_key("fk_findings_related_article_id_articles", "articles",
                                    ["related_article_id"], ["id"], ondelete="CASCADE")
        batch_op.alter_column("article_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("resolved_at")
        batch_op.drop_column("related_path")
