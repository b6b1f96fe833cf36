"""Named facts in one sentence: persons, places, organisations and quoted names.

Everything here is regular expressions and dictionaries from the rule pack
(``titles``, ``places``, ``orgs``, ``surnames``), compiled once per pack; jieba is
not needed.  Page text extracted from PDFs carries stray spaces inside words
("市长 周军波", "浙沪 边界"), so most matching runs on a *compacted* copy of the
sentence without whitespace and every span is mapped back to the sentence.
Bylines ("记者 李雨婷", "摄影 王 强") are the exception: there the spaces separate
names, so they are read on the sentence as written.

Design choices
--------------
* Chained places written together ("林埭镇徐家埭村") give one fact per place, each
  with its own exact span; the inner one records ``extra["parent"]`` (the place
  written just before it).  The name-typo checks compare places one by one.
* Known places inside an organisation name ("湖州市港航管理中心党委") are kept as
  place facts as well; places guessed from a suffix alone are dropped there.
* A person found after a title records ``extra["title"]`` and, when places or
  organisations are written immediately before the title, ``extra["org"]``.
* Keys: ``person:NAME``, ``place:NAME``, ``org:NAME``, ``name:NAME`` (whitespace removed).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from checker.extract import ExtractContext
from checker.extract.people import is_boundary as _is_boundary
from checker.extract.people import name_chars_ok as _name_chars_ok
from checker.extract.people import one_word_or_characters, plausible, untitled
from checker.extract.people import surname_len as _surname_len
from checker.extract.people import wordlike as _wordlike
from checker.extract.places import has_place_cue
from checker.model import FactDraft, FactKind
from checker.rulepack import RulePack, speech_verbs, strings, surnames
from checker.rulepack import titles as titles_of
from checker.text.cjk import HAN, HAN_RE

_CJK = HAN
_IS_CJK = HAN_RE
_WS = re.compile(r"\s")
_NON_WS_RUN = re.compile(r"\S+")
_NUMERALS = set("0123456789０１２３４５６７８９一二三四五六七八九十百千万两几多〇零")
# First characters that make a guessed place prefix too weak ("各村", "该镇").
_WEAK_PLACE_START = set("各全该本我每此其这那个等及和与的在是了到从对将把由为向于某归内走推干往被")
# A leading character of a guessed 3-character place stem that belongs to the text before it.
_LEAD_FUNCTION = frozenset("往在到从的了对向把被与和及动使让给跟同自经沿赴至离距据")
_PLACE_SUFFIX_CHARS = frozenset("省市县区镇乡村")
_DATE_MEASURE = frozenset("年月日号时天个")
# Characters that never start a person's or organisation's name ("但彭顺", "但她", "使公司").
_NAME_LEAD_JUNK = frozenset("但而并却就又也还再即便则且虽若使令让给跟往被把将对向从在于与和及的了她他它我你您咱俺这那")
# Characters that never end an organisation's stem ("促使公司", "让公司").
_ORG_STEM_END_JUNK = frozenset("使让令被把给向对的了和与及在是为")
_PRONOUNS = frozenset("她他它我你您咱俺")
# Both halves of a suffix split across two words must be words at least this frequent.
_STRADDLE_FREQ = 100
# A quoted one- or two-character word this frequent is ordinary text, not a name.
_QUOTED_WORD_FREQ = 50
_FUNCTION_TAILS = frozenset("的了着过地得吗呢吧啊")
# Guessed place prefixes that are dictionary words at least this frequent are ordinary text.
_PLACE_WORD_FREQ_LIMIT = 300
# Sentence punctuation that cannot occur inside a short quoted name.
_SENTENCE_PUNCT = set("，。！？；：,!?;")
_QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"))
_MAX_QUOTED = 16
_MAX_BOOK = 60
_MAX_ORG = 30
# Where a one-character variant of a place is looked for: before a place suffix, after these words.
_PLACE_TAIL_CHARS = "省市县区镇乡村"
_PLACE_CONTEXT_WORDS = ("在", "到", "赴", "来自", "位于", "前往", "落户", "地处", "途经")
# First characters of every quotation _quoted reads.
_QUOTE_OPENERS = "“‘「『\"《"


_Trie = dict[str, "_Trie"]  # character -> subtrie; the key "" marks the end of a word


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation trying longer words first, written as a trie ("北京(?:市)?|上海").

    It matches exactly what "|".join of the words longest first matches, also when the
    pattern around it backtracks: the words matching at one position are prefixes of one
    another, tried longest first either way. The regex engine tries every alternative of a
    flat alternation at each position; the trie tries the first characters only.
    """
    trie: _Trie = {}
    for word in {w for w in words if w}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie, top=True)


def _trie_pattern(node: _Trie, top: bool = False) -> str:
    alts = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if top or not alts:
        return "|".join(alts)
    body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
    if "" in node:  # a word ends here: the longer words first, then this one
        return f"(?:{body})?" if len(alts) == 1 else f"{body}?"
    return body


@dataclass
class _Rules:
    surnames: frozenset[str]
    double_surnames: frozenset[str]
    titles_re: re.Pattern[str]
    speech_re: re.Pattern[str]
    stop_words: tuple[str, ...]
    stop_words_re: re.Pattern[str]
    stop_chars: frozenset[str]
    title_words: tuple[str, ...]
    byline_re: re.Pattern[str]
    byline_rev_re: re.Pattern[str]
    known_places_re: re.Pattern[str]
    open_suffix_re: re.Pattern[str]
    suffix_not_followed: dict[str, str]
    not_places: frozenset[str]
    aliases: dict[str, str]
    not_place_tails: dict[str, tuple[str, ...]]
    org_suffix_re: re.Pattern[str]
    known_orgs_re: re.Pattern[str]
    not_orgs: frozenset[str]
    org_left_words: tuple[str, ...]
    org_left_chars: frozenset[str]
    project_suffixes: tuple[str, ...] = ()
    known_place_names: tuple[str, ...] = ()
    known_place_names_set: frozenset[str] = frozenset()
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # window -> _variant_of(window, variants), filled as windows are met (see _pack_variant_of)
    variant_memo: dict[str, object] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    # Byline roles, longest first (a post in brackets may end with one: "（市电视台记者）").
    role_words: tuple[str, ...] = ()
    # Words after a surname that refer to a person without naming them (王先生, 李大爷).
    honorifics: frozenset[str] = frozenset()
    title_set: frozenset[str] = frozenset()
    # Any byline role, written without spaces: both byline patterns need one.
    roles_re: re.Pattern[str] = re.compile("(?!)")
    # A photographer's credit after the name: "王强 摄", "（记者 王强摄）".
    photo_re: re.Pattern[str] = re.compile("(?!)")
    # Per organisation suffix, the not_orgs words longer than it (a candidate ending in one is no org).
    not_org_tails: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Titles of 2+ characters (the ones a speaker's title may be).
    speech_titles: tuple[str, ...] = ()
    # Matches wherever any pattern of extract_entities but the byline ones could match: a
    # sentence without a match has no entities (most sentences), so the rest is skipped.
    trigger_re: re.Pattern[str] = re.compile("")
    # trigger_re without the cues of variants alone (_PLACE_TAIL_CHARS, _PLACE_CONTEXT_WORDS):
    # a sentence matching trigger_re but not this can hold variants only.
    named_trigger_re: re.Pattern[str] = re.compile("")
    # The pack these rules come from (its confusion table decides which characters are alike).
    pack: RulePack | None = None


def _spaced(word: str) -> str:
    """Pattern for ``word`` allowing whitespace between its characters ("记 者")."""
    return r"\s*".join(re.escape(ch) for ch in word)


@lru_cache(maxsize=4)
def _rules_for(pack: RulePack) -> _Rules:
    titles = pack.table("titles", {}) or {}
    places = pack.table("places", {}) or {}
    orgs = pack.table("orgs", {}) or {}
    names_of = surnames(pack)

    title_words = titles_of(pack)
    roles = strings(titles.get("byline_roles"))
    role_alt = "|".join(_spaced(r) for r in sorted(set(roles), key=len, reverse=True))
    speech = list(speech_verbs(pack))
    open_suffixes = strings(places.get("open_suffixes")) or strings(places.get("suffixes"))
    # What each extractor but _variants needs to find anything (its patterns' words).
    named_cues = [
        *title_words, *speech, *strings(places.get("known")), *open_suffixes,
        *strings(orgs.get("suffixes")), *strings(orgs.get("known")), *_QUOTE_OPENERS,
    ]
    return _Rules(
        surnames=names_of.single,
        double_surnames=names_of.double,
        titles_re=re.compile(_alternation(title_words) or r"(?!)"),
        speech_re=re.compile(_alternation(speech) or r"(?!)"),
        stop_words=tuple(sorted(set(strings(titles.get("name_stop_words")) + speech), key=len, reverse=True)),
        stop_words_re=re.compile(_alternation(strings(titles.get("name_stop_words")) + speech) or r"(?!)"),
        stop_chars=frozenset(str(titles.get("name_stop_chars", ""))),
        title_words=title_words,
        # role, then names separated by spaces / ■ (a name may itself be spaced: "王 强")
        byline_re=re.compile(rf"(?<![{_CJK}])(?P<role>{role_alt})(?P<names>(?:[\s■◆●]*(?!{role_alt})[{_CJK}]+)+)"),
        byline_rev_re=re.compile(
            rf"(?:^|(?<=\n))[ \t　■◆●]*(?P<name>[{_CJK}](?:[ 　]?[{_CJK}]){{1,3}})[ \t　]*[■◆●]?[ \t　]*"
            rf"(?P<role>{role_alt})[ \t　]*(?=\n|$)"
        ),
        known_places_re=re.compile(_alternation(strings(places.get("known"))) or r"(?!)"),
        open_suffix_re=re.compile(_alternation(open_suffixes) or r"(?!)"),
        suffix_not_followed={str(k): str(v) for k, v in (places.get("suffix_not_followed_by") or {}).items()},
        not_places=frozenset(strings(places.get("not_places"))),
        not_place_tails={
            suffix: tuple(w for w in strings(places.get("not_places")) if len(w) > len(suffix))
            for suffix in open_suffixes
        },
        aliases={str(k): str(v) for k, v in (places.get("aliases") or {}).items()},
        org_suffix_re=re.compile(_alternation(strings(orgs.get("suffixes"))) or r"(?!)"),
        known_orgs_re=re.compile(_alternation(strings(orgs.get("known"))) or r"(?!)"),
        not_orgs=frozenset(strings(orgs.get("not_orgs"))),
        org_left_words=tuple(sorted(set(strings(orgs.get("left_stop_words"))), key=len, reverse=True)),
        org_left_chars=frozenset(str(orgs.get("left_stop_chars", ""))),
        project_suffixes=tuple(sorted(set(strings(orgs.get("project_suffixes"))), key=len, reverse=True)),
        known_place_names=tuple(strings(places.get("known"))),
        known_place_names_set=frozenset(strings(places.get("known"))),
        variants=_variant_index(strings(places.get("known"))),
        speech_titles=tuple(t for t in title_words if len(t) >= 2),
        roles_re=re.compile(_alternation(roles) or r"(?!)"),
        role_words=tuple(sorted(set(roles), key=len, reverse=True)),
        honorifics=frozenset(strings(titles.get("honorifics"))),
        title_set=frozenset(title_words),
        photo_re=re.compile(
            rf"(?:^|(?<=[\s（(【。；：:/]))(?P<name>[{_CJK}](?:[ 　]?[{_CJK}]){{1,3}})[ \t　]*[/／]?摄(?![{_CJK}])"
        ),
        not_org_tails={
            suffix: tuple(w for w in strings(orgs.get("not_orgs")) if len(w) > len(suffix))
            for suffix in strings(orgs.get("suffixes"))
        },
        trigger_re=re.compile(_alternation([*named_cues, *_PLACE_TAIL_CHARS, *_PLACE_CONTEXT_WORDS])),
        named_trigger_re=re.compile(_alternation(named_cues)),
        pack=pack,
    )


class _Compact:
    """The sentence without whitespace, mapping compact indexes back to the sentence."""

    __slots__ = ("idx", "sentence", "text")

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        if _WS.search(sentence) is None:
            self.text = sentence
            self.idx: list[int] | None = None
        else:
            # A run of non-space characters at a time, not a character at a time.
            idx: list[int] = []
            for run in _NON_WS_RUN.finditer(sentence):
                idx.extend(range(run.start(), run.end()))
            self.idx = idx
            self.text = _WS.sub("", sentence)

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.idx is None:
            return start, end
        return self.idx[start], self.idx[end - 1] + 1


@dataclass
class _Ent:
    kind: FactKind
    start: int  # compact coordinates
    end: int
    name: str
    known: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- persons


def _starts_stop(text: str, pos: int, rules: _Rules) -> bool:
    if pos >= len(text):
        return True
    if text[pos] in rules.stop_chars or not _IS_CJK.match(text[pos]):
        return True
    return rules.stop_words_re.match(text, pos) is not None


def _read_name(text: str, pos: int, rules: _Rules, known: Container[str] = frozenset()) -> int:
    """End of a person name starting at ``pos`` (a known name of 2-4 characters first), or -1."""
    for length in (4, 3, 2):
        if text[pos : pos + length] in known and pos + length <= len(text):
            return pos + length
    sl = _surname_len(text, pos, rules)
    if not sl:
        return -1
    given_start = pos + sl
    if _starts_stop(text, given_start, rules):
        return -1
    # One given character is certain; a second one unless a stop follows.
    end = given_start + 1
    if not _starts_stop(text, end, rules) and not _starts_title(text, end, rules):
        end += 1
    return end


def _starts_title(text: str, pos: int, rules: _Rules) -> bool:
    m = rules.titles_re.match(text, pos)
    return m is not None and len(m.group(0)) >= 2


def _persons_after_titles(
    text: str, rules: _Rules, known: Container[str], taken: list[tuple[int, int]]
) -> list[_Ent]:
    out: list[_Ent] = []
    for m in rules.titles_re.finditer(text):
        pos = m.end()
        first = True
        while True:
            end = _read_name(text, pos, rules, known)
            if (
                end < 0
                or _overlaps(pos, end, taken)
                or (text[pos:end] not in known and _wordlike(text[pos:end]))
                or _PRONOUNS.intersection(text[pos:end])
            ):
                break
            name = text[pos:end]
            extra: dict[str, Any] = {"title": m.group(0)}
            if not first:
                extra["listed"] = True
            out.append(_Ent("person", pos, end, name, extra={**extra, "_title_start": m.start()}))
            first = False
            # A list of names sharing the title: "副市长莫放路、戴建忠、宋怡玲".
            if end < len(text) and text[end] == "、":
                pos = end + 1
                continue
            break
    return out


def _persons_before_speech(text: str, rules: _Rules, known: Container[str]) -> list[_Ent]:
    out: list[_Ent] = []
    for m in rules.speech_re.finditer(text):
        verb_start = m.start()
        # Optional title between the name and the verb ("刘建群书记说").
        title = ""
        if text.endswith(rules.speech_titles, 0, verb_start):
            for t in rules.speech_titles:
                if text.endswith(t, 0, verb_start):
                    title = t
                    break
        name_end = verb_start - len(title)
        for length in (2, 3, 4):
            start = name_end - length
            if start < 0 or text[start] in _NAME_LEAD_JUNK:
                continue
            # "，但彭顺说": a conjunction between the boundary and the name.
            if not _is_boundary(text, start) and not (
                text[start - 1] in _NAME_LEAD_JUNK and _is_boundary(text, start - 1)
            ):
                continue
            if _PRONOUNS.intersection(text[start:name_end]):
                break
            if _read_name(text, start, rules, known) == name_end or (
                length == 3 and _surname_len(text, start, rules) and _name_chars_ok(text, start, name_end, rules)
            ):
                if text[start:name_end] not in known and _wordlike(text[start:name_end]):
                    break
                extra: dict[str, Any] = {"verb": m.group(0)}
                if title:
                    extra["title"] = title
                out.append(_Ent("person", start, name_end, text[start:name_end], extra=extra))
                break
        else:
            glued = _glued_speaker(text, name_end, rules, known)
            if glued is not None:
                extra = {"verb": m.group(0), "cue": "glued"}
                if title:
                    extra["title"] = title
                out.append(_Ent("person", glued, name_end, text[glued:name_end], extra=extra))
    return out


def _glued_speaker(text: str, name_end: int, rules: _Rules, known: Container[str]) -> int | None:
    """Start of a three-character name written straight after other words and before a
    speech verb ("教育专家王金山认为"), or None.

    No punctuation marks where the name begins, so the guards are stricter than after a
    comma: three characters (a surname and two, or a double surname and one), a plausible
    name, no word of the sentence crossing its edges, the character before it not a
    function character.
    """
    start = name_end - 3
    if start <= 0 or text[start - 1] in _NAME_LEAD_JUNK or _PRONOUNS.intersection(text[start:name_end]):
        return None
    name = text[start:name_end]
    if not _IS_CJK.match(text[start - 1]) or not plausible(name, rules, known):
        return None
    return start if name in known or one_word_or_characters(text, start, name_end) else None


def _byline_names(chunk: str, base: int, rules: _Rules) -> list[tuple[int, int, str]]:
    """Names in the text after a byline role: runs of CJK separated by spaces."""
    runs = [(m.start(), m.end()) for m in re.finditer(f"[{_CJK}]+", chunk)]
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(runs):
        s, e = runs[i]
        run = chunk[s:e]
        if len(run) == 1 and i + 1 < len(runs) and runs[i + 1][1] - runs[i + 1][0] == 1:
            # "王 强": one name typeset with a space inside.
            s2, e2 = runs[i + 1]
            if run in rules.surnames:
                out.append((base + s, base + e2, run + chunk[s2:e2]))
                i += 2
                continue
        if 2 <= len(run) <= 4 and _surname_len(run, 0, rules):
            out.append((base + s, base + e, run))
            i += 1
            continue
        if len(run) > 4 and _surname_len(run, 0, rules):
            # Name glued to following text ("胡佳英本报讯"): take surname + 2.
            out.append((base + s, base + s + 3, run[:3]))
        break
    return out


def _bylines(sentence: str, rules: _Rules) -> list[tuple[int, int, str, str]]:
    """(start, end, name, role) in sentence coordinates."""
    out: list[tuple[int, int, str, str]] = []
    for m in rules.byline_re.finditer(sentence):
        role = _WS.sub("", m.group("role"))
        for s, e, name in _byline_names(m.group("names"), m.start("names"), rules):
            out.append((s, e, name, role))
    for m in rules.byline_rev_re.finditer(sentence):
        name = _WS.sub("", m.group("name"))
        if 2 <= len(name) <= 4 and _surname_len(name, 0, rules):
            out.append((m.start("name"), m.end("name"), name, _WS.sub("", m.group("role"))))
    for m in rules.photo_re.finditer(sentence):
        name = _WS.sub("", m.group("name"))
        if _photo_credit(name, rules):
            out.append((m.start("name"), m.end("name"), name, "摄"))
    return out


def _photo_credit(name: str, rules: _Rules) -> bool:
    """Whether ``name`` before 摄 is a photographer's name, not 拍摄/航摄 or a caption's words."""
    from checker.text.segment import word_freq

    return plausible(name, rules) and not word_freq(name[-1] + "摄")


# ---------------------------------------------------------------- places and orgs


def _known_places(text: str, rules: _Rules) -> list[_Ent]:
    return [_Ent("place", m.start(), m.end(), m.group(0), known=True) for m in rules.known_places_re.finditer(text)]


def _link_places(places: list[_Ent], rules: _Rules) -> None:
    """Link each place to the one written just before it; a pack alias names its full form."""
    by_end = {p.end: p for p in places}
    for p in places:
        parent = by_end.get(p.start)
        if parent is not None:
            p.extra["parent"] = parent.name
        alias = rules.aliases.get(p.name)
        if alias and "full" not in p.extra:
            p.extra["full"] = alias


def _gazetteer_places(text: str, rules: _Rules) -> list[_Ent]:
    """The gazetteer's places (checker.extract.places), with what the gazetteer says of them:
    ``level`` (0 province ... 4 village) when all its readings agree, ``gazetteer`` (the full
    chain, 浙江省嘉兴市平湖市广陈镇) when it is one division, ``full`` for a short form naming
    one division, ``variant_of`` for a near miss (狭西省)."""
    from checker.extract.places import find_places
    from checker.text.gazetteer import gazetteer

    g = gazetteer()
    out = []
    for hit in find_places(text, rules.suffix_not_followed):
        extra: dict[str, Any] = {}
        if hit.variant_of:
            extra["variant_of"] = hit.variant_of
        levels = {g.level(i) for i in hit.ids}
        if len(levels) == 1:
            extra["level"] = levels.pop()
        if len(hit.ids) == 1:
            extra["gazetteer"] = g.chain(hit.ids[0])
        if hit.short and len({g.name(i) for i in hit.ids}) == 1:
            extra["full"] = g.name(hit.ids[0])
        out.append(_Ent("place", hit.start, hit.end, hit.name, known=not hit.variant_of, extra=extra))
    return out


def _drop_lead(text: str, s: int, rules: _Rules) -> bool:
    """Whether the first character of a guessed 3-character place stem belongs to the text before it.

    "本报讯上河村", "其中上河村": it completes the previous word; "2024年上河村": a date or
    measure character after a numeral; "柳塘镇上河村": a place suffix; "往上河村", "推动尚河村":
    a function character.
    """
    from checker.text.segment import word_freq

    ch = text[s]
    if ch in _LEAD_FUNCTION or ch in _PLACE_SUFFIX_CHARS:
        return True
    prev = text[s - 1 : s]
    if ch in _DATE_MEASURE and prev and (prev.isdigit() or prev in _NUMERALS):
        return True
    return any(
        s - k >= 0 and _IS_CJK.match(text[s - k]) is not None and word_freq(text[s - k : s + 1]) > 0 for k in (1, 2)
    )


def _guessed_places(
    text: str, rules: _Rules, known: list[_Ent], seen: Container[str] = frozenset()
) -> list[_Ent]:
    from checker.text.segment import word_freq

    known_ends = {e.end for e in known}
    out: list[_Ent] = []
    for m in rules.open_suffix_re.finditer(text):
        a, b = m.span()
        if _inside(a, b, known):
            continue
        suffix = m.group(0)
        nxt = text[b : b + 1]
        if nxt and nxt in rules.suffix_not_followed.get(suffix, ""):
            continue
        # Scan back over at most 3 name characters.
        s = a
        while s > a - 3 and s > 0 and s not in known_ends:
            ch = text[s - 1]
            if not _IS_CJK.match(ch) or ch in _NUMERALS or ch in rules.stop_chars or ch in _WEAK_PLACE_START:
                break
            s -= 1
        while s < a and text[s] in _WEAK_PLACE_START:
            s += 1
        if a - s == 3:
            # Two readings: prefer the one already known (gazetteer, archive, this article).
            long_name, short_name = text[s:b], text[s + 1 : b]
            if long_name not in seen and (short_name in seen or _drop_lead(text, s, rules)):
                s += 1
        if a - s < 2:
            continue
        cand = text[s:b]
        if cand in rules.not_places or cand.endswith(rules.not_place_tails.get(suffix, ())) or _inside(s, b, known):
            continue
        # An ordinary word before the suffix ("带动村", "示范县", "去年村") is not a place name.
        prefix = text[s:a]
        if cand not in seen and max(word_freq(prefix), word_freq(prefix[-2:])) >= _PLACE_WORD_FREQ_LIMIT:
            continue
        out.append(_Ent("place", s, b, cand))
    return out


def _org_start(text: str, end: int, rules: _Rules) -> int:
    """Where an organisation name ending just before ``end`` begins."""
    s = end
    limit = max(0, end - _MAX_ORG)
    while s > limit:
        ch = text[s - 1]
        if ch in rules.org_left_chars or ch.isdigit():
            break
        if ch not in "()（）" and not _IS_CJK.match(ch) and not ch.isalnum():
            break
        if text.endswith(rules.org_left_words, 0, s):
            break
        s -= 1
    # Unbalanced opening bracket at the start: drop it.
    while s < end and text[s] in "()（）":
        s += 1
    return s


def _straddles_words(text: str, a: int, b: int) -> bool:
    """Whether a suffix at [a, b) is really the end of one word and the start of the next.

    "村里的年轻人大多": 年轻人 + 大多, not an organisation ending in 人大.
    """
    from checker.text.segment import word_freq

    if b - a < 2 or b >= len(text):
        return False
    head = max(word_freq(text[a - 2 : a + 1]) if a >= 2 else 0, word_freq(text[a - 1 : a + 1]) if a >= 1 else 0)
    return head >= _STRADDLE_FREQ and word_freq(text[a + 1 : b + 1]) >= _STRADDLE_FREQ


def _orgs(text: str, rules: _Rules) -> list[_Ent]:
    from checker.text.segment import word_freq

    out = [_Ent("org", m.start(), m.end(), m.group(0), known=True) for m in rules.known_orgs_re.finditer(text)]
    for m in rules.org_suffix_re.finditer(text):
        a, b = m.span()
        s = _org_start(text, a, rules)
        # "使公司", "但彭顺": a function character or pronoun does not start a name.
        while s < a and text[s] in _NAME_LEAD_JUNK:
            s += 1
        if s == a:
            continue
        cand = text[s:b]
        suffix = m.group(0)
        stem = text[s:a]
        if (len(stem) == 1 and stem not in _PLACE_SUFFIX_CHARS) or stem[-1] in _ORG_STEM_END_JUNK:
            continue  # "斯公司", "促使公司": a stray character, not a name
        tails = rules.not_org_tails.get(suffix)
        if tails is None:  # not a listed suffix (cannot happen): the test spelt out
            tails = tuple(w for w in rules.not_orgs if len(w) > len(suffix))
        if cand in rules.not_orgs or cand.endswith(tails):
            continue
        if cand.count("(") + cand.count("（") != cand.count(")") + cand.count("）"):
            continue
        if _straddles_words(text, a, b):
            continue
        if suffix in rules.project_suffixes:
            # "年产2万吨可降解材料项目" describes a company's project; "重点项目" is no name.
            if s > 0 and (text[s - 1].isdigit() or text[s - 1] in _NUMERALS):
                continue
            if len(stem) <= 2 and word_freq(stem) >= _PLACE_WORD_FREQ_LIMIT:
                continue
        out.append(_Ent("org", s, b, cand, extra={"project": True} if suffix in rules.project_suffixes else {}))
    return out


# ---------------------------------------------------------------- quoted names


_QUOTE_RES = tuple(
    (left + right, re.compile(f"{left}([^{left}{right}]{{1,{_MAX_QUOTED}}}){right}")) for left, right in _QUOTE_PAIRS
)
_ASCII_QUOTE_RE = re.compile(f'"([^"\n]{{1,{_MAX_QUOTED}}})"')
_BOOK_RE = re.compile(f"《([^《》]{{1,{_MAX_BOOK}}})》")
_ANY_QUOTE = re.compile(f"[{_QUOTE_OPENERS}]")


def _ordinary_word(inner: str) -> bool:
    """A quoted one- or two-character ordinary word ("飞的", "好") is emphasis, not a name."""
    from checker.text.segment import word_freq

    if len(inner) > 2:
        return False
    return inner[-1] in _FUNCTION_TAILS or word_freq(inner) >= _QUOTED_WORD_FREQ


def _quoted(text: str) -> list[_Ent]:
    out: list[_Ent] = []
    if _ANY_QUOTE.search(text) is None:
        return out
    for quote, pattern in _QUOTE_RES:
        for m in pattern.finditer(text):
            inner = m.group(1)
            if _SENTENCE_PUNCT.intersection(inner) or not inner.strip() or _ordinary_word(inner):
                continue
            out.append(_Ent("name", m.start(), m.end(), inner, extra={"quote": quote}))
    for m in _ASCII_QUOTE_RE.finditer(text):
        inner = m.group(1)
        if not _SENTENCE_PUNCT.intersection(inner) and inner.strip() and not _ordinary_word(inner):
            out.append(_Ent("name", m.start(), m.end(), inner, extra={"quote": '""'}))
    for m in _BOOK_RE.finditer(text):
        out.append(_Ent("name", m.start(), m.end(), m.group(1), extra={"quote": "《》", "book": True}))
    return out


# ---------------------------------------------------------------- helpers


# Plain loops, not any() over a generator: these run dozens of times a sentence, mostly on
# empty or one-element lists, where setting up the generator is most of the cost.
def _overlaps(a: int, b: int, spans: Iterable[tuple[int, int]]) -> bool:
    for s, e in spans:  # noqa: SIM110 (see above)
        if a < e and s < b:
            return True
    return False


def _inside(a: int, b: int, ents: Iterable[_Ent]) -> bool:
    for e in ents:  # noqa: SIM110 (see above)
        if e.start <= a and b <= e.end:
            return True
    return False


def _drop_overlapping(cands: list[_Ent], keep: list[_Ent]) -> list[_Ent]:
    """Candidates not overlapping any kept entity, longest first among themselves."""
    if not cands:
        return []
    chosen: list[_Ent] = []
    spans = [(e.start, e.end) for e in keep]
    for c in sorted(cands, key=lambda e: (-(e.end - e.start), e.start)):
        if not _overlaps(c.start, c.end, spans):
            chosen.append(c)
            spans.append((c.start, c.end))
    return chosen


def _org_before(text: str, title_start: int, named: list[_Ent]) -> str | None:
    """Places/orgs written immediately before a title ("林埭镇徐家埭村" + "党委书记")."""
    pos = title_start
    if pos > 0 and text[pos - 1] == "的":
        pos -= 1
    start = pos
    by_end: dict[int, _Ent] = {}
    for e in named:
        if e.kind in ("place", "org"):
            cur = by_end.get(e.end)
            if cur is None or e.start < cur.start:
                by_end[e.end] = e
    while start in by_end:
        start = by_end[start].start
    return text[start:pos] if start < pos else None


# ---------------------------------------------------------------- one-character variants of known names


def _variant_index(names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Known names of 2-4 characters by one-character wildcard keys ("上?" -> 上海, 上饶 ...)."""
    index: dict[str, list[str]] = {}
    for name in names:
        if 2 <= len(name) <= 4 and all(_IS_CJK.match(ch) for ch in name):
            for i in range(len(name)):
                index.setdefault(f"{name[:i]}?{name[i + 1 :]}", []).append(name)
    return {k: tuple(v) for k, v in index.items()}


@dataclass
class _Archive:
    """``ctx.known_names`` prepared once per set object: persons for name lengths, variant index."""

    ref: set[str]
    size: int
    names: frozenset[str]  # the known names of 2-4 characters (what a name after a title may be)
    index: dict[str, tuple[str, ...]]
    kinds: dict[str, FactKind]


_ARCHIVES: dict[int, _Archive] = {}


def _known_kind(name: str, rules: _Rules) -> FactKind | None:
    if name[-1] in _PLACE_SUFFIX_CHARS or name in rules.known_place_names_set:
        return "place"
    if rules.org_suffix_re.search(name, max(0, len(name) - 3)) is not None:
        return "org"
    if 2 <= len(name) <= 4 and _surname_len(name, 0, rules):
        return "person"
    return None


def _archive(known: set[str], rules: _Rules) -> _Archive:
    cached = _ARCHIVES.get(id(known))
    if cached is not None and cached.ref is known and cached.size == len(known):
        return cached
    kinds: dict[str, FactKind] = {}
    for name in known:
        if 2 <= len(name) <= 4:
            kind = _known_kind(name, rules)
            if kind is not None:
                kinds[name] = kind
    arch = _Archive(
        ref=known, size=len(known),
        names=frozenset(n for n in known if 2 <= len(n) <= 4),
        index=_variant_index(kinds), kinds=kinds,
    )
    if len(_ARCHIVES) > 8:
        _ARCHIVES.clear()
    _ARCHIVES[id(known)] = arch
    return arch


_PLACE_CONTEXT_RE = re.compile("|".join(_PLACE_CONTEXT_WORDS))
_PLACE_TAIL_RE = re.compile(f"[{_PLACE_TAIL_CHARS}]")
_CJK_WORD = re.compile(f"[{_CJK}]+")
_VARIANT_KINDS = frozenset({"confusion", "homophone", "shape"})


def _similar(a: str, b: str, pack: RulePack) -> bool:
    from checker.text.similar_chars import _table_for

    sim = _table_for(pack).similarity(a, b)
    return sim is not None and sim.kind in _VARIANT_KINDS


def _variant_of(window: str, index: dict[str, tuple[str, ...]], rules: _Rules) -> str | None:
    """The known name ``window`` differs from by one similar character, if exactly one."""
    assert rules.pack is not None
    found: list[str] = []
    for i in range(len(window)):
        for name in index.get(f"{window[:i]}?{window[i + 1 :]}", ()):
            if name != window and _similar(name[i], window[i], rules.pack):
                found.append(name)
    return found[0] if len(set(found)) == 1 else None


def _pack_variant_of(window: str, rules: _Rules) -> str | None:
    """``_variant_of(window, rules.variants)``, remembered: the same few thousand two- and
    three-character windows (after 在, before 市 ...) come back sentence after sentence."""
    memo = rules.variant_memo
    known = memo.get(window, _UNSEEN)
    if known is _UNSEEN:
        if len(memo) >= _VARIANT_MEMO_SIZE:
            memo.clear()
        known = memo[window] = _variant_of(window, rules.variants, rules)
    return known  # type: ignore[return-value]


_UNSEEN = object()
_VARIANT_MEMO_SIZE = 50_000  # a few MB at most; cleared when full


def _variants(
    text: str, rules: _Rules, archive: _Archive | None,
    title_ends: Iterable[int], speech_starts: Iterable[int], blocked: list[tuple[int, int]],
) -> list[_Ent]:
    """Names one similar character away from a known name ("上梅" for 上海, "阵德铭" for 陈德铭).

    Only windows in a place-typical position (before 省/市/县 ..., after 在/到/位于 ...) are
    tried for places, and windows after a title or before a speech verb for persons; a
    window that is a known name or a dictionary word is never a variant.
    """
    from checker.text.segment import word_freq

    windows: list[tuple[int, int, str]] = []  # start, end, wanted kind
    for m in _PLACE_TAIL_RE.finditer(text):
        for n in (2, 3):
            if m.start() - n >= 0:
                windows.append((m.start() - n, m.start(), "place"))
    for m in _PLACE_CONTEXT_RE.finditer(text):
        for n in (2, 3):
            windows.append((m.end(), m.end() + n, "place"))
    for pos in title_ends:
        for n in (2, 3):
            windows.append((pos, pos + n, "person"))
    for pos in speech_starts:
        for n in (2, 3):
            if pos - n >= 0:
                windows.append((pos - n, pos, "person"))
    out: list[_Ent] = []
    taken = list(blocked)
    for start, end, want in windows:
        if end > len(text) or _overlaps(start, end, taken):
            continue
        window = text[start:end]
        if _CJK_WORD.fullmatch(window) is None:  # not all CJK (a window is never empty)
            continue
        known: str | None = None
        kind: FactKind = "place"
        if want == "place":
            known = _pack_variant_of(window, rules)
        if known is None and archive is not None:
            known = _variant_of(window, archive.index, rules)
            if known is not None:
                kind = archive.kinds[known]
                if (kind == "person") != (want == "person"):
                    known = None
        if known is None or window in rules.known_place_names_set or word_freq(window) > 0:
            continue
        if archive is not None and window in archive.kinds:
            continue
        out.append(_Ent(kind, start, end, window, extra={"variant_of": known}))
        taken.append((start, end))
    return out


def _stem(place: str) -> str:
    for suffix in ("街道", "镇", "乡", "县", "市", "区", "村"):
        if place.endswith(suffix) and len(place) - len(suffix) >= 2:
            return place[: -len(suffix)]
    return place


def _named(
    text: str, rules: _Rules, ctx: ExtractContext, archive: _Archive | None, taken: list[tuple[int, int]],
    known_persons: _KnownPersons,
) -> tuple[list[_Ent], list[_Ent], list[_Ent], list[tuple[int, int]], list[int], list[int]]:
    """Persons, places and organisations but variants; the spans they block, title ends and
    speech verb starts (where a variant may be looked for)."""
    known_names: Container[str] = archive.names if archive is not None else frozenset()
    # The gazetteer's reading first: it wins a tie with the pack's list (and carries its levels).
    known_places = _drop_overlapping(_gazetteer_places(text, rules) + _known_places(text, rules), [])
    orgs = _orgs(text, rules)
    persons = _persons_after_titles(text, rules, known_names, taken)
    # A title word inside a known place/org is not a title ("市委" in "中共平湖市委").
    persons = [p for p in persons if not _overlaps(p.start, p.end, [(k.start, k.end) for k in known_places])]
    title_spans = [(p.extra["_title_start"], p.start) for p in persons]
    # Title ends where no name was read: an unknown name there may be a variant ("市长阵德铭").
    title_ends = [m.end() for m in rules.titles_re.finditer(text) if len(m.group(0)) >= 2] if archive else []
    # An org candidate whose suffix lies inside a title ("党委" of "党委书记") is not an org.
    orgs = [o for o in orgs if not _overlaps(o.end - 1, o.end, title_spans)]
    orgs = [o for o in orgs if not _overlaps(o.start, o.end, [(p.start, p.end) for p in persons])]
    orgs = _drop_overlapping(orgs, [])
    guessed = _guessed_places(text, rules, known_places, _KnownNames(ctx, archive))
    guessed = [g for g in guessed if not _inside(g.start, g.end, orgs) and not _overlaps(g.start, g.end, title_spans)]
    guessed = _drop_overlapping(guessed, known_places)
    places = sorted(known_places + guessed, key=lambda e: e.start)
    _link_places(places, rules)

    named = places + orgs
    for p in persons:
        title_start = p.extra.pop("_title_start")
        org = _org_before(text, title_start, named)
        if org:
            p.extra["org"] = org
    speakers = _persons_before_speech(text, rules, known_names)
    blocked = [(e.start, e.end) for e in named + persons] + taken
    persons += [sp for sp in speakers if not _overlaps(sp.start, sp.end, blocked)]
    blocked = [(e.start, e.end) for e in named + persons] + taken
    untitled_persons = _untitled_persons(text, rules, known_persons, blocked)
    persons += untitled_persons
    blocked += [(p.start, p.end) for p in untitled_persons]
    speech_starts = [m.start() for m in rules.speech_re.finditer(text)]
    return persons, places, orgs, blocked, title_ends, speech_starts


_PEOPLE_CUE_RE = re.compile("[、（(：:]")


def _untitled_persons(
    text: str, rules: _Rules, known: _KnownPersons, blocked: list[tuple[int, int]]
) -> list[_Ent]:
    """Names written without a title (lists, a post in brackets, a speaker's label, known
    names: :func:`checker.extract.people.untitled`) where nothing else was found."""
    return [
        _Ent("person", p.start, p.end, p.name, extra=p.extra)
        for p in untitled(text, rules, known) if not _overlaps(p.start, p.end, blocked)
    ]


def extract_entities(sentence: str, ctx: ExtractContext) -> list[FactDraft]:
    """Persons, places, organisations and quoted names in ``sentence``, with exact spans,
    read with the lists of ``ctx.pack``."""
    from checker.text.segment import tokenizer_for

    rules = _rules_for(ctx.pack)
    tokenizer_for(ctx.pack)  # word_freq() below: the dictionary with this pack's names
    comp = _Compact(sentence)
    text = comp.text
    archive = _archive(ctx.known_names, rules) if ctx.known_names else None
    facts: list[FactDraft] = []

    # Bylines first, on the sentence as written.
    byline_spans: list[tuple[int, int]] = []
    seen_person: set[tuple[int, int]] = set()
    # The byline patterns allow spaces inside a role ("记 者"): the compact text holds it whole.
    bylines = _bylines(sentence, rules) if "摄" in sentence or rules.roles_re.search(text) else []
    for s, e, name, role in bylines:
        if (s, e) in seen_person:
            continue
        seen_person.add((s, e))
        byline_spans.append((s, e))
        facts.append(
            FactDraft(
                kind="person",
                start=s,
                end=e,
                text=sentence[s:e],
                key=f"person:{name}",
                extra={"role": role, "byline": True},
            )
        )
    gazetteer_cue = has_place_cue(text)
    known_persons = _KnownPersons(ctx, archive)
    # Lists, brackets and labels, or names already known: persons without a title may stand here.
    people_cue = bool(known_persons) or _PEOPLE_CUE_RE.search(text) is not None
    if not facts and not people_cue and not gazetteer_cue and rules.trigger_re.search(text) is None:
        return facts
    # Byline spans in compact coordinates, so nothing else claims them.
    taken: list[tuple[int, int]] = []
    if byline_spans:
        if comp.idx is None:
            taken = list(byline_spans)
        else:
            pos = {raw: i for i, raw in enumerate(comp.idx)}
            for s, e in byline_spans:
                cs = [pos[i] for i in range(s, e) if i in pos]
                if cs:
                    taken.append((cs[0], cs[-1] + 1))

    if facts or rules.named_trigger_re.search(text) is not None:
        persons, places, orgs, blocked, title_ends, speech_starts = _named(
            text, rules, ctx, archive, taken, known_persons
        )
    else:
        # Only a variant's or the gazetteer's cue matched (在, 到, a place suffix character, a
        # short form) or a cue of a person without a title: every other extractor finds nothing.
        persons = _untitled_persons(text, rules, known_persons, list(taken)) if people_cue else []
        places = _gazetteer_places(text, rules) if gazetteer_cue else []
        _link_places(places, rules)
        orgs, title_ends, speech_starts = [], [], []
        blocked = [(p.start, p.end) for p in persons + places]
    variants = _variants(text, rules, archive, title_ends, speech_starts, blocked)
    places += [v for v in variants if v.kind == "place"]
    orgs += [v for v in variants if v.kind == "org"]
    persons += [v for v in variants if v.kind == "person"]
    _qualify_projects(orgs, places, text)
    # Places must not cover a person found after a title.
    person_spans = [(p.start, p.end) for p in persons]
    places = [pl for pl in places if pl.known or not _overlaps(pl.start, pl.end, person_spans)]

    ents: list[_Ent] = [*persons, *places, *orgs, *_quoted(text)]
    seen: set[tuple[str, int, int]] = set()
    for ent in ents:
        key = (ent.kind, ent.start, ent.end)
        if key in seen:
            continue
        seen.add(key)
        s, e = comp.span(ent.start, ent.end)
        facts.append(
            FactDraft(
                kind=ent.kind,
                start=s,
                end=e,
                text=sentence[s:e],
                key=f"{ent.kind}:{_WS.sub('', ent.name)}",
                extra=ent.extra,
            )
        )
    facts.sort(key=lambda f: (f.start, f.end))
    for ent in (*places, *orgs):
        ctx.seen_names.add(ent.name)
    for ent in persons:
        if "variant_of" not in ent.extra:
            ctx.seen_persons.add(_WS.sub("", ent.name))
    ctx.seen_persons.update(b[2] for b in bylines)
    return facts


class _KnownPersons:
    """Names known to be persons': the archive's (``ctx.known_names``) and this article's."""

    __slots__ = ("archive", "ctx")

    def __init__(self, ctx: ExtractContext, archive: _Archive | None) -> None:
        self.ctx = ctx
        self.archive = archive

    def __contains__(self, name: object) -> bool:
        if name in self.ctx.seen_persons:
            return True
        return self.archive is not None and self.archive.kinds.get(name) == "person"  # type: ignore[call-overload]

    def __bool__(self) -> bool:
        return bool(self.ctx.seen_persons) or (self.archive is not None and bool(self.archive.kinds))


class _KnownNames:
    """Membership in the gazetteer, the archive's names and the names seen in this article."""

    __slots__ = ("archive", "ctx", "rules")

    def __init__(self, ctx: ExtractContext, archive: _Archive | None) -> None:
        self.ctx = ctx
        self.archive = archive
        self.rules = _rules_for(ctx.pack)

    def __contains__(self, name: object) -> bool:
        return (
            name in self.ctx.seen_names
            or name in self.rules.known_place_names_set
            or (self.archive is not None and name in self.archive.kinds)
            or _in_gazetteer(name)
        )


def _in_gazetteer(name: object) -> bool:
    from checker.text.gazetteer import gazetteer

    return name in gazetteer()


def _qualify_projects(orgs: list[_Ent], places: list[_Ent], text: str) -> None:
    """A project named after "在柳塘镇，" is 柳塘's: extra["full"] = 柳塘智能装备产业园."""
    for org in orgs:
        if not org.extra.get("project"):
            continue
        before = [p for p in places if p.end <= org.start and p.start > 0 and text[p.start - 1] == "在"]
        if not before:
            continue
        stem = _stem(before[-1].name)
        if stem and not org.name.startswith(stem) and not any(p.start == org.start for p in places):
            org.extra["full"] = stem + org.name


def subject_candidates(entities: Sequence[FactDraft]) -> str | None:
    """Name of the last place or organisation in ``entities`` (by position), if any.

    A person is only the subject of a sentence's numbers when nothing else is named:
    "上河村党委书记沈国华告诉记者" carries 上河村, not the speaker.  A project named after
    its place ("在柳塘镇，…智能装备产业园") carries its qualified name (extra["full"]).
    """
    best: FactDraft | None = None
    person: FactDraft | None = None
    for f in entities:
        if f.extra.get("byline") or f.kind not in ("place", "org", "person"):
            continue
        if f.kind == "person":
            if f.extra.get("verb") or f.extra.get("title") or f.extra.get("cue"):
                continue  # a speaker, an official, a name in a list: the number is hardly about them
            if person is None or (f.end, f.start) >= (person.end, person.start):
                person = f
        elif best is None or (f.end, f.start) >= (best.end, best.start):
            best = f
    best = best or person
    if best is None or best.key is None:
        return None
    full = best.extra.get("full") if best.kind == "org" else None
    return str(full) if full else best.key.split(":", 1)[1]
