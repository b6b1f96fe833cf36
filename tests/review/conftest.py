"""A small archive for the review app tests: two articles written here, with findings and facts.

Rows are made directly through the ORM, so the tests do not depend on which rules exist.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from checker.model import SourceText
from checker.review.app import ReviewApp
from checker.store.models import Article, Document, Fact, Finding
from checker.store.session import transaction
from tests.support import fresh_engine

TEXT_A = (
    "城东新区建设提速\n"
    "\n"
    "本报讯（记者王小明）今年，城东新区完成投资320亿元，同比增长12%。\n"
    "新区已建成道路45公里，新增绿地80公顷。\n"
    "区长李华表示，明年将再建学校6所。\n"
    "既使下雨，工地也不停工。\n"
)
TEXT_B = (
    "城东新区投资创新高\n"
    "\n"
    "本报讯 今年，城东新区完成投资350亿元，同比增长12%。\n"
    "区长李桦介绍，新区建成道路45公里。\n"
    "二期项目于2月30日开工。\n"
)

NOW = datetime(2024, 5, 6, 9, 30)


@dataclass
class Archive:
    engine: Engine
    url: str
    path_a: Path
    path_b: Path
    ids: dict[str, str]  # short name -> finding id


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _loc(path: Path, text: str, headline: str, needle: str) -> dict[str, Any]:
    start, end = _span(text, needle)
    source = SourceText(text)
    line, col = source.position(start)
    end_line, end_col = source.end_position(end)
    return {"path": str(path), "article": headline, "line": line, "column": col, "end_line": end_line,
            "end_column": end_col, "text": needle}


def _finding(fid: str, rule: str, category: str, severity: str, zh: str, en: str, article: Article,
             doc: Document, needle: str, related: list[dict[str, Any]], suggestion: str | None = None,
             related_article: int | None = None) -> Finding:
    start, end = _span(doc.text, needle)
    source = SourceText(doc.text)
    line, col = source.position(start)
    end_line, end_col = source.end_position(end)
    return Finding(
        id=fid, rule=rule, category=category, severity=severity, message_zh=zh, message_en=en,
        article_id=article.id, related_article_id=related_article, path=doc.path, article_headline=article.headline,
        line=line, column=col, end_line=end_line, end_column=end_col, raw_start=start, raw_end=end, text=needle,
        related=related, suggestion=suggestion, created_at=NOW,
    )


def _document(path: Path, text: str, day: int) -> tuple[Document, Article]:
    path.write_text(text, encoding="utf-8")
    doc = Document(path=str(path), content_hash=hashlib.sha256(text.encode()).hexdigest(), format="txt",
                   encoding="utf-8", pub_date=date(2024, 5, day), edition=None, text=text, char_count=len(text),
                   ingested_at=NOW)
    headline = text.split("\n", 1)[0]
    article = Article(ordinal=0, kind="article", headline=headline, raw_start=0, raw_end=len(text),
                      char_count=len(text))
    doc.articles.append(article)
    return doc, article


def build_archive(tmp_path: Path) -> Archive:
    engine = fresh_engine(tmp_path)
    url = engine.url.render_as_string(hide_password=False)
    path_a = (tmp_path / "a.txt").resolve()
    path_b = (tmp_path / "b.txt").resolve()
    with transaction(engine) as session:
        doc_a, art_a = _document(path_a, TEXT_A, 5)
        doc_b, art_b = _document(path_b, TEXT_B, 6)
        session.add_all([doc_a, doc_b])
        session.flush()
        for doc, art, needle, value in ((doc_a, art_a, "320亿元", 320e8), (doc_b, art_b, "350亿元", 350e8)):
            start, end = _span(doc.text, needle)
            session.add(Fact(article_id=art.id, kind="number", text=needle, raw_start=start, raw_end=end,
                             value=value, unit="元", subject="城东新区", attribute="投资", time="2024"))
        head_a = art_a.headline
        rows = [
            _finding("NUM001-0001", "NUM001", "number-conflict", "error",
                     "同一数字前后不一：城东新区投资在另一篇稿件中为350亿元",
                     "Number conflict: the other article says 350亿元", art_b, doc_b, "投资350亿元",
                     [_loc(path_a, TEXT_A, head_a, "投资320亿元")], "核实投资总额", art_a.id),
            _finding("NAM001-0002", "NAM001", "name-conflict", "warning",
                     "人名写法不一：李桦 / 李华", "Name spelt two ways: 李桦 / 李华", art_b, doc_b, "区长李桦",
                     [_loc(path_a, TEXT_A, head_a, "区长李华")], "统一为正确写法", art_a.id),
            _finding("DUP001-0003", "DUP001", "duplicate", "warning",
                     "段落与另一篇稿件几乎相同", "Passage nearly repeats another article", art_b, doc_b,
                     "新区建成道路45公里", [_loc(path_a, TEXT_A, head_a, "新区已建成道路45公里")], None, art_a.id),
            _finding("DAT001-0004", "DAT001", "date", "error",
                     "日期不存在：2月没有30日", "No such date: February has no 30th", art_b, doc_b, "2月30日",
                     [], "核实开工日期"),
            _finding("TYP001-0005", "TYP001", "typo", "info",
                     "疑似错别字：“既使”应为“即使”", "Likely typo: 既使 for 即使", art_a, doc_a, "既使",
                     [], "即使"),
        ]
        session.add_all(rows)
    ids = {"num": "NUM001-0001", "nam": "NAM001-0002", "dup": "DUP001-0003", "dat": "DAT001-0004",
           "typ": "TYP001-0005"}
    return Archive(engine, url, path_a, path_b, ids)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests here with asyncio (no async plugin is a dependency of the project)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return build_archive(tmp_path)


def make_app(archive: Archive, **kwargs: Any) -> ReviewApp:
    kwargs.setdefault("reviewer", "测试编辑")
    kwargs.setdefault("refresh_seconds", None)
    return ReviewApp(archive.engine, **kwargs)


async def settle(pilot: Any) -> None:
    """Wait until every worker (load, detail, writes) has finished and the screen has caught up."""
    from textual.worker import WorkerCancelled

    for _ in range(4):
        for _attempt in range(20):
            try:
                await pilot.app.workers.wait_for_complete()
                break
            except WorkerCancelled:  # a newer detail or load replaced it
                continue
        await pilot.pause()


Runner = Callable[[Any], Awaitable[None]]
