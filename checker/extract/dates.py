"""Date facts: Gregorian and lunar dates, weekdays, relative days, years and year spans.

Every fact has ``kind='date'`` and ``value=None``; what the date rules need is in
``extra``:

* ``iso`` -- ``YYYY-MM-DD`` (a day), ``YYYY-MM`` (a month) or ``YYYY`` (a year);
  ``year_inferred`` is true when the year came from the publication date.
* ``weekday_written`` / ``weekday_actual`` (Monday = 0) when a weekday is written
  next to a day ("2023年8月3日◆星期四", "8月3日（周四）").
* ``lunar`` ({"year", "ganzhi", "month", "day", "leap"}) and ``iso_for_lunar``
  (the Gregorian day computed with lunar-python) for "农历甲辰年四月初九".
* ``relative`` ("昨天", "今天", "近日", "去年" ...) with ``iso`` when the day or year
  follows from the publication date; ``time_of_day`` ("上午", "下午" ...).
* ``since`` for "自2006年起" / "2016年以来"; ``year_from``/``year_to`` for
  "2022年—2025年"; ``consecutive_years`` (and ``since`` when the sentence names a
  start year) for "连续20年".

Spans cover every digit of a date so the number extractor can skip them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from checker.extract import ExtractContext
from checker.extract.numerals import DIGITS
from checker.model import FactDraft

_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
# Lunar month names: the digits 一 to 九, then 十, 十一/冬, 十二/腊, and 正 for the first.
_LUNAR_MONTHS = {
    **{name: n for name, n in DIGITS.items() if 1 <= n <= 9 and name != "两"},
    "正": 1, "十": 10, "十一": 11, "冬": 11, "十二": 12, "腊": 12,
}
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_TIMES_OF_DAY = "凌晨|清晨|早上|上午|中午|下午|傍晚|晚上|夜间|深夜|当晚|晚间"

_NUM = r"[0-9０-９]{1,4}|[〇零一二两三四五六七八九十]{1,4}"
_Y = r"(?P<y>[0-9０-９]{4}|[〇零一二三四五六七八九]{4})年"
_M = r"(?P<m>[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])月"
_D = r"(?P<d>[0-9０-９]{1,2}|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])[日号]"
_WEEKDAY = r"[\s◆●■·]*[（(]?\s*(?:星期|礼拜|周)(?P<w>[一二三四五六日天七])\s*[）)]?"
_TOD = rf"(?P<tod>{_TIMES_OF_DAY})?"

# The lookaheads name the characters a match can start with, so the scan skips the others
# without trying the optional groups in front (same matches, several times faster).
_FULL_RE = re.compile(
    r"(?=[今去明前0-9０-９〇零一二三四五六七八九十])"
    rf"(?P<rel>今年|去年|明年|前年)?(?:{_Y})?{_M}(?:{_D}|(?P<part>初|中旬|上旬|下旬|底|末|份))?"
    rf"(?:{_WEEKDAY})?{_TOD}"
)
_WEEKDAY_BEFORE_RE = re.compile(r"(?:星期|礼拜|周)(?P<w>[一二三四五六日天七])[\s,，、◆●]*$")
_LUNAR_RE = re.compile(
    rf"农历\s*(?:(?P<gz>[{_STEMS}][{_BRANCHES}])年)?\s*(?P<leap>闰)?"
    r"(?P<lm>十[一二]|[正一二三四五六七八九十冬腊])月"
    r"(?P<ld>初[一二三四五六七八九十]|十[一二三四五六七八九]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十|[二三]?十)?"
)
_SINCE_RE = re.compile(
    r"(?=[自从始0-9])"
    r"(?P<pre>自|从|自从|始于)?(?P<y>[0-9]{4})年(?:(?P<post>起|以来|开始|至今)|"
    r"(?P<gap>[^，。；！？0-9]{1,8}?)(?P<post2>以来|起))?"
)
_RANGE_RE = re.compile(r"(?P<a>[0-9]{4})(?:年)?\s*[-—–~～至到]+\s*(?P<b>[0-9]{4})年")
_CONSEC_RE = re.compile(rf"连续(?P<n>{_NUM})(?P<more>多|余)?年")
_RELATIVE_DAYS = {"前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "当天": 0, "明天": 1, "明日": 1, "后天": 2}
_RELATIVE_VAGUE = ("近日", "日前", "近期", "目前", "近年来", "眼下")
_RELATIVE_YEARS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}
_RELATIVE_RE = re.compile(
    "(?P<rel>" + "|".join([*_RELATIVE_DAYS, *_RELATIVE_VAGUE]) + rf")(?P<tod>{_TIMES_OF_DAY})?"
    rf"|(?P<yrel>前年|去年|今年|明年)(?!\d|[一二三四五六七八九十]+月)(?P<ypart>年初|年中|年底|年末|上半年|下半年)?"
    rf"|(?P<tod_only>{_TIMES_OF_DAY})"
)

# Every _RELATIVE_RE match starts with one of these words; most sentences hold none, and a
# plain alternation is scanned far faster than the pattern with its groups.
_RELATIVE_WORD = re.compile("|".join(sorted(
    {*_RELATIVE_DAYS, *_RELATIVE_VAGUE, *_RELATIVE_YEARS, *_TIMES_OF_DAY.split("|")}, key=lambda w: (-len(w), w)
)))

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _to_int(s: str) -> int:
    """Arabic, full-width or Chinese numerals ("十七", "二〇二三") to int."""
    s = s.translate(_FULLWIDTH_DIGITS)
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return int("".join(str(DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (DIGITS[tens] if tens else 1) * 10 + (DIGITS[ones] if ones else 0)


def _lunar_day(s: str | None) -> int | None:
    if not s:
        return None
    if s.startswith("初"):
        return _to_int(s[1:])
    if s.startswith("廿"):
        return 20 + _to_int(s[1:])
    return _to_int(s)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _ganzhi_year(gz: str, near: int) -> int:
    """The Gregorian-numbered lunar year named ``gz`` closest to ``near``."""
    # 1984 was 甲子; the cycle has 60 years.
    offset = next(i for i in range(60) if _STEMS[i % 10] + _BRANCHES[i % 12] == gz)
    base = 1984 + offset
    k = round((near - base) / 60)
    return base + 60 * k


@lru_cache(maxsize=1024)  # lunar-python is slow, and a paper's masthead repeats its date page after page
def _lunar_to_solar(year: int, month: int, day: int, leap: bool) -> date | None:
    try:
        from lunar_python import Lunar

        solar = Lunar.fromYmd(year, -month if leap else month, day).getSolar()
        return date(solar.getYear(), solar.getMonth(), solar.getDay())
    except Exception:  # lunar-python raises plain Exception for impossible dates
        return None


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    for s, e in spans:  # noqa: SIM110 (a loop: any() over a generator costs 4x on these short lists)
        if a < e and s < b:
            return True
    return False


def extract_dates(sentence: str, ctx: ExtractContext) -> list[FactDraft]:
    """All date facts in ``sentence`` (see the module docstring for ``extra``)."""
    pub = ctx.pub_date
    facts: list[FactDraft] = []
    spans: list[tuple[int, int]] = []

    def add(start: int, end: int, extra: dict[str, Any]) -> None:
        facts.append(FactDraft(kind="date", start=start, end=end, text=sentence[start:end], extra=extra))
        spans.append((start, end))

    def free(m: re.Match[str]) -> bool:
        return not _overlaps(m.start(), m.end(), spans)

    # Most sentences hold no 年 or 月, which all patterns but the relative one require:
    # skip those scans (the slowest) instead of running them to find nothing.
    has_year, has_month = "年" in sentence, "月" in sentence
    # Lunar dates first: their characters ("六月十七") must not read as Gregorian.
    for m in _LUNAR_RE.finditer(sentence) if has_month else ():
        add(m.start(), m.end(), _lunar_extra(m, pub))
    for m in _RANGE_RE.finditer(sentence) if has_year else ():
        if free(m):
            a, b = int(m.group("a")), int(m.group("b"))
            add(m.start(), m.end(), {"year_from": a, "year_to": b, "iso": str(a)})
    for m in _FULL_RE.finditer(sentence) if has_month else ():
        if free(m) and (found := _full_date(sentence, m, pub)) is not None:
            add(found[0], m.end(), found[1])
    for m in _SINCE_RE.finditer(sentence) if has_year else ():
        if free(m) and (since := _since(sentence, m)) is not None:
            add(m.start(), since[0], since[1])
    since_years = [f.extra["since"] for f in facts if "since" in f.extra]
    for m in _CONSEC_RE.finditer(sentence) if has_year else ():
        extra: dict[str, Any] = {"consecutive_years": _to_int(m.group("n"))}
        if m.group("more"):
            extra["approx"] = True
        if since_years:
            extra["since"] = since_years[-1]
        add(m.start(), m.end(), extra)
    for m in _RELATIVE_RE.finditer(sentence) if _RELATIVE_WORD.search(sentence) else ():
        if free(m):
            add(m.start(), m.end(), _relative_extra(m, pub))
    facts.sort(key=lambda f: (f.start, f.end))
    return facts


def _lunar_extra(m: re.Match[str], pub: date | None) -> dict[str, Any]:
    """A lunar date's ``extra``: its month, day and year, and the Gregorian day it names."""
    month = _LUNAR_MONTHS[m.group("lm")]
    day = _lunar_day(m.group("ld"))
    leap = bool(m.group("leap"))
    lunar: dict[str, Any] = {"month": month, "day": day, "leap": leap}
    gz = m.group("gz")
    if gz:
        lunar["ganzhi"] = gz
    extra: dict[str, Any] = {"lunar": lunar}
    if pub is not None:
        lyear = _ganzhi_year(gz, pub.year) if gz else _lunar_year_of(pub)
        lunar["year"] = lyear
        if day is not None:
            solar = _lunar_to_solar(lyear, month, day, leap)
            if solar is not None:
                extra["iso_for_lunar"] = solar.isoformat()
    return extra


def _full_year(m: re.Match[str], pub: date | None, extra: dict[str, Any]) -> int | None:
    """The year of a Gregorian date: written, relative (去年3月) or the paper's (noted in ``extra``)."""
    rel = m.group("rel")
    if m.group("y"):
        return _to_int(m.group("y"))
    if rel and pub is not None:
        extra["relative"] = rel
        return pub.year + _RELATIVE_YEARS[rel]
    if pub is not None:
        extra["year_inferred"] = True
        return pub.year
    return None


def _day_extra(year: int | None, month: int, day: int, pub: date | None, extra: dict[str, Any]) -> None:
    """A day's ISO date and actual weekday into ``extra`` (or ``invalid``; month and day alone
    without a year).  A late-December day of an inferred year in a January paper is last year's."""
    if year is None:
        extra["month"], extra["day"] = month, day
        return
    d = _safe_date(year, month, day)
    if d is None:
        extra["invalid"] = True
        extra["iso"] = f"{year:04d}-{month:02d}-{day:02d}"
        return
    if extra.get("year_inferred") and pub is not None and (d - pub).days > 200:
        d = _safe_date(year - 1, month, day) or d  # "12月30日" in a January paper
    extra["iso"] = d.isoformat()
    extra["weekday_actual"] = d.weekday()


def _full_date(sentence: str, m: re.Match[str], pub: date | None) -> tuple[int, dict[str, Any]] | None:
    """(start, extra) of a Gregorian date match, its start moved to a weekday written before it;
    None when the match is no date ("1-5月", a month 13, "3月周四", a bare month mid-word)."""
    if m.start() > 0 and sentence[m.start() - 1].isdigit():
        return None  # "1-5月" style ranges and numbers glued to 月
    month = _to_int(m.group("m"))
    if not 1 <= month <= 12:
        return None
    extra: dict[str, Any] = {}
    year = _full_year(m, pub, extra)
    if m.group("d"):
        _day_extra(year, month, _to_int(m.group("d")), pub, extra)
    else:
        if year is not None:
            extra["iso"] = f"{year:04d}-{month:02d}"
        else:
            extra["month"] = month
        if m.group("part"):
            extra["part"] = m.group("part")
    written = m.group("w")
    start = m.start()
    if written is None and m.group("d"):
        before = _WEEKDAY_BEFORE_RE.search(sentence, max(0, start - 8), start)
        if before is not None:
            written = before.group("w")
            start = before.start()
    if written is not None:
        if not m.group("d"):
            return None  # "3月周四" is not a pattern we read
        extra["weekday_written"] = _WEEKDAYS[written]
    if m.group("tod"):
        extra["time_of_day"] = m.group("tod")
    if not m.group("d") and not m.group("y") and not m.group("rel") and not m.group("part") and not _month_ok(
        sentence, m
    ):
        return None
    return start, extra


def _since(sentence: str, m: re.Match[str]) -> tuple[int, dict[str, Any]] | None:
    """(end, extra) of a start year ("自2006年起", "2016年以来"); None for no year."""
    year = int(m.group("y"))
    if not 1000 <= year <= 2999 or (m.start() > 0 and sentence[m.start() - 1].isdigit()):
        return None
    extra: dict[str, Any] = {"iso": str(year), "year": year}
    if m.group("post") or m.group("post2") or m.group("pre"):
        # "自2006年" without 起 is still a start year, but only its "自2006年" part is the date.
        extra["since"] = year
    end = m.end("y") + 1 if m.group("gap") and not m.group("post2") else m.end()
    return end, extra


def _relative_extra(m: re.Match[str], pub: date | None) -> dict[str, Any]:
    """A relative day or year's ``extra`` (昨天, 去年上半年, 上午)."""
    extra: dict[str, Any] = {}
    if m.group("rel"):
        rel = m.group("rel")
        extra["relative"] = rel
        if rel in _RELATIVE_DAYS and pub is not None:
            extra["iso"] = (pub + timedelta(days=_RELATIVE_DAYS[rel])).isoformat()
        elif pub is not None:
            extra["before"] = pub.isoformat()
        if m.group("tod"):
            extra["time_of_day"] = m.group("tod")
    elif m.group("yrel"):
        rel = m.group("yrel")
        extra["relative"] = rel
        if pub is not None:
            extra["iso"] = str(pub.year + _RELATIVE_YEARS[rel])
        if m.group("ypart"):
            extra["part"] = m.group("ypart")
    else:
        extra["time_of_day"] = m.group("tod_only")
    return extra


def _month_ok(sentence: str, m: re.Match[str]) -> bool:
    """A bare "N月" (no year, day or part) is a month only when followed by a boundary."""
    nxt = sentence[m.end() : m.end() + 1]
    return nxt == "" or not nxt.isalnum() or nxt in "，。、；：的起以在中至到"


@lru_cache(maxsize=1024)
def _lunar_year_of(d: date) -> int:
    try:
        from lunar_python import Solar

        return int(Solar.fromYmd(d.year, d.month, d.day).getLunar().getYear())
    except Exception:
        return d.year
