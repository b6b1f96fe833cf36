"""``checker ingest PATH…``: read files into the archive."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from checker.checks.registry import checked_pack
from checker.cli.common import (
    DateOption,
    DbOption,
    JobsOption,
    KeepGoingOption,
    LangOption,
    RulesOption,
    app,
    engine_for,
    jobs_or_default,
    parse_date,
    say,
    settings_from,
    stderr_console,
)
from checker.cli.progress import phases
from checker.config import Settings
from checker.service import IngestSummary, collect_files, ingest_files, reextract


def report_errors(summary: IngestSummary, earlier: Sequence[Exception] = ()) -> int:
    """Print each bad file on one line; the exit code they imply (2 if any)."""
    errors = [*earlier, *summary.errors]
    for exc in errors:
        typer.echo(f"checker: {exc}", err=True)
    return 2 if errors else 0


def summary_line(settings: Settings, summary: IngestSummary, reextracted: int = 0) -> str:
    new, replaced, unchanged = summary.count("new"), summary.count("replaced"), summary.count("unchanged")
    copies = summary.count("copy")
    reextracted += summary.count("reextracted")
    copies_zh = f"，与已存文件内容相同 {copies}" if copies else ""
    copies_en = f", {copies} copies of stored files" if copies else ""
    again_zh = f"；按新规则包重新抽取 {reextracted} 个" if reextracted else ""
    again_en = f"; {reextracted} re-extracted with the changed rule pack" if reextracted else ""
    return say(
        settings,
        f"已入库 {summary.documents} 个文件（新增 {new}，更新 {replaced}，未变 {unchanged}{copies_zh}），"
        f"{summary.articles} 篇稿件，{summary.characters} 字{again_zh}。",
        f"Ingested {summary.documents} files ({new} new, {replaced} replaced, {unchanged} unchanged{copies_en}), "
        f"{summary.articles} articles, {summary.characters} characters{again_en}.",
    )


def reextract_label(settings: Settings) -> str:
    return say(settings, "按新规则包重新抽取", "re-extract with the changed rule pack")


def run_ingest(
    settings: Settings, paths: list[Path], date: str | None, keep_going: bool, jobs: int | None,
    batch: int | None = None,
) -> tuple[IngestSummary, int, int]:
    """Ingest ``paths`` with the settings' rule pack, then extract again the stored documents
    read with another pack; (summary, exit code, documents extracted again)."""
    default_date = parse_date(date)
    pack = checked_pack(settings.rules)
    files, missing = collect_files(paths, keep_going)
    engine = engine_for(settings)
    console = stderr_console()

    def finishing() -> None:
        console.print(say(
            settings,
            "正在整理本次批量入库的索引（大批文件入库的最后一步，可能需要一两分钟）…",
            "Building the indexes of this bulk load (the last step of a large ingest; may take a minute or two)…",
        ))

    with phases(console, len(files)) as progress:
        summary = ingest_files(engine, files, default_date=default_date, keep_going=keep_going,
                               jobs=jobs_or_default(jobs), on_file=progress.files(say(settings, "入库", "ingest"),
                                                                                 len(files)),
                               batch_documents=batch, on_finishing=finishing, columns=settings.export_columns,
                               pack=pack)
        again = reextract(engine, pack, jobs=jobs_or_default(jobs),
                          on_document=progress.counter(reextract_label(settings)))
    return summary, report_errors(summary, missing), len(again.results)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(
        help="文件或目录（目录递归读取 .txt .md .html .docx；稿件导出文件 .jsonl .csv .tsv 每行一篇）")],
    db: DbOption = None,
    date: DateOption = None,
    keep_going: KeepGoingOption = False,
    jobs: JobsOption = None,
    batch: Annotated[
        int | None,
        typer.Option("--batch", min=1, help="每个事务最多提交的文件数（默认 512；小则更早可见，大则更快）"),
    ] = None,
    extra_rules: RulesOption = None,
    lang: LangOption = None,
) -> None:
    """读取稿件文件，拆分版面为稿件，抽取事实并存入数据库。

    用配置文件与 --rules 的规则包抽取；库中用别的规则包抽取的稿件随后按此规则包重新抽取。
    """
    settings = settings_from(db=db, rules=extra_rules, lang=lang)
    summary, code, again = run_ingest(settings, paths, date, keep_going, jobs, batch)
    typer.echo(summary_line(settings, summary, again))
    raise typer.Exit(code)
