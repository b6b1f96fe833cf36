"""Restated figures: a sentence said again, here or in another article, with a figure changed.

A fact key needs a subject and a measure the extractor can name; a sentence copied with one
figure changed needs neither to be a conflict.  The two sentences are found as DUP002 finds
near copies (the article's own sentences, and the sketch-band index for the archive: no
scan), compared with every numeral masked, and aligned character by character
(:func:`align`): a numeral that faces a numeral in an equal stretch of both sentences stands
"in the same position", whatever its unit or subject.  Such a pair with different values is
reported with both spans, unless the two wordings differ where a period, a change, a target
or a name is written (今年/去年, 增长, 目标, another town), the differing numeral is itself a
date, an ordinal or part of a code, or more figures differ than a slip explains (a standing
formula filled in with other data: a stock report, a product's specifications).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from checker.checks.base import Archive, ArticleView, Rule, SentenceView
from checker.checks.numbers import (
    DEFAULT_DELTA_WORDS,
    DEFAULT_TARGET_WORDS,
    ConflictingNumber,
    Mention,
    consistent,
    mention_of,
    number_words,
    shown,
)
from checker.checks.settings import RuleSettings, setting, severity_setting
from checker.extract.numbers import ARABIC_NUMERAL
from checker.extract.numerals import parse_numeral
from checker.model import FindingDraft, Location, Severity
from checker.store.models import Fact

PLACEHOLDER = "\ue000"  # one character standing for a whole numeral in the masked text
_NUMERAL = re.compile(rf"{ARABIC_NUMERAL}[万亿]*|[零〇一二两三四五六七八九十百千万亿]+")
_NOT_CONTENT = re.compile(r"[\s\W_]")
# A numeral (group 1), or a run of content characters up to the next numeral.
_MASK_TOKEN = re.compile(rf"({_NUMERAL.pattern})|(?:(?!{_NUMERAL.pattern})[^\W_])+")
# Where a clause ends: Chinese clause punctuation, or an ASCII comma that is no thousands separator.
_CLAUSE_END = re.compile(r"[，；：;:！？!?]|,(?![0-9]{3})")
_ASCII_LETTER = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
# After a numeral: a date, a time of day, a period or an edition, never a quantity to compare.
_CALENDAR_AFTER = re.compile(r"月|日|号|时|点(?![0-9０-９])|季度|世纪|届|期|版|代")
# A year: four digits (or two with a leading zero, 09年) before 年.
_YEAR = re.compile(r"(?:[0-9０-９]{4}|[0０][0-9０-９]|[零〇一二三四五六七八九]{4})年")
_DATES = re.compile(r"[0-9０-９零〇一二三四五六七八九十]+(?:年|月|日|号)")
_QUALIFIER_NEAR = re.compile(r"[多余约近超逾]|左右|上下|以上|以下")
# Words whose place in the differing stretch makes the two sentences two statements: a period,
# a change, a comparison or a running total.
DEFAULT_PERIOD_WORDS = [
    "今年", "去年", "前年", "明年", "本年", "上年", "当年", "同期", "上半年", "下半年", "季度", "年底", "年初",
    "年末", "月份", "月底", "月初", "本月", "上月", "本周", "上周", "今天", "昨天", "昨日", "今日", "前日", "目前",
    "此前", "截至", "截止", "累计", "以来", "至今", "原来", "原", "现", "已", "将", "年", "月", "日",
]
# Period words that, written in both sentences, refer to each article's own date.
DEFAULT_RELATIVE_WORDS = [
    "今年", "去年", "前年", "明年", "本年", "上年", "本月", "上月", "本周", "上周", "今天", "昨天", "昨日",
    "今日", "前日", "目前", "截至", "截止", "累计", "至今", "以来", "近日", "日前", "最新",
]


@dataclass
class Masked:
    """A sentence's content with each numeral replaced by :data:`PLACEHOLDER`.

    ``where[i]`` is the index in the sentence's text of masked character ``i``;
    ``numerals`` the spans (in the sentence's text) of the placeholders in order.
    """

    text: str
    where: list[int]
    numerals: list[tuple[int, int]]
    source: str

    @cached_property
    def clause_of(self) -> list[int]:
        """The clause of each masked character (clause punctuation between them in the text)."""
        clause_of: list[int] = []
        breaks = [m.start() for m in _CLAUSE_END.finditer(self.source)]
        k = 0
        for at in self.where:
            while k < len(breaks) and breaks[k] < at:
                k += 1
            clause_of.append(k)
        return clause_of

    @cached_property
    def slots(self) -> list[int]:
        """Masked index of each placeholder."""
        return [i for i, ch in enumerate(self.text) if ch == PLACEHOLDER]

    @property
    def words(self) -> int:
        """Content characters other than numerals."""
        return len(self.text) - len(self.numerals)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The sentence-text span of masked characters ``start:end`` (a point for an empty one)."""
        if start >= end:
            at = self.where[start] if start < len(self.where) else len(self.source)
            return at, at
        first = self.where[start]
        last = self.where[end - 1]
        if self.text[end - 1] == PLACEHOLDER:
            last = self.numerals[self._slot(end - 1)][1] - 1
        return first, last + 1

    def _slot(self, masked_index: int) -> int:
        return self.text.count(PLACEHOLDER, 0, masked_index)


def mask(text: str, start: int = 0, end: int | None = None) -> Masked:
    """``text[start:end]`` without spaces and punctuation, each numeral one :data:`PLACEHOLDER`
    (indexes stay those of ``text``)."""
    stop = len(text) if end is None else end
    chars: list[str] = []
    where: list[int] = []
    numerals: list[tuple[int, int]] = []
    # One match per numeral or run of content characters (not one step per character).
    for m in _MASK_TOKEN.finditer(text, start, stop):
        a, b = m.span()
        if m.lastindex == 1:
            chars.append(PLACEHOLDER)
            where.append(a)
            numerals.append((a, b))
        else:
            chars.append(m.group())
            where.extend(range(a, b))
    return Masked("".join(chars), where, numerals, text)


def numerals_of(text: str) -> list[str]:
    """The numerals of ``text`` as written, in order (what :func:`mask` masks)."""
    return _NUMERAL.findall(text)


@dataclass(frozen=True)
class Alignment:
    """Two masked sentences aligned character by character.

    ``to_b[i]`` is the index in b of masked character ``i`` of a when it lies in an equal
    stretch, else -1 (and ``to_a`` the other way round).
    """

    a: Masked
    b: Masked
    to_b: list[int]
    to_a: list[int]

    def facing(self) -> list[tuple[int, int]]:
        """(numeral index in a, numeral index in b) of the numerals facing each other."""
        slot_b = {j: n for n, j in enumerate(self.b.slots)}
        return [(n, slot_b[self.to_b[i]]) for n, i in enumerate(self.a.slots) if self.to_b[i] >= 0]


def align(a: Masked, b: Masked) -> Alignment:
    from rapidfuzz.distance import Indel

    to_b = [-1] * len(a.text)
    to_a = [-1] * len(b.text)
    for op in Indel.opcodes(a.text, b.text):
        if op.tag == "equal":
            for k in range(op.src_end - op.src_start):
                to_b[op.src_start + k] = op.dest_start + k
                to_a[op.dest_start + k] = op.src_start + k
    return Alignment(a, b, to_b, to_a)


@dataclass
class _Window:
    """The stretch around a figure that both sentences share: a's masked ``[start, end)`` and b's."""

    start: int
    end: int
    b_start: int
    b_end: int
    changed: int  # characters of the stretch (either side) outside equal runs


def window(found: Alignment, at: int, min_chars: int) -> _Window | None:
    """The clause of a's masked character ``at``, widened by whole clauses until it holds
    ``min_chars`` characters (besides numerals) that both sentences share."""
    a = found.a
    clause = a.clause_of[at]
    lo = hi = clause
    first, last = a.clause_of[0], a.clause_of[-1]

    def shared(c0: int, c1: int) -> tuple[int, int]:
        # clause_of never decreases: the masked characters of clauses c0..c1 are one run.
        return bisect_left(a.clause_of, c0), bisect_right(a.clause_of, c1)

    while True:
        start, end = shared(lo, hi)
        equal = sum(1 for i in range(start, end) if found.to_b[i] >= 0 and a.text[i] != PLACEHOLDER)
        if equal >= min_chars:
            break
        if lo > first:
            lo -= 1
        elif hi < last:
            hi += 1
        else:
            return None
    mapped = [found.to_b[i] for i in range(start, end) if found.to_b[i] >= 0]
    b_start, b_end = min(mapped), max(mapped) + 1
    changed_a = sum(1 for i in range(start, end) if found.to_b[i] < 0)
    changed_b = sum(1 for j in range(b_start, b_end) if found.to_a[j] < 0)
    # The clause's own ends: b's text just outside the mapped stretch, up to b's clause marks.
    b = found.b
    while b_start > 0 and found.to_a[b_start - 1] < 0 and b.clause_of[b_start - 1] == b.clause_of[b_start]:
        changed_b += 1
        b_start -= 1
    while b_end < len(b.text) and found.to_a[b_end] < 0 and b.clause_of[b_end] == b.clause_of[b_end - 1]:
        changed_b += 1
        b_end += 1
    return _Window(start, end, b_start, b_end, max(changed_a, changed_b))


@dataclass
class _Side:
    """One of the two sentences: where it is, masked, and what was extracted from it."""

    article: ArticleView
    sentence: SentenceView
    index: int  # position in its article (for the order of a pair within one article)
    masked: Masked
    facts: list[Fact]

    def number_at(self, span: tuple[int, int]) -> Fact | None:
        """The number fact covering numeral ``span`` of this sentence."""
        start, end = self.sentence.mapped.raw_span(*span)
        for f in self.facts:
            if f.kind == "number" and f.raw_start <= start and end <= f.raw_end:
                return f
        return None

    def name_spans(self) -> list[tuple[int, int]]:
        """Sentence-text spans of the names in this sentence (another subject where they differ)."""
        out = []
        src = self.sentence.mapped.src
        for f in self.facts:
            if f.kind in ("person", "place", "org", "name"):
                try:
                    out.append((src.index(f.raw_start), src.index(f.raw_end - 1) + 1))
                except ValueError:
                    continue
        return out


# Masked characters on each side of a numeral that index a sentence for pairs in one article.
_GRAM = 3


def _grams(masked: Masked) -> dict[str, str]:
    """Masked substrings around each numeral, with the numeral written there: two sentences
    sharing one may restate a figure."""
    out = {}
    text = masked.text
    for n, i in enumerate(masked.slots):
        if i >= _GRAM and i + _GRAM < len(text):
            start, end = masked.numerals[n]
            out[text[i - _GRAM : i + _GRAM + 1]] = masked.source[start:end]
    return out


@dataclass
class _Change:
    mine: tuple[int, int]
    theirs: tuple[int, int]
    mine_fact: Fact | None
    theirs_fact: Fact | None


def _overlaps(spans: Sequence[tuple[int, int]], others: Sequence[tuple[int, int]]) -> bool:
    return any(s < oe and os < e for s, e in spans for os, oe in others)


class RestatedFigure(Rule):
    """重述的句子数字不同（restated figure）.

    What it catches: a sentence or clause that says again what another one says — in the
    same article, on the same page or in an earlier article, word for word or nearly (at
    most ``max_changed_chars`` characters changed) — with a different figure in the same
    position.  The two sentences are aligned with every numeral masked; a figure stands in
    the same position when it faces a numeral inside a stretch both sentences share (its
    clause, widened by whole clauses to ``min_chars`` characters), whatever its subject or
    unit, so a market size, a pass rate or a count of species is compared.

    Why: a passage reused with one figure retyped, or a lead that restates the body with an
    old draft's number, reads well in each place; only the two side by side show it.  Fact
    keys miss it whenever the measure or subject cannot be named.

    Not reported: wordings that differ at a period, change, target or name inside that
    stretch (今年 / 去年, 增长, 目标, another village: two statements); sentences whose
    earlier words name two different periods or subjects; a differing numeral that is a
    date, a year, an ordinal or part of a code (G60, 3号线); more than
    ``max_changed_figures`` differing figures between two sentences (a standing formula
    filled in with other data: a stock report, a match report, specifications); values
    that agree (700多万 and 760万, 1.2万 and 12,300, 一百二十 and 120); and, between
    articles of different dates, sentences with a period relative to each article's date
    (今年, 截至目前, 累计) or a change word.

    Example: "全县已建成高标准农田4.6万亩" in the lead and, further down, "记者了解到，
    全县已建成高标准农田6.4万亩".
    """

    code = "NUM003"
    name = "restated-figure"
    category = "number-conflict"

    pairwise = True

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("error")
        min_chars: int = setting(
            8, zh="数字所在分句（不够则连同相邻分句）中两句相同的字至少几个（数字除外）",
            en="characters (besides numerals) both sentences share around the figure: its clause, widened by clauses",
        )
        max_changed_chars: int = setting(3, zh="这段相同的文字中最多改动几个字",
                                         en="characters changed in that stretch at most")
        max_changed_share: float = setting(0.15, zh="或这段文字的这一比例（取较大者）",
                                           en="or this share of the stretch, if more")
        max_changed_figures: int = setting(
            1, zh="两句最多几个数字不同；更多则是套用格式的另一组数据",
            en="differing figures at most: more is a formula filled in with other data",
        )
        max_band_sentences: int = setting(
            50, zh="与 DUP002 相同：共享此指纹带的句子更多即为套话",
            en="as DUP002: a more common band is a stock phrase",
        )
        max_candidates: int = setting(8, zh="每句最多比较几个其他稿件的句子",
                                      en="other articles' sentences compared per sentence")
        max_gram_sentences: int = setting(
            6, zh="同篇中数字两侧的同样几个字出现在更多句子里即为套话，不配对（三个以上不同数字的也是：逐级奖励）",
            en="words around a figure shared by more sentences of one article (or around three figures or more: "
               "prize tiers) are a formula",
        )
        near_severity: Severity = setting(
            "warning", zh="几乎相同（非一字不差）或两稿见报日期不同时的报告级别",
            en="severity for a near (not word-for-word) restatement, or articles of different dates",
        )
        min_rounding_digits: int = setting(
            2, zh="精度不同时，较粗的数字至少几位有效数字才视为另一数字的四舍五入",
            en="significant digits the coarser figure needs to count as a rounding of the finer one",
        )

    settings: Settings

    @cached_property
    def keyed(self) -> ConflictingNumber | None:
        """NUM001 as the pack sets it up, when it runs: a pair of one fact key is its to report."""
        from checker.checks.registry import rule_settings

        settings = rule_settings(self.pack).get(ConflictingNumber.code)
        if settings is None or not settings.enabled:
            return None
        return ConflictingNumber(self.pack, settings)

    def _keyed_reports(self, archive: Archive, mine: _Side, change: _Change) -> bool:
        """Whether NUM001 reports this pair already (two facts of one key that it compares)."""
        fa, fb = change.mine_fact, change.theirs_fact
        keyed = self.keyed
        if keyed is None or fa is None or fb is None or not fa.key or fa.key != fb.key:
            return False
        a, b = mention_of(fa, archive, mine.article), mention_of(fb, archive, mine.article)
        return keyed.pairs(a, b) and not consistent(a, b, keyed.settings.min_rounding_digits)

    def words(self, name: str, default: Sequence[str]) -> list[str]:
        return number_words(self.pack, name, default)

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        own_facts: dict[int, list[Fact]] = defaultdict(list)
        for f in article.facts:
            if f.sentence_id is not None:
                own_facts[f.sentence_id].append(f)
        mine: list[_Side] = []
        for k, s in enumerate(article.sentences):
            if not _NUMERAL.search(s.text):
                continue
            masked = mask(s.text)
            if masked.numerals and masked.words >= self.settings.min_chars:
                mine.append(_Side(article, s, k, masked, own_facts.get(s.id, [])))
        if not mine:
            return
        yield from self._within(archive, mine)
        yield from self._across(article, archive, mine)

    # -- candidates -------------------------------------------------------------------------------
    def _within(self, archive: Archive, mine: list[_Side]) -> Iterator[FindingDraft]:
        by_gram: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for n, side in enumerate(mine):
            for gram, numeral in _grams(side.masked).items():
                by_gram[gram].append((n, numeral))
        most = self.settings.max_gram_sentences
        earlier: dict[int, set[int]] = defaultdict(set)
        for found in by_gram.values():
            # The same words around three different figures: a series (prize tiers, a table
            # written out), not one figure restated.
            if 1 < len(found) <= most and len({numeral for _, numeral in found}) <= 2:
                members = [n for n, _ in found]
                for x, later in enumerate(members):
                    earlier[later].update(members[:x])
        for n in sorted(earlier):
            for m in sorted(earlier[n]):
                if numerals_of(mine[n].sentence.text) == numerals_of(mine[m].sentence.text):
                    continue  # the same figures in the same order: nothing changed
                draft = self._compare(archive, mine[n], mine[m])
                if draft is not None:
                    yield draft
                    break

    def _across(self, article: ArticleView, archive: Archive, mine: list[_Side]) -> Iterator[FindingDraft]:
        by_id = {side.sentence.id: side for side in mine}
        mine_by_band: dict[int, set[int]] = defaultdict(set)
        for sentence_id, bands in archive.bands_of(article.id).items():
            if sentence_id in by_id:
                for band in bands:
                    mine_by_band[band].add(sentence_id)
        if not mine_by_band:
            return
        shared: dict[int, dict[tuple[int, int], int]] = defaultdict(lambda: defaultdict(int))  # mine -> (aid, sid)
        for hit in archive.sentences_by_bands(
            list(mine_by_band), max_sentences=self.settings.max_band_sentences
        ):
            if hit.article_id == article.id:
                continue
            for sid in mine_by_band[hit.band]:
                shared[sid][(hit.article_id, hit.sentence_id)] += 1
        if not shared:
            return
        limit = self.settings.max_candidates
        wanted = {
            sid: [p for p in sorted(found, key=lambda p: (-found[p], p))[:limit] if archive.reports_pair(article, p[0])]
            for sid, found in shared.items()
        }
        pairs = {p for found in wanted.values() for p in found}
        if not pairs:
            return
        # Texts first (DUP002 has read most of them), masked and aligned before anything else is
        # loaded: most candidates repeat their figures unchanged, or only the words next to them.
        texts = archive.sentence_texts(sid for _, sid in pairs)
        aligned: list[tuple[_Side, int, int, Alignment, list[tuple[int, int, _Window]]]] = []
        for sid, found in wanted.items():
            side = by_id[sid]
            figures = numerals_of(side.sentence.text)
            for aid, other_sid in found:
                text = texts.get(other_sid)
                if text is None:
                    continue
                their_figures = numerals_of(text)
                if not their_figures or their_figures == figures:
                    continue  # no figure, or the same figures in the same order: nothing changed
                alignment = align(side.masked, mask(text))
                restated = self._restated_figures(alignment)
                if restated:
                    aligned.append((side, aid, other_sid, alignment, restated))
        if not aligned:
            return
        archive.sentence_views(c[2] for c in aligned)
        views = {v.id: v for v in archive.articles(c[1] for c in aligned)}
        facts = archive.facts_of_sentences((c[1], c[2]) for c in aligned)
        candidates: list[tuple[_Side, _Side, Alignment, list[tuple[int, int, _Window]]]] = []
        for side, aid, other_sid, alignment, restated in aligned:
            other = archive.sentence_view(other_sid)
            if aid in views and other is not None:
                theirs_side = _Side(views[aid], other, other.ordinal, alignment.b, facts.get(other_sid, []))
                candidates.append((side, theirs_side, alignment, restated))
        reported: set[int] = set()
        for side, theirs, alignment, restated in sorted(
            candidates, key=lambda c: (c[0].index, c[1].article.pub_order)
        ):
            if side.index in reported:
                continue
            draft = self._compare(archive, side, theirs, restated, alignment)
            if draft is not None:
                reported.add(side.index)
                yield draft

    # -- comparison -------------------------------------------------------------------------------
    def _restated_figures(self, found: Alignment) -> list[tuple[int, int, _Window]]:
        """(numeral of a, numeral of b, shared stretch) of each figure written otherwise inside a
        clause both sentences share; none when a differing numeral dates, orders or names
        something (another statement: 第三名 / 第四名).  Needs the two texts only."""
        a, b = found.a, found.b
        differing = []
        for i, j in found.facing():
            sa, sb = a.numerals[i], b.numerals[j]
            if a.source[sa[0] : sa[1]] == b.source[sb[0] : sb[1]]:
                continue
            if _designation(a.source, sa) or _designation(b.source, sb):
                return []
            differing.append((i, j))
        out = []
        min_chars = self.settings.min_chars
        most, share = self.settings.max_changed_chars, self.settings.max_changed_share
        for i, j in differing:
            win = window(found, a.slots[i], min_chars)
            if win is None or win.changed > max(most, share * (win.end - win.start)):
                continue  # not a restated clause: only the words next to the figure are alike
            out.append((i, j, win))
        return out

    def _compare(
        self, archive: Archive, mine: _Side, theirs: _Side,
        restated: list[tuple[int, int, _Window]] | None = None, found: Alignment | None = None,
    ) -> FindingDraft | None:
        """The finding for ``mine`` restating ``theirs`` with a figure changed, or None
        (``found`` and ``restated``: their alignment and :meth:`_restated_figures`, when known)."""
        if found is None:
            found = align(mine.masked, theirs.masked)
        if restated is None:
            restated = self._restated_figures(found)
        changes: list[tuple[_Change, _Window]] = []
        for i, j, win in restated:
            sa, sb = mine.masked.numerals[i], theirs.masked.numerals[j]
            fa, fb = mine.number_at(sa), theirs.number_at(sb)
            verdict = self._agree(mine, theirs, sa, sb, fa, fb)
            if verdict is None:
                return None  # figures that cannot be told apart safely: say nothing
            if not verdict:
                changes.append((_Change(sa, sb, fa, fb), win))
        if not changes or len(changes) > self.settings.max_changed_figures:
            return None
        change, win = changes[0]
        if self._marks_two_statements(mine, theirs, found, win) or self._contexts_differ(mine, theirs, found, win):
            return None
        if self._periods_apart(mine, theirs) or self._keyed_reports(archive, mine, change):
            return None
        return self._finding(mine, theirs, change, exact=win.changed == 0)

    def _marks_two_statements(self, mine: _Side, theirs: _Side, found: Alignment, win: _Window) -> bool:
        """Whether the shared stretch differs at a period, change, target or name."""
        words = self._marker_words()
        sides = (
            (mine, found.a, found.to_b, win.start, win.end),
            (theirs, found.b, found.to_a, win.b_start, win.b_end),
        )
        for side, masked, other, start, end in sides:
            text = side.sentence.text
            differ = []
            for i in range(start, end):
                if other[i] < 0:
                    differ.append(masked.span(i, i + 1))
            if not differ:
                continue
            marked = [(m.start(), m.end()) for m in words.finditer(text)]
            if _overlaps(differ, marked) or _overlaps(differ, side.name_spans()):
                return True
        return False

    def _contexts_differ(self, mine: _Side, theirs: _Side, found: Alignment, win: _Window) -> bool:
        """Whether the sentences name two different periods, or two different subjects, before the
        shared stretch ("去年，…" / "今年，…"; "甲县：…" / "乙县：…").  Named on one side only, the
        other sentence is read as restating it."""
        start_a = found.a.where[win.start]
        start_b = found.b.where[win.b_start]
        words = self._marker_words()
        before_a, before_b = mine.sentence.text[:start_a], theirs.sentence.text[:start_b]
        periods_a = {m.group() for m in words.finditer(before_a)} | set(_DATES.findall(before_a))
        periods_b = {m.group() for m in words.finditer(before_b)} | set(_DATES.findall(before_b))
        if periods_a and periods_b and periods_a != periods_b:
            return True
        names_a = {mine.sentence.text[s:e] for s, e in mine.name_spans() if e <= start_a}
        names_b = {theirs.sentence.text[s:e] for s, e in theirs.name_spans() if e <= start_b}
        return bool(names_a and names_b and not names_a & names_b)

    def _marker_words(self) -> re.Pattern[str]:
        cache = self.table_cache
        if "markers" not in cache:
            words = [
                *self.words("period_words", DEFAULT_PERIOD_WORDS),
                *self.words("delta_words", DEFAULT_DELTA_WORDS),
                *self.words("target_words", DEFAULT_TARGET_WORDS),
            ]
            cache["markers"] = _alternation(words)
        pattern: re.Pattern[str] = cache["markers"]
        return pattern

    def _periods_apart(self, mine: _Side, theirs: _Side) -> bool:
        """Articles of different dates whose sentence speaks of a period relative to its own date
        (今年, 截至目前) or of a change: each may be right for its day."""
        da: date | None = mine.article.pub_date
        db: date | None = theirs.article.pub_date
        if da is None or db is None or da == db:
            return False
        cache = self.table_cache
        if "relative" not in cache:
            words = [
                *self.words("relative_words", DEFAULT_RELATIVE_WORDS),
                *self.words("delta_words", DEFAULT_DELTA_WORDS),
            ]
            cache["relative"] = _alternation(words)
        return bool(cache["relative"].search(mine.sentence.text))

    def _agree(
        self, mine: _Side, theirs: _Side, sa: tuple[int, int], sb: tuple[int, int], fa: Fact | None, fb: Fact | None,
    ) -> bool | None:
        """Whether two facing figures agree (True), disagree (False) or cannot be compared (None).

        The same qualifier and the same written precision on both sides (约500 / 约520, 26.61% /
        26.60%): one figure written twice, so the values must be equal.  Otherwise the
        intervals must meet (700多万 / 760万; 1.2万 / 12,300 as a rounding).
        """
        ta, tb = mine.sentence.text, theirs.sentence.text
        numeral_a, numeral_b = ta[sa[0] : sa[1]], tb[sb[0] : sb[1]]
        if fa is not None and fb is not None:
            if (fa.unit or "") != (fb.unit or "") or fa.value is None or fb.value is None:
                return None
            va, vb = float(fa.value), float(fb.value)
            if abs(va - vb) <= 1e-9 * max(1.0, abs(va)):
                return True
            if (fa.qualifier or "") == (fb.qualifier or "") and _shape(numeral_a) == _shape(numeral_b):
                return False
            a = Mention(fa, mine.article, mine.sentence, None)
            b = Mention(fb, theirs.article, theirs.sentence, None)
            return consistent(a, b, self.settings.min_rounding_digits)
        va_, vb_ = parse_numeral(numeral_a), parse_numeral(numeral_b)
        if va_ is None or vb_ is None:
            return None
        if abs(va_ - vb_) <= 1e-9 * max(1.0, abs(va_)):
            return True  # 一百二十 and 120
        after_a, after_b = ta[sa[1] : sa[1] + 1], tb[sb[1] : sb[1] + 1]
        if after_a != after_b or not after_a or _NOT_CONTENT.match(after_a):
            return None
        # Without an extracted fact a Chinese numeral is compared only before a unit (两个月):
        # elsewhere it is mostly part of a word (一是 / 二是).
        if not (numeral_a[0].isdigit() and numeral_b[0].isdigit()) and after_a not in self._unit_chars():
            return None
        qa = _QUALIFIER_NEAR.search(ta[max(0, sa[0] - 2) : sa[0]] + ta[sa[1] : sa[1] + 2])
        qb = _QUALIFIER_NEAR.search(tb[max(0, sb[0] - 2) : sb[0]] + tb[sb[1] : sb[1] + 2])
        if (qa.group() if qa else "") != (qb.group() if qb else ""):
            return None  # one of them hedged (约, 多): no value to hold the other to
        return False

    def _unit_chars(self) -> frozenset[str]:
        """First characters of the rule pack's units (个, 家, 人 ...)."""
        cache = self.table_cache
        if "units" not in cache:
            table = self.pack.table("units", {}) or {}
            cache["units"] = frozenset(str(u)[0] for u in (table.get("units") or {}) if str(u))
        units: frozenset[str] = cache["units"]
        return units

    def _finding(self, mine: _Side, theirs: _Side, change: _Change, *, exact: bool) -> FindingDraft:
        article = mine.article
        location = self._location(mine, change.mine, change.mine_fact)
        related = self._location(theirs, change.theirs, change.theirs_fact)
        where_zh, where_en = article.where(theirs.article, related)
        here = shown(change.mine_fact) if change.mine_fact is not None else location.text
        there = shown(change.theirs_fact) if change.theirs_fact is not None else related.text
        zh = (
            f"本句与{where_zh}的一句说法{'相同' if exact else '几乎相同'}，同一位置的数字却不同："
            f"此处为{here}，彼处为{there}，请核实。"
        )
        en = (
            f"This sentence {'repeats' if exact else 'nearly repeats'} the one at {where_en}, but the figure in "
            f"the same place differs: {here} here, {there} there."
        )
        dated_apart = (
            mine.article.pub_date is not None and theirs.article.pub_date is not None
            and mine.article.pub_date != theirs.article.pub_date
        )
        weak = not exact or dated_apart
        return self.finding(
            location, zh, en, related=[related],
            identity=(mine.sentence.text, here, there),
            severity=self.settings.near_severity if weak else None,
        )

    @staticmethod
    def _location(side: _Side, span: tuple[int, int], fact: Fact | None) -> Location:
        if fact is not None:
            return side.article.fact_location(fact)
        return side.article.span_location(side.sentence.mapped, *span)


def _alternation(words: Sequence[str]) -> re.Pattern[str]:
    """Any of ``words``, the longest first."""
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


def _shape(numeral: str) -> tuple[int, str]:
    """How precisely a numeral is written: decimals and magnitude (26.60 and 26.61 alike, 1.2万 not 12300)."""
    digits = numeral.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    decimals = len(digits.split(".", 1)[1].rstrip("万亿")) if "." in digits else 0
    magnitude = "".join(ch for ch in digits if ch in "万亿")
    return decimals, magnitude


def _designation(text: str, span: tuple[int, int]) -> bool:
    """A numeral that dates, orders or names something: 2024年, 5月, 第3, G60, 3号线."""
    start, end = span
    if text[max(0, start - 1) : start] == "第":
        return True
    if _CALENDAR_AFTER.match(text, end):
        return True
    year = _YEAR.match(text, start)
    if year is not None and year.end() == end + 1:
        return True
    near = text[max(0, start - 1) : start] + text[end : end + 1]
    return bool(_ASCII_LETTER.search(near))


__all__ = ["Alignment", "Masked", "RestatedFigure", "align", "mask"]
