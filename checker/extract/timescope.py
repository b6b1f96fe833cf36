"""The time scope of a number: which period a quantity belongs to.

A scope is a short string so that two mentions of the same period compare equal:

* ``"2021"``        a calendar year (``2021年``, ``今年`` / ``去年`` / ``明年`` against the publication date)
* ``"2023:1-5"``    months of a year (``前5个月``, ``1-7月``, ``1至7月``); ``"2023:H1"`` / ``"2023:H2"``
                    for 上半年 / 下半年; ``"2023:Q1"`` for a quarter, ``"2023:1-9"`` for 前三季度
* ``"cumulative"``  a running total (截至目前, 累计, 至今, 迄今, 历年, 以来, N年来); the day a
                    total runs to ("截至2月24日" -> ``"2-24"``) is given apart by
                    :meth:`SentenceScopes.cut_off`, not in the scope: it tells two totals apart
                    without keeping "截至5月13日" from "累计"
* ``"annual"``      a yearly rate (年均, 每年, 平均每年, 年产值 ...)
* 当年 after a year written earlier in the sentence is that year ("2006年……当年共有5只");
  otherwise it is read as 今年
* ``"rel:今年"``    a relative year (or ``"rel:今年:H1"``, ``"rel:去年:1-5"``) when there is no
                    publication date to resolve it: two mentions of the same unresolved token
                    in one document may meet, an absolute year and a relative one never do
* ``None``          nothing said

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
# Every cue starts with one of these characters: the lookahead lets the scan skip the rest.
_CUE_START = "0-9零〇○一二两三四五六七八九十几多今去明前后当本头上下第截累至迄历以年每平"


def _unnamed(pattern: str) -> str:
    """``pattern`` with its named groups made plain (for a lookahead repeating it)."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_TIME_RE = re.compile(
    rf"(?=[{_CUE_START}])"
    r"(?:(?P<cum>截至目前|截止目前|截至|截止|累计|至今|迄今|历年|以来|[0-9一二三四五六七八九十几多]+年来)"
    r"|(?P<annual>年均|每年|平均每年|(?<![0-9今去明前后当本全同上下])年(?=产值|收入|销售|营收|产量|税收))"
    # The year and period are both optional: the lookahead (the same patterns without group
    # names) keeps them from matching empty at every cue character, matches the loops skip.
    rf"|(?=(?:{_unnamed(_YEAR)})|(?:{_unnamed(_PERIOD)}))(?:{_YEAR})?(?:{_PERIOD})?)"
)
# A running total up to a named day ("截至2月24日"): the day is kept beside the scope (cut_off).
_CUT_OFF_WORDS = ("截至", "截止")
_CUT_OFF_DATE = re.compile(
    r"(?:(?:19|20)[0-9]{2}年)?(?:(?P<month>[0-9]{1,2})月|本月)(?P<day>[0-9]{1,2})日"
)
_COMPARISON_BEFORE = ("比", "较", "同比", "环比", "与", "对比")
# "达产后年产值": 后 + 年产值, not 后年 (the year after next).
_AFTER_HOUNIAN = re.compile("产值|收入|销售|营收|产量|税收")
_REL_CANON = {"本年": "今年", "当年": "今年"}


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
    if rel == "后年" and _AFTER_HOUNIAN.match(m.string, m.end()):
        return None
    offset = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "前年": -2, "明年": 1, "后年": 2}[rel]
    return pub_date.year + offset


def _scope_of(m: re.Match[str], pub_date: date | None) -> str | None:
    if m.group("cum"):
        return "cumulative"
    if m.group("annual"):
        return "annual"
    rel = m.group("rel")
    if rel == "后年" and _AFTER_HOUNIAN.match(m.string, m.end()):
        return None
    has_year = bool(m.group("abs") or rel)
    year: int | str | None = _year_of(m, pub_date) if has_year else (pub_date.year if pub_date else None)
    if year is None:
        if m.group("abs") or (not rel and not _has_period(m)):
            return None
        # No publication date: keep the relative word as a token rather than dropping the cue.
        year = "rel:" + _REL_CANON.get(rel or "今年", rel or "今年")
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


def cut_off_of(text: str, cue_end: int) -> str | None:
    """The day a running total runs to, written right after 截至/截止: "2-24", "本月-20"."""
    cut = _CUT_OFF_DATE.match(text, cue_end)
    if cut is None:
        return None
    return f"{cut.group('month') or '本月'}-{int(cut.group('day'))}"


def _has_period(m: re.Match[str]) -> bool:
    return bool(m.group("first") or m.group("m1") or m.group("half") or m.group("q_first") or m.group("q"))


def _is_comparison(text: str, start: int) -> bool:
    head = text[max(0, start - 2) : start]
    return head.endswith(_COMPARISON_BEFORE)


def _that_year(m: re.Match[str], scope: str | None, year: str | None) -> str | None:
    """"2006年……当年共有5只": 当年 after a year written earlier in the sentence is that year."""
    if year is None or scope is None or m.group("rel") != "当年":
        return scope
    _, _, period = scope.removeprefix("rel:").partition(":")
    return f"{year}:{period}" if period else year


def scopes_in(text: str, pub_date: date | None) -> list[tuple[int, int, str]]:
    """Every time-scope cue in ``text`` as (start, end, scope), in order."""
    out: list[tuple[int, int, str]] = []
    year: str | None = None
    for m in _TIME_RE.finditer(text):
        if m.end() == m.start() or _is_comparison(text, m.start()):
            continue
        scope = _that_year(m, _scope_of(m, pub_date), year)
        if m.group("abs") and scope is not None:
            year = scope.partition(":")[0]
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


class SentenceScopes:
    """The cues of one sentence, found once, for every number in it (same results as
    :func:`resolve_time` and :func:`time_spans`)."""

    __slots__ = ("_cues", "_cut_offs", "_spans", "pub_date", "sentence")

    def __init__(self, sentence: str, pub_date: date | None) -> None:
        self.sentence = sentence
        self.pub_date = pub_date
        self._cues: list[tuple[int, int, str]] = []
        self._cut_offs: dict[int, str] = {}  # cue start -> day a running total runs to
        self._spans: list[tuple[int, int]] = []
        year: str | None = None
        for m in _TIME_RE.finditer(sentence):
            if m.end() == m.start():
                continue
            if not m.group("cum") and not m.group("annual"):
                self._spans.append((m.start(), m.end()))
            if _is_comparison(sentence, m.start()):
                continue
            scope = _that_year(m, _scope_of(m, pub_date), year)
            if m.group("abs") and scope is not None:
                year = scope.partition(":")[0]
            if scope is not None:
                self._cues.append((m.start(), m.end(), scope))
                if m.group("cum") in _CUT_OFF_WORDS and (cut := cut_off_of(sentence, m.end())):
                    self._cut_offs[m.start()] = cut

    def cut_off(self, position: int) -> str | None:
        """The day the running total of a number at ``position`` runs to (its nearest cue's)."""
        best: str | None = None
        for start, end, _scope in self._cues:
            if end > position:
                break
            best = self._cut_offs.get(start)
        return best

    def spans(self) -> list[tuple[int, int]]:
        return list(self._spans)

    def at(self, position: int) -> str | None:
        """The scope of a number starting at ``position``: the nearest cue before it."""
        best: str | None = None
        for start, end, scope in self._cues:
            if end <= position:
                best = scope
            elif start < position:
                return resolve_time(self.sentence, position, self.pub_date)  # a cue cut by the number
            else:
                break
        return best


def time_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of time expressions that are not quantities (前5个月, 1-7月, 上半年 ...)."""
    return [
        (m.start(), m.end())
        for m in _TIME_RE.finditer(sentence)
        if m.end() > m.start() and not m.group("cum") and not m.group("annual")
    ]
