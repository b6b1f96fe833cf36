"""NAM003: a place written under a division the gazetteer does not put it under."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.checks.base import Archive, ArticleView, Rule
from checker.checks.names.spelling import bare
from checker.checks.settings import RuleSettings, setting, severity_setting
from checker.extract.places import short_forms
from checker.model import FindingDraft, Severity
from checker.store.models import Fact
from checker.text.gazetteer import LEVEL_EN, LEVEL_ZH, Gazetteer, gazetteer


class PlaceHierarchyRule(Rule):
    """A place written under a county (or city, township) that does not contain it.

    What it catches: a chain of places written together ("海盐县广陈镇", "杭州市朝阳区")
    whose inner place is a division of China's gazetteer, the outer one too, but the inner one
    is not among the outer one's divisions.  The finding names where the gazetteer puts it
    (广陈镇: 浙江省嘉兴市平湖市).  Names the gazetteer lists in more than ``max_places``
    places (城关镇, 新村) are not judged, and neither is a chain whose parts the extractor
    could not resolve.

    Why: a town put in the wrong county is a correction no spelling check offers, and a
    proofreader rarely knows every county's towns.

    Example: “海盐县广陈镇” -> 广陈镇 belongs to 平湖市 (浙江省嘉兴市).
    """

    code = "NAM003"
    name = "place-hierarchy"
    category = "name-conflict"

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("warning")
        max_places: int = setting(3, zh="行政区划中同名地方多于此数时不判断（城关镇、新村）",
                                  en="names the gazetteer lists in more places than this are not judged")

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        places = [f for f in article.facts if f.kind == "place" and (f.extra or {}).get("parent")]
        if not places:
            return
        g = gazetteer()
        if not len(g):
            return
        by_end = {f.raw_end: f for f in article.facts if f.kind == "place"}
        for fact in places:
            parent = by_end.get(fact.raw_start)
            if parent is None or bare(parent.text) != str((fact.extra or {})["parent"]):
                continue
            outer = _divisions(g, parent)
            inner = g.ids(bare(fact.text))
            if not outer or not inner or len(inner) > self.settings.max_places:
                continue
            if min(g.level(i) for i in inner) <= min(g.level(o) for o in outer):
                continue  # not a chain down the levels (海盐县平湖市 is a list)
            if any(g.is_under(i, o) for i in inner for o in outer):
                continue
            mine, above = bare(fact.text), bare(parent.text)
            level = min(g.level(o) for o in outer)
            homes = sorted({_home(g, i, level) for i in inner})
            home_zh, home_en = "、".join(homes), ", ".join(homes)
            yield self.finding(
                article.location(parent.raw_start, fact.raw_end),
                f"“{mine}”不在“{above}”辖内：行政区划中的“{mine}”属于{home_zh}（{LEVEL_ZH[level]}），请核实。",
                f"'{mine}' is not in '{above}': the gazetteer puts '{mine}' under {home_en} "
                f"({LEVEL_EN[level]}); check the place.",
                identity=(above, mine),
            )


def _divisions(g: Gazetteer, fact: Fact) -> tuple[int, ...]:
    """The divisions a place fact may be: its full name's, else its short form's."""
    extra = fact.extra or {}
    name = bare(fact.text)
    ids = g.ids(str(extra.get("full") or name))
    return ids or short_forms().get(name, ()) or short_forms().get(name[:-1], ())


def _home(g: Gazetteer, i: int, level: int) -> str:
    """The chain of ``i``'s ancestor at ``level`` (浙江省嘉兴市平湖市 for 广陈镇 at county level)."""
    for a in g.ancestors(i):
        if g.level(a) == level:
            return g.chain(a)
    parent = g.parent(i)
    return g.chain(parent) if parent is not None else g.name(i)
