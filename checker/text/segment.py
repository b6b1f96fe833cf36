"""Word segmentation with jieba, keeping the rule pack's names whole.

:func:`get_tokenizer` builds one ``jieba.Tokenizer`` per set of extra words and
caches it: the default dictionary is loaded once per process, then the place,
organisation and title names of the rule pack (and ``rules/userdict.txt`` when
present) are added with a high frequency so jieba never splits them.

jieba's whole prefix dictionary (~500,000 words and prefixes) takes 0.3-1.3 s to load
from its cache, the largest single cost of a ``checker check`` process, while one
article looks up only a few hundred of them. Next to a database the dictionary is
therefore read on demand from an SQLite copy (:class:`PrefixDictionary`, built once,
~9 MB); a bulk ingest, which looks up most of it, loads it whole
(:func:`load_whole_dictionary`). Segmentation is the same either way: jieba's own
algorithm, only the storage of its dictionary differs.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import marshal
import os
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from functools import lru_cache
from pathlib import Path

from checker.rulepack import RulePack, default_pack, titles

# jieba imports pkg_resources (0.14 s a process, a third of jieba's import) only to open its
# own data files, and opens them from its folder when that import fails: let it fail, unless
# something in this process imported pkg_resources already.
_block_pkg_resources = "pkg_resources" not in sys.modules
if _block_pkg_resources:
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
try:
    import jieba
finally:
    if _block_pkg_resources:
        del sys.modules["pkg_resources"]

# jieba logs "Building prefix dict ..." at INFO/DEBUG on every initialisation.
jieba.setLogLevel(logging.WARNING)
logging.getLogger("jieba").setLevel(logging.WARNING)

RULE_WORD_FREQ = _FREQ = 200_000  # high enough that a user word always beats its parts (a known name)

# jieba caches its prefix dictionary in the system temp directory. checker keeps it where the
# database's files are (next to an SQLite file; for a server database, a cache folder: see
# checker.service.dictionary_cache_dir), set by :func:`set_cache_dir` when a database is
# opened; with no folder the dictionary is built in memory and written nowhere.
_cache_dir: list[str] = []
_in_memory: list[tuple[dict[str, int], int]] = []

# Bump when the layout of the SQLite copy changes; jieba's version covers its dictionary.
_PREFIX_FORMAT = 1
_PREFIX_FILE = f"jieba-{jieba.__version__}-prefix-{_PREFIX_FORMAT}.sqlite"
_JIEBA_CACHE = "jieba.cache"  # jieba's own name and format (marshal of (FREQ, total))
_ABSENT = -1  # memo of a word the dictionary does not hold (real frequencies are >= 0)


class PrefixDictionary(MutableMapping[str, int]):
    """jieba's ``FREQ`` (word or word prefix -> frequency, 0 for a bare prefix) read from an
    SQLite copy one word at a time and remembered; words added by ``add_word`` live here only.

    jieba uses ``FREQ`` through ``in``, ``[]``, ``get`` and assignment, all of which work on
    this mapping. Each process (a forked worker too) opens its own read-only connection.
    """

    def __init__(self, path: Path, known: dict[str, int] | None = None) -> None:
        self.path = path
        self._known: dict[str, int] = dict(known or {})
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection

    def _stored(self, word: str) -> int:
        with self._lock:
            row = self._connect().execute("SELECT freq FROM prefix WHERE word = ?", (word,)).fetchone()
        return _ABSENT if row is None else int(row[0])

    def _freq(self, word: str) -> int:
        freq = self._known.get(word)
        if freq is None:
            freq = self._known[word] = self._stored(word)
        return freq

    def __getitem__(self, word: str) -> int:
        freq = self._freq(word)
        if freq == _ABSENT:
            raise KeyError(word)
        return freq

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._freq(word) != _ABSENT

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        freq = self._freq(word)
        return default if freq == _ABSENT else freq

    def __setitem__(self, word: str, freq: int) -> None:
        self._known[word] = freq

    def __delitem__(self, word: str) -> None:
        if word not in self:
            raise KeyError(word)
        self._known[word] = _ABSENT

    def _added(self) -> dict[str, int]:
        return {w: f for w, f in self._known.items() if f != _ABSENT}

    def __iter__(self) -> Iterator[str]:
        added = self._added()
        yield from added
        with self._lock:
            stored = [w for (w,) in self._connect().execute("SELECT word FROM prefix")]
        yield from (w for w in stored if w not in self._known)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def copy(self) -> PrefixDictionary:
        """An independent mapping over the same file, knowing what this one has learnt."""
        return PrefixDictionary(self.path, self._known)


def _whole_dictionary(directory: str | None) -> tuple[dict[str, int], int]:
    """jieba's default prefix dictionary and its total, from jieba's own cache file in
    ``directory`` (written there when missing), or built in memory when there is no folder.

    The cache is read whole, then unmarshalled: 0.26 s, where jieba's ``marshal.load`` on the
    open file takes 1.1 s on the same machine.
    """
    if not directory:
        if not _in_memory:
            _in_memory.append(jieba.Tokenizer.gen_pfdict(jieba.dt.get_dict_file()))
        freq, total = _in_memory[0]
        return dict(freq), total  # a copy: a tokenizer's add_word changes its own
    path = Path(directory) / _JIEBA_CACHE
    try:
        freq, total = marshal.loads(path.read_bytes())
        if isinstance(freq, dict) and isinstance(total, int):
            return freq, total
    except (OSError, ValueError, EOFError, TypeError):
        pass  # missing or damaged: build it again
    freq, total = jieba.Tokenizer.gen_pfdict(jieba.dt.get_dict_file())
    with contextlib.suppress(OSError):  # a read-only folder: built again next time
        write_atomically(path, lambda tmp: Path(tmp).write_bytes(marshal.dumps((freq, total))))
    return freq, total


def write_atomically(path: Path, fill: Callable[[str], object]) -> None:
    """Let ``fill`` write the file at a temporary name beside ``path``, then move it into place:
    a reader never sees half a file, two writers never mix theirs."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    os.close(fd)
    try:
        fill(tmp)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would lock other newsroom users out
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _fill_prefix_file(directory: str, tmp: str) -> None:
    freq, total = _whole_dictionary(directory)
    with sqlite3.connect(tmp) as conn:
        conn.execute("CREATE TABLE prefix (word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID")
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)")
        conn.executemany("INSERT INTO prefix VALUES (?, ?)", sorted(freq.items()))
        conn.execute("INSERT INTO meta VALUES ('total', ?)", (total,))
    conn.close()


def _prefix_dictionary(directory: str) -> tuple[PrefixDictionary, int]:
    """The on-demand dictionary over the SQLite copy in ``directory`` (built once)."""
    path = Path(directory) / _PREFIX_FILE
    if not path.is_file():
        write_atomically(path, functools.partial(_fill_prefix_file, directory))
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        total = int(conn.execute("SELECT value FROM meta WHERE key = 'total'").fetchone()[0])
    conn.close()
    return PrefixDictionary(path), total


def _initialize(tok: jieba.Tokenizer, dictionary: str | None = None) -> None:
    """jieba's ``initialize``: on demand next to a database, else the whole dictionary in memory."""
    with tok.lock:
        if tok.initialized:
            return
        directory = _cache_dir[0] if _cache_dir else None
        if directory:
            try:
                tok.FREQ, tok.total = _prefix_dictionary(directory)
                tok.initialized = True
                return
            except (OSError, sqlite3.Error):
                pass  # a read-only or full folder: the whole dictionary still works
        tok.FREQ, tok.total = _whole_dictionary(directory)
        tok.initialized = True


def set_cache_dir(directory: Path | None) -> None:
    """Keep jieba's dictionary files in ``directory``; None: keep none."""
    _cache_dir[:] = [str(directory)] if directory else []


def cache_dir() -> Path | None:
    """The folder chosen with :func:`set_cache_dir` (other built tables go there too), or None."""
    return Path(_cache_dir[0]) if _cache_dir else None


def load_whole_dictionary() -> None:
    """Hold jieba's whole dictionary in memory from now on: for a bulk ingest, where looking
    words up one at a time would cost more than the load (and before forking workers)."""
    tok = jieba.dt
    with tok.lock:
        if tok.initialized and not isinstance(tok.FREQ, PrefixDictionary):
            return
        tok.FREQ, tok.total = _whole_dictionary(_cache_dir[0] if _cache_dir else None)
        tok.initialized = True
    clear_cache()


# jieba writes its cache to the system temp directory; checker keeps it in the folder chosen
# with set_cache_dir, so the default tokenizer initialises through _initialize.
jieba.dt.initialize = functools.partial(_initialize, jieba.dt)


def rule_words(pack: RulePack) -> tuple[str, ...]:
    """Names from ``pack`` that segmentation must keep whole: its known places and
    organisations, its titles, and the words of a ``userdict.txt`` in any of its folders."""
    words: list[str] = [*pack.entries("places", "known"), *pack.entries("orgs", "known")]
    words += [w for w in titles(pack) if len(w) >= 2]
    for folder in pack.sources:
        userdict = folder / "userdict.txt"
        if userdict.is_file():
            for line in userdict.read_text(encoding="utf-8").splitlines():
                word = line.split("#", 1)[0].strip().split(" ")[0]
                if word:
                    words.append(word)
    return tuple(words)


@lru_cache(maxsize=8)
def _tokenizer(rules: tuple[str, ...], extra: frozenset[str]) -> jieba.Tokenizer:
    # Start from a copy of the default tokenizer's dictionary: extractors also call jieba's
    # default one, and loading the dictionary twice costs ~0.6 s a process; a copy, ~15 ms.
    jieba.dt.check_initialized()
    tok = jieba.Tokenizer()
    with tok.lock:
        tok.FREQ, tok.total, tok.initialized = jieba.dt.FREQ.copy(), jieba.dt.total, True
    for word in (*rules, *sorted(extra)):
        word = word.strip()
        if len(word) >= 2:
            tok.add_word(word, freq=_FREQ)
    return tok


_last: list[jieba.Tokenizer] = []
# The tokenizer of each pack met (id -> (pack, tokenizer)): the pack is held so its id stays its own.
_by_pack: dict[int, tuple[RulePack, jieba.Tokenizer]] = {}


def _use(tok: jieba.Tokenizer) -> jieba.Tokenizer:
    if not _last or _last[0] is not tok:
        if _last:
            words.cache_clear()  # segmented with another dictionary
        _last[:] = [tok]
    return tok


def tokenizer_for(pack: RulePack) -> jieba.Tokenizer:
    """The tokenizer knowing ``pack``'s names, made the one :func:`word_freq` and
    :func:`words` consult until another is asked for (extraction and the checks call this
    with the pack of the run before they look words up)."""
    held = _by_pack.get(id(pack))
    if held is None or held[0] is not pack:
        if len(_by_pack) >= 8:
            _by_pack.clear()
        held = _by_pack[id(pack)] = (pack, _tokenizer(rule_words(pack), frozenset()))
    return _use(held[1])


def get_tokenizer(extra_words: Iterable[str] = (), pack: RulePack | None = None) -> jieba.Tokenizer:
    """A cached jieba tokenizer knowing the names of ``pack`` plus ``extra_words``; without
    either, the tokenizer in use (the bundled pack's when none is)."""
    extra = frozenset(w for w in extra_words if w)
    if not extra:
        return tokenizer_for(pack) if pack is not None else (_last[0] if _last else tokenizer_for(default_pack()))
    return _use(_tokenizer(rule_words(pack or default_pack()), extra))


def word_freq(word: str) -> int:
    """Dictionary frequency of ``word`` in the tokenizer in use (see :func:`tokenizer_for`)."""
    tok = _last[0] if _last else get_tokenizer()
    return int(tok.FREQ.get(word, 0))


def cut(text: str, extra_words: Iterable[str] = ()) -> list[str]:
    """Words of ``text`` (precise mode, HMM off)."""
    return get_tokenizer(extra_words).lcut(text, HMM=False)


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """:func:`cut` with the rule pack's words only, cached: several checks segment the same sentences."""
    return tuple(cut(text))


def crosses_word(text: str, start: int, end: int) -> bool:
    """Whether a dictionary word of ``text`` crosses ``start`` or ``end`` (the span is then part
    of ordinary words, not a name standing on its own: 强调 in "李强调了")."""
    lo, hi = max(0, start - 4), min(len(text), end + 4)
    at = lo
    for word in words(text[lo:hi]):
        w_start, at = at, at + len(word)
        if len(word) >= 2 and (w_start < start < at or w_start < end < at):
            return True
    return False


def clear_cache() -> None:
    """Forget built tokenizers (after the rule pack changed)."""
    _tokenizer.cache_clear()
    words.cache_clear()
    _last.clear()
    _by_pack.clear()
