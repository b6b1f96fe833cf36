"""Places of the gazetteer in a text: full names, short forms, and chains resolved to one division.

* **Full names** end in a division suffix (省 市 区 县 旗 州 盟 镇 乡 街道 村 社区 苏木 嘎查 ...): at
  each suffix the longest gazetteer name ending there is taken (陕西省, 黔东南苗族侗族自治州,
  平湖市, 广陈镇, 徐家埭村), at least three characters.  A township or village whose stem is an
  ordinary word (幸福村, 光明街道) counts only inside a chain.
* **Short forms** of the top three levels (陕西, 朝阳, 嘉定), as the gazetteer gives them, when
  jieba's dictionary does not know them as another kind of word (平安 is an adjective, 东方 a
  direction, 和平 a noun) and they do not cut a word of the text (洞庭湖南岸 holds no 湖南).
* **Chains** written together (平湖市广陈镇, 浙江省嘉兴市) narrow each other: the divisions kept
  for each part are those consistent with the part before it, so 平湖市广陈镇 is one township.
* **Near misses**: a name ending in the suffix of a province, prefecture or county that is no
  gazetteer name but one similar character away from exactly one (狭西省 -> 陕西省) is a hit
  with ``variant_of`` set; the name checks weigh it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from checker.text.gazetteer import COUNTY, PREFECTURE, SUFFIXES, TOWNSHIP, Gazetteer, gazetteer, suffix_of
from checker.text.segment import RULE_WORD_FREQ

_CJK = re.compile("[\u4e00-\u9fff]+")
_NOT_CJK_BEFORE = re.compile("[^\u4e00-\u9fff]")
_LONGEST = 12  # 黔东南苗族侗族自治州 has ten characters, a few Xinjiang prefectures more
_SHORTEST = 3
# Suffixes of the top three levels: where a near miss is looked for.
_UPPER_SUFFIXES = frozenset(s for s in SUFFIXES if s not in ("镇", "乡", "村", "街道", "社区", "苏木", "嘎查",
                                                                "居委会", "村委会"))
# jieba tags of a short form written bare that make it a place: place names, and person names
# (jieba tags 余杭, 安康 as persons); any other tag is an ordinary word (平安 a, 东方 s, 开发 v).
_SHORT_TAGS = ("ns", "nr")
# Suffixes a renamed prefecture or county had (平湖县, now 平湖市; 余杭县, now 余杭区).
_RENAMED_SUFFIXES = frozenset("县市区")
# A stem this common as a word (幸福, 光明, 新华) makes a township or village name generic.
_GENERIC_STEM_FREQ = 300
# A word this frequent holding a near miss's suffix shows a word, not a name (城市).
_CUT_WORD_FREQ = 50
# Characters each side of a short form segmented to see whether it stands as a word.
_AROUND = 4


@dataclass
class PlaceHit:
    """A place found in a text (positions in that text)."""

    start: int
    end: int
    name: str
    ids: tuple[int, ...]  # the divisions it may be
    short: bool = False  # written as a short form (陕西 for 陕西省)
    variant_of: str | None = None  # a near miss: the gazetteer name it is one character off
    parent: PlaceHit | None = field(default=None, repr=False)  # the place written just before it


@dataclass
class _Finder:
    gazetteer: Gazetteer
    suffix_re: re.Pattern[str]
    short_re: re.Pattern[str]
    cue_re: re.Pattern[str]  # either of the two above
    shorts: dict[str, tuple[int, ...]]
    near: dict[str, tuple[str, ...]]  # one-wildcard key -> full names of the top three levels


def _alternation(words: list[str]) -> str:
    # The trie alternation of the entity extractor, imported late (it imports this module).
    from checker.extract.entities import _alternation as trie

    return trie(words) or r"(?!)"


@lru_cache(maxsize=1)
def _finder() -> _Finder:
    from checker.text.segment import word_freq

    g = gazetteer()
    shorts: dict[str, tuple[int, ...]] = {}
    for short, ids in g.shorts().items():
        if len(short) < 2 or not _CJK.fullmatch(short) or short[-1] in "区县市镇乡村":
            continue
        tag = g.short_tag(short)
        if tag is None:
            if len(short) < 3 or word_freq(short) > 0:
                continue
        elif not tag.startswith(_SHORT_TAGS):
            continue
        shorts[short] = ids
    near: dict[str, list[str]] = {}
    for level in range(COUNTY + 1):
        for i in g.level_range(level):
            name = g.name(i)
            if _SHORTEST <= len(name) <= 8:
                for k in range(len(name) - len(suffix_of(name))):
                    near.setdefault(f"{name[:k]}?{name[k + 1 :]}", []).append(name)
    return _Finder(
        gazetteer=g,
        suffix_re=re.compile(_alternation(list(SUFFIXES))),
        short_re=re.compile(_alternation(sorted(shorts))),
        cue_re=re.compile(_alternation([*SUFFIXES, *shorts])),
        shorts=shorts,
        near={k: tuple(sorted(set(v))) for k, v in near.items()},
    )


def has_place_cue(text: str) -> bool:
    """Whether ``text`` holds a division suffix or a short form (else :func:`find_places` finds nothing)."""
    return _finder().cue_re.search(text) is not None


def short_forms() -> dict[str, tuple[int, ...]]:
    """The short forms recognised bare, with the divisions each names."""
    return _finder().shorts


def _cuts_word(text: str, start: int, end: int) -> bool:
    """Whether jieba's segmentation of the neighbourhood puts no word boundary at ``start`` or
    ``end`` (洞庭湖|南岸 around 湖南; 浙江|湖州 has both)."""
    from checker.text.segment import words

    lo, hi = max(0, start - _AROUND), min(len(text), end + _AROUND)
    at, bounds = lo, {lo}
    for word in words(text[lo:hi]):
        at += len(word)
        bounds.add(at)
    return start not in bounds or end not in bounds


def _ends_in_word(name: str) -> bool:
    """Whether ``name`` ends in a dictionary word holding its suffix (于|城市, 大|都市): then it is
    a word after a character, not a place name one character off."""
    from checker.text.segment import word_freq

    return any(word_freq(name[-k:]) >= _CUT_WORD_FREQ for k in range(2, len(name)))


def _similar(a: str, b: str) -> bool:
    from checker.text.similar_chars import similar_table

    return similar_table().evidence(a, b) != 0


def near_name(name: str) -> str | None:
    """The one gazetteer name of the top three levels ``name`` is one similar character off
    (the suffix kept), if exactly one: 狭西省 -> 陕西省."""
    f = _finder()
    suffix = suffix_of(name)
    found = {
        other for k in range(len(name) - len(suffix))
        for other in f.near.get(f"{name[:k]}?{name[k + 1 :]}", ())
        if other != name and _similar(name[k], other[k])
    }
    return next(iter(found)) if len(found) == 1 else None


def find_places(text: str, not_followed: Mapping[str, str] | None = None) -> list[PlaceHit]:
    """The gazetteer's places in ``text``, in order, chains resolved.

    ``not_followed``: per suffix, characters after which it is part of an ordinary word (市场).
    """
    from checker.text.segment import word_freq

    f = _finder()
    g = f.gazetteer
    not_followed = not_followed or {}
    hits: list[PlaceHit] = []
    last_end = 0
    for m in f.suffix_re.finditer(text):
        b = m.end()
        suffix = m.group(0)
        if text[b : b + 1] and text[b : b + 1] in not_followed.get(suffix, ""):
            continue
        lo = max(last_end, b - _LONGEST)
        run = _NOT_CJK_BEFORE.search(text, lo, b)
        while run is not None:  # start after the last character that is no CJK
            lo = run.end()
            run = _NOT_CJK_BEFORE.search(text, lo, b)
        found: PlaceHit | None = None
        for s in range(lo, b - _SHORTEST + 1):
            ids = g.ids(text[s:b])
            if ids:
                found = PlaceHit(s, b, text[s:b], ids)
                break
        if found is None and suffix in _UPPER_SUFFIXES:
            for s in range(max(lo, b - 6), b - _SHORTEST + 1):
                cand = text[s:b]
                known = near_name(cand)
                if known is not None and word_freq(cand[: -len(suffix)]) == 0 and not _ends_in_word(cand):
                    found = PlaceHit(s, b, cand, (), variant_of=known)
                    break
        if found is not None:
            hits.append(found)
            last_end = found.end
    for m in f.short_re.finditer(text):
        s, e = m.span()
        if any(h.start < e and s < h.end for h in hits):
            continue
        ids = f.shorts[m.group(0)]
        after, beyond = text[e : e + 1], text[e + 1 : e + 2]
        renamed = (
            after in _RENAMED_SUFFIXES and not any(h.start == e for h in hits)
            and any(g.level(i) in (PREFECTURE, COUNTY) for i in ids) and text[s : e + 1] not in g
            and not (beyond and beyond in not_followed.get(after, ""))
        )
        if after and renamed:
            e += 1  # 平湖县 for 平湖市: the short form with a suffix the division no longer has
        elif _cuts_word(text, s, e):
            continue
        hits.append(PlaceHit(s, e, text[s:e], ids, short=True))
    hits.sort(key=lambda h: h.start)
    for h in hits:
        h.ids = _collapsed(h.ids, g)
    _resolve_chains(hits, g)
    kept = []
    for h in hits:
        level = g.level(h.ids[0]) if h.ids else COUNTY
        stem = h.name[: -len(suffix_of(h.name))] if suffix_of(h.name) else h.name
        if level >= TOWNSHIP and h.parent is None and _GENERIC_STEM_FREQ <= word_freq(stem) < RULE_WORD_FREQ:
            continue  # 幸福村, 光明街道: a generic name, a place only inside a chain
        kept.append(h)
    return kept


def _collapsed(ids: tuple[int, ...], g: Gazetteer) -> tuple[int, ...]:
    """``ids`` without a division under one of the same name (北京市 the city under 北京市 the
    municipality, 澳门 under 澳门特别行政区): one place, listed at two levels."""
    if len(ids) < 2:
        return ids
    kept = set(ids)
    return tuple(i for i in ids if not ((p := g.parent(i)) is not None and p in kept
                                        and g.name(i) in (g.name(p), g.division(p).short)))


def _resolve_chains(hits: list[PlaceHit], g: Gazetteer) -> None:
    """Link each hit to the one written just before it and keep, for both, the divisions
    consistent with each other (平湖市广陈镇: the 广陈镇 under 平湖市)."""
    by_end = {h.end: h for h in hits}
    for h in hits:
        parent = by_end.get(h.start)
        if parent is None:
            continue
        h.parent = parent
        if not h.ids or not parent.ids:
            continue
        parents = set(parent.ids)
        mine = tuple(i for i in h.ids if any(a in parents for a in g.ancestors(i)))
        if mine:
            h.ids = mine
            ancestors = {a for i in mine for a in g.ancestors(i)}
            parent.ids = tuple(i for i in parent.ids if i in ancestors) or parent.ids
