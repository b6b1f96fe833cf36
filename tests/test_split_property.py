"""Pages built from their parts in random order: every article's headline, kicker, sub-headline,
byline and body, and the page's date, come out as they went in; nothing else is an article.

The parts are written here in the shapes Chinese papers print them: mastheads with or without the
weekday, Gregorian dates in figures or Chinese numerals, with the lunar date (computed with
lunar-python, as the date rules compute it), edition lines, kicker + headline + sub-headline
blocks, byline lines, datelines of the paper and of news agencies naming their reporters, body
paragraphs, jump lines and the editors' credit line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lunar_python import Solar

from checker.model import MappedText
from checker.text.normalise import normalise
from checker.text.split import split_page

PAPERS = ("西江日报", "东海晚报", "南岭日报", "北川日报")
CITIES = ("西江", "长沙", "合肥", "上海", "昆明", "兰州")
SURNAMES = "王李张刘陈杨周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯"
GIVEN = ("思远", "晓东", "雨桐", "佳怡", "立群", "一帆", "若兰", "文博", "海洋", "可欣", "静雯", "梦琪",
         "晓舟", "雪松", "明轩", "子涵", "嘉禾", "立新", "婉清", "振宇", "书瑶", "景行", "沐阳", "清和")
HEADLINES = (
    "西江市上半年重大项目投资完成率超六成", "城南片区新增三所公办幼儿园", "全市夏粮收购进度过半",
    "老城区雨污分流改造完工", "乡村客运班线实现镇镇通", "高新区引进十个重点产业项目",
    "湖滨步道串起沿湖八个公园", "县域医共体建设取得新进展", "首批智慧农业示范基地授牌",
    "旧厂房变身文创街区", "农村供水保障工程全面开工", "社区养老服务站覆盖所有街道",
)
# Kickers as papers print them: parallel phrases, or a line ending in a dash or a colon.
KICKERS = ("稳外贸 促消费", "抓项目 强产业", "惠民生 暖民心", "聚力攻坚 稳中求进", "奋力推进城乡融合发展——",
           "在希望的田野上——", "民生实事进行时：")
SUBHEADLINES = ("——一批产业项目提前开工建设", "——我市推进城乡融合发展综述", "——来自基层一线的调查",
                "——多部门联合推出十项便民举措")
SENTENCES = (
    "今年以来，全市新开工项目57个，其中亿元以上项目31个。", "市发展改革委负责人介绍，项目建设总体进展顺利。",
    "据了解，该工程总投资约4.6亿元，计划明年底建成。", "截至目前，已有12个村完成改造，惠及群众8000余人。",
    "下一步，有关部门将加强调度，确保各项任务按期完成。", "不少市民表示，家门口的变化看得见、摸得着。",
    "该负责人表示，将持续优化服务流程，让群众少跑腿。", "活动现场，工作人员向居民发放宣传资料300余份。",
)
WEEKDAYS = "一二三四五六日"
CN_DIGITS = "〇一二三四五六七八九"


def _chinese(n: int) -> str:
    """1..31 in Chinese numerals: 9 九, 10 十, 14 十四, 20 二十, 31 三十一."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")) + (CN_DIGITS[ones] if ones else "")


def _lunar(day: dt.date) -> str:
    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    return f"农历{lunar.getYearInGanZhi()}年{lunar.getMonthInChinese()}月{lunar.getDayInChinese()}"


def _date_line(day: dt.date, style: int, paper: str) -> list[str]:
    weekday = f"星期{WEEKDAYS[day.weekday()]}"
    written = f"{day.year}年{day.month}月{day.day}日"
    if style == 0:
        return [paper, f"{written} {weekday}"]
    if style == 1:  # no weekday, the paper's name on the same line
        return [f"{paper} {written}"]
    if style == 2:  # figures with the lunar date
        return [paper, f"{day.isoformat()} {weekday} {_lunar(day)}"]
    chinese = "".join(CN_DIGITS[int(c)] for c in str(day.year)) + f"年{_chinese(day.month)}月{_chinese(day.day)}日"
    return [paper, f"{chinese} {weekday}"]


@dataclass
class Article:
    headline: str
    kicker: str | None
    subheadline: str | None
    names: list[str]
    lines: list[str] = field(default_factory=list)  # as printed
    body: str = ""  # how its first paragraph begins, as the splitter gives it


@st.composite
def names(draw: st.DrawFn, taken: set[str], count: int) -> list[str]:
    out: list[str] = []
    while len(out) < count:
        name = draw(st.sampled_from(SURNAMES)) + draw(st.sampled_from(GIVEN))
        if name not in taken:
            taken.add(name)
            out.append(name)
    return out


@st.composite
def article(draw: st.DrawFn, headline: str, day: dt.date, taken: set[str], first: bool) -> Article:
    kicker = draw(st.none() | st.sampled_from(KICKERS))
    sub = draw(st.none() | st.sampled_from(SUBHEADLINES))
    style = draw(st.sampled_from(("byline", "lead", "dateline", "agency", "continued")))
    before = day - dt.timedelta(days=1)
    when = f"{before.month}月{before.day}日电"
    city = draw(st.sampled_from(CITIES))
    paragraphs = [draw(st.sampled_from(SENTENCES)) for _ in range(draw(st.integers(1, 3)))]
    reporters = draw(names(taken, draw(st.integers(1, 2))))
    lines = [line for line in (kicker, headline, sub) if line]
    opening = ""
    if style == "byline":
        lines.append("记者 " + reporters[0] + ("　通讯员 " + reporters[1] if len(reporters) > 1 else ""))
    elif style == "lead":
        opening = "本报讯（记者 " + " 通讯员 ".join(reporters) + "）"
    elif style == "dateline":
        opening = f"本报{city}{when}（记者 " + "、".join(reporters) + "）"
    elif style == "agency":
        agency = draw(st.sampled_from(("新华社", "中新社")))
        opening = f"{agency}{city}{when}（记者 " + "、".join(reporters) + "）"
    else:  # the rest of an article begun on another page: no byline here
        reporters = []
        opening = "（上接第1版）" if not first else ""
    if style == "continued" and first:
        lines.append("记者 " + draw(names(taken, 1))[0])
        reporters = [lines[-1].split()[-1]]
    body = [opening + paragraphs[0], *paragraphs[1:]]
    if draw(st.booleans()):
        body[-1] += "（转第2版）"
    lines.extend(body)
    expected_body = "" if opening.startswith("（上接") else opening
    return Article(headline, kicker, sub, reporters, lines, "".join((expected_body + paragraphs[0]).split()))


@st.composite
def page(draw: st.DrawFn) -> tuple[str, dt.date, list[Article]]:
    day = draw(st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)))
    paper = draw(st.sampled_from(PAPERS))
    masthead = _date_line(day, draw(st.integers(0, 3)), paper)
    edition = draw(st.sampled_from(("第3版 要闻", "A2 综合", "第5版", "B4 民生")))
    top = draw(st.permutations([*masthead, edition]))
    heads = draw(st.lists(st.sampled_from(HEADLINES), min_size=1, max_size=3, unique=True))
    taken: set[str] = set()
    articles = [draw(article(h, day, taken, k == 0)) for k, h in enumerate(heads)]
    credit = "责任编辑：" + "　版式：".join(draw(names(taken, 2))) + "　校对：" + draw(names(taken, 1))[0]
    blocks = ["\n".join(top), *("\n".join(a.lines) for a in articles)]
    blocks.insert(draw(st.sampled_from((1, len(blocks)))), credit)  # after the masthead or at the foot
    gaps = [draw(st.sampled_from(("\n\n", "\n\n\n"))) for _ in blocks]
    text = "".join(b + g for b, g in zip(blocks, gaps, strict=True))
    return text, day, articles


def _flat(text: str | None) -> str | None:
    return None if text is None else "".join(text.split())


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(page())
def test_every_article_comes_out_as_it_went_in(built: tuple[str, dt.date, list[Article]]) -> None:
    text, day, articles = built
    split = split_page(normalise(MappedText.identity(text)))
    assert split.pub_date == day
    assert [a.headline.text for a in split.articles] == [_flat(a.headline) for a in articles]
    for got, want in zip(split.articles, articles, strict=True):
        assert _flat(got.kicker.text if got.kicker else None) == _flat(want.kicker)
        assert _flat(got.subheadline.text if got.subheadline else None) == _flat(want.subheadline)
        assert [n for b in got.bylines for n in b.names] == want.names
        assert got.paragraphs and got.paragraphs[0].text.startswith(want.body)
        assert not any(j.text in p.text for p in got.paragraphs for j in split.furniture if "版" in j.text)
