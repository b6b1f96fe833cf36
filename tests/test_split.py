"""The page splitter on page dumps written for these tests (not real pages)."""

from __future__ import annotations

from datetime import date

from checker.model import MappedText, PageDraft
from checker.rulepack import default_pack, surnames
from checker.text.normalise import normalise
from checker.text.split import parse_byline, split_page

PAGE = """\
东湖日报社 中共东湖区委 联办

2024年3月5日◆星期二

农历甲辰年正月廿五 总第6120期

东湖版



JIAXING

东湖新区首座跨河大桥昨日通车

记者 王小明
见习记者 陈 晨
通讯员 刘芳 赵立

本报讯 昨天上午，东湖新区首座跨河大桥正式通车，两岸居民出行时间缩短一半。

大桥全长八百米，总投资四亿元，历时两年建成。建设方表示，施工期间克服了软土地基等难

题，确保了工程质量。

据介绍，大桥通车后将与沿河绿道连成一体。 ■『下转 A2 版

春耕备耕忙

昨天，农户在田间检修播种机，为春耕做准备。

摄影 孙伟

老街改造——留住烟火气

孙丽丽 ■记 者

通讯员 周一凡

本报讯 西门老街改造工程近日完工，街面恢复了青石板路。

改造坚持修旧如旧——保留原有门面

项目负责人介绍，改造保留了二十余处老门面，新增公共厕所三座。

社区书记说：“街坊们都很满意。”

社区食堂香飘万家
——写在食堂开业之际

■本报评论员

民生小事，关乎千家万户。

办好社区食堂，需要久久为功。

东湖驾驶培训中心

地址：东湖区人民路88号 报名热线：12345678

明天多云，最低气温5℃，最高气温12℃。

友 情 提 醒 : 关 注 天 气
"""


def _page(text: str = PAGE) -> PageDraft:
    return split_page(normalise(text))


def _body(page: PageDraft) -> str:
    return "\n".join(p.text for a in page.articles for p in a.paragraphs)


def test_articles_and_headlines() -> None:
    page = _page()
    assert [a.headline.text for a in page.articles] == [
        "东湖新区首座跨河大桥昨日通车",
        "春耕备耕忙",
        "老街改造——留住烟火气",
        "社区食堂香飘万家",
    ]
    assert [a.kind for a in page.articles] == ["article", "photo", "article", "commentary"]


def test_bylines() -> None:
    page = _page()
    first, photo, second, comment = page.articles
    assert [(b.role, b.names) for b in first.bylines] == [
        ("记者", ["王小明"]),
        ("见习记者", ["陈晨"]),
        ("通讯员", ["刘芳", "赵立"]),
    ]
    assert [(b.role, b.names) for b in photo.bylines] == [("摄影", ["孙伟"])]
    assert [(b.role, b.names) for b in second.bylines] == [("记者", ["孙丽丽"]), ("通讯员", ["周一凡"])]
    assert [b.role for b in comment.bylines] == ["本报评论员"]
    assert comment.subheadline is not None and comment.subheadline.text == "——写在食堂开业之际"


def test_date_edition_and_furniture() -> None:
    page = _page()
    assert page.pub_date == date(2024, 3, 5)
    assert page.edition == "东湖版"
    body = _body(page)
    furniture = " ".join(f.text for f in page.furniture)
    for marker in ("联办", "星期二", "总第", "JIAXING", "下转", "地址", "气温", "友情提醒", "驾驶培训"):
        assert marker not in body, marker
    for marker in ("联办", "星期二", "下转", "地址", "气温", "友情提醒"):
        assert marker in furniture, marker


def test_column_break_rejoined_and_jump_removed() -> None:
    first = _page().articles[0]
    texts = [p.text for p in first.paragraphs]
    assert any("软土地基等难题，确保了工程质量。" in t for t in texts)
    assert texts[-1] == "据介绍，大桥通车后将与沿河绿道连成一体。"
    assert len(texts) == 3


def test_photo_caption_not_in_other_articles() -> None:
    page = _page()
    photo = page.articles[1]
    assert photo.paragraphs[0].text.startswith("昨天，农户")
    others = [p.text for a in page.articles if a is not photo for p in a.paragraphs]
    assert not any("播种机" in t for t in others)


def test_section_heading_stays_in_article() -> None:
    second = _page().articles[2]
    texts = [p.text for p in second.paragraphs]
    assert "改造坚持修旧如旧——保留原有门面" in texts
    assert texts[-1] == "社区书记说：“街坊们都很满意。”"


def test_map_points_into_raw_text() -> None:
    page = _page()
    for article in page.articles:
        for part in [article.headline, *article.paragraphs]:
            for i, ch in enumerate(part.text):
                raw = PAGE[part.src[i]]
                assert raw == ch or raw in ",:;?!()\"'" or not raw.isspace()


def test_single_article_with_headline() -> None:
    text = "小区加装电梯获居民点赞\n\n今年以来，全区已为十个老小区加装电梯。\n\n居民纷纷表示出行更方便了。\n"
    page = split_page(normalise(text))
    assert len(page.articles) == 1
    article = page.articles[0]
    assert article.headline.text == "小区加装电梯获居民点赞"
    assert len(article.paragraphs) == 2


def test_no_headline_at_all() -> None:
    text = "今年以来，全区已为十个老小区加装电梯。\n居民纷纷表示出行更方便了。"
    page = split_page(normalise(text), default_date=date(2024, 1, 2))
    assert len(page.articles) == 1
    assert page.articles[0].headline.text == ""
    assert page.pub_date == date(2024, 1, 2)


def test_markdown_headings_split_articles() -> None:
    text = "# 第一篇标题\n\n记者 李明\n\n第一篇正文。\n\n## 小节\n\n小节正文。\n\n# 第二篇标题\n\n第二篇正文。\n"
    page = split_page(normalise(text))
    assert [a.headline.text for a in page.articles] == ["第一篇标题", "第二篇标题"]
    assert [(b.role, b.names) for b in page.articles[0].bylines] == [("记者", ["李明"])]
    assert [p.text for p in page.articles[0].paragraphs] == ["第一篇正文。", "小节", "小节正文。"]


def test_empty_text() -> None:
    page = split_page(MappedText.empty())
    assert page.articles == [] and page.furniture == []


def test_parse_byline_variants() -> None:
    def parse(s: str) -> list[tuple[str, list[str]]] | None:
        result = parse_byline(normalise(s), surnames(default_pack()))
        return None if result is None else [(b.role, b.names) for b in result[0]]

    assert parse("记者 张三丰 通讯员 李四 王五") == [("记者", ["张三丰"]), ("通讯员", ["李四", "王五"])]
    assert parse("吴小梅 ■记 者 通讯员 郑 重") == [("记者", ["吴小梅"]), ("通讯员", ["郑重"])]
    assert parse("■本报评论员") == [("本报评论员", [])]
    assert parse("黄一鸣 谢敏") == [("作者", ["黄一鸣", "谢敏"])]
    assert parse("记者从市交通局获悉，大桥将通车。") is None
    assert parse("新春走基层") is None
