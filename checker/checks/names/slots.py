"""Detector ``slots``: a person whose surname is misspelt where the text says a name must stand."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.checks.names import messages
from checker.checks.names.context import NameContext, archive_example
from checker.checks.names.spelling import bare
from checker.checks.typos import CompactText
from checker.model import FindingDraft
from checker.rulepack import RulePack, speech_verbs
from checker.rulepack import titles as titles_of
from checker.text.cjk import all_han
from checker.text.segment import crosses_word, word_freq
from checker.text.similar_chars import Similarity

SlotPatterns = tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]


def slot_patterns(pack: RulePack, cache: dict[str, object]) -> SlotPatterns:
    """Titles (a name follows) and speech verbs (a name precedes) of the pack, and the
    characters that cannot stand inside a name; built once per rule."""
    if "slots" not in cache:
        titles = pack.table("titles", {}) or {}
        title_words = [t for t in titles_of(pack) if len(t) >= 2]
        verbs = speech_verbs(pack)
        never = re.compile("(?!)")
        cache["slots"] = (
            re.compile("|".join(map(re.escape, title_words))) if title_words else never,
            re.compile("|".join(map(re.escape, verbs))) if verbs else never,
            frozenset(str(titles.get("name_stop_chars", ""))),
        )
    slots: SlotPatterns = cache["slots"]  # type: ignore[assignment]
    return slots


def detect(ctx: NameContext) -> Iterator[FindingDraft]:
    """The extractor reads a person after a title (董事长…) or before a speech verb (…告诉记者)
    only when the name starts with a surname, so a surname written with a homophone or
    look-alike that is no surname (“中红文” for 钟红文, “皇怒波” for 黄怒波) leaves no fact for the
    other comparisons.  Such slots, two or three characters starting with a non-surname, are
    looked up in the one-wildcard name index with the wildcard on the first character (one
    capped query for the article); the archive's person spelt that way at least
    ``slot_min_count`` times (``weak_min_count`` on shape evidence alone) is proposed.
    """
    rule, archive, table, distinct = ctx.rule, ctx.archive, ctx.table, ctx.distinct
    s = rule.settings
    title_re, verb_re, stop = slot_patterns(rule.pack, rule.table_cache)
    surnames = rule.table_cache["surnames"]
    doubles = rule.table_cache["double_surnames"]
    persons = {bare(f.text) for f in ctx.facts if f.kind == "person"}
    reported = ctx.reported
    windows: dict[str, list[tuple[str, CompactText, int]]] = {}  # key -> (window, text, start)

    def slot(t: CompactText, lo: int, hi: int) -> None:
        window = t.text[lo:hi]
        if len(window) != hi - lo or not all_han(window):
            return
        if window[0] in surnames or window[:2] in doubles or stop.intersection(window[1:]):
            return  # a surname: the extractor read (or rejected) it already
        if window in persons or window in reported or crosses_word(t.text, lo, hi):
            return  # “权威人士表示”: the slot cuts a word, no name stands there
        windows.setdefault("?" + window[1:], []).append((window, t, lo))

    for t in ctx.texts:
        for m in title_re.finditer(t.text):
            for n in (2, 3):
                slot(t, m.end(), m.end() + n)
        for m in verb_re.finditer(t.text):
            for n in (2, 3):
                if m.start() - n >= 0:
                    slot(t, m.start() - n, m.start())
    if not windows:
        return
    found = archive.name_variant_names(sorted(windows))
    names = sorted({n for names in found.values() for n in names})
    if not names:
        return
    person_counts = archive.name_counts(names, ("person",))
    window_counts = archive.name_counts(sorted({w for ws in windows.values() for w, _, _ in ws}))
    best: dict[tuple[int, int], tuple[str, str, CompactText, int, Similarity, int]] = {}
    for key, known in sorted(found.items()):
        for other in sorted(known):
            name = bare(other)
            count = person_counts.get(other, 0)
            for window, t, lo in windows.get(key, ()):
                if name == window or name[0] not in surnames or frozenset((window, name)) in distinct:
                    continue
                sim = table.similarity(window[0], name[0])
                if sim is None or window_counts.get(window, 0) > 0:
                    continue
                if count < s.slot_min_count if sim.strong else s.weak_min_count:
                    continue
                if word_freq(window) > s.max_word_freq or (len(window) == 2 and not sim.strong):
                    continue
                at = (id(t), lo)
                cur = best.get(at)
                if cur is None or (len(window), sim.strength, count) > (len(cur[0]), cur[4].strength, cur[5]):
                    best[at] = (window, name, t, lo, sim, count)
    for window, name, t, lo, sim, count in sorted(best.values(), key=lambda b: (b[0], b[3])):
        if window in reported:
            continue
        reported.add(window)
        zh, en = messages.surname_slip(window, name, sim, count)
        yield rule.finding(
            t.location(ctx.article, lo, lo + len(window)), zh, en,
            related=archive_example(ctx.article, archive, name),
            suggestion=name,
            identity=(window, name),
            severity=rule.severity if sim.strong else s.weak_severity,
        )
