"""The words jieba's dictionary tags as person names (``nr``, ``nrfg``, ``nrt``), as
``jieba.posseg`` would tag them.

The person extractor asks two things of a candidate name ("surname + one or two
characters"): is it a word the dictionary knows as a *name* (马英九, 王金战), or a word the
dictionary knows as something *else* (高速, 王国, 申请人 is tagged a name but 申请 is a common
word)?  ``jieba.posseg`` answers from its own copy of the dictionary, which costs ~0.7 s a
process to load; only the person-tagged words are needed here, so they are read from the
dictionary file once (~0.4 s) and kept as a small marshal file beside jieba's cache
(:func:`checker.text.segment.cache_dir`), ~30 ms to load.
"""

from __future__ import annotations

import contextlib
import marshal
import re
from functools import lru_cache
from pathlib import Path

_FORMAT = 1
_PERSON_LINE = re.compile(r"^(\S{2,4}) \d+ nr(?:fg|t)?\r?$", re.MULTILINE)


def _read_dictionary() -> list[str]:
    import jieba

    f = jieba.dt.get_dict_file()
    try:
        data = f.read()
    finally:
        f.close()
    return sorted({m.group(1) for m in _PERSON_LINE.finditer(data.decode("utf-8"))})


def _cache_path() -> Path | None:
    import jieba

    from checker.text.segment import cache_dir

    folder = cache_dir()
    return folder / f"jieba-{jieba.__version__}-person-words-{_FORMAT}.marshal" if folder else None


@lru_cache(maxsize=1)
def person_words() -> frozenset[str]:
    """Words of two to four characters jieba's dictionary tags ``nr``, ``nrfg`` or ``nrt``."""
    from checker.text.segment import write_atomically

    path = _cache_path()
    if path is not None:
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            words = marshal.loads(path.read_bytes())
            if isinstance(words, list):
                return frozenset(words)
    found = _read_dictionary()
    if path is not None:
        with contextlib.suppress(OSError):  # a read-only folder: read again next time
            write_atomically(path, lambda tmp: Path(tmp).write_bytes(marshal.dumps(found)))
    return frozenset(found)


def is_person_word(word: str) -> bool:
    """Whether jieba's dictionary tags ``word`` as a person's name."""
    return word in person_words()


def other_word(word: str, min_freq: int = 1) -> bool:
    """Whether ``word`` is a dictionary word at least ``min_freq`` frequent that jieba does not
    tag as a person's name (高速, 王国: a surname character starting an ordinary word)."""
    from checker.text.segment import word_freq

    return word_freq(word) >= min_freq and word not in person_words()
