"""Settings: command-line flags over environment over ``checker.toml`` / ``[tool.checker]``.

``checker.toml`` (or the ``[tool.checker]`` table of ``pyproject.toml``) is looked for
in the working directory and its parents.  Recognised keys::

    db = "sqlite:///.checker/checker.db"   # or postgresql+psycopg://...
    rules = ["newsroom-rules"]              # extra rule packs, relative to the config file
    fail-on = "error"                       # error | warning | info | never
    lang = "zh"                             # zh | en
    select = ["DUP", "NUM"]                 # only these rule codes / prefixes
    ignore = ["TYP004"]

    [export]                                # column names of an archive export (.jsonl .csv .tsv)
    title = "标题"                           # defaults: title, date, author, body
    date = "发布日期"
    author = "作者"
    body = "正文"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checker.errors import UsageError
from checker.read.export import DEFAULT_COLUMNS, FIELDS, ExportColumns
from checker.store.session import default_url

FAIL_LEVELS = ("error", "warning", "info", "never")
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Settings:
    db: str = field(default_factory=default_url)
    rules: tuple[str, ...] = ()
    fail_on: str = "error"
    lang: str = "zh"
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    config_file: Path | None = None
    export_columns: ExportColumns = DEFAULT_COLUMNS


def _export_columns(path: Path, table: object) -> ExportColumns:
    """The ``[export]`` table: which column holds each field; unknown keys and non-text values are errors."""
    if table is None:
        return DEFAULT_COLUMNS
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [export] 应为表，如 body = \"正文\" (must be a table)")
    for key, value in table.items():
        if key not in FIELDS:
            raise UsageError(f"{path}: [export] 中的 {key} 无效，可选 {', '.join(FIELDS)} (unknown key)")
        if not isinstance(value, str) or not value.strip():
            raise UsageError(f"{path}: [export] {key} 应为列名 (must be a column name)")
    return ExportColumns.of({k: v.strip() for k, v in table.items()})


def _find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    for directory in [start, *start.parents]:
        candidate = directory / "checker.toml"
        if candidate.is_file():
            return candidate, _read_toml(candidate)
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("checker")
            if isinstance(table, dict):
                return pyproject, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: 配置文件无法解析 (cannot parse config): {exc}") from exc


def load_settings(
    *,
    db: str | None = None,
    rules: list[str] | None = None,
    fail_on: str | None = None,
    lang: str | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    cwd: Path | None = None,
) -> Settings:
    settings = Settings()
    found = _find_config((cwd or Path.cwd()).resolve())
    if found:
        path, table = found
        base = path.parent
        rule_dirs = table.get("rules", [])
        if isinstance(rule_dirs, str):
            rule_dirs = [rule_dirs]
        settings = replace(
            settings,
            db=os.environ.get("CHECKER_DB") or table.get("db", settings.db),
            rules=tuple(str((base / r).resolve()) for r in rule_dirs),
            fail_on=table.get("fail-on", settings.fail_on),
            lang=table.get("lang", settings.lang),
            select=frozenset(table.get("select", [])),
            ignore=frozenset(table.get("ignore", [])),
            config_file=path,
            export_columns=_export_columns(path, table.get("export")),
        )
    if env_lang := os.environ.get("CHECKER_LANG"):
        settings = replace(settings, lang=env_lang)
    settings = replace(
        settings,
        db=db or settings.db,
        rules=settings.rules + tuple(str(Path(r).resolve()) for r in rules or []),
        fail_on=fail_on or settings.fail_on,
        lang=lang or settings.lang,
        select=frozenset(select) if select else settings.select,
        ignore=settings.ignore | frozenset(ignore or []),
    )
    if settings.fail_on not in FAIL_LEVELS:
        raise UsageError(f"--fail-on 取值无效 (invalid): {settings.fail_on}；可选 {', '.join(FAIL_LEVELS)}")
    if settings.lang not in LANGS:
        raise UsageError(f"--lang 取值无效 (invalid): {settings.lang}；可选 zh, en")
    return settings
