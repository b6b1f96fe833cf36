"""In-process Alembic: the schema is created and upgraded on first use, from a checkout or a wheel.

Alembic is imported only when the schema needs work: :func:`ensure_schema` first reads
the ``alembic_version`` table with a plain query and compares it with the newest
revision named in ``db/versions/*.py`` (read as text), which costs about a millisecond
against ~0.1 s for importing Alembic in every ``checker`` process.

An empty database gets the head schema straight from the models (``create_all``) and is
stamped with the head revision, in one transaction: replaying every migration on a new
file took ~0.5 s of each first run (and of every test with a fresh database), and the test
suite checks that both ways build the same tables, columns, keys and indexes.  Existing
databases are always upgraded by the migrations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from checker.resources import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config

_READY: set[str] = set()
_REVISION_RE = re.compile(r"^(down_)?revision\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    config.attributes["engine"] = engine
    return config


def head_revision(engine: Engine) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


@cache
def _quick_head() -> str | None:
    """The single head revision of ``db/versions``, read from the files' text without Alembic.

    ``None`` when the files are not simple enough to read this way (branches, merges,
    computed values): the caller then asks Alembic.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    versions = migrations_dir() / "versions"
    if not versions.is_dir():
        return None
    for path in versions.glob("*.py"):
        found = {bool(m.group(1)): m.group(2) for m in _REVISION_RE.finditer(path.read_text(encoding="utf-8"))}
        rev, down = found.get(False), found.get(True)
        if rev is None or down is None or not re.fullmatch(r"(['\"])[\w-]+\1", rev):
            return None
        revisions.add(rev[1:-1])
        if down != "None":
            if not re.fullmatch(r"(['\"])[\w-]+\1", down):
                return None
            parents.add(down[1:-1])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _stored_revisions(engine: Engine) -> set[str] | None:
    """Revisions in the ``alembic_version`` table; ``None`` if it cannot be read (no table yet)."""
    try:
        with engine.connect() as conn:
            return {str(r[0]) for r in conn.execute(text("SELECT version_num FROM alembic_version"))}
    except DBAPIError:
        return None


# The table Alembic keeps its revision in, as Alembic creates it.
_VERSION_TABLE_DDL = (
    "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
)


def create_head_schema(engine: Engine, head: str) -> bool:
    """Give an empty database the models' schema stamped ``head``; False if it holds any table.

    One transaction: a second process doing the same at once fails on the first table that
    exists, rolls back and finds the schema made (see :func:`ensure_schema`).
    """
    from checker.store.models import Base

    with engine.begin() as conn:
        if inspect(conn).get_table_names():
            return False
        Base.metadata.create_all(conn, checkfirst=False)
        conn.exec_driver_sql(_VERSION_TABLE_DDL)
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:head)"), {"head": head})
    return True


def ensure_schema(engine: Engine, on_upgrade: Callable[[str, str | None], None] | None = None) -> None:
    """Upgrade to head unless already there; safe when two processes start at once.

    ``on_upgrade(from_revision, head)`` is called before an existing database is upgraded
    (not when an empty one gets its tables): copying a large archive's tables can take minutes.
    """
    key = engine.url.render_as_string(hide_password=False)
    if key in _READY:
        return
    quick = _quick_head()
    stored = _stored_revisions(engine) if quick is not None else None
    if quick is not None and stored == {quick}:
        _READY.add(key)  # at head: no Alembic import at all
        return
    if quick is not None and stored is None:
        try:
            if create_head_schema(engine, quick):
                _READY.add(key)
                return
        except DBAPIError:
            pass  # made by another process meanwhile: checked below like any other schema
    head = head_revision(engine)
    current = current_revision(engine)
    if current != head:
        if current is not None and on_upgrade is not None:
            on_upgrade(current, head)
        try:
            upgrade(engine)
        except DBAPIError:
            # Another process may have upgraded in the meantime; only that is acceptable.
            if current_revision(engine) != head:
                raise
    _READY.add(key)


def forget_ready() -> None:
    """Tests that drop or downgrade schemas call this so the next use checks again."""
    _READY.clear()
