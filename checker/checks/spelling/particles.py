"""的 written for 得 before a complement of degree (跑的很快 → 跑得很快).

The structural particles 的, 地 and 得 sound alike and are mixed up all the time; which one a
place needs follows from the words around it.  Only the pattern that is unambiguous from
segmentation and the dictionary's part-of-speech tags is reported: a verb, then 的, then a
degree adverb and an adjective that end the clause (说的非常清楚。 写的很好，).  There the
adjective is a complement of the verb, which takes 得; with a noun after it (做的很多工作)
or anything else the sentence is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checker.checks.spelling.lexicon import Lexicon
from checker.text.segment import words

# What may follow the adjective for the clause to end there.
_CLAUSE_END = frozenset("。，、；：！？,;:!?）)”’")
_TRAILING = frozenset({"了", "啊", "呀", "呢", "吧"})


@dataclass(frozen=True)
class ParticleFinding:
    index: int  # the particle's position
    written: str
    suggestion: str
    context: str  # verb + particle + adverb + adjective
    start: int  # where ``context`` begins

    @property
    def corrected(self) -> str:
        k = self.index - self.start
        return self.context[:k] + self.suggestion + self.context[k + 1 :]


def _tag(lex: Lexicon, word: str) -> str:
    return lex.tags.get(word, "")


def _complement(tokens: list[str], k: int, lex: Lexicon, degree: Sequence[str]) -> int:
    """How many tokens from ``k`` make a degree adverb + adjective (很|好, 非常|清楚, 很快), or 0."""
    first = tokens[k] if k < len(tokens) else ""
    for adverb in degree:
        if first == adverb:
            nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
            return 2 if _tag(lex, nxt).startswith("a") else 0
        if first.startswith(adverb) and _tag(lex, first[len(adverb) :]).startswith("a"):
            return 1  # 很快 as one token
    return 0


def misused_particles(
    text: str, protected: Sequence[bool], lex: Lexicon, degree: Sequence[str],
) -> list[ParticleFinding]:
    """Places of ``text`` where 的 stands between a verb and its complement of degree
    (``degree``: the degree adverbs, longest first)."""
    if "的" not in text:
        return []
    tokens = list(words(text))
    starts: list[int] = []
    pos = 0
    for token in tokens:
        starts.append(pos)
        pos += len(token)
    out: list[ParticleFinding] = []
    for k in range(1, len(tokens) - 1):
        if tokens[k] != "的" or protected[starts[k]] or not _tag(lex, tokens[k - 1]).startswith("v"):
            continue
        length = _complement(tokens, k + 1, lex, degree)
        if not length:
            continue
        end = k + 1 + length
        after = tokens[end] if end < len(tokens) else ""
        if after in _TRAILING:
            after = tokens[end + 1] if end + 1 < len(tokens) else ""
        if after and after[0] not in _CLAUSE_END:
            continue
        out.append(ParticleFinding(starts[k], "的", "得", "".join(tokens[k - 1 : end]), starts[k - 1]))
    return out
