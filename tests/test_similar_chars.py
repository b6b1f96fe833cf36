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


# Look-alikes every proofreader knows (by shape) and sound-alikes (same syllable, or one
# merged initial or final apart); each must be in the broad table with evidence of its kind.
CLASSIC_SHAPE_PAIRS = str.split(
    "陕狭 拔拨 己已 已巳 己巳 末未 戊戍 戍戌 戊戌 土士 人入 千干 天夭 苦若 候侯 析折 汩汨 贷货 "
    "徽微 崇祟 辨辩 辩辫 赢嬴 晴睛 鸟乌 免兔 王玉 问间 竞竟 味昧 史吏 洒酒 又叉 刀刃 江红 胡湖 "
    "传伟 林材 陈阵 字宁 栽裁 载戴 侍待 拨拔 治冶 浙淅 暑署 密蜜 杨扬 澡燥 旅旋 戴截"
)
CLASSIC_SOUND_PAIRS = str.split(
    "在再 做作 即既 以已 须需 账帐 象像 形型 练炼 栏拦 历厉 权全 侯候 园圆 部步 付副 "
    "声生 精经 心新 民明 严研 站战 报抱 制治"
)


def test_broad_table_holds_the_classic_pairs() -> None:
    from checker.text.similar_chars import HOMOPHONE, NEAR_SOUND, SHAPE_BITS, similar_table

    t = similar_table()
    for a, b in (p for p in CLASSIC_SHAPE_PAIRS if p[0] != p[1]):
        assert t.evidence(a, b) & SHAPE_BITS, (a, b)
        assert t.evidence(b, a) == t.evidence(a, b), (a, b)
        assert b in t.partners(a, SHAPE_BITS), (a, b)
    for a, b in CLASSIC_SOUND_PAIRS:
        assert t.evidence(a, b) & (HOMOPHONE | NEAR_SOUND), (a, b)
    # unrelated characters are not pairs
    for a, b in ("山河", "仓埭", "东西", "大类"):
        assert not t.evidence(a, b) & (SHAPE_BITS | HOMOPHONE), (a, b)


def test_broad_table_size() -> None:
    from checker.text.similar_chars import ALL_BITS, HOMOPHONE, SHAPE_BITS, STROKE_SLIP, similar_table

    t = similar_table()
    assert len(t) > 6000  # nearly every common character has a partner
    assert t.pair_count(ALL_BITS) > 200_000
    assert t.pair_count(SHAPE_BITS) > 50_000
    assert t.pair_count(HOMOPHONE) > 90_000
    assert t.pair_count(STROKE_SLIP) > 300


def test_name_table_uses_the_broad_table() -> None:
    # 免/兔 (a stroke more), 土/士 (the same parts) were not alike pair by pair before; the
    # empty table leaves the rule pack's confusion groups (which list 末/未) out
    for a, b in ("免兔", "土士", "已巳", "末未"):
        sim = char_similarity(a, b)
        assert sim is not None and sim.kind == "shape", (a, b)


def test_broad_table_cached_beside_the_dictionary(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from checker.text import segment, similar_chars

    monkeypatch.setattr(segment, "_cache_dir", [str(tmp_path)])
    similar_chars.similar_table.cache_clear()
    try:
        first = similar_chars.similar_table()
        files = list(tmp_path.glob("similar-chars-*.marshal"))
        assert len(files) == 1
        similar_chars.similar_table.cache_clear()
        monkeypatch.setattr(similar_chars, "build_similar_table", lambda: {})  # must not be called
        again = similar_chars.similar_table()
        assert len(again) == len(first) and again.evidence("陕", "狭") == first.evidence("陕", "狭")
        # a damaged file is rebuilt, not an error
        files[0].write_bytes(b"\x00garbage")
        similar_chars.similar_table.cache_clear()
        assert len(similar_chars.similar_table()) == 0  # the stub builder above
    finally:
        similar_chars.similar_table.cache_clear()
