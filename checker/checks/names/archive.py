"""Detector ``archive``: the article's names against the archive's and the text's spellings one
character off (the usual spelling clearly more frequent, the two characters easy to confuse)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from checker.checks.names import messages
from checker.checks.names.context import (
    Candidate,
    Form,
    NameContext,
    form_location,
    related_location,
    variant_of,
)
from checker.checks.names.spelling import (
    PACK_WORD_FREQ,
    bare,
    confusable_neighbour,
    count_kinds,
    gazetteer_outranks,
    one_diff,
    text_count,
    text_variants,
    word_swap,
)
from checker.checks.typos import CompactText
from checker.model import FindingDraft
from checker.store.ingest import variant_keys
from checker.text.segment import word_freq
from checker.text.similar_chars import ConfusionTable

if TYPE_CHECKING:
    from checker.checks.names.rule import NameVariantRule

Hits = dict[str, tuple[CompactText, int, int]]  # spelling in the text -> (text, start, occurrences)
Occurrences = dict[str, list[tuple[int, int]]]  # archive spelling -> (article_id, fact_id) of each


def detect(ctx: NameContext) -> Iterator[FindingDraft]:
    rule, archive, table, texts = ctx.rule, ctx.archive, ctx.table, ctx.texts
    forms = ctx.forms
    keys = sorted({k for form in forms for k in variant_keys(form.text)})
    # Distinct names per key first (index-only), occurrences only of the names that differ
    # by one easily confused character (the only ones best() can take): a key is shared by
    # hundreds of names in a large archive, and a frequent name has thousands of rows.
    names_by_key = archive.name_variant_names(keys)
    # A name the article uses several times is one spelling: its archive neighbours and
    # its variants in the text are looked up once (a key holds hundreds of names at 100k).
    spellings = {form.text: form.name for form in forms}
    differing = sorted({
        other for text, name in spellings.items() for key in variant_keys(text)
        for other in names_by_key.get(key, ()) if confusable_neighbour(name, bare(other), table)
    })
    occurrences = archive.name_occurrences(differing)
    by_key: dict[str, Occurrences] = {
        key: {name: occurrences.get(name, []) for name in names if name in occurrences}
        for key, names in names_by_key.items()
    }
    neighbours: dict[str, Occurrences] = {}
    for text, name in spellings.items():
        found: Occurrences = {}
        for key in variant_keys(text):
            for other, where in by_key.get(key, {}).items():
                if bare(other) != name and one_diff(bare(other), name) is not None:
                    found.setdefault(other, []).extend(where)
        neighbours[text] = found
    scan_min = rule.settings.min_text_scan
    variants_in_text: dict[str, Hits] = {}
    wanted: set[str] = set()
    others_of: list[Occurrences] = []
    text_hits_of: list[Hits] = []
    for form in forms:
        others = neighbours[form.text]
        known = variant_of(form)
        if known and known not in others and one_diff(known, form.name) is not None:
            others = {**others, known: []}
        # Two-character persons too: their usual spelling may stand in this article only
        # inside a longer form of the name (阿仑 beside four 雷阿伦), which best() then weighs
        # on the two-character thresholds (strong evidence, three occurrences here).
        short_person = form.kind == "person" and len(form.name) == 2 and not form.offset
        hits: Hits = {}
        if len(form.name) >= scan_min or short_person:
            if form.name not in variants_in_text:
                variants_in_text[form.name] = text_variants(form.name, texts)
            hits = variants_in_text[form.name]
        others_of.append(others)
        text_hits_of.append(hits)
        if others or hits:
            wanted.add(form.text)
            wanted.update(others)
            wanted.update(hits)
    if not wanted:
        return
    counts_by_kind: dict[tuple[str, ...], dict[str, int]] = {}
    for form, others, hits in zip(forms, others_of, text_hits_of, strict=True):
        if (not others and not hits) or form.fact.id in ctx.done or form.name in ctx.reported:
            continue
        kinds = count_kinds(form.kind or form.fact.kind)
        if kinds not in counts_by_kind:
            counts_by_kind[kinds] = archive.name_counts(sorted(wanted), kinds)
        counts = counts_by_kind[kinds]
        own_text = text_count(form.name, texts)
        own = max(counts.get(form.text, 0), own_text, 1)
        cand = best(rule, form, others, hits, counts, own, table, ctx.distinct)
        if cand is not None:
            ctx.done.add(form.fact.id)
            ctx.reported.add(form.name)
            ctx.reported.add(bare(form.fact.text))
            yield _report(ctx, form, cand, own)


def best(
    rule: NameVariantRule, form: Form, others: Occurrences, hits: Hits,
    counts: dict[str, int], own: int, table: ConfusionTable, distinct: set[frozenset[str]],
) -> Candidate | None:
    """The usual spelling ``form`` is most likely a slip of, if the evidence is strong enough."""
    s = rule.settings
    mine = form.name
    found: Candidate | None = None
    kind = form.kind or form.fact.kind
    known = variant_of(form)
    if not rule.plausible(kind, mine, known):
        return None
    if len(mine) <= 3 and kind != "person" and s.max_word_freq < word_freq(mine) < PACK_WORD_FREQ:
        return None  # “飞的”: an ordinary word, not a misspelt name
    surnames = rule.table_cache["surnames"]
    for other in set(others) | set(hits):
        name = bare(other)
        index = one_diff(mine, name)
        marked = name == known
        if index is None or frozenset((mine, name)) in distinct:
            continue
        if not rule.plausible(kind, name, name if marked else None):
            continue
        sim = table.similarity(mine[index], name[index])
        if sim is None:
            continue
        if kind != "person" and word_swap(mine, name, index, s.word_swap_min_freq):
            continue
        if kind != "person" and gazetteer_outranks(mine, name):
            continue
        hit = hits.get(other)
        count = max(counts.get(other, 0), hit[2] if hit else 0)
        strong = sim.strong or marked  # the extractor's variant lookup is evidence of its own
        min_count, ratio = (s.min_count, s.ratio) if strong else (s.weak_min_count, s.weak_ratio)
        if kind == "person" and index == 0 and mine[0] in surnames and name[0] in surnames:
            # 杨明/汤明: both spellings are real surnames, so both may be real people.
            min_count = max(min_count, s.surname_min_count)
            ratio = max(ratio, s.weak_ratio)
        if form.fact.kind == "person" and len(mine) <= 2:
            # Namesakes are common: two-character names need strong evidence in this article.
            in_article = hit is not None or any(aid == form.fact.article_id for aid, _ in others.get(other, []))
            if not strong or not in_article:
                continue
            min_count = max(min_count, s.person_two_char_min_count)
        if count < min_count or count < ratio * own:
            continue
        cand = Candidate(name, count, sim, index, others.get(other, []), (hit[0], hit[1]) if hit else None)
        if found is None or (sim.strength, count) > (found.similarity.strength, found.count):
            found = cand
    return found


def _report(ctx: NameContext, form: Form, cand: Candidate, own: int) -> FindingDraft:
    rule = ctx.rule
    fact = form.fact
    kind = form.kind or fact.kind
    label = messages.kind_zh(kind)
    if fact.kind == "person" and (fact.extra or {}).get("byline"):
        label = "署名"
    related = related_location(ctx.article, ctx.archive, cand)
    sim = cand.similarity
    zh, en = messages.counted(label, kind, form.name, cand.name, cand.index, sim, cand.count, own)
    return rule.finding(
        form_location(ctx.article, form), zh, en,
        related=[related] if related is not None else [],
        suggestion=cand.name,
        identity=(form.name, cand.name),
        severity=rule.severity if sim.strong else rule.settings.weak_severity,
    )
