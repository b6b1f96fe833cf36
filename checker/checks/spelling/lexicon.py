"""The spelling checker's kept knowledge: jieba's dictionary as word frequencies with a wildcard
index, and jionlp's idiom dictionary.

Both are read from the installed packages' data files (jionlp is never imported: its import
costs seconds), turned into compact tables once and cached with marshal beside jieba's
dictionary cache (:func:`checker.text.segment.cache_dir`); a process without a cache folder
builds them in memory (about a second).

The wildcard index maps a word with one character masked (``朋?`` of 朋友, ``?接再厉`` of
再接再厉) to the characters that fill the gap in some word: where a text holds ``朋唷``, the
characters that make ``朋?`` a word (友, 辈 ...) are looked up once, not tried one by one.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import marshal
import math
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

from checker.text.normalise import is_cjk

_FORMAT = 1
# Dictionary words (2-4 characters) this frequent at least go into the wildcard index: rarer
# entries of jieba's dictionary are mostly segmentation aids, not words an editor would suggest.
INDEX_MIN_FREQ = 5
MAX_WORD = 4
WILDCARD = "?"

T = TypeVar("T")


@dataclass(frozen=True)
class Lexicon:
    """Word frequencies (jieba's dictionary, words of 1-4 characters) and their wildcard index."""

    freq: dict[str, int]
    tags: dict[str, str]
    index: dict[str, str]
    total: int
    # jionlp's word distribution (counts of words in a large web and news corpus): modern
    # words and names jieba's dictionary lacks (微博, 防抖, 周迅).
    web: dict[str, int]
    web_total: int

    @property
    def log_total(self) -> float:
        return math.log(self.total)

    def probability(self, word: str) -> float:
        """The word's probability as one token: the mean of the two sources' estimates."""
        return 0.5 * (self.freq.get(word, 0) / self.total + self.web.get(word, 0) / self.web_total)

    def fills(self, key: str) -> str:
        """The characters that make ``key`` (one ``?``) a dictionary word."""
        return self.index.get(key, "")


def _jieba_dictionary() -> bytes:
    import jieba

    f = jieba.dt.get_dict_file()
    try:
        data: bytes = f.read()
    finally:
        f.close()
    return data


def _jieba_version() -> str:
    import jieba

    return str(jieba.__version__)


def _read_web_counts() -> tuple[dict[str, int], int]:
    """jionlp's ``word_distribution.json`` (a JSON ``[word, count]`` a line): CJK words of 1-4
    characters and the total count of all its entries."""
    path = _jionlp_file("word_distribution.zip")
    if path is None:
        return {}, 1
    out: dict[str, int] = {}
    total = 0
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            for line in archive.read(member).decode("utf-8").splitlines():
                line = line.strip()
                if not line:
                    continue
                try:
                    word, count = json.loads(line)
                    count = int(count)
                except (ValueError, TypeError):
                    continue
                total += count
                if isinstance(word, str) and 1 <= len(word) <= MAX_WORD and all(is_cjk(c) for c in word):
                    out[word] = count
    return out, max(total, 1)


def _build_lexicon() -> tuple[dict[str, int], dict[str, str], dict[str, str], int, dict[str, int], int]:
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    for line in _jieba_dictionary().decode("utf-8").splitlines():
        fields = line.split(" ")
        if len(fields) < 2:
            continue
        word = fields[0]
        try:
            count = int(fields[1])
        except ValueError:
            continue
        total += count
        if len(word) > MAX_WORD or not all(is_cjk(c) for c in word):
            continue
        freq[word] = count  # the last line of a word wins, as in jieba
        if len(fields) >= 3:
            tags[word] = fields[2]
    index: dict[str, list[str]] = {}
    for word, count in freq.items():
        if len(word) < 2 or count < INDEX_MIN_FREQ:
            continue
        for k in range(len(word)):
            index.setdefault(word[:k] + WILDCARD + word[k + 1 :], []).append(word[k])
    web, web_total = _read_web_counts()
    return freq, tags, {k: "".join(v) for k, v in index.items()}, total, web, web_total


def _cached(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()`` (a marshal-able value), read from the cache folder when it was built before."""
    from checker.text.segment import cache_dir, write_atomically

    folder = cache_dir()
    path = folder / f"{name}-{_FORMAT}.marshal" if folder else None
    if path is not None:
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            stored_key, stored = marshal.loads(path.read_bytes())
            if stored_key == key:
                return cast(T, stored)
    value = build()
    if path is not None:
        built: Any = value
        with contextlib.suppress(OSError):  # a read-only folder: built again next time
            write_atomically(path, lambda tmp: Path(tmp).write_bytes(marshal.dumps((key, built))))
    return value


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """jieba's dictionary as a :class:`Lexicon` (cached beside jieba's own cache)."""
    key = f"jieba={_jieba_version()};jionlp={_jionlp_version()}"
    freq, tags, index, total, web, web_total = _cached("spelling-lexicon", key, _build_lexicon)
    return Lexicon(freq, tags, index, total, web, web_total)


def _jionlp_file(name: str) -> Path | None:
    """A data file of the installed jionlp package, found without importing it."""
    spec = importlib.util.find_spec("jionlp")
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        return None
    path = Path(locations[0]) / "dictionary" / name
    return path if path.is_file() else None


def _read_idioms() -> dict[str, int]:
    path = _jionlp_file("chinese_idiom.zip")
    if path is None:
        return {}
    out: dict[str, int] = {}
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            for line in archive.read(member).decode("utf-8").splitlines():
                word, _, count = line.partition("\t")
                word = word.strip()
                if len(word) == 4 and all(is_cjk(c) for c in word):
                    try:
                        out[word] = int(count or 1)
                    except ValueError:
                        out[word] = 1
    return out


def _jionlp_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jionlp")
    except PackageNotFoundError:
        return "-"


@dataclass(frozen=True)
class Idioms:
    """Four-character idioms (jionlp's dictionary, with its usage counts) and their wildcard index."""

    counts: dict[str, int]
    index: dict[str, str]

    def fills(self, key: str) -> str:
        return self.index.get(key, "")


def _build_idioms() -> tuple[dict[str, int], dict[str, str]]:
    counts = _read_idioms()
    index: dict[str, list[str]] = {}
    for word in counts:
        for k in range(4):
            index.setdefault(word[:k] + WILDCARD + word[k + 1 :], []).append(word[k])
    return counts, {k: "".join(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def idioms() -> Idioms:
    """jionlp's four-character idioms (empty when jionlp is not installed)."""
    counts, index = _cached("spelling-idioms", f"jionlp={_jionlp_version()}", _build_idioms)
    return Idioms(counts, index)
