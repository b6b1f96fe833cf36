"""Numeric facts: quantity, interval, unit, counted thing, attribute, subject, time and key.

One compiled regular expression finds every candidate (qualifier, numeral, 多/余,
magnitude, unit, trailing qualifier, or a range ``3至5个``).  Candidates are then
filtered (years, dates, ordinals 第N, short quoted slogans, bare numbers without a
unit), valued from rules/units.yaml and rules/qualifiers.yaml, and described:

* ``attribute`` from rules/attributes.yaml, the nearest spelling before the number
  (same clause first; an earlier clause only if the dimension agrees);
* ``counted`` for counts: the noun phrase after a classifier ("36个经营收入偏低的村"),
  else the noun right before the number ("受益农户达到了3930户"); jieba runs on a
  window of at most a dozen characters and only for counts;
* ``subject`` the nearest place/org/person entity before the number, a generic
  全市/我市 word if nearer, else ``ctx.last_subject``;
* ``time`` from :mod:`checker.extract.timescope`; ``key`` from :mod:`checker.extract.keys`.

Bare numbers with neither unit, percent sign nor magnitude (``“1+1>2”``, ``88号``,
phone numbers) are not extracted: they are rarely facts and often noise.
A range is stored with ``value`` = its low end and ``extra["range"] = True``.
``high = None`` means unbounded (超, 以上 ...).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from checker.extract import ExtractContext
from checker.extract.keys import fact_key, normalize_subject
from checker.extract.numerals import magnitude_factor, parse_numeral, split_magnitude, step_of
from checker.extract.timescope import SentenceScopes
from checker.model import FactDraft
from checker.rulepack import RulePack
from checker.text.cjk import HAN, HAN_RE, HAN_RUN_RE

SUBJECT_KINDS = frozenset({"place", "org", "person"})
CLAUSE_BOUNDARY = re.compile(r"[，,；;。！!？?：:\n]")
# Characters that end a counted-thing window.
_WINDOW_STOP = re.compile(r"[，,；;。！!？?：:、\s()（）《》0-9０-９]")
_BEFORE_STOP = re.compile(r"[，,；;。！!？?：:、\s()（）《》]")
# An Arabic numeral with thousands separators and decimals (shared with checks/restated.py).
ARABIC_NUMERAL = r"[0-9０-９]+(?:[,，][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?"
_CHINESE = r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*"
_NUM = rf"(?:{ARABIC_NUMERAL}|{_CHINESE})"
_NUMERAL_CHARS = re.compile(r"[0-9０-９零〇一二两三四五六七八九十]")
_CN_PLACE_VALUE = re.compile(r"[十百千万亿零〇]")
# Locative words closing a counted phrase ("1620起违法行为中"): not part of the thing counted.
_LOCATIVE_TAILS = ("之中", "当中", "中", "里", "内", "上", "下")
# Nouns after an area ("2800亩枇杷园", "500亩土地"): the area of that thing.
_AREA_ATTRIBUTE = "面积"
_QUOTE_PAIRS = (("“", "”"), ("「", "」"), ("『", "』"), ("‘", "’"))
_SHORT_QUOTE = 10  # a number inside a quotation this short is a slogan or a name
_DURATION_TIME_AFTER = ("来", "以来")
# Dimensions whose number may take its "counted" thing from the noun before it (新建厂房1.2万平方米).
_MEASURED_DIMENSIONS = frozenset({"area", "length", "weight", "volume", "energy", "power"})
_DURATION_TIME_BEFORE = ("前", "过去", "最近", "未来", "头", "这")
# A counted phrase this long is specific enough that a later, longer phrase ending with it is
# the same thing ("电动自行车交通违法行为" after "交通违法行为"); a shorter one ("报告") is not.
_UNIFY_MIN_CHARS = 4


class _Groups(NamedTuple):
    """The groups of ``Tables.pattern``, in its order."""

    pre: str | None
    pct: str | None
    n1: str
    ap1: str | None
    mag1: str | None
    u1: str | None
    sep: str | None
    pct2: str | None
    n2: str | None
    ap: str | None
    mag: str | None
    ap2: str | None
    unit: str | None
    suf: str | None


@dataclass(frozen=True)
class Interval:
    low: float | None  # factor of the value; None -> 0
    high: float | str | None  # factor, "step", or None -> unbounded
    bounds: str


@dataclass(frozen=True)
class Unit:
    surface: str
    base: str
    factor: float
    dimension: str
    classifier: bool
    counted_is_unit: bool = False


@dataclass(frozen=True)
class Attribute:
    canonical: str
    dimension: str | None
    modifier: bool


class Tables:
    """The rule tables this module reads, compiled once per rule pack."""

    def __init__(self, pack: RulePack) -> None:
        units_table = pack.table("units", {}) or {}
        self.units: dict[str, Unit] = {}
        for surface, spec in (units_table.get("units") or {}).items():
            s = str(surface)
            self.units[s] = Unit(
                s,
                str(spec.get("base", s)),
                float(spec.get("factor", 1)),
                str(spec.get("dimension", "count")),
                bool(spec.get("classifier", False)),
                bool(spec.get("counted_is_unit", False)),
            )
        self.inferred_units: dict[str, str] = {
            str(k): str(v) for k, v in (units_table.get("inferred_units") or {}).items()
        }
        quals = pack.table("qualifiers", {}) or {}
        self.prefix = self._intervals(quals.get("prefix"))
        self.approx = self._intervals(quals.get("approx"))
        self.suffix = self._intervals(quals.get("suffix"))
        seps = [str(s) for s in (quals.get("range_separators") or ["至", "到", "-"])]
        attrs = pack.table("attributes", {}) or {}
        self.attributes: dict[str, Attribute] = {}
        for canonical, spec in (attrs.get("attributes") or {}).items():
            dim = spec.get("dimension") if isinstance(spec, dict) else None
            for spelling in [canonical, *((spec or {}).get("synonyms") or [])]:
                self.attributes[str(spelling)] = Attribute(str(canonical), dim and str(dim), False)
        for canonical, spellings in (attrs.get("modifiers") or {}).items():
            for spelling in [canonical, *(spellings or [])]:
                self.attributes[str(spelling)] = Attribute(str(canonical), None, True)
        self.generic_subjects: set[str] = set()
        for canonical, spellings in (attrs.get("generic_subjects") or {}).items():
            self.generic_subjects.update([str(canonical), *(str(s) for s in spellings or [])])
        self.counted_stop: frozenset[str] = frozenset(str(w) for w in attrs.get("counted_stop") or [])
        self.prefixes_ignored: frozenset[str] = frozenset(
            str(w) for w in attrs.get("attribute_prefixes_ignored") or []
        )
        # One-character stop words right before an attribute: no qualifier to look for.
        self.prefix_stop_chars: frozenset[str] = frozenset(
            w for w in (*self.counted_stop, *self.prefixes_ignored) if len(w) == 1
        )

        def alt(words: Any) -> str:
            return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

        prefix_alt = alt(self.prefix)
        approx_alt = alt(self.approx) or "(?!)"
        unit_alt = alt(self.units)
        suffix_alt = alt(self.suffix) or "(?!)"
        sep_alt = alt(seps)
        mag = r"[十百千万亿]{1,3}"
        # Every match starts with a prefix word, 百分之 or a numeral: testing that one character
        # first lets the scan skip other positions without trying each alternative.
        first = {w[0] for w in self.prefix if w} | set("百0123456789０１２３４５６７８９零〇一二两三四五六七八九十")
        first_class = "".join(re.escape(ch) for ch in sorted(first))
        self.pattern = re.compile(
            rf"(?=[{first_class}])"
            rf"(?P<pre>{prefix_alt})?"
            rf"(?P<pct>百分之)?"
            rf"(?P<n1>{_NUM})"
            rf"(?:(?P<ap1>{approx_alt})?(?P<mag1>{mag})?(?P<u1>{unit_alt})?"
            rf"(?P<sep>{sep_alt})(?P<pct2>百分之)?(?P<n2>{_NUM}))?"
            rf"(?P<ap>{approx_alt})?(?P<mag>{mag})?(?P<ap2>{approx_alt})?"
            rf"(?P<unit>{unit_alt})?"
            rf"(?P<suf>{suffix_alt})?"
        )
        if list(self.pattern.groupindex) != list(_Groups._fields):
            raise AssertionError("numbers: _Groups must list the pattern's groups in order")
        self.attribute_re = re.compile(alt(self.attributes)) if self.attributes else None
        self.generic_re = re.compile(alt(self.generic_subjects)) if self.generic_subjects else None

    @staticmethod
    def _intervals(table: Any) -> dict[str, Interval]:
        out: dict[str, Interval] = {}
        for word, spec in (table or {}).items():
            spec = spec or {}
            low = spec.get("low", 1.0)
            high = spec.get("high", 1.0)
            out[str(word)] = Interval(
                None if low is None else float(low),
                high if high is None or high == "step" else float(high),
                str(spec.get("bounds", "[]")),
            )
        return out


@lru_cache(maxsize=8)
def tables_for(pack: RulePack) -> Tables:
    return Tables(pack)


_ASCII_QUOTE = re.compile('"')


def _quote_spans(sentence: str) -> list[tuple[int, int]]:
    """Inner spans of quotations in ``sentence`` (paired marks, and ASCII '"' by parity)."""
    spans: list[tuple[int, int]] = []
    for open_mark, close_mark in _QUOTE_PAIRS:
        start = sentence.find(open_mark)
        while start != -1:
            end = sentence.find(close_mark, start + 1)
            if end == -1:
                break
            spans.append((start + 1, end))
            start = sentence.find(open_mark, end + 1)
    positions = [m.start() for m in _ASCII_QUOTE.finditer(sentence)] if '"' in sentence else []
    for a, b in zip(positions[::2], positions[1::2], strict=False):
        spans.append((a + 1, b))
    return spans


def _in_short_quote(start: int, end: int, quotes: list[tuple[int, int]]) -> bool:
    for q0, q1 in quotes:  # noqa: SIM110 (a loop: any() over a generator costs 4x on these short lists)
        if q0 <= start and end <= q1 and q1 - q0 <= _SHORT_QUOTE:
            return True
    return False


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    for s, e in spans:  # noqa: SIM110 (as above)
        if s < end and start < e:
            return True
    return False


def _is_year(numeral: str | None, unit: str | None) -> bool:
    if unit != "年" or not numeral:
        return False
    if numeral.isdigit() or _DIGITS_RE.fullmatch(numeral):
        return len(numeral) == 4
    return len(numeral) == 4 and all(ch in "零〇○一二三四五六七八九" for ch in numeral)


def _split_chinese(numeral: str, mag: str) -> tuple[str, str]:
    """For a Chinese numeral, move its trailing 万/亿 into the magnitude (一千二百万 -> 一千二百, 万)."""
    if numeral and numeral[0] not in "0123456789０１２３４５６７８９" and not mag:
        head, tail = split_magnitude(numeral)
        if tail and head:
            return head, tail
    return numeral, mag


def _tidy(x: float | None) -> float | None:
    """Drop float noise from unit arithmetic (110.00000000000001 -> 110.0)."""
    return None if x is None else float(f"{x:.12g}")


# Compiled once here rather than looked up in re's cache at every call.
_DIGITS_RE = re.compile(r"[0-9０-９]+")
_CODE_CHAR = re.compile(r"[A-Za-z0-9０-９.．%＋+\-]")
_SESSION_COUNT = re.compile(r"[一二三四五六七八九十]+次")
_QUOTE_TAIL = re.compile(f"[{HAN}]{{1,4}}")
_WORD_START = re.compile(f"[{HAN}A-Za-z]")
_CJK_CHAR = HAN_RE
_CJK_WORD = HAN_RUN_RE
_NOUN_AFTER_RE = re.compile(f"[{HAN}]{{2,8}}")


def _strip_locative(phrase: str) -> str:
    """"违法行为中" -> "违法行为" (a locative closing the phrase is no part of it)."""
    for tail in _LOCATIVE_TAILS:
        if phrase.endswith(tail) and len(phrase) - len(tail) >= 2:
            return phrase[: -len(tail)]
    return phrase


def _jieba_tokens(text: str) -> list[str]:
    import jieba

    return [t for t in jieba.lcut(text, HMM=False) if t.strip()]


class _Extractor:
    def __init__(
        self, sentence: str, ctx: ExtractContext, entities: list[FactDraft], dates: list[FactDraft], tables: Tables
    ) -> None:
        self.s = sentence
        self.ctx = ctx
        self.entities = [e for e in entities if e.kind in SUBJECT_KINDS]
        self.entity_spans = [(e.start, e.end) for e in entities]
        self.dates = dates
        self.t = tables
        self._quotes: list[tuple[int, int]] | None = None
        self._scopes: SentenceScopes | None = None
        self._skip_spans: list[tuple[int, int]] | None = None

    # The time cues are read when a candidate first gets past the cheap filters: most
    # sentences' candidates (bare numbers, 一个) never do.
    @property
    def scopes(self) -> SentenceScopes:
        if self._scopes is None:
            self._scopes = SentenceScopes(self.s, self.ctx.pub_date)
        return self._scopes

    @property
    def skip_spans(self) -> list[tuple[int, int]]:
        if self._skip_spans is None:
            self._skip_spans = [(d.start, d.end) for d in self.dates] + self.scopes.spans()
        return self._skip_spans

    @property
    def quotes(self) -> list[tuple[int, int]]:
        if self._quotes is None:
            self._quotes = _quote_spans(self.s)
        return self._quotes

    def clause_start(self, pos: int) -> int:
        start = 0
        for m in CLAUSE_BOUNDARY.finditer(self.s, 0, pos):
            start = m.end()
        return start

    # -- filters -------------------------------------------------------------------------------

    def rejected(self, m: re.Match[str], start: int, end: int, g: _Groups) -> bool:
        """Whether candidate ``m`` (``g`` its groups) is no quantity."""
        s = self.s
        n1, n2 = g.n1, g.n2
        unit = g.unit or g.u1
        has_mag = bool(g.mag or g.mag1)
        is_chinese = n1[0] in "零〇一二两三四五六七八九十"
        percent = bool(g.pct)
        if not unit and not percent and not (has_mag and not is_chinese):
            return True
        if is_chinese and not unit and not percent:
            return True
        if is_chinese and n1 in ("一", "零", "〇") and not n2 and not has_mag:
            return True  # 一批, 一家人, 零部件: idiom far more often than a fact
        if is_chinese and 2 <= len(n1) <= 3 and not _CN_PLACE_VALUE.search(n1):
            return True  # 唯一一个 (一一), 五六个 (an estimate): digits written side by side are no numeral
        if is_chinese and unit == "届":
            return True  # 市十五届: a designation
        num_start = m.start("pct") if percent else m.start("n1")
        before = s[max(0, num_start - 2) : num_start]
        if before.endswith("第") or (g.pre and s[max(0, start - 1) : start] == "第"):
            return True  # ordinal
        if start > 0 and _CODE_CHAR.match(s, start - 1):
            return True  # G60, 3A, part of a code
        if _is_year(n1, unit) or _is_year(n2, g.u1 or unit):
            return True
        if _overlaps(start, end, self.skip_spans):
            return True
        if _in_short_quote(start, end, self.quotes):
            return True
        spec = self.t.units.get(unit or "")
        if spec is not None and spec.dimension == "duration":
            after = s[end : end + 2]
            if after.startswith(_DURATION_TIME_AFTER) or g.pre == "近":
                return True
            if s[max(0, start - 2) : start].endswith(_DURATION_TIME_BEFORE):
                return True
        # 十五届三次 (a session designation, not quantities)
        if unit == "周" and s[end : end + 1] == "年":
            return True  # 三周年: an anniversary
        if unit == "届" and _SESSION_COUNT.match(s, end):
            return True
        return bool(unit == "次" and s[max(0, start - 1) : start] == "届")

    # -- values --------------------------------------------------------------------------------

    def build(self, m: re.Match[str]) -> FactDraft | None:
        start, end = m.span()
        # The groups read once: build and rejected read some twenty, mostly of rejected candidates.
        g = _Groups._make(m.groups())
        if end <= start or self.rejected(m, start, end, g):
            return None
        unit_text, unit = self.unit_of(g)
        unit_factor = unit.factor if unit else 1.0
        amount = self.amount(g, unit_factor)
        if amount is None:
            return None
        value, low, high, bounds = amount
        base_unit = unit.base if unit else None
        fact = FactDraft(
            kind="number",
            start=start,
            end=end,
            text=self.s[start:end],
            value=float(f"{value:.12g}"),
            low=_tidy(low),
            high=_tidy(high),
            unit=base_unit,
            qualifier=self.main_qualifier(g, g.ap or g.ap2 or g.ap1),
        )
        fact.extra = {
            "dimension": unit.dimension if unit else "number",
            "unit_text": unit_text,
            "bounds": bounds,
            "numeral": g.n1,
        }
        if g.n2 is not None:
            fact.extra["range"] = True
        if unit_text and unit_text != base_unit:
            fact.extra["unit_factor"] = unit_factor
        self.describe(fact, unit)
        return fact

    def unit_of(self, g: _Groups) -> tuple[str | None, Unit | None]:
        """The unit as written (百分之 is %) and the pack's unit it names, if any."""
        unit_text = g.unit or g.u1
        if (g.pct or g.pct2) and not unit_text:
            unit_text = "%"
        return unit_text, (self.t.units.get(unit_text) if unit_text else None)

    def amount(self, g: _Groups, unit_factor: float) -> tuple[float, float | None, float | None, str] | None:
        """(value, low, high, bounds) the numerals, magnitudes and qualifiers say, in base units;
        None when a numeral does not parse or a range runs backwards."""
        n1, mag = _split_chinese(g.n1, g.mag or "")
        mag_factor = magnitude_factor(mag) or 1
        v1 = parse_numeral(n1)
        if v1 is None:
            return None
        if g.n2 is not None:  # a range: its ends are the interval, qualifiers are not applied
            ends = self.range_ends(g, v1, unit_factor)
            return None if ends is None else (ends[0], ends[0], ends[1], "[]")
        value = v1 * mag_factor * unit_factor
        low: float | None = value
        high: float | None = value
        bounds = "[]"
        approx_word = g.ap or g.ap2 or g.ap1
        if approx_word:
            rule = self.t.approx[approx_word]
            # 2万多 steps by the magnitude (2万 -> 3万); 700多万 by the mantissa's last digit.
            after_mag = bool(g.ap2) and bool(mag)
            step = float(mag_factor) if after_mag else step_of(n1) * mag_factor
            if rule.high == "step":
                high = value + step * unit_factor
            bounds = rule.bounds
        for word, table in ((g.pre, self.t.prefix), (g.suf, self.t.suffix)):
            if not word:
                continue
            rule = table[word]
            base_high = high if high is not None else value
            low = 0.0 if rule.low is None else value * rule.low
            high = None if rule.high is None else base_high * float(rule.high)
            bounds = rule.bounds
        return value, low, high, bounds

    def range_ends(self, g: _Groups, v1: float, unit_factor: float) -> tuple[float, float] | None:
        """(low, high) of "3至5万", "3万至5万": the first number takes its own magnitude, else the
        second's; None when the second does not parse or is below the first."""
        assert g.n2 is not None
        n2, mag2 = _split_chinese(g.n2, g.mag or "")
        v2 = parse_numeral(n2)
        if v2 is None:
            return None
        _, n1_mag = _split_chinese(g.n1, g.mag1 or "")
        f1 = (magnitude_factor(n1_mag) if n1_mag else magnitude_factor(mag2)) or 1
        low = v1 * f1 * unit_factor
        high = v2 * (magnitude_factor(mag2) or 1) * unit_factor
        return None if high < low else (low, high)

    def main_qualifier(self, g: _Groups, approx_word: str | None) -> str | None:
        """The qualifier that sets the interval: the first inexact one, else the first written."""
        words = [(g.pre, self.t.prefix), (approx_word, self.t.approx), (g.suf, self.t.suffix)]
        written = [(w, table[w]) for w, table in words if w]
        for word, rule in written:
            if not (rule.low == 1.0 and rule.high == 1.0):
                return word
        return written[0][0] if written else None

    # -- description ---------------------------------------------------------------------------

    def find_attribute(self, fact: FactDraft) -> str | None:
        if self.t.attribute_re is None:
            return None
        dimension = fact.extra["dimension"]
        cstart = self.clause_start(fact.start)
        found: list[tuple[int, Attribute]] = [
            (m.start(), self.t.attributes[m.group()]) for m in self.t.attribute_re.finditer(self.s, 0, fact.start)
        ]
        if not found:
            return None
        pos, attr = found[-1]
        if attr.modifier:
            if pos < cstart:
                return None
            bases = [a for p, a in found[:-1] if not a.modifier and p < pos]
            return f"{bases[-1].canonical}{attr.canonical}" if bases else attr.canonical
        for pos, attr in reversed(found):
            if attr.modifier:
                continue
            same_clause = pos >= cstart
            if attr.dimension is None and same_clause:
                return self.qualified(fact, pos, attr)
            if not same_clause and dimension == "count":
                return None  # counts are too generic to borrow a quantity from another clause
            if attr.dimension == dimension or (dimension == "number" and attr.dimension in self.t.inferred_units):
                if dimension == "number":
                    assert attr.dimension is not None
                    fact.unit = self.t.inferred_units[attr.dimension]
                    fact.extra["dimension"] = attr.dimension
                    fact.extra["unit_inferred"] = True
                return self.qualified(fact, pos, attr)
            if same_clause:
                return None  # the clause names a different quantity
        return None

    def qualified(self, fact: FactDraft, pos: int, attr: Attribute) -> str:
        """The canonical attribute; the nouns written right before it go to
        ``extra["attribute_qualifier"]`` and into the key: "房地产开发投资" never meets "投资".

        A word before the attribute is no qualifier when it says nothing about the measure
        (村集体, 全年, 项目 ... in ``attribute_prefixes_ignored``), or is a named subject, a
        time, a numeral or a stop word.
        """
        prev = self.s[pos - 1 : pos]
        if not prev or not _CJK_CHAR.match(prev) or prev in self.t.prefix_stop_chars:
            return attr.canonical
        cstart = self.clause_start(pos)
        window = self.s[max(cstart, pos - 8) : pos]
        words: list[str] = []
        tok_end = pos
        for tok in reversed(_jieba_tokens(window)):
            tok_start = tok_end - len(tok)
            tok_end = tok_start
            if (
                not _CJK_WORD.fullmatch(tok)
                or tok in self.t.counted_stop
                or tok in self.t.prefixes_ignored
                or tok in self.t.generic_subjects
                or _overlaps(tok_start, tok_start + len(tok), self.entity_spans)
                or _overlaps(tok_start, tok_start + len(tok), self.skip_spans)
                or _NUMERAL_CHARS.search(tok)
            ):
                break
            words.append(tok)
            if sum(map(len, words)) >= 6:
                break
        if words:
            fact.extra["attribute_qualifier"] = "".join(reversed(words))
        return attr.canonical

    def counted_after(self, fact: FactDraft) -> str | None:
        rest = self.s[fact.end : fact.end + 16].lstrip()
        if not rest:
            return None
        for open_mark, close_mark in (*_QUOTE_PAIRS, ('"', '"')):
            if rest.startswith(open_mark):
                close = rest.find(close_mark, 1)
                if close <= 1:
                    return None
                tail = _QUOTE_TAIL.match(rest, close + 1)
                quoted = rest[1:close]
                if tail:
                    words = self._forward_words(tail.group())
                    return quoted + "".join(words)
                return quoted
        cut = _WINDOW_STOP.search(rest)
        window = rest[: cut.start()] if cut else rest
        if not window:
            return None
        phrase = "".join(self._forward_words(window))
        # one character is too often a split word (3条高速 -> 高), unless it is a noun unit (18个村)
        return phrase if len(phrase) >= 2 or phrase in self.t.units else None

    def _forward_words(self, window: str) -> list[str]:
        words: list[str] = []
        for tok in _jieba_tokens(window):
            if tok in self.t.counted_stop or not _WORD_START.match(tok):
                break
            words.append(tok)
            if sum(map(len, words)) >= 10:
                break
        return words

    def counted_before(self, fact: FactDraft) -> str | None:
        cstart = self.clause_start(fact.start)
        pre = self.s[max(cstart, fact.start - 12) : fact.start]
        cuts = [c.end() for c in _BEFORE_STOP.finditer(pre)]
        if cuts:
            pre = pre[cuts[-1] :]
        if not pre:
            return None
        import jieba

        words: list[str] = []
        tok_end = fact.start
        for tok in reversed(jieba.lcut(pre, HMM=False)):
            tok_start, tok_end = tok_end - len(tok), tok_end - len(tok)
            if not tok.strip():
                if words:
                    break
                continue
            if _overlaps(tok_start, tok_start + len(tok), self.entity_spans):
                break  # 独山港镇18个: a named place is the subject, not the thing counted
            if tok in self.t.counted_stop or not _WORD_START.match(tok):
                if words:
                    break
                if tok in self.t.counted_stop and len(tok) >= 2:
                    # a cue word right before the number (累计, 共有): look past it once
                    continue
                break
            words.append(tok)
            if sum(map(len, words)) >= 8:
                break
        phrase = "".join(reversed(words))
        attr = self.t.attributes.get(phrase)
        if phrase in self.t.generic_subjects or (attr is not None and attr.modifier):
            return None
        return phrase or None

    def attribute_in(self, canonical: str, counted: str) -> bool:
        if canonical in counted:
            return True
        return any(spelling in counted for spelling, attr in self.t.attributes.items() if attr.canonical == canonical)

    def find_subject(self, fact: FactDraft) -> tuple[str | None, bool]:
        """(subject, whether it was carried from an earlier sentence)."""
        best: FactDraft | None = None
        for e in self.entities:
            if e.start > 0 and _NUMERAL_CHARS.match(self.s[e.start - 1]):
                continue  # "50所公立大学" read as the org "所公立大学": a counted thing, no subject
            if e.end <= fact.start and (best is None or e.end > best.end):
                best = e
        best_end = best.end if best else -1
        if self.t.generic_re is not None:
            generic = None
            for m in self.t.generic_re.finditer(self.s, 0, fact.start):
                generic = m
            if generic is not None and generic.end() > best_end:
                return generic.group(), False
        if best is not None:
            full = best.extra.get("full") if best.kind == "org" else None
            return (str(full) if full else best.text), False
        return self.ctx.last_subject, True

    def unify_counted(self, fact: FactDraft, counted: str | None) -> str | None:
        """One counted thing per article: "违法行为" after "电动自行车交通违法行为" (same subject, unit).

        A later phrase that shortens an earlier one is taken for it; a longer later phrase only
        when the earlier one is itself specific (``_UNIFY_MIN_CHARS``): "广东报告" after "报告"
        is the next item of a list whose own subject was missed, and keeps its own key.
        """
        if not counted or not fact.subject or not fact.unit:
            return counted
        slot = self.ctx.counted_seen.setdefault((normalize_subject(fact.subject, self.ctx.pack) or "", fact.unit), [])
        if counted in slot:
            return counted
        for earlier in slot:
            if earlier != counted and (
                earlier.endswith(counted) or (len(earlier) >= _UNIFY_MIN_CHARS and counted.endswith(earlier))
            ):
                return earlier
        if counted not in slot:
            slot.append(counted)
        return counted

    def describe(self, fact: FactDraft, unit: Unit | None) -> None:
        fact.attribute = self.find_attribute(fact)
        dimension = fact.extra["dimension"]
        key_counted: str | None = None
        if unit is not None and unit.counted_is_unit:
            fact.counted = unit.base  # 七村: the unit is the thing counted, too vague for a key
        elif dimension == "count":
            counted = self.counted_after(fact) if unit is not None and unit.classifier else None
            fact.counted = key_counted = counted or self.counted_before(fact)
            if fact.counted and fact.attribute and not self.attribute_in(fact.attribute, fact.counted):
                fact.attribute = None  # 游客画像接入点28个: the clause's attribute is not what is counted
        elif dimension == "area" and fact.attribute is None and (after := self.noun_after(fact)):
            # "2800亩枇杷园" is the area of the orchard: it meets "枇杷园面积1800亩".
            fact.counted = after
            fact.attribute = _AREA_ATTRIBUTE
            fact.extra["attribute_qualifier"] = after
        elif dimension in _MEASURED_DIMENSIONS and fact.attribute is None:
            fact.counted = key_counted = self.counted_before(fact)
        if key_counted:
            fact.counted = key_counted = _strip_locative(key_counted)
        fact.subject, carried = self.find_subject(fact)
        fact.time = self.scopes.at(fact.start)
        if fact.time is not None:
            self.ctx.last_time = fact.time
            if fact.time == "cumulative" and (cut := self.scopes.cut_off(fact.start)):
                fact.extra["cut_off"] = cut
        elif carried and fact.subject is not None:
            # Neither subject nor time in this sentence ("在行动查处的1620起违法行为中"): both
            # come from the sentences before, as a reader takes them.
            fact.time = self.ctx.last_time
        if dimension == "count" and key_counted and not fact.attribute:
            key_counted = self.unify_counted(fact, key_counted)
        measure = fact.attribute
        if measure and fact.extra.get("attribute_qualifier"):
            measure = f"{fact.extra['attribute_qualifier']}{measure}"
        fact.key = fact_key(
            fact.subject, measure, key_counted, fact.time, fact.extra["dimension"], fact.unit, self.ctx.pack
        )

    def noun_after(self, fact: FactDraft) -> str | None:
        """A noun right after a measure ("2800亩枇杷园里" -> 枇杷园), at most 6 characters."""
        rest = self.s[fact.end : fact.end + 8]
        m = _NOUN_AFTER_RE.match(rest)
        if not m:
            return None
        words = self._forward_words(m.group())
        phrase = _strip_locative("".join(words))
        return phrase if phrase and len(phrase) >= 2 else None


def extract_numbers(
    sentence: str,
    ctx: ExtractContext,
    *,
    entities: list[FactDraft],
    dates: list[FactDraft],
) -> list[FactDraft]:
    """Every quantity in ``sentence`` (see module doc), read with the tables of ``ctx.pack``;
    spans index ``sentence``."""
    if not _NUMERAL_CHARS.search(sentence):
        return []
    tables = tables_for(ctx.pack)
    ex = _Extractor(sentence, ctx, entities, dates, tables)
    out: list[FactDraft] = []
    for m in tables.pattern.finditer(sentence):
        try:
            fact = ex.build(m)
        except OverflowError:  # a numeral beyond any float (一亿亿亿…) is not a fact
            continue
        if fact is not None and math.isfinite(fact.value or 0.0):
            out.append(fact)
    return out


__all__ = ["Tables", "extract_numbers", "tables_for"]
