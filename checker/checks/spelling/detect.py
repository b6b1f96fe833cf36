"""Miswritten characters in one sentence: candidates scored by the window language model.

:func:`misspelt_chars` is the whole detection for one text, given which characters are
protected; the rule (:mod:`checker.checks.spelling.rules`) supplies the article's facts and
the archive's statistics, the SIGHAN evaluation calls it on bare sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checker.checks.spelling.candidates import Replacement, known_word_at, replacements
from checker.checks.spelling.guards import looks_like_name, single_positions
from checker.checks.spelling.language_model import WindowModel
from checker.checks.spelling.lexicon import Lexicon
from checker.text.normalise import is_cjk
from checker.text.segment import words
from checker.text.similar_chars import similar_table


@dataclass(frozen=True)
class Thresholds:
    """How sure the model must be (gains of the window's log-probability, natural log); the
    values come from TYP006's settings (:class:`checker.checks.spelling.rules.MisspeltCharRule`)."""

    sound_margin: float
    shape_margin: float
    # The written form is taken as intended where it makes a word this common.
    known_web_count: int
    known_dictionary_freq: int
    # A smaller gain is enough where the word the replacement makes is this common in the web
    # word counts and that many times as common as the written string.
    common_margin: float
    common_count: int
    common_ratio: float
    window: int = 4


@dataclass(frozen=True)
class CharFinding:
    """Character ``index`` of the text probably stands for ``suggestion`` (making ``word``)."""

    index: int
    original: str
    suggestion: str
    word: str
    margin: float
    by_sound: bool
    context: str  # the written window the suggestion replaces, for repetition checks
    start: int  # where ``context`` begins
    need: float  # the gain the thresholds ask of this replacement (``margin`` may fall short of it by the slack)

    @property
    def end(self) -> int:
        return self.start + len(self.context)


def misspelt_chars(
    text: str, protected: Sequence[bool], model: WindowModel, thresholds: Thresholds, slack: float = 0.0,
) -> list[CharFinding]:
    """The characters of ``text`` that a look-alike or sound-alike would turn from a rare
    string into a frequent word by at least the margins of ``thresholds`` (less ``slack``:
    candidates for the caller to confirm with other evidence, see :attr:`CharFinding.need`)."""
    lex = model.lexicon
    table = similar_table()
    singles: set[int] | None = None
    out: list[CharFinding] = []
    n = len(text)
    span = thresholds.window
    for i, ch in enumerate(text):
        if protected[i] or not is_cjk(ch) or ch not in table:
            continue
        if known_word_at(lex, text, i, thresholds.known_web_count, thresholds.known_dictionary_freq):
            continue
        found = replacements(lex, table, text, i)
        if not found:
            continue
        if singles is None:
            singles = single_positions(words(text))
        if looks_like_name(text, i, singles):
            continue
        lo, hi = max(0, i - span), min(n, i + span + 1)
        written = model.score(text[lo:hi])
        best: tuple[float, float, int] | None = None
        for k, r in enumerate(found):
            gain = model.score(text[lo:i] + r.char + text[i + 1 : hi]) - written
            need = thresholds.sound_margin if r.by_sound else thresholds.shape_margin
            if (r.by_sound and need > gain >= thresholds.common_margin - slack
                    and _common_instead(lex, text, r, thresholds)):
                need = thresholds.common_margin
            if gain >= need - slack and (best is None or gain - need > best[0] - best[1]):
                best = (gain, need, k)
        if best is None:
            continue
        gain, need, k = best
        r = found[k]
        context = text[r.start : r.start + len(r.word)]
        out.append(CharFinding(i, ch, r.char, r.word, gain, r.by_sound, context, r.start, need))
    return _strongest_apart(out)


def _strongest_apart(found: list[CharFinding]) -> list[CharFinding]:
    """One finding per stretch of text: of findings whose words overlap (渡汛 read as 度汛 or as
    渡江), a same-sound one first (typing by pinyin makes most slips), then the larger gain."""
    kept: list[CharFinding] = []
    for f in sorted(found, key=lambda f: (not f.by_sound, -f.margin)):
        if all(f.end <= k.start or k.end <= f.start for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.index)


def _common_instead(lex: Lexicon, text: str, r: Replacement, thresholds: Thresholds) -> bool:
    """Whether the word ``r`` makes is very common and the written string is not (以经 / 已经)."""
    made = lex.web.get(r.word, 0)
    written = lex.web.get(text[r.start : r.start + len(r.word)], 0)
    return made >= thresholds.common_count and made >= thresholds.common_ratio * (written + 1)
