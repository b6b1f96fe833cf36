"""NAM002: the same person given a post at two ranks (局长 and 副局长)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from checker.checks.base import Archive, ArticleView, Rule
from checker.checks.names.spelling import bare
from checker.checks.settings import RuleSettings, setting, severity_setting
from checker.model import FindingDraft, Location, Severity
from checker.store.models import Fact

_DEPUTY = ("常务副", "副")


def _rank(title: str) -> tuple[str, bool]:
    """(title without the deputy marker, whether it is a deputy title): 党委副书记 -> (党委书记, True)."""
    for marker in _DEPUTY:
        if marker in title:
            return title.replace(marker, "", 1), True
    return title, False


def _conflicting(t1: str, t2: str) -> bool:
    """Titles of one post at two ranks: 书记/副书记, 镇长/副镇长, 党委书记/副书记."""
    if t1 == t2:
        return False
    b1, d1 = _rank(t1)
    b2, d2 = _rank(t2)
    if d1 == d2:
        return False
    return b1 == b2 or (min(len(b1), len(b2)) >= 2 and (b1.endswith(b2) or b2.endswith(b1)))


def _orgs_compatible(o1: str | None, o2: str | None) -> bool:
    if not o1 or not o2:
        return True
    return o1 == o2 or o1.endswith(o2) or o2.endswith(o1)


def _days(d1: date, d2: date) -> int:
    return abs((d1 - d2).days)


@dataclass
class _Titled:
    article_id: int
    fact: Fact
    title: str
    org: str | None


MAX_RELATED = 5  # places of the usual title listed with a finding


class TitleConflictRule(Rule):
    """The same person given a post at two ranks (局长 and 副局长, 书记 and 副书记).

    What it catches: Looks up every titled person of the article in the archive by name and reports
    a title that differs from another mention of the same person only by the deputy marker (副, 常务副),
    when the organisations written before the titles agree (or one is missing) and the mentions are
    close in time. The rank used less often is reported, with the usual one as related; on a tie,
    the later mention. Two-character names need the same organisation or the same article, since
    namesakes are common.

    Why: Getting an official's rank wrong is a correction the paper has to print.

    Example: “县文广旅体局副局长沈慧芳” where two earlier reports call her 局长.
    """

    code = "NAM002"
    name = "title-conflict"
    category = "name-conflict"

    pairwise = True

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")
        max_days: int = setting(120, zh="两处提到同一人相隔不超过这么多天才比较职务",
                                en="two mentions of a person are compared when at most this many days apart")

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        mine = [f for f in article.facts if f.kind == "person" and (f.extra or {}).get("title") and f.key]
        if not mine:
            return
        keys = sorted({str(f.key) for f in mine})
        everywhere = archive.facts_by_key(keys)
        by_key: dict[str, list[_Titled]] = {}
        for f in everywhere:
            extra = f.extra or {}
            title = extra.get("title")
            if f.kind == "person" and title and f.key:
                by_key.setdefault(f.key, []).append(_Titled(f.article_id, f, str(title), _org(extra)))
        reported: set[tuple[str, str]] = set()
        for fact in mine:
            extra = fact.extra or {}
            title, org = str(extra["title"]), _org(extra)
            name = bare(fact.text)
            others = [
                t for t in by_key.get(str(fact.key), [])
                if t.fact.id != fact.id and _conflicting(title, t.title) and _orgs_compatible(org, t.org)
                and self._close(article, archive, t, fact, org)
            ]
            if not others or (name, title) in reported:
                continue
            own = 1 + sum(
                1 for t in by_key.get(str(fact.key), []) if t.fact.id != fact.id and t.title == title
            )
            tally: dict[str, list[_Titled]] = {}
            for t in others:
                tally.setdefault(t.title, []).append(t)
            usual, occurrences = max(tally.items(), key=lambda kv: (len(kv[1]), kv[0]))
            if len(occurrences) < own:
                continue
            if len(occurrences) == own and not self._later(article, archive, fact, occurrences):
                continue
            reported.add((name, title))
            # Every place the message counts is listed (the earliest first), up to MAX_RELATED.
            ordered = sorted(occurrences, key=lambda t: (archive.article(t.article_id).pub_order, t.fact.raw_start))
            related = [archive.article(t.article_id).fact_location(t.fact) for t in ordered[:MAX_RELATED]]
            listed_zh = f"（列出前{len(related)}处）" if len(related) < len(occurrences) else ""
            listed_en = f" (the first {len(related)} listed)" if len(related) < len(occurrences) else ""
            yield self.finding(
                _with_title(article, fact, title),
                f"“{name}”在此处称“{title}”，另有{len(occurrences)}处称“{usual}”{listed_zh}，职务前后不一致，请核实。",
                f"'{name}' is called {title} here but {usual} in {len(occurrences)} other place(s){listed_en}; "
                "check which title is right.",
                related=related,
                suggestion=usual if len(occurrences) > own else None,
                identity=(name, title, usual),
            )

    def _close(self, article: ArticleView, archive: Archive, other: _Titled, fact: Fact, org: str | None) -> bool:
        if other.article_id == article.id:
            return True
        view = archive.article(other.article_id)
        same_org = bool(org) and bool(other.org) and _orgs_compatible(org, other.org)
        if article.pub_date is None or view.pub_date is None:
            return same_org  # undated: only the same organisation written out ties the mentions
        if _days(article.pub_date, view.pub_date) > self.settings.max_days:
            return False
        if len(bare(fact.text)) <= 2:
            return same_org
        return True

    @staticmethod
    def _later(article: ArticleView, archive: Archive, fact: Fact, occurrences: Sequence[_Titled]) -> bool:
        """On a tie, report only at the mention that comes after all the others."""
        here = (article.pub_order, fact.raw_start)
        return all((archive.article(t.article_id).pub_order, t.fact.raw_start) < here for t in occurrences)


def _with_title(article: ArticleView, fact: Fact, title: str) -> Location:
    """The person's location, widened to the title written just before the name (副局长韩雪梅)."""
    start = fact.raw_start - len(title)
    if start >= 0 and article.source.text[start : fact.raw_start] == title:
        return article.location(start, fact.raw_end)
    return article.fact_location(fact)


def _org(extra: dict[str, Any]) -> str | None:
    org = extra.get("org")
    return str(org) if org else None
