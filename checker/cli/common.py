"""Shared CLI pieces: the app, common options, error and console output."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

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
    str | None,
    typer.Option("--db", help="数据库：SQLite 文件路径或 SQLAlchemy URL，默认 CHECKER_DB 或 .checker/checker.db"),
]
RulesOption = Annotated[list[str] | None, typer.Option("--rules", help="额外的规则包目录（可多次指定）")]
LangOption = Annotated[
    str | None, typer.Option("--lang", help="输出语言：zh（默认）或 en；也可写在子命令之前，或设 CHECKER_LANG")
]
DateOption = Annotated[
    str | None, typer.Option("--date", help="版面没有印出日期时使用的出版日期，格式 YYYY-MM-DD")
]
KeepGoingOption = Annotated[bool, typer.Option("--keep-going", help="遇到无法读取的文件时继续处理其他文件")]
JobsOption = Annotated[
    int | None, typer.Option("--jobs", "-j", min=1, help="并行处理文件的进程数，默认为本机可用的 CPU 核数")
]


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


# ``checker --lang en COMMAND``: the root callback keeps the option here for every command's
# settings (a command's own ``--lang`` wins).  Set on every invocation, so it never leaks.
_global_options: dict[str, str | None] = {"lang": None}


def set_global_lang(lang: str | None) -> None:
    _global_options["lang"] = lang


def database_url(value: str) -> str:
    """A URL for ``--db``: SQLAlchemy URLs as given, a plain path as an SQLite file."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def settings_from(
    db: str | None = None,
    rules: list[str] | None = None,
    lang: str | None = None,
    **extra: object,
) -> Settings:
    settings = load_settings(db=db, rules=rules, lang=lang or _global_options["lang"], **extra)  # type: ignore[arg-type]
    return replace(settings, db=database_url(settings.db))


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL (None for other databases and in-memory SQLite)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None  # get_engine names the bad URL
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).expanduser()


def require_archive(settings: Settings) -> None:
    """Exit 2 when the archive is an SQLite file that does not exist (rather than create an
    empty one: commands that read or decide on what is stored would then show nothing)."""
    missing = sqlite_file(settings.db)
    if missing is not None and not missing.exists():
        fail(say(
            settings,
            f"资料库不存在：{missing}（请检查 --db 或 CHECKER_DB；"
            "新建资料库请先运行 checker ingest 或 checker check）",
            f"no archive at {missing} (check --db or CHECKER_DB; to start one, run checker ingest or "
            "checker check first)",
        ))


def engine_for(settings: Settings, *, create: bool = True) -> Engine:
    """The archive's engine, its schema upgraded.  ``create=False`` for commands that only read
    or decide on what is stored: see :func:`require_archive`."""
    if not create:
        require_archive(settings)

    def upgrading(current: str, head: str | None) -> None:
        console.print(say(
            settings,
            f"正在把资料库结构从版本 {current} 升级到 {head}（大的资料库可能需要几分钟，请勿中断）…",
            f"Upgrading the database schema from revision {current} to {head} (a large archive may take "
            "minutes; do not interrupt)…",
        ))

    return open_engine(settings.db, on_upgrade=upgrading)


def check_choice(settings: Settings, option: str, value: str | None, choices: Sequence[str]) -> None:
    """Exit 2 naming the valid values when ``value`` (given) is not one of ``choices``."""
    if value is not None and value not in choices:
        fail(say(settings, f"{option} 取值无效：{value}；可选 {', '.join(choices)}",
                 f"invalid {option}: {value}; choose from {', '.join(choices)}"))


def rule_codes(settings: Settings, option: str | None, values: Iterable[str]) -> list[str]:
    """``values`` as rule codes or prefixes (upper case); exit 2 naming the codes when one
    matches no rule.  ``option`` names where the value came from (``--select``)."""
    from checker.checks.registry import all_rules  # the rule modules load only when needed

    known = list(all_rules())
    out = []
    for value in values:
        code = value.strip().upper()
        if not code or not any(k.startswith(code) for k in known):
            zh_where, en_where = (f"（{option}）", f" ({option})") if option else ("", "")
            fail(say(settings, f"没有规则代码 {value}{zh_where}，它也不是任何代码的前缀；可选 {', '.join(known)}",
                     f"no rule code {value}{en_where}, nor a prefix of one; choose from {', '.join(known)}"))
        out.append(code)
    return out


def usable_cores() -> int:
    """CPUs this process may run on (its affinity mask, e.g. a container's or taskset's share)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return max(1, int(counter() or 1))
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def jobs_or_default(jobs: int | None) -> int:
    """``--jobs`` as given, else one process per usable core."""
    return jobs if jobs else usable_cores()


def stderr_console() -> Console:
    """Standard error through Rich, made per command (for progress: see :func:`stdout_console`)."""
    return Console(stderr=True, highlight=False)


def stdout_console() -> Console:
    """Standard output through Rich: colour on a terminal, none in a pipe or file; Rich reads
    ``NO_COLOR`` and ``FORCE_COLOR``.  Made per command, as the terminal is detected when the
    console is made.  Lines are never wrapped or cut (``soft_wrap``)."""
    return Console(highlight=False, soft_wrap=True, emoji=False, markup=False)


def say(settings: Settings, zh: str, en: str) -> str:
    return en if settings.lang == "en" else zh
