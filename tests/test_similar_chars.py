"""Similarity of characters: confusion table, homophones, near sounds, sibling groups."""

from __future__ import annotations

from checker.rulepack import default_pack
from checker.text.similar_chars import ConfusionTable, char_similarity, homophones, near_sound, readings


def table() -> ConfusionTable:
    return ConfusionTable.from_pack(default_pack())


def test_readings_and_homophones() -> None:
    assert "lan" in readings("岚")
    assert homophones("上", "尚")
    assert not homophones("东", "西")
    assert readings("A") == frozenset()


def test_near_sound() -> None:
    assert near_sound("音", "英")  # yin / ying
    assert near_sound("四", "是")  # si / shi
    assert not near_sound("东", "西")


def test_confusion_table_first() -> None:
    sim = table().similarity("乔", "桥")
    assert sim is not None and sim.kind == "confusion" and sim.strong
    sim = table().similarity("上", "尚")
    assert sim is not None and sim.kind == "homophone"
    sim = table().similarity("音", "英")
    assert sim is not None and sim.kind == "near-sound" and not sim.strong


def test_siblings_are_never_similar() -> None:
    assert table().similarity("东", "西") is None
    assert table().similarity("一", "二") is None
    assert table().similarity("上", "下") is None
    assert table().similarity("甲", "乙") is None


def test_unrelated_characters() -> None:
    assert char_similarity("山", "河") is None
    assert table().similarity("仓", "埭") is None


def test_empty_table_still_uses_pinyin() -> None:
    sim = char_similarity("源", "原")
    assert sim is not None and sim.kind == "homophone"


def test_shape_from_character_parts() -> None:
    from checker.text.similar_chars import same_phonetic

    # the same phonetic under different radicals; a left radical or strokes added
    for a, b in ("江红", "海梅", "杭抗", "胡湖", "川州", "王玉"):
        assert same_phonetic(a, b) and same_phonetic(b, a), (a, b)
    # 类 is 米 over 大: a top component is no radical added at the left
    for a, b in ("大类", "木李", "江河", "的白"):
        assert not same_phonetic(a, b), (a, b)


def test_shape_from_frame_and_four_corner_code() -> None:
    from checker.text.similar_chars import same_frame

    # the same radical or frame, the rest a stroke or two apart (one corner of the code differs)
    for a, b in ("传伟", "林材", "字宁", "陈阵"):
        assert same_frame(a, b) and same_frame(b, a), (a, b)
        assert table().similarity(a, b) is not None, (a, b)
    # a shared radical alone is not enough, nor other parts of different size (可/弯)
    for a, b in ("他仙", "江汪", "杨扬", "明朋", "村树", "河湾"):
        assert not same_frame(a, b), (a, b)
