"""The wording of NAM001's findings, Chinese and English: one builder per kind of evidence."""

from __future__ import annotations

from checker.text.similar_chars import Similarity

KIND_ZH = {"person": "人名", "place": "地名", "org": "单位名称", "name": "名称"}
KIND_EN = {"person": "person name", "place": "place name", "org": "organisation name", "name": "name"}

Message = tuple[str, str]  # (Chinese, English)


def kind_zh(kind: str) -> str:
    return KIND_ZH.get(kind, "名称")


def kind_en(kind: str) -> str:
    return KIND_EN.get(kind, "name")


def counted(label_zh: str, kind: str, mine: str, usual: str, index: int, sim: Similarity,
            usual_count: int, own_count: int) -> Message:
    """Backed by counts: the usual spelling occurs ``usual_count`` times, this one ``own_count``."""
    a, b = mine[index], usual[index]
    return (
        f"{label_zh}“{mine}”疑为“{usual}”之误：“{a}”与“{b}”为{sim.label_zh}；"
        f"“{usual}”出现{usual_count}次，“{mine}”仅{own_count}次。",
        f"{kind_en(kind)} '{mine}' looks like a misspelling of '{usual}' "
        f"({a}/{b}: {sim.kind}); '{usual}' occurs {usual_count} times, '{mine}' {own_count} times.",
    )


def archive_only(label_zh: str, mine: str, usual: str, index: int, sim: Similarity, usual_count: int) -> Message:
    """Backed by the archive alone: the usual spelling is frequent there, this one never a name."""
    a, b = mine[index], usual[index]
    return (
        f"{label_zh}“{mine}”疑为“{usual}”之误：“{a}”与“{b}”为{sim.label_zh}；"
        f"资料库中“{usual}”出现{usual_count}次，“{mine}”从未作为名称出现。",
        f"'{mine}' looks like a misspelling of '{usual}' ({a}/{b}: {sim.kind}); the archive has "
        f"'{usual}' {usual_count} times and never '{mine}' as a name.",
    )


def surname_slip(mine: str, usual: str, sim: Similarity, usual_count: int) -> Message:
    """A person's first character that is no surname, one confusable character off the archive's person."""
    a, b = mine[0], usual[0]
    return (
        f"人名“{mine}”疑为“{usual}”之误：“{a}”与“{b}”为{sim.label_zh}，“{a}”不是姓氏；"
        f"资料库中人名“{usual}”出现{usual_count}次。",
        f"person name '{mine}' looks like a misspelling of '{usual}' ({a}/{b}: {sim.kind}; "
        f"'{a}' is no surname); the archive has '{usual}' {usual_count} times.",
    )


def two_characters(mine: str, usual: str, diffs: list[int], usual_count: int, own_count: int) -> Message:
    """A long quoted name two confusable characters off a more frequent spelling."""
    pairs = "、".join(f"“{mine[i]}”与“{usual[i]}”" for i in diffs)
    pairs_en = ", ".join(f"{mine[i]}/{usual[i]}" for i in diffs)
    return (
        f"名称“{mine}”疑为“{usual}”之误：两处写法有两字不同（{pairs}，均为易混或同音、形近字）；"
        f"“{usual}”出现{usual_count}次，“{mine}”仅{own_count}次。",
        f"name '{mine}' looks like a misspelling of '{usual}' (two look-alike characters: {pairs_en}); "
        f"'{usual}' occurs {usual_count} times, '{mine}' {own_count} times.",
    )


def gazetteer_backed(mine: str, usual: str, index: int, sim: Similarity, where_zh: str, where_en: str,
                     also_zh: str = "", also_en: str = "") -> Message:
    """Backed by the gazetteer: the division (with its parent) that is spelt ``usual``."""
    a, b = mine[index], usual[index]
    return (
        f"地名“{mine}”疑为“{usual}”之误：“{a}”与“{b}”为{sim.label_zh}；行政区划中有{where_zh}，"
        f"没有“{mine}”" + (f"；{also_zh}" if also_zh else "") + "。",
        f"place name '{mine}' looks like a misspelling of '{usual}' ({a}/{b}: {sim.kind}); the gazetteer "
        f"lists {where_en} and no '{mine}'" + (f"; {also_en}" if also_en else "") + ".",
    )
