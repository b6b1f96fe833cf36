"""Detector ``text_scan``: misspellings the extractor never saw as names (“湖锦涛” beside three “胡锦涛”)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from checker.checks.names import messages
from checker.checks.names.context import Form, NameContext, located
from checker.checks.names.spelling import (
    bare,
    gazetteer_outranks,
    one_diff,
    suffix_slip,
    text_count,
    text_variants,
)
from checker.checks.typos import CompactText
from checker.model import FindingDraft
from checker.text.segment import crosses_word, word_freq


def detect(ctx: NameContext) -> Iterator[FindingDraft]:
    """A misspelt name is often not recognised as a name at all, so it is searched the
    other way round: every name the article uses is looked for in the article's text
    with one character changed.  Such a spelling is reported when the characters are
    easy to confuse, the usual spelling clearly dominates (in the article and the
    archive), the odd spelling is no known name or dictionary word, and it does not
    straddle a word of its sentence (“选中过” is no variant of 中国).
    """
    rule, archive, table, distinct, reported, texts = (
        ctx.rule, ctx.archive, ctx.table, ctx.distinct, ctx.reported, ctx.texts)
    s = rule.settings
    shortest = s.scan_min_length
    names = {f.name for f in ctx.forms}
    proposals: dict[str, tuple[Form, int, CompactText, int, int]] = {}
    for form in ctx.forms:
        kind = form.kind or form.fact.kind
        if form.offset or form.end_cut or len(form.name) < int(shortest.get(kind, 3)):
            continue
        if not rule.plausible(kind, form.name, form.name):  # (its length was checked just above)
            continue
        for variant, (text, start, count) in text_variants(form.name, texts).items():
            index = one_diff(variant, form.name)
            if index is None or variant in reported:
                continue
            if frozenset((variant, form.name)) in distinct:
                continue
            best = proposals.get(variant)
            if best is None or text_count(form.name, texts) > text_count(best[0].name, texts):
                proposals[variant] = (form, index, text, start, count)
    if not proposals:
        return
    counts = archive.name_counts(sorted({*proposals, *(p[0].text for p in proposals.values())}))
    in_article = Counter(bare(f.fact.text) for f in located(ctx.forms))
    for variant, (form, index, text, start, count) in sorted(proposals.items()):
        kind = form.kind or form.fact.kind
        name = form.name
        sim = table.similarity(variant[index], name[index])
        if sim is None or counts.get(variant, 0) > in_article[variant]:
            continue  # the other spelling is a name of its own elsewhere in the archive
        own = text_count(name, texts)
        usual = max(counts.get(form.text, 0), own)
        # A place suffix written as its listed confusion partner (上河村 -> 上河树): the
        # suffix is what marks the place, so the slip is likely even on little evidence.
        slip = kind == "place" and suffix_slip(variant, name, index, table)
        if slip:
            min_count, ratio = s.scan_suffix_min_count, s.ratio
        elif sim.strong:
            min_count, ratio = s.scan_min_count, s.scan_ratio
        elif len(name) >= 3 or kind == "place":
            min_count, ratio = s.scan_weak_min_count, s.scan_ratio
        else:
            continue  # two characters and only look-alike evidence: too many chance matches
        if kind == "person" and len(name) <= 2:
            min_count = max(min_count, s.person_two_char_min_count)
            if own < min_count or not sim.strong:
                continue  # a two-character namesake: only evidence inside this article counts
        if usual < min_count or usual < ratio * count:
            continue
        if word_freq(variant) > s.max_word_freq or crosses_word(text.text, start, start + len(variant)):
            continue
        if not slip and index == len(name) - 1 and len(name) >= 3 and (
            variant[:-1] in names or word_freq(variant[:-1])
        ):
            continue  # “上海是”: the name without its suffix, then the next word
        if len(name) == 2 and word_freq(variant[index]) > s.scan_max_char_freq:
            continue  # “包包上还挂着”: a function word beside one character of 上海
        if any(variant in done for done in reported):
            continue  # part of a misspelling already reported (厂陈 of 厂陈镇)
        if kind != "person" and gazetteer_outranks(variant, name):
            continue  # the odd spelling is a real place, the usual one is not
        zh, en = messages.counted(messages.kind_zh(kind), kind, variant, name, index, sim, usual, count)
        yield rule.finding(
            text.location(ctx.article, start, start + len(variant)), zh, en,
            related=[ctx.article.fact_location(form.fact)],
            suggestion=name,
            identity=(variant, name),
            severity=rule.severity if sim.strong else s.weak_severity,
        )
