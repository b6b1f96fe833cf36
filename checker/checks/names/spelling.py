"""String helpers shared by the name detectors: bare names, one-character differences,
spellings in the text one character off a name."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from checker.checks.typos import CompactText
from checker.text.cjk import is_han
from checker.text.segment import RULE_WORD_FREQ, word_freq
from checker.text.similar_chars import ConfusionTable

PLACE_SUFFIX_CHARS = frozenset("省市县区镇乡村")

# checker.text.segment adds the rule pack's and archive's names to the dictionary with this
# frequency: such an entry is a known name, not an ordinary word.
PACK_WORD_FREQ = RULE_WORD_FREQ
QUOTES = "“”‘’「」『』《》\"'"


@lru_cache(maxsize=65536)  # archive names recur in every check
def bare(text: str) -> str:
    """A fact's text without quotes and whitespace (what an editor reads as the name)."""
    return "".join(ch for ch in text if not ch.isspace()).strip(QUOTES)


def count_kinds(kind: str) -> tuple[str, ...]:
    """The fact kinds a name of ``kind`` is counted over (places, orgs and names count together)."""
    return ("person",) if kind == "person" else ("place", "org", "name")


def one_diff(a: str, b: str) -> int | None:
    """Index of the single differing character of two equal-length strings, else None."""
    if len(a) != len(b):
        return None
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return diffs[0] if len(diffs) == 1 else None


def suffix_slip(variant: str, name: str, index: int, table: ConfusionTable) -> bool:
    """A place's suffix (村, 镇 ...) written as its listed confusion partner (上河村 -> 上河树)."""
    if len(name) < 3 or index != len(name) - 1 or name[-1] not in PLACE_SUFFIX_CHARS:
        return False
    sim = table.similarity(variant[index], name[index])
    return sim is not None and sim.kind == "confusion"


def word_swap(a: str, b: str, index: int, min_freq: int) -> bool:
    """Whether the character at ``index`` lies in a two-character dictionary word in both ``a``
    and ``b`` (公立大学/私立大学): one word put for another, not a slip of the pen."""
    for lo in (index - 1, index):
        if lo >= 0 and lo + 2 <= len(a) and min(word_freq(a[lo : lo + 2]), word_freq(b[lo : lo + 2])) >= min_freq:
            return True
    return False


def diffs(a: str, b: str) -> list[int]:
    """Indexes where two equal-length strings differ (every index when the lengths differ)."""
    if len(a) != len(b):
        return list(range(max(len(a), len(b))))
    return [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]


def confusable_neighbour(mine: str, other: str, table: ConfusionTable) -> bool:
    """Whether ``other`` differs from ``mine`` in exactly one easily confused character."""
    index = one_diff(mine, other) if other != mine else None
    return index is not None and table.similarity(mine[index], other[index]) is not None


def find_all(text: str, part: str) -> list[int]:
    out, at = [], text.find(part)
    while at >= 0:
        out.append(at)
        at = text.find(part, at + 1)
    return out


def text_variants(name: str, texts: Sequence[CompactText]) -> dict[str, tuple[CompactText, int, int]]:
    """Spellings in the article's text differing from ``name`` in one CJK character:
    spelling -> (first text, start, number of occurrences).

    A window differing in one position matches ``name`` exactly in one of its halves, so
    candidates come from ``str.find`` of the two halves (no regex to compile per name).
    """
    out: dict[str, tuple[CompactText, int, int]] = {}
    n = len(name)
    if n == 0:
        return out
    h = n // 2
    for t in texts:
        s = t.text
        if n == 1:
            starts: Sequence[int] = range(len(s))
        else:
            cand = set(find_all(s, name[:h])) if h else set()
            cand.update(p - h for p in find_all(s, name[h:]))
            starts = sorted(c for c in cand if 0 <= c <= len(s) - n)
        for at in starts:
            window = s[at : at + n]
            if window == name:
                continue
            diff = [i for i in range(n) if window[i] != name[i]]
            if len(diff) != 1 or not is_han(window[diff[0]]):
                continue
            first = out.get(window)
            out[window] = (t, at, 1) if first is None else (first[0], first[1], first[2] + 1)
    return out


def text_count(name: str, texts: Sequence[CompactText]) -> int:
    return sum(t.text.count(name) for t in texts)


def gazetteer_outranks(mine: str, usual: str) -> bool:
    """Whether the gazetteer forbids suggesting ``usual`` for ``mine``: ``mine`` is a division of
    China and ``usual`` none (the archive's majority spelling loses to it), or ``usual`` holds a
    non-standard variant character (厰 for 厂)."""
    from checker.text.gazetteer import gazetteer
    from checker.text.variant_chars import nonstandard

    if nonstandard(usual):
        return True
    g = gazetteer()
    return mine in g and usual not in g
