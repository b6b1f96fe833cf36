"""What a rule is, and the read-only view of the archive that rules look at.

A rule is a small class with a stable ``code`` (``DUP001``), a ``category``, a
default severity and a docstring that explains what it catches and why (the
docstring becomes the rule's help text in SARIF and ``checker rules``).  Its
settings come from the rule pack (``rules/rules.yaml``), so an editor can turn it
off, change its severity or its thresholds without touching code.

Rules never parse files: they read articles, sentences and facts from the store
through :class:`Archive`, whose lookups all go through indexes (fact keys,
sentence hashes, shingle sketches, name variants), never a scan of the archive.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, ClassVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from checker.model import Category, FindingDraft, Location, MappedText, Severity, SourceText
from checker.rulepack import RulePack
from checker.store.models import Article, Document, Fact, NameVariant, PassageBand, Sentence


@dataclass
class SentenceView:
    id: int
    ordinal: int
    paragraph: int
    mapped: MappedText

    @property
    def text(self) -> str:
        return self.mapped.text


@dataclass
class ArticleView:
    """One stored article with what rules need: sentences with their maps, facts, the file text."""

    id: int
    document_id: int
    ordinal: int
    path: str
    pub_date: date | None
    kind: str
    headline: MappedText
    subheadline: MappedText | None
    byline: str | None
    source: SourceText
    sentences: list[SentenceView]
    facts: list[Fact]
    pub_order: tuple[Any, ...] = field(default=())

    @property
    def title(self) -> str:
        return self.headline.text or "(无标题)"

    def sentence(self, sentence_id: int | None) -> SentenceView | None:
        for s in self.sentences:
            if s.id == sentence_id:
                return s
        return None

    def facts_of(self, *kinds: str) -> list[Fact]:
        return [f for f in self.facts if f.kind in kinds]

    def location(self, raw_start: int, raw_end: int) -> Location:
        """The place ``[raw_start, raw_end)`` of this article's file, with line and column."""
        line, col = self.source.position(raw_start)
        end_line, end_col = self.source.end_position(raw_end)
        return Location(
            path=self.path, article=self.title, line=line, column=col, end_line=end_line,
            end_column=end_col, text=self.source.text[raw_start:raw_end], document_id=self.document_id,
            article_id=self.id, raw_start=raw_start, raw_end=raw_end,
        )

    def span_location(self, text: MappedText, start: int, end: int) -> Location:
        """Location of characters ``start:end`` of an analysed text (sentence or headline)."""
        raw_start, raw_end = text.raw_span(start, end)
        return self.location(raw_start, raw_end)

    def fact_location(self, fact: Fact) -> Location:
        return self.location(fact.raw_start, fact.raw_end)


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

    # -- articles -------------------------------------------------------------------------------
    def article(self, article_id: int) -> ArticleView:
        view = self._articles.get(article_id)
        if view is None:
            view = self._load(article_id)
            self._articles[article_id] = view
        return view

    def _source(self, document: Document) -> SourceText:
        source = self._sources.get(document.id)
        if source is None:
            source = SourceText(document.text)
            self._sources[document.id] = source
        return source

    def _load(self, article_id: int) -> ArticleView:
        article = self.session.get(Article, article_id)
        if article is None:
            raise KeyError(article_id)
        document = article.document
        sentences = [
            SentenceView(s.id, s.ordinal, s.paragraph, MappedText.from_runs(s.text, s.runs))
            for s in self.session.scalars(
                select(Sentence).where(Sentence.article_id == article_id).order_by(Sentence.ordinal)
            )
        ]
        facts = list(self.session.scalars(select(Fact).where(Fact.article_id == article_id).order_by(Fact.raw_start)))
        headline = (
            MappedText.from_runs(article.headline, article.headline_runs)
            if article.headline_runs and article.headline
            else MappedText.identity(article.headline, article.raw_start)
        )
        subheadline = (
            MappedText.from_runs(article.subheadline, article.subheadline_runs)
            if article.subheadline and article.subheadline_runs
            else None
        )
        return ArticleView(
            id=article.id, document_id=document.id, ordinal=article.ordinal, path=document.path,
            pub_date=document.pub_date, kind=article.kind, headline=headline, subheadline=subheadline,
            byline=article.byline,
            source=self._source(document), sentences=sentences, facts=facts,
            pub_order=(document.pub_date or date.min, document.id, article.ordinal),
        )

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
    def facts_by_key(self, keys: Sequence[str], exclude_article: int | None = None) -> list[Fact]:
        if not keys:
            return []
        query = select(Fact).where(Fact.key.in_(list(keys)))
        if exclude_article is not None:
            query = query.where(Fact.article_id != exclude_article)
        return list(self.session.scalars(query))

    def sentences_by_hash(self, hashes: Sequence[int]) -> list[Sentence]:
        if not hashes:
            return []
        return list(self.session.scalars(select(Sentence).where(Sentence.text_hash.in_(list(hashes)))))

    def sentences_by_bands(self, bands: Sequence[int]) -> list[tuple[int, int]]:
        """(sentence_id, article_id) of every sentence sharing a sketch value with ``bands``."""
        if not bands:
            return []
        rows = self.session.execute(
            select(PassageBand.sentence_id, PassageBand.article_id).where(PassageBand.band.in_(list(bands))).distinct()
        )
        return [(r[0], r[1]) for r in rows]

    def bands_of(self, article_id: int) -> dict[int, list[int]]:
        rows = self.session.execute(
            select(PassageBand.sentence_id, PassageBand.band).where(PassageBand.article_id == article_id)
        )
        out: dict[int, list[int]] = {}
        for sentence_id, band in rows:
            out.setdefault(sentence_id, []).append(band)
        return out

    def sentence_row(self, sentence_id: int) -> Sentence | None:
        return self.session.get(Sentence, sentence_id)

    def name_variants(self, keys: Sequence[str]) -> list[NameVariant]:
        if not keys:
            return []
        return list(self.session.scalars(select(NameVariant).where(NameVariant.variant_key.in_(list(keys)))))

    def name_counts(self, names: Sequence[str], kinds: Sequence[str] | None = None) -> dict[str, int]:
        """How many times each of ``names`` occurs as a named fact in the archive."""
        if not names:
            return {}
        query = select(Fact.text, func.count()).where(Fact.text.in_(list(names)))
        if kinds:
            query = query.where(Fact.kind.in_(list(kinds)))
        return {text: count for text, count in self.session.execute(query.group_by(Fact.text))}

    def facts_by_text(self, texts: Sequence[str], kinds: Sequence[str]) -> list[Fact]:
        if not texts:
            return []
        return list(
            self.session.scalars(select(Fact).where(Fact.kind.in_(list(kinds)), Fact.text.in_(list(texts))))
        )


class Rule:
    """Base class of every check. Subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    default_severity: ClassVar[Severity] = "warning"
    # Page furniture (masthead, date lines, adverts) is checked only by rules that ask for it.
    checks_furniture: ClassVar[bool] = False
    # Settings and their defaults; the rule pack's ``rules.yaml`` entry for the code overrides them.
    defaults: ClassVar[dict[str, Any]] = {}

    def __init__(self, pack: RulePack, settings: dict[str, Any] | None = None) -> None:
        self.pack = pack
        merged = dict(self.defaults)
        merged.update(settings or {})
        self.settings = merged
        self.severity: Severity = merged.get("severity", self.default_severity)

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
