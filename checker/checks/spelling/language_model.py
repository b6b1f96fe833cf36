"""How likely a stretch of text is: the best segmentation into dictionary words (jieba's
unigram model over its dictionary), corrected by character pairs the archive has seen.

The score of a short window around a character is compared with the score of the same
window with the character replaced: a replacement that turns scattered single characters
(朋|唷) into a frequent word (朋友) gains a lot; one that breaks a word loses.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from checker.checks.spelling.lexicon import MAX_WORD, Lexicon

# A character jieba's dictionary does not hold at all counts as this many occurrences.
_UNKNOWN_CHAR = 0.5


@dataclass
class WindowModel:
    """Scores windows of text with a :class:`Lexicon` (and optional archive bigram counts).

    ``bigrams`` maps a two-character string to how often the archive holds it (the article
    being checked excluded); ``bigram_weight`` is how much a log-count of it adds to a
    window's score where the dictionary has no word for the pair.
    """

    lexicon: Lexicon
    bigrams: Mapping[str, int] = field(default_factory=dict)
    bigram_weight: float = 0.0
    _logp: dict[str, float] = field(default_factory=dict)

    def logp(self, word: str) -> float | None:
        """Log-probability of ``word`` as one token, None when it is not a dictionary word
        (a single character always has one)."""
        cached = self._logp.get(word)
        if cached is not None:
            return cached
        p = self.lexicon.probability(word)
        if p <= 0:
            if len(word) > 1:
                return None
            p = _UNKNOWN_CHAR / self.lexicon.total
        value = math.log(p)
        self._logp[word] = value
        return value

    def score(self, text: str) -> float:
        """Log-probability of the best segmentation of ``text`` into dictionary words, plus the
        archive's evidence for the pairs of characters that segmentation splits."""
        n = len(text)
        best = [0.0] + [-math.inf] * n
        for j in range(1, n + 1):
            top = -math.inf
            for k in range(1, min(MAX_WORD, j) + 1):
                lp = self.logp(text[j - k : j])
                if lp is not None and best[j - k] + lp > top:
                    top = best[j - k] + lp
            best[j] = top
        total = best[n]
        if self.bigram_weight and self.bigrams:
            for j in range(n - 1):
                count = self.bigrams.get(text[j : j + 2], 0)
                if count:
                    total += self.bigram_weight * math.log1p(count)
        return total
