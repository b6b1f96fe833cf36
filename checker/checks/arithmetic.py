"""Arithmetic inside one article: counts against lists, parts against totals, shares.

These rules read the sentences of one article only: a count that introduces a list
("三个展区：A、B、C和D"), parts that add up to more than the whole they belong to
("2.6万亩，其中1.5万亩、0.8万亩、0.6万亩"), and a share over 100% ("覆盖率达到110%").
Counting words, classifiers and share words live in rules/arithmetic.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from checker.checks.base import Archive, ArticleView, Rule, SentenceView
from checker.checks.numbers import clause_before, fmt_number, sentence_offset
from checker.checks.settings import RuleSettings, setting, severity_setting
from checker.extract.numerals import parse_numeral
from checker.model import FindingDraft, Severity
from checker.rulepack import surnames
from checker.store.models import Fact
from checker.text.cjk import all_han

_CN = "零〇一二两三四五六七八九十百"
NUMERAL = rf"(?:[0-9]{{1,3}}|[{_CN}]{{1,4}})"
_NUM_BEFORE = rf"[0-9{_CN}千万第几多余数前后头]"
# Asides inside a list ("工商银行[5.08 -0.20%]"、"某某（集团）"): no part of an item.
_BRACKETS = re.compile(r"（[^（）]*）|\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")
# Paired marks around a listed name: “A”, 《A》, ‘A’, 「A」, 『A』.
_PAIRS = {"“": "”", "《": "》", "‘": "’", "「": "」", "『": "』"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_QUOTED = re.compile(
    "|".join(f"{re.escape(o)}([^{re.escape(o + c)}]{{1,30}}){re.escape(c)}" for o, c in _PAIRS.items())
)
_QUOTE_SEP = re.compile(r"(?:、|，|,|和|及|与|以及)?(?=[“《‘「『])")
_RUN_BEFORE_SEPS = ("以及", "、", "，", ",", "和", "及", "与")
_LIST_END = re.compile(r"[，,。；;！!？?：:\n]")
# "1、" "（一）" "一、": the numbered points of a text, not a list of names.
_NUMBERED_ITEM = re.compile(r"[0-9０-９]{1,2}[、.．]|[（(]?[一二三四五六七八九十]{1,2}[）)、]")

DEFAULT_CLASSIFIERS = [
    "个", "条", "项", "家", "所", "座", "类", "种", "支", "名", "位", "款", "处", "批", "件", "部", "门",
    "只", "张", "幅", "首", "本", "大", "地", "村", "镇", "乡", "县", "区", "省", "市", "国", "方面", "片", "人",
]
# Classifiers that count items of each kind of extracted name ("张三、李四两人", "X集团、Y集团三家").
DEFAULT_KIND_CLASSIFIERS: dict[str, list[str]] = {
    "person": ["人", "名", "位"],
    "org": ["家", "所", "个", "大"],
    "place": ["地", "个", "村", "镇", "乡", "县", "区", "省", "市", "国", "座"],
    "name": ["部", "首", "本", "个", "款", "项", "种", "大", "场", "支"],
}
# Endings that make an item an organisation ("某某集团"): with these classifiers the list is counted.
DEFAULT_ORG_ENDINGS = ["公司", "集团", "银行", "企业", "工厂", "医院", "学校", "大学", "学院", "中学", "小学", "协会",
                       "商会", "中心", "基金", "券商", "机构", "酒店", "超市", "商场", "研究院", "研究所", "政府",
                       "局", "厅", "委员会", "法院", "检察院", "电视台", "报社", "出版社", "合作社",
                       "基金会", "联合会", "总会", "学会", "研究会", "促进会", "办公室"]
DEFAULT_PLACE_CLASSIFIERS = ["地", "村", "镇", "乡", "县", "区", "省", "市", "国"]
DEFAULT_INTRODUCERS = ["：", ":", "分别是", "分别为", "包括"]
DEFAULT_ENUMERATION_MARKERS = ["一是", "二是", "首先", "第一", "其一", "一方面", "一要"]
DEFAULT_OVERLAP_WORDS = [
    "同时", "也", "均", "都", "还有", "另有", "另外", "其他", "其它", "此外", "分别", "累计", "以上", "超过",
    "最高", "最低", "最多", "最少", "最大", "最小", "平均", "人均", "每",
]
DEFAULT_EXCLUDED_NOUNS = ["字", "笔画", "音节"]
DEFAULT_CONJUNCTIONS = ["以及", "和", "及", "与"]


@dataclass
class ListItems:
    items: list[str]
    start: int  # span of the list in the sentence
    end: int
    partial: bool  # 等: the list may name only some
    unsplit: int | None = None  # item count without splitting at 和/及, when that reading is also possible


def _split_conjunctions(items: list[str], conjunctions: Sequence[str]) -> list[str]:
    """'A、B与C、D和E': split items joined by 和/与/以及.

    The last item is split at its first conjunction ("趣味实验区和非遗手工区"); an earlier
    item only when both halves end alike ("新仓镇与金山区廊下镇").
    """
    out: list[str] = []
    for index, item in enumerate(items):
        parts = [item]
        for word in conjunctions:
            at = item.find(word)
            if at <= 0 or at + len(word) >= len(item):
                continue
            left, right = item[:at], item[at + len(word) :]
            if index == len(items) - 1 or left[-1] == right[-1]:
                parts = [left, right]
            break
        out.extend(parts)
    return out


def quoted_run_after(text: str, start: int) -> ListItems | None:
    """Consecutive quoted names starting at ``start`` ("“A”“B”、“C”")."""
    items: list[str] = []
    pos = start
    end = start
    while True:
        m = _QUOTED.match(text, pos)
        if not m:
            break
        items.append(next(g for g in m.groups() if g is not None))
        end = m.end()
        sep = _QUOTE_SEP.match(text, end)
        if not sep:
            break
        pos = sep.end()
    if not items:
        return None
    partial = text.startswith("等", end)
    return ListItems(items, start, end, partial)


def quoted_run_before(text: str, end: int) -> ListItems | None:
    """Consecutive quoted names ending at ``end`` (just before a count): “A”“B”, 《A》、《B》, ‘A’和‘B’."""
    items: list[str] = []
    pos = end
    start = end
    while pos > 0 and text[pos - 1] in _CLOSERS:
        close = text[pos - 1]
        open_at = text.rfind(_CLOSERS[close], 0, pos - 1)
        if open_at < 0 or close in text[open_at + 1 : pos - 1] or pos - 1 - open_at > 31:
            break
        items.insert(0, text[open_at + 1 : pos - 1])
        start = open_at
        pos = open_at
        for sep in _RUN_BEFORE_SEPS:
            if text.endswith(sep, 0, pos) and pos - len(sep) > 0 and text[pos - len(sep) - 1] in _CLOSERS:
                pos -= len(sep)
                break
    if not items:
        return None
    # "金鸡奖、“A”“B”三个": an unquoted item before the run, so the run may be only part of the list.
    partial = start > 0 and text[start - 1] == "、"  # (和 before the run is often a preposition: 感觉和“A”)
    return ListItems(items, start, end, partial)


_LEAD_IN = re.compile(r"[0-9]|送往|送到|送|到|往|向|给|在|对|把|被|从|至|由|是|有|与|和|及|了")


def _first_item(item: str, named: dict[str, str]) -> str:
    """The first item of a list found by clause: without the words that lead into it.

    "本报讯 青溪绿源集团" -> "青溪绿源集团"; "签约的青溪集团" -> "青溪集团" when the extractor found it.
    """
    known = [n for n in named if item.endswith(n) and not _LEAD_IN.search(n)]
    if known:
        return max(known, key=len)
    parts = item.split()
    item = parts[-1] if parts else item
    if len(item) <= 8 and not re.search(r"[0-9]", item):
        return item
    # "由10辆救护车分头急送屯门医院" -> "屯门医院": the item starts after the last word leading into it.
    cut = [m.end() for m in _LEAD_IN.finditer(item) if len(item) - m.end() >= 2]
    return item[cut[-1] :] if cut else item


class ArithmeticRule(Rule):
    """Base of the arithmetic rules: access to rules/arithmetic.yaml."""

    @cached_property
    def data(self) -> dict[str, Any]:
        table = self.pack.table("arithmetic", {}) or {}
        return table if isinstance(table, dict) else {}

    def words(self, name: str, default: Sequence[str]) -> list[str]:
        value = self.data.get(name)
        return [str(v) for v in value] if isinstance(value, list) else list(default)


class CountListMismatch(ArithmeticRule):
    """计数与列举项数不符（count-list mismatch）.

    What it catches: A count that introduces a list must match it: "设置了三个展区：A、B、C和D" names four,
    "“A”“B”“C”两条线路" three, "《A》、《B》三部影片" two. A count after a list is checked when the list is of
    quoted or titled names, of places, or of names the extractor knows (people, organisations:
    "X集团、Y集团三家"). With 等 ("A、B、C等7个村") the list may be partial, so only a list longer than the count
    is reported. A name listed twice is DUP003's finding; here the count only has to fit either the
    listed or the distinct items.

    Why: Readers count such lists, and a mismatch makes the whole report look careless.

    Example: “设置了三个展厅：古籍修复厅、地方文献厅、少儿绘本厅和名家手稿厅” names four halls.
    """

    code = "ARI001"
    name = "count-list-mismatch"
    category = "arithmetic"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")
        max_count: int = setting(20, zh="只核对不超过此数的计数", en="only counts up to this are checked")
        max_item_chars: int = setting(20, zh="列举项超过此字数即不视为简单列举", en="longer items: not a simple list")
        max_noun_chars: int = setting(12, zh="“N个……：”中量词与冒号之间最多几个字",
                                      en="characters allowed between the classifier and the colon")

    settings: Settings

    @cached_property
    def _patterns(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        classifiers = sorted(self.words("list_classifiers", DEFAULT_CLASSIFIERS), key=len, reverse=True)
        cls = "|".join(re.escape(c) for c in classifiers)
        intro = "|".join(
            re.escape(w) for w in sorted(self.words("list_introducers", DEFAULT_INTRODUCERS), key=len, reverse=True)
        )
        noun_max = self.settings.max_noun_chars
        after = re.compile(
            rf"(?<!{_NUM_BEFORE})(?P<count>{NUMERAL})(?P<cls>{cls})"
            rf"(?P<noun>[^，,。；;：:、“”‘’（）()\s0-9多余]{{0,{noun_max}}}?)"
            rf"[，,]?(?P<intro>{intro})"
        )
        # "三个多月" is no count of items, "三家多次研究" is.
        before = re.compile(rf"(?P<deng>等|共|这|此)?(?P<count>{NUMERAL})(?P<cls>{cls})(?!多(?!次)|余)")
        return after, before

    @cached_property
    def _inner_count(self) -> re.Pattern[str]:
        """A count inside the words before a list ("A、B等二十多家医院、卫生院"): it closes
        a list of its own, and the list before the later count starts after it."""
        classifiers = sorted(self.words("list_classifiers", DEFAULT_CLASSIFIERS), key=len, reverse=True)
        cls = "|".join(re.escape(c) for c in classifiers)
        return re.compile(rf"(?<![第0-9{_CN}])(?:{NUMERAL})[多余]?(?:{cls})")

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        after, before = self._patterns
        for sentence in article.sentences:
            text = sentence.text
            if not any(ch in text for ch in "、“：:《‘"):
                continue
            named = self._named_items(article, sentence)
            for m in after.finditer(text):
                found = self._after(text, m)
                if found is not None:
                    yield from self._report(article, sentence, m, found)
            for m in before.finditer(text):
                if m.start() > 0 and re.match(_NUM_BEFORE, text[m.start() - 1]) and not m.group("deng"):
                    continue
                found = self._before(text, m, named)
                if found is not None:
                    yield from self._report(article, sentence, m, found)

    @staticmethod
    def _named_items(article: ArticleView, sentence: SentenceView) -> dict[str, str]:
        """Names the extractor found in ``sentence``: text -> kind."""
        out: dict[str, str] = {}
        for fact in article.facts:
            if fact.sentence_id == sentence.id and fact.kind in ("person", "place", "org", "name") and fact.text:
                out[fact.text.strip("“”《》‘’ ")] = fact.kind
        return out

    def _count(self, m: re.Match[str]) -> int | None:
        value = parse_numeral(m.group("count"))
        if value is None or value != int(value) or not 2 <= value <= self.settings.max_count:
            return None
        return int(value)

    def _after(self, text: str, m: re.Match[str]) -> ListItems | None:
        """The list after 'N个…：'."""
        if self._inside_quotes(text, m.start()):
            return None
        start = m.end()
        while start < len(text) and text[start] in " 　":
            start += 1
        quoted = quoted_run_after(text, start)
        if quoted is not None:
            return quoted if len(quoted.items) >= 2 else None
        end_m = _LIST_END.search(text, start)
        end = end_m.start() if end_m else len(text)
        segment = text[start:end]
        if any(w in text[start:] for w in self.words("enumeration_markers", DEFAULT_ENUMERATION_MARKERS)):
            return None
        if _NUMBERED_ITEM.match(text, start):
            return None  # "7条法则：1、永远不要……": numbered points, the first of which is written here
        if end_m and end_m.group() in "；;:：":
            return None  # a list of clauses, not of names
        partial = False
        if segment.endswith("等") or "等" in segment[-4:]:
            partial = True
            segment = segment[: segment.rfind("等")]
        items = self._split(segment)
        if items is None:
            return None
        if (not end_m or end_m.group() in "，,") and len({i[-1] for i in items}) > 1:
            return None  # "…：A、B，以及C": the list may go on after the comma
        return ListItems(items, start, start + len(segment), partial)

    def _before(self, text: str, m: re.Match[str], named: dict[str, str]) -> ListItems | None:
        """The list right before '(等)N个…'."""
        end = m.start()
        partial = m.group("deng") == "等"
        if m.group("deng"):
            end = m.start("deng")
        quoted = quoted_run_before(text, end)
        if quoted is not None:
            if len(quoted.items) < 2:
                return None
            quoted.partial = quoted.partial or partial
            return quoted
        head = clause_before(text, end)
        if "、" not in head or "”" in head[-1:]:
            return None
        # "“侨界十杰”称号是由A、B三家": a quotation in the words leading into the list is no item.
        lead_in = head[: head.find("、")]
        closed = max(lead_in.rfind(c) for c in _CLOSERS)
        if closed >= 0:
            head = head[closed + 1 :]
        inner = [c.end() for c in self._inner_count.finditer(head) if "、" in head[c.end() :]]
        if inner:
            head = head[inner[-1] :]
        start = end - len(head)
        items = self._split(head)
        if items is None:
            return None
        place = m.group("cls") in self.words("place_classifiers", DEFAULT_PLACE_CLASSIFIERS)
        noun_tail = text[m.end() : m.end() + 8]
        if any(len(i) < 2 for i in items):
            return None  # "云林四湖、斗六市": a numeral inside a place name
        unsplit: int | None = len(_BRACKETS.sub("", head).split("、"))
        if unsplit is not None and unsplit < len(items) and self._both_names(items[-2], items[-1], named):
            unsplit = None  # "A、B及C" where B and C are both names: the split reading is the only one
        tails = {i[-1] for i in items}
        counted = len(tails) == 1 and next(iter(tails)) in (m.group("cls") + noun_tail)
        items[0] = _first_item(items[0], named)
        if not place and not counted and not self._named_list(items, m.group("cls"), named):
            return None  # '新建、改造3所学校': the items are not the things counted
        if re.search(r"[0-9]", items[0]):
            return None  # "1号楼、2号楼": numbered items
        start = text.rfind(items[0], start, end)
        return ListItems(items, start, end, partial, unsplit=unsplit)

    def _both_names(self, left: str, right: str, named: dict[str, str]) -> bool:
        """Whether two items are names of one kind (extracted, or both ending like organisations)."""
        if named.get(left) is not None and named.get(left) == named.get(right):
            return True
        org_endings = self.words("org_endings", DEFAULT_ORG_ENDINGS)
        return all(any(i.endswith(e) and len(i) > len(e) for e in org_endings) for i in (left, right))

    def _named_list(self, items: list[str], classifier: str, named: dict[str, str]) -> bool:
        """Whether every item is a name of a kind that ``classifier`` counts (people, organisations).

        An item the extractor missed counts as a person when another item is a person and it
        reads like a name (two or three characters starting with a surname: "李红梅和张志强").
        """
        table = self.data.get("kind_classifiers")
        by_kind = table if isinstance(table, dict) else DEFAULT_KIND_CLASSIFIERS
        org_endings = self.words("org_endings", DEFAULT_ORG_ENDINGS)
        kinds: list[str | None] = []
        for item in items:
            kind = named.get(item)
            if kind is None and any(item.endswith(e) and len(item) > len(e) for e in org_endings):
                kind = "org"
            kinds.append(kind)
        person_classifier = classifier in [str(c) for c in by_kind.get("person", ())]
        if "person" in kinds or (person_classifier and all(k is None for k in kinds)):
            # With a person's classifier (杨志光、胡建新、王立三人) a list of what all read like
            # names is a list of people, even when the extractor recognised none of them.
            names_of = surnames(self.pack)
            kinds = [
                "person" if k is None and 2 <= len(i) <= 3 and i[0] in names_of.single and all_han(i) else k
                for i, k in zip(items, kinds, strict=True)
            ]
        return all(k is not None and classifier in [str(c) for c in by_kind.get(k, ())] for k in kinds)

    def _split(self, segment: str) -> list[str] | None:
        segment = _BRACKETS.sub("", segment).strip()
        if "、" not in segment or "“" in segment or "”" in segment:
            return None
        items = [i.strip() for i in segment.split("、")]
        if any(not i for i in items):
            return None
        items = _split_conjunctions(items, self.words("conjunctions", DEFAULT_CONJUNCTIONS))
        limit = self.settings.max_item_chars
        if any(len(i) > limit for i in items[1:]) or re.search(r"[0-9]", "".join(items[1:])):
            return None
        return items

    @staticmethod
    def _inside_quotes(text: str, position: int) -> bool:
        """Inside 《…》 or a short “…”: a numeral of a name (《明珠三国》, “三个代表”), not a count.

        A long quotation with clause punctuation is speech, and a count in speech is checked.
        """
        head = text[:position]
        if head.count("《") > head.count("》"):
            return True
        if head.count("“") <= head.count("”"):
            return False
        inside = head[head.rfind("“") + 1 :]
        return len(inside) <= 12 and not re.search(r"[，,。；;：:！!？?]", inside)

    def _report(
        self, article: ArticleView, sentence: SentenceView, m: re.Match[str], found: ListItems
    ) -> Iterator[FindingDraft]:
        count = self._count(m)
        if count is None or self._inside_quotes(sentence.text, m.start("count")):
            return
        after_cls = sentence.text[m.end("cls") : m.end("cls") + 2]
        if any(after_cls.startswith(w) for w in self.words("excluded_nouns", DEFAULT_EXCLUDED_NOUNS)):
            return
        n = len(found.items)
        distinct = list(dict.fromkeys(found.items))
        dupes = [i for i in distinct if found.items.count(i) > 1]
        if found.unsplit == count or count in (n, len(distinct)):
            return  # a name listed twice is DUP003's; "学校之间、社区之间及苏浙两地" read unsplit fits
        too_many = len(distinct) > count
        too_few = n < count and not found.partial
        if not (too_many or too_few):
            return
        count_text = m.group(0)
        if m.groupdict().get("intro"):
            count_text = m.group(0)[: m.start("intro") - m.start()].rstrip("，,")
        elif m.groupdict().get("deng"):
            count_text = m.group(0)[m.end("deng") - m.start() :]
        count_start = m.start() + m.group(0).find(count_text)
        listed = "、".join(f"“{i}”" for i in found.items)
        dup_zh = f"，其中“{'”“'.join(dupes)}”重复列出" if dupes else ""
        dup_en = f"; {', '.join(dupes)} is listed twice" if dupes else ""
        zh = f"“{count_text}”与所列{n}项不符：{listed}{dup_zh}，请核对数量或列举内容。"
        en = f"'{count_text}' says {count}, but {n} items are listed{dup_en}."
        if found.end <= count_start:  # a list before its count: show both
            location = article.span_location(sentence.mapped, found.start, count_start + len(count_text))
        else:
            location = article.span_location(sentence.mapped, count_start, count_start + len(count_text))
        yield self.finding(location, zh, en, identity=(count_text, *found.items))


def _unit_of(fact: Fact) -> tuple[str, str]:
    extra = fact.extra or {}
    return str(extra.get("dimension") or ""), str(fact.unit or "")


class PartsExceedTotal(ArithmeticRule):
    """分项之和超过总数（parts exceed total）.

    What it catches: After a total, 其中 introduces its parts: "全县种植2.6万亩，其中白沙镇1.5万亩、柳塘镇
    0.8万亩、云泉街道0.6万亩". When the parts (same unit) add up to more than the total, one of the numbers
    is wrong. Parts with open bounds (超过, 以上) or with words that show overlapping groups are left
    alone, since such parts may legitimately overlap.

    Why: A total and its parts are usually copied from one table; a sum that does not fit means one
    figure was mistyped or belongs to another table.

    Example: “全县种植3.1万亩，其中甲镇1.8万亩、乙镇0.9万亩、丙街道0.7万亩” adds up to 3.4万亩.
    """

    code = "ARI002"
    name = "parts-exceed-total"
    category = "arithmetic"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")
        max_gap_chars: int = setting(6, zh="总数与“其中”之间最多几个字",
                                     en="characters allowed between the total and 其中")
        tolerance: float = setting(0.0, zh="允许的相对误差（0.01 = 1%）", en="relative tolerance (0.01 = 1%)")
        max_span_chars: int = setting(60, zh="分项须在“其中”之后多少字以内",
                                      en="parts must follow 其中 within this many characters")

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        facts_by_sentence: dict[int, list[tuple[int, Fact]]] = {}
        for fact in article.facts_of("number"):
            if fact.sentence_id is None or fact.value is None:
                continue
            sentence = article.sentence(fact.sentence_id)
            if sentence is None:
                continue
            offset = sentence_offset(sentence, fact.raw_start)
            if offset is not None:
                facts_by_sentence.setdefault(sentence.id, []).append((offset, fact))
        markers = self.words("part_markers", ["其中"])
        overlap_words = self.words("overlap_words", DEFAULT_OVERLAP_WORDS)
        change_words = self.words("change_words", ["增长", "增加", "同比", "提高", "下降", "减少", "比"])
        gap_max = self.settings.max_gap_chars
        tolerance = self.settings.tolerance
        for index, sentence in enumerate(article.sentences):
            text = sentence.text
            facts = sorted(facts_by_sentence.get(sentence.id, []), key=lambda p: p[0])
            for marker in markers:
                for mk in re.finditer(re.escape(marker), text):
                    p = mk.start()
                    total = self._total(article, index, facts, facts_by_sentence, p, gap_max)
                    if total is None:
                        continue
                    next_marker = text.find(marker, mk.end())
                    stop = next_marker if next_marker >= 0 else len(text)
                    parts = [(o, f) for o, f in facts if mk.end() <= o < stop]
                    yield from self._check_parts(
                        article, sentence, total, parts, mk.start(), overlap_words, change_words, tolerance
                    )

    @staticmethod
    def _total(
        article: ArticleView, index: int, facts: list[tuple[int, Fact]],
        facts_by_sentence: dict[int, list[tuple[int, Fact]]], p: int, gap_max: int,
    ) -> Fact | None:
        sentence = article.sentences[index]
        before = [(o, f) for o, f in facts if o < p]
        if before:
            offset, fact = before[-1]
            end = offset + len(fact.text)
            gap = sentence.text[end:p]
            return fact if len(gap) <= gap_max else None
        if p > 2 or index == 0:
            return None
        previous = article.sentences[index - 1]
        prev_facts = sorted(facts_by_sentence.get(previous.id, []), key=lambda x: x[0])
        if not prev_facts:
            return None
        offset, fact = prev_facts[-1]
        return fact if len(previous.text) - (offset + len(fact.text)) <= gap_max else None

    def _check_parts(
        self, article: ArticleView, sentence: SentenceView, total: Fact, parts: list[tuple[int, Fact]],
        marker_at: int, overlap_words: list[str], change_words: list[str], tolerance: float,
    ) -> Iterator[FindingDraft]:
        dim, unit = _unit_of(total)
        if not dim or dim in ("percent", "percent_point", "ratio", "duration", "age") or total.high is None:
            return
        if (total.extra or {}).get("range"):
            return
        text = sentence.text
        chosen: list[tuple[int, Fact]] = []
        span_limit = marker_at + self.settings.max_span_chars
        for offset, fact in parts:
            if offset > span_limit:
                break
            if _unit_of(fact) != (dim, unit):
                continue
            clause = clause_before(text, offset)
            if any(w in clause for w in change_words):
                continue
            chosen.append((offset, fact))
        if not chosen:
            return
        span_text = text[marker_at : chosen[-1][0] + len(chosen[-1][1].text)]
        if any(w in span_text for w in overlap_words):
            return
        if any(f.high is None or (f.extra or {}).get("range") for _, f in chosen):
            return  # 超过/以上: open groups that may overlap
        total_high = float(total.high)
        slack = total_high * tolerance + 1e-9 * max(1.0, total_high)
        lows = [float(f.low if f.low is not None else f.value or 0.0) for _, f in chosen]
        parts_low = sum(lows)
        if parts_low <= total_high + slack:
            return
        running = 0.0
        for low in lows[:-1]:
            running += low
            if abs(running - float(total.value or 0.0)) <= slack:
                return  # the first parts make up the total exactly: what follows is another figure
        start = marker_at
        end = chosen[-1][0] + len(chosen[-1][1].text)
        location = article.span_location(sentence.mapped, start, end)
        related = [article.fact_location(total)]
        scale, written_unit = _written_scale(total)
        parts_text = "+".join(f.text for _, f in chosen)
        zh = (
            f"分项{parts_text}合计{fmt_number(round(parts_low / scale, 4))}{written_unit}，"
            f"超过总数{total.text}，请核实分项或总数。"
        )
        en = f"The parts {parts_text} add up to more than the total {total.text}."
        yield self.finding(
            location, zh, en, related=related, identity=(total.text, *[f.text for _, f in chosen]),
        )


_WRITTEN_RE = re.compile(r"([0-9][0-9,.]*|[零〇一二两三四五六七八九十百千]+)(多|余)?([万亿]*)(?:多|余)?(.*)$")


def _written_scale(fact: Fact) -> tuple[float, str]:
    """(base units per written unit, written unit) of a fact: '2.6万亩' -> (10000, '万亩')."""
    m = _WRITTEN_RE.search(fact.text)
    if not m or fact.value is None:
        return 1.0, str(fact.unit or "")
    mantissa = parse_numeral(m.group(1))
    if not mantissa:
        return 1.0, str(fact.unit or "")
    suffix = re.sub(r"(以上|以下|左右|上下|以内|开外)$", "", m.group(4))
    return float(fact.value) / mantissa, m.group(3) + suffix


class ShareOver100(ArithmeticRule):
    """占比、覆盖率等超过100%（share over 100%）.

    What it catches: A share, coverage or rate of a whole (占比, 覆盖率, 入住率, 就业率 …) cannot exceed 100%:
    "覆盖率达到110%" is a typo or a wrong base. Growth is not a share: 增长126% and "提高了1.5倍" are fine and
    never reported.

    Why: A share above the whole is impossible, so a reader takes the figure (and the report) for a
    mistake.

    Example: “防溺水教育覆盖率达到108%”.
    """

    code = "ARI003"
    name = "share-over-100"
    category = "arithmetic"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("error")
        limit: float = setting(100.0, zh="超过此百分数即报告", en="percentages above this are reported")

    settings: Settings

    _PERCENT = re.compile(r"(?<![0-9.])([0-9]+(?:\.[0-9]+)?)\s*[%％]")

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        shares = self.words("share_words", ["占比", "覆盖率"])
        growth = self.words("growth_words", ["增长", "同比", "提高", "增幅"])
        share_re = re.compile("|".join(re.escape(w) for w in sorted(shares, key=len, reverse=True)))
        limit = self.settings.limit
        for sentence in article.sentences:
            text = sentence.text
            if "%" not in text and "％" not in text:
                continue
            for m in self._PERCENT.finditer(text):
                value = float(m.group(1))
                if value <= limit:
                    continue
                clause = clause_before(text, m.start())
                hits = list(share_re.finditer(clause))
                if not hits:
                    continue
                after_share = clause[hits[-1].end() :]
                if any(w in after_share for w in growth) or any(w in clause[: hits[-1].start()][-4:] for w in growth):
                    continue
                location = article.span_location(sentence.mapped, m.start(), m.end())
                word = hits[-1].group()
                zh = f"“{word}”为{m.group(0)}，超过100%；占比、比率类指标不应超过100%，请核实。"
                en = f"'{word}' is {m.group(0)}, over 100%: a share or rate cannot exceed 100%."
                yield self.finding(location, zh, en, identity=(word, m.group(0)))
