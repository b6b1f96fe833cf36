"""Read -> normalise -> split -> extract: everything about one file that needs no database.

:func:`prepare_file` is pure and picklable end to end, so ``--jobs N`` can run it in
worker processes while the parent writes finished documents to the store.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from checker.extract import ExtractContext, extract_sentence
from checker.extract.dates import extract_dates
from checker.extract.entities import extract_entities, subject_candidates
from checker.model import ArticleDraft, FactDraft, MappedText, PageDraft, RawDocument
from checker.read import clean_text, read_file, reading
from checker.rulepack import RulePack, default_pack
from checker.text.fingerprint import fingerprints
from checker.text.normalise import normalise
from checker.text.sentences import split_sentences
from checker.text.split import split_article, split_page

FURNITURE = "furniture"

# The tables of a rule pack that reading a document uses (the splitter's surnames, the
# extractors' lists, the segmenter's names); the rest (rule settings, the checks' own lists)
# change findings, not what is stored.  tests/test_pack_flow.py checks this is every table
# preparing a document reads.
EXTRACTION_TABLES = (
    "attributes", "confusion", "orgs", "places", "qualifiers", "speech", "surnames", "titles", "units",
)


def pack_fingerprint(pack: RulePack) -> str:
    """A short hash of what ``pack`` gives extraction (:data:`EXTRACTION_TABLES` and any
    ``userdict.txt``): a document stored with another fingerprint is extracted again."""
    def build(p: RulePack) -> str:
        digest = hashlib.sha256()
        for name in EXTRACTION_TABLES:
            digest.update(json.dumps([name, p.table(name)], ensure_ascii=False, sort_keys=True, default=str).encode())
        for folder in p.sources:
            userdict = folder / "userdict.txt"
            if userdict.is_file():
                digest.update(userdict.read_bytes())
        return digest.hexdigest()[:16]

    return pack.built("pipeline.fingerprint", build)


@dataclass
class PreparedFact:
    draft: FactDraft
    raw_start: int
    raw_end: int


@dataclass
class PreparedSentence:
    text: str
    runs: list[tuple[int, int]]
    paragraph: int
    raw_start: int
    raw_end: int
    text_hash: int
    sketch: list[int]
    facts: list[PreparedFact]


@dataclass
class PreparedArticle:
    draft: ArticleDraft
    headline_facts: list[PreparedFact]
    byline_facts: list[PreparedFact]
    sentences: list[PreparedSentence]
    raw_start: int
    raw_end: int
    char_count: int


@dataclass
class PreparedDocument:
    raw: RawDocument
    pub_date: date | None
    edition: str | None
    articles: list[PreparedArticle] = field(default_factory=list)
    clean: MappedText | None = None  # what an editor is shown, when the file holds markup
    # pack_fingerprint() of the pack the document was read with
    pack_fingerprint: str = ""

    @property
    def char_count(self) -> int:
        return len(self.raw.text)


def _map_facts(facts: list[FactDraft], text: MappedText) -> list[PreparedFact]:
    out = []
    for fact in facts:
        start, end = text.raw_span(fact.start, fact.end)
        out.append(PreparedFact(fact, start, end))
    return out


def _byline_facts(article: ArticleDraft) -> list[PreparedFact]:
    """Each byline name as a person fact with its role (记者, 通讯员 ...)."""
    out = []
    for byline in article.bylines:
        search_from = 0
        for name in byline.names:
            at = byline.span.text.find(name, search_from)
            if at < 0:
                continue
            search_from = at + len(name)
            start, end = byline.span.raw_span(at, at + len(name))
            fact = FactDraft(
                kind="person", start=at, end=at + len(name), text=name, key=f"person:{name}",
                extra={"role": byline.role, "byline": True},
            )
            out.append(PreparedFact(fact, start, end))
    return out


def _article_span(article: ArticleDraft) -> tuple[int, int]:
    pieces = [
        article.headline, *(p for p in (article.kicker, article.subheadline) if p is not None),
        *(b.span for b in article.bylines), *article.paragraphs,
    ]
    starts = [p.src[0] for p in pieces if len(p)]
    ends = [p.src[-1] + 1 for p in pieces if len(p)]
    return (min(starts), max(ends)) if starts else (0, 0)


# The archive's frequent person names (see use_known_names): one set object for every
# article, so the extractor prepares its lookups once per process.
_known_names: list[set[str]] = [set()]


def use_known_names(names: set[str]) -> None:
    """Let every article prepared from now on in this process know ``names`` as persons'
    (``ExtractContext.known_names``, filled at ingest from the store; also the initializer of
    ingest's worker processes)."""
    _known_names[0] = names


def known_names() -> set[str]:
    return _known_names[0]


@contextmanager
def knowing(names: set[str]) -> Iterator[None]:
    """:func:`use_known_names` for the duration of a ``with`` block (one ingest run)."""
    before = _known_names[0]
    use_known_names(names)
    try:
        yield
    finally:
        use_known_names(before)


def prepare_article(article: ArticleDraft, pub_date: date | None, pack: RulePack) -> PreparedArticle:
    ctx = ExtractContext(
        pub_date=pub_date, headline=article.headline.text, pack=pack, known_names=_known_names[0]
    )
    headline_facts = _map_facts(extract_entities(article.headline.text, ctx), article.headline)
    ctx.last_subject = subject_candidates([f.draft for f in headline_facts])
    sentences: list[PreparedSentence] = []
    furniture = article.kind == FURNITURE
    for p_index, paragraph in enumerate(article.paragraphs):
        for sentence in split_sentences(paragraph):
            # Furniture holds adverts and weather: only its dates are facts worth keeping.
            facts = extract_dates(sentence.text, ctx) if furniture else extract_sentence(sentence.text, ctx)
            ctx.last_subject = subject_candidates(facts) or ctx.last_subject
            start, end = sentence.raw_span()
            text_hash, text_sketch = fingerprints(sentence.text)
            sentences.append(
                PreparedSentence(
                    text=sentence.text, runs=sentence.runs(), paragraph=p_index, raw_start=start, raw_end=end,
                    text_hash=text_hash, sketch=text_sketch,
                    facts=_map_facts(facts, sentence),
                )
            )
    raw_start, raw_end = _article_span(article)
    return PreparedArticle(
        draft=article, headline_facts=headline_facts, byline_facts=_byline_facts(article),
        sentences=sentences, raw_start=raw_start, raw_end=raw_end,
        char_count=sum(len(s.text) for s in sentences),
    )


def prepare_document(
    raw: RawDocument, default_date: date | None = None, pack: RulePack | None = None
) -> PreparedDocument:
    """Split and extract ``raw`` with the lists of ``pack`` (the bundled pack when None: the
    commands always pass the pack they loaded)."""
    pack = pack if pack is not None else default_pack()
    read = reading(raw)
    page: PageDraft
    if read.row is not None:  # a row of an archive export: one article, its fields given
        author = normalise(read.row.author) if read.row.author.text else None
        page = split_article(normalise(read.row.title), author, normalise(read.row.body), pack=pack)
    else:
        page = split_page(normalise(read.text), default_date=default_date, pack=pack)
    # A date the file's metadata states (front matter, <meta>) before one found on the page.
    pub_date = read.pub_date or page.pub_date or default_date
    prepared = PreparedDocument(
        raw=raw, pub_date=pub_date, edition=page.edition, clean=clean_text(raw, read),
        pack_fingerprint=pack_fingerprint(pack),
    )
    articles = list(page.articles)
    if page.furniture:
        # Furniture is stored apart from every article body, as one pseudo-article, so the
        # date rules can still check the masthead's weekday and lunar date.
        articles.append(ArticleDraft(headline=MappedText.empty(), paragraphs=page.furniture, kind=FURNITURE))
    prepared.articles = [prepare_article(a, pub_date, pack) for a in articles]
    return prepared


def prepare_file(path: Path, default_date: date | None = None, pack: RulePack | None = None) -> PreparedDocument:
    return prepare_document(read_file(path), default_date, pack)


# A short page of made-up text that runs every extractor once (see warm_up).
_WARM_UP_TEXT = (
    "示例标题\n\n记者 王明　通讯员 李华\n\n"
    "本报讯 2024年5月16日，示例县农业局局长张三表示，全县今年种植面积达到1200亩，同比增长5%。\n"
)


def warm_up(pack: RulePack) -> None:
    """Load what preparing a document with ``pack`` needs (jieba's dictionary, the pack's
    compiled patterns) in this process, so that worker processes forked from it start ready."""
    from checker.extract.entities import _similar
    from checker.text.segment import tokenizer_for, word_freq

    tokenizer_for(pack)
    word_freq("示例")
    _similar("江", "红", pack)  # the character similarity tables (pypinyin, character parts)
    prepare_document(RawDocument(path="warm-up.txt", text=_WARM_UP_TEXT, format="txt", encoding="utf-8",
                                 content_hash=""), pack=pack)
