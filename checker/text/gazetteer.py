"""Every administrative division of China: province, prefecture, county, township, village.

Source: jionlp's ``dictionary/china_location.zip`` (Apache 2.0; about 704,000 divisions:
34 provinces, 350 prefectures, 3,192 counties with their codes and short names, 43,000
townships and 658,000 villages and communities), read from the installed wheel without
importing jionlp (whose import is slow and prints).  cpca, the other kept gazetteer, stops
at county level (about 3,200 entries) and is not used.

The file is parsed once (about a second) into a compact table -- all names in one string,
parents, levels and a hash index as packed integer arrays -- and kept as a marshal file
beside jieba's dictionary cache (:func:`checker.text.segment.cache_dir`), keyed by the format
and the source file; opening it takes a few hundredths of a second and under 40 MB.  A
read-only folder or no folder: the table is built in memory each process.

Levels: 0 province (省, 自治区, 直辖市), 1 prefecture (市, 州, 盟, 地区), 2 county (区, 县, 市,
旗), 3 township (镇, 乡, 街道, 苏木), 4 village (村, 社区, 嘎查).  Townships and villages have
no codes in the source.
"""

from __future__ import annotations

import contextlib
import importlib.util
import marshal
import zipfile
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

_FORMAT = 1
_LEVELS = 5
PROVINCE, PREFECTURE, COUNTY, TOWNSHIP, VILLAGE = range(_LEVELS)
LEVEL_ZH = ("省级", "地级", "县级", "乡级", "村级")
LEVEL_EN = ("province", "prefecture", "county", "township", "village")

# Suffixes of division names, longest first: what a name ends in tells its kind.
SUFFIXES: tuple[str, ...] = (
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
    "林区", "特区", "新区", "地区", "街道", "社区", "苏木", "嘎查", "居委会", "村委会",
    "省", "市", "州", "盟", "区", "县", "旗", "镇", "乡", "村",
)


def _hash(name: str) -> int:
    return zlib.crc32(name.encode("utf-8"))


_BY_LAST: dict[str, tuple[str, ...]] = {}
for _suffix in SUFFIXES:
    _BY_LAST.setdefault(_suffix[-1], ())
    _BY_LAST[_suffix[-1]] += (_suffix,)


def suffix_of(name: str) -> str:
    """The division suffix ``name`` ends in ("" if none): 平湖市 -> 市, 广陈镇 -> 镇."""
    for suffix in _BY_LAST.get(name[-1:], ()):
        if name.endswith(suffix) and len(name) > len(suffix):
            return suffix
    return ""


@dataclass(frozen=True)
class Division:
    """One entry of the gazetteer."""

    id: int
    name: str
    level: int
    parent: int | None
    code: str | None  # the statistical code (provinces, prefectures, counties)
    short: str | None  # the short name the source gives (陕西 for 陕西省)


class Gazetteer:
    """The divisions, by id (ordered by level, then as the source lists them)."""

    def __init__(self, data: dict[str, object]) -> None:
        self._text: str = data["text"].decode("utf-16-le")  # type: ignore[attr-defined]
        self._starts = array("I")
        self._starts.frombytes(data["starts"])  # type: ignore[arg-type]
        self._parents = array("i")
        self._parents.frombytes(data["parents"])  # type: ignore[arg-type]
        self._hashes = array("I")
        self._hashes.frombytes(data["hashes"])  # type: ignore[arg-type]
        self._order = array("I")
        self._order.frombytes(data["order"])  # type: ignore[arg-type]
        self._offsets: list[int] = list(data["offsets"])  # type: ignore[call-overload]
        self._codes: dict[int, str] = data["codes"]  # type: ignore[assignment]
        self._shorts: dict[int, str] = data["shorts"]  # type: ignore[assignment]
        self._short_tags: dict[str, str] = data.get("short_tags") or {}  # type: ignore[assignment]

    def __len__(self) -> int:
        return len(self._starts) - 1

    def name(self, i: int) -> str:
        return self._text[self._starts[i] : self._starts[i + 1] - 1]

    def level(self, i: int) -> int:
        return bisect_left(self._offsets, i + 1) - 1

    def parent(self, i: int) -> int | None:
        p = self._parents[i]
        return p if p >= 0 else None

    def division(self, i: int) -> Division:
        return Division(i, self.name(i), self.level(i), self.parent(i), self._codes.get(i), self._shorts.get(i))

    def level_range(self, level: int) -> range:
        return range(self._offsets[level], self._offsets[level + 1])

    def ids(self, name: str) -> tuple[int, ...]:
        """Every division called ``name`` in full (平湖市; 新村 has hundreds)."""
        h = _hash(name)
        at = bisect_left(self._hashes, h)
        out = []
        while at < len(self._hashes) and self._hashes[at] == h:
            i = self._order[at]
            if self.name(i) == name:
                out.append(i)
            at += 1
        return tuple(out)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(self.ids(name))

    @cached_property
    def _short_index(self) -> dict[str, tuple[int, ...]]:
        index: dict[str, list[int]] = {}
        for i, short in self._shorts.items():
            index.setdefault(short, []).append(i)
        return {k: tuple(v) for k, v in index.items()}

    def short_ids(self, short: str) -> tuple[int, ...]:
        """Divisions of the top three levels whose short name is ``short`` (朝阳: 朝阳区, 朝阳市 ...)."""
        return self._short_index.get(short, ())

    def short_tag(self, short: str) -> str | None:
        """jieba's part of speech for a short name (``ns`` for 陕西; None: not in its dictionary)."""
        return self._short_tags.get(short)

    def shorts(self) -> dict[str, tuple[int, ...]]:
        """Every short name of the top three levels, with the divisions it names."""
        return self._short_index

    def ancestors(self, i: int) -> Iterator[int]:
        """The parents of ``i``, nearest first."""
        p = self._parents[i]
        while p >= 0:
            yield p
            p = self._parents[p]

    def is_under(self, i: int, ancestor: int) -> bool:
        return any(a == ancestor for a in self.ancestors(i))

    def chain(self, i: int) -> str:
        """The full path of ``i``, top first: 浙江省嘉兴市平湖市广陈镇 (a municipality once: 北京市朝阳区)."""
        names: list[str] = []
        for a in [*reversed(list(self.ancestors(i))), i]:
            name = self.name(a)
            if not names or names[-1] != name:
                names.append(name)
        return "".join(names)

    def children(self, i: int) -> range:
        """The divisions directly under ``i``: a run of ids, since the source lists every
        division's children together and ids keep its order within a level."""
        level = self.level(i)
        if level + 1 >= _LEVELS:
            return range(0)
        lo, hi = self._offsets[level + 1], self._offsets[level + 2]
        return range(bisect_left(self._parents, i, lo, hi), bisect_left(self._parents, i + 1, lo, hi))

    def descendants(self, i: int, level: int) -> Iterator[int]:
        """The divisions of ``level`` under ``i`` (a county's villages)."""
        runs = [range(i, i + 1)]
        for _ in range(self.level(i), level):
            runs = [self.children(j) for run in runs for j in run]
        for run in runs:
            yield from run


def source_file() -> Path | None:
    """jionlp's zipped gazetteer inside the installed wheel, found without importing jionlp."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "dictionary" / "china_location.zip"
    return path if path.is_file() else None


def _source_key(path: Path | None) -> str:
    """What the cache was built from: the format, the source file's and jieba's dictionary's path,
    size and time (a new wheel is another file; looking up versions would cost more than the load)."""
    parts = [str(_FORMAT)]
    for file in (path, _jieba_dictionary()):
        try:
            stat = file.stat() if file is not None else None
        except OSError:
            stat = None
        parts.append(f"{file};{stat.st_size};{stat.st_mtime_ns}" if stat is not None else "-")
    return ";".join(parts)


def build(path: Path | None) -> dict[str, object]:
    """Parse the source (tab-indented: one tab per level; the top three levels carry a code and
    a short name) into the packed table :class:`Gazetteer` opens."""
    text = ""
    if path is not None:
        with contextlib.suppress(OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError), \
                zipfile.ZipFile(path) as archive:
            text = archive.read("china_location.txt").decode("utf-8")
    # Per level: names, the parent's index within the level above, codes and short names.
    names: list[list[str]] = [[] for _ in range(_LEVELS)]
    parents: list[array[int]] = [array("i") for _ in range(_LEVELS)]
    codes: list[dict[int, str]] = [{} for _ in range(_LEVELS)]
    shorts: list[dict[int, str]] = [{} for _ in range(_LEVELS)]
    for line in text.splitlines():
        level = len(line) - len(line.lstrip("\t"))
        parts = line[level:].split("\t")
        if level >= _LEVELS or not parts[0] or (level and not names[level - 1]):
            continue
        at = len(names[level])
        names[level].append(parts[0])
        parents[level].append(len(names[level - 1]) - 1 if level else -1)
        if len(parts) >= 3:
            if parts[1]:
                codes[level][at] = parts[1]
            if parts[2]:
                shorts[level][at] = parts[2]
    del text
    offsets = [0]
    for level_names in names:
        offsets.append(offsets[-1] + len(level_names))
    every = [n for level_names in names for n in level_names]
    starts = array("I", [0])
    for n in every:
        starts.append(starts[-1] + len(n) + 1)
    parent_ids = array("i")
    for level in range(_LEVELS):
        base = offsets[level - 1] if level else 0
        parent_ids.extend(p + base if p >= 0 else -1 for p in parents[level])
    short_names = {s for level_shorts in shorts for s in level_shorts.values()}
    hashes = array("I", map(_hash, every))
    order = array("I", sorted(range(len(every)), key=hashes.__getitem__))
    return {
        "text": ("\n".join(every) + ("\n" if every else "")).encode("utf-16-le"),
        "starts": starts.tobytes(),
        "parents": parent_ids.tobytes(),
        "hashes": array("I", (hashes[i] for i in order)).tobytes(),
        "order": order.tobytes(),
        "offsets": offsets,
        "codes": {offsets[lv] + i: c for lv in range(_LEVELS) for i, c in codes[lv].items()},
        "shorts": {offsets[lv] + i: s for lv in range(_LEVELS) for i, s in shorts[lv].items()},
        "short_tags": _jieba_tags(short_names),
    }


def _jieba_dictionary() -> Path | None:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


def _jieba_tags(words: set[str]) -> dict[str, str]:
    """The part-of-speech tags jieba's dictionary gives ``words`` (``ns``: a place name; 平安 is
    an adjective, 东方 a direction): read from its file, without loading jieba."""
    path = _jieba_dictionary()
    out: dict[str, str] = {}
    if path is None or not words:
        return out
    with contextlib.suppress(OSError, UnicodeDecodeError), path.open(encoding="utf-8") as f:
        for line in f:
            word, _, rest = line.partition(" ")
            if word in words:
                out[word] = rest.rsplit(" ", 1)[-1].strip()
    return out


def _read(path: Path, key: str) -> dict[str, object] | None:
    try:
        stored_key, data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return data if stored_key == key and isinstance(data, dict) else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer: read from the cache beside jieba's dictionary (built and written there on
    first use), built in memory when there is no such folder or it cannot be written."""
    from checker.text.segment import cache_dir, write_atomically

    source = source_file()
    key = _source_key(source)
    folder = cache_dir()
    path = folder / f"gazetteer-{_FORMAT}.marshal" if folder else None
    data = _read(path, key) if path is not None else None
    if data is None:
        data = build(source)
        if path is not None:
            built = data
            with contextlib.suppress(OSError):  # a read-only folder: built again next time
                write_atomically(path, lambda tmp: Path(tmp).write_bytes(marshal.dumps((key, built))))
    return Gazetteer(data)
