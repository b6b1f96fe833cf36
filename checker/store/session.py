"""Engine and sessions from a database URL; SQLite gets WAL, a busy timeout and foreign keys."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from checker.errors import UsageError

DEFAULT_DB_PATH = Path(".checker") / "checker.db"
SQLITE_BUSY_TIMEOUT_MS = 60_000


def default_url() -> str:
    """``CHECKER_DB`` if set, else an SQLite file ``.checker/checker.db`` under the working directory."""
    return os.environ.get("CHECKER_DB") or f"sqlite:///{DEFAULT_DB_PATH}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # 32 MiB of page cache (default 2 MiB): ingest updates several indexes at random places
    # (hashes, bands, name variants); with the small cache storing took ~25 % longer.
    cursor.execute("PRAGMA cache_size=-32768")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    # BEGIN IMMEDIATE takes the write lock up front, so two writers queue on the busy
    # timeout instead of one failing with "database is locked" when it upgrades a read lock.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    url = url or default_url()
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise UsageError(f"数据库地址无效 (invalid database URL): {url}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            parsed,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "isolation_level": None},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed on success, rolled back on any error."""
    session = make_sessionmaker(engine)()
    try:
        with session.begin():
            yield session
    finally:
        session.close()
