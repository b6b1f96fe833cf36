"""The spelling rules: a miswritten character (TYP006), a misspelt idiom (TYP007), 的 for 得 (TYP008)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from checker.checks.base import Archive, ArticleView, Rule
from checker.checks.settings import RuleSettings, setting, severity_setting
from checker.checks.spelling.detect import CharFinding, Thresholds, misspelt_chars
from checker.checks.spelling.guards import PROTECTED_KINDS, parallel_coinage, protected_mask
from checker.checks.spelling.idioms import IdiomFinding, misspelt_idioms
from checker.checks.spelling.language_model import WindowModel
from checker.checks.spelling.lexicon import idioms, lexicon
from checker.checks.spelling.particles import ParticleFinding, misused_particles
from checker.checks.typos import CompactText, article_texts, confusion_patterns
from checker.model import FindingDraft, Severity
from checker.text.bigrams import char_bigrams
from checker.text.similar_chars import similar_table


def _protected_offsets(article: ArticleView) -> set[int]:
    """File offsets covered by the article's names, titles, numbers and dates."""
    out: set[int] = set()
    for fact in article.facts:
        if fact.kind in PROTECTED_KINDS:
            out.update(range(fact.raw_start, fact.raw_end))
    return out


def _mask(t: CompactText, offsets: set[int]) -> list[bool]:
    src = t.mapped.src
    spans = [(k, k + 1) for k, i in enumerate(t.idx) if src[i] in offsets]
    return protected_mask(t.text, spans)


def _pairs_at(text: str, start: int, index: int) -> list[str]:
    """The pairs of characters of ``text`` (a word that begins at ``start``) that hold ``index``."""
    k = index - start
    return [text[j : j + 2] for j in (k - 1, k) if j >= 0 and j + 2 <= len(text)]


class _ArchiveUsage:
    """What the archive's other articles write around the characters of some findings."""

    def __init__(self, archive: Archive, texts: list[str], found: list[CharFinding]) -> None:
        wanted: set[str] = set()
        for f in found:
            wanted.update(_pairs_at(f.context, f.start, f.index))
            wanted.update(_pairs_at(f.word, f.start, f.index))
        stored = archive.char_bigram_counts(wanted)
        own = char_bigrams(texts)  # the article itself is stored before it is checked
        self.counts = {b: max(0, n - own.get(b, 0)) for b, n in stored.items()}

    def seen(self, pairs: list[str]) -> int:
        return min((self.counts.get(b, 0) for b in pairs), default=0)

    def confirms(self, f: CharFinding, known: int, support: int) -> bool:
        """Whether ``f`` stands: not a pair the archive writes, and over its threshold on its own
        or short of it (by the slack) where the archive writes the suggestion and never the text."""
        written = self.seen(_pairs_at(f.context, f.start, f.index))
        if written >= known:
            return False
        if f.margin >= f.need:
            return True
        return written == 0 and self.seen(_pairs_at(f.word, f.start, f.index)) >= support


def _severity(margin: float, high: float, low: float) -> Severity:
    if margin >= high:
        return "error"
    return "warning" if margin >= low else "info"


class MisspeltCharRule(Rule):
    """A miswritten character: a look-alike or sound-alike that makes the text read as a common word.

    What it catches: for each character outside names, places, organisations, quoted titles, numbers and
    foreign words, its look-alikes and sound-alikes (the table of ``similar_chars``) that make
    a dictionary word with its neighbours are tried; the best segmentation of the eight
    characters around it into words (jieba's dictionary and jionlp's word counts) is scored
    with each, and the character is reported when a replacement raises that score by the
    margin (a natural-log ratio) -- 在次 for 再次, 以经 for 已经, 照成 for 造成.  Characters
    that already make a common word as written, likely parts of unknown personal names, and
    spellings the article repeats are left alone.  The margin is the confidence: above
    ``error_margin`` the finding is an error, below ``warning_margin`` a note.  The archive
    teaches it too: a pair of characters that other stored articles write (``char_bigrams``,
    counted at ingest) is the paper's usage and passes, and with ``archive_bonus`` above 0 a
    correction the archive writes often, and never the written pair, needs that much less gain.
    Why: wrongly written characters are the error editors correct most often; a spell
    checker that also corrects names is worse than none, so it leans to silence.
    Example: “双方将在次举行会谈” → “再次”.
    """

    code = "TYP006"
    name = "misspelt-char"
    category = "typo"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")
        sound_margin: float = setting(
            13.0, zh="同音字替换后窗口得分（自然对数）至少提高这么多才报告",
            en="log-probability gain of the window a same-sound replacement needs to be reported")
        shape_margin: float = setting(
            15.0, zh="形近字、音近字替换所需的得分提高", en="the gain a look-alike or near-sound replacement needs")
        warning_margin: float = setting(
            14.0, zh="得分提高低于此值时只作提示（info）", en="below this gain a finding is only a note (info)")
        error_margin: float = setting(
            18.0, zh="得分提高达到此值时报为错误（error）", en="from this gain on a finding is an error")
        known_web_count: int = setting(
            2000, zh="原写法在 jionlp 词频表中达到此次数即视为正常用词",
            en="a written word this frequent in jionlp's word counts is taken as intended")
        known_dictionary_freq: int = setting(
            200, zh="原写法在 jieba 词典中达到此词频即视为正常用词",
            en="a written word this frequent in jieba's dictionary is taken as intended")
        common_margin: float = setting(
            11.0, zh="同音字替换成极常用词（见 common_count、common_ratio）时所需的较小得分提高",
            en="the smaller gain a same-sound replacement needs when it makes a very common word")
        common_count: int = setting(
            300000, zh="“极常用词”在 jionlp 词频表中至少的次数", en="jionlp word count of a very common word")
        common_ratio: float = setting(
            1000.0, zh="“极常用词”至少是原写法次数的这么多倍",
            en="how many times as common as the written string it must be")
        archive_known_count: int = setting(
            3, zh="资料库其他稿件中原写法的字对出现达到此次数即视为本报惯用写法，不报告",
            en="the written pair of characters this often in the archive's other articles: the paper's usage, passes")
        archive_support_count: int = setting(
            10, zh="资料库其他稿件中建议写法的字对出现至少此次数、原写法一次也没有时，所需得分提高减去 archive_bonus",
            en="the suggested pair this often in the archive's other articles (the written one never): "
               "the gain needed is archive_bonus lower")
        archive_bonus: float = setting(
            0.0, zh="资料库支持建议写法时所需得分提高的减少量（0 = 不用）",
            en="how much lower the gain needed is when the archive backs the suggestion")

    settings: Settings

    def thresholds(self) -> Thresholds:
        s = self.settings
        return Thresholds(
            sound_margin=s.sound_margin, shape_margin=s.shape_margin, known_web_count=s.known_web_count,
            known_dictionary_freq=s.known_dictionary_freq, common_margin=s.common_margin,
            common_count=s.common_count, common_ratio=s.common_ratio,
        )

    def model(self) -> WindowModel:
        cache = self.table_cache
        if "model" not in cache:
            cache["model"] = WindowModel(lexicon())
        model: WindowModel = cache["model"]
        return model

    def _idiom_rule(self) -> MisspeltIdiomRule:
        """TYP007 as the pack configures it: the idioms it reports are its findings, not this rule's."""
        cache = self.table_cache
        if "idioms" not in cache:
            from checker.checks.registry import rule_settings

            cache["idioms"] = MisspeltIdiomRule(self.pack, rule_settings(self.pack)[MisspeltIdiomRule.code])
        rule: MisspeltIdiomRule = cache["idioms"]
        return rule

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        s = self.settings
        model = self.model()
        thresholds = self.thresholds()
        texts = article_texts(article)
        if not texts:
            return
        offsets = _protected_offsets(article)
        whole = "\n".join(t.text for t in texts)
        idiom_counts = idioms().counts
        found = [(t, f) for t in texts
                 for f in misspelt_chars(t.text, _mask(t, offsets), model, thresholds, slack=s.archive_bonus)]
        if not found:
            return
        usage = _ArchiveUsage(archive, [t.text for t in texts], [f for _, f in found])
        idiom_rule = self._idiom_rule()
        idiom_chars = {
            id(t): {f.start + k for f in idiom_rule.found(t.text, _mask(t, offsets)) for k in range(4)}
            for t in {id(t): t for t, _ in found}.values()
        }
        for t, f in found:
            if not usage.confirms(f, s.archive_known_count, s.archive_support_count):
                continue
            if whole.count(f.context) >= 2:
                continue  # written so twice: a name or brand, not a slip
            if f.word in idiom_counts or f.index in idiom_chars.get(id(t), ()):
                continue  # a misspelt idiom: TYP007's finding
            if parallel_coinage(t.text, f.start, f.end, f.index):
                continue
            fixed = f.word
            yield self.finding(
                t.location(article, f.index, f.index + 1),
                f"“{f.context}”中的“{f.original}”疑为“{f.suggestion}”之误（{fixed}）。",
                f"'{f.original}' in '{f.context}' is probably a slip for '{f.suggestion}' ({fixed}).",
                suggestion=f.suggestion, identity=(f.context, f.suggestion),
                severity=_severity(f.margin, s.error_margin, s.warning_margin),
            )


class MisspeltIdiomRule(Rule):
    """A misspelt idiom (成语): four characters one look-alike or sound-alike away from a common idiom.

    What it catches: every four characters that are neither an idiom nor a dictionary word are compared
    with jionlp's idiom dictionary; when changing one of them to a look-alike or sound-alike
    gives a common idiom (its usage count at least ``min_idiom_count``) and the written form
    is rare in jionlp's word counts, the idiom is suggested.  Names, titles, numbers and
    foreign words are skipped as in TYP006.
    Why: idioms are fixed forms, so a changed character is always an error, and a classic one
    (再接再励, 迫不急待); readers notice it at once.
    Example: “成绩如何，大家试目以待” → “拭目以待”.
    """

    code = "TYP007"
    name = "misspelt-idiom"
    category = "typo"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")
        min_idiom_count: int = setting(
            100, zh="成语在 jionlp 成语词典中的使用次数至少为此值才作为建议",
            en="idioms used this often at least (jionlp's idiom counts) are suggested")
        min_web_count: int = setting(
            1000, zh="成语在 jionlp 词频表中至少出现此次数（常用的固定说法）才作为建议",
            en="idioms this frequent at least in jionlp's word counts (set phrases in running text) are suggested")
        max_written_share: float = setting(
            0.02, zh="原写法在 jionlp 词频表中的次数超过成语次数的此比例时不报告",
            en="the written form may be at most this share as frequent as the idiom (jionlp's word counts)")

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        known = idioms()
        if not known.counts:
            return
        offsets = _protected_offsets(article)
        for t in article_texts(article):
            for f in self.found(t.text, _mask(t, offsets)):
                yield self.finding(
                    t.location(article, f.start, f.start + 4),
                    f"成语“{f.written}”疑有错字，应为“{f.idiom}”。",
                    f"The idiom '{f.written}' looks misspelt: '{f.idiom}'.",
                    suggestion=f.idiom, identity=(f.written, f.idiom),
                )

    def found(self, text: str, protected: Sequence[bool]) -> list[IdiomFinding]:
        """The misspelt idioms of ``text`` that the confusion table (TYP004) does not list."""
        listed = confusion_patterns(self.pack)
        found = misspelt_idioms(
            text, protected, idioms(), lexicon(), similar_table(),
            min_idiom_count=self.settings.min_idiom_count, min_web_count=self.settings.min_web_count,
            max_written_share=self.settings.max_written_share,
        )
        return [f for f in found if not any(p.regex.search(f.written) for p in listed)]


class MisusedParticleRule(Rule):
    """的 written for 得 between a verb and its complement of degree (说的非常清楚 → 说得非常清楚).

    What it catches: segmentation and the part-of-speech tags of jieba's dictionary find a verb, then 的,
    then one of ``degree_adverbs`` and an adjective that close the clause (a punctuation mark,
    or 了/啊 and one, follows).  The adjective then complements the verb, which needs 得.  Where
    a noun follows (做的很多工作) the 的 is right and nothing is reported.
    Why: 的, 地 and 得 sound alike and are confused in copy every day; this is the one pattern
    of the three that word classes decide without doubt.
    Example: “会议开的很成功。” → “开得很成功”.
    """

    code = "TYP008"
    name = "misused-particle"
    category = "typo"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")
        degree_adverbs: tuple[str, ...] = setting(
            ("很", "非常", "十分", "特别", "格外", "挺", "太", "更", "越来越", "相当", "比较", "极其", "极为"),
            zh="程度副词：动词 + 的 + 其中之一 + 形容词结句时，“的”应为“得”",
            en="degree adverbs: verb + 的 + one of them + an adjective ending the clause takes 得",
        )

    settings: Settings

    def found(self, text: str, protected: Sequence[bool]) -> list[ParticleFinding]:
        degree = sorted({str(a) for a in self.settings.degree_adverbs if a}, key=len, reverse=True)
        return misused_particles(text, protected, lexicon(), degree)

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        offsets = _protected_offsets(article)
        for t in article_texts(article):
            for f in self.found(t.text, _mask(t, offsets)):
                fixed = f.corrected
                yield self.finding(
                    t.location(article, f.start, f.start + len(f.context)),
                    f"“{f.context}”中的“的”应为“得”（{fixed}）：动词后接程度补语用“得”。",
                    f"'的' in '{f.context}' should be '得' ({fixed}): a verb takes 得 before a complement of degree.",
                    suggestion=fixed, identity=(f.context,),
                )
