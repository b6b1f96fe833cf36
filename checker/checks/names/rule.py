"""NAM001: a name written one character off its usual spelling, found by the detectors of this package."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from checker.checks.base import Archive, ArticleView, Rule
from checker.checks.names import archive as archive_detector
from checker.checks.names import archive_scan, quoted, slots, text_scan
from checker.checks.names import gazetteer as gazetteer_detector
from checker.checks.names.context import Form, NameContext
from checker.checks.names.spelling import bare
from checker.checks.settings import RuleSettings, setting
from checker.checks.typos import article_texts
from checker.model import NAME_KINDS, FindingDraft, Severity
from checker.rulepack import surnames
from checker.store.models import Fact
from checker.text.similar_chars import ConfusionTable

Detector = Callable[[NameContext], Iterator[FindingDraft]]

# The detectors in the order they run (a later one skips what an earlier one reported),
# each switched by the setting ``detect_<name>``.
DETECTORS: tuple[tuple[str, Detector], ...] = (
    ("gazetteer", gazetteer_detector.detect),
    ("archive", archive_detector.detect),
    ("quoted", quoted.detect),
    ("text_scan", text_scan.detect),
    ("archive_scan", archive_scan.detect),
    ("slots", slots.detect),
)


class NameVariantRule(Rule):
    """A name written one character off from its usual, much more frequent spelling.

    What it catches: Compares every person, place, organisation, quoted and byline name of the
    article with the names of the archive that differ from it in exactly one character (one index
    lookup) and with the spellings the article itself uses, and reports the rare spelling when the
    usual one is clearly more frequent and the two differing characters are easy to confuse: a
    listed confusion pair or homophones (error), or characters of similar shape or near sound
    (warning, and only with stronger frequency evidence). Sibling names that differ in numerals or
    directions (东村/西村, 一村/二村) and the pairs listed as distinct in ``rules/names.yaml`` are never
    reported. A name the extractor recognised only as a variant of a known name ("上梅" for 上海, marked
    ``variant_of``) is compared with that name on the usual thresholds; a swapped surname needs
    stronger evidence (杨/汤 are both surnames); long quoted names (6+ characters) are also compared
    with archive names two confusable characters away ("山水清音·渔歌晚照" / "山水青音·渔哥晚照"). Because a
    misspelt name is often not recognised as a name at all, the text is also searched the other way
    round: for the article's own names with one character changed ("湖志远" beside three "胡志远"), and,
    where segmentation falls apart into single characters, for the archive's frequent names ("湖锦涛"
    in an article that never writes "胡锦涛").

    Why: A misspelt village, company or reporter name is one of the most common and most
    embarrassing corrections in print.

    Example: an article that writes 石塘村 three times and 石唐村 once: 石唐村 is reported, 石塘村 suggested.

    The work is done by detectors, each a module of ``checker.checks.names`` switched by a
    setting: ``gazetteer`` (place names one similar character off a division of China's
    gazetteer, which outranks the archive: 狭西省 -> 陕西省 with no archive), ``archive`` (the
    article's names against the archive's and the text's spellings one character off),
    ``quoted`` (long quoted names two characters off), ``text_scan`` (the article's names
    searched in its text with one character changed), ``archive_scan`` (the archive's frequent
    names where segmentation falls apart) and ``slots`` (a misspelt surname after a title or
    before a speech verb).
    """

    code = "NAM001"
    name = "name-variant"
    category = "name-conflict"

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

        detect_gazetteer: bool = setting(True, zh="检测器：与全国行政区划中差一个形近、音近字的地名比较（无需资料库）",
                                         en="detector: place names one similar character off a division of the "
                                            "gazetteer (no archive needed)")
        detect_archive: bool = setting(True, zh="检测器：与资料库及本稿中差一字的写法比较",
                                       en="detector: names against the archive's and the text's spellings one off")
        detect_quoted: bool = setting(True, zh="检测器：长引号专名与相差两字的写法比较",
                                      en="detector: long quoted names two characters off")
        detect_text_scan: bool = setting(True, zh="检测器：把本稿的名称替换一字在正文中反查",
                                         en="detector: the article's names searched in its text one character off")
        detect_archive_scan: bool = setting(True, zh="检测器：在分词散成单字处反查资料库的常见名称",
                                            en="detector: the archive's names where segmentation falls apart")
        detect_slots: bool = setting(True, zh="检测器：职务之后、“说”之前首字不是姓的人名",
                                     en="detector: a surname slip after a title or before a speech verb")

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
            names_of = surnames(self.pack)
            cache["surnames"] = names_of.single
            cache["double_surnames"] = names_of.double
        return cache["confusion"], cache["distinct"]

    def plausible(self, kind: str, name: str, variant_of: str | None = None) -> bool:
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

    def _forms(self, facts: Sequence[Fact]) -> list[Form]:
        suffixes = self._place_suffixes()
        out: list[Form] = []
        for f in facts:
            name = bare(f.text)
            out.append(Form(f, f.text, name, 0, f.kind))
            if f.kind == "place":
                # The place extractor may take a preceding word character into the name
                # ("带动尚河村" -> "动尚河村"): also check the tails of at least three characters.
                out.extend(Form(f, name[i:], name[i:], i, "place") for i in range(1, len(name) - 2))
            elif f.kind == "org":
                # The place an organisation name starts with ("白沙镇" of "白沙镇文化服务中心").
                for suffix in suffixes:
                    at = name.find(suffix, 2)
                    if at > 0 and at + len(suffix) < len(name):
                        head = name[: at + len(suffix)]
                        out.append(Form(f, head, head, 0, "place", len(name) - len(head)))
        return out


    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        table, distinct = self._tables()
        facts = [f for f in article.facts if f.kind in NAME_KINDS and f.text]
        if not facts:
            return
        ctx = NameContext(self, article, archive, facts, self._forms(facts), article_texts(article), table, distinct)
        for key, detect in DETECTORS:
            if not getattr(self.settings, f"detect_{key}"):
                continue
            for draft in detect(ctx):
                ctx.reported.add(draft.location.text)
                yield draft
