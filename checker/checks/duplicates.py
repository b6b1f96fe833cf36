"""Duplicate checks: repeated sentences, passages copied from other articles, repeated list
items and doubled characters or words.

Every comparison is on a sentence's *content* (spaces and punctuation removed, see
:func:`checker.text.fingerprint.content_chars`), so a copy that differs only in a comma
or a full-width space is still a copy.  Cross-article lookups go through the archive's
sentence-hash and shingle-band indexes, never a scan.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from checker.checks.base import Archive, ArticleView, Rule, SentenceView
from checker.checks.settings import RuleSettings, setting, severity_setting
from checker.model import FindingDraft, Location, MappedText, Severity
from checker.text.cjk import is_han
from checker.text.fingerprint import content_chars, exact_hash, similarity

_CN_NUMERALS = set("〇零一二两三四五六七八九十百千万亿几")
# ABAB that is grammar, not a slip: degree adverbs and negation (很好很好, 非常非常, 不急不急),
# aspect and modal particles (说着说着, 累了累了), question words (什么什么, 怎么怎么).


def _is_cjk(ch: str) -> bool:
    return is_han(ch)


def _numeric_char(ch: str) -> bool:
    return ch.isdigit() or ch in _CN_NUMERALS


def passage_location(article: ArticleView, sentences: Sequence[SentenceView]) -> Location:
    """Location from the start of the first sentence to the end of the last one."""
    start = sentences[0].mapped.raw_span()[0]
    end = sentences[-1].mapped.raw_span()[1]
    return article.location(start, end)


def _passage_text(sentences: Sequence[SentenceView]) -> str:
    return "".join(s.text for s in sentences)


def merge_runs(
    pairs: Iterable[tuple[int, int]], max_gap: int = 0, allowed: Callable[[list[tuple[int, int]]], bool] | None = None
) -> list[list[tuple[int, int]]]:
    """Group matched sentence pairs ``(mine, theirs)`` into passages.

    A pair extends a run when both indexes advance by the same step of at most
    ``max_gap + 1``, so a passage copied in order (possibly skipping a short or edited
    sentence) is one run.  Longest runs win; each ``mine`` index ends up in one run.
    """
    runs: list[list[tuple[int, int]]] = []
    for i, j in sorted(set(pairs)):
        for run in runs:
            li, lj = run[-1]
            step = i - li
            if 1 <= step <= max_gap + 1 and j - lj == step and (allowed is None or allowed([*run, (i, j)])):
                run.append((i, j))
                break
        else:
            runs.append([(i, j)])
    runs.sort(key=lambda r: (-len(r), r[0]))
    used: set[int] = set()
    out = []
    for run in runs:
        if any(i in used for i, _ in run):
            continue
        used.update(i for i, _ in run)
        out.append(run)
    out.sort(key=lambda r: r[0])
    return out


_CONTENT_CHAR = re.compile(r"[^\W_]")


def _content_span(text: str, at: int, size: int) -> tuple[int, int]:
    """Indexes in ``text`` of content characters ``at:at+size`` (see ``content_chars``)."""
    positions = [i for i, ch in enumerate(text) if _CONTENT_CHAR.match(ch)]
    return positions[at], positions[at + size - 1] + 1


def _differs_in_numbers(a: str, b: str) -> bool:
    """Whether the edits turning ``a`` into ``b`` touch a digit or numeral (a parallel fact)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal" and any(_numeric_char(c) for c in a[i1:i2] + b[j1:j2]):
            return True
    return False


# A short attribution that closes a quotation ("该负责人表示。").
_ATTRIBUTION = re.compile(r"(表示|说|称|指出|认为|介绍|透露|坦言|告诉记者|强调)$")
_OPEN_QUOTES = "“「『\""
_CLOSE_QUOTES = "”」』\""


def _quoted(text: str, span: tuple[int, int] | None) -> bool:
    """Whether ``text[span]`` (or most of ``text``) stands inside quotation marks."""
    inside = [False] * len(text)
    depth = 0
    for i, ch in enumerate(text):
        if ch == '"':
            depth = 0 if depth else 1
        elif ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        inside[i] = depth > 0
    start, end = span if span is not None else (0, len(text))
    part = inside[start:end]
    return bool(part) and sum(part) >= 0.6 * len(part)


def _restated_quote(
    article: ArticleView, a: int, b: int, span_a: tuple[int, int] | None, span_b: tuple[int, int] | None
) -> bool:
    """A quotation restated between the lead and a later paragraph (or the reverse): style, not a slip."""
    sa, sb = article.sentences[a], article.sentences[b]
    if sa.paragraph == sb.paragraph:
        return False
    lead = article.sentences[0].paragraph
    if lead not in (sa.paragraph, sb.paragraph):
        return False
    return _quoted(sa.text, span_a) or _quoted(sb.text, span_b)


def _percent(value: float) -> int:
    return int(value * 100 + 1e-9)


class RepeatedSentence(Rule):
    """同一篇稿件中同一句话出现两次（或几乎一字不差）。

    What it catches: A sentence of at least ``min_chars`` content characters that occurs twice in
    one article, exactly or with a similarity of at least ``similarity`` (Indel ratio over the text
    without punctuation). Consecutive repeated sentences are reported as one passage. The finding
    points at the second occurrence; the first is the related location. An exact repeat is almost
    always a paste error and gets ``exact_severity`` (error); a near repeat (an edited sentence left
    next to its old version) gets the rule's severity (warning). A stretch of at least
    ``min_common_chars`` content characters shared by two otherwise different sentences (a paragraph
    that lost its start and carries a copy of another paragraph's end) is reported as well. Near
    repeats whose differences are digits or numerals are parallel statements ("2022年收入500万元" /
    "2023年收入600万元") and are not reported. Short attributions ("上述人士表示。") repeat by nature and are
    never compared; near repeats need ``near_min_chars``; and a quotation restated in the lead (or
    the lead's words quoted again in a later paragraph) is a feature of news writing, not a paste
    error.

    Why: An exact repeat is almost always a paste error, and a near repeat an edited sentence left
    beside its old version; either makes the article read as unedited.

    Example: the lead's sentence “为方便游客赏花，镇里…开通了赏花专线” pasted again into a later paragraph.
    """

    code = "DUP001"
    name = "repeated-sentence"
    category = "duplicate"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = setting("warning", zh="近似重复的级别", en="severity of a near repeat")
        exact_severity: Severity = setting("error", zh="一字不差的重复的级别", en="severity of an exact repeat")
        min_chars: int = setting(10, zh="少于此字数的句子不比较", en="shorter sentences are ignored")
        similarity: float = setting(0.9, zh="近似重复的相似度下限（0-1）", en="near-repeat threshold (0-1)")
        min_common_chars: int = setting(
            30, zh="两句中一字不差的共同片段达到此字数也报告（0 = 不查）",
            en="a shared stretch this long inside two different sentences is reported too (0 = off)",
        )
        max_gap: int = setting(1, zh="合并段落时允许跳过的句子数", en="sentences a repeated passage may skip")
        near_min_chars: int = setting(
            20, zh="近似（非一字不差）重复的句子至少多少字", en="near (not exact) repeats need this many characters"
        )
        attribution_max_chars: int = setting(
            16, zh="不超过此字数、以“表示/说/指出…”结尾的归属句不比较",
            en="short attributions ending in 表示/说/指出 ... are never compared",
        )

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        from rapidfuzz.fuzz import ratio

        min_chars = self.settings.min_chars
        near_min = self.settings.near_min_chars
        threshold = self.settings.similarity
        sentences = article.sentences
        attribution_max = self.settings.attribution_max_chars
        contents = [
            "" if len(c) <= attribution_max and _ATTRIBUTION.search(c) else c
            for c in (content_chars(s.text) for s in sentences)
        ]
        first_of: dict[int, tuple[int, float]] = {}  # later index -> (earlier index, similarity)
        for b, cb in enumerate(contents):
            if len(cb) < min_chars:
                continue
            for a in range(b):
                ca = contents[a]
                if len(ca) < min_chars:
                    continue
                if ca == cb:
                    if not _restated_quote(article, a, b, None, None):
                        first_of[b] = (a, 1.0)
                        break
                    continue
                if min(len(ca), len(cb)) < near_min:
                    continue
                score = ratio(ca, cb, score_cutoff=threshold * 100) / 100.0
                if score >= threshold and not _differs_in_numbers(ca, cb) and not _restated_quote(
                    article, a, b, None, None
                ):
                    first_of[b] = (a, score)
                    break

        def no_overlap(run: list[tuple[int, int]]) -> bool:
            return run[-1][1] < run[0][0]  # the repeated passage starts after the original ends

        pairs = [(b, a) for b, (a, _) in first_of.items()]
        repeats: list[_Repeat] = []
        for run in merge_runs(pairs, self.settings.max_gap, no_overlap):
            later = [sentences[b] for b, _ in run]
            earlier = [sentences[a] for _, a in run]
            exact = all(first_of[b][1] >= 1.0 for b, _ in run)
            score = 1.0 if exact else similarity(_passage_text(earlier), _passage_text(later))
            loc = passage_location(article, later)
            rel = passage_location(article, earlier)
            unit_zh = "本句" if len(run) == 1 else f"这{len(run)}句"
            unit_en = "This sentence" if len(run) == 1 else f"These {len(run)} sentences"
            if exact:
                zh = f"{unit_zh}与本文第{rel.line}行的内容完全相同，重复出现"
                en = f"{unit_en} repeat(s) line {rel.line} of the same article word for word"
            else:
                zh = f"{unit_zh}与本文第{rel.line}行的内容几乎相同（相似度 {_percent(score)}%），疑为重复"
                en = f"{unit_en} nearly repeat(s) line {rel.line} of the same article (similarity {_percent(score)}%)"
            repeats.append(_Repeat(
                run[0][0], run[-1][0], run[0][1], run[-1][1], exact, loc, rel, zh, en,
                content_chars(_passage_text(later)),
            ))
        repeats.extend(self._partial(article, contents, set(first_of)))
        yield from self._merged(article, repeats)

    def _merged(self, article: ArticleView, repeats: list[_Repeat]) -> Iterator[FindingDraft]:
        """One finding per repeated stretch: a whole text pasted twice (sentences repeated one
        by one, with a few cut differently) is one paste error, not twenty."""
        gap = self.settings.max_gap + 1
        groups: list[list[_Repeat]] = []
        for r in sorted(repeats, key=lambda r: (r.first, r.last)):
            prev = groups[-1][-1] if groups else None
            # Repeats in a row that repeat sentences in a row: one stretch pasted twice.
            follows = prev is not None and prev.source_first <= r.source_first <= prev.source_last + gap + 1
            if prev is not None and follows and r.first <= prev.last + gap:
                groups[-1].append(r)
            else:
                groups.append([r])
        for group in groups:
            if len(group) == 1:
                r = group[0]
                yield self.finding(
                    r.loc, r.zh, r.en, related=[r.rel], suggestion="删去重复的一处",
                    identity=(r.identity,),
                    severity=self.settings.exact_severity if r.exact and r.whole else None,
                )
                continue
            loc = article.location(min(r.loc.raw_start or 0 for r in group), max(r.loc.raw_end or 0 for r in group))
            rel = article.location(min(r.rel.raw_start or 0 for r in group), max(r.rel.raw_end or 0 for r in group))
            count = group[-1].last - group[0].first + 1
            exact = all(r.exact for r in group)
            how_zh, how_en = ("完全相同", "word for word") if exact else ("基本相同", "nearly")
            yield self.finding(
                loc,
                f"这一段（{count}句）与本文第{rel.line}行起的内容{how_zh}，整段重复出现",
                f"This stretch ({count} sentences) repeats the text from line {rel.line} of the same article {how_en}",
                related=[rel], suggestion="删去重复的一段", identity=("".join(r.identity for r in group),),
                severity=self.settings.exact_severity if exact else None,
            )

    def _partial(self, article: ArticleView, contents: list[str], done: set[int]) -> Iterator[_Repeat]:
        """A long stretch (``min_common_chars``) shared by two different sentences of the article."""
        size = self.settings.min_common_chars
        if size <= 0:
            return
        k = 8
        seen: dict[str, int] = {}
        for b, cb in enumerate(contents):
            candidates = {seen[cb[i : i + k]] for i in range(0, max(0, len(cb) - k + 1), 4) if cb[i : i + k] in seen}
            if b not in done and len(cb) >= size:
                for a in sorted(candidates):
                    ca = contents[a]
                    match = difflib.SequenceMatcher(None, ca, cb, autojunk=False).find_longest_match(
                        0, len(ca), 0, len(cb)
                    )
                    if match.size >= size and not _restated_quote(
                        article, a, b, _content_span(article.sentences[a].text, match.a, match.size),
                        _content_span(article.sentences[b].text, match.b, match.size),
                    ):
                        yield self._partial_repeat(article, a, b, match.a, match.b, match.size)
                        break
            for i in range(0, max(0, len(cb) - k + 1)):
                seen.setdefault(cb[i : i + k], b)

    def _partial_repeat(self, article: ArticleView, a: int, b: int, at_a: int, at_b: int, size: int) -> _Repeat:
        first, later = article.sentences[a], article.sentences[b]
        sa, ea = _content_span(first.text, at_a, size)
        sb, eb = _content_span(later.text, at_b, size)
        loc = article.span_location(later.mapped, sb, eb)
        rel = article.span_location(first.mapped, sa, ea)
        return _Repeat(
            b, b, a, a, True, loc, rel,
            f"这段文字（{size}字）与本文第{rel.line}行的一段文字相同，疑为重复或误贴",
            f"These {size} characters repeat a passage of line {rel.line} of the same article",
            content_chars(later.text[sb:eb]), whole=False,
        )


@dataclass
class _Repeat:
    """A repeated sentence run or stretch of DUP001, before runs next to each other are merged."""

    first: int  # index of the first and last repeating sentence
    last: int
    source_first: int  # index of the first and last sentence repeated
    source_last: int
    exact: bool
    loc: Location
    rel: Location
    zh: str
    en: str
    identity: str  # the repeating text's content characters (the finding's stable id)
    whole: bool = True  # whole sentences (False: a stretch inside two sentences)


# Contact details: a web address, an e-mail address, a phone number (0731-82587029, 400-6060-995,
# a mobile number), an SMS service number (106…), a QQ number.
_CONTACT = re.compile(
    r"www\.|https?://|[\w.-]+@[\w-]+\.[a-z]{2,}|(?<!\d)(?:0\d{2,3}|[48]00)-\d{3,4}-?\d{3,4}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)"
    r"|(?<!\d)106\d{5,}(?![\d.万亿元])|QQ\s*[:：]?\s*\d{5,}"
)


# other article id -> {(my sentence index, their sentence id): similarity}
Found = dict[int, dict[tuple[int, int], float]]


class CopiedPassage(Rule):
    """稿件中的句子或段落与另一篇稿件（含同一版面的其他稿件）相同或高度相似。

    What it catches: Each sentence of the article is looked up in the archive by its exact content
    hash and by its shingle sketch bands; candidates are verified with a similarity of at least
    ``similarity``. Sentences copied in order are merged into one passage finding per pair of
    articles, with the similarity in the message. Short sentences (under ``min_sentence_chars``),
    passages under ``min_chars`` and stock phrases found in more than ``max_articles`` other
    articles are ignored.

    Why: A paragraph printed twice, a story re-run from an earlier issue, or a passage lifted from
    another report is something an editor must see before the page goes out.

    Example: a paragraph of last week's feature on a village's homestays printed again, two words
    changed, in today's report.
    """

    code = "DUP002"
    name = "copied-passage"
    category = "duplicate"

    pairwise = True

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")
        min_sentence_chars: int = setting(8, zh="少于此字数的句子不参与比对", en="shorter sentences are not matched")
        min_chars: int = setting(20, zh="一处重复（合并后）至少多少字才报告", en="smallest passage reported")
        similarity: float = setting(0.9, zh="近似相同的相似度下限（0-1）", en="near-copy threshold (0-1)")
        max_articles: int = setting(
            5, zh="一句话在超过这么多篇其他稿件中出现，视为套话，不报",
            en="a sentence found in more other articles is a stock phrase",
        )
        max_candidate_articles: int = setting(40, zh="近似比对最多查看的候选稿件数", en="near-copy candidates examined")
        max_gap: int = setting(1, zh="合并段落时两处之间允许跳过的句子数", en="sentences a passage may skip")
        notice_max_chars: int = setting(
            160, zh="固定启事（见 house_notice_markers）最长字数，更长的段落照常比对",
            en="longest standing notice; longer passages are compared as usual",
        )
        notice_min_articles: int = setting(
            2, zh="含启事字样的句子须在这么多篇其他稿件中出现才算固定启事（只抄了一次的广告照报）",
            en="a sentence with notice phrases is a standing notice only when this many other articles print it",
        )
        max_band_sentences: int = setting(
            50, zh="每个指纹带最多读取的句子数（更常见的带是套话）",
            en="sentences read per sketch band at most (a more common band is a stock phrase)",
        )
        max_hash_sentences: int = setting(
            50, zh="每个句子哈希最多读取的句子数", en="sentences read per exact sentence hash at most"
        )

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        min_sentence = self.settings.min_sentence_chars
        usable = [k for k, s in enumerate(article.sentences) if len(content_chars(s.text)) >= min_sentence]
        if not usable:
            return
        # other article -> {(my sentence index, their sentence id): similarity}
        found: Found = defaultdict(dict)
        exact_ids, stock_exact = self._exact_copies(article, archive, usable, found)
        self._near_copies(article, archive, set(usable) - stock_exact, exact_ids, found)
        # Stock phrases: a sentence found in many other articles is not a copy worth reporting.
        spread = Counter(k for pairs in found.values() for k in {k for k, _ in pairs})
        stock = {k for k, n in spread.items() if n > self.settings.max_articles}
        by_index = self._reported_pairs(article, archive, found, stock)
        yield from self._passages(article, archive, by_index, spread)

    def _exact_copies(
        self, article: ArticleView, archive: Archive, usable: list[int], found: Found
    ) -> tuple[set[int], set[int]]:
        """Sentences stored word for word elsewhere (the sentence-hash index, at most
        ``max_hash_sentences`` rows a hash) into ``found``; (their sentence ids, my sentences
        found in more than ``max_articles`` others: stock phrases, not looked up again)."""
        by_hash: dict[int, list[int]] = defaultdict(list)
        for k in usable:
            by_hash[exact_hash(article.sentences[k].text)].append(k)
        exact_rows = [
            r for r in archive.sentences_by_hash(list(by_hash), per_hash=self.settings.max_hash_sentences)
            if r.article_id != article.id
        ]
        exact_articles: dict[int, set[int]] = defaultdict(set)
        for row in exact_rows:
            exact_articles[row.text_hash].add(row.article_id)
            for k in by_hash[row.text_hash]:
                found[row.article_id][(k, row.id)] = 1.0
        # Found word for word in more than max_articles others: a stock phrase whatever the near
        # copies add, so its sketch is not looked up.
        max_articles = self.settings.max_articles
        stock = {k for h, aids in exact_articles.items() if len(aids) > max_articles for k in by_hash[h]}
        return {r.id for r in exact_rows}, stock

    def _near_copies(
        self, article: ArticleView, archive: Archive, wanted: set[int], exact_ids: set[int], found: Found
    ) -> None:
        """Sentences of other articles sharing sketch bands with the ``wanted`` ones, verified
        with a similarity of at least ``similarity``, into ``found``."""
        index_of = {s.id: k for k, s in enumerate(article.sentences)}
        mine_by_band: dict[int, set[int]] = defaultdict(set)
        for sentence_id, bands in archive.bands_of(article.id).items():
            k = index_of.get(sentence_id, -1)
            if k in wanted:
                for band in bands:
                    mine_by_band[band].add(k)
        if not mine_by_band:
            return
        shared: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))  # aid -> sid -> ks
        for hit in archive.sentences_by_bands(list(mine_by_band), max_sentences=self.settings.max_band_sentences):
            if hit.article_id != article.id and hit.sentence_id not in exact_ids:
                shared[hit.article_id][hit.sentence_id] |= mine_by_band[hit.band]
        ranked = sorted(shared, key=lambda aid: (-len(shared[aid]), aid))
        candidates = ranked[: self.settings.max_candidate_articles]
        texts = archive.sentence_texts(sid for aid in candidates for sid in shared[aid])
        threshold = self.settings.similarity
        for aid in candidates:
            for sentence_id, ks in shared[aid].items():
                for k in sorted(ks):
                    if (k, sentence_id) in found[aid]:
                        continue
                    score = similarity(article.sentences[k].text, texts[sentence_id])
                    if score >= threshold:
                        found[aid][(k, sentence_id)] = score

    def _reported_pairs(
        self, article: ArticleView, archive: Archive, found: Found, stock: set[int]
    ) -> dict[int, dict[tuple[int, int], float]]:
        """Per other article worth reporting (not a copy of the whole file: DUP005's), its pairs
        (my sentence index, its sentence index) -> similarity, stock phrases left out."""
        reported = {
            aid: kept for aid, pairs in found.items()
            if (kept := {p: sc for p, sc in pairs.items() if p[0] not in stock}) and archive.reports_pair(article, aid)
        }
        # A whole file stored again under another name is one DUP005 finding an article, not its every passage.
        copies = {c.document_id for c in archive.copies_of(article.document_id)}
        if copies:
            reported = {aid: kept for aid, kept in reported.items() if archive.article(aid).document_id not in copies}
        # Only now the other articles' sentences: of those with something left to report.
        archive.prefetch(reported)
        by_index: dict[int, dict[tuple[int, int], float]] = {}
        for aid, kept in reported.items():
            other = archive.article(aid)
            pairs_at: dict[tuple[int, int], float] = {}
            for (k, sentence_id), score in kept.items():
                j = other.sentence_index(sentence_id)
                if j is not None:
                    pairs_at[(k, j)] = score
            by_index[aid] = pairs_at
        return by_index

    def _passages(
        self, article: ArticleView, archive: Archive, by_index: dict[int, dict[tuple[int, int], float]],
        spread: Counter[int],
    ) -> Iterator[FindingDraft]:
        """One finding per passage, in the article's order: when a passage is found in several
        articles, the longest match (then the earliest article) is reported."""
        runs: list[tuple[ArticleView, list[tuple[int, int]], dict[tuple[int, int], float]]] = []
        for aid, pairs_at in by_index.items():
            other = archive.article(aid)
            runs.extend((other, run, pairs_at) for run in merge_runs(pairs_at, self.settings.max_gap))
        runs.sort(key=lambda r: (-len(r[1]), r[0].pub_order, r[1][0]))
        used: set[int] = set()
        drafts: list[tuple[int, FindingDraft]] = []
        for other, run, pairs in runs:
            mine = set(range(run[0][0], run[-1][0] + 1))
            if mine & used:
                continue
            draft = self._report(article, other, run, pairs, spread)
            if draft is not None:
                used |= mine
                drafts.append((run[0][0], draft))
        for _, draft in sorted(drafts, key=lambda d: d[0]):
            yield draft

    def _house_notice(self, text: str) -> bool:
        """A standing notice (hotline, website, download or subscription details) that a paper
        prints under many articles on purpose: contact details or a listed marker phrase."""
        cache = self.table_cache
        if "notice" not in cache:
            table = self.pack.table("duplicates", {}) or {}
            markers = [str(m) for m in table.get("house_notice_markers") or () if str(m)]
            pattern = "|".join([_CONTACT.pattern, *(re.escape(m) for m in markers)])
            cache["notice"] = re.compile(pattern, re.IGNORECASE)
        return bool(cache["notice"].search(text))

    def _notice_sentence(self, text: str, standing: bool) -> bool:
        """Whether a sentence is (part of) a standing notice: it has notice phrases or contact
        details and is found under several articles, or has little else (under ``min_chars``)."""
        if not self._house_notice(text):
            return False
        if standing:
            return True
        rest = self.table_cache["notice"].sub("", text)
        return len(content_chars(rest)) < self.settings.min_chars

    def _report(
        self, article: ArticleView, other: ArticleView, run: list[tuple[int, int]],
        pairs: dict[tuple[int, int], float], spread: Counter[int] | None = None,
    ) -> FindingDraft | None:
        mine = article.sentences[run[0][0] : run[-1][0] + 1]
        theirs = other.sentences[run[0][1] : run[-1][1] + 1]
        min_chars = self.settings.min_chars
        if len(content_chars(_passage_text(mine))) < min_chars:
            return None
        short = len(mine) <= 3 and len(content_chars(_passage_text(mine))) <= self.settings.notice_max_chars
        if self._house_notice(_passage_text(mine)):
            # A standing notice is printed under several articles on purpose: a block with contact
            # details or a notice phrase whose sentences are mostly found in ``notice_min_articles``
            # other articles (a game's or product's boilerplate with its download details) is one.
            standing = self.settings.notice_min_articles
            first = run[0][0]
            found_in = spread if spread is not None else Counter()
            spreads = sorted(found_in.get(k, 0) for k in range(first, first + len(mine)))
            if spreads[len(spreads) // 2] >= standing:
                return None
            if short:
                # A short passage: a sentence with notice phrases is notice when it is standing or
                # little but notice (“更多信息请关注…官方网站，咨询热线：…”); what is left (the text a
                # notice was glued to, an advert with its phone number copied once) still counts.
                rest = [
                    sv for k, sv in enumerate(mine, first)
                    if not self._notice_sentence(sv.text, found_in.get(k, 0) >= standing or spread is None)
                ]
                if len(content_chars(_passage_text(rest))) < min_chars:
                    return None  # a short standing notice
        exact = all(pairs[p] >= 1.0 for p in run) and len(mine) == len(theirs) == len(run)
        score = 1.0 if exact else similarity(_passage_text(mine), _passage_text(theirs))
        if score < self.settings.similarity:
            return None
        one = len(mine) == 1
        if not exact and one and _differs_in_numbers(content_chars(mine[0].text), content_chars(theirs[0].text)):
            return None  # a formula sentence with other figures ("配备了一块2.7英寸…"), not a copy
        loc = passage_location(article, mine)
        rel = passage_location(other, theirs)
        unit_zh = "本句" if len(mine) == 1 else f"这段文字（{len(mine)}句）"
        unit_en = "This sentence" if len(mine) == 1 else f"This passage ({len(mine)} sentences)"
        what = "句子" if len(theirs) == 1 else "一段文字"
        if exact:
            where_zh, where_en = article.where(other, rel)
            zh = f"{unit_zh}与{where_zh}的{what}完全相同（相似度 100%）"
            en = f"{unit_en} also appears word for word in {where_en} (similarity 100%)"
        else:
            where_zh, where_en = article.where(other, rel)
            zh = f"{unit_zh}与{where_zh}的{what}几乎相同（相似度 {_percent(score)}%）"
            en = f"{unit_en} nearly repeats {where_en} (similarity {_percent(score)}%)"
        return self.finding(
            loc, zh, en, related=[rel], suggestion="核实是否重复刊登或误贴，删去或改写",
            identity=(content_chars(_passage_text(mine)),),
        )


# -- repeated list items ------------------------------------------------------------------------

_QUOTED_RUN = re.compile(r"(?:[“《「][^“”《》「」]{1,40}[”》」][、，,和及与]?){2,}")
_QUOTED_ITEM = re.compile(r"[“《「](?P<item>[^“”《》「」]{1,40})[”》」]")
_CLAUSE = re.compile(r"[^，。；：！？,;:!?（）()“”《》「」]+")
_LAST_JOIN = re.compile(r"以及|和|及")
_TRAIL = re.compile(r"等.*$")


class RepeatedListItem(Rule):
    """列举中同一项出现两次（如“两条线路：‘甲’‘甲’”）。

    What it catches: Looks inside one enumeration: runs of quoted or book-title items written one
    after another (“A”“B”“A”, 《A》、《B》) and clauses listing items with 、 (the last item may be joined
    with 和/及). An item of at least ``min_item_chars`` characters that occurs twice in the same
    enumeration is reported at its second occurrence: usually a different item was meant ("两条线路"
    that names the same route twice).

    Why: The count in front of the list promises distinct items; a repeated item hides the one that
    was meant.

    Example: “推出了‘花海骑行之旅’‘花海骑行之旅’两条精品线路”.
    """

    code = "DUP003"
    name = "repeated-list-item"
    category = "duplicate"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")
        min_item_chars: int = setting(2, zh="列举项至少多少字才比较", en="shorter items are ignored")
        max_item_chars: int = setting(
            12, zh="用顿号分隔的部分超过此字数即结束一组列举", en="a part longer than this ends an enumeration"
        )

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        min_chars = self.settings.min_item_chars
        for sentence in article.sentences:
            reported: set[int] = set()
            for first, second in (*self._quoted(sentence.text, min_chars), *self._listed(sentence.text, min_chars)):
                if second[0] in reported:
                    continue
                reported.add(second[0])
                yield self._make(article, sentence.mapped, first, second)

    @staticmethod
    def _quoted(text: str, min_chars: int) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
        for run in _QUOTED_RUN.finditer(text):
            found = list(_QUOTED_ITEM.finditer(text, run.start(), run.end()))
            gaps = [text[a.end() : b.start()] for a, b in itertools.pairwise(found)]
            if len(found) < 3 and any(g in "，," and g for g in gaps):
                continue  # “甲”，“甲”这个…: a word repeated to start a new clause, not a list
            seen: dict[str, tuple[int, int]] = {}
            for m in found:
                key = content_chars(m.group("item"))
                if len(key) < min_chars or key.isdigit():
                    continue
                span = (m.start(), m.end())
                if key in seen:
                    yield seen[key], span
                else:
                    seen[key] = span

    def _listed(self, text: str, min_chars: int) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
        max_item = self.settings.max_item_chars
        for clause in _CLAUSE.finditer(text):
            parts = clause.group().split("、")
            if len(parts) < 2:
                continue
            # Cut the clause into enumerations: a long part ends one list and starts the next.
            lists: list[list[tuple[str, int]]] = [[]]
            pos = clause.start()
            for part in parts:
                if lists[-1] and len(part) > max_item:
                    lists[-1].append((part, pos))
                    lists.append([])
                lists[-1].append((part, pos))
                pos += len(part) + 1
            for items in lists:
                if len(items) >= 2:
                    yield from self._list_repeats(items, min_chars)

    @staticmethod
    def _list_repeats(
        parts: list[tuple[str, int]], min_chars: int
    ) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
        """Repeated items of one 、-list; ``parts`` are (text, start) of its 、-separated parts."""
        items = list(parts[:-1])
        last, last_start = parts[-1]
        last = _TRAIL.sub("", last)
        join = _LAST_JOIN.search(last)
        joined_before = any(_LAST_JOIN.search(p) for p, _ in items)
        if join is not None and join.start() > 0 and not joined_before:
            items.append((last[: join.start()], last_start))
            items.append((last[join.end() :], last_start + join.end()))
        else:
            items.append((last, last_start))
        # The first item may carry the clause's verb ("推进甲、乙、甲"): it is compared by its
        # ending, the others exactly.  Items with digits (1.09%、1.09%) are values, not names.
        seen: dict[str, tuple[int, int]] = {}
        for item, start in items[1:]:
            if len(item) < min_chars or any(c.isdigit() for c in item):
                continue
            span = (start, start + len(item))
            if item in seen:
                yield seen[item], span
            else:
                seen[item] = span
        head, head_start = items[0]
        if _LAST_JOIN.search(head):
            return
        for item, span in seen.items():
            if head == item or (len(item) >= 3 and head.endswith(item)):
                at = head_start + len(head) - len(item)
                yield (at, at + len(item)), span

    def _make(
        self, article: ArticleView, text: MappedText, first: tuple[int, int], second: tuple[int, int]
    ) -> FindingDraft:
        item = text.text[second[0] : second[1]]
        # The second item here, the first as the related place: two places, even when adjacent
        # (“甲”“甲”), never the finding pointing at itself.
        loc = article.span_location(text, *second)
        rel = article.span_location(text, *first)
        return self.finding(
            loc,
            f"列举中“{content_chars(item)}”出现了两次，疑为误写（另一项漏写或写错）",
            f"The item '{content_chars(item)}' is listed twice in one enumeration",
            related=[rel], suggestion="核对列举的各项，删去或改正重复的一项",
            identity=(item, text.text[max(0, first[0] - 4) : second[1] + 4]),
        )


# -- doubled characters and words ---------------------------------------------------------------


def _in_dictionary(word: str) -> bool:
    from checker.text.segment import get_tokenizer

    return bool(get_tokenizer().FREQ.get(word))


@lru_cache(maxsize=1)
def _dictionary_lines() -> bytes:
    """jieba's dictionary file ("word freq tag" a line), with a newline in front of the first line."""
    import jieba

    f = jieba.dt.get_dict_file()
    try:
        return b"\n" + f.read()
    finally:
        f.close()


@lru_cache(maxsize=4096)
def _word_tag(word: str) -> str | None:
    """The part-of-speech tag jieba's dictionary gives ``word``, as ``jieba.posseg.dt.word_tag_tab`` has it.

    Found in the dictionary file itself (the last line for the word, as posseg keeps):
    importing ``jieba.posseg`` for its table costs ~0.7 s a process, one search ~1 ms.
    """
    data = _dictionary_lines()
    at = data.rfind(b"\n" + word.encode("utf-8") + b" ")
    if at < 0:
        return None
    end = data.find(b"\n", at + 1)
    fields = data[at + 1 : end if end >= 0 else len(data)].strip().split(b" ")
    return fields[2].decode("utf-8") if len(fields) == 3 else None


@lru_cache(maxsize=4096)
def _is_noun(word: str) -> bool:
    """Whether jieba's dictionary tags ``word`` as a noun (目的, 触感; not 说着, 解读)."""
    tag = _word_tag(word) if _in_dictionary(word) else None
    return bool(tag) and str(tag).startswith("n")


def _spaced(raw: Sequence[int], source: str, i: int) -> bool:
    """Whether the source has spaces but no line break between characters ``i - 1`` and ``i``."""
    gap = source[raw[i - 1] + 1 : raw[i]]
    return bool(gap) and "\n" not in gap and gap.isspace()


@lru_cache(maxsize=64)
def _boundaries(text: str) -> frozenset[int]:
    from checker.text.segment import words

    out = {0}
    pos = 0
    for token in words(text):
        pos += len(token)
        out.add(pos)
    return frozenset(out)


class DoubledWord(Rule):
    """误叠字或误叠词（“的的”“推进推进”），合法叠词除外。

    What it catches: A two-character word written twice (ABAB: "推进推进", “共富共富”) is reported unless it
    is in ``reduplication_whitelist`` (研究研究, 一步一步 ...), starts with a numeral, or does not fall on
    word boundaries (a second copy that begins a compound, 社会社会秩序, is on them). A doubled single
    character (AA) is reported only for the function characters in ``doubled_function_chars`` (的的,
    了了, 在在), and only when word segmentation leaves both as one-character words, so 目的的, 为了了解,
    不了了之 and 石桥村村级 pass. AABB (家家户户), AAA and whitelisted forms are never reported.

    Why: Doubling typically comes from an edit or a column-break join.

    Example: “持续推进推进庭院整治，村民的的幸福感” → “推进”, “的”.
    """

    code = "DUP004"
    name = "doubled-word"
    category = "duplicate"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")
        other_chars: bool = setting(
            True, zh="虚词以外的单字误叠（前一字属于一个词、后一字单独成词）也查",
            en="also doubled non-function characters, when the first ends a word and the second stands alone",
        )

    settings: Settings

    def _tables(self) -> tuple[set[str], set[str]]:
        cached = self.table_cache.get("tables")
        if cached is None:
            pack = self.pack
            whitelist = set(pack.entries("duplicates", "reduplication_whitelist"))
            function = set(pack.entries("duplicates", "doubled_function_chars"))
            cached = (whitelist, function)
            self.table_cache["tables"] = cached
            # The ABAB forms that are never slips (duplicates.yaml, next to the whitelist).
            self.table_cache["abab"] = (
                frozenset(pack.entries("duplicates", "abab_first_chars")),
                frozenset(pack.entries("duplicates", "abab_second_chars")),
                frozenset(pack.entries("duplicates", "abab_question_words")),
            )
        result: tuple[set[str], set[str]] = cached
        return result

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        texts = [article.headline, *(s.mapped for s in article.sentences)]
        for text in texts:
            for start, end in self.doubled(text.text, text.src, article.source.text):
                word = text.text[start:end]
                single = word[: len(word) // 2]
                context = text.text[max(0, start - 4) : end + 4]
                yield self.finding(
                    article.span_location(text, start, end),
                    f"“{word}”疑为误叠，应为“{single}”",
                    f"'{word}' looks doubled by mistake; probably '{single}'",
                    suggestion=single, identity=(word, context),
                )

    def doubled(self, text: str, raw: Sequence[int] | None = None, source: str = "") -> list[tuple[int, int]]:
        """Spans of doubled characters or words in ``text`` that are not legitimate reduplications.

        ``raw`` (the source index of each character) tells where spaces were removed: a
        word repeated across a space on one line is a heading or label running into the
        text, not a slip, and is skipped; across a line break (a column-break join) it counts.
        """
        whitelist, function = self._tables()
        out: list[tuple[int, int]] = []
        n = len(text)
        i = 0
        while i < n - 1:
            a = text[i]
            if not _is_cjk(a) or a in _CN_NUMERALS:
                i += 1
                continue
            # ABAB
            abab = i + 3 < n and text[i + 1] != a and text[i : i + 2] == text[i + 2 : i + 4] and _is_cjk(text[i + 1])
            if abab and self._bad_abab(text, i, whitelist, raw, source):
                out.append((i, i + 4))
                i += 4
                continue
            # AA
            if text[i + 1] == a and self._bad_pair(text, i, whitelist, function, raw, source):
                out.append((i, i + 2))
                i += 2
                continue
            i += 1
        return out

    def _bad_abab(self, text: str, i: int, whitelist: set[str], raw: Sequence[int] | None, source: str) -> bool:
        word = text[i : i + 4]
        a, b = word[0], word[1]
        noun = _is_noun(word[:2])
        first_chars, second_chars, question_words = self.table_cache["abab"]
        if word in whitelist or b in _CN_NUMERALS or a in first_chars:
            return False
        if b in second_chars and not noun:
            return False  # 说着说着, 累了累了 (but 目的目的 is a doubled noun)
        if word[:2] in question_words:
            return False
        if raw is not None and source and _spaced(raw, source, i + 2):
            return False
        label = text[max(0, i - 1) : i] in ("—", "－") or text[i + 4 : i + 5] in ("：", ":")
        if label and not _in_dictionary(word[:2]):
            # “——赵霏赵霏和他的团队”, “秘书长刘晨刘晨：”: a name closing an attribution or a caption
            # ran into a paragraph or speaker label starting with it (a lost line break).  A common
            # word doubled before a colon (“记者记者：”) is still a slip.
            return False
        bounds = _boundaries(text)
        if _in_dictionary(word[:2]) and {i, i + 2} <= bounds and i + 4 not in bounds:
            return True  # 社会|社会秩序: the second copy begins a compound word
        if noun and not _in_dictionary(word):
            # A doubled noun is a slip even where segmentation splits the middle (触|感触|感).
            return self._on_words(text, i, (4,))
        return self._on_words(text, i, (2, 4))

    def _bad_pair(
        self, text: str, i: int, whitelist: set[str], function: set[str], raw: Sequence[int] | None, source: str
    ) -> bool:
        a = text[i]
        if a + a in whitelist:
            return False
        before = text[i - 1] if i > 0 else ""
        after = text[i + 2] if i + 2 < len(text) else ""
        if a in (before, after):
            return False  # AAA
        if i + 3 < len(text) and text[i + 2] == text[i + 3]:
            return False  # AABB
        if i >= 2 and text[i - 2] == text[i - 1]:
            return False  # the BB of AABB
        if raw is not None and source and _spaced(raw, source, i + 1):
            return False
        bounds = _boundaries(text)
        if a in function:
            # Both one-character words: 村民的的获得感 (not 目的的, 为了了解, 不了了之).
            return {i, i + 1, i + 2} <= bounds
        if not self.settings.other_chars or _in_dictionary(a + a) or before in _CN_NUMERALS:
            return False  # 一遍遍, 一张张: numeral + reduplicated classifier
        if _in_dictionary(a + after) or (i + 3 < len(text) and _in_dictionary(a + text[i + 2 : i + 4])):
            return False  # 其中|中小盘, 商品楼|楼层: the second A starts a word segmentation missed
        # A word ending in A, then A alone, then a word: 我市市加快 (not 石桥村村级, 王丽丽, and
        # not 新仓仓禾, where the single characters after it show an unknown name).
        return i not in bounds and {i + 1, i + 2} <= bounds and i + 3 not in bounds and after.isalnum()

    @staticmethod
    def _on_words(text: str, i: int, offsets: tuple[int, ...]) -> bool:
        """Whether segmentation puts word boundaries at ``i`` and ``i + each offset``."""
        bounds = _boundaries(text)
        return all(p in bounds for p in (i, *(i + o for o in offsets)))
