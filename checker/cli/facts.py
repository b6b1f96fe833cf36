"""``checker facts [QUERY]``: the extracted facts, filtered, as a table or JSON."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import Select, or_, select

from checker.cli.common import DbOption, LangOption, app, check_choice, engine_for, say, settings_from
from checker.model import SourceText
from checker.report import display_path
from checker.store.models import Article, Document, Fact
from checker.store.session import transaction

FACT_KINDS = ("number", "person", "place", "org", "name", "date")
FORMATS = ("table", "json")
NUMBER_FIELDS = ("value", "low", "high", "unit", "qualifier", "counted", "subject", "attribute", "time", "key")


def fact_query(
    query: str | None, kind: str | None, subject: str | None, attribute: str | None, article: str | None
) -> Select[Fact, Article, Document]:
    stmt = select(Fact, Article, Document).join(Article, Fact.article_id == Article.id).join(Document)
    if query:
        like = f"%{query}%"
        stmt = stmt.where(or_(Fact.text.like(like), Fact.subject.like(like), Fact.counted.like(like),
                              Fact.attribute.like(like), Fact.key.like(like)))
    if kind:
        stmt = stmt.where(Fact.kind == kind)
    if subject:
        stmt = stmt.where(Fact.subject.like(f"%{subject}%"))
    if attribute:
        stmt = stmt.where(Fact.attribute.like(f"%{attribute}%"))
    if article:
        stmt = stmt.where(or_(Article.headline.like(f"%{article}%"), Document.path.like(f"%{article}%")))
    return stmt.order_by(Document.path, Fact.raw_start)


def fact_json(fact: Fact, article: Article, document: Document, source: SourceText) -> dict[str, Any]:
    line, column = source.position(fact.raw_start)
    out: dict[str, Any] = {
        "path": display_path(document.path), "article": article.headline, "line": line, "column": column,
        "text": fact.text, "kind": fact.kind,
    }
    if fact.kind == "number":
        out.update({name: getattr(fact, name) for name in NUMBER_FIELDS})
    else:
        out["key"] = fact.key
    if fact.extra:
        out["extra"] = fact.extra
    return out


@app.command()
def facts(
    query: Annotated[str | None, typer.Argument(help="按文字筛选（事实文本、主体、属性、计数对象）")] = None,
    kind: Annotated[str | None, typer.Option(help=" | ".join(FACT_KINDS))] = None,
    subject: Annotated[str | None, typer.Option(help="按主体筛选，如 徐家埭村")] = None,
    attribute: Annotated[str | None, typer.Option(help="按属性筛选，如 收入")] = None,
    article: Annotated[str | None, typer.Option(help="按稿件标题或文件路径筛选")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
    limit: Annotated[int, typer.Option(help="最多显示条数（0 为不限）")] = 0,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """列出抽取的事实：数字（数值、区间、单位、限定词、主体、属性、时间）和人名、地名、机构、日期。"""
    settings = settings_from(db=db, lang=lang)
    check_choice(settings, "--kind", kind, FACT_KINDS)
    check_choice(settings, "--format", output_format, FORMATS)
    engine = engine_for(settings, create=False)
    sources: dict[int, SourceText] = {}
    rows: list[dict[str, Any]] = []
    with transaction(engine) as session:
        stmt = fact_query(query, kind, subject, attribute, article)
        if limit:
            stmt = stmt.limit(limit)
        for fact, art, document in session.execute(stmt):
            source = sources.get(document.id) or sources.setdefault(document.id, SourceText(document.text))
            rows.append(fact_json(fact, art, document, source))
    if output_format == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=say(settings, "事实", "Facts"))
    for col in ("path:line:col", "kind", "text", "value", "unit", "qualifier", "subject", "attribute", "time"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            f"{r['path']}:{r['line']}:{r['column']}", r["kind"], r["text"],
            *(("" if r.get(k) is None else str(r.get(k))) for k in ("value", "unit", "qualifier", "subject",
                                                                    "attribute", "time")),
        )
    Console(width=220).print(table)
    typer.echo(say(settings, f"共 {len(rows)} 条事实。", f"{len(rows)} facts."))
