"""Fact extraction: numeric and named facts with exact spans.

The pipeline calls :func:`extract_sentence` once per sentence, in reading order,
with one :class:`ExtractContext` per article so that a subject named in one
sentence ("徐家埭村 ...") carries to the numbers of the next ("今年经常性收入...").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from operator import attrgetter

from checker.model import FactDraft
from checker.rulepack import RulePack, default_pack


@dataclass
class ExtractContext:
    """What the extractors know about the article being read.

    ``pack`` is the rule pack every extractor reads its lists from (places, titles, surnames,
    units ...): the pipeline passes the pack a command loaded (``--rules``, ``checker.toml``);
    a context made without one (a test, an interactive session) has the bundled pack.
    """

    pub_date: date | None = None
    headline: str = ""
    # The most recent place / organisation / person named in the article (subject carry-over).
    last_subject: str | None = None
    # Names already known (from the archive and rule pack) that segmentation must keep whole;
    # also the reference list for one-character variants ("上梅" for 上海).
    known_names: set[str] = field(default_factory=set)
    # Places and organisations named so far in this article (filled by extract_entities).
    seen_names: set[str] = field(default_factory=set)
    # Persons named so far in this article, in a byline, after a title, before a speech verb,
    # in a list ... (filled by extract_entities): later mentions need no such context.
    seen_persons: set[str] = field(default_factory=set)
    # Time scope of the last number whose own sentence gave one (for fully elliptical sentences).
    last_time: str | None = None
    # Counted things of earlier counts in this article: (subject, unit) -> phrases.
    counted_seen: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    pack: RulePack = field(default_factory=default_pack)


@cache
def _extractors() -> tuple[
    Callable[[str, ExtractContext], list[FactDraft]],
    Callable[[str, ExtractContext], list[FactDraft]],
    Callable[..., list[FactDraft]],
]:
    # Imported on first use (the extractors import this module); three import statements
    # a sentence cost more than the cached lookup.
    from checker.extract.dates import extract_dates
    from checker.extract.entities import extract_entities
    from checker.extract.numbers import extract_numbers

    return extract_entities, extract_dates, extract_numbers


_BY_SPAN = attrgetter("start", "end")


def extract_sentence(sentence: str, ctx: ExtractContext) -> list[FactDraft]:
    """All facts in one sentence: named facts first, then dates, then numbers that use both."""
    extract_entities, extract_dates, extract_numbers = _extractors()
    entities = extract_entities(sentence, ctx)
    dates = extract_dates(sentence, ctx)
    numbers = extract_numbers(sentence, ctx, entities=entities, dates=dates)
    return sorted([*entities, *dates, *numbers], key=_BY_SPAN)
