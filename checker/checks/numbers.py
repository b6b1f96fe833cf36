"""Conflicting numbers: one fact stated with two incompatible values.

Number facts carry a key (``subject|measure|time|dimension:unit``, see
:mod:`checker.extract.keys`) and an interval ``[low, high]`` implied by their
qualifier (700多万元 -> [700万, 800万)).  Two mentions of one key conflict when
their intervals do not overlap.  Every value is in its base unit, so 1.2亿元 and
12000万元 meet as equals; Chinese numerals are already parsed (七村 = 7个村).

The rules only read the index (``Archive.facts_by_key``) and the sentences of the
articles that hold a matching key; they add guards of their own against the main
sources of false conflicts: changes (比去年增加…, 增长12%), subsets (其中…), keys
without a subject or a measure, percentages that are not the same kind of ratio,
figures of a respective list (分别…A和B), counts whose subject is borrowed from
another sentence and that have no period or wording of their own, and running totals
up to two different days (截至2月24日 / 截至本月20日).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from checker.checks.base import Archive, ArticleView, Rule, SentenceView
from checker.checks.settings import RuleSettings, setting, severity_setting
from checker.extract.numerals import parse_numeral, split_magnitude, step_of
from checker.model import FindingDraft, Severity
from checker.store.models import Fact

CLAUSE_BREAK = re.compile(r"[，,；;。！!？?：:]")
_MANTISSA_RE = re.compile(r"([0-9０-９][0-9０-９,，.．]*|[零〇○一二两三四五六七八九十百千]+)([万亿]*)")

# Words right before a number that make it a change, not a level ("比去年增加15公斤").
DEFAULT_DELTA_WORDS = [
    "增加", "增长", "减少", "下降", "提高", "降低", "提升", "上升", "多了", "少了", "翻了", "翻", "增收",
    "增幅", "降幅", "增速", "同比", "环比", "比上年", "比去年", "较去年", "新增加", "净增", "超出", "高出",
    "多出", "少于", "多于", "差距",
]
# Words removed from the measured phrase before two phrases are compared.
DEFAULT_PHRASE_FILLERS = [
    "达到了", "达到", "达", "为", "是", "共", "共计", "合计", "总计", "实现", "完成", "约", "近", "超过", "突破",
    "有", "的", "了", "已经", "已", "全年", "该", "此", "这", "其", "本", "在", "就", "还", "也", "将", "可",
    "村级", "村集体", "集体",
]
_TIME_WORDS_RE = re.compile(
    r"(?:19|20)[0-9]{2}年度?|[0-9]{1,2}月份?|今年|去年|前年|明年|本年|上年|当年|目前|截至|截止|累计|至今|"
    r"上半年|下半年|[一二三四]季度|前[0-9一二三四五六七八九十]+个月"
)
# Words that make a clause a forecast or target rather than a reported figure.
DEFAULT_TARGET_WORDS = ["力争", "目标", "计划", "预计", "有望", "争取", "确保", "将达", "可达", "预期"]
# Words that pair a list of figures with a list of things ("分别增长20.2亿元和10.8亿元"): which
# figure belongs to which thing is in the word order, not in the key, so none of them is compared.
DEFAULT_RESPECTIVE_WORDS = ["分别", "依次"]


# -- shared helpers (also used by checker.checks.arithmetic) --------------------------------------
def sentence_offset(sentence: SentenceView, raw_start: int) -> int | None:
    """Index in ``sentence`` of the character that came from raw index ``raw_start``."""
    try:
        return sentence.mapped.src.index(raw_start)
    except ValueError:
        return None


def clause_before(text: str, position: int) -> str:
    """The part of the clause of ``text`` that precedes ``position``."""
    head = text[:position]
    breaks = list(CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end() :] if breaks else head


def fmt_number(value: float) -> str:
    if abs(value - round(value)) < 1e-9:
        return str(round(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def parts_of_key(key: str) -> tuple[str, str, str, str] | None:
    parts = key.split("|")
    if len(parts) != 4:
        return None
    return parts[0], parts[1], parts[2], parts[3]


def time_phrase(time: str | None) -> str:
    """'2023' -> '2023年', 'cumulative' -> '累计', '2023:1-5' -> '2023年1-5月' (for messages)."""
    if not time or time == "*":
        return ""
    if time == "cumulative":
        return "累计"
    if time == "annual":
        return "年均"
    relative = time.startswith("rel:")  # "rel:今年:1-5": a year word of an undated article
    year, _, period = time.removeprefix("rel:").partition(":")
    year_text = year if relative else f"{year}年"
    if not period:
        return year_text
    names = {"H1": "上半年", "H2": "下半年", "Q1": "一季度", "Q2": "二季度", "Q3": "三季度", "Q4": "四季度"}
    return f"{year_text}{names.get(period, period + '月')}"


# -- mentions ------------------------------------------------------------------------------------
@dataclass
class Mention:
    """A number fact with the text around it, from this article or another one."""

    fact: Fact
    article: ArticleView
    sentence: SentenceView | None
    offset: int | None
    # The measured phrase each rule (by id) read from this mention: a key's mentions are
    # compared pairwise, so each phrase is asked for many times.
    phrases: dict[int, str] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def before(self) -> str:
        if self.sentence is None or self.offset is None:
            return ""
        return clause_before(self.sentence.text, self.offset)

    @cached_property
    def time_token(self) -> str:
        """The fact's time, or when none was resolved, the relative year word written before it.

        Without a publication date 今年 and 去年 both resolve to nothing; they must still
        never meet.
        """
        time = self.fact.time
        if time and time != "*":
            return str(time)
        if self.sentence is None or self.offset is None:
            return "*"
        found = list(_RELATIVE_YEAR_RE.finditer(self.sentence.text[: self.offset]))
        if not found:
            return "*"
        word = found[-1].group()
        return _RELATIVE_YEAR_CANON.get(word, word)

    @property
    def low(self) -> float:
        f = self.fact
        return float(f.low if f.low is not None else (f.value or 0.0))

    @property
    def high(self) -> float | None:
        f = self.fact
        if f.high is not None:
            return float(f.high)
        if f.low is None and f.value is not None:
            return float(f.value)
        return None  # unbounded above (超过/以上)


_RELATIVE_YEAR_RE = re.compile(
    r"今年|去年|前年|明年|本年|上年|当年|全年|同期|上半年|下半年|[一二三四1-4]季度|前[0-9一二三四五六七八九十]{1,2}个月"
    r"|[0-9一二三四五六七八九十]{1,3}(?:[—\-－~～至到][0-9一二三四五六七八九十]{1,3})?月(?![0-9一二三四五六七八九十]+日)"
)
_RELATIVE_YEAR_CANON = {"本年": "今年", "上年": "去年", "全年": "今年"}


def mention_of(fact: Fact, archive: Archive, article: ArticleView) -> Mention:
    view = article if fact.article_id == article.id else archive.article(fact.article_id)
    if fact.sentence_id is None:
        sentence = None
    elif view.sentences_loaded:
        sentence = view.sentence(fact.sentence_id)
    else:
        sentence = archive.sentence_view(fact.sentence_id)  # not the whole article: one sentence is read
    offset = sentence_offset(sentence, fact.raw_start) if sentence is not None else None
    return Mention(fact, view, sentence, offset)


def load_mentions(facts: Sequence[Fact], archive: Archive) -> None:
    """What :func:`mention_of` reads for archive facts, for all of ``facts`` in two queries.

    The facts' article headers and their sentences alone, not their articles' other sentences
    (a frequent key's facts are spread over many articles).
    """
    views = archive.articles({f.article_id for f in facts})
    archive.sentence_views(f.sentence_id for f in facts if f.sentence_id is not None)
    # What person_names reads, without loading every fact of those articles.
    need = [v for v in views if not v.facts_loaded and getattr(v, "_person_names", None) is None]
    names = archive.fact_texts((v.id for v in need), "person")
    for view in need:
        view._person_names = names[view.id]  # type: ignore[attr-defined]


def written_precision(fact: Fact) -> tuple[float, int] | None:
    """(one step of the last written digit in base units, significant digits) of a plain number."""
    if fact.value is None or not fact.text:
        return None
    m = _MANTISSA_RE.search(fact.text)
    if not m:
        return None
    mantissa, magnitude = m.group(1), m.group(2)
    if not magnitude and not mantissa[0].isdigit():
        mantissa, magnitude = split_magnitude(mantissa)
    written = parse_numeral(mantissa)
    if not written:
        return None
    step = step_of(mantissa)
    digits = len(re.sub(r"[^0-9]", "", fmt_number(written / step))) if step else 0
    return float(fact.value) * step / written, digits


def consistent(a: Mention, b: Mention, min_rounding_digits: int) -> bool:
    """Whether the intervals of ``a`` and ``b`` overlap (allowing a rounded restatement)."""
    a_high = a.high if a.high is not None else float("inf")
    b_high = b.high if b.high is not None else float("inf")
    eps = 1e-9 * max(1.0, abs(a.low), abs(b.low))
    if a.low <= b_high + eps and b.low <= a_high + eps:
        return True
    # 1.2亿 and 1.23亿: the less precise one is the other rounded to its last digit.
    if a.fact.qualifier or b.fact.qualifier or a.fact.value is None or b.fact.value is None:
        return False
    pa, pb = written_precision(a.fact), written_precision(b.fact)
    if pa is None or pb is None:
        return False
    coarse, fine = (a, b) if pa[0] > pb[0] else (b, a)
    step, digits = (pa if coarse is a else pb)
    if step <= 0 or digits < min_rounding_digits:
        return False
    assert coarse.fact.value is not None and fine.fact.value is not None
    return abs(float(coarse.fact.value) - float(fine.fact.value)) <= step / 2 + eps


_COMPARISON_RE = re.compile(r"比|较|相比|相较|同比|环比")
_NOT_COMPARISON_RE = re.compile(r"比例|比重|占比|比赛|比拼|对比|好比|无比|比较优势")


def person_names(view: ArticleView) -> set[str]:
    """Names of the people in an article (cached on the view)."""
    cached = getattr(view, "_person_names", None)
    if cached is None:
        cached = {str(f.text) for f in view.facts if f.kind == "person"}
        view._person_names = cached  # type: ignore[attr-defined]
    return cached


def _has_any(text: str, words: Sequence[str]) -> bool:
    return any(w in text for w in words)


@dataclass(frozen=True)
class NumberSettings(RuleSettings):
    """Settings of the guards shared by the number-conflict rules (:meth:`NumberRuleMixin.comparable`)."""

    delta_window: int = setting(6, zh="数字前多少字内出现“增加/增长…”即视为变化量，不比较",
                                en="a change word this close before the number makes it a change, not a level")
    skip_targets: bool = setting(True, zh="含“力争/计划/预计…”的分句是目标或预测，不比较",
                                 en="clauses with a target or forecast word are not compared")
    min_counted_chars: int = setting(
        4, zh="计数对象写在数字之后（“1620起违法行为”）时，对象至少几个字才按对象比较",
        en="a counted thing written after the number is compared when it has this many characters",
    )


def number_words(pack: Any, name: str, default: Sequence[str]) -> list[str]:
    """A word list from rules/numbers.yaml, else ``default``."""
    table = pack.table("numbers", {}) or {}
    value = table.get(name) if isinstance(table, dict) else None
    return [str(v) for v in value] if isinstance(value, list) else list(default)


class NumberRuleMixin:
    """Guards shared by the number-conflict rules."""

    settings: NumberSettings
    pack: Any

    def words(self, name: str, default: Sequence[str]) -> list[str]:
        return number_words(self.pack, name, default)

    def phrase(self, m: Mention) -> str:
        """What the clause says is measured, between the subject and the number, without fillers.

        "东塘村2024年村级经营性收入达到" -> "村级经营性收入".  Two mentions of one fact
        have phrases of which one contains the other; "房地产开发投资" and "固定资产投资" do not.
        """
        if id(self) not in m.phrases:
            m.phrases[id(self)] = self._phrase(m)
        return m.phrases[id(self)]

    def _phrase(self, m: Mention) -> str:
        text = m.before
        attribute = str(m.fact.attribute or "")
        if m.sentence is not None and m.offset is not None and _has_any(attribute, ("增长", "下降")):
            # "工业投资415亿元，增长12.4%": the growth of what is said in an earlier clause.
            text = m.sentence.text[: m.offset]
        subject = str(m.fact.subject or "")
        if subject and subject in text:
            text = text[text.rfind(subject) + len(subject) :]
        text = _TIME_WORDS_RE.sub("", text)
        fillers = sorted(self.words("phrase_fillers", DEFAULT_PHRASE_FILLERS), key=len, reverse=True)
        for word in fillers:
            text = text.replace(word, "")
        return re.sub(r"[\s\W0-9A-Za-z]", "", text)

    def comparable(self, m: Mention) -> bool:
        """Whether a mention states a level worth comparing (not a change, target or vague key)."""
        f = m.fact
        if f.kind != "number" or not f.key or f.value is None:
            return False
        parts = parts_of_key(f.key)
        if parts is None or not parts[0] or not parts[1]:
            return False
        if not f.subject or not (f.attribute or f.counted):
            return False
        if parts[0].endswith(parts[1]) or parts[0] in parts[1]:
            return False  # "28家基金公司": the counted thing taken for the subject
        extra = f.extra or {}
        if extra.get("range") or extra.get("comparison") or extra.get("delta"):
            return False
        before = m.before
        window = self.settings.delta_window
        dimension = parts[3].split(":", 1)[0]
        growth_attribute = bool(f.attribute) and _has_any(str(f.attribute), ("增长", "下降", "增幅", "增速", "降幅"))
        # The attribute's own name is no change word ("实现增加值428.2亿元" is a level).
        masked = before.replace(str(f.attribute), "") if f.attribute and not growth_attribute else before
        near = masked[-window:] if window else ""
        delta_words = self.words("delta_words", DEFAULT_DELTA_WORDS)
        if _has_any(near, delta_words) and not growth_attribute:
            return False
        if _has_any(before, self.words("respective_words", DEFAULT_RESPECTIVE_WORDS)):
            return False  # "各比上年多出3.1亿元和1.6亿元": one figure per thing listed before
        if not growth_attribute and _COMPARISON_RE.search(_NOT_COMPARISON_RE.sub("", before)):
            return False  # "比2022年的520万元多了…": the base of a comparison
        if (
            dimension == "count"
            and not f.attribute
            and len(str(f.counted or "")) < self.settings.min_counted_chars
            and m.sentence is not None
            and not _subject_before(m)
        ):
            # "有3只基金…" with the subject carried from elsewhere: a short counted noun (基金, 电影)
            # under a borrowed subject says too little to be one fact ("1620起违法行为" is enough).
            return False
        if dimension == "count" and not f.attribute and m.time_token == "*" and not _subject_before(m):
            return False  # a borrowed subject and no period: "某公司旗下6只债券基金" of which report?
        if str(f.subject) in person_names(m.article):
            return False  # a speaker carried as subject ("沈国华说…680万元") says nothing about whose figure
        if self.settings.skip_targets and _has_any(
            before, self.words("target_words", DEFAULT_TARGET_WORDS)
        ):
            return False
        if dimension in ("percent", "percent_point", "ratio") and not f.attribute:
            return False  # ratios only meet when both name what they are a ratio of
        # A part named after 其中, or an item of a list (、), is only compared when its own
        # subject is written right before it: a carried subject there is usually the previous item's.
        if "其中" in before or "、" in before:
            tail = before[before.rfind("其中") :] if "其中" in before else before
            tail = tail[tail.rfind("、") + 1 :]
            if str(f.subject) not in tail:
                return False
        return True


def shown(fact: Fact) -> str:
    """The number as a reader would quote it: '达到680万元' -> '680万元' (suffixes kept)."""
    text = str(fact.text)
    q = fact.qualifier or ""
    if q and text.startswith(q) and q not in ("近", "约", "超", "超过", "逾", "不足", "不到", "将近", "接近"):
        return text[len(q) :]
    return text


def _label(fact: Fact) -> str:
    subject = fact.subject or ""
    measure = fact.attribute or fact.counted or ""
    return f"{subject}{time_phrase(fact.time)}{measure}"


class _Sides:
    """For one key's mentions: which agree with a mention (itself included) and which contradict it.

    Computed only when asked, for this article's mentions and their opponents: a key has up
    to FACTS_PER_KEY_CAP archive mentions, and all their pairs are rarely needed.
    """

    def __init__(self, mentions: list[Mention], pair: Callable[[Mention, Mention], bool], digits: int) -> None:
        self.mentions = mentions
        self.pair = pair
        self.digits = digits
        self._known: dict[int, tuple[list[Mention], list[Mention]]] = {}

    def __call__(self, m: Mention) -> tuple[list[Mention], list[Mention]]:
        if m.fact.id not in self._known:
            agree: list[Mention] = []
            disagree: list[Mention] = []
            for o in self.mentions:
                if o is not m and not self.pair(m, o):
                    continue  # two numbers of one sentence are never two mentions of one fact
                (agree if consistent(m, o, self.digits) else disagree).append(o)
            self._known[m.fact.id] = (agree, disagree)
        return self._known[m.fact.id]


class ConflictingNumber(NumberRuleMixin, Rule):
    """同一事实前后数字不一致（conflicting number）.

    What it catches: Two mentions of the same fact — same subject, same measure, same period, same
    kind of unit — whose values cannot both be true: 680万元 here, 860万元 there. Figures without a
    period in two articles are compared only for lasting measures (总投资, 面积) or when the articles
    appeared within a few days of each other, and then as a warning, since they may belong to
    different periods. Units and qualifiers are taken into account (1.2亿元 equals 12000万元, 700多万元
    agrees with 760万元, 七村 with 7个村), and a figure of this year never meets last year's. When several
    mentions agree and one differs, only the odd one is reported, with the majority value as the
    suggestion. Two figures introduced by the same words (at least ``same_wording_min_chars`` of
    them: a passage reused with one figure changed) are compared whatever they measure, even
    forecasts or changes that are otherwise left alone.

    Why: Such slips (swapped digits, a figure from an old draft) are among the most embarrassing
    errors a paper can print and the hardest to see by eye, because each sentence reads well on its
    own.

    Example: “南坞村2024年经常性收入达到520万元” in the lead and “…达到250万元” further down.
    """

    code = "NUM001"
    name = "conflicting-number"
    category = "number-conflict"

    pairwise = True

    @dataclass(frozen=True)
    class Settings(NumberSettings):
        severity: Severity = severity_setting("error")
        min_rounding_digits: int = setting(
            2, zh="较粗的数字至少几位有效数字才视为另一数字的四舍五入（1.2亿≈1.23亿，3亿≠3.4亿）",
            en="significant digits the coarser figure needs to count as a rounding of the finer one",
        )
        max_related: int = setting(3, zh="报告中最多列出几处相关位置", en="related places listed at most")
        max_ratio: float = setting(20.0, zh="两数相差超过此倍数即视为不同的量（每股0.29元与总额390亿元）",
                                   en="values further apart than this factor are different quantities")
        stable_measures: tuple[str, ...] = setting(
            ("总投资", "面积", "长度", "人口"), zh="不注明时间也可跨稿比较的指标",
            en="measures compared across articles even without a stated period",
        )
        timeless_max_days: int = setting(
            7, zh="其他指标两处都未注明时间时，两稿见报相差不超过此天数才比较（报为 timeless_severity）",
            en="other measures without a period: compared across articles this many days apart at most",
        )
        timeless_undated: bool = setting(True, zh="两稿都没有见报日期时也比较（同上）",
                                         en="also compare when both articles are undated (as above)")
        timeless_severity: Severity = setting("warning", zh="未注明时间的跨稿比较的报告级别",
                                              en="severity of comparisons without a stated period")
        same_wording_min_chars: int = setting(
            8, zh="两处数字前的分句一字不差（至少这么多字）时视为同一说法，无论是目标、变化量还是列举都比较",
            en="figures introduced by the same words (this many characters at least) are one statement written twice",
        )

    settings: Settings

    def meet(self, a: Mention, b: Mention) -> bool:
        """Whether two comparable mentions of one key are really about the same quantity."""
        if _too_close(a, b) or a.time_token != b.time_token:
            return False
        cut_a, cut_b = (a.fact.extra or {}).get("cut_off"), (b.fact.extra or {}).get("cut_off")
        if cut_a and cut_b and cut_a != cut_b:
            return False  # totals up to two different days ("截至2月24日" / "截至本月20日")
        if self.timeless_pair(a, b) and not self._close_dates(a, b):
            # Across articles a figure without a period only meets for lasting quantities
            # (总投资, 面积), or in reports of the same days: "上海队赢了7场" in one report and
            # "4场" in another a year later are two seasons.
            return False
        va, vb = abs(float(a.fact.value or 0.0)), abs(float(b.fact.value or 0.0))
        if min(va, vb) <= 0 or max(va, vb) / min(va, vb) > self.settings.max_ratio:
            return False  # 0.29元 per share and 390亿元 in total: two different quantities
        pa, pb = self.phrase(a), self.phrase(b)
        ca, cb = str(a.fact.counted or ""), str(b.fact.counted or "")
        if not pa or not pb:
            # Nothing written before one of them: counts must at least count the same thing
            # ("230只基金" and "123只股票型基金" are not one figure), and a count under a
            # borrowed subject has nothing left to show it is the same count.
            if a.fact.attribute or b.fact.attribute:
                return True
            if not (_subject_before(a) and _subject_before(b)) and (a.fact.extra or {}).get("dimension") == "count":
                return False
            return not ca or not cb or ca == cb
        if pa in pb or pb in pa:
            return True
        # A count whose counted thing follows it ("查处的1620起违法行为中"): the counted phrases
        # decide when they name something specific (four characters or more: not 个篮板) and the
        # two clauses share a word ("查处").
        shortest = self.settings.min_counted_chars
        if a.fact.attribute or b.fact.attribute or min(len(ca), len(cb)) < shortest or not (ca in cb or cb in ca):
            return False
        return any(pa[i : i + 2] in pb for i in range(len(pa) - 1))

    def timeless_pair(self, a: Mention, b: Mention) -> bool:
        """Two articles' figures without a period, of a measure that changes over time."""
        if a.article.id == b.article.id or a.time_token != "*":
            return False
        stable = set(self.settings.stable_measures)
        return str(a.fact.attribute or "") not in stable

    def _close_dates(self, a: Mention, b: Mention) -> bool:
        """Both articles published within ``timeless_max_days`` (both undated: ``timeless_undated``)."""
        da, db = a.article.pub_date, b.article.pub_date
        if da is None or db is None:
            return da is None and db is None and self.settings.timeless_undated
        return abs((da - db).days) <= self.settings.timeless_max_days


    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        own = [mention_of(f, archive, article) for f in article.facts_of("number") if f.key and f.value is not None]
        if not own:
            return
        ok = {m.fact.id: self.comparable(m) for m in own}
        wording_min = self.settings.same_wording_min_chars
        own = [m for m in own if ok[m.fact.id] or len(_lead(m)) >= wording_min]
        if not own:
            return
        keys = sorted({str(m.fact.key) for m in own})
        by_key: dict[str, dict[int, Mention]] = {}
        for m in own:
            by_key.setdefault(str(m.fact.key), {})[m.fact.id] = m
        archived = archive.facts_by_key(keys)
        load_mentions(archived, archive)
        for fact in archived:
            group = by_key.setdefault(str(fact.key), {})
            if fact.id in group or fact.article_id == article.id or fact.value is None:
                continue
            other = mention_of(fact, archive, article)
            ok[fact.id] = self.comparable(other)
            if ok[fact.id] or len(_lead(other)) >= wording_min:
                group[fact.id] = other

        def pair(m: Mention, o: Mention) -> bool:
            return self.pairs(m, o, ok[m.fact.id], ok[o.fact.id])

        digits = self.settings.min_rounding_digits
        max_related = self.settings.max_related
        for key in keys:
            mentions = sorted(by_key[key].values(), key=lambda m: (m.article.pub_order, m.fact.raw_start))
            if len(mentions) < 2:
                continue
            side = _Sides(mentions, pair, digits)

            for m in mentions:
                if m.article.id != article.id:
                    continue
                opponents = side(m)[1]
                if not opponents:
                    continue
                mine = len(side(m)[0])
                best = max(opponents, key=lambda o: (len(side(o)[0]), o.article.pub_order))
                theirs = len(side(best)[0])
                if mine > theirs:
                    continue  # the majority value: the odd one is reported where it stands
                if mine == theirs and not self._reports_tie(m, opponents, article, archive, side):
                    continue
                yield self._finding(article, archive, m, best, opponents[:max_related], majority=theirs > mine)

    def pairs(self, m: Mention, o: Mention, m_ok: bool | None = None, o_ok: bool | None = None) -> bool:
        """Whether two mentions of one key are compared: both state a comparable level (``m_ok``,
        ``o_ok`` when known), or the two clauses are worded alike (a passage reused with one
        figure changed), whatever their kind of figure; and they are about the same quantity."""
        m_ok = self.comparable(m) if m_ok is None else m_ok
        o_ok = self.comparable(o) if o_ok is None else o_ok
        alike = (m_ok and o_ok) or _same_wording(m, o, self.settings.same_wording_min_chars)
        return alike and self.meet(m, o)

    def _reports_tie(
        self, m: Mention, opponents: list[Mention], article: ArticleView, archive: Archive,
        side: _Sides,
    ) -> bool:
        """A tie (680 once, 860 once) is reported once: at the later mention."""
        mine = len(side(m)[0])
        for o in opponents:
            if len(side(o)[0]) != mine:
                continue
            if o.article.id == article.id:
                if o.fact.raw_start > m.fact.raw_start:
                    return False
            elif not archive.reports_pair(article, o.article.id):
                return False
        return True

    def _finding(
        self, article: ArticleView, archive: Archive, m: Mention, best: Mention, opponents: list[Mention],
        *, majority: bool,
    ) -> FindingDraft:
        location = article.fact_location(m.fact)
        ordered = [best, *[o for o in opponents if o is not best]]
        related = [o.article.fact_location(o.fact) for o in ordered]
        other_loc = related[0]
        label = _label(m.fact)
        mine, theirs = shown(m.fact), shown(best.fact)
        where_zh, where_en = article.where(best.article, other_loc)
        zh = f"{label}此处为{mine}，{where_zh}为{theirs}，两处数字不一致，请核实。"
        if len(ordered) > 1:
            zh += f"（共有{len(ordered)}处与此处不一致）"
        en = (
            f"{label}: {mine} here, but {theirs} at {where_en}; the two figures disagree."
        )
        weak = self.timeless_pair(m, best)
        if weak:
            zh += "（两处均未注明时间，可能是不同时期的数字）"
            en += " (neither gives a period: they may be figures of different times)"
        return self.finding(
            location, zh, en, related=related,
            suggestion=theirs if majority else None,
            identity=(str(m.fact.key), m.fact.text, best.fact.text),
            severity=self.settings.timeless_severity if weak else None,
        )


class ScopeMismatch(NumberRuleMixin, Rule):
    """同一数字一处为年度数、一处为累计数（scope mismatch）.

    What it catches: The same subject and measure appear with the same value once as a figure of one
    year (2023年…) and once as a running total (累计/截至目前…). This is a prompt to check the scope, not a
    certain error.

    Why: Both can hardly be right: either the year's figure is really the total so far, or the total
    is really one year's.

    Example: “2024年接待游客9万人次” last week, “截至目前累计接待游客9万人次” today.
    """

    code = "NUM002"
    name = "scope-mismatch"
    category = "number-conflict"

    pairwise = True

    @dataclass(frozen=True)
    class Settings(NumberSettings):
        severity: Severity = severity_setting("info")
        years_back: int = setting(2, zh="累计数与见报前几年以内的年度数比较",
                                  en="years before publication whose figures are compared with a total")

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        own = [mention_of(f, archive, article) for f in article.facts_of("number") if f.key]
        own = [m for m in own if self.comparable(m)]
        if not own:
            return
        year = article.pub_date.year if article.pub_date else None
        years_back = self.settings.years_back
        wanted: dict[str, list[Mention]] = {}
        for m in own:
            parts = parts_of_key(str(m.fact.key))
            assert parts is not None
            subject, measure, time, dim = parts
            if time == "cumulative":
                candidates = [str(y) for y in range(year - years_back, year + 1)] if year else []
            elif re.fullmatch(r"\d{4}", time):
                candidates = ["cumulative"]
            else:
                continue
            for t in candidates:
                wanted.setdefault(f"{subject}|{measure}|{t}|{dim}", []).append(m)
        if not wanted:
            return
        seen: set[tuple[int, int]] = set()
        archived = archive.facts_by_key(sorted(wanted))
        load_mentions(archived, archive)
        for fact in archived:
            for m in wanted[str(fact.key)]:
                if fact.id == m.fact.id or (fact.id, m.fact.id) in seen:
                    continue
                other = mention_of(fact, archive, article)
                if not self.comparable(other) or not _same_value(m, other):
                    continue
                if other.article.id == article.id:
                    if other.fact.raw_start > m.fact.raw_start:
                        continue  # reported at the later of the two
                elif not archive.reports_pair(article, other.article.id):
                    continue
                seen.add((m.fact.id, fact.id))
                loc = other.article.fact_location(fact)
                what = m.fact.attribute or m.fact.counted
                where_zh, where_en = article.where(other.article, loc)
                zh = (
                    f"{m.fact.subject}{what}此处为{time_phrase(m.fact.time)}{shown(m.fact)}，"
                    f"{where_zh}同一数字为{time_phrase(fact.time)}数，"
                    "年度数与累计数口径不同，请核实统计口径。"
                )
                en = (
                    f"{m.fact.text} is given as a {m.fact.time} figure here but as a {fact.time} figure at "
                    f"{where_en}; check which scope is right."
                )
                yield self.finding(
                    article.fact_location(m.fact), zh, en, related=[loc],
                    identity=(str(m.fact.key), m.fact.text, str(fact.key)),
                )


_NOT_WORDING = re.compile(r"[\s\W]")


def _wording(m: Mention) -> str:
    """The clause before a number without spaces and punctuation: what the sentence says it is."""
    return _NOT_WORDING.sub("", m.before)


def _lead(m: Mention) -> str:
    """The whole sentence before a number without spaces and punctuation."""
    if m.sentence is None or m.offset is None:
        return _wording(m)
    return _NOT_WORDING.sub("", m.sentence.text[: m.offset])


def _common_tail(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _same_wording(a: Mention, b: Mention, min_chars: int) -> bool:
    """Two figures introduced by the same words, counting the same thing: one statement written
    twice, so the figures must agree whatever they measure.

    The words are read back from each number over the whole sentence: the same clause
    (at least ``min_chars`` characters), one whole sentence opening that the other sentence ends
    with (a headline run into the copy), or twice ``min_chars`` characters in common
    ("…某专家指出，这5起病例中，城东区2起": the clause alone is too short to tell).
    """
    if (a.fact.counted or "") != (b.fact.counted or ""):
        return False
    wa = _wording(a)
    if len(wa) >= min_chars and wa == _wording(b):
        return True
    lead_a, lead_b = _lead(a), _lead(b)
    shared = _common_tail(lead_a, lead_b)
    return shared >= min_chars and (shared >= 2 * min_chars or shared == min(len(lead_a), len(lead_b)))


def _local_subject(m: Mention) -> bool:
    """Whether the subject is written in the mention's own sentence (not carried over)."""
    if m.sentence is None or not m.fact.subject:
        return False
    return str(m.fact.subject) in m.sentence.text


def _subject_before(m: Mention) -> bool:
    """Whether the subject is written in the mention's sentence before the number."""
    if m.sentence is None or m.offset is None or not m.fact.subject:
        return False
    return str(m.fact.subject) in m.sentence.text[: m.offset]


def _too_close(a: Mention, b: Mention) -> bool:
    """Two numbers too close to be two mentions of one fact.

    One sentence never states one fact twice; in one paragraph, two numbers with the same
    carried subject are usually two items of a list whose own subjects were missed.
    """
    if a.fact.sentence_id is not None and a.fact.sentence_id == b.fact.sentence_id:
        return True
    if a.article.id != b.article.id or a.sentence is None or b.sentence is None:
        return False
    if a.sentence.paragraph != b.sentence.paragraph:
        return False
    return not (_local_subject(a) and _local_subject(b))


def _same_value(a: Mention, b: Mention) -> bool:
    if a.fact.value is None or b.fact.value is None:
        return False
    va, vb = float(a.fact.value), float(b.fact.value)
    return abs(va - vb) <= 1e-9 * max(1.0, abs(va)) and (a.fact.qualifier or "") == (b.fact.qualifier or "")
