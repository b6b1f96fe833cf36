"""The splitter on the five real pages (read at test time; only short strings asserted)."""

from __future__ import annotations

from datetime import date

import pytest

from checker.model import ArticleDraft, PageDraft
from checker.read import read_file
from checker.text.normalise import normalise
from checker.text.split import split_page
from tests.conftest import seed_page


def _split(prefix: str) -> PageDraft:
    return split_page(normalise(read_file(seed_page(prefix)).text))


def _names(article: ArticleDraft) -> set[str]:
    return {name for byline in article.bylines for name in byline.names}


def _roles(article: ArticleDraft) -> set[str]:
    return {byline.role for byline in article.bylines}


def _body(page: PageDraft) -> str:
    return "\n".join(p.text for a in page.articles for p in a.paragraphs)


# (page, number of articles, [(index, headline part, kind, a byline name or None)])
EXPECTED = {
    "000": (
        7,
        [
            (0, "共富梦想", "article", "沈倩湘"),
            (1, "杉青港", "article", "顾学超"),
            (2, "外国专家", "article", "倪燕勤"),
            (3, "示范县", "article", "唐馨甜"),
            (4, "秸秆回收", "photo", "郑凯欣"),
            (5, "微改精提", "article", "杨旸"),
            (6, "1212", "article", "张心悦"),
        ],
    ),
    "001": (
        6,
        [
            (0, "毗邻优势", "article", "姚远"),
            (1, "牢记嘱托", "commentary", None),
            (2, "粮食全产业链", "photo", "李凤超"),
            (3, "协商带", "article", "张丹燕"),
            (4, "常务会议", "article", "林旭东"),
            (5, "大凉山", "article", "居丹荔"),
        ],
    ),
    "002": (
        7,
        [
            (0, "双示范", "article", "宋依依"),
            (1, "田间地头", "article", "李晔青"),
            (2, "现代社区", "article", "叶银芬"),
            (3, "优等生", "article", "褚晶君"),
            (4, "新兴产业", "article", "胡佳音"),
            (5, "智造动能", "article", "邵祺"),
            (6, "奔富品牌", "article", "周志伟"),
        ],
    ),
    "003": (
        8,
        [
            (0, "奋战百日", "article", "王辰奕"),
            (1, "工会驿站", "article", "胡佳英"),
            (2, "通天桥", "photo", "王强"),
            (3, "图片展", "article", "徐玉霞"),
            (4, "平湖制造", "article", "言成声"),
            (5, "五群善治", "article", "张丹燕"),
            (6, "镇在突破", "article", None),
            (7, "致富路", "article", "陈明远"),
        ],
    ),
    "004": (2, [(0, "新样板", "article", "华婷婷"), (1, "聚富", "commentary", "李雨婷")]),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_articles_per_page(prefix: str) -> None:
    page = _split(prefix)
    count, articles = EXPECTED[prefix]
    assert len(page.articles) == count
    for index, part, kind, name in articles:
        article = page.articles[index]
        assert part in article.headline.text
        assert article.kind == kind
        if name is not None:
            assert name in _names(article)


def test_roles_and_name_before_role() -> None:
    page = _split("001")
    assert _roles(page.articles[0]) == {"记者", "通讯员"}
    assert "李雨婷" in _names(page.articles[0])
    assert _roles(page.articles[1]) == {"本报评论员"}
    assert _roles(page.articles[2]) == {"摄影"}
    assert "王强" in _names(page.articles[2])


def test_kickers_and_subheadlines() -> None:
    page = _split("003")
    # The line above the first headline ends in a kicker cue ('……上强调'): the kicker, not a sub-headline.
    kicker = page.articles[0].kicker
    assert kicker is not None and "动员大会" in kicker.text and page.articles[0].subheadline is None
    assert page.articles[1].subheadline is not None and page.articles[1].kicker is None
    # Two parallel phrases above the exhibition's headline: its kicker, kept with it (10 characters,
    # named by their ends, not quoted).
    exhibition = next(a for a in page.articles if "图片展" in a.headline.text)
    assert exhibition.kicker is not None
    assert exhibition.kicker.text.startswith("寻抗战") and exhibition.kicker.text.endswith("之志")
    assert len(exhibition.kicker.text) == 10 and exhibition.subheadline is None
    # Kicker, headline, sub-headline: the commentary of page 001.
    comment = _split("001").articles[1]
    assert comment.kicker is not None and comment.subheadline is not None
    assert comment.headline.text not in comment.kicker.text + comment.subheadline.text


def test_publication_date() -> None:
    assert _split("001").pub_date == date(2023, 8, 3)
    assert _split("001").edition is not None
    assert _split("002").pub_date is None
    page = split_page(normalise(read_file(seed_page("000")).text), default_date=date(2022, 12, 1))
    assert page.pub_date == date(2022, 12, 1)


FURNITURE_MARKERS = {
    "000": ["二十大精神", "点对点"],
    "001": ["联办", "星期四", "总第", "JIAXING", "下转", "地址", "热线", "气温", "友情提醒", "交通学校"],
    "002": [],
    "003": ["客户端", "JIAXING", "下转", "栏目统筹", "PINGLUN"],
    "004": ["采访札记"],
}
# Photo titles whose words also occur in running text: they must not be paragraphs of their own.
FURNITURE_LINES = {"004": ["明月山塘", "林埭镇徐家埭村"]}


@pytest.mark.parametrize("prefix", sorted(FURNITURE_MARKERS))
def test_no_furniture_in_bodies(prefix: str) -> None:
    page = _split(prefix)
    body = _body(page)
    headlines = " ".join(a.headline.text for a in page.articles)
    furniture = " ".join(f.text for f in page.furniture)
    for marker in FURNITURE_MARKERS[prefix]:
        assert marker not in body, marker
        assert marker not in headlines, marker
        assert marker in furniture, marker
    paragraphs = {p.text for a in page.articles for p in a.paragraphs}
    for line in FURNITURE_LINES.get(prefix, []):
        assert line not in paragraphs, line
        assert line in furniture, line


def test_column_breaks_rejoined() -> None:
    page = _split("000")
    body = _body(page)
    assert "第一份抱团收入" in body
    assert "对广陈镇山塘村" in body
    page = _split("002")
    assert "研究中心，" in _body(page)


def test_photo_captions_stay_out_of_articles() -> None:
    for prefix in ("000", "001", "003"):
        page = _split(prefix)
        photos = [a for a in page.articles if a.kind == "photo"]
        assert len(photos) == 1
        caption = photos[0].paragraphs[0].text
        others = [p.text for a in page.articles if a.kind != "photo" for p in a.paragraphs]
        assert caption not in others
        assert all(caption[:10] not in t for t in others)


def test_section_headings_stay_in_article() -> None:
    page = _split("004")
    texts = [p.text for p in page.articles[0].paragraphs]
    assert any(t.startswith("“飞地”零距离") for t in texts)
