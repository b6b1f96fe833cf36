"""Plant known errors into real articles and record exactly where they are.

:func:`inject` takes the article files of a corpus (see :mod:`checker.evaluate.corpus`),
runs the checker's own pipeline on them to find sentences, numbers and names, and
changes a few articles, one error per article, so every planted error can be told
apart.  The manifest lists each error with its file, line, column and text (and the
related place it conflicts with or repeats), in the same terms as
``examples/answer_key.yaml``.  Everything is driven by one ``random.Random(seed)``
over sorted inputs, so the same corpus and seed always give the same files.
"""

from __future__ import annotations

import itertools
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.evaluate.confusions import confusable
from checker.evaluate.corpus import CorpusFile, write_corpus
from checker.model import RawDocument
from checker.pipeline import PreparedDocument, PreparedFact, prepare_document

MANIFEST_NAME = "manifest.json"

# kind of planted error -> the checker's category that should report it
KINDS: dict[str, str] = {
    "number-cross": "number-conflict",
    "number-within": "number-conflict",
    "repeat-sentence": "duplicate",
    "copy-passage": "duplicate",
    "doubled-word": "duplicate",
    "name-swap": "name-conflict",
    "traditional-char": "typo",
    "numeral-dash": "typo",
    "weekday": "date",
    "count-list": "arithmetic",
}

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_NUMBER_HEAD = re.compile(r"^(\d+(?:\.\d+)?)")
_FULL_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_WEEKDAYS = "一二三四五六日"
_CN_COUNT = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}
_COUNT_AFTER = re.compile(r"^[两二三四五六七八九十\d]+(?:个|名|位|人|家|地|部|项|座|所|大)")
_NUMERAL_START = set("一二三四五六七八九十百千万亿两几第")
_LIST_SEPARATORS = ("、", "和", "及", "与", "以及")
_DASHES = ("至", "到", "-", "—", "－", "－", "——", "~", "～")
# classifier of a count of n items of a fact kind ("三人", "四地", "两家")
_CLASSIFIER = {"person": "人", "place": "地", "org": "家", "name": "部"}


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

    def as_json(self) -> dict[str, Any]:
        return {"version": 1, "seed": self.seed, "corpus": self.corpus, "files": self.files,
                "errors": [asdict(e) for e in self.errors]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        errors = []
        for e in data["errors"]:
            related = Span(**e["related"]) if e.get("related") else None
            errors.append(Planted(**{**e, "related": related}))
        return cls(seed=data["seed"], corpus=data["corpus"], files=data["files"], errors=errors)


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


# -- the corpus as the pipeline sees it ---------------------------------------------------------


@dataclass
class Sent:
    file: str
    start: int  # raw offsets in the file text
    end: int
    article_end: int
    facts: list[PreparedFact]


def _prepare(args: tuple[str, str]) -> PreparedDocument | None:
    name, text = args
    raw = RawDocument(path=name, text=text, format="md" if name.endswith(".md") else "txt", encoding="utf-8",
                      content_hash="")
    try:
        return prepare_document(raw)
    except InputError:
        return None


def prepare_all(texts: dict[str, str], jobs: int = 1) -> dict[str, PreparedDocument]:
    work = sorted(texts.items())
    if jobs > 1 and len(work) > 8:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            docs = list(pool.map(_prepare, work, chunksize=8))
    else:
        docs = [_prepare(w) for w in work]
    return {name: doc for (name, _), doc in zip(work, docs, strict=True) if doc is not None}


def _sentences(name: str, doc: PreparedDocument, text: str) -> Iterator[Sent]:
    """Body sentences written on one line of the file, as the pipeline split them."""
    for article in doc.articles:
        if article.draft.kind != "article":
            continue
        line_end = text.find("\n", article.raw_end)
        article_end = len(text) if line_end < 0 else line_end
        for s in article.sentences:
            raw = text[s.raw_start : s.raw_end]
            if "\n" in raw or len(raw) < 8:
                continue
            yield Sent(name, s.raw_start, s.raw_end, article_end, s.facts)


# -- the injector -------------------------------------------------------------------------------


class Injector:
    def __init__(self, texts: dict[str, str], docs: dict[str, PreparedDocument], seed: int) -> None:
        self.texts = dict(texts)
        self.docs = docs
        self.rng = random.Random(seed)
        self.used: set[str] = set()
        self.errors: list[Planted] = []
        self.sentences: list[Sent] = [
            s for name in sorted(docs) for s in _sentences(name, docs[name], texts[name])
        ]
        self._opencc: Any = None

    # helpers ---------------------------------------------------------------------------------
    def _free(self, *names: str) -> bool:
        return not any(n in self.used for n in names)

    def _shuffled(self, items: Iterable[Any]) -> list[Any]:
        out = list(items)
        self.rng.shuffle(out)
        return out

    def _other_file(self, avoid: str) -> str | None:
        free = [n for n in sorted(self.texts) if n != avoid and n not in self.used and n in self.docs]
        return self.rng.choice(free) if free else None

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
    def _number_candidates(self) -> list[tuple[Sent, PreparedFact, str]]:
        out = []
        for s in self.sentences:
            text = self.texts[s.file]
            sentence = text[s.start : s.end]
            if not 12 <= len(sentence) <= 150:
                continue
            for f in s.facts:
                d = f.draft
                if d.kind != "number" or not d.key or d.value is None or d.qualifier or not d.subject:
                    continue
                if d.subject not in sentence or text[f.raw_start : f.raw_end] != d.text:
                    continue
                m = _NUMBER_HEAD.match(d.text)
                if not m or m.group(1).startswith("0") or d.unit in ("年", "月", "日", "岁", "号", "届"):
                    continue
                out.append((s, f, m.group(1)))
        return out

    def _changed_number(self, digits: str) -> str:
        factor = self.rng.choice((2, 3, 4))
        if "." in digits:
            decimals = len(digits.split(".")[1])
            return f"{float(digits) * factor + 1:.{decimals}f}"
        return str(int(digits) * factor + self.rng.randint(1, 9))

    def _same_key(self, name: str, text: str, at: int, key: str) -> bool:
        doc = _prepare((name, text))
        if doc is None:
            return False
        for article in doc.articles:
            for s in article.sentences:
                for f in s.facts:
                    if f.raw_start == at and f.draft.key == key:
                        return True
        return False

    def plant_numbers(self, count: int, within: bool) -> int:
        kind = "number-within" if within else "number-cross"
        done = 0
        seen_keys: set[str] = set()
        for s, f, digits in self._shuffled(self._number_candidates()):
            if done >= count:
                break
            key = f.draft.key or ""
            if not self._free(s.file) or key in seen_keys:
                continue
            text = self.texts[s.file]
            new_digits = self._changed_number(digits)
            sentence = text[s.start : s.end]
            offset = f.raw_start - s.start
            copy = sentence[:offset] + new_digits + sentence[offset + len(digits) :]
            target = s.file if within else self._other_file(s.file)
            if target is None:
                break
            target_text = self.texts[target]
            at = s.article_end if within else len(target_text.rstrip("\n"))
            piece = "\n\n" + copy
            new_text = self._insert(target_text, at, piece)
            number_at = at + 2 + offset
            if not self._same_key(target, new_text, number_at, key):
                continue
            related = make_span(s.file, text, f.raw_start, f.raw_end)
            end = number_at + len(new_digits) + len(f.draft.text) - len(digits)
            self._record(kind, target, new_text, number_at, end, related, accept=["duplicate"],
                         note=f"{f.draft.text} -> {new_text[number_at:end]} ({key})", also_used=[s.file])
            seen_keys.add(key)
            done += 1
        return done

    # duplicates ------------------------------------------------------------------------------
    def plant_repeated_sentence(self, count: int) -> int:
        done = 0
        for s in self._shuffled(self.sentences):
            if done >= count:
                break
            text = self.texts[s.file]
            sentence = text[s.start : s.end]
            if not self._free(s.file) or len(sentence) < 20 or sentence[-1] not in "。！？":
                continue
            new_text = self._insert(text, s.end, sentence)
            related = make_span(s.file, text, s.start, s.end)
            self._record("repeat-sentence", s.file, new_text, s.end, s.end + len(sentence), related)
            done += 1
        return done

    def plant_copied_passage(self, count: int) -> int:
        done = 0
        by_file: dict[str, list[Sent]] = {}
        for s in self.sentences:
            by_file.setdefault(s.file, []).append(s)
        for name in self._shuffled(sorted(by_file)):
            if done >= count:
                break
            if not self._free(name):
                continue
            text = self.texts[name]
            sents = by_file[name]
            # two or three sentences in a row on one line: a passage
            for i in self._shuffled(range(len(sents))):
                run = sents[i : i + self.rng.choice((2, 3))]
                start, end = run[0].start, run[-1].end
                passage = text[start:end]
                if len(run) >= 2 and "\n" not in passage and 50 <= len(passage) <= 400:
                    break
            else:
                continue
            target = self._other_file(name)
            if target is None:
                break
            target_text = self.texts[target]
            at = len(target_text.rstrip("\n"))
            new_text = self._insert(target_text, at, "\n\n" + passage)
            related = make_span(name, text, start, end)
            self._record("copy-passage", target, new_text, at + 2, at + 2 + len(passage), related,
                         also_used=[name])
            done += 1
        return done

    def plant_doubled_words(self, count: int) -> int:
        import jieba.posseg

        done = 0
        for s in self._shuffled(self.sentences):
            if done >= count:
                break
            if not self._free(s.file):
                continue
            text = self.texts[s.file]
            sentence = text[s.start : s.end]
            pos = 0
            options = []
            tokens = list(jieba.posseg.cut(sentence))
            for k, tok in enumerate(tokens):
                word, flag = tok.word, tok.flag
                nxt = tokens[k + 1].word if k + 1 < len(tokens) else ""
                if (len(word) == 2 and _CJK.match(word) and word[0] != word[1] and word[0] not in _NUMERAL_START
                        and flag in ("n", "nz") and nxt != word):
                    options.append((pos, word))
                pos += len(word)
            if not options:
                continue
            offset, word = self.rng.choice(options)
            at = s.start + offset + len(word)
            new_text = self._insert(text, at, word)
            self._record("doubled-word", s.file, new_text, at - len(word), at + len(word))
            done += 1
        return done

    # names -----------------------------------------------------------------------------------
    def plant_name_swaps(self, count: int) -> int:
        counts: Counter[str] = Counter()
        where: dict[str, list[tuple[str, int]]] = {}
        for name in sorted(self.docs):
            text = self.texts[name]
            for article in self.docs[name].articles:
                facts = [*article.headline_facts, *article.byline_facts,
                         *(f for s in article.sentences for f in s.facts)]
                for f in facts:
                    if f.draft.kind not in ("person", "place"):
                        continue
                    if text[f.raw_start : f.raw_end] != f.draft.text:
                        continue
                    counts[f.draft.text] += 1
                    where.setdefault(f.draft.text, []).append((name, f.raw_start))
        done = 0
        names = [n for n, c in sorted(counts.items()) if c >= 3 and len(n) >= 2]
        for name in self._shuffled(names):
            if done >= count:
                break
            options = [(i, alt) for i, ch in enumerate(name) for alt in confusable(ch)
                       if counts.get(name[:i] + alt + name[i + 1 :], 0) == 0]
            places = [(f, at) for f, at in where[name] if self._free(f)]
            if not options or not places:
                continue
            i, alt = self.rng.choice(options)
            file, at = self.rng.choice(places)
            others = [(f, a) for f, a in where[name] if f != file] or [(f, a) for f, a in where[name] if a != at]
            rel_file, rel_at = others[0]
            variant = name[:i] + alt + name[i + 1 :]
            text = self.texts[file]
            new_text = text[:at] + variant + text[at + len(name) :]
            related = make_span(rel_file, self.texts[rel_file], rel_at, rel_at + len(name))
            self._record("name-swap", file, new_text, at, at + len(name), related,
                         note=f"{name} -> {variant} ({counts[name]} mentions)")
            done += 1
        return done

    # typos -----------------------------------------------------------------------------------
    def _converters(self) -> tuple[Callable[[str], str], Callable[[str], str]]:
        from opencc import OpenCC

        if self._opencc is None:
            self._opencc = (OpenCC("s2t"), OpenCC("t2s"))
        s2t, t2s = self._opencc
        return s2t.convert, t2s.convert

    def plant_traditional(self, count: int) -> int:
        import jieba

        s2t, t2s = self._converters()
        done = 0
        for s in self._shuffled(self.sentences):
            if done >= count:
                break
            if not self._free(s.file):
                continue
            text = self.texts[s.file]
            sentence = text[s.start : s.end]
            pos = 0
            options = []
            for word in jieba.lcut(sentence, HMM=False):
                if len(word) == 2 and _CJK.match(word):
                    trad = s2t(word)
                    if trad != word and t2s(trad) == word:
                        options.append((pos, word, trad))
                pos += len(word)
            if not options:
                continue
            offset, word, trad = self.rng.choice(options)
            at = s.start + offset
            new_text = text[:at] + trad + text[at + len(word) :]
            self._record("traditional-char", s.file, new_text, at, at + len(trad), note=f"{word} -> {trad}")
            done += 1
        return done

    def plant_numeral_dash(self, count: int) -> int:
        done = 0
        for s in self._shuffled(self.sentences):
            if done >= count:
                break
            if not self._free(s.file):
                continue
            text = self.texts[s.file]
            places = sorted((f for f in s.facts if f.draft.kind == "place"), key=lambda f: f.raw_start)
            for a, b in itertools.pairwise(places):
                between = text[a.raw_end : b.raw_start]
                if between in _DASHES:
                    new_text = text[: a.raw_end] + "一" + text[b.raw_start :]
                    end = a.raw_end + 1 + (b.raw_end - b.raw_start)
                    self._record("numeral-dash", s.file, new_text, a.raw_start, end,
                                 note=f"{between} -> 一")
                    done += 1
                    break
        return done

    # dates -----------------------------------------------------------------------------------
    def plant_weekdays(self, count: int) -> int:
        options = []
        for name in sorted(self.docs):
            text = self.texts[name]
            for m in _FULL_DATE.finditer(text):
                try:
                    day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    continue
                if text[m.end() : m.end() + 1] in ("（", "(", "星", "周", "\n", ""):
                    continue
                options.append((name, m.start(), m.end(), day))
        done = 0
        for name, start, end, day in self._shuffled(options):
            if done >= count:
                break
            if not self._free(name):
                continue
            wrong = (day.weekday() + self.rng.randint(1, 6)) % 7
            piece = f"（星期{_WEEKDAYS[wrong]}）"
            new_text = self._insert(self.texts[name], end, piece)
            self._record("weekday", name, new_text, start, end + len(piece),
                         note=f"{day.isoformat()} is 星期{_WEEKDAYS[day.weekday()]}")
            done += 1
        return done

    # arithmetic ------------------------------------------------------------------------------
    def _lists(self, s: Sent) -> Iterator[tuple[list[PreparedFact], str]]:
        text = self.texts[s.file]
        facts = sorted((f for f in s.facts if f.draft.kind in _CLASSIFIER), key=lambda f: f.raw_start)
        run: list[PreparedFact] = []
        seps: list[str] = []
        for f in [*facts, None]:
            if f is not None and run and f.draft.kind == run[-1].draft.kind:
                between = text[run[-1].raw_end : f.raw_start]
                if between in _LIST_SEPARATORS and f.draft.text not in {r.draft.text for r in run}:
                    run.append(f)
                    seps.append(between)
                    continue
            if len(run) >= 3 or (len(run) == 2 and "、" in seps):
                yield run, run[0].draft.kind
            run = [f] if f is not None else []
            seps = []

    def plant_count_lists(self, count: int) -> int:
        done = 0
        for s in self._shuffled(self.sentences):
            if done >= count:
                break
            if not self._free(s.file):
                continue
            text = self.texts[s.file]
            for items, kind in self._lists(s):
                end = items[-1].raw_end
                n = len(items)
                if text.startswith("等", end) or text[end - 1 : end] in "）)":
                    continue
                wrong = n + 1 if n <= 2 or self.rng.random() < 0.5 else n - 1
                classifier = "个" if kind == "name" and not items[0].draft.text.startswith("《") else _CLASSIFIER[kind]
                word = f"{_CN_COUNT.get(wrong, str(wrong))}{classifier}"
                existing = _COUNT_AFTER.match(text[end:])
                if existing:
                    new_text = text[:end] + word + text[end + existing.end() :]
                else:
                    new_text = self._insert(text, end, word)
                self._record("count-list", s.file, new_text, items[0].raw_start, end + len(word),
                             note=f"{n} items, count {word}")
                done += 1
                break
        return done


PLANTERS: dict[str, Callable[[Injector, int], int]] = {
    "number-cross": lambda inj, n: inj.plant_numbers(n, within=False),
    "number-within": lambda inj, n: inj.plant_numbers(n, within=True),
    "repeat-sentence": Injector.plant_repeated_sentence,
    "copy-passage": Injector.plant_copied_passage,
    "doubled-word": Injector.plant_doubled_words,
    "name-swap": Injector.plant_name_swaps,
    "traditional-char": Injector.plant_traditional,
    "numeral-dash": Injector.plant_numeral_dash,
    "weekday": Injector.plant_weekdays,
    "count-list": Injector.plant_count_lists,
}


def default_per_kind(files: int) -> int:
    return max(2, min(15, files // 20))


def inject(files: list[CorpusFile], out_dir: Path, *, seed: int = 0, per_kind: int | None = None,
           corpus: str = "", jobs: int = 1, kinds: Iterable[str] = tuple(KINDS)) -> Manifest:
    """Write ``files`` below ``out_dir`` with errors planted, plus ``manifest.json``; return the manifest."""
    texts = {f.name: f.text for f in files}
    docs = prepare_all(texts, jobs)
    injector = Injector(texts, docs, seed)
    n = per_kind if per_kind is not None else default_per_kind(len(files))
    for kind in kinds:
        PLANTERS[kind](injector, n)
    planted = [CorpusFile(f.name, injector.texts[f.name], f.source) for f in files]
    write_corpus(planted, out_dir)
    manifest = Manifest(seed=seed, corpus=corpus, files=[f.name for f in files], errors=injector.errors)
    (out_dir / MANIFEST_NAME).write_text(json.dumps(manifest.as_json(), ensure_ascii=False, indent=1),
                                         encoding="utf-8")
    return manifest


def read_manifest(path: Path) -> Manifest:
    return Manifest.from_json(json.loads(path.read_text(encoding="utf-8")))
