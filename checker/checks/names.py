"""Name conflicts: a name spelled one character off, and a person given two ranks."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from checker.checks.base import Archive, ArticleView, Rule
from checker.checks.settings import RuleSettings, setting, severity_setting
from checker.checks.typos import CompactText, article_texts
from checker.model import NAME_KINDS, FindingDraft, Location, Severity
from checker.store.ingest import variant_keys
from checker.store.models import Fact
from checker.text.segment import word_freq, words
from checker.text.similar_chars import ConfusionTable, Similarity, homophone_chars

_PLACE_SUFFIX_CHARS = frozenset("省市县区镇乡村")

# checker.text.segment adds the rule pack's and archive's names to the dictionary with this
# frequency: such an entry is a known name, not an ordinary word.
_PACK_WORD_FREQ = 200_000
_QUOTES = "“”‘’「」『』《》\"'"
_KIND_ZH = {"person": "人名", "place": "地名", "org": "单位名称", "name": "名称"}
_KIND_EN = {"person": "person name", "place": "place name", "org": "organisation name", "name": "name"}


@lru_cache(maxsize=65536)  # archive names recur in every check
def _bare(text: str) -> str:
    """A fact's text without quotes and whitespace (what an editor reads as the name)."""
    return "".join(ch for ch in text if not ch.isspace()).strip(_QUOTES)


def _count_kinds(kind: str) -> tuple[str, ...]:
    return ("person",) if kind == "person" else ("place", "org", "name")


def _one_diff(a: str, b: str) -> int | None:
    """Index of the single differing character of two equal-length strings, else None."""
    if len(a) != len(b):
        return None
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return diffs[0] if len(diffs) == 1 else None


@dataclass
class _Candidate:
    name: str
    count: int
    similarity: Similarity
    index: int
    fact_ids: list[tuple[int, int]]  # (article_id, fact_id) of its occurrences in the archive
    text_at: tuple[CompactText, int] | None = None  # an occurrence in this article's text


@dataclass
class _Form:
    """A name as checked: the fact's name, or (for places) a tail of it."""

    fact: Fact
    text: str  # as stored (the whole fact text for the fact itself, the bare tail otherwise)
    name: str  # bare
    offset: int  # characters dropped from the start of the bare fact name
    kind: str = ""  # kind the form is counted as (default: the fact's)
    end_cut: int = 0  # characters dropped from the end of the bare fact name


class NameVariantRule(Rule):
    """A name written one character off from its usual, much more frequent spelling.

    Compares every person, place, organisation, quoted and byline name of the article
    with the names of the archive that differ from it in exactly one character (one
    index lookup) and with the spellings the article itself uses, and reports the rare
    spelling when the usual one is clearly more frequent and the two differing
    characters are easy to confuse: a listed confusion pair or homophones (error), or
    characters of similar shape or near sound (warning, and only with stronger
    frequency evidence).  Sibling names that differ in numerals or directions
    (东村/西村, 一村/二村) and the pairs listed as distinct in ``rules/names.yaml`` are
    never reported.  A name the extractor recognised only as a variant of a known name
    ("上梅" for 上海, marked ``variant_of``) is compared with that name on the usual
    thresholds; a swapped surname needs stronger evidence (杨/汤 are both surnames); long
    quoted names (6+ characters) are also compared with archive names two confusable
    characters away ("山水清音·渔歌晚照" / "山水青音·渔哥晚照").  Because a misspelt name is
    often not recognised as a name at all, the text is also searched the other way round:
    for the article's own names with one character changed ("湖志远" beside three "胡志远"),
    and, where segmentation falls apart into single characters, for the archive's
    frequent names ("湖锦涛" in an article that never writes "胡锦涛").  A misspelt village,
    company or reporter name is one of the most common and most embarrassing corrections
    in print.
    """

    code = "NAM001"
    name = "name-variant"
    category = "name-conflict"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = setting("error", zh="有力证据（易混字对、同音字）时的级别",
                                     en="severity on strong evidence (listed confusion pair, homophones)")
        weak_severity: Severity = setting("warning", zh="仅凭形近、音近时的级别",
                                          en="severity on shape or near-sound evidence only")
        min_count: int = setting(2, zh="常见写法至少出现的次数", en="the usual spelling occurs at least this often")
        ratio: float = setting(2.0, zh="常见写法的次数至少是此写法的几倍",
                               en="... and at least this many times as often as the variant")
        weak_min_count: int = setting(3, zh="仅凭形近、音近时常见写法至少出现的次数",
                                      en="the same for shape or near-sound evidence")
        weak_ratio: float = setting(3.0, zh="仅凭形近、音近时的倍数", en="the ratio for shape or near-sound evidence")
        person_two_char_min_count: int = setting(3, zh="两字人名：常见写法至少出现的次数（只认有力证据）",
                                                 en="two-character person names: strong evidence only, this often")
        min_text_scan: int = setting(3, zh="这么长的名称也与本稿正文逐字比较",
                                     en="names this long are also compared with the article's own text")
        min_length: dict[str, int] = setting(
            {"person": 2, "place": 3, "org": 4, "name": 4},
            zh="各类名称参与比较的最短字数（过短的多为抽取噪声）", en="shortest names compared, per kind",
        )
        surname_min_count: int = setting(3, zh="换了姓（两字都是姓）时常见写法至少出现的次数",
                                         en="a swapped surname (both characters surnames): usual spelling this often")
        max_word_freq: int = setting(50, zh="词频高于此值的常用词不当作错写的名称",
                                     en="a 'name' that is a dictionary word this common is not a misspelling")
        two_char_min_length: int = setting(6, zh="这么长的引号专名也与相差两个字的写法比较",
                                           en="quoted names this long are also compared two characters away")
        two_char_max_own: int = setting(2, zh="……条件是资料库中此写法至多出现这么多次",
                                        en="... when the archive has their spelling at most this often")
        scan_min_length: dict[str, int] = setting(
            {"person": 2, "place": 2, "org": 4, "name": 3},
            zh="反查（把本稿的名称替换一字在正文中查找）：各类名称的最短字数",
            en="names searched in the text with one character changed: shortest name per kind",
        )
        scan_min_count: int = setting(3, zh="反查：常见写法至少出现的次数（有力证据）",
                                      en="text search: the usual spelling this often (strong evidence)")
        scan_weak_min_count: int = setting(5, zh="反查：仅凭形近、音近时（三字以上名称）的次数门槛",
                                           en="text search: the same on shape or near-sound evidence (3+ characters)")
        scan_ratio: float = setting(3.0, zh="反查：常见写法的倍数",
                                    en="text search: how dominant the usual spelling is")
        scan_max_char_freq: int = setting(
            30000, zh="两字名称反查时，替换后的字若是这么常用的单字词，多半只是相邻的普通词",
            en="two-character names: a changed character this frequent as a word is an ordinary word",
        )
        scan_suffix_min_count: int = setting(
            2, zh="地名后缀写成易混字（村/树）时常见写法至少出现的次数",
            en="a place suffix written as its listed confusion partner: the usual form this often",
        )
        archive_scan_min_count: int = setting(3, zh="资料库反查（分词散成单字处）：常见写法至少出现的次数",
                                              en="archive names searched where segmentation falls apart: this often")
        archive_scan_max_char_freq: int = setting(
            20000, zh="资料库反查：被替换的单字若是这么常用的单字词，多半是相邻的普通词",
            en="archive search: a replaced character this common as a word is an ordinary word beside the name",
        )
        archive_scan_tail_char_freq: int = setting(
            10000, zh="资料库反查：窗口末字是这么常用的单字词、前面又是一个词时，多半是下一分句的开头",
            en="archive search: a window ending in a one-character word this common after a word is the next clause",
        )
        word_swap_min_freq: int = setting(
            50, zh="替换的字所在的词两种写法都是词典词（公立/私立）时不报（地名、机构名），词频下限",
            en="a changed character making another dictionary word this common is no misspelt name (places, orgs)",
        )
        slot_min_count: int = setting(
            2, zh="人名位置（职务之后、“说”之前）首字不是姓时，资料库中差一个易混姓的人名至少出现的次数",
            en="name slots whose first character is no surname: the archive's person one confusable surname away, "
               "this often",
        )

    settings: Settings

    def _tables(self) -> tuple[ConfusionTable, set[frozenset[str]]]:
        cache = self.table_cache
        if "confusion" not in cache:
            cache["confusion"] = ConfusionTable.from_pack(self.pack)
            data = self.pack.table("names", {}) or {}
            distinct = set()
            for pair in data.get("distinct_names") or ():
                names = [str(n) for n in pair]
                if len(names) >= 2:
                    distinct.add(frozenset(names))
            cache["distinct"] = distinct
            cache["weak_first"] = frozenset(str(data.get("weak_first_chars", "")))
            surnames = self.pack.table("surnames", {}) or {}
            cache["surnames"] = frozenset(str(x) for x in surnames.get("single") or ())
            cache["double_surnames"] = frozenset(str(x) for x in surnames.get("double") or ())
        return cache["confusion"], cache["distinct"]

    def _plausible(self, kind: str, name: str, variant_of: str | None = None) -> bool:
        """Whether ``name`` looks like a real name of ``kind`` (extraction noise is skipped).

        A name the extractor marked as a variant of a known name may be shorter and may
        start with a non-surname (无彦祖 for 吴彦祖): the known name vouches for it.
        """
        cache = self.table_cache
        min_length = self.settings.min_length
        shortest = 2 if variant_of else int(min_length.get(kind, 2))
        if len(name) < shortest or name[0] in cache["weak_first"]:
            return False
        if kind == "person":
            if variant_of and len(variant_of) == len(name) and variant_of[0] != name[0]:
                name = variant_of
            return name[:2] in cache["double_surnames"] or name[0] in cache["surnames"]
        return True

    def _place_suffixes(self) -> tuple[str, ...]:
        cache = self.table_cache
        if "suffixes" not in cache:
            places = self.pack.table("places", {}) or {}
            cache["suffixes"] = tuple(str(x) for x in places.get("open_suffixes") or ())
        suffixes: tuple[str, ...] = cache["suffixes"]
        return suffixes

    def _forms(self, facts: Sequence[Fact]) -> list[_Form]:
        suffixes = self._place_suffixes()
        out: list[_Form] = []
        for f in facts:
            name = _bare(f.text)
            out.append(_Form(f, f.text, name, 0, f.kind))
            if f.kind == "place":
                # The place extractor may take a preceding word character into the name
                # ("带动尚河村" -> "动尚河村"): also check the tails of at least three characters.
                out.extend(_Form(f, name[i:], name[i:], i, "place") for i in range(1, len(name) - 2))
            elif f.kind == "org":
                # The place an organisation name starts with ("白沙镇" of "白沙镇文化服务中心").
                for suffix in suffixes:
                    at = name.find(suffix, 2)
                    if at > 0 and at + len(suffix) < len(name):
                        head = name[: at + len(suffix)]
                        out.append(_Form(f, head, head, 0, "place", len(name) - len(head)))
        return out

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        table, distinct = self._tables()
        facts = [f for f in article.facts if f.kind in NAME_KINDS and f.text]
        if not facts:
            return
        forms = self._forms(facts)
        keys = sorted({k for form in forms for k in variant_keys(form.text)})
        # Distinct names per key first (index-only), occurrences only of the names that differ
        # by one easily confused character (the only ones _best can take): a key is shared by
        # hundreds of names in a large archive, and a frequent name has thousands of rows.
        names_by_key = archive.name_variant_names(keys)
        # A name the article uses several times is one spelling: its archive neighbours and
        # its variants in the text are looked up once (a key holds hundreds of names at 100k).
        spellings = {form.text: form.name for form in forms}
        differing = sorted({
            other for text, name in spellings.items() for key in variant_keys(text)
            for other in names_by_key.get(key, ()) if _confusable_neighbour(name, _bare(other), table)
        })
        occurrences = archive.name_occurrences(differing)
        by_key: dict[str, dict[str, list[tuple[int, int]]]] = {
            key: {name: occurrences.get(name, []) for name in names if name in occurrences}
            for key, names in names_by_key.items()
        }
        neighbours: dict[str, dict[str, list[tuple[int, int]]]] = {}
        for text, name in spellings.items():
            found: dict[str, list[tuple[int, int]]] = {}
            for key in variant_keys(text):
                for other, where in by_key.get(key, {}).items():
                    if _bare(other) != name and _one_diff(_bare(other), name) is not None:
                        found.setdefault(other, []).extend(where)
            neighbours[text] = found
        texts = article_texts(article)
        scan_min = self.settings.min_text_scan
        text_variants: dict[str, dict[str, tuple[CompactText, int, int]]] = {}
        wanted: set[str] = set()
        others_of: list[dict[str, list[tuple[int, int]]]] = []
        text_hits_of: list[dict[str, tuple[CompactText, int, int]]] = []
        for form in forms:
            others = neighbours[form.text]
            known = _variant_of(form)
            if known and known not in others and _one_diff(known, form.name) is not None:
                others = {**others, known: []}
            # Two-character persons too: their usual spelling may stand in this article only
            # inside a longer form of the name (阿仑 beside four 雷阿伦), which _best then weighs
            # on the two-character thresholds (strong evidence, three occurrences here).
            short_person = form.kind == "person" and len(form.name) == 2 and not form.offset
            hits: dict[str, tuple[CompactText, int, int]] = {}
            if len(form.name) >= scan_min or short_person:
                if form.name not in text_variants:
                    text_variants[form.name] = _text_variants(form.name, texts)
                hits = text_variants[form.name]
            others_of.append(others)
            text_hits_of.append(hits)
            if others or hits:
                wanted.add(form.text)
                wanted.update(others)
                wanted.update(hits)
        if not wanted:
            yield from self._two_char_variants(article, archive, facts, set(), table, distinct)
            yield from self._misspelt_in_text(article, archive, forms, texts, table, distinct)
            yield from self._archive_names_in_text(article, archive, forms, texts, table, distinct)
            yield from self._surname_slips(article, archive, facts, texts, table, distinct)
            return
        counts_by_kind: dict[tuple[str, ...], dict[str, int]] = {}
        done: set[int] = set()
        reported: set[str] = set()
        for form, others, hits in zip(forms, others_of, text_hits_of, strict=True):
            if (not others and not hits) or form.fact.id in done:
                continue
            kinds = _count_kinds(form.kind or form.fact.kind)
            if kinds not in counts_by_kind:
                counts_by_kind[kinds] = archive.name_counts(sorted(wanted), kinds)
            counts = counts_by_kind[kinds]
            own_text = _text_count(form.name, texts)
            own = max(counts.get(form.text, 0), own_text, 1)
            cand = self._best(form, others, hits, counts, own, table, distinct)
            if cand is not None:
                done.add(form.fact.id)
                reported.add(form.name)
                yield self._report(article, archive, form, cand, own)
        yield from self._two_char_variants(article, archive, facts, done, table, distinct)
        reported.update(_bare(f.text) for f in facts if f.id in done)
        for draft in self._misspelt_in_text(article, archive, forms, texts, table, distinct, reported):
            reported.add(draft.location.text)
            yield draft
        for draft in self._archive_names_in_text(article, archive, forms, texts, table, distinct, reported):
            reported.add(draft.location.text)
            yield draft
        yield from self._surname_slips(article, archive, facts, texts, table, distinct, reported)

    def _best(
        self, form: _Form, others: dict[str, list[tuple[int, int]]], hits: dict[str, tuple[CompactText, int, int]],
        counts: dict[str, int], own: int, table: ConfusionTable, distinct: set[frozenset[str]],
    ) -> _Candidate | None:
        s = self.settings
        mine = form.name
        best: _Candidate | None = None
        kind = form.kind or form.fact.kind
        known = _variant_of(form)
        if not self._plausible(kind, mine, known):
            return None
        if len(mine) <= 3 and kind != "person" and s.max_word_freq < word_freq(mine) < _PACK_WORD_FREQ:
            return None  # “飞的”: an ordinary word, not a misspelt name
        surnames = self.table_cache["surnames"]
        for other in set(others) | set(hits):
            name = _bare(other)
            index = _one_diff(mine, name)
            marked = name == known
            if index is None or frozenset((mine, name)) in distinct:
                continue
            if not self._plausible(kind, name, name if marked else None):
                continue
            sim = table.similarity(mine[index], name[index])
            if sim is None:
                continue
            if kind != "person" and _word_swap(mine, name, index, s.word_swap_min_freq):
                continue
            hit = hits.get(other)
            count = max(counts.get(other, 0), hit[2] if hit else 0)
            strong = sim.strong or marked  # the extractor's variant lookup is evidence of its own
            min_count, ratio = (s.min_count, s.ratio) if strong else (s.weak_min_count, s.weak_ratio)
            if kind == "person" and index == 0 and mine[0] in surnames and name[0] in surnames:
                # 杨明/汤明: both spellings are real surnames, so both may be real people.
                min_count = max(min_count, s.surname_min_count)
                ratio = max(ratio, s.weak_ratio)
            if form.fact.kind == "person" and len(mine) <= 2:
                # Namesakes are common: two-character names need strong evidence in this article.
                in_article = hit is not None or any(aid == form.fact.article_id for aid, _ in others.get(other, []))
                if not strong or not in_article:
                    continue
                min_count = max(min_count, s.person_two_char_min_count)
            if count < min_count or count < ratio * own:
                continue
            cand = _Candidate(name, count, sim, index, others.get(other, []), (hit[0], hit[1]) if hit else None)
            if best is None or (sim.strength, count) > (best.similarity.strength, best.count):
                best = cand
        return best

    def _misspelt_in_text(
        self, article: ArticleView, archive: Archive, forms: Sequence[_Form], texts: Sequence[CompactText],
        table: ConfusionTable, distinct: set[frozenset[str]], reported: frozenset[str] | set[str] = frozenset(),
    ) -> Iterator[FindingDraft]:
        """Misspellings the extractor never saw as names: “湖锦涛” beside three “胡锦涛”.

        A misspelt name is often not recognised as a name at all, so it is searched the
        other way round: every name the article uses is looked for in the article's text
        with one character changed.  Such a spelling is reported when the characters are
        easy to confuse, the usual spelling clearly dominates (in the article and the
        archive), the odd spelling is no known name or dictionary word, and it does not
        straddle a word of its sentence (“选中过” is no variant of 中国).
        """
        s = self.settings
        shortest = s.scan_min_length
        names = {f.name for f in forms}
        proposals: dict[str, tuple[_Form, int, CompactText, int, int]] = {}
        for form in forms:
            kind = form.kind or form.fact.kind
            if form.offset or form.end_cut or len(form.name) < int(shortest.get(kind, 3)):
                continue
            if not self._plausible(kind, form.name, form.name):  # (its length was checked just above)
                continue
            for variant, (text, start, count) in _text_variants(form.name, texts).items():
                index = _one_diff(variant, form.name)
                if index is None or variant in reported:
                    continue
                if frozenset((variant, form.name)) in distinct:
                    continue
                best = proposals.get(variant)
                if best is None or _text_count(form.name, texts) > _text_count(best[0].name, texts):
                    proposals[variant] = (form, index, text, start, count)
        if not proposals:
            return
        counts = archive.name_counts(sorted({*proposals, *(p[0].text for p in proposals.values())}))
        in_article = Counter(_bare(f.fact.text) for f in forms if not (f.offset or f.end_cut))
        for variant, (form, index, text, start, count) in sorted(proposals.items()):
            kind = form.kind or form.fact.kind
            name = form.name
            sim = table.similarity(variant[index], name[index])
            if sim is None or counts.get(variant, 0) > in_article[variant]:
                continue  # the other spelling is a name of its own elsewhere in the archive
            own = _text_count(name, texts)
            usual = max(counts.get(form.text, 0), own)
            # A place suffix written as its listed confusion partner (上河村 -> 上河树): the
            # suffix is what marks the place, so the slip is likely even on little evidence.
            suffix_slip = kind == "place" and _suffix_slip(variant, name, index, table)
            if suffix_slip:
                min_count, ratio = s.scan_suffix_min_count, s.ratio
            elif sim.strong:
                min_count, ratio = s.scan_min_count, s.scan_ratio
            elif len(name) >= 3 or kind == "place":
                min_count, ratio = s.scan_weak_min_count, s.scan_ratio
            else:
                continue  # two characters and only look-alike evidence: too many chance matches
            if kind == "person" and len(name) <= 2:
                min_count = max(min_count, s.person_two_char_min_count)
                if own < min_count or not sim.strong:
                    continue  # a two-character namesake: only evidence inside this article counts
            if usual < min_count or usual < ratio * count:
                continue
            if word_freq(variant) > s.max_word_freq or _straddles(text.text, start, start + len(variant)):
                continue
            if not suffix_slip and index == len(name) - 1 and len(name) >= 3 and (
                variant[:-1] in names or word_freq(variant[:-1])
            ):
                continue  # “上海是”: the name without its suffix, then the next word
            if len(name) == 2 and word_freq(variant[index]) > s.scan_max_char_freq:
                continue  # “包包上还挂着”: a function word beside one character of 上海
            if any(variant in done for done in reported):
                continue  # part of a misspelling already reported (厂陈 of 厂陈镇)
            related = article.fact_location(form.fact)
            a, b = variant[index], name[index]
            kind_zh = _KIND_ZH.get(kind, "名称")
            yield self.finding(
                text.location(article, start, start + len(variant)),
                f"{kind_zh}“{variant}”疑为“{name}”之误：“{a}”与“{b}”为{sim.label_zh}；"
                f"“{name}”出现{usual}次，“{variant}”仅{count}次。",
                f"{_KIND_EN.get(kind, 'name')} '{variant}' looks like a misspelling of '{name}' "
                f"({a}/{b}: {sim.kind}); '{name}' occurs {usual} times, '{variant}' {count} times.",
                related=[related],
                suggestion=name,
                identity=(variant, name),
                severity=self.severity if sim.strong else s.weak_severity,
            )

    def _archive_names_in_text(
        self, article: ArticleView, archive: Archive, forms: Sequence[_Form], texts: Sequence[CompactText],
        table: ConfusionTable, distinct: set[frozenset[str]], reported: frozenset[str] | set[str] = frozenset(),
    ) -> Iterator[FindingDraft]:
        """Misspellings of names the archive knows well, where the article never uses the name itself.

        Only where segmentation breaks the text into single characters (a misspelt name is no
        dictionary word: “湖|锦涛”, “浙|红|大学”) are windows of two to four characters looked up in
        the one-wildcard name index, the wildcard on such a single character.  A window is
        reported when it is no name or word of its own, the archive's spelling is frequent, and
        the two characters are easy to confuse.
        """
        s = self.settings
        min_count = s.archive_scan_min_count
        rare = s.archive_scan_max_char_freq
        tail_freq = s.archive_scan_tail_char_freq
        suffix_min = min(min_count, s.scan_suffix_min_count)
        mine = {f.name for f in forms}
        windows: dict[str, list[tuple[str, CompactText, int, int]]] = {}  # key -> (window, text, start, index)
        for t in texts:
            tokens = words(t.text)
            starts = [0]
            for w in tokens:
                starts.append(starts[-1] + len(w))
            for k, w in enumerate(tokens):
                if len(w) != 1 or not "\u4e00" <= w <= "\u9fff" or word_freq(w) > rare:
                    continue
                # windows of whole words around this single character, 2-4 characters long
                for first in range(max(0, k - 2), k + 1):
                    for last in range(k + 1, min(len(tokens), first + 3) + 1):
                        lo, hi = starts[first], starts[last]
                        window = t.text[lo:hi]
                        if not 2 <= len(window) <= 4 or not all("\u4e00" <= c <= "\u9fff" for c in window):
                            continue
                        at = starts[k] - lo
                        windows.setdefault(window[:at] + "?" + window[at + 1 :], []).append((window, t, lo, at))
        if not windows:
            return
        found = archive.name_variant_names(sorted(windows))
        # Pairs of easily confused characters first, then counted: a key holds hundreds of
        # names in a large archive, and counting each would read its facts.
        pairs: list[tuple[str, str, CompactText, int, int]] = []  # (known name, window, text, start, index)
        for wkey, names in found.items():
            for known in names:
                name = _bare(known)
                if name in mine:
                    continue
                for window, t, lo, at in windows[wkey]:
                    if window == name or window in reported or len(window) != len(name):
                        continue
                    if table.similarity(window[at], name[at]) is not None:
                        pairs.append((known, window, t, lo, at))
        known_counts = archive.name_counts(sorted({p[0] for p in pairs}), NAME_KINDS) if pairs else {}
        proposals: dict[str, tuple[str, CompactText, int, int]] = {}  # window -> (known name, text, start, index)
        for known, window, t, lo, at in sorted(pairs, key=lambda p: (p[1], p[0])):
            count, name = known_counts.get(known, 0), _bare(known)
            if count < suffix_min or (count < min_count and not _suffix_slip(window, name, at, table)):
                continue
            if window not in proposals:
                proposals[window] = (name, t, lo, at)
        if not proposals:
            return
        # The known names were counted above (as stored; their bare spelling is what is looked up).
        uncounted = {*proposals, *(p[0] for p in proposals.values())} - known_counts.keys()
        counts = {**known_counts, **archive.name_counts(sorted(uncounted))}
        persons = archive.name_counts(sorted({p[0] for p in proposals.values()}), ("person",))
        in_article = Counter(_bare(f.fact.text) for f in forms if not (f.offset or f.end_cut))
        for window, (name, t, lo, at) in sorted(proposals.items()):
            usual = counts.get(name, 0)
            least = suffix_min if _suffix_slip(window, name, at, table) else min_count
            if usual < least or counts.get(window, 0) > in_article[window] or frozenset((window, name)) in distinct:
                continue
            sim = table.similarity(window[at], name[at])
            if sim is None or word_freq(window) > s.max_word_freq:
                continue
            if at == len(window) - 1 and word_freq(window[at]) > tail_freq and word_freq(window[:at]) > 0:
                continue  # “移民据”: a word, then a function character starting the next clause
            person = persons.get(name, 0) * 2 >= usual
            if len(name) == 2 and (person or not sim.strong):
                continue  # two characters: namesakes, or a chance look-alike (禹洲 beside 秀洲)
            if person and not self._plausible("person", window, name):
                continue
            kind = "person" if person else "place"
            kind_zh = _KIND_ZH.get(kind, "名称") if len(name) >= 3 or not person else "名称"
            a, b = window[at], name[at]
            yield self.finding(
                t.location(article, lo, lo + len(window)),
                f"{kind_zh}“{window}”疑为“{name}”之误：“{a}”与“{b}”为{sim.label_zh}；"
                f"资料库中“{name}”出现{usual}次，“{window}”从未作为名称出现。",
                f"'{window}' looks like a misspelling of '{name}' ({a}/{b}: {sim.kind}); the archive has "
                f"'{name}' {usual} times and never '{window}' as a name.",
                related=self._archive_example(article, archive, name),
                suggestion=name,
                identity=(window, name),
                severity=self.severity if sim.strong else s.weak_severity,
            )

    def _slot_patterns(self) -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
        cache = self.table_cache
        if "slots" not in cache:
            titles = self.pack.table("titles", {}) or {}
            title_words = sorted(
                {str(t) for t in titles.get("titles") or () if len(str(t)) >= 2}, key=len, reverse=True
            )
            verbs = sorted({str(v) for v in titles.get("speech_verbs") or () if str(v)}, key=len, reverse=True)
            never = re.compile("(?!)")
            cache["slots"] = (
                re.compile("|".join(map(re.escape, title_words))) if title_words else never,
                re.compile("|".join(map(re.escape, verbs))) if verbs else never,
                frozenset(str(titles.get("name_stop_chars", ""))),
            )
        slots: tuple[re.Pattern[str], re.Pattern[str], frozenset[str]] = cache["slots"]
        return slots

    def _surname_slips(
        self, article: ArticleView, archive: Archive, facts: Sequence[Fact], texts: Sequence[CompactText],
        table: ConfusionTable, distinct: set[frozenset[str]], reported: frozenset[str] | set[str] = frozenset(),
    ) -> Iterator[FindingDraft]:
        """A person whose surname is misspelt where the text says a name must stand.

        The extractor reads a person after a title (董事长…) or before a speech verb (…告诉记者)
        only when the name starts with a surname, so a surname written with a homophone or
        look-alike that is no surname (“中红文” for 钟红文, “皇怒波” for 黄怒波) leaves no fact for the
        other comparisons.  Such slots, two or three characters starting with a non-surname, are
        looked up in the one-wildcard name index with the wildcard on the first character (one
        capped query for the article); the archive's person spelt that way at least
        ``slot_min_count`` times (``weak_min_count`` on shape evidence alone) is proposed.
        """
        s = self.settings
        title_re, verb_re, stop = self._slot_patterns()
        surnames = self.table_cache["surnames"]
        doubles = self.table_cache["double_surnames"]
        persons = {_bare(f.text) for f in facts if f.kind == "person"}
        windows: dict[str, list[tuple[str, CompactText, int]]] = {}  # key -> (window, text, start)

        def slot(t: CompactText, lo: int, hi: int) -> None:
            window = t.text[lo:hi]
            if len(window) != hi - lo or not all("\u4e00" <= c <= "\u9fff" for c in window):
                return
            if window[0] in surnames or window[:2] in doubles or stop.intersection(window[1:]):
                return  # a surname: the extractor read (or rejected) it already
            if window in persons or window in reported or _straddles(t.text, lo, hi):
                return  # “权威人士表示”: the slot cuts a word, no name stands there
            windows.setdefault("?" + window[1:], []).append((window, t, lo))

        for t in texts:
            for m in title_re.finditer(t.text):
                for n in (2, 3):
                    slot(t, m.end(), m.end() + n)
            for m in verb_re.finditer(t.text):
                for n in (2, 3):
                    if m.start() - n >= 0:
                        slot(t, m.start() - n, m.start())
        if not windows:
            return
        found = archive.name_variant_names(sorted(windows))
        names = sorted({n for names in found.values() for n in names})
        if not names:
            return
        person_counts = archive.name_counts(names, ("person",))
        window_counts = archive.name_counts(sorted({w for ws in windows.values() for w, _, _ in ws}))
        best: dict[tuple[int, int], tuple[str, str, CompactText, int, Similarity, int]] = {}
        for key, known in sorted(found.items()):
            for other in sorted(known):
                name = _bare(other)
                count = person_counts.get(other, 0)
                for window, t, lo in windows.get(key, ()):
                    if name == window or name[0] not in surnames or frozenset((window, name)) in distinct:
                        continue
                    sim = table.similarity(window[0], name[0])
                    if sim is None or window_counts.get(window, 0) > 0:
                        continue
                    if count < s.slot_min_count if sim.strong else s.weak_min_count:
                        continue
                    if word_freq(window) > s.max_word_freq or (len(window) == 2 and not sim.strong):
                        continue
                    at = (id(t), lo)
                    cur = best.get(at)
                    if cur is None or (len(window), sim.strength, count) > (len(cur[0]), cur[4].strength, cur[5]):
                        best[at] = (window, name, t, lo, sim, count)
        for window, name, t, lo, sim, count in sorted(best.values(), key=lambda b: (b[0], b[3])):
            if window in reported:
                continue
            reported = {*reported, window}
            a, b = window[0], name[0]
            yield self.finding(
                t.location(article, lo, lo + len(window)),
                f"人名“{window}”疑为“{name}”之误：“{a}”与“{b}”为{sim.label_zh}，“{a}”不是姓氏；"
                f"资料库中人名“{name}”出现{count}次。",
                f"person name '{window}' looks like a misspelling of '{name}' ({a}/{b}: {sim.kind}; "
                f"'{a}' is no surname); the archive has '{name}' {count} times.",
                related=self._archive_example(article, archive, name),
                suggestion=name,
                identity=(window, name),
                severity=self.severity if sim.strong else s.weak_severity,
            )

    def _archive_example(self, article: ArticleView, archive: Archive, name: str) -> list[Location]:
        # The latest other article naming it (a capped index lookup: a usual spelling is frequent).
        found = [(aid, fid) for aid, fid in archive.name_occurrences([name]).get(name, []) if aid != article.id]
        if not found:
            return []
        latest = max(aid for aid, _ in found)
        first = min(fid for aid, fid in found if aid == latest)
        view = archive.article(latest)
        fact = next((f for f in view.facts if f.id == first), None)
        return [view.fact_location(fact)] if fact is not None else []

    def _two_char_variants(
        self, article: ArticleView, archive: Archive, facts: Sequence[Fact], done: set[int],
        table: ConfusionTable, distinct: set[frozenset[str]],
    ) -> Iterator[FindingDraft]:
        """Long quoted names two confusable characters off a more frequent spelling.

        One substitution (a confusion partner or homophone) at one position, then the
        one-wildcard name index for the second: “山水清音·渔歌晚照” finds “山水青音·渔哥晚照”.
        """
        s = self.settings
        shortest = s.two_char_min_length
        long_names = [
            f for f in facts
            if f.id not in done and f.kind == "name" and len(_bare(f.text)) >= shortest
        ]
        if not long_names:
            return
        # A spelling the archive already has several times is no one-off slip: only rare
        # spellings pay for the many lookups below.
        seen = archive.name_counts(sorted({str(f.text) for f in long_names}), NAME_KINDS)
        for fact in long_names:
            mine = _bare(fact.text)
            if seen.get(str(fact.text), 0) > s.two_char_max_own:
                continue
            text = str(fact.text)
            keys: set[str] = set()
            for j, ch in enumerate(text):
                if not "\u4e00" <= ch <= "\u9fff":
                    continue
                for alt in table.partners(ch) | homophone_chars(ch):
                    changed = text[:j] + alt + text[j + 1 :]
                    keys.update(changed[:i] + "?" + changed[i + 1 :] for i in range(len(changed)) if i != j)
            names: set[str] = set()
            ordered = sorted(keys)
            for k in range(0, len(ordered), 500):
                names.update(n for found in archive.name_variant_names(ordered[k : k + 500]).values() for n in found)
            matches: list[tuple[str, list[int], list[Similarity]]] = []
            for other in sorted(names):
                name = _bare(other)
                diffs = _diffs(mine, name)
                if len(diffs) != 2 or frozenset((mine, name)) in distinct:
                    continue
                sims = [x for x in (table.similarity(mine[i], name[i]) for i in diffs) if x is not None]
                if len(sims) == 2:
                    matches.append((other, diffs, sims))
            if not matches:
                continue
            counts = archive.name_counts([*(m[0] for m in matches), text], NAME_KINDS)
            # The first spelling the archive still has (the lexicon keeps names of deleted articles).
            best = next((m for m in matches if counts.get(m[0], 0)), None)
            if best is None:
                continue
            other, diffs, sims = best
            count, own = counts.get(other, 0), max(counts.get(text, 0), 1)
            if count < s.min_count or count < s.ratio * own:
                continue
            name = _bare(other)
            cand = _Candidate(name, count, sims[0], diffs[0], archive.name_occurrences([other]).get(other, []))
            related = self._related(article, archive, cand)
            pairs = "、".join(f"“{mine[i]}”与“{name[i]}”" for i in diffs)
            pairs_en = ", ".join(f"{mine[i]}/{name[i]}" for i in diffs)
            strong = all(x.strong for x in sims)
            done.add(fact.id)
            yield self.finding(
                article.fact_location(fact),
                f"名称“{mine}”疑为“{name}”之误：两处写法有两字不同（{pairs}，均为易混或同音、形近字）；"
                f"“{name}”出现{count}次，“{mine}”仅{own}次。",
                f"name '{mine}' looks like a misspelling of '{name}' (two look-alike characters: {pairs_en}); "
                f"'{name}' occurs {count} times, '{mine}' {own} times.",
                related=[related] if related is not None else [],
                suggestion=name,
                identity=(mine, name),
                severity=self.severity if strong else s.weak_severity,
            )

    def _related(self, article: ArticleView, archive: Archive, cand: _Candidate) -> Location | None:
        # Prefer an occurrence in the same article, else the most recent one elsewhere.
        same = [fid for aid, fid in cand.fact_ids if aid == article.id]
        if same:
            fact = next((f for f in article.facts if f.id == same[0]), None)
            if fact is not None:
                return article.fact_location(fact)
        if cand.text_at is not None:
            text, start = cand.text_at
            return text.location(article, start, start + len(cand.name))
        other_ids = sorted({aid for aid, _ in cand.fact_ids if aid != article.id})
        if not other_ids:
            # Known only by text (a variant_of mark): the latest stored occurrence of the usual spelling.
            found = [f for f in archive.facts_by_text([cand.name], NAME_KINDS) if f.article_id != article.id]
            if not found:
                return None
            fact = max(found, key=lambda f: (f.article_id, -f.raw_start))
            return archive.article(fact.article_id).fact_location(fact)
        views = [archive.article(aid) for aid in other_ids]
        view = max(views, key=lambda v: v.pub_order)
        fact_ids = {fid for aid, fid in cand.fact_ids if aid == view.id}
        fact = next((f for f in view.facts if f.id in fact_ids), None)
        return view.fact_location(fact) if fact is not None else None

    def _location(self, article: ArticleView, form: _Form) -> Location:
        fact = form.fact
        if form.offset or form.end_cut:
            # Positions of the name's characters in the file text (which may hold spaces).
            raw = article.source.text[fact.raw_start : fact.raw_end]
            chars = [i for i, ch in enumerate(raw) if not ch.isspace() and ch not in _QUOTES]
            last = len(chars) - 1 - form.end_cut
            if 0 <= form.offset <= last < len(chars):
                return article.location(fact.raw_start + chars[form.offset], fact.raw_start + chars[last] + 1)
        return article.fact_location(fact)

    def _report(
        self, article: ArticleView, archive: Archive, form: _Form, cand: _Candidate, own: int
    ) -> FindingDraft:
        fact = form.fact
        mine = form.name
        sim = cand.similarity
        a, b = mine[cand.index], cand.name[cand.index]
        kind = form.kind or fact.kind
        kind_zh = _KIND_ZH.get(kind, "名称")
        if fact.kind == "person" and (fact.extra or {}).get("byline"):
            kind_zh = "署名"
        related = self._related(article, archive, cand)
        severity = self.severity if sim.strong else self.settings.weak_severity
        return self.finding(
            self._location(article, form),
            f"{kind_zh}“{mine}”疑为“{cand.name}”之误：“{a}”与“{b}”为{sim.label_zh}；"
            f"“{cand.name}”出现{cand.count}次，“{mine}”仅{own}次。",
            f"{_KIND_EN.get(kind, 'name')} '{mine}' looks like a misspelling of '{cand.name}' "
            f"({a}/{b}: {sim.kind}); '{cand.name}' occurs {cand.count} times, '{mine}' {own} times.",
            related=[related] if related is not None else [],
            suggestion=cand.name,
            identity=(mine, cand.name),
            severity=severity,
        )


def _suffix_slip(variant: str, name: str, index: int, table: ConfusionTable) -> bool:
    """A place's suffix (村, 镇 ...) written as its listed confusion partner (上河村 -> 上河树)."""
    if len(name) < 3 or index != len(name) - 1 or name[-1] not in _PLACE_SUFFIX_CHARS:
        return False
    sim = table.similarity(variant[index], name[index])
    return sim is not None and sim.kind == "confusion"


def _word_swap(a: str, b: str, index: int, min_freq: int) -> bool:
    """Whether the character at ``index`` lies in a two-character dictionary word in both ``a``
    and ``b`` (公立大学/私立大学): one word put for another, not a slip of the pen."""
    for lo in (index - 1, index):
        if lo >= 0 and lo + 2 <= len(a) and min(word_freq(a[lo : lo + 2]), word_freq(b[lo : lo + 2])) >= min_freq:
            return True
    return False


def _diffs(a: str, b: str) -> list[int]:
    """Indexes where two equal-length strings differ (every index when the lengths differ)."""
    if len(a) != len(b):
        return list(range(max(len(a), len(b))))
    return [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]


def _confusable_neighbour(mine: str, other: str, table: ConfusionTable) -> bool:
    """Whether ``other`` differs from ``mine`` in exactly one easily confused character."""
    index = _one_diff(mine, other) if other != mine else None
    return index is not None and table.similarity(mine[index], other[index]) is not None


def _variant_of(form: _Form) -> str | None:
    """The known name the extractor found this name to be a one-character variant of."""
    if form.offset or form.end_cut:
        return None
    known = (form.fact.extra or {}).get("variant_of")
    return str(known) if known else None


def _find_all(text: str, part: str) -> list[int]:
    out, at = [], text.find(part)
    while at >= 0:
        out.append(at)
        at = text.find(part, at + 1)
    return out


def _text_variants(name: str, texts: Sequence[CompactText]) -> dict[str, tuple[CompactText, int, int]]:
    """Spellings in the article's text differing from ``name`` in one CJK character:
    spelling -> (first text, start, number of occurrences).

    A window differing in one position matches ``name`` exactly in one of its halves, so
    candidates come from ``str.find`` of the two halves (no regex to compile per name).
    """
    out: dict[str, tuple[CompactText, int, int]] = {}
    n = len(name)
    if n == 0:
        return out
    h = n // 2
    for t in texts:
        s = t.text
        if n == 1:
            starts: Sequence[int] = range(len(s))
        else:
            cand = set(_find_all(s, name[:h])) if h else set()
            cand.update(p - h for p in _find_all(s, name[h:]))
            starts = sorted(c for c in cand if 0 <= c <= len(s) - n)
        for at in starts:
            window = s[at : at + n]
            if window == name:
                continue
            diff = [i for i in range(n) if window[i] != name[i]]
            if len(diff) != 1 or not "\u4e00" <= window[diff[0]] <= "\u9fff":
                continue
            first = out.get(window)
            out[window] = (t, at, 1) if first is None else (first[0], first[1], first[2] + 1)
    return out


def _text_count(name: str, texts: Sequence[CompactText]) -> int:
    return sum(t.text.count(name) for t in texts)


def _straddles(text: str, start: int, end: int) -> bool:
    """Whether a dictionary word of ``text`` crosses ``start`` or ``end`` (the span is then
    part of ordinary words, not a name on its own)."""
    lo, hi = max(0, start - 4), min(len(text), end + 4)
    at = lo
    for word in words(text[lo:hi]):
        w_start, at = at, at + len(word)
        if len(word) >= 2 and (w_start < start < at or w_start < end < at):
            return True
    return False


# ---------------------------------------------------------------------------- NAM002

_DEPUTY = ("常务副", "副")


def _rank(title: str) -> tuple[str, bool]:
    """(title without the deputy marker, whether it is a deputy title): 党委副书记 -> (党委书记, True)."""
    for marker in _DEPUTY:
        if marker in title:
            return title.replace(marker, "", 1), True
    return title, False


def _conflicting(t1: str, t2: str) -> bool:
    """Titles of one post at two ranks: 书记/副书记, 镇长/副镇长, 党委书记/副书记."""
    if t1 == t2:
        return False
    b1, d1 = _rank(t1)
    b2, d2 = _rank(t2)
    if d1 == d2:
        return False
    return b1 == b2 or (min(len(b1), len(b2)) >= 2 and (b1.endswith(b2) or b2.endswith(b1)))


def _orgs_compatible(o1: str | None, o2: str | None) -> bool:
    if not o1 or not o2:
        return True
    return o1 == o2 or o1.endswith(o2) or o2.endswith(o1)


def _days(d1: date, d2: date) -> int:
    return abs((d1 - d2).days)


@dataclass
class _Titled:
    article_id: int
    fact: Fact
    title: str
    org: str | None


class TitleConflictRule(Rule):
    """The same person given a post at two ranks (局长 and 副局长, 书记 and 副书记).

    Looks up every titled person of the article in the archive by name and reports a
    title that differs from another mention of the same person only by the deputy
    marker (副, 常务副), when the organisations written before the titles agree (or
    one is missing) and the mentions are close in time.  The rank used less often is
    reported, with the usual one as related; on a tie, the later mention.  Two-character
    names need the same organisation or the same article, since namesakes are common.
    Getting an official's rank wrong is a correction the paper has to print.
    """

    code = "NAM002"
    name = "title-conflict"
    category = "name-conflict"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")
        max_days: int = setting(120, zh="两处提到同一人相隔不超过这么多天才比较职务",
                                en="two mentions of a person are compared when at most this many days apart")

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        mine = [f for f in article.facts if f.kind == "person" and (f.extra or {}).get("title") and f.key]
        if not mine:
            return
        keys = sorted({str(f.key) for f in mine})
        everywhere = archive.facts_by_key(keys)
        by_key: dict[str, list[_Titled]] = {}
        for f in everywhere:
            extra = f.extra or {}
            title = extra.get("title")
            if f.kind == "person" and title and f.key:
                by_key.setdefault(f.key, []).append(_Titled(f.article_id, f, str(title), _org(extra)))
        reported: set[tuple[str, str]] = set()
        for fact in mine:
            extra = fact.extra or {}
            title, org = str(extra["title"]), _org(extra)
            name = _bare(fact.text)
            others = [
                t for t in by_key.get(str(fact.key), [])
                if t.fact.id != fact.id and _conflicting(title, t.title) and _orgs_compatible(org, t.org)
                and self._close(article, archive, t, fact, org)
            ]
            if not others or (name, title) in reported:
                continue
            own = 1 + sum(
                1 for t in by_key.get(str(fact.key), []) if t.fact.id != fact.id and t.title == title
            )
            tally: dict[str, list[_Titled]] = {}
            for t in others:
                tally.setdefault(t.title, []).append(t)
            usual, occurrences = max(tally.items(), key=lambda kv: (len(kv[1]), kv[0]))
            if len(occurrences) < own:
                continue
            if len(occurrences) == own and not self._later(article, archive, fact, occurrences):
                continue
            reported.add((name, title))
            first = min(occurrences, key=lambda t: (archive.article(t.article_id).pub_order, t.fact.raw_start))
            view = archive.article(first.article_id)
            yield self.finding(
                _with_title(article, fact, title),
                f"“{name}”在此处称“{title}”，另有{len(occurrences)}处称“{usual}”，职务前后不一致，请核实。",
                f"'{name}' is called {title} here but {usual} in {len(occurrences)} other place(s); "
                "check which title is right.",
                related=[view.fact_location(first.fact)],
                suggestion=usual if len(occurrences) > own else None,
                identity=(name, title, usual),
            )

    def _close(self, article: ArticleView, archive: Archive, other: _Titled, fact: Fact, org: str | None) -> bool:
        if other.article_id == article.id:
            return True
        view = archive.article(other.article_id)
        same_org = bool(org) and bool(other.org) and _orgs_compatible(org, other.org)
        if article.pub_date is None or view.pub_date is None:
            return same_org  # undated: only the same organisation written out ties the mentions
        if _days(article.pub_date, view.pub_date) > self.settings.max_days:
            return False
        if len(_bare(fact.text)) <= 2:
            return same_org
        return True

    @staticmethod
    def _later(article: ArticleView, archive: Archive, fact: Fact, occurrences: Sequence[_Titled]) -> bool:
        """On a tie, report only at the mention that comes after all the others."""
        here = (article.pub_order, fact.raw_start)
        return all((archive.article(t.article_id).pub_order, t.fact.raw_start) < here for t in occurrences)


def _with_title(article: ArticleView, fact: Fact, title: str) -> Location:
    """The person's location, widened to the title written just before the name (副局长韩雪梅)."""
    start = fact.raw_start - len(title)
    if start >= 0 and article.source.text[start : fact.raw_start] == title:
        return article.location(start, fact.raw_end)
    return article.fact_location(fact)


def _org(extra: dict[str, Any]) -> str | None:
    org = extra.get("org")
    return str(org) if org else None
