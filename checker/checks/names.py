"""Name conflicts: a name spelled one character off, and a person given two ranks."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from checker.checks.base import Archive, ArticleView, Rule
from checker.model import FindingDraft, Location
from checker.store.ingest import variant_keys
from checker.store.models import Fact
from checker.text.similar_chars import ConfusionTable, Similarity

NAME_KINDS = ("person", "place", "org", "name")
_QUOTES = "“”‘’「」『』《》\"'"
_KIND_ZH = {"person": "人名", "place": "地名", "org": "单位名称", "name": "名称"}
_KIND_EN = {"person": "person name", "place": "place name", "org": "organisation name", "name": "name"}


def _bare(text: str) -> str:
    """A fact's text without quotes and whitespace (what an editor reads as the name)."""
    return "".join(ch for ch in text if not ch.isspace()).strip(_QUOTES)


def _count_kinds(kind: str) -> tuple[str, ...]:
    return ("person",) if kind == "person" else ("place", "org", "name")


def _one_diff(a: str, b: str) -> int | None:
    """Index of the single differing character of two equal-length strings, else None."""
    if len(a) != len(b):
        return None
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return diffs[0] if len(diffs) == 1 else None


@dataclass
class _Candidate:
    name: str
    count: int
    similarity: Similarity
    index: int
    fact_ids: list[tuple[int, int]]  # (article_id, fact_id) of its occurrences


class NameVariantRule(Rule):
    """A name written one character off from its usual, much more frequent spelling.

    Compares every person, place, organisation, quoted and byline name of the article
    with the names of the archive that differ from it in exactly one character (one
    index lookup), and reports the rare spelling when the usual one is clearly more
    frequent and the two differing characters are easy to confuse: a listed confusion
    pair or homophones (error), or characters of similar shape or near sound (warning,
    and only with stronger frequency evidence).  Sibling names that differ in numerals
    or directions (东村/西村, 一村/二村) and the pairs listed as distinct in
    ``rules/names.yaml`` are never reported.  A misspelt village, company or reporter
    name is one of the most common and most embarrassing corrections in print.
    """

    code = "NAM001"
    name = "name-variant"
    category = "name-conflict"
    default_severity = "error"
    defaults: dict[str, Any] = {
        "min_count": 2,  # the usual spelling occurs at least this often
        "ratio": 2.0,  # ... and at least this many times as often as the variant
        "weak_min_count": 3,  # for shape / near-sound evidence
        "weak_ratio": 3.0,
        "person_two_char_min_count": 3,  # two-character person names: strong evidence only
        "weak_severity": "warning",
    }

    def _tables(self) -> tuple[ConfusionTable, set[frozenset[str]]]:
        cache = self.table_cache
        if "confusion" not in cache:
            cache["confusion"] = ConfusionTable.from_pack(self.pack)
            data = self.pack.table("names", {}) or {}
            distinct = set()
            for pair in data.get("distinct_names") or ():
                names = [str(n) for n in pair]
                if len(names) >= 2:
                    distinct.add(frozenset(names))
            cache["distinct"] = distinct
        return cache["confusion"], cache["distinct"]

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        table, distinct = self._tables()
        facts = [f for f in article.facts if f.kind in NAME_KINDS and f.text]
        if not facts:
            return
        keys: set[str] = set()
        for f in facts:
            keys.update(variant_keys(f.text))
        rows = archive.name_variants(sorted(keys))
        if not rows:
            return
        # Other spellings reachable from each text: text -> {other_text: [(article_id, fact_id)]}
        by_key: dict[str, dict[str, list[tuple[int, int]]]] = {}
        for row in rows:
            by_key.setdefault(row.variant_key, {}).setdefault(row.name, []).append((row.article_id, row.fact_id))
        texts = {f.text for f in facts}
        wanted: set[str] = set(texts)
        others: dict[str, dict[str, list[tuple[int, int]]]] = {}
        for text in texts:
            for key in variant_keys(text):
                for other, where in by_key.get(key, {}).items():
                    if other != text and _one_diff(_bare(other), _bare(text)) is not None:
                        others.setdefault(text, {}).setdefault(other, []).extend(where)
                        wanted.add(other)
        if not others:
            return
        counts_by_kind: dict[tuple[str, ...], dict[str, int]] = {}
        for f in facts:
            if f.text not in others:
                continue
            kinds = _count_kinds(f.kind)
            if kinds not in counts_by_kind:
                counts_by_kind[kinds] = archive.name_counts(sorted(wanted), kinds)
            cand = self._best(f, others[f.text], counts_by_kind[kinds], table, distinct)
            if cand is not None:
                yield self._report(article, archive, f, cand, counts_by_kind[kinds].get(f.text, 0))

    def _best(
        self, fact: Fact, others: dict[str, list[tuple[int, int]]], counts: dict[str, int],
        table: ConfusionTable, distinct: set[frozenset[str]],
    ) -> _Candidate | None:
        s = self.settings
        mine = _bare(fact.text)
        own = counts.get(fact.text, 0) or 1
        best: _Candidate | None = None
        for other, where in others.items():
            name = _bare(other)
            index = _one_diff(mine, name)
            if index is None or frozenset((mine, name)) in distinct:
                continue
            sim = table.similarity(mine[index], name[index])
            if sim is None:
                continue
            count = counts.get(other, 0)
            min_count, ratio = (s["min_count"], s["ratio"]) if sim.strong else (s["weak_min_count"], s["weak_ratio"])
            if fact.kind == "person" and len(mine) <= 2:
                if not sim.strong:
                    continue
                min_count = max(min_count, s["person_two_char_min_count"])
            if count < min_count or count < ratio * own:
                continue
            cand = _Candidate(name, count, sim, index, where)
            if best is None or (sim.strength, count) > (best.similarity.strength, best.count):
                best = cand
        return best

    def _related(self, article: ArticleView, archive: Archive, cand: _Candidate) -> Location | None:
        # Prefer an occurrence in the same article, else the most recent one elsewhere.
        same = [fid for aid, fid in cand.fact_ids if aid == article.id]
        if same:
            fact = next((f for f in article.facts if f.id == same[0]), None)
            if fact is not None:
                return article.fact_location(fact)
        other_ids = sorted({aid for aid, _ in cand.fact_ids if aid != article.id})
        if not other_ids:
            return None
        views = [archive.article(aid) for aid in other_ids]
        view = max(views, key=lambda v: v.pub_order)
        fact_ids = {fid for aid, fid in cand.fact_ids if aid == view.id}
        fact = next((f for f in view.facts if f.id in fact_ids), None)
        return view.fact_location(fact) if fact is not None else None

    def _report(
        self, article: ArticleView, archive: Archive, fact: Fact, cand: _Candidate, own: int
    ) -> FindingDraft:
        mine = _bare(fact.text)
        sim = cand.similarity
        a, b = mine[cand.index], cand.name[cand.index]
        own = max(own, 1)
        kind_zh = _KIND_ZH.get(fact.kind, "名称")
        if fact.kind == "person" and (fact.extra or {}).get("byline"):
            kind_zh = "署名"
        related = self._related(article, archive, cand)
        severity = self.severity if sim.strong else self.settings["weak_severity"]
        return self.finding(
            article.fact_location(fact),
            f"{kind_zh}“{mine}”疑为“{cand.name}”之误：“{a}”与“{b}”为{sim.label_zh}；"
            f"资料库中“{cand.name}”出现{cand.count}次，“{mine}”仅{own}次。",
            f"{_KIND_EN.get(fact.kind, 'name')} '{mine}' looks like a misspelling of '{cand.name}' "
            f"({a}/{b}: {sim.kind}); the archive has '{cand.name}' {cand.count} times, '{mine}' {own} times.",
            related=[related] if related is not None else [],
            suggestion=cand.name,
            identity=(mine, cand.name),
            severity=severity,  # type: ignore[arg-type]
        )


# ---------------------------------------------------------------------------- NAM002

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


def _days(d1: date | None, d2: date | None) -> int:
    if d1 is None or d2 is None:
        return 0
    return abs((d1 - d2).days)


@dataclass
class _Titled:
    article_id: int
    fact: Fact
    title: str
    org: str | None


class TitleConflictRule(Rule):
    """The same person given a post at two ranks (局长 and 副局长, 书记 and 副书记).

    Looks up every titled person of the article in the archive by name and reports a
    title that differs from another mention of the same person only by the deputy
    marker (副, 常务副), when the organisations written before the titles agree (or
    one is missing) and the mentions are close in time.  The rank used less often is
    reported, with the usual one as related; on a tie, the later mention.  Two-character
    names need the same organisation or the same article, since namesakes are common.
    Getting an official's rank wrong is a correction the paper has to print.
    """

    code = "NAM002"
    name = "title-conflict"
    category = "name-conflict"
    default_severity = "warning"
    defaults: dict[str, Any] = {"max_days": 120}

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
            name = _bare(fact.text)
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
            first = min(occurrences, key=lambda t: (archive.article(t.article_id).pub_order, t.fact.raw_start))
            view = archive.article(first.article_id)
            yield self.finding(
                article.fact_location(fact),
                f"“{name}”在此处称“{title}”，另有{len(occurrences)}处称“{usual}”，职务前后不一致，请核实。",
                f"'{name}' is called {title} here but {usual} in {len(occurrences)} other place(s); "
                "check which title is right.",
                related=[view.fact_location(first.fact)],
                suggestion=usual if len(occurrences) > own else None,
                identity=(name, title, usual),
            )

    def _close(self, article: ArticleView, archive: Archive, other: _Titled, fact: Fact, org: str | None) -> bool:
        if other.article_id == article.id:
            return True
        view = archive.article(other.article_id)
        if _days(article.pub_date, view.pub_date) > int(self.settings["max_days"]):
            return False
        if len(_bare(fact.text)) <= 2:
            return bool(org) and bool(other.org) and _orgs_compatible(org, other.org)
        return True

    @staticmethod
    def _later(article: ArticleView, archive: Archive, fact: Fact, occurrences: Sequence[_Titled]) -> bool:
        """On a tie, report only at the mention that comes after all the others."""
        here = (article.pub_order, fact.raw_start)
        return all((archive.article(t.article_id).pub_order, t.fact.raw_start) < here for t in occurrences)


def _org(extra: dict[str, Any]) -> str | None:
    org = extra.get("org")
    return str(org) if org else None
