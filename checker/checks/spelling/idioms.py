"""Misspelt idioms: four characters one look-alike or sound-alike away from a 成语.

Every window of four characters that is not itself an idiom or a common word is looked up
in the idioms' wildcard index with each of its characters masked; an idiom that fills the
gap with a character alike to the written one (试目以待 for 拭目以待, 再接再励 for
再接再厉) is the suggestion.  Idioms are fixed: a changed character is an error, not a
variant, so this needs no language model -- only that the idiom is a common one and the
written form is not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checker.checks.spelling.lexicon import WILDCARD, Idioms, Lexicon
from checker.text.normalise import is_cjk
from checker.text.similar_chars import ALL_BITS, SimilarCharTable


@dataclass(frozen=True)
class IdiomFinding:
    start: int  # the four characters text[start:start + 4]
    written: str
    idiom: str
    index: int  # which of the four differs


def misspelt_idioms(
    text: str, protected: Sequence[bool], idioms: Idioms, lex: Lexicon, table: SimilarCharTable,
    *, min_idiom_count: int, min_web_count: int, max_written_share: float,
) -> list[IdiomFinding]:
    """Windows of ``text`` that are a common idiom with one character replaced by an alike one.

    ``min_idiom_count``: the idiom's usage count in jionlp's dictionary at least, and
    ``min_web_count`` its count in jionlp's word counts (a set phrase written as one word in
    running text, not only listed); the written form's count in the web word list may be at most
    ``max_written_share`` of the idiom's.
    """
    out: list[IdiomFinding] = []
    taken = -1
    for start in range(len(text) - 3):
        if start < taken:
            continue
        written = text[start : start + 4]
        if not all(is_cjk(c) for c in written) or any(protected[start : start + 4]):
            continue
        if written in idioms.counts or lex.freq.get(written, 0) > 0:
            continue
        found: IdiomFinding | None = None
        best = 0
        for k in range(4):
            key = written[:k] + WILDCARD + written[k + 1 :]
            for fill in idioms.fills(key):
                if fill == written[k] or not table.evidence(written[k], fill) & ALL_BITS:
                    continue
                idiom = key.replace(WILDCARD, fill)
                count = idioms.counts.get(idiom, 0)
                if count < min_idiom_count or count <= best or lex.web.get(idiom, 0) < min_web_count:
                    continue
                reference = max(lex.web.get(idiom, 0), count)
                if lex.web.get(written, 0) > max_written_share * reference:
                    continue
                best = count
                found = IdiomFinding(start, written, idiom, k)
        if found is not None:
            out.append(found)
            taken = start + 4
    return out
