"""Duplicate checks: repeated sentences, passages copied from other articles, repeated list
items and doubled characters or words.

Every comparison is on a sentence's *content* (spaces and punctuation removed, see
:func:`checker.text.fingerprint.content_chars`), so a copy that differs only in a comma
or a full-width space is still a copy.  Cross-article lookups go through the archive's
sentence-hash and shingle-band indexes, never a scan.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath
from typing import Any, ClassVar

from checker.checks.base import Archive, ArticleView, Rule, SentenceView
from checker.model import FindingDraft, Location, MappedText
from checker.text.fingerprint import content_chars, exact_hash, similarity

_CN_NUMERALS = set("〇零一二两三四五六七八九十百千万亿几")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _is_cjk(ch: str) -> bool:
    return bool(_CJK.fullmatch(ch))


def _numeric_char(ch: str) -> bool:
    return ch.isdigit() or ch in _CN_NUMERALS


def passage_location(article: ArticleView, sentences: Sequence[SentenceView]) -> Location:
    """Location from the start of the first sentence to the end of the last one."""
    start = sentences[0].mapped.raw_span()[0]
    end = sentences[-1].mapped.raw_span()[1]
    return article.location(start, end)


def _passage_text(sentences: Sequence[SentenceView]) -> str:
    return "".join(s.text for s in sentences)


def _where(article: ArticleView, other: ArticleView, location: Location) -> str:
    """'《标题》（文件名 第N行）', or '本版《标题》第N行' when both are in the same file."""
    if other.document_id == article.document_id:
        return f"本版《{other.title}》第{location.line}行"
    return f"《{other.title}》（{PurePath(other.path).name} 第{location.line}行）"


def _where_en(article: ArticleView, other: ArticleView, location: Location) -> str:
    if other.document_id == article.document_id:
        return f"'{other.title}' on the same page, line {location.line}"
    return f"'{other.title}' ({PurePath(other.path).name}, line {location.line})"


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


def _differs_in_numbers(a: str, b: str) -> bool:
    """Whether the edits turning ``a`` into ``b`` touch a digit or numeral (a parallel fact)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal" and any(_numeric_char(c) for c in a[i1:i2] + b[j1:j2]):
            return True
    return False


def _percent(value: float) -> int:
    return int(value * 100 + 1e-9)


class RepeatedSentence(Rule):
    """同一篇稿件中同一句话出现两次（或几乎一字不差）。

    A sentence of at least ``min_chars`` content characters that occurs twice in one
    article, exactly or with a similarity of at least ``similarity`` (Indel ratio over
    the text without punctuation).  Consecutive repeated sentences are reported as one
    passage.  The finding points at the second occurrence; the first is the related
    location.  An exact repeat is almost always a paste error and gets
    ``exact_severity`` (error); a near repeat (an edited sentence left next to its old
    version) gets the rule's severity (warning).  Near repeats whose differences are
    digits or numerals are parallel statements ("2022年收入500万元" / "2023年收入600万元")
    and are not reported.
    """

    code = "DUP001"
    name = "repeated-sentence"
    category = "duplicate"
    default_severity = "warning"
    defaults: ClassVar[dict[str, Any]] = {"min_chars": 10, "similarity": 0.9, "exact_severity": "error"}

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        from rapidfuzz.fuzz import ratio

        min_chars = int(self.settings["min_chars"])
        threshold = float(self.settings["similarity"])
        sentences = article.sentences
        contents = [content_chars(s.text) for s in sentences]
        first_of: dict[int, tuple[int, float]] = {}  # later index -> (earlier index, similarity)
        for b, cb in enumerate(contents):
            if len(cb) < min_chars:
                continue
            for a in range(b):
                ca = contents[a]
                if len(ca) < min_chars:
                    continue
                if ca == cb:
                    first_of[b] = (a, 1.0)
                    break
                score = ratio(ca, cb, score_cutoff=threshold * 100) / 100.0
                if score >= threshold and not _differs_in_numbers(ca, cb):
                    first_of[b] = (a, score)
                    break

        def no_overlap(run: list[tuple[int, int]]) -> bool:
            return run[-1][0] < run[0][1]  # the repeated passage starts after the original ends

        pairs = [(b, a) for b, (a, _) in first_of.items()]
        for run in merge_runs(pairs, 0, no_overlap):
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
            yield self.finding(
                loc, zh, en, related=[rel], suggestion="删去重复的一处",
                identity=(content_chars(_passage_text(later)),),
                severity=self.settings["exact_severity"] if exact else None,
            )


@dataclass
class _Match:
    mine: int  # index into article.sentences
    theirs: int  # index into other.sentences
    score: float


class CopiedPassage(Rule):
    """稿件中的句子或段落与另一篇稿件（含同一版面的其他稿件）相同或高度相似。

    Each sentence of the article is looked up in the archive by its exact content hash
    and by its shingle sketch bands; candidates are verified with a similarity of at
    least ``similarity``.  Sentences copied in order are merged into one passage
    finding per pair of articles, with the similarity in the message.  Short sentences
    (under ``min_sentence_chars``), passages under ``min_chars`` and stock phrases found
    in more than ``max_articles`` other articles are ignored.  A paragraph printed
    twice, a story re-run from an earlier issue, or a passage lifted from another report
    is something an editor must see before the page goes out.
    """

    code = "DUP002"
    name = "copied-passage"
    category = "duplicate"
    default_severity = "warning"
    defaults: ClassVar[dict[str, Any]] = {
        "min_sentence_chars": 8, "min_chars": 20, "similarity": 0.9, "max_articles": 5,
        "max_candidate_articles": 40, "max_gap": 1,
    }

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        min_sentence = int(self.settings["min_sentence_chars"])
        threshold = float(self.settings["similarity"])
        contents = [content_chars(s.text) for s in article.sentences]
        usable = [k for k, c in enumerate(contents) if len(c) >= min_sentence]
        if not usable:
            return
        found: dict[int, dict[tuple[int, int], float]] = defaultdict(dict)  # other article -> pairs

        # Exact copies: the sentence-hash index.
        by_hash: dict[int, list[int]] = defaultdict(list)
        for k in usable:
            by_hash[exact_hash(article.sentences[k].text)].append(k)
        exact_rows = [r for r in archive.sentences_by_hash(list(by_hash)) if r.article_id != article.id]
        exact_sentence_ids = {r.id for r in exact_rows}
        for row in exact_rows:
            other = archive.article(row.article_id)
            j = next((n for n, s in enumerate(other.sentences) if s.id == row.id), None)
            if j is None:
                continue
            for k in by_hash[row.text_hash]:
                found[row.article_id][(k, j)] = 1.0

        # Near copies: sketch bands shared with other articles' sentences, then verified.
        index_of = {s.id: k for k, s in enumerate(article.sentences)}
        mine_by_band: dict[int, set[int]] = defaultdict(set)
        for sentence_id, bands in archive.bands_of(article.id).items():
            k = index_of.get(sentence_id, -1)
            if k in usable:
                for band in bands:
                    mine_by_band[band].add(k)
        if mine_by_band:
            hits = Counter(
                aid for sid, aid in archive.sentences_by_bands(list(mine_by_band))
                if aid != article.id and sid not in exact_sentence_ids
            )
            for aid, _ in hits.most_common(int(self.settings["max_candidate_articles"])):
                other = archive.article(aid)
                other_index = {s.id: n for n, s in enumerate(other.sentences)}
                for sentence_id, bands in archive.bands_of(aid).items():
                    j = other_index.get(sentence_id)
                    if j is None or sentence_id in exact_sentence_ids:
                        continue
                    ks = set().union(*(mine_by_band.get(b, set()) for b in bands))
                    for k in ks:
                        if (k, j) in found[aid]:
                            continue
                        score = similarity(article.sentences[k].text, other.sentences[j].text)
                        if score >= threshold:
                            found[aid][(k, j)] = score

        # Stock phrases: a sentence found in many other articles is not a copy worth reporting.
        spread = Counter(k for pairs in found.values() for k in {k for k, _ in pairs})
        stock = {k for k, n in spread.items() if n > int(self.settings["max_articles"])}

        for aid in sorted(found, key=lambda a: archive.article(a).pub_order):
            if not archive.reports_pair(article, aid):
                continue
            pairs = {p: s for p, s in found[aid].items() if p[0] not in stock}
            yield from self._report(article, archive.article(aid), pairs)

    def _report(
        self, article: ArticleView, other: ArticleView, pairs: dict[tuple[int, int], float]
    ) -> Iterator[FindingDraft]:
        min_chars = int(self.settings["min_chars"])
        for run in merge_runs(pairs, int(self.settings["max_gap"])):
            mine = article.sentences[run[0][0] : run[-1][0] + 1]
            theirs = other.sentences[run[0][1] : run[-1][1] + 1]
            if len(content_chars(_passage_text(mine))) < min_chars:
                continue
            exact = all(pairs[p] >= 1.0 for p in run) and len(mine) == len(theirs)
            score = 1.0 if exact else similarity(_passage_text(mine), _passage_text(theirs))
            if score < float(self.settings["similarity"]):
                continue
            loc = passage_location(article, mine)
            rel = passage_location(other, theirs)
            unit_zh = "本句" if len(mine) == 1 else f"这段文字（{len(mine)}句）"
            unit_en = "This sentence" if len(mine) == 1 else f"This passage ({len(mine)} sentences)"
            what = "句子" if len(theirs) == 1 else "一段文字"
            if exact:
                zh = f"{unit_zh}与{_where(article, other, rel)}的{what}完全相同（相似度 100%）"
                en = f"{unit_en} also appears word for word in {_where_en(article, other, rel)} (similarity 100%)"
            else:
                zh = f"{unit_zh}与{_where(article, other, rel)}的{what}几乎相同（相似度 {_percent(score)}%）"
                en = f"{unit_en} nearly repeats {_where_en(article, other, rel)} (similarity {_percent(score)}%)"
            yield self.finding(
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

    Looks inside one enumeration: runs of quoted or book-title items written one after
    another (“A”“B”“A”, 《A》、《B》) and clauses listing items with 、 (the last item may
    be joined with 和/及).  An item of at least ``min_item_chars`` characters that occurs
    twice in the same enumeration is reported at its second occurrence: usually a
    different item was meant ("两条线路" that names the same route twice).
    """

    code = "DUP003"
    name = "repeated-list-item"
    category = "duplicate"
    default_severity = "warning"
    defaults: ClassVar[dict[str, Any]] = {"min_item_chars": 2}

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        min_chars = int(self.settings["min_item_chars"])
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
            seen: dict[str, tuple[int, int]] = {}
            for m in _QUOTED_ITEM.finditer(text, run.start(), run.end()):
                key = content_chars(m.group("item"))
                if len(key) < min_chars:
                    continue
                span = (m.start(), m.end())
                if key in seen:
                    yield seen[key], span
                else:
                    seen[key] = span

    @staticmethod
    def _listed(text: str, min_chars: int) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
        for clause in _CLAUSE.finditer(text):
            parts = clause.group().split("、")
            if len(parts) < 2:
                continue
            items: list[tuple[str, int]] = []  # (item, start in text)
            pos = clause.start()
            for n, part in enumerate(parts):
                if n == len(parts) - 1:
                    part = _TRAIL.sub("", part)
                    join = _LAST_JOIN.search(part)
                    if join is not None and join.start() > 0:
                        items.append((part[: join.start()], pos))
                        items.append((part[join.end() :], pos + join.end()))
                    else:
                        items.append((part, pos))
                else:
                    items.append((part, pos))
                pos += len(part) + 1
            # The first item may carry the clause's verb ("推进甲、乙、甲"): it is compared by
            # its ending, the others exactly.
            seen: dict[str, tuple[int, int]] = {}
            for item, start in items[1:]:
                if len(item) < min_chars:
                    continue
                span = (start, start + len(item))
                if item in seen:
                    yield seen[item], span
                else:
                    seen[item] = span
            head, head_start = items[0]
            for item, span in seen.items():
                if head == item or (len(item) >= 3 and head.endswith(item)):
                    at = head_start + len(head) - len(item)
                    yield (at, at + len(item)), span

    def _make(
        self, article: ArticleView, text: MappedText, first: tuple[int, int], second: tuple[int, int]
    ) -> FindingDraft:
        item = text.text[second[0] : second[1]]
        loc = article.span_location(text, *second)
        rel = article.span_location(text, *first)
        # The location spans both items when they are adjacent (“甲”“甲”): what an editor circles.
        if 0 <= second[0] - first[1] <= 1:
            loc = article.span_location(text, first[0], second[1])
        return self.finding(
            loc,
            f"列举中“{content_chars(item)}”出现了两次，疑为误写（另一项漏写或写错）",
            f"The item '{content_chars(item)}' is listed twice in one enumeration",
            related=[rel], suggestion="核对列举的各项，删去或改正重复的一项",
            identity=(item, text.text[max(0, first[0] - 4) : second[1] + 4]),
        )


# -- doubled characters and words ---------------------------------------------------------------


@lru_cache(maxsize=64)
def _boundaries(text: str) -> frozenset[int]:
    from checker.text.segment import cut

    out = {0}
    pos = 0
    for token in cut(text):
        pos += len(token)
        out.add(pos)
    return frozenset(out)


class DoubledWord(Rule):
    """误叠字或误叠词（“的的”“推进推进”），合法叠词除外。

    A two-character word written twice (ABAB: "推进推进", “共富共富”) is reported unless
    it is in ``reduplication_whitelist`` (研究研究, 一步一步 ...), starts with a numeral,
    or does not fall on word boundaries.  A doubled single character (AA) is reported
    only for the function characters in ``doubled_function_chars`` (的的, 了了, 在在),
    and only when word segmentation leaves both as one-character words, so 目的的,
    为了了解, 不了了之 and 石桥村村级 pass.  AABB (家家户户), AAA and whitelisted forms are
    never reported.  Doubling typically comes from an edit or a column-break join.
    """

    code = "DUP004"
    name = "doubled-word"
    category = "duplicate"
    default_severity = "warning"
    defaults: ClassVar[dict[str, Any]] = {}

    def _tables(self) -> tuple[set[str], set[str]]:
        cached = self.table_cache.get("tables")
        if cached is None:
            table = self.pack.table("duplicates", {}) or {}
            whitelist = {str(w) for w in table.get("reduplication_whitelist") or []}
            function = {str(c) for c in table.get("doubled_function_chars") or []}
            cached = (whitelist, function)
            self.table_cache["tables"] = cached
        result: tuple[set[str], set[str]] = cached
        return result

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        texts = [article.headline, *(s.mapped for s in article.sentences)]
        for text in texts:
            for start, end in self.doubled(text.text):
                word = text.text[start:end]
                single = word[: len(word) // 2]
                context = text.text[max(0, start - 4) : end + 4]
                yield self.finding(
                    article.span_location(text, start, end),
                    f"“{word}”疑为误叠，应为“{single}”",
                    f"'{word}' looks doubled by mistake; probably '{single}'",
                    suggestion=single, identity=(word, context),
                )

    def doubled(self, text: str) -> list[tuple[int, int]]:
        """Spans of doubled characters or words in ``text`` that are not legitimate reduplications."""
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
            if i + 3 < n and text[i + 1] != a and text[i : i + 2] == text[i + 2 : i + 4] and _is_cjk(text[i + 1]):
                word = text[i : i + 4]
                if word not in whitelist and text[i + 1] not in _CN_NUMERALS and self._on_words(text, i, (2, 4)):
                    out.append((i, i + 4))
                    i += 4
                    continue
            # AA
            if text[i + 1] == a and self._bad_pair(text, i, whitelist, function):
                out.append((i, i + 2))
                i += 2
                continue
            i += 1
        return out

    def _bad_pair(self, text: str, i: int, whitelist: set[str], function: set[str]) -> bool:
        a = text[i]
        if a not in function or a + a in whitelist:
            return False
        before = text[i - 1] if i > 0 else ""
        after = text[i + 2] if i + 2 < len(text) else ""
        if a in (before, after):
            return False  # AAA
        if i + 3 < len(text) and text[i + 2] == text[i + 3]:
            return False  # AABB
        if i >= 2 and text[i - 2] == text[i - 1]:
            return False  # the BB of AABB
        return self._on_words(text, i, (1, 2))

    @staticmethod
    def _on_words(text: str, i: int, offsets: tuple[int, int]) -> bool:
        """Whether segmentation puts word boundaries at ``i`` and ``i + each offset``."""
        bounds = _boundaries(text)
        return all(p in bounds for p in (i, *(i + o for o in offsets)))
