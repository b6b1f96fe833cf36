"""Detector ``archive_scan``: misspellings of names the archive knows well, where the article
never uses the name itself."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from checker.checks.names import messages
from checker.checks.names.context import NameContext, archive_example, located
from checker.checks.names.spelling import PLACE_SUFFIX_CHARS, bare, gazetteer_outranks, suffix_slip
from checker.checks.typos import CompactText
from checker.model import NAME_KINDS, FindingDraft
from checker.text.cjk import all_han, is_han
from checker.text.segment import word_freq, words


def detect(ctx: NameContext) -> Iterator[FindingDraft]:
    """Only where segmentation breaks the text into single characters (a misspelt name is no
    dictionary word: “湖|锦涛”, “浙|红|大学”) are windows of two to four characters looked up in
    the one-wildcard name index, the wildcard on such a single character.  A window is
    reported when it is no name or word of its own, the archive's spelling is frequent, and
    the two characters are easy to confuse.
    """
    rule, archive, table, distinct, reported = ctx.rule, ctx.archive, ctx.table, ctx.distinct, ctx.reported
    s = rule.settings
    min_count = s.archive_scan_min_count
    rare = s.archive_scan_max_char_freq
    tail_freq = s.archive_scan_tail_char_freq
    suffix_min = min(min_count, s.scan_suffix_min_count)
    mine = {f.name for f in ctx.forms}
    windows: dict[str, list[tuple[str, CompactText, int, int]]] = {}  # key -> (window, text, start, index)
    for t in ctx.texts:
        tokens = words(t.text)
        starts = [0]
        for w in tokens:
            starts.append(starts[-1] + len(w))
        for k, w in enumerate(tokens):
            if len(w) != 1 or not is_han(w) or word_freq(w) > rare:
                continue
            # windows of whole words around this single character, 2-4 characters long
            for first in range(max(0, k - 2), k + 1):
                for last in range(k + 1, min(len(tokens), first + 3) + 1):
                    lo, hi = starts[first], starts[last]
                    window = t.text[lo:hi]
                    if not 2 <= len(window) <= 4 or not all_han(window):
                        continue
                    at = starts[k] - lo
                    windows.setdefault(window[:at] + "?" + window[at + 1 :], []).append((window, t, lo, at))
    if not windows:
        return
    found = archive.name_variant_names(sorted(windows))
    # Pairs of easily confused characters first, then counted: a key holds hundreds of
    # names in a large archive, and counting each would read its facts.
    pairs: list[tuple[str, str, CompactText, int, int]] = []  # (known name, window, text, start, index)
    for wkey, names in found.items():
        for known in names:
            name = bare(known)
            if name in mine:
                continue
            for window, t, lo, at in windows[wkey]:
                if window == name or window in reported or len(window) != len(name):
                    continue
                if table.similarity(window[at], name[at]) is not None:
                    pairs.append((known, window, t, lo, at))
    known_counts = archive.name_counts(sorted({p[0] for p in pairs}), NAME_KINDS) if pairs else {}
    proposals: dict[str, tuple[str, CompactText, int, int]] = {}  # window -> (known name, text, start, index)
    for known, window, t, lo, at in sorted(pairs, key=lambda p: (p[1], p[0])):
        count, name = known_counts.get(known, 0), bare(known)
        if count < suffix_min or (count < min_count and not suffix_slip(window, name, at, table)):
            continue
        if window not in proposals:
            proposals[window] = (name, t, lo, at)
    if not proposals:
        return
    # The known names were counted above (as stored; their bare spelling is what is looked up).
    uncounted = {*proposals, *(p[0] for p in proposals.values())} - known_counts.keys()
    counts = {**known_counts, **archive.name_counts(sorted(uncounted))}
    persons = archive.name_counts(sorted({p[0] for p in proposals.values()}), ("person",))
    in_article = Counter(bare(f.fact.text) for f in located(ctx.forms))
    people = {bare(f.text) for f in ctx.facts if f.kind == "person"}
    surnames = rule.table_cache["surnames"]
    for window, (name, t, lo, at) in sorted(proposals.items()):
        usual = counts.get(name, 0)
        least = suffix_min if suffix_slip(window, name, at, table) else min_count
        if usual < least or counts.get(window, 0) > in_article[window] or frozenset((window, name)) in distinct:
            continue
        sim = table.similarity(window[at], name[at])
        if sim is None or word_freq(window) > s.max_word_freq:
            continue
        if at == len(window) - 1 and word_freq(window[at]) > tail_freq and word_freq(window[:at]) > 0:
            continue  # “移民据”: a word, then a function character starting the next clause
        person = persons.get(name, 0) * 2 >= usual
        if len(name) == 2 and (person or not sim.strong):
            continue  # two characters: namesakes, or a chance look-alike (禹洲 beside 秀洲)
        if person and not rule.plausible("person", window, name):
            continue
        if not person and gazetteer_outranks(window, name):
            continue
        if not person and any(window in p for p in people):
            continue  # part of a person's name in the article (记者 沈洋, 副市长吴汉宝), not a place
        if not person and len(window) == 2 and window[0] in surnames and _name_goes_on(t.text, lo + 2):
            continue  # a surname and two more characters (鲍德熹 beside 保德): a person
        kind = "person" if person else "place"
        label = messages.kind_zh(kind) if len(name) >= 3 or not person else "名称"
        zh, en = messages.archive_only(label, window, name, at, sim, usual)
        yield rule.finding(
            t.location(ctx.article, lo, lo + len(window)), zh, en,
            related=archive_example(ctx.article, archive, name),
            suggestion=name,
            identity=(window, name),
            severity=rule.severity if sim.strong else s.weak_severity,
        )


def _name_goes_on(text: str, at: int) -> bool:
    """Whether a CJK character that is no place suffix follows ``at`` (a name continues)."""
    nxt = text[at : at + 1]
    return bool(nxt) and "\u4e00" <= nxt <= "\u9fff" and nxt not in PLACE_SUFFIX_CHARS
