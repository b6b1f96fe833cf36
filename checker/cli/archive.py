"""``checker articles``: what the archive holds, as a table or JSON."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table
from sqlalchemy import Engine, func, select

from checker.cli.common import DbOption, LangOption, app, check_choice, engine_for, say, settings_from
from checker.report import display_path
from checker.store.models import Article, Document, Sentence
from checker.store.session import transaction

FORMATS = ("table", "json")


def article_rows(engine: Engine, path: str | None) -> list[dict[str, Any]]:
    """Every article (page furniture left out) in archive order, in the ``--format json`` shape."""
    rows: list[dict[str, Any]] = []
    with transaction(engine) as session:
        counts = dict(session.execute(select(Sentence.article_id, func.count()).group_by(Sentence.article_id)).all())
        query = select(Article, Document).join(Document).order_by(Document.pub_date, Document.path, Article.ordinal)
        query = query.where(Article.kind != "furniture")
        if path:
            query = query.where(Document.path.contains(path))
        for article, document in session.execute(query):
            rows.append({
                "path": display_path(document.path),
                "date": document.pub_date.isoformat() if document.pub_date else None,
                "ordinal": article.ordinal + 1,
                "kind": article.kind,
                "headline": article.headline,
                "byline": article.byline or None,
                "sentences": counts.get(article.id, 0),
            })
    return rows


@app.command()
def articles(
    db: DbOption = None,
    lang: LangOption = None,
    path: Annotated[str | None, typer.Option("--path", help="只列出路径包含此文字的文件")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
) -> None:
    """列出数据库中的稿件：文件、日期、标题、署名、句数。"""
    settings = settings_from(db=db, lang=lang)
    check_choice(settings, "--format", output_format, FORMATS)
    rows = article_rows(engine_for(settings, create=False), path)
    if output_format == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    table = Table(title=say(settings, "稿件", "Articles"))
    for title in (say(settings, "文件", "file"), say(settings, "日期", "date"), "#",
                  say(settings, "标题", "headline"), say(settings, "署名", "byline"),
                  say(settings, "句", "sentences")):
        table.add_column(title)
    for r in rows:
        table.add_row(r["path"], r["date"] or "", str(r["ordinal"]), r["headline"][:40], (r["byline"] or "")[:30],
                      str(r["sentences"]))
    Console(width=200).print(table)
    typer.echo(say(settings, f"共 {len(rows)} 篇稿件。", f"{len(rows)} articles."))
