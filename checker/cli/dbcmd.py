"""``checker db upgrade|current|downgrade``: the schema migrations."""

from __future__ import annotations

from typing import Annotated

import typer

from checker.cli.common import DbOption, app, require_archive, settings_from
from checker.store import migrate
from checker.store.session import get_engine

db_app = typer.Typer(help="数据库结构迁移（Alembic）。", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def upgrade(db: DbOption = None, revision: Annotated[str, typer.Argument(help="目标版本")] = "head") -> None:
    """把数据库升级到最新结构（首次使用时也会自动执行）。"""
    engine = get_engine(settings_from(db=db).db)
    migrate.upgrade(engine, revision)
    typer.echo(f"数据库结构版本：{migrate.current_revision(engine)}")


@db_app.command("downgrade")
def downgrade(revision: Annotated[str, typer.Argument(help="目标版本，如 -1 或 base")], db: DbOption = None) -> None:
    """把数据库降级到指定结构版本。"""
    settings = settings_from(db=db)
    require_archive(settings)
    engine = get_engine(settings.db)
    migrate.downgrade(engine, revision)
    typer.echo(f"数据库结构版本：{migrate.current_revision(engine)}")


@db_app.command("current")
def current(db: DbOption = None) -> None:
    """显示数据库当前的结构版本与最新版本。"""
    settings = settings_from(db=db)
    require_archive(settings)
    engine = get_engine(settings.db)
    typer.echo(f"当前 {migrate.current_revision(engine)}，最新 {migrate.head_revision(engine)}")
