"""Word segmentation with jieba, keeping the rule pack's names whole.

:func:`get_tokenizer` builds one ``jieba.Tokenizer`` per set of extra words and
caches it: the default dictionary is loaded once per process, then the place,
organisation and title names of the rule pack (and ``rules/userdict.txt`` when
present) are added with a high frequency so jieba never splits them.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import jieba

from checker.resources import rules_dir
from checker.rulepack import default_pack, strings

# jieba logs "Building prefix dict ..." at INFO/DEBUG on every initialisation.
jieba.setLogLevel(logging.WARNING)
logging.getLogger("jieba").setLevel(logging.WARNING)

_FREQ = 200_000  # high enough that a user word always beats its parts

# jieba caches its prefix dictionary in the system temp directory. checker writes nothing
# outside the database's folder: the cache goes there (:func:`set_cache_dir`, called when a
# database is opened) or, with no such folder, is built in memory and written nowhere.
_cache_dir: list[str] = []
_in_memory: list[tuple[dict[str, int], int]] = []


def _initialize_in_memory(tok: jieba.Tokenizer, dictionary: str | None = None) -> None:
    with tok.lock:
        if not tok.initialized:
            if not _in_memory:
                _in_memory.append(tok.gen_pfdict(tok.get_dict_file()))
            freq, total = _in_memory[0]
            tok.FREQ, tok.total, tok.initialized = dict(freq), total, True


def _place_cache(tok: jieba.Tokenizer) -> None:
    if _cache_dir:
        tok.tmp_dir = _cache_dir[0]
        tok.__dict__.pop("initialize", None)
    else:
        tok.initialize = functools.partial(_initialize_in_memory, tok)


def set_cache_dir(directory: Path | None) -> None:
    """Keep jieba's dictionary cache in ``directory`` (next to the database); None: keep none."""
    _cache_dir[:] = [str(directory)] if directory else []
    _place_cache(jieba.dt)


_place_cache(jieba.dt)


def rule_words() -> list[str]:
    """Names from the rule pack that segmentation must keep whole."""
    pack = default_pack()
    words: list[str] = []
    places = pack.table("places", {}) or {}
    orgs = pack.table("orgs", {}) or {}
    titles = pack.table("titles", {}) or {}
    words += strings(places.get("known"))
    words += strings(orgs.get("known"))
    words += [w for w in strings(titles.get("titles")) if len(w) >= 2]
    userdict = rules_dir() / "userdict.txt"
    if userdict.is_file():
        for line in userdict.read_text(encoding="utf-8").splitlines():
            word = line.split("#", 1)[0].strip().split(" ")[0]
            if word:
                words.append(word)
    return words


@lru_cache(maxsize=8)
def _tokenizer(extra: frozenset[str]) -> jieba.Tokenizer:
    # Start from a copy of the default tokenizer's dictionary: extractors also call jieba's
    # default one, and loading the dictionary twice costs ~0.6 s a process; a copy, ~15 ms.
    jieba.dt.check_initialized()
    tok = jieba.Tokenizer()
    with tok.lock:
        tok.FREQ, tok.total, tok.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
    for word in (*rule_words(), *sorted(extra)):
        word = word.strip()
        if len(word) >= 2:
            tok.add_word(word, freq=_FREQ)
    return tok


_last: list[jieba.Tokenizer] = []


def get_tokenizer(extra_words: Iterable[str] = ()) -> jieba.Tokenizer:
    """A cached jieba tokenizer knowing the rule pack's names plus ``extra_words``."""
    tok = _tokenizer(frozenset(w for w in extra_words if w))
    if not _last or _last[0] is not tok:
        _last[:] = [tok]
    return tok


def word_freq(word: str) -> int:
    """Dictionary frequency of ``word`` in the tokenizer built last (built on first use)."""
    tok = _last[0] if _last else get_tokenizer()
    return int(tok.FREQ.get(word, 0))


def cut(text: str, extra_words: Iterable[str] = ()) -> list[str]:
    """Words of ``text`` (precise mode, HMM off)."""
    return get_tokenizer(extra_words).lcut(text, HMM=False)


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """:func:`cut` with the rule pack's words only, cached: several checks segment the same sentences."""
    return tuple(cut(text))


def clear_cache() -> None:
    """Forget built tokenizers (after the rule pack changed)."""
    _tokenizer.cache_clear()
    words.cache_clear()
    _last.clear()
