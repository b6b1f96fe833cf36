"""Plant known errors into real articles and record exactly where they are.

:func:`inject` takes the article files of a corpus (see :mod:`checker.evaluate.corpus`) and
changes a few of them, one error per file, so every planted error can be told apart.  It
chooses its sites by surface patterns and independent data only (:mod:`checker.evaluate.sites`,
:mod:`checker.evaluate.knowledge`), never through the checker's pipeline, extractors, rules or
character tables: a planted error the checker cannot see counts as missed, as it would for an
editor.  The manifest lists each error with its file, line, column and text (and the related
place it conflicts with or repeats), in the same terms as ``examples/answer_key.yaml``.
Everything is driven by one ``random.Random(seed)`` over sorted inputs, so the same corpus and
seed always give the same files.  How each kind chooses its sites: docs/quality.md.
"""

from __future__ import annotations

import itertools
import json
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from checker.evaluate import knowledge, sites
from checker.evaluate.corpus import CorpusFile, write_corpus

MANIFEST_NAME = "manifest.json"

# kind of planted error -> the checker's category that should report it
KINDS: dict[str, str] = {
    "number-cross": "number-conflict",
    "number-within": "number-conflict",
    "repeat-sentence": "duplicate",
    "copy-passage": "duplicate",
    "doubled-word": "duplicate",
    "person-swap": "name-conflict",
    "place-swap": "name-conflict",
    "char-swap": "typo",
    "traditional-char": "typo",
    "numeral-dash": "typo",
    "weekday": "date",
    "count-list": "arithmetic",
}

_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]+$")
_FULL_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_WEEKDAY_AFTER = re.compile(r"^[（(]?(?:星期|礼拜|周)(?P<day>[一二三四五六日天])[）)]?")
_WEEKDAYS = "一二三四五六日"
_CN_DIGITS = "一二三四五六七八九"
_CN_COUNT = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十", 11: "十一", 12: "十二"}
_NUMERALS = set("零〇一二两三四五六七八九十百千万亿几第")
_DASHES = ("至", "到", "-", "—", "－", "——", "~", "～")


@dataclass
class Span:
    """A place in a file: 1-based line and column, end one past the last character (as SARIF)."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass
class Planted:
    id: str
    kind: str
    category: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    related: Span | None = None
    # other categories a finding on this span may have without being false (a copied
    # sentence whose number was changed is also a near-duplicate)
    accept: list[str] = field(default_factory=list)
    note: str = ""

    def span(self) -> Span:
        return Span(self.file, self.line, self.column, self.end_line, self.end_column, self.text)


@dataclass
class Manifest:
    seed: int
    corpus: str
    files: list[str]
    errors: list[Planted]
    tables: dict[str, str] = field(default_factory=dict)  # where the injector's knowledge came from

    def as_json(self) -> dict[str, Any]:
        return {"version": 2, "seed": self.seed, "corpus": self.corpus, "files": self.files,
                "tables": self.tables, "errors": [asdict(e) for e in self.errors]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        errors = []
        for e in data["errors"]:
            related = Span(**e["related"]) if e.get("related") else None
            errors.append(Planted(**{**e, "related": related}))
        return cls(seed=data["seed"], corpus=data["corpus"], files=data["files"], errors=errors,
                   tables=dict(data.get("tables") or {}))


def position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of character ``index`` of ``text``."""
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return line, index - start + 1


def make_span(name: str, text: str, start: int, end: int) -> Span:
    line, col = position(text, start)
    end_line, end_col = position(text, end)
    return Span(name, line, col, end_line, end_col, text[start:end])


def span_text(root: Path, span: Span) -> str:
    """The text a span points at in the file below ``root`` (to check a manifest)."""
    lines = (root / span.file).read_text(encoding="utf-8").split("\n")
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1 : span.end_column - 1]
    parts = [lines[span.line - 1][span.column - 1 :], *lines[span.line : span.end_line - 1],
             lines[span.end_line - 1][: span.end_column - 1]]
    return "\n".join(parts)


@dataclass(frozen=True)
class Sent:
    file: str
    start: int  # offsets in the file's original text
    end: int
    paragraph_end: int


@dataclass(frozen=True)
class Mention:
    file: str
    start: int
    name: str
    how: str  # byline | pattern | person-list | gazetteer


class Injector:
    """Plants errors into ``texts`` (file name -> text); each file takes at most one error."""

    def __init__(self, texts: dict[str, str], seed: int) -> None:
        self.original = dict(texts)
        self.texts = dict(texts)
        self.rng = random.Random(seed)
        self.used: set[str] = set()
        self.errors: list[Planted] = []
        self.sentences: list[Sent] = [
            Sent(name, s.start, s.end, s.paragraph_end)
            for name in sorted(texts) for s in sites.sentences(texts[name])
        ]
        self._opencc: Any = None
        self._mentions: dict[str, list[Mention]] | None = None

    # helpers ---------------------------------------------------------------------------------
    def _free(self, *names: str) -> bool:
        return not any(n in self.used for n in names)

    def _shuffled(self, items: Iterable[Any]) -> list[Any]:
        out = list(items)
        self.rng.shuffle(out)
        return out

    def _sentence(self, s: Sent) -> str:
        return self.original[s.file][s.start : s.end]

    def _later_file(self, source: str) -> str | None:
        """A free file other than ``source``, one sorting after it when there is one (a later article)."""
        free = [n for n in sorted(self.texts) if n != source and n not in self.used]
        later = [n for n in free if n > source]
        pool = later or free
        return self.rng.choice(pool) if pool else None

    def _record(self, kind: str, name: str, new_text: str, start: int, end: int, related: Span | None = None,
                accept: Iterable[str] = (), note: str = "", also_used: Iterable[str] = ()) -> Planted:
        self.texts[name] = new_text
        self.used.add(name)
        self.used.update(also_used)
        span = make_span(name, new_text, start, end)
        planted = Planted(
            id=f"{kind}-{len([e for e in self.errors if e.kind == kind]) + 1}", kind=kind, category=KINDS[kind],
            file=name, line=span.line, column=span.column, end_line=span.end_line, end_column=span.end_column,
            text=span.text, related=related, accept=list(accept), note=note,
        )
        self.errors.append(planted)
        return planted

    @staticmethod
    def _insert(text: str, at: int, piece: str) -> str:
        return text[:at] + piece + text[at:]

    # numbers ---------------------------------------------------------------------------------
    def _changed_numeral(self, fig: sites.Figure) -> str:
        """The figure with one digit changed (an editor's slip), or for Chinese numerals one numeral."""
        num = fig.numeral
        if fig.chinese:
            spots = [i for i, ch in enumerate(num) if ch in _CN_DIGITS or ch == "两"]
            if not spots:
                return "两" + num if num.startswith("十") else num
            i = self.rng.choice(spots)
            old = "二" if num[i] == "两" else num[i]
            choices = [c for c in _CN_DIGITS[1:] if c != old]
            return num[:i] + self.rng.choice(choices) + num[i + 1 :]
        spots = [i for i, ch in enumerate(num) if ch.isdigit()]
        i = self.rng.choice(spots)
        forbidden = {num[i]}
        if i == 0:  # no leading zero; a single digit not into 0 or 1 either
            forbidden |= {"0", "1"} if len(spots) == 1 else {"0"}
        choices = [d for d in sites.DIGITS if d not in forbidden]
        return num[:i] + self.rng.choice(choices) + num[i + 1 :]

    def _figure_sites(self) -> list[tuple[Sent, sites.Figure]]:
        out = []
        for s in self.sentences:
            if not 12 <= s.end - s.start <= 200:
                continue
            for fig in sites.figures(self.original[s.file], s.start, s.end):
                out.append((s, fig))
        return out

    def plant_numbers(self, within: bool) -> Iterator[None]:
        kind = "number-within" if within else "number-cross"
        for s, fig in self._shuffled(self._figure_sites()):
            if not self._free(s.file):
                continue
            text = self.original[s.file]
            new_num = self._changed_numeral(fig)
            if new_num == fig.numeral:
                continue
            sentence = text[s.start : s.end]
            offset = fig.start - s.start
            copy = sentence[:offset] + new_num + sentence[offset + len(fig.numeral) :]
            target = s.file if within else self._later_file(s.file)
            if target is None:
                return
            target_text = self.texts[target]
            at = s.paragraph_end if within else len(target_text.rstrip("\n"))
            new_text = self._insert(target_text, at, "\n\n" + copy)
            number_at = at + 2 + offset
            end = number_at + len(new_num) + (fig.unit_end - fig.end)
            related = make_span(s.file, text, fig.start, fig.unit_end)
            self._record(kind, target, new_text, number_at, end, related, accept=["duplicate"],
                         note=f"{related.text} -> {new_text[number_at:end]}", also_used=[s.file])
            yield

    # duplicates ------------------------------------------------------------------------------
    def plant_repeated_sentence(self) -> Iterator[None]:
        for s in self._shuffled(self.sentences):
            sentence = self._sentence(s)
            if not self._free(s.file) or len(sentence) < 20 or sentence[-1] not in "。！？”":
                continue
            new_text = self._insert(self.texts[s.file], s.end, sentence)
            related = make_span(s.file, self.original[s.file], s.start, s.end)
            self._record("repeat-sentence", s.file, new_text, s.end, s.end + len(sentence), related)
            yield

    def plant_copied_passage(self) -> Iterator[None]:
        by_file: dict[str, list[Sent]] = defaultdict(list)
        for s in self.sentences:
            by_file[s.file].append(s)
        for name in self._shuffled(sorted(by_file)):
            if not self._free(name):
                continue
            sents = by_file[name]
            text = self.original[name]
            for i in self._shuffled(range(len(sents))):
                run = sents[i : i + self.rng.choice((2, 3))]
                start, end = run[0].start, run[-1].end
                passage = text[start:end]
                if len(run) >= 2 and "\n" not in passage and 50 <= len(passage) <= 400:
                    break
            else:
                continue
            target = self._later_file(name)
            if target is None:
                return
            target_text = self.texts[target]
            at = len(target_text.rstrip("\n"))
            new_text = self._insert(target_text, at, "\n\n" + passage)
            related = make_span(name, text, start, end)
            self._record("copy-passage", target, new_text, at + 2, at + 2 + len(passage), related, also_used=[name])
            yield

    def plant_doubled_words(self) -> Iterator[None]:
        for s in self._shuffled(self.sentences):
            if not self._free(s.file):
                continue
            sentence = self._sentence(s)
            options = []
            for pos, word in sites.words(sentence):
                # a two-character word, or the first two characters of a compound ("企业名单")
                head = word[:2]
                if (len(word) >= 2 and _CJK_WORD.match(head) and head[0] != head[1]
                        and not (_NUMERALS & set(head)) and sentence[pos + 2 : pos + 4] != head
                        and sentence[max(0, pos - 2) : pos] != head):
                    options.append((pos, head, word))
            if not options:
                continue
            pos, head, word = self.rng.choice(options)
            at = s.start + pos + 2
            new_text = self._insert(self.texts[s.file], at, head)
            self._record("doubled-word", s.file, new_text, at - 2, at + 2, note=f"{word} -> {head}{word}")
            yield

    # names -----------------------------------------------------------------------------------
    def mentions(self) -> dict[str, list[Mention]]:
        """Every mention of a person or place name found by the surface finders, by name."""
        if self._mentions is not None:
            return self._mentions
        surnames = knowledge.surnames()
        people = knowledge.person_names()
        places = knowledge.place_names()
        found: dict[tuple[str, int], Mention] = {}
        for name in sorted(self.original):
            text = self.original[name]
            for at, who in sites.byline_names(text):
                found.setdefault((name, at), Mention(name, at, who, "byline"))
            for at, who in sites.pattern_names(text, surnames):
                found.setdefault((name, at), Mention(name, at, who, "pattern"))
        for s in self.sentences:
            sentence = self._sentence(s)
            for at, who in sites.known_name_hits(sentence, people):
                found.setdefault((s.file, s.start + at), Mention(s.file, s.start + at, who, "person-list"))
            for at, where in sites.gazetteer_hits(sentence, places):
                found.setdefault((s.file, s.start + at), Mention(s.file, s.start + at, where, "gazetteer"))
        # every other occurrence of a name found once is a mention of it too
        how: dict[str, str] = {}
        for m in found.values():
            # a name the gazetteer knows is a place, whatever else found it
            if how.get(m.name) != "gazetteer":
                how[m.name] = m.how
        by_name: dict[str, list[Mention]] = defaultdict(list)
        for name in sorted(self.original):
            text = self.original[name]
            for who in sorted(how):
                at = text.find(who)
                while at >= 0:
                    by_name[who].append(Mention(name, at, who, how[who]))
                    at = text.find(who, at + len(who))
        self._mentions = dict(by_name)
        return self._mentions

    def _variant(self, name: str) -> str | None:
        """``name`` with one character swapped for one alike in sound or shape, a spelling the corpus lacks."""
        table = knowledge.char_table()
        options = []
        for i, ch in enumerate(name):
            for alt in table.alternatives(ch)[:6]:
                variant = name[:i] + alt + name[i + 1 :]
                if variant not in self.mentions() and not any(variant in t for t in self.original.values()):
                    options.append(variant)
        return self.rng.choice(options) if options else None

    def plant_name_swaps(self, people: bool) -> Iterator[None]:
        kind = "person-swap" if people else "place-swap"
        wanted = {"byline", "pattern", "person-list"} if people else {"gazetteer"}
        mentions = self.mentions()
        names = [n for n in sorted(mentions) if len(mentions[n]) >= 2 and mentions[n][0].how in wanted]
        for name in self._shuffled(names):
            free = [m for m in mentions[name] if self._free(m.file)]
            if not free:
                continue
            variant = self._variant(name)
            if variant is None:
                continue
            mention = self.rng.choice(free)
            # the right spelling elsewhere: in the same file if it has one (a swap keeps the length)
            same = [m for m in mentions[name] if m.file == mention.file and m.start != mention.start]
            others = same or [m for m in mentions[name] if m.file != mention.file and self._free(m.file)]
            if not others:
                continue
            rel = others[0]
            text = self.texts[mention.file]
            new_text = text[: mention.start] + variant + text[mention.start + len(name) :]
            related = make_span(rel.file, self.original[rel.file], rel.start, rel.start + len(name))
            self._record(kind, mention.file, new_text, mention.start, mention.start + len(name), related,
                         note=f"{name} -> {variant} ({mention.how}, {len(mentions[name])} mentions)",
                         also_used=[rel.file])
            yield

    # typos -----------------------------------------------------------------------------------
    def plant_char_swaps(self) -> Iterator[None]:
        """A character of a common word typed as one alike in sound or shape, giving no word."""
        import jieba

        vocabulary = jieba.dt.FREQ if jieba.dt.initialized else None
        if vocabulary is None:
            jieba.initialize()
            vocabulary = jieba.dt.FREQ
        table = knowledge.char_table()
        names = self.mentions()
        for s in self._shuffled(self.sentences):
            if not self._free(s.file):
                continue
            sentence = self._sentence(s)
            options = []
            for pos, word in sites.words(sentence):
                if len(word) != 2 or not _CJK_WORD.match(word) or word in names or _NUMERALS & set(word):
                    continue
                for i, ch in enumerate(word):
                    for alt in table.alternatives(ch)[:4]:
                        wrong = word[:i] + alt + word[i + 1 :]
                        if not vocabulary.get(wrong):
                            options.append((pos, word, wrong))
            if not options:
                continue
            pos, word, wrong = self.rng.choice(options)
            at = s.start + pos
            text = self.texts[s.file]
            new_text = text[:at] + wrong + text[at + 2 :]
            self._record("char-swap", s.file, new_text, at, at + 2, note=f"{word} -> {wrong}")
            yield

    def _converters(self) -> tuple[Callable[[str], str], Callable[[str], str]]:
        from opencc import OpenCC

        if self._opencc is None:
            self._opencc = (OpenCC("s2t"), OpenCC("t2s"))
        s2t, t2s = self._opencc
        return s2t.convert, t2s.convert

    def plant_traditional(self) -> Iterator[None]:
        s2t, t2s = self._converters()
        for s in self._shuffled(self.sentences):
            if not self._free(s.file):
                continue
            sentence = self._sentence(s)
            options = []
            for pos, word in sites.words(sentence):
                if len(word) == 2 and _CJK_WORD.match(word):
                    trad = s2t(word)
                    if trad != word and t2s(trad) == word:
                        options.append((pos, word, trad))
            if not options:
                continue
            pos, word, trad = self.rng.choice(options)
            at = s.start + pos
            text = self.texts[s.file]
            new_text = text[:at] + trad + text[at + len(word) :]
            self._record("traditional-char", s.file, new_text, at, at + len(trad), note=f"{word} -> {trad}")
            yield

    def plant_numeral_dash(self) -> Iterator[None]:
        places = knowledge.place_names()
        for s in self._shuffled(self.sentences):
            if not self._free(s.file):
                continue
            sentence = self._sentence(s)
            hits = list(sites.gazetteer_hits(sentence, places))
            for (a_at, a), (b_at, b) in itertools.pairwise(hits):
                between = sentence[a_at + len(a) : b_at]
                if between in _DASHES:
                    text = self.texts[s.file]
                    start = s.start + a_at
                    new_text = text[: start + len(a)] + "一" + text[s.start + b_at :]
                    self._record("numeral-dash", s.file, new_text, start, start + len(a) + 1 + len(b),
                                 note=f"{between} -> 一")
                    yield
                    break

    # dates -----------------------------------------------------------------------------------
    def plant_weekdays(self) -> Iterator[None]:
        options = []
        for name in sorted(self.original):
            text = self.original[name]
            for m in _FULL_DATE.finditer(text):
                try:
                    day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    continue
                options.append((name, m.start(), m.end(), day))
        for name, start, end, day in self._shuffled(options):
            if not self._free(name):
                continue
            text = self.texts[name]
            wrong = _WEEKDAYS[(day.weekday() + self.rng.randint(1, 6)) % 7]
            written = _WEEKDAY_AFTER.match(text[end:])
            if written:  # the date carries its weekday already: that one is changed
                at = end + written.start("day")
                new_text = text[:at] + wrong + text[at + 1 :]
                stop = end + written.end()
            else:
                piece = f"（星期{wrong}）"
                new_text = self._insert(text, end, piece)
                stop = end + len(piece)
            self._record("weekday", name, new_text, start, stop,
                         note=f"{day.isoformat()} is 星期{_WEEKDAYS[day.weekday()]}, written 星期{wrong}")
            yield

    # arithmetic ------------------------------------------------------------------------------
    def plant_count_lists(self) -> Iterator[None]:
        import jieba.posseg

        mentions = self.mentions()
        for s in self._shuffled(self.sentences):
            if not self._free(s.file):
                continue
            sentence = self._sentence(s)
            for site in sites.enumerations(sentence):
                after = sentence[site.end :]
                n = len(site.items)
                if after.startswith(("等", "之", "的")) or n > 12:
                    continue
                wrong = n + 1 if self.rng.random() < 0.5 else n - 1
                existing = sites.count_after(after)
                text = self.texts[s.file]
                end = s.start + site.end
                if existing:
                    if existing.group("num") not in (_CN_COUNT.get(n, ""), str(n), "二" if n == 2 else ""):
                        continue  # a count that is not the number of items: not a count of this list
                    numeral = str(wrong) if existing.group("num").isdigit() else _CN_COUNT[wrong]
                    count = numeral + existing.group("cls")
                    new_text = text[:end] + count + text[end + existing.end() :]
                else:
                    kinds = {mentions[i][0].how if i in mentions else "" for i in site.items}
                    if kinds == {"gazetteer"}:
                        count = _CN_COUNT[wrong] + "地"
                    elif kinds <= {"byline", "pattern", "person-list"}:
                        count = _CN_COUNT[wrong] + "人"
                    else:
                        nxt = next(iter(jieba.posseg.cut(after[:6])), None)
                        if nxt is None or not nxt.flag.startswith("n") or not _CJK_WORD.match(nxt.word):
                            continue
                        count = _CN_COUNT[wrong] + "个"
                    new_text = self._insert(text, end, count)
                self._record("count-list", s.file, new_text, s.start + site.start, end + len(count),
                             note=f"{n} items ({'、'.join(site.items)}), count {count}")
                yield
                break


PLANTERS: dict[str, Callable[[Injector], Iterator[None]]] = {
    "number-cross": lambda inj: inj.plant_numbers(within=False),
    "number-within": lambda inj: inj.plant_numbers(within=True),
    "repeat-sentence": Injector.plant_repeated_sentence,
    "copy-passage": Injector.plant_copied_passage,
    "doubled-word": Injector.plant_doubled_words,
    "person-swap": lambda inj: inj.plant_name_swaps(people=True),
    "place-swap": lambda inj: inj.plant_name_swaps(people=False),
    "char-swap": Injector.plant_char_swaps,
    "traditional-char": Injector.plant_traditional,
    "numeral-dash": Injector.plant_numeral_dash,
    "weekday": Injector.plant_weekdays,
    "count-list": Injector.plant_count_lists,
}


def default_per_kind(files: int) -> int:
    return max(2, min(15, files // 20))


def inject(files: list[CorpusFile], out_dir: Path, *, seed: int = 0, per_kind: int | None = None,
           corpus: str = "", jobs: int = 1, kinds: Iterable[str] = tuple(KINDS)) -> Manifest:
    """Write ``files`` below ``out_dir`` with errors planted, plus ``manifest.json``; return the manifest.

    The kinds take turns, one error each, until each has ``per_kind`` or has no site left, so
    that none is starved of free files by the kinds before it.  ``jobs`` is accepted for the
    callers' sake; planting is one pass over the text.
    """
    del jobs
    texts = {f.name: f.text for f in files}
    injector = Injector(texts, seed)
    n = per_kind if per_kind is not None else default_per_kind(len(files))
    planters = {kind: PLANTERS[kind](injector) for kind in kinds}
    done = dict.fromkeys(planters, 0)
    while planters:
        for kind in list(planters):
            if done[kind] >= n or next(planters[kind], StopIteration) is StopIteration:
                del planters[kind]
            else:
                done[kind] += 1
    planted = [CorpusFile(f.name, injector.texts[f.name], f.source) for f in files]
    write_corpus(planted, out_dir)
    people = "bylines, surname pattern" + (", pycorrector person_name.txt" if knowledge.person_names() else "")
    tables = {"characters": knowledge.char_table().source, "people": people,
              "places": "jionlp china_location.zip" if knowledge.place_names() else "none (jionlp not installed)"}
    manifest = Manifest(seed=seed, corpus=corpus, files=[f.name for f in files], errors=injector.errors,
                        tables=tables)
    (out_dir / MANIFEST_NAME).write_text(json.dumps(manifest.as_json(), ensure_ascii=False, indent=1),
                                         encoding="utf-8")
    return manifest


def read_manifest(path: Path) -> Manifest:
    return Manifest.from_json(json.loads(path.read_text(encoding="utf-8")))
