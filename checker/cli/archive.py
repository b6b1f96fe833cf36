"""``checker articles``: what the archive holds."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import func, select

from checker.cli.common import DbOption, LangOption, app, engine_for, say, settings_from
from checker.report import display_path
from checker.store.models import Article, Document, Sentence
from checker.store.session import transaction


@app.command()
def articles(
    db: DbOption = None,
    lang: LangOption = None,
    path: Annotated[str | None, typer.Option("--path", help="只列出路径包含此文字的文件")] = None,
) -> None:
    """列出数据库中的稿件：文件、日期、标题、署名、句数。"""
    settings = settings_from(db=db, lang=lang)
    engine = engine_for(settings)
    from rich.console import Console

    table = Table(title=say(settings, "稿件", "Articles"))
    for title in (say(settings, "文件", "file"), say(settings, "日期", "date"), "#",
                  say(settings, "标题", "headline"), say(settings, "署名", "byline"),
                  say(settings, "句", "sentences")):
        table.add_column(title)
    with transaction(engine) as session:
        counts = dict(session.execute(select(Sentence.article_id, func.count()).group_by(Sentence.article_id)).all())
        query = select(Article, Document).join(Document).order_by(Document.pub_date, Document.path, Article.ordinal)
        query = query.where(Article.kind != "furniture")
        if path:
            query = query.where(Document.path.contains(path))
        n = 0
        for article, document in session.execute(query):
            n += 1
            table.add_row(
                display_path(document.path), str(document.pub_date or ""), str(article.ordinal + 1),
                article.headline[:40], (article.byline or "")[:30], str(counts.get(article.id, 0)),
            )
    Console(width=200).print(table)
    typer.echo(say(settings, f"共 {n} 篇稿件。", f"{n} articles."))
