"""What a rule is, and the read-only view of the archive that rules look at.

A rule is a small class with a stable ``code`` (``DUP001``), a ``category``, a
typed ``Settings`` schema (:mod:`checker.checks.settings`: the only place defaults live)
and a docstring that explains what it catches and why (the docstring becomes the
rule's help text in SARIF and ``checker rules``).  The rule pack's entry for its code
overrides the settings, so an editor can turn it off, change its severity or its
thresholds without touching code.

Rules never parse files: they read articles, sentences and facts from the store
through :class:`Archive`, whose lookups all go through indexes (fact keys,
sentence hashes, shingle sketches, name variants), never a scan of the archive.

Loading is lazy and batched: an :class:`ArticleView` of an archive article starts as its
small header (path, headline, date); its sentences, facts and file text are read on
first use, with plain column queries rather than ORM objects where rules only read
them, and :meth:`Archive.prefetch` loads the sentences of many articles in one query.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import cached_property, lru_cache
from pathlib import PurePath
from typing import Any, ClassVar, NamedTuple, get_args

from sqlalchemy import Text, TextClause, func, select, text, type_coerce
from sqlalchemy.orm import Session, aliased

from checker.checks.settings import RuleSettings, parse_settings
from checker.model import (
    NAME_KINDS,
    Category,
    FactKind,
    FindingDraft,
    Location,
    MappedText,
    Severity,
    SourceText,
    source_text,
)
from checker.rulepack import RulePack
from checker.store.models import Article, CharBigram, Document, Fact, NameKey, PassageBand, Sentence

# Ids per ``IN (...)`` list: well under SQLite's and PostgreSQL's parameter limits.
_CHUNK = 500
# Values per capped lookup on SQLite (one LIMITed index range per value, joined by UNION ALL).
# Always this many, padded with a value no row has, so each statement is prepared once.
# PostgreSQL gets all values at once as arrays (see Archive._union_rows).
_CAPPED_CHUNK = 32
# Occurrences of a name (per kind) fetched from the rest of the archive: rules point at one
# (see Archive.name_occurrences).
NAME_OCCURRENCES_CAP = 2
# Facts of a key fetched from the rest of the archive (see Archive.facts_by_key).
FACTS_PER_KEY_CAP = 16
# Band lookups remembered in one run (see Archive.sentences_by_bands): a few MB at most.
_BAND_CACHE_MAX = 50_000


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield list(ids[i : i + _CHUNK])


@lru_cache(maxsize=16)
def _union_of_ranges(part: str) -> TextClause:
    """``part`` (an SQL query whose parameters are named ``:<name>{n}``) once for each
    ``n`` < :data:`_CAPPED_CHUNK`, joined by UNION ALL: one statement, prepared once, that
    reads a LIMITed index range per value."""
    return text(" UNION ALL ".join(f"SELECT * FROM ({part.replace('{n}', str(n))}) AS t{n}"
                                   for n in range(_CAPPED_CHUNK)))


@lru_cache(maxsize=16)
def _lateral_of_ranges(part: str, names: tuple[str, ...], types: tuple[str, ...]) -> TextClause:
    """``part`` for every row of the arrays ``:<name>`` (PostgreSQL) of element ``types``: the
    same index ranges as :func:`_union_of_ranges`, in one statement of one plan whatever the
    number of values (a 32-branch UNION ALL is planned anew each time, a few milliseconds a
    lookup there)."""
    body = part
    for name in names:
        body = body.replace(f":{name}{{n}}", f"p.{name}")
    body = body.replace("{n}", "")
    arrays = ", ".join(f"CAST(:{name} AS {kind}[])" for name, kind in zip(names, types, strict=True))
    # Only the query templates of this module and their parameter names go into the text.
    statement = f"SELECT t.* FROM unnest({arrays}) AS p({', '.join(names)}) CROSS JOIN LATERAL ({body}) AS t"
    return text(statement)


@lru_cache(maxsize=8)
def _capped_part(table: str, key: str, columns: tuple[str, ...], skip_frequent: bool = False) -> str:
    """``columns`` of the rows of ``table`` with ``key = :v{n}`` (see :meth:`Archive._union_rows`).

    At most ``:cap`` rows a value; with ``skip_frequent``, none at all for a value with
    ``:cap`` rows or more, which is found out by counting at most ``:cap`` entries of the
    index on ``key`` (without reading the table).
    """
    cols = ", ".join(columns)
    if skip_frequent:
        few = f"(SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {key} = :v{{n}} LIMIT :cap) AS c{{n}}) < :cap"
        return f"SELECT {cols} FROM {table} WHERE {key} = :v{{n}} AND {few}"
    return f"SELECT {cols} FROM {table} WHERE {key} = :v{{n}} LIMIT :cap"


def _latest_facts_part(columns: str, condition: str, newest_first: str) -> str:
    """``columns`` of the facts meeting ``condition`` (parameters named ``:<name>{n}``), newest
    (by ``newest_first``) first and at most ``:cap`` of them (see :meth:`Archive._union_rows`).

    Each part is a short backward walk of one index range: what a frequent name or fact key
    costs is bounded by the cap, not by how often it occurs in the archive.
    """
    return f"SELECT {columns} FROM facts WHERE {condition} ORDER BY {newest_first} DESC LIMIT :cap"


class SentenceView:
    """One sentence of an article; its map back to the file is decoded on first use."""

    __slots__ = ("_mapped", "_runs", "id", "ordinal", "paragraph", "text")

    def __init__(
        self, id: int, ordinal: int, paragraph: int, mapped: MappedText | None = None, *,
        text: str | None = None, runs: Sequence[Sequence[int]] | str | None = None,
    ) -> None:
        self.id = id
        self.ordinal = ordinal
        self.paragraph = paragraph
        if mapped is not None:
            self.text = mapped.text
        else:
            assert text is not None and runs is not None
            self.text = text
        self._mapped = mapped
        self._runs = runs

    @property
    def mapped(self) -> MappedText:
        if self._mapped is None:
            assert self._runs is not None
            # Runs arrive as stored JSON text (SQLite) or already decoded (PostgreSQL drivers).
            runs = json.loads(self._runs) if isinstance(self._runs, str) else self._runs
            self._mapped = MappedText.from_runs(self.text, runs)
            self._runs = None
        return self._mapped

    def __repr__(self) -> str:
        return f"SentenceView({self.id}, {self.text!r})"


class HashedSentence(NamedTuple):
    """What the sentence-hash index returns: enough to find the sentence in its article."""

    id: int
    article_id: int
    text_hash: int


class BandHit(NamedTuple):
    """What the sketch-band index returns: a sentence sharing ``band`` with the sentences looked up."""

    sentence_id: int
    article_id: int
    band: int


class StoredCopy(NamedTuple):
    """A stored document with the same content as another (see :meth:`Archive.copies_of`)."""

    document_id: int
    path: str
    pub_date: date | None


class ArticleView:
    """One stored article with what rules need: sentences with their maps, facts, the file text.

    Built from the article's header; ``sentences``, ``facts`` and ``source`` are loaded
    from the archive the first time a rule reads them (or given up front).
    """

    def __init__(
        self, *, id: int, document_id: int, ordinal: int, path: str, pub_date: date | None, kind: str,
        headline: MappedText, subheadline: MappedText | None, byline: str | None,
        archive: Archive | None = None, source: SourceText | None = None,
        sentences: list[SentenceView] | None = None, facts: list[Fact] | None = None,
        pub_order: tuple[Any, ...] = (), kicker: MappedText | None = None,
    ) -> None:
        self.id = id
        self.document_id = document_id
        self.ordinal = ordinal
        self.path = path
        self.pub_date = pub_date
        self.kind = kind
        self.headline = headline
        self.subheadline = subheadline
        self.kicker = kicker  # the line above the headline (引题)
        self.byline = byline
        self.pub_order = pub_order
        self._archive = archive
        self._source = source
        self._sentences = sentences
        self._facts = facts
        self._by_id: dict[int, SentenceView] | None = None

    def __repr__(self) -> str:
        return f"ArticleView({self.id}, {self.title!r})"

    @property
    def title(self) -> str:
        return self.headline.text or "(无标题)"

    @property
    def source(self) -> SourceText:
        if self._source is None:
            assert self._archive is not None
            self._source = self._archive.source(self.document_id)
        return self._source

    @property
    def sentences(self) -> list[SentenceView]:
        if self._sentences is None:
            assert self._archive is not None
            self._archive.prefetch([self.id])
            assert self._sentences is not None
        return self._sentences

    @property
    def facts(self) -> list[Fact]:
        if self._facts is None:
            assert self._archive is not None
            self._archive.prefetch([self.id], facts=True)
            assert self._facts is not None
        return self._facts

    @property
    def sentences_loaded(self) -> bool:
        return self._sentences is not None

    @property
    def facts_loaded(self) -> bool:
        return self._facts is not None

    def sentence(self, sentence_id: int | None) -> SentenceView | None:
        if self._by_id is None:
            self._by_id = {s.id: s for s in self.sentences}
        return self._by_id.get(sentence_id) if sentence_id is not None else None

    def sentence_index(self, sentence_id: int) -> int | None:
        """Position of sentence ``sentence_id`` in :attr:`sentences`, if it is this article's."""
        s = self.sentence(sentence_id)
        return None if s is None else self.sentences.index(s)

    def facts_of(self, *kinds: str) -> list[Fact]:
        return [f for f in self.facts if f.kind in kinds]

    def location(self, raw_start: int, raw_end: int) -> Location:
        """The place ``[raw_start, raw_end)`` of this article's file, with line and column, and its
        text as an editor reads it (without the markup of a web page or Markdown file)."""
        source = self.source
        line, col = source.position(raw_start)
        end_line, end_col = source.end_position(raw_end)
        return Location(
            path=self.path, article=self.title, line=line, column=col, end_line=end_line,
            end_column=end_col, text=source.shown(raw_start, raw_end), document_id=self.document_id,
            article_id=self.id, raw_start=raw_start, raw_end=raw_end,
        )

    def span_location(self, text: MappedText, start: int, end: int) -> Location:
        """Location of characters ``start:end`` of an analysed text (sentence or headline)."""
        raw_start, raw_end = text.raw_span(start, end)
        return self.location(raw_start, raw_end)

    def where(self, other: ArticleView, location: Location) -> tuple[str, str]:
        """How a message names a related place: (Chinese, English).

        '本文第12行' in this article, '本版《标题》第12行' on the same page,
        '《标题》（文件名 第12行）' elsewhere in the archive.
        """
        line = location.line
        if other.id == self.id:
            return f"本文第{line}行", f"line {line} of this article"
        if other.document_id == self.document_id:
            return f"本版《{other.title}》第{line}行", f"'{other.title}' on the same page, line {line}"
        name = PurePath(other.path).name
        return f"《{other.title}》（{name} 第{line}行）", f"'{other.title}' ({name}, line {line})"

    def fact_location(self, fact: Fact) -> Location:
        return self.location(fact.raw_start, fact.raw_end)


_HEADER_COLUMNS = (
    Article.id, Article.document_id, Article.ordinal, Article.kind, Article.headline, Article.headline_runs,
    Article.subheadline, Article.subheadline_runs, Article.byline, Article.raw_start, Document.path,
    Document.pub_date, Article.kicker, Article.kicker_runs,
)


class Archive:
    """Index lookups over the whole store, with a cache of loaded articles.

    ``targets`` are the articles being checked in this run: a problem between two
    targets is reported once, at the later one (see :meth:`reports_pair`).
    """

    def __init__(self, session: Session, targets: Iterable[int] = ()) -> None:
        self.session = session
        self.targets = set(targets)
        self._articles: dict[int, ArticleView] = {}
        self._sources: dict[int, SourceText] = {}
        self._bands: dict[int, dict[int, list[int]]] = {}
        self._single: dict[int, SentenceView | None] = {}  # sentences loaded without their article's others
        self._copies: dict[int, list[StoredCopy]] = {}
        # Band lookups of this run: DUP002 and NUM003 look up mostly the same bands of an article.
        self._band_hits: dict[tuple[int, int | None], list[BandHit]] = {}
        # Texts of other articles' sentences: DUP002 and NUM003 read mostly the same candidates.
        self._texts: dict[int, str] = {}

    # -- articles -------------------------------------------------------------------------------
    def article(self, article_id: int) -> ArticleView:
        view = self._articles.get(article_id)
        if view is None:
            self._load_headers([article_id])
            view = self._articles.get(article_id)
            if view is None:
                raise KeyError(article_id)
        return view

    def articles(self, article_ids: Iterable[int]) -> list[ArticleView]:
        """Views of ``article_ids`` (headers in one query per 500); unknown ids are skipped."""
        ids = list(dict.fromkeys(article_ids))
        self._load_headers([i for i in ids if i not in self._articles])
        return [self._articles[i] for i in ids if i in self._articles]

    def prefetch(self, article_ids: Iterable[int], *, facts: bool = False) -> None:
        """Load headers and sentences (and facts) of many articles, one query per kind and 500 ids."""
        views = self.articles(article_ids)
        need = [v.id for v in views if not v.sentences_loaded]
        if need:
            by_article: dict[int, list[SentenceView]] = {i: [] for i in need}
            for chunk in _chunks(need):
                # The runs stay JSON text until a rule needs the sentence's map (few do).
                rows = self.session.execute(
                    select(Sentence.article_id, Sentence.id, Sentence.ordinal, Sentence.paragraph, Sentence.text,
                           type_coerce(Sentence.runs, Text))
                    .where(Sentence.article_id.in_(chunk)).order_by(Sentence.article_id, Sentence.ordinal)
                )
                for aid, sid, ordinal, paragraph, text, runs in rows:
                    by_article[aid].append(SentenceView(sid, ordinal, paragraph, text=text, runs=runs))
            for aid, sentences in by_article.items():
                self._articles[aid]._sentences = sentences
        if facts:
            need = [v.id for v in views if not v.facts_loaded]
            if need:
                facts_of: dict[int, list[Fact]] = {i: [] for i in need}
                for chunk in _chunks(need):
                    query = (
                        select(Fact).where(Fact.article_id.in_(chunk))
                        .order_by(Fact.article_id, Fact.raw_start, Fact.id)
                    )
                    for fact in self.session.scalars(query):
                        facts_of[fact.article_id].append(fact)
                for aid, found in facts_of.items():
                    self._articles[aid]._facts = found

    def _load_headers(self, article_ids: Sequence[int]) -> None:
        for chunk in _chunks(article_ids):
            rows = self.session.execute(
                select(*_HEADER_COLUMNS).join(Document, Document.id == Article.document_id)
                .where(Article.id.in_(chunk))
            )
            for (aid, document_id, ordinal, kind, headline, headline_runs, subheadline, subheadline_runs, byline,
                 raw_start, path, pub_date, kicker, kicker_runs) in rows:
                head = (
                    MappedText.from_runs(headline, headline_runs)
                    if headline_runs and headline
                    else MappedText.identity(headline or "", raw_start)
                )
                sub = (
                    MappedText.from_runs(subheadline, subheadline_runs) if subheadline and subheadline_runs else None
                )
                above = MappedText.from_runs(kicker, kicker_runs) if kicker and kicker_runs else None
                self._articles[aid] = ArticleView(
                    id=aid, document_id=document_id, ordinal=ordinal, path=path, pub_date=pub_date, kind=kind,
                    headline=head, subheadline=sub, byline=byline, archive=self,
                    source=self._sources.get(document_id),
                    pub_order=(pub_date or date.min, document_id, ordinal), kicker=above,
                )

    def source(self, document_id: int) -> SourceText:
        """The file text of a document, with its line index (read once per document)."""
        source = self._sources.get(document_id)
        if source is None:
            row = self.session.execute(
                select(Document.text, Document.clean_text, Document.clean_runs).where(Document.id == document_id)
            ).first()
            if row is None:
                raise KeyError(document_id)
            source = source_text(row.text, row.clean_text, row.clean_runs)
            self._sources[document_id] = source
        return source

    def copies_of(self, document_id: int) -> list[StoredCopy]:
        """The other documents with the same content (same file bytes) as ``document_id``,
        oldest first (by id: the order they were stored in); the content-hash index answers."""
        found = self._copies.get(document_id)
        if found is None:
            other = aliased(Document)
            rows = self.session.execute(
                select(other.id, other.path, other.pub_date)
                .join(Document, Document.content_hash == other.content_hash)
                .where(Document.id == document_id, other.id != document_id).order_by(other.id)
            )
            found = [StoredCopy(int(i), str(p), d) for i, p, d in rows]
            self._copies[document_id] = found
        return found

    def article_at(self, document_id: int, ordinal: int) -> ArticleView | None:
        """The article of ``document_id`` at ``ordinal`` (its place in the document)."""
        found = self.session.scalar(
            select(Article.id).where(Article.document_id == document_id, Article.ordinal == ordinal)
        )
        return None if found is None else self.article(found)

    def reports_pair(self, article: ArticleView, other_id: int) -> bool:
        """Whether a problem between ``article`` and ``other_id`` is reported at ``article``.

        Against the archive it always is; between two articles checked in the same run,
        only at the later one, so the pair gives one finding, not two mirrored ones.
        """
        if other_id == article.id:
            return True
        if other_id not in self.targets:
            return True
        return self.article(other_id).pub_order < article.pub_order

    # -- index lookups --------------------------------------------------------------------------
    def facts_by_key(
        self, keys: Sequence[str], exclude_article: int | None = None, per_key: int = FACTS_PER_KEY_CAP
    ) -> list[Fact]:
        """Facts with one of ``keys``, the ``per_key`` latest of each (a frequent key, "the
        county's population", has thousands; a conflict shows among the latest, and the
        articles of this run, stored last, are among them)."""
        wanted = sorted({k for k in keys if k})
        if not wanted:
            return []
        part = _latest_facts_part("id", "key = :v{n}", "id")
        ids = {fact_id for (fact_id,) in self._union_rows(part, [{"v": k} for k in wanted], {"v": ""}, per_key)}
        found: list[Fact] = []
        for chunk in _chunks(sorted(ids)):
            found.extend(self.session.scalars(select(Fact).where(Fact.id.in_(chunk)).order_by(Fact.id)))
        if exclude_article is not None:
            found = [f for f in found if f.article_id != exclude_article]
        return found

    def _capped(
        self, table: str, key: str, columns: tuple[str, ...], values: Sequence[int], cap: int,
        skip_frequent: bool = False,
    ) -> list[Any]:
        """Rows with ``key`` equal to each of ``values`` (non-negative), at most ``cap`` per value
        (with ``skip_frequent``: none for a value that has ``cap`` rows or more).

        Each value is its own LIMITed index range, so what a frequent value costs is bounded by
        ``cap``, not by how often it occurs in the archive.
        """
        part = _capped_part(table, key, columns, skip_frequent)
        return list(self._union_rows(part, [{"v": v} for v in dict.fromkeys(values)], {"v": -1}, cap))

    def _union_rows(
        self, part: str, parts: Sequence[dict[str, object]], padding: dict[str, object], cap: int
    ) -> Iterator[Any]:
        """Rows of the query ``part`` (parameters named ``:<name>{n}``, at most ``:cap`` rows)
        for each of ``parts`` (the parameters of one, named without their number).

        PostgreSQL: one statement, the values as arrays (:func:`_lateral_of_ranges`).  Elsewhere,
        :data:`_CAPPED_CHUNK` parts a UNION ALL statement (:func:`_union_of_ranges`); unused parts
        get ``padding``, a value no row has, so every statement has the same parameters.
        """
        if not parts:
            return
        if self.session.get_bind().dialect.name == "postgresql":
            names = tuple(sorted(parts[0]))
            types = tuple("text" if isinstance(parts[0][name], str) else "bigint" for name in names)
            arrays: dict[str, object] = {name: [p[name] for p in parts] for name in names}
            yield from self.session.execute(_lateral_of_ranges(part, names, types), {**arrays, "cap": cap})
            return
        statement = _union_of_ranges(part)
        for i in range(0, len(parts), _CAPPED_CHUNK):
            params: dict[str, object] = {"cap": cap}
            for n in range(_CAPPED_CHUNK):
                values = parts[i + n] if i + n < len(parts) else padding
                params.update((f"{name}{n}", value) for name, value in values.items())
            yield from self.session.execute(statement, params)

    def sentences_by_hash(self, hashes: Sequence[int], *, per_hash: int | None = None) -> list[HashedSentence]:
        """Sentences whose exact hash is one of ``hashes`` (at most ``per_hash`` of each, when given)."""
        if not hashes:
            return []
        if per_hash is not None:
            rows = self._capped(
                Sentence.__tablename__, "text_hash", ("id", "article_id", "text_hash"), hashes, per_hash
            )
            return [HashedSentence(*r) for r in rows]
        return [
            HashedSentence(*r)
            for r in self.session.execute(
                select(Sentence.id, Sentence.article_id, Sentence.text_hash).where(Sentence.text_hash.in_(list(hashes)))
            )
        ]

    def sentences_by_bands(self, bands: Sequence[int], *, max_sentences: int | None = None) -> list[BandHit]:
        """Every sentence sharing a sketch value with ``bands``, with the value it shares.

        With ``max_sentences``, a band shared by more sentences than that is skipped (a stop
        band: a common phrase, not a copy), and finding that out reads at most
        ``max_sentences + 1`` index entries of it, however large the archive.
        """
        if not bands:
            return []
        cache = self._band_hits
        need = [b for b in dict.fromkeys(bands) if (b, max_sentences) not in cache]
        if need:
            if len(cache) > _BAND_CACHE_MAX:
                cache.clear()  # a long run: the bands of articles checked long ago are not asked again
            found: dict[int, list[BandHit]] = {b: [] for b in need}
            if max_sentences is None:
                rows: Iterable[Any] = self.session.execute(
                    select(PassageBand.sentence_id, PassageBand.article_id, PassageBand.band)
                    .where(PassageBand.band.in_(need))
                )
            else:
                rows = self._capped(
                    PassageBand.__tablename__, "band", ("sentence_id", "article_id", "band"), need,
                    max_sentences + 1, skip_frequent=True,
                )
            for r in rows:
                found[r[2]].append(BandHit(*r))
            for b, hits in found.items():
                cache[(b, max_sentences)] = hits
        return [hit for b in dict.fromkeys(bands) for hit in cache.get((b, max_sentences), ())]

    def sentence_texts(self, sentence_ids: Iterable[int]) -> dict[int, str]:
        """The text of each of ``sentence_ids``, one query per 500 (texts read before in this run
        are not read again)."""
        wanted = list(dict.fromkeys(sentence_ids))
        cache = self._texts
        need = [i for i in wanted if i not in cache]
        if len(cache) + len(need) > _BAND_CACHE_MAX:
            cache.clear()  # a long run: sentences of articles checked long ago are not asked again
            need = wanted
        for chunk in _chunks(need):
            rows = self.session.execute(select(Sentence.id, Sentence.text).where(Sentence.id.in_(chunk)))
            for sentence_id, text_ in rows:
                cache[sentence_id] = text_
        return {i: cache[i] for i in wanted if i in cache}

    def bands_of(self, article_id: int) -> dict[int, list[int]]:
        cached = self._bands.get(article_id)
        if cached is None:
            self.prefetch_bands([article_id])
            cached = self._bands[article_id]
        return cached

    def prefetch_bands(self, article_ids: Iterable[int]) -> None:
        """Sketch bands of many articles' sentences, one query per 500 articles."""
        need = [i for i in dict.fromkeys(article_ids) if i not in self._bands]
        for chunk in _chunks(need):
            found: dict[int, dict[int, list[int]]] = {i: {} for i in chunk}
            rows = self.session.execute(
                select(PassageBand.article_id, PassageBand.sentence_id, PassageBand.band)
                .where(PassageBand.article_id.in_(chunk))
            )
            for aid, sentence_id, band in rows:
                found[aid].setdefault(sentence_id, []).append(band)
            self._bands.update(found)

    def sentence_views(self, sentence_ids: Iterable[int]) -> None:
        """Load single sentences (of articles whose sentences are not all needed), one query per 500."""
        need = [i for i in dict.fromkeys(sentence_ids) if i not in self._single]
        for chunk in _chunks(need):
            self._single.update((i, None) for i in chunk)
            rows = self.session.execute(
                select(
                    Sentence.id, Sentence.ordinal, Sentence.paragraph, Sentence.text, type_coerce(Sentence.runs, Text)
                ).where(Sentence.id.in_(chunk))
            )
            for sid, ordinal, paragraph, text_, runs in rows:
                self._single[sid] = SentenceView(sid, ordinal, paragraph, text=text_, runs=runs)

    def facts_of_sentences(self, sentences: Iterable[tuple[int, int]]) -> dict[int, list[Fact]]:
        """sentence id -> its facts, for ``(article_id, sentence_id)`` pairs (one query per 500 articles).

        The article index answers; only those sentences' facts are built, not their articles' others.
        """
        wanted: dict[int, set[int]] = {}
        for article_id, sentence_id in sentences:
            wanted.setdefault(article_id, set()).add(sentence_id)
        out: dict[int, list[Fact]] = {sid: [] for sids in wanted.values() for sid in sids}
        for chunk in _chunks(list(wanted)):
            sids = sorted({sid for aid in chunk for sid in wanted[aid]})
            query = (
                select(Fact).where(Fact.article_id.in_(chunk), Fact.sentence_id.in_(sids))
                .order_by(Fact.raw_start, Fact.id)
            )
            for fact in self.session.scalars(query):
                if fact.sentence_id is not None and fact.sentence_id in out:
                    out[fact.sentence_id].append(fact)
        return out

    def fact_texts(self, article_ids: Iterable[int], kind: str) -> dict[int, set[str]]:
        """article id -> texts of its facts of ``kind``, without loading the articles' facts."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[int, set[str]] = {i: set() for i in ids}
        for chunk in _chunks(ids):
            # The kind is tested here, not in SQL: there the planner may prefer the (kind, text)
            # index and read every fact of that kind in the archive.
            rows = self.session.execute(select(Fact.article_id, Fact.kind, Fact.text).where(Fact.article_id.in_(chunk)))
            for article_id, fact_kind, text_ in rows:
                if fact_kind == kind:
                    out[article_id].add(str(text_))
        return out

    def sentence_view(self, sentence_id: int) -> SentenceView | None:
        """Sentence ``sentence_id`` alone (see :meth:`sentence_views` to load many at once)."""
        if sentence_id not in self._single:
            self.sentence_views([sentence_id])
        return self._single[sentence_id]

    def sentence_row(self, sentence_id: int) -> Sentence | None:
        return self.session.get(Sentence, sentence_id)

    def name_variant_names(self, keys: Sequence[str]) -> dict[str, list[str]]:
        """variant key -> the distinct names stored under it, for ``keys`` (the name lexicon).

        As many rows as there are distinct names, however often each occurs.  A name can be
        left over from deleted articles: count it with :meth:`name_counts` and locate it with
        :meth:`name_occurrences`, which find nothing for such a name.
        """
        out: dict[str, list[str]] = {}
        for i in range(0, len(keys), _CHUNK):
            rows = self.session.execute(
                select(NameKey.variant_key, NameKey.name).where(NameKey.variant_key.in_(list(keys[i : i + _CHUNK])))
            )
            for key, name in rows:
                out.setdefault(key, []).append(name)
        return out

    def name_occurrences(
        self, names: Sequence[str], per_name: int = NAME_OCCURRENCES_CAP
    ) -> dict[str, list[tuple[int, int]]]:
        """name -> (article_id, fact_id) of its latest ``per_name`` occurrences of each named kind
        (the articles of this run, stored last, come first).

        A frequent name (a county, the paper's own name) has thousands of occurrences; rules
        only need one to point at, so what a lookup costs stays the same as the archive grows.
        """
        wanted = list(dict.fromkeys(n for n in names if n))
        out: dict[str, set[tuple[int, int]]] = {}
        if not wanted:
            return {}
        parts: list[dict[str, object]] = [{"k": kind, "v": name} for name in wanted for kind in NAME_KINDS]
        part = _latest_facts_part("text, article_id, id", "kind = :k{n} AND text = :v{n}", "article_id")
        for name, article_id, fact_id in self._union_rows(part, parts, {"k": "", "v": ""}, per_name):
            out.setdefault(name, set()).add((article_id, fact_id))
        return {name: sorted(found) for name, found in out.items()}

    def name_counts(self, names: Sequence[str], kinds: Sequence[str] | None = None) -> dict[str, int]:
        """How many times each of ``names`` occurs as a named fact in the archive."""
        if not names:
            return {}
        # With no kinds given, every kind a fact can have: the (kind, text) index then answers
        # with a few seeks a name, where a condition on text alone reads the whole index.
        query = select(Fact.text, func.count()).where(
            Fact.text.in_(list(names)), Fact.kind.in_(list(kinds) if kinds else list(get_args(FactKind)))
        )
        return {text: count for text, count in self.session.execute(query.group_by(Fact.text))}

    def char_bigram_counts(self, bigrams: Iterable[str]) -> dict[str, int]:
        """How often the archive writes each of ``bigrams`` (pairs of characters; see
        :class:`checker.store.models.CharBigram`); pairs it never writes are left out."""
        wanted = sorted(set(bigrams))
        out: dict[str, int] = {}
        for i in range(0, len(wanted), _CHUNK):
            rows = self.session.execute(
                select(CharBigram.bigram, CharBigram.count).where(CharBigram.bigram.in_(wanted[i : i + _CHUNK]))
            )
            out.update((b, int(n)) for b, n in rows)
        return out

    def facts_by_text(self, texts: Sequence[str], kinds: Sequence[str]) -> list[Fact]:
        if not texts:
            return []
        return list(
            self.session.scalars(select(Fact).where(Fact.kind.in_(list(kinds)), Fact.text.in_(list(texts))))
        )


class Rule:
    """Base class of every check. Subclasses set the class attributes and implement :meth:`check`.

    A subclass declares its settings as a nested frozen dataclass ``Settings`` (see
    :mod:`checker.checks.settings`), with the annotation ``settings: Settings`` so that
    ``self.settings.<field>`` type-checks.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    # Page furniture (masthead, date lines, adverts) is checked only by rules that ask for it.
    checks_furniture: ClassVar[bool] = False
    # A problem between two places (this one and ``related[0]``) that a check of either side may
    # report: its id is the same from both sides, so one decision covers it (see checks.runner).
    pairwise: ClassVar[bool] = False
    Settings: ClassVar[type[RuleSettings]] = RuleSettings
    settings: RuleSettings

    def __init__(self, pack: RulePack, settings: RuleSettings | Mapping[str, Any] | None = None) -> None:
        """``settings`` as parsed by the registry, or a mapping of overrides (tests), or none:
        the schema's defaults."""
        self.pack = pack
        if not isinstance(settings, RuleSettings):
            settings = parse_settings(self.Settings, settings, where=self.code)
        self.settings = settings
        self.severity: Severity = settings.severity

    @classmethod
    def default_severity(cls) -> Severity:
        return cls.Settings().severity

    @classmethod
    def summary(cls) -> str:
        """First line of the docstring (the short description)."""
        return (inspect.getdoc(cls) or "").strip().splitlines()[0] if cls.__doc__ else cls.name

    @classmethod
    def help_text(cls) -> str:
        return inspect.getdoc(cls) or ""

    def finding(
        self,
        location: Location,
        message_zh: str,
        message_en: str,
        *,
        related: Sequence[Location] = (),
        suggestion: str | None = None,
        identity: Sequence[str] = (),
        severity: Severity | None = None,
    ) -> FindingDraft:
        return FindingDraft(
            rule=self.code, category=self.category, severity=severity or self.severity,
            message_zh=message_zh, message_en=message_en, location=location, related=list(related),
            suggestion=suggestion, identity=tuple(identity),
        )

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        raise NotImplementedError

    @cached_property
    def table_cache(self) -> dict[str, Any]:
        """Per-rule scratch space for tables derived from the pack (built once per run)."""
        return {}
