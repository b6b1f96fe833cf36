"""Detector ``quoted``: long quoted names two confusable characters off a more frequent spelling."""

from __future__ import annotations

from collections.abc import Iterator

from checker.checks.names import messages
from checker.checks.names.context import Candidate, NameContext, related_location
from checker.checks.names.spelling import bare, diffs
from checker.model import NAME_KINDS, FindingDraft
from checker.text.cjk import is_han
from checker.text.similar_chars import Similarity, homophone_chars


def detect(ctx: NameContext) -> Iterator[FindingDraft]:
    """One substitution (a confusion partner or homophone) at one position, then the
    one-wildcard name index for the second: “山水清音·渔歌晚照” finds “山水青音·渔哥晚照”.
    """
    rule, archive, table, distinct = ctx.rule, ctx.archive, ctx.table, ctx.distinct
    s = rule.settings
    shortest = s.two_char_min_length
    long_names = [
        f for f in ctx.facts
        if f.id not in ctx.done and f.kind == "name" and len(bare(f.text)) >= shortest
    ]
    if not long_names:
        return
    # A spelling the archive already has several times is no one-off slip: only rare
    # spellings pay for the many lookups below.
    seen = archive.name_counts(sorted({str(f.text) for f in long_names}), NAME_KINDS)
    for fact in long_names:
        mine = bare(fact.text)
        if seen.get(str(fact.text), 0) > s.two_char_max_own:
            continue
        text = str(fact.text)
        keys: set[str] = set()
        for j, ch in enumerate(text):
            if not is_han(ch):
                continue
            for alt in table.partners(ch) | homophone_chars(ch):
                changed = text[:j] + alt + text[j + 1 :]
                keys.update(changed[:i] + "?" + changed[i + 1 :] for i in range(len(changed)) if i != j)
        names: set[str] = set()
        ordered = sorted(keys)
        for k in range(0, len(ordered), 500):
            names.update(n for found in archive.name_variant_names(ordered[k : k + 500]).values() for n in found)
        matches: list[tuple[str, list[int], list[Similarity]]] = []
        for other in sorted(names):
            name = bare(other)
            differ = diffs(mine, name)
            if len(differ) != 2 or frozenset((mine, name)) in distinct:
                continue
            sims = [x for x in (table.similarity(mine[i], name[i]) for i in differ) if x is not None]
            if len(sims) == 2:
                matches.append((other, differ, sims))
        if not matches:
            continue
        counts = archive.name_counts([*(m[0] for m in matches), text], NAME_KINDS)
        # The first spelling the archive still has (the lexicon keeps names of deleted articles).
        best = next((m for m in matches if counts.get(m[0], 0)), None)
        if best is None:
            continue
        other, differ, sims = best
        count, own = counts.get(other, 0), max(counts.get(text, 0), 1)
        if count < s.min_count or count < s.ratio * own:
            continue
        name = bare(other)
        cand = Candidate(name, count, sims[0], differ[0], archive.name_occurrences([other]).get(other, []))
        related = related_location(ctx.article, archive, cand)
        strong = all(x.strong for x in sims)
        ctx.done.add(fact.id)
        ctx.reported.add(mine)
        zh, en = messages.two_characters(mine, name, differ, count, own)
        yield rule.finding(
            ctx.article.fact_location(fact), zh, en,
            related=[related] if related is not None else [],
            suggestion=name,
            identity=(mine, name),
            severity=rule.severity if strong else s.weak_severity,
        )
