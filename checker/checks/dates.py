"""Date checks: weekdays and lunar dates that do not match their day, future events told as
past, and "连续N年" counts that do not fit their start year.

Date facts come from :mod:`checker.extract.dates`; every calendar fact is recomputed
here with :mod:`datetime` and lunar-python instead of trusting the extractor's
``weekday_actual`` / ``iso_for_lunar``.  The page's printed date is the document's
``pub_date``.  The masthead date line ("2024年5月17日 星期五 农历甲辰年四月十一") is page
furniture, outside every article; the store keeps a page's furniture as one pseudo-article,
which the weekday and lunar rules check too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from checker.checks.base import Archive, ArticleView, Rule
from checker.checks.settings import RuleSettings, setting, severity_setting
from checker.model import FindingDraft, Location, Severity
from checker.store.models import Fact

WEEKDAY_NAMES = "一二三四五六日"
_WEEKDAY_WORD = re.compile(r"(星期|礼拜|周)([一二三四五六日天七])")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
_ISO_YEAR = re.compile(r"^\d{4}$")
_LUNAR_MONTH_NAMES = ["", "正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"]


@dataclass
class DateFact:
    """A date fact, or a date found in the masthead, with where it is."""

    text: str
    extra: dict[str, Any]
    location: Location
    sentence_id: int | None
    start: int | None = None  # index in the sentence text
    end: int | None = None


def _trimmed_location(article: ArticleView, raw_start: int, raw_end: int) -> Location:
    """Location of a span without the spaces an extractor may leave at its ends."""
    text = article.source.text
    while raw_end > raw_start and text[raw_end - 1].isspace():
        raw_end -= 1
    while raw_start < raw_end and text[raw_start].isspace():
        raw_start += 1
    return article.location(raw_start, raw_end)


def _sentence_index(article: ArticleView, fact: Fact) -> tuple[int | None, int | None]:
    sentence = article.sentence(fact.sentence_id)
    if sentence is None:
        return None, None
    src = sentence.mapped.src
    start = next((k for k, raw in enumerate(src) if raw >= fact.raw_start), None)
    end = next((k + 1 for k in range(len(src) - 1, -1, -1) if src[k] < fact.raw_end), None)
    return start, end


def article_dates(article: ArticleView) -> list[DateFact]:
    out = []
    for fact in article.facts_of("date"):
        start, end = _sentence_index(article, fact)
        out.append(
            DateFact(
                fact.text, dict(fact.extra or {}), _trimmed_location(article, fact.raw_start, fact.raw_end),
                fact.sentence_id, start, end,
            )
        )
    return out


def _day(extra: dict[str, Any]) -> date | None:
    iso = extra.get("iso")
    if not isinstance(iso, str) or not _ISO_DAY.match(iso) or extra.get("invalid"):
        return None
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


def _day_in(extra: dict[str, Any], year: int | None) -> date | None:
    """The day of a fact without a year ("5月13日") taken in ``year``."""
    if year is None or "month" not in extra or "day" not in extra:
        return None
    try:
        return date(year, int(extra["month"]), int(extra["day"]))
    except (TypeError, ValueError):
        return None


def _article_year(article: ArticleView, facts: list[DateFact]) -> int | None:
    """The publication year, or (when the file has no page date, as a single web article may
    not) the year of the first full date written with its year in the article."""
    if article.pub_date is not None:
        return article.pub_date.year
    for fact in facts:
        d = _day(fact.extra)
        if d is not None and not fact.extra.get("year_inferred") and not fact.extra.get("relative"):
            return d.year
    return None


def _zh_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class WeekdayMismatch(Rule):
    """写明的星期几与公历日期不符。

    What it catches: A date written with its weekday ("5月14日（星期三）", "2023年8月3日◆星期四") whose weekday,
    computed with the calendar, is different. A date without a year is taken in the publication year
    (as the extractor does, moving a late-December date in a January paper to the previous year).
    The masthead date line (page furniture) is checked too. The suggestion gives the right weekday.

    Why: A weekday and a date that disagree tell the reader one of them is wrong, and the wrong one
    may send them to an event on the wrong day.

    Example: “4月7日（星期日）” in 2025, a Monday: the suggestion is “4月7日（星期一）”.
    """

    code = "DAT001"
    name = "weekday-mismatch"
    category = "date"
    checks_furniture = True

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("error")

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        facts = article_dates(article)
        fallback_year = _article_year(article, facts)
        for fact in facts:
            written = fact.extra.get("weekday_written")
            d = _day(fact.extra) or _day_in(fact.extra, fallback_year)
            if written is None or d is None or d.weekday() == written:
                continue
            right = WEEKDAY_NAMES[d.weekday()]
            wrong = WEEKDAY_NAMES[int(written)]
            suggestion = _WEEKDAY_WORD.sub(rf"\g<1>{right}", fact.location.text, count=1)
            year_note = f"（年份按见报日期取{d.year}年）" if fact.extra.get("year_inferred") else ""
            yield self.finding(
                fact.location,
                f"{_zh_date(d)}是星期{right}，不是星期{wrong}{year_note}",
                f"{d.isoformat()} is a {d.strftime('%A')}, not the weekday written (星期{wrong})",
                suggestion=suggestion, identity=(fact.location.text,),
            )


def _lunar_of(d: date) -> tuple[int, int, int, str]:
    """(lunar month (negative when leap), day, lunar year, 干支 year) of a Gregorian day."""
    from lunar_python import Solar

    lunar = Solar.fromYmd(d.year, d.month, d.day).getLunar()
    return int(lunar.getMonth()), int(lunar.getDay()), int(lunar.getYear()), str(lunar.getYearInGanZhi())


def _lunar_text(month: int, day: int, ganzhi: str | None) -> str:
    from lunar_python.util.LunarUtil import LunarUtil

    day_name = str(LunarUtil.DAY[day])
    month_name = ("闰" if month < 0 else "") + _LUNAR_MONTH_NAMES[abs(month)] + "月"
    return "农历" + (f"{ganzhi}年" if ganzhi else "") + month_name + day_name


class LunarMismatch(Rule):
    """农历日期与同句（或版面日期行）的公历日期不符。

    What it catches: A lunar date ("农历六月十七", "农历甲辰年四月十一") next to a Gregorian day in the same
    sentence ("8月3日（农历六月十七）", "今天是农历四月初八"), or in the masthead date line (compared with the page's
    printed date), that is not the same day. The lunar date is computed from the Gregorian day with
    lunar-python; a written 干支 year must match too. Lunar dates standing alone in a story are not
    checked: their day is unknown.

    Why: Festivals and local customs follow the lunar calendar; a lunar date one day off on the
    masthead or beside an event is printed for every reader to see.

    Example: a masthead “2025年4月8日 星期二 农历乙巳年三月十二”: that day is 三月十一.
    """

    code = "DAT002"
    name = "lunar-mismatch"
    category = "date"
    checks_furniture = True

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("error")

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        groups: list[tuple[list[DateFact], bool]] = []
        by_sentence: dict[int | None, list[DateFact]] = {}
        for fact in article_dates(article):
            by_sentence.setdefault(fact.sentence_id, []).append(fact)
        masthead = article.kind == "furniture"
        groups += [(facts, masthead) for sid, facts in by_sentence.items() if sid is not None]
        for facts, masthead in groups:
            for fact in facts:
                lunar = fact.extra.get("lunar")
                if not isinstance(lunar, dict) or not lunar.get("day"):
                    continue
                ref = self._reference(fact, facts)
                if ref is None and masthead:
                    ref = article.pub_date
                if ref is None:
                    continue
                yield from self._compare(fact, lunar, ref)

    @staticmethod
    def _reference(fact: DateFact, facts: list[DateFact]) -> date | None:
        """The Gregorian day written nearest to the lunar date in the same sentence or line."""
        best: tuple[int, date] | None = None
        for other in facts:
            if other is fact or "lunar" in other.extra:
                continue
            d = _day(other.extra)
            if d is None:
                continue
            distance = abs((other.location.raw_start or 0) - (fact.location.raw_start or 0))
            if best is None or distance < best[0]:
                best = (distance, d)
        return best[1] if best else None

    def _compare(self, fact: DateFact, lunar: dict[str, Any], ref: date) -> Iterator[FindingDraft]:
        month, day, _, ganzhi = _lunar_of(ref)
        written_month = -int(lunar["month"]) if lunar.get("leap") else int(lunar["month"])
        written_gz = lunar.get("ganzhi")
        if (written_month, int(lunar["day"])) == (month, day) and (not written_gz or written_gz == ganzhi):
            return
        right = _lunar_text(month, day, ganzhi if written_gz else None)
        yield self.finding(
            fact.location,
            f"{_zh_date(ref)}是{right}，与所写“{fact.location.text}”不符",
            f"{ref.isoformat()} is {right} in the lunar calendar, not '{fact.location.text}'",
            suggestion=right, identity=(fact.location.text, ref.isoformat()),
        )


_PAST = re.compile(
    r"(?<![而得])已(?!知)|日前|业已|"
    r"(?:召开|举行|举办|开幕|闭幕|完成|结束|落幕|揭晓|发布|签约|签署|启动|开通|通过|竣工|投产|建成|上线|颁发"
    r"|开展|迎来|接待|实现|出席|参加|主持|亮相|开园|开业|开工|收官)了|落下帷幕|圆满结束|圆满完成|顺利完成|胜利闭幕"
    r"|圆满落幕|顺利召开|隆重举行|隆重召开"
)
_FUTURE = re.compile(
    r"将|计划|预计|拟|届时|力争|即将|有望|预期|定于|争取|准备|打算|预定|要在|须|需|务必|必须|应当|目标|期间|"
    r"截止|有效期|报名|预告|安排"
)
_DEADLINE_AFTER = re.compile(r"^(?:前|以前|之前|底前|前后|起|开始|以后|之后|后|至|到|—|-|～|~)")
_RANGE_BEFORE = re.compile(r"(?:到|至|—|-|～|~|从|自|于.{0,2}前)$")
_CLAUSE_END = "，,。；;！？!?"
_SENTENCE_END = "。；;！？!?"


class FutureEventAsPast(Rule):
    """见报日期之后的事件被写成已经发生。

    What it catches: A date later than the publication date with a past-tense marker close to it in
    the same or the next clause ("已于5月18日举行", "5月20日……落下帷幕", "举行了") and no future marker in the
    sentence (将, 计划, 预计, 拟, 届时, 力争, 定于 ...), and not a deadline or range end ("5月底前", "至5月26日").
    Dates whose year was inferred and that lie more than ``inferred_max_days`` after the paper are
    skipped (probably last year's). Dates of the masthead and relative days ("明天") are not checked.

    Why: Either the date or the tense is wrong.

    Example: a paper of 2025年4月8日 writing “签约仪式已于4月12日举行”.
    """

    code = "DAT003"
    name = "future-event-as-past"
    category = "date"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")
        max_distance: int = setting(12, zh="“已”“举行了”等过去时标记与日期最多相隔几个字",
                                    en="most characters between the date and a past-tense marker")
        inferred_max_days: int = setting(
            60, zh="未写年份的日期晚于见报日超过这么多天，视为去年的日期，不报",
            en="a date without a year this far after the paper is probably last year's: not reported",
        )

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        pub = article.pub_date
        if pub is None:
            return
        for fact in article_dates(article):
            later = self._later(fact, pub)
            if later is None or fact.start is None or fact.end is None:
                continue
            sentence = article.sentence(fact.sentence_id)
            if sentence is None:
                continue
            marker = self._past_marker(sentence.text, fact.start, fact.end)
            if marker is None:
                continue
            lo, hi = min(marker[0], fact.start), max(marker[1], fact.end)
            loc = article.span_location(sentence.mapped, lo, hi)
            word = sentence.text[marker[0] : marker[1]]
            yield self.finding(
                loc,
                f"见报日期为{_zh_date(pub)}，{fact.location.text}还未到，却写作已经发生（“{word}”）；请核对日期或时态",
                f"The paper is dated {pub.isoformat()}, but {later} is told as past ('{word}'): "
                "check the date or tense",
                identity=(fact.location.text, word),
            )

    def _later(self, fact: DateFact, pub: date) -> str | None:
        """The fact's date as text when it lies after ``pub``; None otherwise."""
        extra = fact.extra
        if "since" in extra or "year_from" in extra or "consecutive_years" in extra or "lunar" in extra:
            return None
        if not re.search(r"[0-9０-９]|[〇零一二三四五六七八九十]月", fact.text):
            return None  # relative days (明天) and vague words
        iso = extra.get("iso")
        if not isinstance(iso, str):
            return None
        d = _day(extra)
        if d is not None:
            if d <= pub:
                return None
            if extra.get("year_inferred") and (d - pub).days > self.settings.inferred_max_days:
                return None
            return d.isoformat()
        if _ISO_MONTH.match(iso):
            y, m = int(iso[:4]), int(iso[5:])
            if (y, m) <= (pub.year, pub.month) or extra.get("year_inferred"):
                return None
            return iso
        if _ISO_YEAR.match(iso) and int(iso) > pub.year:
            return iso
        return None

    def _past_marker(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        if _DEADLINE_AFTER.match(text[end:]) or _RANGE_BEFORE.search(text[max(0, start - 4) : start]):
            return None
        # The date's clause and the next one, within the sentence.
        lo = max((text.rfind(c, 0, start) for c in _CLAUSE_END), default=-1) + 1
        hi = end
        clauses = 0
        while hi < len(text):
            ch = text[hi]
            if ch in _SENTENCE_END:
                break
            if ch in _CLAUSE_END:
                clauses += 1
                if clauses == 2:
                    break
            hi += 1
        clause_end = end
        while clause_end < len(text) and text[clause_end] not in _CLAUSE_END:
            clause_end += 1
        limit = self.settings.max_distance
        for m in _PAST.finditer(text, lo, hi):
            if m.start() < end and m.end() > start:
                continue  # inside the date itself
            distance = start - m.end() if m.end() <= start else m.start() - end
            if distance > limit:
                continue
            # Future markers in the date's clause, or between the date and a later marker.
            region = text[lo : max(clause_end, m.end())].replace("日前", "")
            if _FUTURE.search(region):
                return None
            return m.start(), m.end()
        return None


class ConsecutiveYears(Rule):
    """“自X年起连续N年”的N与起始年份、见报年份对不上。

    What it catches: "自2016年起连续5年" ("自2006年起，我市连续20年", "2016年以来连续5年") where the start year is
    written right before the count; "2016年以来，上河村连续3年获评…" can name a run inside the period and is not
    checked. Counting from the start year to the publication year, the count may be inclusive
    (2020—2024 is "连续5年", the year of publication counting) or exclusive (completed years: 4); any
    other N is reported, with the inclusive count as the suggestion. "连续20多年" is reported only when
    it exceeds the possible count.

    Why: Anniversaries and records are counted from their start year; a count that does not fit is a
    figure left from an earlier year's copy.

    Example: “自2017年起连续5年举办” in 2025: from 2017 that is 连续9年.
    """

    code = "DAT004"
    name = "consecutive-years"
    category = "date"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")
        max_gap: int = setting(8, zh="起始年份与“连续N年”之间最多相隔几个字",
                               en="most characters between the start year and 连续N年")

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        pub = article.pub_date
        if pub is None:
            return
        facts = article_dates(article)
        for fact in facts:
            n = fact.extra.get("consecutive_years")
            if not isinstance(n, int) or fact.start is None or fact.end is None:
                continue
            since_fact = self._since_before(fact, facts, article)
            if since_fact is None or since_fact.start is None:
                continue
            since = int(since_fact.extra["since"])
            inclusive = pub.year - since + 1
            exclusive = pub.year - since
            if inclusive < 1:
                continue
            ok = n <= inclusive if fact.extra.get("approx") else n in (inclusive, exclusive)
            if ok:
                continue
            sentence = article.sentence(fact.sentence_id)
            assert sentence is not None
            loc = article.span_location(sentence.mapped, since_fact.start, fact.end)
            yield self.finding(
                loc,
                f"自{since}年起到见报的{pub.year}年应为连续{inclusive}年（不计当年为{exclusive}年），"
                f"与“{fact.location.text}”不符",
                f"From {since} to the paper's year {pub.year} is {inclusive} years ({exclusive} not counting "
                f"this year), not '{fact.location.text}'",
                suggestion=f"连续{inclusive}年", identity=(loc.text,),
            )

    def _since_before(self, fact: DateFact, facts: list[DateFact], article: ArticleView) -> DateFact | None:
        sentence = article.sentence(fact.sentence_id)
        if sentence is None or fact.start is None:
            return None
        best = None
        for other in facts:
            if other.sentence_id != fact.sentence_id or "consecutive_years" in other.extra:
                continue
            if "since" not in other.extra:
                continue
            if other.end is None or other.end > fact.start:
                continue
            gap = sentence.text[other.end : fact.start]
            if "以来" in other.text and gap.strip("，, "):
                continue  # "2016年以来，上河村连续3年获评": a run inside the period, not all of it
            if len(gap) <= self.settings.max_gap and not any(c in _SENTENCE_END for c in gap):
                best = other
        return best
