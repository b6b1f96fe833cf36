"""Sentence-level detection on SIGHAN-2015 (the test set pycorrector's wheel ships), measured on
the spelling rules TYP006, TYP007 and TYP008 as the rule pack configures them.

Each sentence is checked on its own: its names, numbers and dates found by the extractors
are protected as in an article.  A sentence is *flagged* when a rule reports anything in it.
Two readings of "detected":

* ``exact`` (SIGHAN's detection level): a flagged sentence with errors counts as correct when
  the flagged characters are exactly its wrong ones;
* ``sentence``: a flagged sentence counts as correct when it has an error at a flagged character.

Precision is over flagged sentences, recall over sentences with errors.  The file is read from
the wheel at run time (:func:`checker.evaluate.external.pycorrector_data`), never stored here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.checks.registry import enabled_rules
from checker.checks.spelling.detect import misspelt_chars
from checker.checks.spelling.guards import PROTECTED_KINDS, protected_mask
from checker.checks.spelling.rules import MisspeltCharRule, MisspeltIdiomRule, MisusedParticleRule
from checker.extract import ExtractContext, extract_sentence
from checker.rulepack import RulePack

SIGHAN_FILE = "sighan2015_test.tsv"
# Published sentence-level figures of two neural correctors on this set (precision, recall, F1).
ANCHORS = (("pycorrector kenlm", 0.65, 0.15, 0.24), ("macbert4csc", 0.85, 0.70, 0.77))


@dataclass
class Score:
    flagged: int = 0
    correct: int = 0
    with_errors: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.flagged if self.flagged else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.with_errors if self.with_errors else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class SpellingResult:
    sentences: int
    exact: Score
    sentence: Score


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """(written, corrected) pairs of a SIGHAN-style tsv; lines of unequal length are skipped."""
    out: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and len(parts[0]) == len(parts[1]) and parts[0]:
            out.append((parts[0], parts[1]))
    return out


def flagged_positions(
    text: str, char_rule: MisspeltCharRule | None, idiom_rule: MisspeltIdiomRule | None,
    particle_rule: MisusedParticleRule | None = None,
) -> set[int]:
    """Characters of ``text`` the spelling rules report, with its extracted names protected."""
    spans = [(f.start, f.end) for f in extract_sentence(text, ExtractContext()) if f.kind in PROTECTED_KINDS]
    mask = protected_mask(text, spans)
    out: set[int] = set()
    if char_rule is not None:
        out.update(f.index for f in misspelt_chars(text, mask, char_rule.model(), char_rule.thresholds()))
    if idiom_rule is not None:
        out.update(f.start + f.index for f in idiom_rule.found(text, mask))
    if particle_rule is not None:
        out.update(f.index for f in particle_rule.found(text, mask))
    return out


def evaluate(pairs: list[tuple[str, str]], pack: RulePack) -> SpellingResult:
    rules = {r.code: r for r in enabled_rules(pack, select={"TYP006", "TYP007", "TYP008"})}
    char_rule = rules.get("TYP006")
    idiom_rule = rules.get("TYP007")
    particle_rule = rules.get("TYP008")
    exact, sentence = Score(), Score()
    for written, corrected in pairs:
        gold = {i for i, (a, b) in enumerate(zip(written, corrected, strict=True)) if a != b}
        found = flagged_positions(
            written, char_rule if isinstance(char_rule, MisspeltCharRule) else None,
            idiom_rule if isinstance(idiom_rule, MisspeltIdiomRule) else None,
            particle_rule if isinstance(particle_rule, MisusedParticleRule) else None,
        )
        for score in (exact, sentence):
            score.with_errors += bool(gold)
            score.flagged += bool(found)
        if found and gold:
            exact.correct += found == gold
            sentence.correct += bool(found & gold)
    return SpellingResult(len(pairs), exact, sentence)


def table(result: SpellingResult, lang: str = "zh") -> str:
    """The figures beside the anchors, as a small text table."""
    head = ("SIGHAN-2015 句子级检测" if lang != "en" else "SIGHAN-2015 sentence-level detection")
    lines = [f"{head} ({result.sentences} sentences, {result.exact.with_errors} with errors)",
             f"{'':28} {'P':>5} {'R':>5} {'F1':>5}  flagged"]
    for name, score in (("checker (exact positions)", result.exact), ("checker (sentence)", result.sentence)):
        lines.append(f"{name:28} {score.precision:5.2f} {score.recall:5.2f} {score.f1:5.2f}  {score.flagged}")
    for name, p, r, f in ANCHORS:
        lines.append(f"{name:28} {p:5.2f} {r:5.2f} {f:5.2f}")
    return "\n".join(lines)


def as_json(result: SpellingResult) -> dict[str, object]:
    def figures(score: Score) -> dict[str, float | int]:
        return {"precision": round(score.precision, 4), "recall": round(score.recall, 4), "f1": round(score.f1, 4),
                "flagged": score.flagged, "correct": score.correct}

    return {
        "sentences": result.sentences, "with_errors": result.exact.with_errors,
        "exact": figures(result.exact), "sentence": figures(result.sentence),
        "anchors": [{"name": n, "precision": p, "recall": r, "f1": f} for n, p, r, f in ANCHORS],
    }
