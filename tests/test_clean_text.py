"""Text shown to editors never holds markup: the passages of web pages and Markdown files in the
text report, ``checker findings show``, the review's detail pane and article view are the clean
text the reading stage made (its offset map finds them), never the file's tags and marks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.cli import _register
from checker.model import CleanText
from checker.service import check_files
from checker.store.migrate import forget_ready
from checker.store.session import get_engine
from checker.triage import Item, article_text, detail
from tests.support import cli, fresh_engine

WEB_PAGE = """<!DOCTYPE html>
<html><head><title>南溪县河湖管护出新招_南溪新闻网</title>
<meta name="publishdate" content="2025-06-09"></head>
<body><nav><a href="/">首页</a> <a href="/local">本地</a></nav>
<article><h1>南溪县河湖管护出新招</h1>
<p class="info">来源：南溪日报 作者：韩雪松</p>
<p>本报讯&nbsp;近日，<a
 href="/news/12.html">南溪县</a>出台<strong>河湖管护</strong>新办法，全县的的河道将实行分段包干。</p>
<p>据介绍，新办法明确了<em>县、乡、村</em>三级责任，每段河道都有专人巡查。</p>
</article><footer>版权所有 南溪新闻网</footer></body></html>
"""

MARKDOWN = """---
title: 城东街道推出智慧停车服务
date: 2025-06-08
author: 柯梦婷
---

# 城东街道推出智慧停车服务

本报讯 近日，[城东街道](https://example.com/a)推出**智慧停车**服务，街道的的停车位将全部接入平台。

> 居民可通过手机查询空余车位，`停车码`扫码即可缴费。
"""

MARKUP = re.compile(r"<[^>]*>|&nbsp;|&[a-z]+;|href|\*\*|\]\(|^#|\n#|`")


@pytest.fixture(autouse=True)
def _commands() -> None:
    forget_ready()
    get_engine.cache_clear()
    _register()


def _files(tmp_path: Path) -> list[Path]:
    page, post = tmp_path / "page.html", tmp_path / "post.md"
    page.write_text(WEB_PAGE, encoding="utf-8")
    post.write_text(MARKDOWN, encoding="utf-8")
    return [page, post]


def test_clean_text_maps_a_span_of_the_file_to_what_is_shown() -> None:
    # 'ab<b>cd</b>e' read as 'abcde': runs (0, 0), (2, 5), (4, 11).
    clean = CleanText("abcde", [(0, 0), (2, 5), (4, 11)])
    assert clean.span(1, 7) == (1, 4)  # 'b<b>cd' -> 'bcd'
    assert clean.span(2, 5) == (2, 2)  # '<b>' alone: where the text goes on
    assert clean.span(11, 12) == (4, 5)


def test_findings_show_passages_without_markup(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    files = _files(tmp_path)
    run = cli("check", *map(str, files), "--db", db, "--select", "DUP004")
    assert run.out.count("DUP004") == 2, run.out + run.err
    assert not MARKUP.search(run.out), run.out
    listed = cli("findings", "list", "--db", db, "-f", "json").json()
    assert {Path(f["location"]["path"]).name for f in listed} == {"page.html", "post.md"}
    for finding in listed:
        assert finding["location"]["text"] == "的的"
        shown = cli("findings", "show", finding["id"], "--db", db)
        assert "【的的】" in shown.out
        assert not MARKUP.search(shown.out), shown.out
    html = next(f for f in listed if f["location"]["path"].endswith(".html"))
    shown = cli("findings", "show", html["id"], "--db", db).out
    assert "出台河湖管护新办法，全县【的的】河道" in shown  # the text as the page shows it


def test_review_detail_and_article_view_show_clean_text(tmp_path: Path) -> None:
    engine = fresh_engine(tmp_path)
    result = check_files(engine, _files(tmp_path), select_codes={"DUP004"})
    items = [Item.of(f) for f in result.findings]
    assert len(items) == 2
    for item in items:
        here = detail(engine, item).here
        assert here.span == "的的" and not MARKUP.search(here.text), here.text
        article = article_text(engine, item.article_id, items)
        assert not MARKUP.search(article.text), article.text
        assert article.text.startswith(item.headline)  # the headline without its '#'
        [(start, end, _)] = article.spans
        assert article.text[start:end] == "的的"
