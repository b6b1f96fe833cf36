"""Person names written without a title: in lists, before a bracketed post, as a speaker's
label, and names the archive (or this article) already knows.

A person's name is a surname of ``rules/surnames.yaml`` and one or two characters.  Where
no title announces it, the text around it must: an enumeration of names ("张明、李华、王小红
等"), the post in brackets after it ("王建国（县农业农村局局长）"), an interview's speaker
label ("赵立新：今年…"), or the name being one the archive has printed as a person's at
least twice (``ExtractContext.known_names``) or that this article has already introduced.
Speakers before 说/表示 and names after titles stay in :mod:`checker.extract.entities`;
this module shares their notion of a name.

Guards against false names (a surname character starting an ordinary word: 高速, 王国,
金融): a candidate that jieba's dictionary knows as a word of another kind
(:func:`checker.text.person_words.other_word`), whose first two characters are a frequent
word, or that a word of the sentence crosses (:func:`checker.text.segment.crosses_word`:
"李强调整" holds 强调, not 李强) is no name; listed items must all be name-shaped, and items
ending like a place or organisation (孙村, 李庄镇) are not names.

All coordinates are those of the compacted sentence (whitespace removed) used by the
entity extractor.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.extract.entities import _Rules

CJK = "\u4e00-\u9fff"
IS_CJK = re.compile(f"[{CJK}]")
# Characters that join the last item of a list of names ("张明、李华和王小红").
_LIST_JOINERS = frozenset("和与及")
# A place or organisation ends so: a listed item ending so is not a person (孙村、李庄镇).
_NOT_PERSON_TAILS = frozenset("省市县区镇乡村庄组路街港湾园厂局委办院校所站")
# A name whose first two characters (or the whole of it) are a frequent jieba word is
# ordinary text ("村民文化活动" is not 村民 + 文化活).
WORD_FREQ_LIMIT = 1000
# A given name that is also a word is rarely one this common (建国 3,083; 昨天 4,707, 这样 48,926).
_GIVEN_WORD_FREQ = 4000
_BRACKETS = (("（", "）"), ("(", ")"))
_MAX_BRACKETED = 24


@dataclass
class Person:
    start: int
    end: int
    name: str
    extra: dict[str, Any] = field(default_factory=dict)


def surname_len(text: str, pos: int, rules: _Rules) -> int:
    """Length of the surname starting at ``pos`` (2 for 欧阳, 1 for 王), 0 when there is none."""
    if text[pos : pos + 2] in rules.double_surnames:
        return 2
    ch = text[pos : pos + 1]
    if ch and ch in rules.surnames and (ch not in rules.stop_chars or ch == "于"):
        return 1
    return 0


def wordlike(name: str) -> bool:
    from checker.text.segment import word_freq

    return word_freq(name[:2]) >= WORD_FREQ_LIMIT or word_freq(name) >= WORD_FREQ_LIMIT


def is_boundary(text: str, pos: int) -> bool:
    """True when a name may start at ``pos`` (start of text or after punctuation)."""
    return pos == 0 or not IS_CJK.match(text[pos - 1])


def name_chars_ok(text: str, start: int, end: int, rules: _Rules) -> bool:
    return all(IS_CJK.match(ch) and ch not in rules.stop_chars for ch in text[start + 1 : end])


def plausible(name: str, rules: _Rules, known: Container[str] = ()) -> bool:
    """Whether ``name`` (a surname and one or two characters, or a known name) reads as a
    person's name and not as an ordinary word starting with a surname character."""
    from checker.text.person_words import is_person_word, other_word

    if name in known:
        return True
    sl = surname_len(name, 0, rules)
    if not sl or not 1 <= len(name) - sl <= 2 or not all(IS_CJK.match(ch) for ch in name):
        return False
    given = name[sl:]
    # 王先生, 李大爷, 张总: a surname and an honorific (jieba tags some of them as names: 马先生);
    # 林主席: a surname and a title; 东介绍: a speech verb.
    if rules.stop_chars.intersection(given) or given in rules.honorifics or given in rules.title_set:
        return False
    if rules.stop_words_re.search(given):
        return False
    if is_person_word(name):
        return True
    return not (other_word(name) or wordlike(name))


def _stands_alone(text: str, start: int, end: int) -> bool:
    from checker.text.segment import crosses_word

    return not crosses_word(text, start, end)


def one_word_or_characters(text: str, start: int, end: int) -> bool:
    """Whether segmentation reads ``text[start:end]`` as a name: one word (马英九, a dictionary
    name), single characters (王/金/生, a name jieba does not know), or the surname and a
    given name that is also a word, not a very common one (赵/立新, 王/建国); no word may
    cross its edges.  A word starting at the surname (乐观/地, 古人/云) or a common word after
    it (时/这样, 荣/昨天) means ordinary text."""
    from checker.text.segment import word_freq, words

    lo, hi = max(0, start - 4), min(len(text), end + 4)
    at = lo
    for word in words(text[lo:hi]):
        w_start, at = at, at + len(word)
        if len(word) < 2 or at <= start or w_start >= end or (w_start, at) == (start, end):
            continue
        if w_start <= start or at != end or word_freq(word) >= _GIVEN_WORD_FREQ:
            return False
    return True


# ---------------------------------------------------------------- lists of names


def _item_name(item: str, rules: _Rules, known: Container[str]) -> bool:
    return 2 <= len(item) <= 4 and item[-1] not in _NOT_PERSON_TAILS and plausible(item, rules, known)


# What ends the clause an enumeration stands in.
_CLAUSE_END = re.compile("[，。；！？：,;!?:]")


def _clause_has_other_items(text: str, first: int, last: int) -> bool:
    """Whether the enumeration goes on beyond the names read (胡佛塔、金字门、纪念教堂): more
    items joined by 、 before ``first`` or after ``last`` within the clause."""
    before = text[:first]
    cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    after = _CLAUSE_END.search(text, last)
    return "、" in before[cut:] or "、" in text[last : after.start() if after else len(text)]


def _first_item(text: str, end: int, lo: int, rules: _Rules, known: Container[str]) -> int:
    """Start of a name ending at ``end`` (the first item of a list), -1 if none.

    The text before the first item may run straight into it ("获奖的有张明、…"): the longest
    name-shaped tail that starts on a boundary, after a word, or is known, is taken.
    """
    for length in (4, 3, 2):
        start = end - length
        if start < lo:
            continue
        item = text[start:end]
        if not _item_name(item, rules, known):
            continue
        if item in known or is_boundary(text, start) or _stands_alone(text, start, end):
            return start
    return -1


def _last_item(text: str, start: int, rules: _Rules, known: Container[str]) -> int:
    """End of a name starting at ``start`` (the last item of a list), -1 if none."""
    for length in (4, 3, 2):
        end = start + length
        if end > len(text):
            continue
        item = text[start:end]
        if not _item_name(item, rules, known):
            continue
        if end == len(text) or not IS_CJK.match(text[end]) or item in known or _stands_alone(text, start, end):
            return end
    return -1


def listed(text: str, rules: _Rules, known: Container[str]) -> list[Person]:
    """Names of an enumeration: two or more name-shaped items joined by 、 (the last may be
    joined by 和/与/及), every one of them a plausible name, one at least a name the
    dictionary, the archive or this article knows or of three characters."""
    out: list[Person] = []
    at = text.find("、")
    while at >= 0:
        # Gather a run of items: item、item、...
        spans: list[tuple[int, int]] = []
        first = _first_item(text, at, max(0, at - 4), rules, known)
        if first < 0:
            at = text.find("、", at + 1)
            continue
        spans.append((first, at))
        pos = at + 1
        while True:
            nxt = text.find("、", pos)
            middle = text[pos:nxt] if nxt >= 0 else ""
            if nxt >= 0 and 2 <= len(middle) <= 4 and IS_CJK.fullmatch(middle[0]) and _item_name(middle, rules, known) \
                    and all(IS_CJK.match(ch) for ch in middle):
                spans.append((pos, nxt))
                pos = nxt + 1
                continue
            end = _last_item(text, pos, rules, known)
            if end > 0:
                spans.append((pos, end))
                # "张明、李华和王小红"
                if end < len(text) and text[end] in _LIST_JOINERS:
                    tail = _last_item(text, end + 1, rules, known)
                    if tail > 0:
                        spans.append((end + 1, tail))
            break
        if (
            len(spans) >= 2
            and _convincing([text[s:e] for s, e in spans], known)
            and not _clause_has_other_items(text, spans[0][0], spans[-1][1])
            and all(text[s:e] in known or one_word_or_characters(text, s, e) for s, e in spans)
        ):
            out.extend(Person(s, e, text[s:e], {"cue": "list"}) for s, e in spans)
        at = text.find("、", max(pos, at + 1))
    return out


def _convincing(items: list[str], known: Container[str]) -> bool:
    """Some item of three characters, or every item a name the dictionary or archive knows."""
    from checker.text.person_words import is_person_word

    return any(len(i) >= 3 for i in items) or all(i in known or is_person_word(i) for i in items)


# ---------------------------------------------------------------- 姓名（职务）


def bracketed(text: str, rules: _Rules, known: Container[str]) -> list[Person]:
    """A name followed by its post in brackets: "王建国（县农业农村局局长）"."""
    out: list[Person] = []
    for left, right in _BRACKETS:
        at = text.find(left)
        while at >= 0:
            close = text.find(right, at + 1, at + 2 + _MAX_BRACKETED)
            inner = text[at + 1 : close] if close > 0 else ""
            if inner and (inner.endswith(rules.title_words) or inner.endswith(rules.role_words)):
                for length in (4, 3, 2):
                    start = at - length
                    if start < 0:
                        continue
                    name = text[start:at]
                    if not plausible(name, rules, known):
                        continue
                    if is_boundary(text, start) or text[start - 1] in _LIST_JOINERS or name in known \
                            or _stands_alone(text, start, at):
                        out.append(Person(start, at, name, {"cue": "bracket", "title": _title_at_end(inner, rules)}))
                        break
            at = text.find(left, at + 1)
    return out


def _title_at_end(inner: str, rules: _Rules) -> str:
    return next(t for t in (*rules.title_words, *rules.role_words) if inner.endswith(t))


# ---------------------------------------------------------------- 姓名：……


def speaker_label(text: str, rules: _Rules, known: Container[str]) -> list[Person]:
    """An interview's speaker label at the start of a sentence: "赵立新：今年的重点是…"."""
    for length in (4, 3, 2):
        if len(text) > length + 1 and text[length] in "：:":
            name = text[:length]
            if plausible(name, rules, known) and (name in known or one_word_or_characters(text, 0, length)):
                return [Person(0, length, name, {"cue": "label"})]
    return []


# ---------------------------------------------------------------- names already known


def known_mentions(text: str, rules: _Rules, known: Container[str]) -> list[Person]:
    """Every mention of a name the archive or this article knows as a person's, where it
    stands as a word of its own (李强 in "李强调了" does not)."""
    out: list[Person] = []
    pos = 0
    n = len(text)
    while pos < n - 1:
        if not surname_len(text, pos, rules):
            pos += 1
            continue
        for length in (4, 3, 2):
            end = pos + length
            if end <= n and text[pos:end] in known and _stands_alone(text, pos, end):
                out.append(Person(pos, end, text[pos:end], {"cue": "known"}))
                pos = end
                break
        else:
            pos += 1
    return out


def untitled(text: str, rules: _Rules, known: Container[str]) -> list[Person]:
    """All persons this module finds in ``text``, longest first where they overlap."""
    found = [*listed(text, rules, known), *bracketed(text, rules, known), *speaker_label(text, rules, known)]
    if known:
        found += known_mentions(text, rules, known)
    return _without_overlaps(found)


def _without_overlaps(found: Iterable[Person]) -> list[Person]:
    chosen: list[Person] = []
    for p in sorted(found, key=lambda p: (p.start, -(p.end - p.start))):
        if not any(p.start < c.end and c.start < p.end for c in chosen):
            chosen.append(p)
    return chosen
