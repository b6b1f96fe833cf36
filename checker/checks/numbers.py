"""Conflicting numbers: one fact stated with two incompatible values.

Number facts carry a key (``subject|measure|time|dimension:unit``, see
:mod:`checker.extract.keys`) and an interval ``[low, high]`` implied by their
qualifier (700多万元 -> [700万, 800万)).  Two mentions of one key conflict when
their intervals do not overlap.  Every value is in its base unit, so 1.2亿元 and
12000万元 meet as equals; Chinese numerals are already parsed (七村 = 7个村).

The rules only read the index (``Archive.facts_by_key``) and the sentences of the
articles that hold a matching key; they add guards of their own against the main
sources of false conflicts: changes (比去年增加…, 增长12%), subsets (其中…), keys
without a subject or a measure, and percentages that are not the same kind of ratio.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from checker.checks.base import Archive, ArticleView, Rule, SentenceView
from checker.extract.numerals import parse_numeral, split_magnitude, step_of
from checker.model import FindingDraft, Location
from checker.store.models import Fact

CLAUSE_BREAK = re.compile(r"[，,；;。！!？?：:]")
_MANTISSA_RE = re.compile(r"([0-9０-９][0-9０-９,，.．]*|[零〇○一二两三四五六七八九十百千]+)([万亿]*)")

# Words right before a number that make it a change, not a level ("比去年增加15公斤").
DEFAULT_DELTA_WORDS = [
    "增加", "增长", "减少", "下降", "提高", "降低", "提升", "上升", "多了", "少了", "翻了", "翻", "增收",
    "增幅", "降幅", "增速", "同比", "环比", "比上年", "比去年", "较去年", "新增加", "净增", "超出", "高出",
    "多出", "少于", "多于", "差距",
]
# Words that make a clause a forecast or target rather than a reported figure.
DEFAULT_TARGET_WORDS = ["力争", "目标", "计划", "预计", "有望", "争取", "确保", "将达", "可达", "预期"]


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
        return str(int(round(value)))
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
    year, _, period = time.partition(":")
    if not period:
        return f"{year}年"
    names = {"H1": "上半年", "H2": "下半年", "Q1": "一季度", "Q2": "二季度", "Q3": "三季度", "Q4": "四季度"}
    return f"{year}年{names.get(period, period + '月')}"


def where_phrase(article: ArticleView, other: ArticleView, location: Location) -> str:
    """'本文第12行' or '《标题》第12行' for a related place."""
    if other.id == article.id:
        return f"本文第{location.line}行"
    return f"《{other.title}》第{location.line}行"


def where_phrase_en(article: ArticleView, other: ArticleView, location: Location) -> str:
    if other.id == article.id:
        return f"line {location.line} of this article"
    return f"line {location.line} of '{other.title}'"


# -- mentions ------------------------------------------------------------------------------------
@dataclass
class Mention:
    """A number fact with the text around it, from this article or another one."""

    fact: Fact
    article: ArticleView
    sentence: SentenceView | None
    offset: int | None

    @property
    def before(self) -> str:
        if self.sentence is None or self.offset is None:
            return ""
        return clause_before(self.sentence.text, self.offset)

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


def mention_of(fact: Fact, archive: Archive, article: ArticleView) -> Mention:
    view = article if fact.article_id == article.id else archive.article(fact.article_id)
    sentence = view.sentence(fact.sentence_id)
    offset = sentence_offset(sentence, fact.raw_start) if sentence is not None else None
    return Mention(fact, view, sentence, offset)


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
    return abs(float(coarse.fact.value) - float(fine.fact.value)) <= step / 2 + eps


def _has_any(text: str, words: Sequence[str]) -> bool:
    return any(w in text for w in words)


class NumberRuleMixin:
    """Guards shared by the number-conflict rules."""

    settings: dict[str, object]

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
        extra = f.extra or {}
        if extra.get("range") or extra.get("comparison") or extra.get("delta"):
            return False
        before = m.before
        window = int(self.settings.get("delta_window", 6))  # type: ignore[call-overload]
        near = before[-window:] if window else ""
        delta_words = list(self.settings.get("delta_words") or DEFAULT_DELTA_WORDS)  # type: ignore[call-overload]
        dimension = parts[3].split(":", 1)[0]
        growth_attribute = bool(f.attribute) and _has_any(str(f.attribute), ("增长", "下降", "增幅", "增速", "降幅"))
        if _has_any(near, delta_words) and not growth_attribute:
            return False
        if "比" in before and _has_any(before[before.rfind("比") :], delta_words):
            return False
        if self.settings.get("skip_targets", True) and _has_any(
            before, list(self.settings.get("target_words") or DEFAULT_TARGET_WORDS)  # type: ignore[call-overload]
        ):
            return False
        if dimension in ("percent", "percent_point", "ratio"):
            # Ratios only meet when both name what they are a ratio of.
            if not f.attribute:
                return False
        # A part named after 其中 is only compared when its own subject is written in that clause.
        if "其中" in before:
            tail = before[before.rfind("其中") :]
            if str(f.subject) not in tail:
                return False
        return True


def _label(fact: Fact) -> str:
    subject = fact.subject or ""
    measure = fact.attribute or fact.counted or ""
    return f"{subject}{time_phrase(fact.time)}{measure}"


class ConflictingNumber(NumberRuleMixin, Rule):
    """同一事实前后数字不一致（conflicting number）.

    Two mentions of the same fact — same subject, same measure, same period, same kind
    of unit — whose values cannot both be true: 680万元 here, 860万元 there.  Units and
    qualifiers are taken into account (1.2亿元 equals 12000万元, 700多万元 agrees with
    760万元, 七村 with 7个村), and a figure of this year never meets last year's.  When
    several mentions agree and one differs, only the odd one is reported, with the
    majority value as the suggestion.  Such slips (swapped digits, a figure from an old
    draft) are among the most embarrassing errors a paper can print and the hardest to
    see by eye, because each sentence reads well on its own.
    """

    code = "NUM001"
    name = "conflicting-number"
    category = "number-conflict"
    default_severity = "error"
    defaults = {
        "delta_window": 6,
        "skip_targets": True,
        "min_rounding_digits": 2,
        "max_related": 3,
    }

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        own = [mention_of(f, archive, article) for f in article.facts_of("number") if f.key]
        own = [m for m in own if self.comparable(m)]
        if not own:
            return
        keys = sorted({str(m.fact.key) for m in own})
        by_key: dict[str, dict[int, Mention]] = {}
        for m in own:
            by_key.setdefault(str(m.fact.key), {})[m.fact.id] = m
        for fact in archive.facts_by_key(keys):
            group = by_key.setdefault(str(fact.key), {})
            if fact.id in group or fact.article_id == article.id:
                continue
            other = mention_of(fact, archive, article)
            if self.comparable(other):
                group[fact.id] = other
        digits = int(self.settings.get("min_rounding_digits", 2))
        max_related = int(self.settings.get("max_related", 3))
        for key in keys:
            mentions = sorted(by_key[key].values(), key=lambda m: (m.article.pub_order, m.fact.raw_start))
            if len(mentions) < 2:
                continue
            support = {
                m.fact.id: [o for o in mentions if consistent(m, o, digits)] for m in mentions
            }
            for m in mentions:
                if m.article.id != article.id:
                    continue
                opponents = [o for o in mentions if o.fact.id not in {s.fact.id for s in support[m.fact.id]}]
                if not opponents:
                    continue
                mine = len(support[m.fact.id])
                best = max(opponents, key=lambda o: (len(support[o.fact.id]), o.article.pub_order))
                theirs = len(support[best.fact.id])
                if mine > theirs:
                    continue  # the majority value: the odd one is reported where it stands
                if mine == theirs and not self._reports_tie(m, opponents, article, archive, support):
                    continue
                yield self._finding(article, archive, m, best, opponents[:max_related], majority=theirs > mine)

    def _reports_tie(
        self, m: Mention, opponents: list[Mention], article: ArticleView, archive: Archive,
        support: dict[int, list[Mention]],
    ) -> bool:
        """A tie (680 once, 860 once) is reported once: at the later mention."""
        mine = len(support[m.fact.id])
        for o in opponents:
            if len(support[o.fact.id]) != mine:
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
        zh = (
            f"{label}此处为{m.fact.text}，{where_phrase(article, best.article, other_loc)}为{best.fact.text}，"
            "两处数字不一致，请核实。"
        )
        if majority:
            zh += f"（另有{len(ordered)}处与{best.fact.text}一致）" if len(ordered) > 1 else ""
        en = (
            f"{label}: {m.fact.text} here, but {best.fact.text} at "
            f"{where_phrase_en(article, best.article, other_loc)}; the two figures disagree."
        )
        return self.finding(
            location, zh, en, related=related,
            suggestion=best.fact.text if majority else None,
            identity=(str(m.fact.key), m.fact.text, best.fact.text),
        )


class ScopeMismatch(NumberRuleMixin, Rule):
    """同一数字一处为年度数、一处为累计数（scope mismatch）.

    The same subject and measure appear with the same value once as a figure of one
    year (2023年…) and once as a running total (累计/截至目前…).  Both can hardly be
    right: either the year's figure is really the total so far, or the total is really
    one year's.  This is a prompt to check the scope, not a certain error.
    """

    code = "NUM002"
    name = "scope-mismatch"
    category = "number-conflict"
    default_severity = "info"
    defaults = {"delta_window": 6, "skip_targets": True, "years_back": 2}

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        own = [mention_of(f, archive, article) for f in article.facts_of("number") if f.key]
        own = [m for m in own if self.comparable(m)]
        if not own:
            return
        year = article.pub_date.year if article.pub_date else None
        years_back = int(self.settings.get("years_back", 2))
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
        for fact in archive.facts_by_key(sorted(wanted)):
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
                zh = (
                    f"{m.fact.subject}{m.fact.attribute or m.fact.counted}此处为{time_phrase(m.fact.time)}{m.fact.text}，"
                    f"{where_phrase(article, other.article, loc)}同一数字为{time_phrase(fact.time)}数，"
                    "年度数与累计数口径不同，请核实统计口径。"
                )
                en = (
                    f"{m.fact.text} is given as a {m.fact.time} figure here but as a {fact.time} figure at "
                    f"{where_phrase_en(article, other.article, loc)}; check which scope is right."
                )
                yield self.finding(
                    article.fact_location(m.fact), zh, en, related=[loc],
                    identity=(str(m.fact.key), m.fact.text, str(fact.key)),
                )


def _same_value(a: Mention, b: Mention) -> bool:
    if a.fact.value is None or b.fact.value is None:
        return False
    va, vb = float(a.fact.value), float(b.fact.value)
    return abs(va - vb) <= 1e-9 * max(1.0, abs(va)) and (a.fact.qualifier or "") == (b.fact.qualifier or "")
