"""Which characters might be miswritten, and what they might stand for.

A character is a candidate when replacing it with one of its look-alikes or sound-alikes
(:func:`checker.text.similar_chars.similar_table`) makes a dictionary word with its
neighbours: the wildcard index of the lexicon gives, for each window of two to four
characters around it, the characters that complete a word there, and the look-alike table
keeps those that are alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.checks.spelling.lexicon import WILDCARD, Lexicon
from checker.text.normalise import is_cjk
from checker.text.similar_chars import HOMOPHONE, NEAR_SOUND, SHAPE_BITS, SimilarCharTable

# The evidence a replacement needs, as the look-alike table's bits.
CANDIDATE_BITS = HOMOPHONE | NEAR_SOUND | SHAPE_BITS


@dataclass(frozen=True)
class Replacement:
    """Character ``char`` in place of the one at ``index``; ``word`` is the best word it makes."""

    index: int
    char: str
    word: str
    start: int  # where ``word`` begins in the text
    evidence: int

    @property
    def by_sound(self) -> bool:
        return bool(self.evidence & HOMOPHONE)


def known_word_at(lex: Lexicon, text: str, i: int, web_min: int, dictionary_min: int) -> bool:
    """Whether character ``i`` is part of a word of two to four characters that is common as written."""
    n = len(text)
    for length in (2, 3, 4):
        for start in range(max(0, i - length + 1), min(i, n - length) + 1):
            word = text[start : start + length]
            if lex.web.get(word, 0) >= web_min or lex.freq.get(word, 0) >= dictionary_min:
                return True
    return False


def replacements(
    lex: Lexicon, table: SimilarCharTable, text: str, i: int, bits: int = CANDIDATE_BITS
) -> list[Replacement]:
    """Alike characters that make a dictionary word with the neighbours of ``text[i]``, each once
    with the most frequent word it makes."""
    ch = text[i]
    partners = table.partners(ch, bits)
    if not partners:
        return []
    n = len(text)
    best: dict[str, tuple[int, str, int]] = {}
    for length in (2, 3, 4):
        for start in range(max(0, i - length + 1), min(i, n - length) + 1):
            window = text[start : start + length]
            if not all(is_cjk(c) for c in window):
                continue
            offset = i - start
            key = window[:offset] + WILDCARD + window[offset + 1 :]
            for fill in lex.fills(key):
                if fill == ch or fill not in partners:
                    continue
                word = key.replace(WILDCARD, fill)
                count = lex.freq.get(word, 0)
                if fill not in best or count > best[fill][0]:
                    best[fill] = (count, word, start)
    return [Replacement(i, fill, word, start, partners[fill]) for fill, (_, word, start) in best.items()]
