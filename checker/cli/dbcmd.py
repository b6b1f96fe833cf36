"""``checker db upgrade|current|downgrade``: the schema migrations."""

from __future__ import annotations

from typing import Annotated

import typer

from checker.cli.common import (
    DbOption,
    JobsOption,
    LangOption,
    RulesOption,
    app,
    engine_for,
    jobs_or_default,
    require_archive,
    say,
    settings_from,
    stderr_console,
)
from checker.store import migrate
from checker.store.session import get_engine, transaction

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


@db_app.command("reextract")
def reextract_command(
    db: DbOption = None, extra_rules: RulesOption = None, jobs: JobsOption = None, lang: LangOption = None,
) -> None:
    """按当前规则包重新抽取库中用别的规则包抽取的稿件（保留稿件记录与审稿决定）。"""
    from checker.checks.registry import checked_pack
    from checker.cli.ingest import reextract_label
    from checker.cli.progress import phases
    from checker.service import reextract, stale_documents

    settings = settings_from(db=db, rules=extra_rules, lang=lang)
    require_archive(settings)
    pack = checked_pack(settings.rules)
    engine = engine_for(settings)
    with transaction(engine) as session:
        stale = len(stale_documents(session, pack))
    with phases(stderr_console(), stale) as progress:
        summary = reextract(engine, pack, jobs=jobs_or_default(jobs), on_document=progress.counter(
            reextract_label(settings)))
    for exc in summary.errors:
        typer.echo(f"checker: {exc}", err=True)
    typer.echo(say(
        settings,
        f"已按当前规则包重新抽取 {len(summary.results)} 个文件，{summary.articles} 篇稿件。",
        f"Re-extracted {len(summary.results)} files ({summary.articles} articles) with the current rule pack.",
    ))
    raise typer.Exit(2 if summary.errors else 0)
