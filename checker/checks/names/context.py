"""What the name detectors share: the forms of the article's names, the article's texts and
tables, what has been reported so far, and where to point a finding's related location."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from checker.checks.base import Archive, ArticleView
from checker.checks.names.spelling import QUOTES
from checker.checks.typos import CompactText
from checker.model import NAME_KINDS, Location
from checker.store.models import Fact
from checker.text.similar_chars import ConfusionTable, Similarity

if TYPE_CHECKING:
    from checker.checks.names.rule import NameVariantRule


@dataclass
class Candidate:
    """A usual spelling proposed for a name, with the evidence for it."""

    name: str
    count: int
    similarity: Similarity
    index: int
    fact_ids: list[tuple[int, int]]  # (article_id, fact_id) of its occurrences in the archive
    text_at: tuple[CompactText, int] | None = None  # an occurrence in this article's text


@dataclass
class Form:
    """A name as checked: the fact's name, or (for places) a tail of it."""

    fact: Fact
    text: str  # as stored (the whole fact text for the fact itself, the bare tail otherwise)
    name: str  # bare
    offset: int  # characters dropped from the start of the bare fact name
    kind: str = ""  # kind the form is counted as (default: the fact's)
    end_cut: int = 0  # characters dropped from the end of the bare fact name


def variant_of(form: Form) -> str | None:
    """The known name the extractor found this name to be a one-character variant of."""
    if form.offset or form.end_cut:
        return None
    known = (form.fact.extra or {}).get("variant_of")
    return str(known) if known else None


@dataclass
class NameContext:
    """One article being checked by NAM001's detectors.

    ``reported`` holds the spellings reported so far (a later detector skips them and the
    spellings inside them); ``done`` the ids of facts already reported.
    """

    rule: NameVariantRule
    article: ArticleView
    archive: Archive
    facts: list[Fact]
    forms: list[Form]
    texts: list[CompactText]
    table: ConfusionTable
    distinct: set[frozenset[str]]
    reported: set[str] = field(default_factory=set)
    done: set[int] = field(default_factory=set)


def related_location(article: ArticleView, archive: Archive, cand: Candidate) -> Location | None:
    """Where the usual spelling stands: in the same article if it does, else its latest occurrence."""
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


def archive_example(article: ArticleView, archive: Archive, name: str) -> list[Location]:
    """The latest other article naming ``name`` (a capped index lookup: a usual spelling is frequent)."""
    found = [(aid, fid) for aid, fid in archive.name_occurrences([name]).get(name, []) if aid != article.id]
    if not found:
        return []
    latest = max(aid for aid, _ in found)
    first = min(fid for aid, fid in found if aid == latest)
    view = archive.article(latest)
    fact = next((f for f in view.facts if f.id == first), None)
    return [view.fact_location(fact)] if fact is not None else []


def form_location(article: ArticleView, form: Form) -> Location:
    """The location of a form: its fact's, narrowed to the tail or head the form is."""
    fact = form.fact
    if form.offset or form.end_cut:
        # Positions of the name's characters in the file text (which may hold spaces).
        raw = article.source.text[fact.raw_start : fact.raw_end]
        chars = [i for i, ch in enumerate(raw) if not ch.isspace() and ch not in QUOTES]
        last = len(chars) - 1 - form.end_cut
        if 0 <= form.offset <= last < len(chars):
            return article.location(fact.raw_start + chars[form.offset], fact.raw_start + chars[last] + 1)
    return article.fact_location(fact)


def located(forms: Sequence[Form]) -> list[Form]:
    """The forms that are whole facts (no tail or head cut off)."""
    return [f for f in forms if not (f.offset or f.end_cut)]
