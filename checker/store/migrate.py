"""In-process Alembic: the schema is created and upgraded on first use, from a checkout or a wheel."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from checker.resources import migrations_dir

_READY: set[str] = set()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    config.attributes["engine"] = engine
    return config


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)


def ensure_schema(engine: Engine) -> None:
    """Upgrade to head unless already there; safe when two processes start at once."""
    key = engine.url.render_as_string(hide_password=False)
    if key in _READY:
        return
    head = head_revision(engine)
    if current_revision(engine) != head:
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
