"""Pairs of adjacent Chinese characters in analysed text: the archive's own character statistics.

Ingest adds each document's pairs to the ``char_bigrams`` table (and takes them away when the
document is replaced); the spelling check asks how often the archive writes a pair.  Spaces
are ignored (a line break inside a word still joins it); any other character between two
Chinese characters breaks the pair.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from checker.text.normalise import is_cjk


def char_bigrams(texts: Iterable[str | None]) -> Counter[str]:
    """How often each pair of adjacent Chinese characters occurs in ``texts``."""
    counts: Counter[str] = Counter()
    for text in texts:
        if not text:
            continue
        compact = "".join(text.split())
        counts.update(compact[i : i + 2] for i in range(len(compact) - 1)
                      if is_cjk(compact[i]) and is_cjk(compact[i + 1]))
    return counts
