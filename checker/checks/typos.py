"""Typos: headline/body mismatches, traditional characters, 一 for a dash, confused words, missing 次."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import opencc

from checker.checks.base import Archive, ArticleView, Rule
from checker.checks.settings import RuleSettings, setting, severity_setting
from checker.model import FindingDraft, Location, MappedText, Severity
from checker.rulepack import RulePack
from checker.text.cjk import HAN_RE
from checker.text.similar_chars import ConfusionTable

_CJK_RE = HAN_RE
_SEGMENTS = re.compile(r"\w+")
# Characters that do not begin a place name read backwards from 一 ("在", "从" ...).
_WEAK_X_START = set("在从到至往向由经与和及的是了将把对为于")


@dataclass
class CompactText:
    """An analysed text (sentence or headline) without whitespace, mapped back to the original."""

    mapped: MappedText
    text: str
    idx: list[int]

    @classmethod
    def of(cls, mapped: MappedText) -> CompactText:
        idx = [i for i, ch in enumerate(mapped.text) if not ch.isspace()]
        return cls(mapped, "".join(mapped.text[i] for i in idx), idx)

    def location(self, article: ArticleView, start: int, end: int) -> Location:
        return article.span_location(self.mapped, self.idx[start], self.idx[end - 1] + 1)


def article_texts(article: ArticleView, headline: bool = True) -> list[CompactText]:
    """The headline and sub-headline (unless ``headline`` is False), then every sentence."""
    out = [CompactText.of(article.headline)] if headline and article.headline.text else []
    for extra in (article.kicker, article.subheadline) if headline else ():
        if extra is not None and extra.text:
            out.append(CompactText.of(extra))
    out.extend(CompactText.of(s.mapped) for s in article.sentences)
    return out


# ---------------------------------------------------------------------------- TYP001


@dataclass
class _Mismatch:
    body_start: int  # in the joined body
    body_end: int
    body_text: str
    head_start: int  # in the compact headline
    head_end: int
    head_text: str
    context: int


class HeadlineBodyMismatchRule(Rule):
    """A headline phrase that the body repeats with one character more, less or changed.

    What it catches: Splits the headline at punctuation into phrases of four or more characters and,
    when a phrase never appears in the body as written, looks for a body passage that differs from
    part of it by one inserted, dropped or (similar-looking or similar-sounding) replaced character
    inside at least five matching characters ("智能装备产业园" in the headline, "智能装备产园" in the body).
    Function words, measure words and place suffixes (的, 个, 市 ...) that headlines routinely drop are
    ignored. The sub-headline is compared with the body the same way. The body spelling is reported;
    when the body uses its spelling twice or more, the headline is reported instead, unless the
    headline is only one character shorter (将建 for the body's 将配建: headlines drop words).

    Why: Readers see the headline first: a mismatch with the body is a visible error.

    Example: headline “推动数字农业产业园加快建设”, body “走进数字农业产园建设现场” → “数字农业产业园”.
    """

    code = "TYP001"
    name = "headline-body-mismatch"
    category = "typo"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")
        min_segment: int = setting(4, zh="标题中至少这么多字的短语才与正文比较",
                                   en="headline phrases this long at least are compared with the body")
        min_context: int = setting(5, zh="差异处两侧至少共有这么多个相同的字",
                                   en="matching characters needed around the difference")
        skip_chars: str = setting(
            "的地得了着过和与及或个之是在等也都就而并为将把被从对向于以其这那此该各每某们"
            "市县区镇乡村省街道年月日号届次位名家项条新更再又全",
            zh="标题常省略的虚词、量词、地名后缀：多出或少了这些字不报",
            en="function words, measure words and place suffixes headlines routinely drop: ignored",
        )

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        if not article.sentences:
            return
        heads = [h for h in (article.headline, article.kicker, article.subheadline) if h is not None and h.text]
        reported: set[str] = set()
        for mapped in heads:
            yield from self._check_head(article, CompactText.of(mapped), reported)

    def _check_head(self, article: ArticleView, head: CompactText, reported: set[str]) -> Iterator[FindingDraft]:
        """Compare one headline (or sub-headline) with the body."""
        body_parts = [CompactText.of(s.mapped) for s in article.sentences]
        joined = "\x00".join(p.text for p in body_parts)
        owner: list[tuple[int, int]] = []  # joined index -> (part, index in part)
        for n, part in enumerate(body_parts):
            owner.extend((n, i) for i in range(len(part.text)))
            owner.append((-1, -1))
        skip = set(self.settings.skip_chars)
        table = ConfusionTable.from_pack(self.pack)
        found: dict[tuple[int, int], _Mismatch] = {}
        for seg in _SEGMENTS.finditer(head.text):
            if len(seg.group(0)) < self.settings.min_segment:
                continue
            for mm in _mismatches(seg.group(0), seg.start(), joined, head.text, skip, table,
                                  self.settings.min_context):
                key = (mm.body_start, mm.body_end)
                if key not in found or mm.context > found[key].context:
                    found[key] = mm
        for mm in sorted(found.values(), key=lambda m: m.body_start):
            if mm.body_text in reported:
                continue
            reported.add(mm.body_text)
            part_no, start = owner[mm.body_start]
            part = body_parts[part_no]
            body_loc = part.location(article, start, start + len(mm.body_text))
            head_loc = head.location(article, mm.head_start, mm.head_end)
            if len(mm.body_text) > len(mm.head_text) and joined.count(_core(mm.body_text, mm.head_text)) >= 2:
                continue  # 将建 / 将配建 (several times): a headline a word shorter than the body is normal
            if _ends_inside_word(joined, mm.body_end, head.text, mm.head_end):
                continue  # “促销手|段” against the headline's 促销二手: the body says something else
            if joined.count(mm.body_text) >= 2:
                yield self.finding(
                    head_loc,
                    f"标题作“{mm.head_text}”，正文多处作“{mm.body_text}”，标题可能有误。",
                    f"The headline has '{mm.head_text}' but the body writes '{mm.body_text}' several times; "
                    "the headline may be wrong.",
                    related=[body_loc], suggestion=mm.body_text, identity=(mm.head_text, mm.body_text),
                )
            else:
                yield self.finding(
                    body_loc,
                    f"正文“{mm.body_text}”与标题“{mm.head_text}”相差一字，疑有错漏。",
                    f"The body's '{mm.body_text}' differs by one character from the headline's '{mm.head_text}'.",
                    related=[head_loc], suggestion=mm.head_text, identity=(mm.body_text, mm.head_text),
                )


def _ends_inside_word(joined: str, body_end: int, headline: str, head_end: int) -> bool:
    """Whether the body's matched text ends inside a word the headline does not continue
    (body 小幅促销手段, headline 小幅促销二手: the body's 手 belongs to 手段)."""
    nxt = joined[body_end : body_end + 1]
    if not nxt or not _CJK_RE.match(nxt) or headline[head_end : head_end + 1] == nxt:
        return False
    return _is_word(joined[body_end - 1 : body_end + 1]) and not _is_word(joined[body_end - 2 : body_end])


def _core(longer: str, shorter: str) -> str:
    """The character ``longer`` has in addition to ``shorter``, with one neighbour each side."""
    p = next((i for i, (a, b) in enumerate(zip(longer, shorter, strict=False)) if a != b), len(shorter))
    return longer[max(0, p - 1) : p + 2]


_LOCATIVES = "中上下里内外间"
_WORD_FREQ = 20  # jieba dictionary frequency from which a two-character string counts as a word


def _is_word(text: str) -> bool:
    from checker.text.segment import word_freq

    return word_freq(text) >= _WORD_FREQ


def _breaks_word(left: str, ch: str, right: str) -> bool:
    """Dropping ``ch`` between ``left`` and ``right`` leaves a broken word, not a shorter phrase."""
    return (_is_word(left + ch) or _is_word(ch + right)) and not _is_word(left + right)


def _extend(joined: str, j_left: int, j_right: int, left: str, right: str) -> tuple[int, int]:
    """Matching context lengths: backwards from joined[j_left] against ``left``, forwards from
    joined[j_right] against ``right``."""
    k = 0
    while k < len(left) and j_left - k >= 0 and joined[j_left - k] == left[-1 - k]:
        k += 1
    m = 0
    while m < len(right) and j_right + m < len(joined) and joined[j_right + m] == right[m]:
        m += 1
    return k, m


def _positions(joined: str, ch: str) -> Iterator[int]:
    j = joined.find(ch)
    while j >= 0:
        yield j
        j = joined.find(ch, j + 1)


def _mismatches(
    seg: str, offset: int, joined: str, headline: str, skip: set[str], table: ConfusionTable, min_context: int
) -> Iterator[_Mismatch]:
    def ok(ch: str) -> bool:
        return bool(_CJK_RE.match(ch)) and ch not in skip

    for i in range(1, len(seg)):
        # Body drops seg[i] / replaces seg[i] (i < len-1), or inserts a character before seg[i].
        for j in _positions(joined, seg[i - 1]):
            nxt = joined[j + 1 : j + 2]
            after = joined[j + 2 : j + 3]
            if i < len(seg) - 1 and nxt == seg[i + 1] and ok(seg[i]) and _breaks_word(seg[i - 1], seg[i], seg[i + 1]):
                # dropped from a word ("产业园" -> "产园"); dropping a whole word is abbreviation
                if nxt in _LOCATIVES and not _CJK_RE.match(after or "，"):
                    continue  # "违法行为中，" is 违法行为 + 中 (in), not 行为集中 missing 集
                k, m = _extend(joined, j, j + 1, seg[:i], seg[i + 1 :])
                head_start, head_end = i - k, i + 1 + m
                body = (j - k + 1, j + 1 + m)
            elif after == seg[i] and nxt and ok(nxt) and not _is_word(seg[i - 1] + nxt) and not _is_word(nxt + seg[i]):
                # a stray character inserted (one that makes a word with a neighbour is a fuller wording)
                k, m = _extend(joined, j, j + 2, seg[:i], seg[i:])
                head_start, head_end = i - k, i + m
                body = (j - k + 1, j + 2 + m)
            elif (
                i < len(seg) - 1 and after == seg[i + 1] and nxt and nxt != seg[i] and ok(nxt) and ok(seg[i])
                and table.similarity(nxt, seg[i]) is not None
            ):  # replaced by a similar character
                k, m = _extend(joined, j, j + 2, seg[:i], seg[i + 1 :])
                head_start, head_end = i - k, i + 1 + m
                body = (j - k + 1, j + 2 + m)
            else:
                continue
            if k < 1 or m < 1 or k + m < min_context:
                continue
            head_text = seg[head_start:head_end]
            body_text = joined[body[0] : body[1]]
            if "\x00" in body_text or head_text in joined or body_text in headline:
                continue
            yield _Mismatch(body[0], body[1], body_text, offset + head_start, offset + head_end, head_text, k + m)


# ---------------------------------------------------------------------------- TYP002


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


class TraditionalCharRule(Rule):
    """A traditional character in simplified text (經濟 for 经济).

    What it catches: Converts each sentence and the headline to simplified Chinese (OpenCC t2s,
    which takes word context into account) and reports each run of characters the conversion
    changes, with the simplified form as the suggestion. Characters that are also correct in
    simplified text in some words (乾, 於 as a surname ...) are in ``TYP002.allowed`` of
    ``rules/typos.yaml`` -- unless, simplified, the character makes a common two-character word with
    its neighbour that the written pair is not (由於 -> 由于, while 於梨华 and 乾隆 pass); a sentence written
    mostly in traditional characters (a deliberate quotation) is left alone.

    Why: Traditional characters usually slip in when copy is pasted from another source.

    Example: “带动了村集体經濟發展” → “经济发展”.
    """

    code = "TYP002"
    name = "traditional-char"
    category = "typo"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("error")
        allowed: str = setting("乾於藉捱", zh="简体中在某些词里也正确的字，不报告",
                               en="characters also valid in simplified text in some words: not reported")
        allowed_word_freq: int = setting(
            1000, zh="allowed 中的字转成简体后与相邻字组成词频不低于此值的常用词、原写法又不是常用词时仍报告",
            en="an allowed character is still reported where, simplified, it makes a word this common with its "
               "neighbour",
        )
        max_share: float = setting(0.5, zh="整句繁体字超过此比例（引文）时不报告",
                                   en="sentences with more traditional characters than this share (quotations) pass")

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        allowed = set(self.settings.allowed)
        word_min = self.settings.allowed_word_freq
        converter = _t2s()
        for t in article_texts(article):
            converted = converter.convert(t.text)
            if converted == t.text or len(converted) != len(t.text):
                continue
            flagged = [
                i for i, (a, b) in enumerate(zip(t.text, converted, strict=True))
                if a != b and (a not in allowed or _in_simplified_word(t.text, converted, i, word_min))
            ]
            cjk = len(_CJK_RE.findall(t.text))
            if not flagged or (len(flagged) >= 4 and len(flagged) > self.settings.max_share * cjk):
                continue
            for start, end in _word_spans(converted, _runs(flagged)):
                text, simple = t.text[start:end], converted[start:end]
                yield self.finding(
                    t.location(article, start, end),
                    f"简体文本中混入繁体字“{text}”，应为“{simple}”。",
                    f"Traditional character(s) '{text}' in simplified text; use '{simple}'.",
                    suggestion=simple, identity=(text,),
                )


def _in_simplified_word(text: str, converted: str, i: int, min_freq: int) -> bool:
    """Whether converting ``text[i]`` makes a common two-character word with a neighbour that the
    written pair is not: 由於 -> 由于 (the simplified word), not the surname 於 of 於梨华."""
    from checker.text.segment import word_freq

    for lo in (i - 1, i):
        if lo < 0 or lo + 2 > len(text):
            continue
        if word_freq(converted[lo : lo + 2]) >= min_freq and not word_freq(text[lo : lo + 2]) >= min_freq:
            return True
    return False


def _word_spans(simplified: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Widen each run to the two-character words it touches: 發 in 發展 -> 發展."""
    from checker.text.segment import get_tokenizer

    bounds: list[tuple[int, int]] = []
    pos = 0
    for word in get_tokenizer().cut(simplified, HMM=False):
        bounds.append((pos, pos + len(word)))
        pos += len(word)
    out: list[tuple[int, int]] = []
    for start, end in runs:
        s, e = start, end
        for ws, we in bounds:
            if ws < end and start < we and we - ws <= 2:
                s, e = min(s, ws), max(e, we)
        if out and out[-1][1] >= s:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _runs(indexes: Sequence[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i in indexes:
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


# ---------------------------------------------------------------------------- TYP003


class NumeralForDashRule(Rule):
    """The numeral 一 typeset where a dash belongs between two place names (平湖一金山).

    What it catches: Looks at every 一 between two place names -- names from the places table, the
    article's place facts, or names the archive knows with a place suffix (柳塘 for 柳塘镇) -- and
    suggests the connecting dash ("平湖—金山").

    Why: The two look almost the same on screen and are a classic typesetting slip in route and
    corridor names.

    Example: “溪口一桃源公路” → “溪口—桃源公路”.
    """

    code = "TYP003"
    name = "numeral-for-dash"
    category = "typo"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("error")
        suffixes: tuple[str, ...] = setting(
            ("街道", "社区", "县", "市", "区", "镇", "乡", "村"), zh="由“柳塘镇”推出简称“柳塘”时去掉的地名后缀",
            en="place suffixes dropped to get a short form (柳塘 from 柳塘镇)",
        )
        route_words: str = setting(
            "快速路|快速通道|公路|高速|铁路|城际|航线|大道|公交|专线|通道|干线|轻轨|连接线",
            zh="线路用词（正则）：“X一Y快速路”中的 Y 即使不是已知地名也查",
            en="route words (a regular expression): X一Y before one is checked even when Y is no known place",
        )

    settings: Settings

    def _known(self) -> set[str]:
        cache = self.table_cache
        if "known" not in cache:
            places = self.pack.table("places", {}) or {}
            cache["known"] = {str(p) for p in places.get("known") or ()}
        known: set[str] = cache["known"]
        return known

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        suffixes = [str(s) for s in self.settings.suffixes]
        local = set(self._known())
        for f in article.facts_of("place"):
            name = "".join(ch for ch in f.text if not ch.isspace())
            local.add(name)
            for suf in suffixes:
                if name.endswith(suf) and len(name) - len(suf) >= 2:
                    local.add(name[: -len(suf)])
        route = re.compile(self.settings.route_words)
        hits: list[tuple[CompactText, int, list[str], list[str]]] = []
        for t in article_texts(article):
            for m in re.finditer("一", t.text):
                k = m.start()
                xs = [t.text[k - n : k] for n in (4, 3, 2) if k - n >= 0]
                ys = [t.text[k + 1 : k + 1 + n] for n in (4, 3, 2) if k + 1 + n <= len(t.text)]
                xs = [x for x in xs if _CJK_RE.fullmatch(x[0]) and all(_CJK_RE.match(c) for c in x)]
                ys = [y for y in ys if all(_CJK_RE.match(c) for c in y)]
                if xs and ys and (
                    any(x in local for x in xs) or any(y in local for y in ys) or route.search(t.text, k + 3, k + 8)
                ):
                    hits.append((t, k, xs, ys))
        if not hits:
            return
        unknown = {w for _, _, xs, ys in hits for w in xs + ys if w not in local}
        lookup = sorted({w + s for w in unknown for s in suffixes} | unknown)
        counts = archive.name_counts(lookup, ("place",)) if lookup else {}
        archived = {w for w in unknown if w in counts or any(w + s in counts for s in suffixes)}
        places = local | archived
        for t, k, xs, ys in hits:
            x = next((x for x in xs if x in places), None)
            y = next((y for y in ys if y in places), None)
            if x is not None and y is None:
                # A corridor name ("青溪一临江快速路"): a place, 一, a short name, a route word.
                y = next((y for y in ys[::-1] if route.match(t.text, k + 1 + len(y))), None)
            elif x is None and y is not None and route.match(t.text, k + 1 + len(y)):
                x = next((x for x in xs[::-1] if x[0] not in _WEAK_X_START), None)
            if x is None or y is None:
                continue
            start, end = k - len(x), k + 1 + len(y)
            text = t.text[start:end]
            fixed = f"{x}—{y}"
            yield self.finding(
                t.location(article, start, end),
                f"“{text}”中两地名之间的“一”应为连接号，作“{fixed}”。",
                f"The '一' in '{text}' stands between two place names: use a dash ('{fixed}').",
                suggestion=fixed, identity=(text,),
            )


# ---------------------------------------------------------------------------- TYP004 / TYP005


@dataclass
class _Pattern:
    regex: re.Pattern[str]
    suggestion: str
    message_zh: str
    message_en: str


def _patterns(entries: Any) -> list[_Pattern]:
    out: list[_Pattern] = []
    for entry in entries or ():
        if not isinstance(entry, dict) or not entry.get("pattern"):
            continue
        out.append(_Pattern(
            re.compile(str(entry["pattern"])), str(entry.get("suggestion", "")),
            str(entry.get("message_zh", "")), str(entry.get("message_en", "")),
        ))
    return out


@lru_cache(maxsize=4)
def confusion_patterns(pack: RulePack) -> list[_Pattern]:
    """The entries of ``words`` in the pack's confusion table (TYP004), compiled once per pack."""
    return _patterns((pack.table("confusion", {}) or {}).get("words"))


class _PatternRule(Rule):
    """Shared machinery: regex entries from a table, matched on whitespace-free text."""

    table_name = "confusion"
    entries_key = "words"

    def _entries(self) -> list[_Pattern]:
        cache = self.table_cache
        if "patterns" not in cache:
            cache["patterns"] = _patterns((self.pack.table(self.table_name, {}) or {}).get(self.entries_key))
        entries: list[_Pattern] = cache["patterns"]
        return entries

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        entries = self._entries()
        if not entries:
            return
        for t in article_texts(article):
            taken: list[tuple[int, int]] = []
            for p in entries:
                for m in p.regex.finditer(t.text):
                    group = "w" if "w" in p.regex.groupindex else 0
                    start, end = m.span(group)
                    if start >= end or any(start < e and s < end for s, e in taken):
                        continue
                    taken.append((start, end))
                    text = t.text[start:end]
                    suggestion = m.expand(p.suggestion) if "\\" in p.suggestion else p.suggestion
                    yield self.finding(
                        t.location(article, start, end),
                        p.message_zh.format(text=text, suggestion=suggestion),
                        p.message_en.format(text=text, suggestion=suggestion),
                        suggestion=suggestion or None, identity=(text, suggestion),
                    )


class ConfusionWordRule(_PatternRule):
    """A word from a confusion set where its context calls for its partner (截止目前 → 截至目前).

    What it catches: Each entry of ``words`` in ``rules/confusion.yaml`` is a regular expression
    with the context that makes the usage wrong (截止 before a date or 目前, 必需 before a verb, 做为, 既使
    without a following 又/也, misspelt set phrases such as 再接再励), a suggestion and an editor-facing
    message. Entries are written to be near-silent on clean copy; editors extend the table with
    their own house list.

    Why: These pairs sound alike and both are words, so neither a spell checker nor a quick read
    catches them; style guides list them for that reason.

    Example: “截止目前” → “截至目前”, “做为全县示范村” → “作为”.
    """

    code = "TYP004"
    name = "confusion-word"
    category = "typo"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")

    settings: Settings
    table_name = "confusion"
    entries_key = "words"


class MissingMeasureRule(_PatternRule):
    """An ordinal followed directly by its noun with the measure word missing (第九常务会议).

    What it catches: Entries of ``missing_measure`` in ``rules/typos.yaml`` pair an ordinal pattern
    with the noun that needs a measure word in between (第N次会议, 第N次常务会议); the suggestion inserts it.

    Why: Such drops happen when a line is retyped from notes.

    Example: “县水利局召开第三十四党组会议” → “第三十四次党组会议”.
    """

    code = "TYP005"
    name = "missing-measure-word"
    category = "typo"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")

    settings: Settings
    table_name = "typos"
    entries_key = "missing_measure"
