"""The time scope of a number: which period a quantity belongs to.

A scope is a short string so that two mentions of the same period compare equal:

* ``"2021"``        a calendar year (``2021年``, ``今年`` / ``去年`` / ``明年`` against the publication date)
* ``"2023:1-5"``    months of a year (``前5个月``, ``1-7月``, ``1至7月``); ``"2023:H1"`` / ``"2023:H2"``
                    for 上半年 / 下半年; ``"2023:Q1"`` for a quarter, ``"2023:1-9"`` for 前三季度
* ``"cumulative"``  a running total (截至目前, 累计, 至今, 迄今, 历年, 以来, N年来)
* ``"annual"``      a yearly rate (年均, 每年, 平均每年, 年产值 ...)
* ``None``          nothing said, or a relative year with no publication date

The nearest cue before the number wins: the current clause is read first (no
``，；。`` between cue and number), then the rest of the sentence before it.
A year after 比 / 较 / 同比 ("比去年翻了一番") is a comparison, not a scope.
"""

from __future__ import annotations

import re
from datetime import date

from checker.extract.numerals import DIGITS, parse_chinese

CLAUSE_BOUNDARY = re.compile(r"[，,；;。！!？?：:\n]")

_CN_DIGIT = "零〇○一二三四五六七八九"
_CN_NUM = "零〇○一二两三四五六七八九十"
_YEAR = rf"(?P<abs>(?:19|20)[0-9]{{2}}|[{_CN_DIGIT}]{{4}})年(?:度)?|(?P<rel>今年|去年|明年|前年|后年|当年|本年)"
_PERIOD = (
    rf"(?P<first>前|头)(?P<first_n>[0-9]{{1,2}}|[{_CN_NUM}]{{1,3}})个?月"
    rf"|(?P<m1>[0-9]{{1,2}})(?:月份?)?(?:-|－|—|~|～|至|到)(?P<m2>[0-9]{{1,2}})月份?"
    rf"|(?P<half>上半年|下半年)"
    rf"|(?P<q_first>前)(?P<q_n>[一二三1-3])季度"
    rf"|第?(?P<q>[一二三四1-4])季度"
)
_TIME_RE = re.compile(
    r"(?P<cum>截至目前|截止目前|截至|截止|累计|至今|迄今|历年|以来|[0-9一二三四五六七八九十几多]+年来)"
    r"|(?P<annual>年均|每年|平均每年|(?<![0-9今去明前后当本全同上下])年(?=产值|收入|销售|营收|产量|税收))"
    rf"|(?:{_YEAR})?(?:{_PERIOD})?"
)
_COMPARISON_BEFORE = ("比", "较", "同比", "环比", "与", "对比")


def _small_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    value = parse_chinese(text)
    return int(value) if value is not None else None


def _year_of(m: re.Match[str], pub_date: date | None) -> int | None:
    if m.group("abs"):
        raw = m.group("abs")
        if raw.isdigit():
            return int(raw)
        return int("".join(str(DIGITS[ch]) for ch in raw))
    rel = m.group("rel")
    if rel is None or pub_date is None:
        return None
    offset = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "前年": -2, "明年": 1, "后年": 2}[rel]
    return pub_date.year + offset


def _scope_of(m: re.Match[str], pub_date: date | None) -> str | None:
    if m.group("cum"):
        return "cumulative"
    if m.group("annual"):
        return "annual"
    has_year = bool(m.group("abs") or m.group("rel"))
    year = _year_of(m, pub_date) if has_year else (pub_date.year if pub_date else None)
    if year is None:
        return None
    period: str | None = None
    if m.group("first"):
        n = _small_number(m.group("first_n"))
        if n is None or not 1 <= n <= 12:
            return None
        period = f"1-{n}"
    elif m.group("m1"):
        period = f"{int(m.group('m1'))}-{int(m.group('m2'))}"
    elif m.group("half"):
        period = "H1" if m.group("half") == "上半年" else "H2"
    elif m.group("q_first"):
        n = _small_number(m.group("q_n"))
        if n is None:
            return None
        period = f"1-{3 * n}"
    elif m.group("q"):
        n = _small_number(m.group("q"))
        if n is None:
            return None
        period = f"Q{n}"
    if period is None:
        return str(year) if has_year else None
    return f"{year}:{period}"


def _is_comparison(text: str, start: int) -> bool:
    head = text[max(0, start - 2) : start]
    return any(head.endswith(word) for word in _COMPARISON_BEFORE)


def scopes_in(text: str, pub_date: date | None) -> list[tuple[int, int, str]]:
    """Every time-scope cue in ``text`` as (start, end, scope), in order."""
    out: list[tuple[int, int, str]] = []
    for m in _TIME_RE.finditer(text):
        if m.end() == m.start() or _is_comparison(text, m.start()):
            continue
        scope = _scope_of(m, pub_date)
        if scope is not None:
            out.append((m.start(), m.end(), scope))
    return out


def resolve_time(sentence: str, position: int, pub_date: date | None) -> str | None:
    """The time scope of a number starting at ``position`` in ``sentence`` (see module doc)."""
    before = sentence[:position]
    if not before:
        return None
    cues = scopes_in(before, pub_date)
    if not cues:
        return None
    # The nearest cue wins; a cue in the current clause is by construction nearer than one
    # in an earlier clause, so "nearest" already prefers the clause.
    return cues[-1][2]


def time_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of time expressions that are not quantities (前5个月, 1-7月, 上半年 ...)."""
    return [
        (m.start(), m.end())
        for m in _TIME_RE.finditer(sentence)
        if m.end() > m.start() and not m.group("cum") and not m.group("annual")
    ]
