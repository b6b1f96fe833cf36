"""``checker baseline write FILE [PATH…]``: a portable baseline for pipelines without the database.

With PATHs the files are checked now (ingested into the database given by ``--db``,
usually a throwaway one in CI) and their findings written; without PATHs every
finding stored in the database is written.  ``checker check --baseline FILE`` then
fails only on findings whose ids are not in the file.  Ids hash the problem's text,
not its line, so the baseline still matches after lines shift.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from checker.baseline import write_baseline
from checker.cli.common import (
    DateOption,
    DbOption,
    KeepGoingOption,
    LangOption,
    RulesOption,
    app,
    engine_for,
    parse_date,
    say,
    settings_from,
)
from checker.cli.ingest import report_errors
from checker.errors import CheckerError
from checker.service import check_files, collect_files, stored_findings
from checker.store.session import transaction

baseline_app = typer.Typer(help="基线文件：记录已知问题，供不共享数据库的流水线使用（check --baseline）。",
                           no_args_is_help=True)
app.add_typer(baseline_app, name="baseline")


@baseline_app.command("write")
def write(
    file: Annotated[Path, typer.Argument(help="要写入的基线文件（JSON）", metavar="FILE")],
    paths: Annotated[
        list[Path] | None, typer.Argument(help="先检查这些文件或目录；不写则取数据库中的全部问题", metavar="PATH")
    ] = None,
    db: DbOption = None,
    extra_rules: RulesOption = None,
    date: DateOption = None,
    keep_going: KeepGoingOption = False,
    lang: LangOption = None,
) -> None:
    """把当前问题写入基线文件：之后 checker check --baseline FILE 只因新问题失败。"""
    settings = settings_from(db=db, rules=extra_rules, lang=lang)
    engine = engine_for(settings, create=bool(paths))  # without PATHs it only reads what is stored
    code = 0
    if paths:
        files, missing = collect_files(paths, keep_going)
        result = check_files(engine, files, rules=settings.rules, select_codes=set(settings.select) or None,
                             ignore_codes=set(settings.ignore) or None, default_date=parse_date(date),
                             keep_going=keep_going)
        code = report_errors(result.ingest, missing)
        findings = result.findings
    else:
        with transaction(engine) as session:
            findings = stored_findings(session)
    try:
        count = write_baseline(file, findings)
    except OSError as exc:
        raise CheckerError(f"{file}: 无法写入基线文件 (cannot write baseline): {exc.strerror}") from exc
    typer.echo(say(settings, f"已把 {count} 个问题写入基线 {file}。", f"Wrote {count} findings to baseline {file}."),
               err=True)
    if code:
        raise typer.Exit(code)
