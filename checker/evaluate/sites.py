"""Where errors can be planted, found on the surface of the text alone.

Nothing here calls the checker's pipeline, extractors or rules: sentences are cut at
sentence-ending punctuation, numbers are digits or Chinese numerals followed by a unit of
a list written for the evaluation, names come from bylines, a surname pattern and the
data of :mod:`checker.evaluate.knowledge`, lists are runs of items between enumeration
commas.  jieba (a general word segmenter, used here with its own dictionary only) gives
word boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import jieba

CJK = "\u4e00-\u9fff"


def _split(words: str) -> list[str]:
    return words.split()


_SENTENCE = re.compile(r"[^。！？!?\n]+(?:[。！？!?]+[”’」』）)]*)?")

# Units of measure and counting words a figure can carry (any subject: money, ratios,
# people, distances, goods).  Longer units first so that the regex takes "万元" before "万".
_UNITS = sorted(
    _split(
        '元 美元 欧元 英镑 日元 港元 澳元 韩元 卢布 人民币 个百分点 百分点 % ％ ‰ 人次 '
        '人 名 位 个 家 户 项 次 场 倍 吨 公斤 千克 克 斤 米 公里 千米 平方公里 '
        '平方千米 平方米 立方米 厘米 毫米 亩 公顷 辆 台 套 座 所 件 篇 部 条 张 只 头 '
        '株 棵 间 栋 幢 层 天 小时 分钟 秒 岁 批 款 枚 球 股 份 册 本 幅 首 集 架 '
        '艘 列 趟 起 宗 例 支 队 届 年 个月 周 公里/小时 千瓦 万千瓦 千瓦时 度 兆瓦 '
        '吨标准煤 升 毫升 标箱 单 笔 处 块 片 所 根 盏 台次 床 '
    ),
    key=len, reverse=True,
)
_UNIT = "|".join(re.escape(u) for u in _UNITS)
_SCALE = "(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千|百)?"
# Arabic figures: "680", "1,200", "3.5"; not a part of a longer token or a date ("2024年" is a
# year only when four digits run straight into 年: those are skipped below).
NUMBER_WITH_UNIT = re.compile(
    rf"(?<![\d.,A-Za-z第])(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)\s?(?P<scale>{_SCALE})(?P<unit>{_UNIT})"
)
CN_NUMBER_WITH_UNIT = re.compile(
    rf"(?<![一二两三四五六七八九十百千万亿零〇第几数])(?P<num>[两二三四五六七八九十][一二三四五六七八九十百千零〇]*)"
    rf"(?P<scale>{_SCALE})(?P<unit>{_UNIT})"
)
# Units that follow a figure but make it a date, a time of day or an ordinal, not a quantity.
_NOT_QUANTITY_AFTER = ("月", "日", "号", "时", "点")

# A byline: a role word at a line start or after an opening bracket, names separated by spaces,
# the whole run ending at a closing bracket, a space or the line end.
BYLINE = re.compile(
    rf"(?:^|(?<=[\s（(【\[]))(?:记者|通讯员|实习生|见习记者|特约记者|摄影|摄|文/|图/|编辑|责编|作者)[：:\s/]*"
    rf"(?P<names>[{CJK}]{{2,3}}(?:[ 　、]+[{CJK}]{{2,3}})*)(?=[\s）)】\]]|$)",
    re.MULTILINE,
)
_ROLES = frozenset(["记者", "通讯员", "实习生", "见习记者", "特约记者", "摄影", "编辑", "责编", "作者", "报道", "摄"])
_SPEECH_CUES = "表示|说|指出|介绍|认为|称|告诉|透露|强调|坦言|建议|回忆|解释|补充|提醒|呼吁|要求|坦承|笑称|回应"
_TITLES = _split(
    '主席 总统 总理 首相 部长 省长 市长 县长 区长 镇长 乡长 村长 书记 主任 局长 厅长 '
    '处长 科长 院长 校长 所长 董事长 总经理 经理 总裁 行长 主教练 教练 队长 会长 '
    '秘书长 发言人 负责人 教授 研究员 医生 记者 委员 代表 老师 先生 女士 导演 主持人 '
    '球员 选手 运动员 '
)
DIGITS = "0123456789"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int  # offsets in the file text; the sentence holds no line break
    paragraph_end: int  # where its line ends


def sentences(text: str, min_chars: int = 8) -> Iterator[Sentence]:
    """Sentences of ``text`` cut at sentence-ending punctuation, within lines."""
    for m in _SENTENCE.finditer(text):
        chunk = m.group()
        lead = len(chunk) - len(chunk.lstrip())
        start, end = m.start() + lead, m.end() - (len(chunk) - len(chunk.rstrip()))
        if end - start < min_chars:
            continue
        line_end = text.find("\n", end)
        yield Sentence(start, end, len(text) if line_end < 0 else line_end)


@dataclass(frozen=True)
class Figure:
    start: int  # offsets of the numeral in the text
    end: int
    numeral: str
    unit_end: int  # end of scale + unit
    chinese: bool


def figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Numbers followed by a unit between ``start`` and ``end``: "680万元", "3.5%", "12人", "三家"."""
    stop = len(text) if end is None else end
    out: list[Figure] = []
    for pattern, chinese in ((NUMBER_WITH_UNIT, False), (CN_NUMBER_WITH_UNIT, True)):
        for m in pattern.finditer(text, start, stop):
            num, unit = m.group("num"), m.group("unit")
            after = text[m.end() : m.end() + 1]
            if unit == "年" and (len(num) == 4 or (not chinese and after not in ("来", "前", "后", "间", "内", "多"))):
                continue  # a year ("2024年"), not a span of years
            if unit in ("个月", "周", "分") and after in ("年", "月", "日"):
                continue
            if after in _NOT_QUANTITY_AFTER and unit in ("年", "个月"):
                continue
            if not chinese and num.startswith("0") and not num.startswith("0."):
                continue
            if chinese and num in ("一",):
                continue
            out.append(Figure(m.start("num"), m.end("num"), num, m.end(), chinese))
    return sorted(out, key=lambda f: f.start)


@cache
def _words(sentence: str) -> tuple[str, ...]:
    return tuple(jieba.lcut(sentence, HMM=False))


def words(sentence: str) -> list[tuple[int, str]]:
    """(offset, word) of the sentence's words (jieba, without its HMM guesses)."""
    out, pos = [], 0
    for w in _words(sentence):
        out.append((pos, w))
        pos += len(w)
    return out


def word_bounds(sentence: str) -> tuple[set[int], set[int]]:
    """Offsets where words start and where they end."""
    starts, ends = set(), set()
    for pos, w in words(sentence):
        starts.add(pos)
        ends.add(pos + len(w))
    return starts, ends


@cache
def _tags() -> dict[str, str]:
    import jieba.posseg

    return dict(jieba.posseg.dt.word_tag_tab)


def may_be_person(name: str, surnames: str) -> bool:
    """Starts with a surname and is not a common word of another kind in jieba's dictionary."""
    tag = _tags().get(name)
    return name[:1] in surnames and (tag is None or tag.startswith("nr"))


def may_be_place(name: str) -> bool:
    """Not a common word of another kind in jieba's dictionary ("社区", "城区" are districts too)."""
    tag = _tags().get(name)
    return tag is None or tag.startswith("ns")


def byline_names(text: str) -> Iterator[tuple[int, str]]:
    """(offset, name) of the names of bylines: "记者 王小明 李华", "（通讯员 张三）"."""
    for m in BYLINE.finditer(text):
        base = m.start("names")
        for part in re.finditer(rf"[{CJK}]+", m.group("names")):
            if 2 <= len(part.group()) <= 3 and part.group() not in _ROLES:
                yield base + part.start(), part.group()


@cache
def _surname_pattern(surnames: str) -> re.Pattern[str]:
    titles = "|".join(sorted(_TITLES, key=len, reverse=True))
    return re.compile(
        rf"(?:(?<=[{CJK}])(?:{titles})|^|(?<=[，。：；、“”（）\s]))(?P<name>[{surnames}][{CJK}]{{1,2}}?)"
        rf"(?=(?:{_SPEECH_CUES})|[，,（(](?:{titles}))"
    )


def pattern_names(text: str, surnames: str) -> Iterator[tuple[int, str]]:
    """(offset, name) of "surname + one or two characters" before a verb of speech or after a title."""
    pattern = _surname_pattern(surnames)
    for m in pattern.finditer(text):
        if may_be_person(m.group("name"), surnames):
            yield m.start("name"), m.group("name")


def gazetteer_hits(sentence: str, names: frozenset[str], longest: int = 10) -> Iterator[tuple[int, str]]:
    """(offset, name) of the gazetteer's names that start and end on word boundaries of the sentence."""
    starts, ends = word_bounds(sentence)
    i = 0
    while i < len(sentence):
        if i not in starts:
            i += 1
            continue
        found = ""
        for j in range(min(len(sentence), i + longest), i + 1, -1):
            if j in ends and sentence[i:j] in names and may_be_place(sentence[i:j]):
                found = sentence[i:j]
                break
        if found:
            yield i, found
            i += len(found)
        else:
            i += 1


def known_name_hits(sentence: str, names: frozenset[str]) -> Iterator[tuple[int, str]]:
    """(offset, name) of the words of the sentence that are in the list of person names."""
    for pos, w in words(sentence):
        if w in names:
            yield pos, w


_ITEM = re.compile(rf"^[{CJK}·]{{2,8}}$")
_LIST_AND = ("以及", "和", "及", "与")
_COUNT_AFTER = re.compile(
    r"^(?P<num>[两二三四五六七八九十]|\d{1,2})(?P<cls>个|名|位|人|家|地|项|座|所|大|支|条|款|部|种|类|省|市|县|区|国)"
)


@dataclass(frozen=True)
class ListSite:
    start: int  # offsets in the sentence: first item's start, last item's end
    end: int
    items: tuple[str, ...]


def enumerations(sentence: str) -> Iterator[ListSite]:
    """Runs "A、B、C", "A、B和C" (three items or more) whose items are whole words or word runs.

    The middle items lie between two enumeration commas; the first and the last are cut at word
    boundaries to about the middle items' length.
    """
    for clause in re.finditer(r"[^，,。；;：:！？!?（）()“”\"]+", sentence):
        body = clause.group()
        if body.count("、") < 1:
            continue
        parts = body.split("、")
        middle = parts[1:-1]
        if any(not _ITEM.match(p) for p in middle):
            continue
        last = parts[-1]
        tail_items = [last]
        for conj in _LIST_AND:
            if conj in last[1:]:
                a, b = last.split(conj, 1)
                if a and b:
                    tail_items = [a, b]
                break
        width = max((len(p) for p in [*middle, *tail_items[:-1]]), default=len(tail_items[-1]))
        starts, ends = word_bounds(body)
        first_end = len(parts[0])
        first_start = next((first_end - k for k in range(width, 1, -1)
                            if first_end - k >= 0 and first_end - k in starts), None)
        last_start = len(body) - len(tail_items[-1])
        last_end = next((last_start + k for k in range(min(width, len(tail_items[-1])), 1, -1)
                         if last_start + k in ends), None)
        if first_start is None or last_end is None:
            continue
        items = (body[first_start:first_end], *middle, *tail_items[:-1], body[last_start:last_end])
        if len(items) < 3 or len(set(items)) < len(items) or any(not _ITEM.match(x) for x in items):
            continue
        lengths = [len(x) for x in items]
        if max(lengths) - min(lengths) > 2 or max(lengths) > 6 or any(x[-1] in "的地得等了" for x in items):
            continue
        yield ListSite(clause.start() + first_start, clause.start() + last_end, items)


def count_after(text: str) -> re.Match[str] | None:
    """A count written right after a list ("三家", "4个"), or None."""
    return _COUNT_AFTER.match(text)
