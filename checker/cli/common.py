"""Shared CLI pieces: the app, common options, error and console output."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from sqlalchemy import Engine

from checker.config import Settings, load_settings
from checker.errors import CheckerError
from checker.service import open_engine

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

console = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str | None, typer.Option("--db", help="数据库地址（SQLAlchemy URL），默认 CHECKER_DB 或 sqlite:///.checker/checker.db")
]
RulesOption = Annotated[list[str] | None, typer.Option("--rules", help="额外的规则包目录（可多次指定）")]
LangOption = Annotated[str | None, typer.Option("--lang", help="输出语言：zh（默认）或 en")]
DateOption = Annotated[
    str | None, typer.Option("--date", help="版面没有印出日期时使用的出版日期，格式 YYYY-MM-DD")
]
KeepGoingOption = Annotated[bool, typer.Option("--keep-going", help="遇到无法读取的文件时继续处理其他文件")]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="并行处理文件的进程数")]


def fail(message: str, code: int = 2) -> NoReturn:
    """One line naming the problem, on stderr, and exit code 2 (usage or input error)."""
    print(f"checker: {message}", file=sys.stderr)
    sys.exit(code)


def parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CheckerError(f"--date 格式应为 YYYY-MM-DD (expected YYYY-MM-DD): {value}") from exc


def settings_from(
    db: str | None = None,
    rules: list[str] | None = None,
    lang: str | None = None,
    **extra: object,
) -> Settings:
    return load_settings(db=db, rules=rules, lang=lang, **extra)  # type: ignore[arg-type]


def engine_for(settings: Settings) -> Engine:
    def upgrading(current: str, head: str | None) -> None:
        console.print(say(
            settings,
            f"正在把资料库结构从版本 {current} 升级到 {head}（大的资料库可能需要几分钟，请勿中断）…",
            f"Upgrading the database schema from revision {current} to {head} (a large archive may take "
            "minutes; do not interrupt)…",
        ))

    return open_engine(settings.db, on_upgrade=upgrading)


def say(settings: Settings, zh: str, en: str) -> str:
    return en if settings.lang == "en" else zh
