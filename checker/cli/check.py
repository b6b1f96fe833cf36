"""``checker check PATH…``: ingest, check against the archive, report; exit 1 on new findings."""

from __future__ import annotations

import importlib
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Annotated

import typer

from checker.baseline import read_baseline
from checker.cli.common import (
    DateOption,
    DbOption,
    JobsOption,
    KeepGoingOption,
    LangOption,
    RulesOption,
    app,
    check_choice,
    engine_for,
    jobs_or_default,
    parse_date,
    rule_codes,
    say,
    settings_from,
    stderr_console,
    stdout_console,
)
from checker.cli.ingest import reextract_label, report_errors
from checker.cli.progress import phases
from checker.errors import UsageError
from checker.model import SEVERITY_RANK, SourceText
from checker.service import CheckedFinding, check_files, collect_files

FORMATS = ("text", "json", "sarif", "github")


def failing(findings: Sequence[CheckedFinding], fail_on: str, baseline: set[str]) -> list[CheckedFinding]:
    """New, unreviewed findings at or above ``fail_on`` that the baseline does not know."""
    if fail_on == "never":
        return []
    floor = SEVERITY_RANK[fail_on]
    return [
        f for f in findings
        if f.status == "new" and f.row.id not in baseline and SEVERITY_RANK[f.row.severity] >= floor
    ]


def render(fmt: str, findings: Sequence[CheckedFinding], *, articles: int, lang: str,
           sources: Mapping[str, SourceText], baseline: Collection[str] = ()) -> str:
    if fmt not in FORMATS:
        raise UsageError(f"--format 取值无效 (invalid): {fmt}；可选 {', '.join(FORMATS)}")
    try:
        module = importlib.import_module(f"checker.report.{fmt}")
    except ModuleNotFoundError as exc:
        raise UsageError(f"--format {fmt} 尚不支持 (not available)") from exc
    if fmt == "text":
        return str(module.render(findings, articles=articles, lang=lang, sources=sources))
    if fmt in ("sarif", "github"):  # they mark (sarif) or leave out (github) what the baseline knows
        return str(module.render(findings, articles=articles, lang=lang, baseline=baseline))
    return str(module.render(findings, articles=articles, lang=lang))


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="要检查的文件或目录")],
    db: DbOption = None,
    extra_rules: RulesOption = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text | json | sarif | github")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="把报告写入文件")] = None,
    fail_on: Annotated[str | None, typer.Option("--fail-on", help="error | warning | info | never")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="基线文件：其中的问题不再导致失败")] = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="只检查，不把稿件和结果写入数据库")] = False,
    select: Annotated[list[str] | None, typer.Option("--select", help="只运行这些规则（代码或前缀）")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="跳过这些规则（代码或前缀）")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="也显示已确认或已忽略的问题")] = False,
    date: DateOption = None,
    keep_going: KeepGoingOption = False,
    jobs: JobsOption = None,
    lang: LangOption = None,
) -> None:
    """检查稿件：与自身及整个资料库比对，报告重复、数字冲突、名称差异、错别字、日期和算术问题。

    退出码：0 没有达到 --fail-on 级别的新问题；1 有；2 用法或输入错误。
    """
    settings = settings_from(db=db, rules=extra_rules, lang=lang, fail_on=fail_on, select=select, ignore=ignore)
    check_choice(settings, "--format", output_format, FORMATS)
    selected = set(rule_codes(settings, "--select", sorted(settings.select)))
    ignored = set(rule_codes(settings, "--ignore", sorted(settings.ignore)))
    known = read_baseline(baseline) if baseline else set()
    files, missing = collect_files(paths, keep_going)
    engine = engine_for(settings)
    reading = say(settings, "读取", "read") if no_store else say(settings, "读取入库", "read and store")
    with phases(stderr_console(), len(files)) as progress:
        result = check_files(
            engine, files, rules=settings.rules, select_codes=selected or None, ignore_codes=ignored or None,
            store=not no_store, default_date=parse_date(date), keep_going=keep_going, jobs=jobs_or_default(jobs),
            on_file=progress.files(reading, len(files)),
            on_check=progress.counter(say(settings, "与资料库比对", "compare with the archive")),
            columns=settings.export_columns,
            on_reextract=progress.counter(reextract_label(settings)),
        )
    input_code = report_errors(result.ingest, missing)
    shown = result.findings if show_all or output_format != "text" else [
        f for f in result.findings if f.status == "new"
    ]
    if output_format == "text" and not output:  # coloured on a terminal
        from checker.report.text import render_styled

        stdout_console().print(render_styled(shown, articles=result.articles, lang=settings.lang,
                                             sources=result.sources), end="")
        report = ""
    else:
        report = render(output_format, shown, articles=result.articles, lang=settings.lang,
                        sources=result.sources, baseline=known)
    if output:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(report, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{output}: 无法写入报告 (cannot write report): {exc.strerror}") from exc
    elif report:
        typer.echo(report, nl=False)
    if input_code:
        raise typer.Exit(input_code)
    raise typer.Exit(1 if failing(result.findings, settings.fail_on, known) else 0)
