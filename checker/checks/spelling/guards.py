"""What the spelling checks leave alone: names, quoted titles, numbers, foreign words, and
spellings an article uses on purpose.

* the article's named facts (people, places, organisations, quoted names, titles) and its
  numbers and dates, as extraction found them;
* text inside 《》 and short quotations “…” (titles, slogans, nicknames);
* characters that jieba's dictionary mostly uses in personal names (婧, 彦 ...), and the
  characters just after a common surname that segmentation leaves as single characters (an
  unknown name: 刘振明) -- the surnames and name characters come from the dictionary's
  ``nr`` (personal name) entries, not from a list;
* a spelling the same article repeats: a typo is seldom made twice the same way, a brand or a
  name is written the same way each time;
* coinages in parallel (组织联建、发展联促、治理联抓; 聚民力、汇民智): a short word whose kept
  character recurs in the sentence is one of a series of slogan abbreviations, not a slip.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from checker.checks.spelling.lexicon import lexicon

# Fact kinds whose text is never "corrected".
PROTECTED_KINDS = frozenset({"person", "place", "org", "name", "title", "number", "date"})
_QUOTED = re.compile(r"《[^《》]{1,40}》|“[^“”]{1,12}”|「[^「」]{1,12}」")
_FOREIGN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-·_/]*")
# Surnames: the first characters of the dictionary's three-character personal names, this many
# of the most frequent.
SURNAME_COUNT = 120
# A character whose dictionary uses are at least this share (by frequency) personal names.
NAME_CHAR_SHARE = 0.2


@lru_cache(maxsize=1)
def _name_tables() -> tuple[dict[str, float], frozenset[str]]:
    lex = lexicon()
    in_names: Counter[str] = Counter()
    overall: Counter[str] = Counter()
    firsts: Counter[str] = Counter()
    for word, tag in lex.tags.items():
        count = lex.freq.get(word, 0)
        for ch in set(word):
            overall[ch] += count
            if tag == "nr":
                in_names[ch] += count
        if tag == "nr" and len(word) == 3:
            firsts[word[0]] += 1
    share = {ch: in_names[ch] / total for ch, total in overall.items() if total}
    return share, frozenset(ch for ch, _ in firsts.most_common(SURNAME_COUNT))


def name_share(ch: str) -> float:
    """Which share of the dictionary's uses of ``ch`` are personal names (1.0 for an unknown character)."""
    return _name_tables()[0].get(ch, 1.0)


def surnames() -> frozenset[str]:
    return _name_tables()[1]


def protected_mask(text: str, spans: Iterable[tuple[int, int]] = ()) -> list[bool]:
    """True for each character of ``text`` no spelling check may touch: ``spans`` (facts),
    quoted titles and short quotations, Latin letters and digits and the characters next to them."""
    mask = [False] * len(text)
    for start, end in spans:
        for j in range(max(0, start), min(len(text), end)):
            mask[j] = True
    for m in _QUOTED.finditer(text):
        for j in range(m.start(), m.end()):
            mask[j] = True
    for m in _FOREIGN.finditer(text):
        for j in range(max(0, m.start() - 1), min(len(text), m.end() + 1)):
            mask[j] = True
    return mask


def single_positions(tokens: Iterable[str]) -> set[int]:
    """Positions of the one-character tokens of a segmentation."""
    out: set[int] = set()
    pos = 0
    for token in tokens:
        if len(token) == 1:
            out.add(pos)
        pos += len(token)
    return out


def looks_like_name(text: str, i: int, singles: set[int]) -> bool:
    """Whether character ``i`` is probably part of a personal name segmentation did not know."""
    if name_share(text[i]) >= NAME_CHAR_SHARE:
        return True
    family = surnames()
    if i not in singles:
        return False
    for back in (1, 2):
        j = i - back
        if j >= 0 and text[j] in family and all(p in singles for p in range(j, i)):
            return True
    return text[i] in family and i + 1 in singles


# The kept characters of a short finding recurring this often in the sentence make a series.
PARALLEL_REPEATS = 3


def parallel_coinage(text: str, start: int, end: int, index: int) -> bool:
    """Whether the characters kept around ``index`` in ``text[start:end]`` (a two- or three-character
    word) each occur at least :data:`PARALLEL_REPEATS` times in ``text``: a series of coinages
    built on them (联建、联促、联享)."""
    kept = [text[j] for j in range(start, end) if j != index]
    return bool(kept) and end - start <= 3 and any(text.count(ch) >= PARALLEL_REPEATS for ch in kept)
