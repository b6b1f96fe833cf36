"""Detector ``gazetteer``: place names one similar character off a division of the gazetteer.

Three ways a misspelt place shows, none of which needs the archive:

* **near misses** -- the extractor read a name ending in a province's, prefecture's or county's
  suffix that is no division but one similar character off exactly one (狭西省 -> 陕西省);
* **in the article's context** -- a township or village the gazetteer does not have under the
  counties and townships the article names (its parent written before it first), while one
  of theirs is one similar character off (曹桥街道马厰村 -> 马厩村);
* **in the text** -- a spelling one similar character off a division the article names,
  which is no division, short name or word itself (陕西 three times, then 狭西 once).

The written form is never reported when it is itself a division fitting the context (a real
place that differs from another by one character), a local place of the rule pack, or a pair
listed as distinct; a suggestion holding a non-standard variant character (厰) is never made.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.checks.names import messages
from checker.checks.names.context import NameContext, form_location
from checker.checks.names.spelling import bare, one_diff, text_variants
from checker.checks.typos import CompactText
from checker.extract.places import short_forms
from checker.model import NAME_KINDS, FindingDraft, Location
from checker.store.models import Fact
from checker.text.gazetteer import COUNTY, LEVEL_EN, LEVEL_ZH, TOWNSHIP, VILLAGE, Gazetteer, gazetteer, suffix_of
from checker.text.segment import crosses_word, word_freq
from checker.text.similar_chars import Similarity
from checker.text.variant_chars import nonstandard

# Suffixes of townships and villages: the levels looked for in the article's context.
_LOWER = {"镇": TOWNSHIP, "乡": TOWNSHIP, "街道": TOWNSHIP, "苏木": TOWNSHIP, "村": VILLAGE, "社区": VILLAGE,
          "嘎查": VILLAGE}


@dataclass(frozen=True)
class Backing:
    """The division a suggestion stands on, as the message describes it."""

    name: str
    where_zh: str
    where_en: str


def backing(g: Gazetteer, i: int) -> Backing:
    """“陕西省”（省级，代码 610000） / 浙江省嘉兴市平湖市曹桥街道下辖的“马厩村”（村级）."""
    d = g.division(i)
    code_zh = f"，代码 {d.code}" if d.code else ""
    code_en = f", code {d.code}" if d.code else ""
    if d.parent is None:
        return Backing(d.name, f"“{d.name}”（{LEVEL_ZH[d.level]}{code_zh}）",
                       f"'{d.name}' ({LEVEL_EN[d.level]}{code_en})")
    parent = g.chain(d.parent)
    return Backing(d.name, f"{parent}下辖的“{d.name}”（{LEVEL_ZH[d.level]}{code_zh}）",
                   f"'{d.name}' under {parent} ({LEVEL_EN[d.level]}{code_en})")


def detect(ctx: NameContext) -> Iterator[FindingDraft]:
    g = gazetteer()
    if not len(g):
        return
    places = [f for f in ctx.facts if f.kind == "place"]
    if not places:
        return
    local = _local_places(ctx)
    yield from _near_misses(ctx, g, places, local)
    yield from _in_context(ctx, g, places, local)
    yield from _in_text(ctx, g, places, local)


def _local_places(ctx: NameContext) -> frozenset[str]:
    cache = ctx.rule.table_cache
    if "local_places" not in cache:
        places = ctx.rule.pack.table("places", {}) or {}
        names = {str(n) for n in places.get("known") or ()}
        names.update(str(k) for k in (places.get("aliases") or {}))
        cache["local_places"] = frozenset(names)
    found: frozenset[str] = cache["local_places"]
    return found


def _usable(ctx: NameContext, mine: str, usual: str, local: frozenset[str]) -> bool:
    """Whether ``mine`` may be reported with ``usual`` suggested: not reported already, no local
    place of the pack, no pair listed as distinct, no non-standard character suggested."""
    return (
        mine not in ctx.reported and mine not in local and frozenset((mine, usual)) not in ctx.distinct
        and not nonstandard(usual)
    )


def _report(ctx: NameContext, location: Location, mine: str, usual: Backing, index: int, sim: Similarity,
            related: list[Location], also_zh: str = "", also_en: str = "") -> FindingDraft:
    rule = ctx.rule
    ctx.reported.add(mine)
    zh, en = messages.gazetteer_backed(mine, usual.name, index, sim, usual.where_zh, usual.where_en, also_zh, also_en)
    return rule.finding(
        location, zh, en, related=related, suggestion=usual.name, identity=(mine, usual.name),
        severity=rule.severity if sim.strong else rule.settings.weak_severity,
    )


def _near_misses(ctx: NameContext, g: Gazetteer, places: list[Fact], local: frozenset[str]) -> Iterator[FindingDraft]:
    for fact in places:
        known = (fact.extra or {}).get("variant_of")
        mine = bare(fact.text)
        if not known or fact.id in ctx.done or not _usable(ctx, mine, str(known), local):
            continue
        ids = g.ids(str(known))
        index = one_diff(mine, str(known))
        if len(ids) != 1 or index is None:
            continue
        sim = ctx.table.similarity(mine[index], str(known)[index])
        if sim is None:
            continue
        ctx.done.add(fact.id)
        yield _report(ctx, ctx.article.fact_location(fact), mine, backing(g, ids[0]), index, sim, [])


def _context(g: Gazetteer, places: list[Fact]) -> dict[int, list[int]]:
    """Counties and townships the article names, resolved to one division: fact id -> divisions
    (the parent written before a place first, then every one of the article)."""
    resolved: dict[str, int] = {}
    for fact in places:
        chain = (fact.extra or {}).get("gazetteer")
        level = (fact.extra or {}).get("level")
        if not chain or level not in (COUNTY, TOWNSHIP):
            continue
        name = str((fact.extra or {}).get("full") or bare(fact.text))
        ids = [i for i in g.ids(name) if g.chain(i) == chain]
        if len(ids) == 1:
            resolved[bare(fact.text)] = ids[0]
    everywhere = sorted(set(resolved.values()))
    out: dict[int, list[int]] = {}
    for fact in places:
        parent = (fact.extra or {}).get("parent")
        first = [resolved[str(parent)]] if parent and str(parent) in resolved else []
        out[fact.id] = first + [i for i in everywhere if i not in first]
    return out


def _in_context(ctx: NameContext, g: Gazetteer, places: list[Fact], local: frozenset[str]) -> Iterator[FindingDraft]:
    context = _context(g, places)
    everywhere = sorted({i for ids in context.values() for i in ids})
    # Places, and the places organisation names start with (马厰村 of 马厰村文化礼堂).
    for form in ctx.forms:
        if form.kind != "place" or form.offset:
            continue
        fact, mine = form.fact, form.name
        level = _LOWER.get(suffix_of(mine))
        around = context.get(fact.id) or everywhere
        if level is None or not around or fact.id in ctx.done or len(mine) < 3 or mine in local:
            continue
        ids = g.ids(mine)
        if any(g.is_under(i, c) for i in ids for c in around):
            continue  # a division of the context: the place as written
        for c in around:
            found = [
                (v, index, sim) for v in g.descendants(c, level)
                if (index := one_diff(mine, g.name(v))) is not None and index < len(mine) - len(suffix_of(mine))
                and (sim := ctx.table.similarity(mine[index], g.name(v)[index])) is not None
            ]
            names = {g.name(v) for v, _, _ in found}
            if len(names) != 1:
                continue
            v, index, sim = found[0]
            if not _usable(ctx, mine, g.name(v), local):
                break
            ctx.done.add(fact.id)
            yield _report(ctx, form_location(ctx.article, form), mine, backing(g, v), index, sim, [])
            break


def _in_text(ctx: NameContext, g: Gazetteer, places: list[Fact], local: frozenset[str]) -> Iterator[FindingDraft]:
    s = ctx.rule.settings
    shorts = short_forms()
    named: dict[str, tuple[Fact, int]] = {}  # a division as the article writes it -> (a fact, its division)
    for fact in places:
        extra = fact.extra or {}
        name = bare(fact.text)
        if extra.get("variant_of") or len(name) < 2 or name in named:
            continue
        ids = g.ids(str(extra.get("full") or name)) or shorts.get(name, ())
        if ids:
            named[name] = (fact, ids[0])
    proposals: dict[str, tuple[str, int, Fact, int, CompactText, int]] = {}
    # Longer names first: a slip inside 厂陈镇 is reported once, not again as 厂陈.
    for name, (fact, division) in sorted(named.items(), key=lambda kv: (-len(kv[0]), kv[0])):
        for variant, (text, start, _count) in text_variants(name, ctx.texts).items():
            index = one_diff(variant, name)
            if index is None or variant in proposals or variant in named or variant in ctx.reported:
                continue
            if variant in g or variant in shorts or variant in local or frozenset((variant, name)) in ctx.distinct:
                continue
            if s.max_word_freq < word_freq(variant) or crosses_word(text.text, start, start + len(variant)):
                continue
            if index == len(name) - 1 and len(name) >= 3 and word_freq(variant[:-1]):
                continue  # “上海是”: the name without its suffix, then the next word
            if s.scan_max_char_freq < word_freq(variant[index]):
                continue  # a common one-character word beside the rest of the name (一山一海)
            if any(variant in done for done in ctx.reported) or any(variant in p for p in proposals):
                continue
            proposals[variant] = (name, index, fact, division, text, start)
    if not proposals:
        return
    counts = ctx.archive.name_counts(sorted(proposals), NAME_KINDS)
    own_names = {bare(f.text) for f in ctx.facts}
    for variant, (name, index, fact, division, text, start) in sorted(proposals.items()):
        if counts.get(variant, 0) > (1 if variant in own_names else 0):
            continue  # a name of its own elsewhere in the archive
        sim = ctx.table.similarity(variant[index], name[index])
        if sim is None or not _usable(ctx, variant, name, local):
            continue
        times = sum(t.text.count(name) for t in ctx.texts)
        b = backing(g, division)
        written = Backing(name, b.where_zh, b.where_en) if name != b.name else b
        yield _report(
            ctx, text.location(ctx.article, start, start + len(variant)),
            variant, written, index, sim, [ctx.article.fact_location(fact)],
            f"本文另有{times}处写作“{name}”", f"the article writes '{name}' {times} time(s)",
        )
