"""A database made by an older schema revision is upgraded to head with every review decision kept.

Generic over the migration history: for every revision that has a predecessor, a database
is built at the predecessor with :func:`checker.store.migrate.upgrade`, review rows are
written with plain SQLAlchemy Core against the table *as it is at that revision*, then the
database is upgraded to head and every decision must still be there.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, Table, insert, select
from sqlalchemy.types import Boolean, Date, DateTime, Float, Integer, Numeric, String, Text

from checker.store import migrate
from checker.store.session import get_engine

DECISIONS = [
    ("NUM001-00000000000000a1", 1, "accept", "accepted", None, "王编辑"),
    ("NUM001-00000000000000a1", 2, "note", "accepted", "已与记者核实", "王编辑"),
    ("NUM001-00000000000000a1", 3, "undo", "new", None, "李编辑"),
    ("DUP001-00000000000000b2", 1, "dismiss", "dismissed", "转载，无需处理", "李编辑"),
    ("NAM002-00000000000000c3", 1, "suppress", "dismissed", None, "editor"),
    ("DATE01-00000000000000d4", 1, "accept", "accepted", "日期 “5月31日” 有误", "张 三"),
]


def _steps(engine: Engine) -> list[tuple[str, str]]:
    """(older, newer) for every revision that has exactly one predecessor, oldest first."""
    script = ScriptDirectory.from_config(migrate.alembic_config(engine))
    steps = []
    for rev in script.walk_revisions():
        down = rev.down_revision
        if isinstance(down, str):
            steps.append((down, rev.revision))
    return list(reversed(steps))


def _filler(column: Any) -> Any:
    """A value for a NOT NULL column this test does not know about (added by a later revision)."""
    kind = column.type
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, DateTime):
        return datetime(2024, 1, 1)
    if isinstance(kind, Date):
        return datetime(2024, 1, 1).date()
    if isinstance(kind, Integer | Float | Numeric):
        return 0
    if isinstance(kind, String | Text):
        return ""
    return None


def _insert_decisions(engine: Engine) -> None:
    reviews = Table("reviews", MetaData(), autoload_with=engine)
    known = {"finding_id", "seq", "action", "status", "note", "reviewer", "created_at", "rule", "text"}
    rows = []
    for n, (finding_id, seq, action, status, note, reviewer) in enumerate(DECISIONS):
        row: dict[str, Any] = {
            "finding_id": finding_id, "seq": seq, "action": action, "status": status, "note": note,
            "reviewer": reviewer, "created_at": datetime(2024, 5, 1, 9, n), "rule": finding_id.split("-")[0],
            "text": "原文片段",
        }
        for column in reviews.columns:
            if column.name not in known and not column.nullable and not column.primary_key:
                row[column.name] = _filler(column)
        rows.append({k: v for k, v in row.items() if k in reviews.columns})
    with engine.begin() as conn:
        conn.execute(insert(reviews), rows)


def test_upgrade_keeps_every_review_decision(db_url: str) -> None:
    engine = get_engine(db_url)
    steps = _steps(engine)
    if not steps:
        pytest.skip("db/versions has a single revision: there is no older schema to upgrade from yet")
    older, _newer = steps[-1]  # the revision before head: what the previous release created
    migrate.upgrade(engine, older)
    assert migrate.current_revision(engine) == older
    _insert_decisions(engine)

    migrate.forget_ready()
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision(engine)
    reviews = Table("reviews", MetaData(), autoload_with=engine)
    with engine.connect() as conn:
        stored = {
            (r.finding_id, r.seq, r.action, r.status, r.note, r.reviewer)
            for r in conn.execute(select(reviews))
        }
    assert stored == set(DECISIONS)


def test_every_step_of_the_history_keeps_decisions(tmp_path: Any) -> None:
    """Each older revision in turn (SQLite): decisions written there survive the upgrade to head."""
    probe = get_engine(f"sqlite:///{tmp_path / 'probe.db'}")
    steps = _steps(probe)
    if not steps:
        pytest.skip("db/versions has a single revision: there is no older schema to upgrade from yet")
    for older, _newer in steps:
        engine = get_engine(f"sqlite:///{tmp_path / f'from-{older}.db'}")
        migrate.upgrade(engine, older)
        _insert_decisions(engine)
        migrate.upgrade(engine)
        with engine.connect() as conn:
            count = conn.execute(select(Table("reviews", MetaData(), autoload_with=engine))).all()
        assert len(count) == len(DECISIONS), older
