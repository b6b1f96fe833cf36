"""NAM001's gazetteer detector and the gazetteer's place mentions, on pages written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.text.gazetteer import source_file
from tests.checks.test_names import page, rows_of

pytestmark = pytest.mark.skipif(source_file() is None, reason="jionlp is not installed: no gazetteer data")


def test_province_one_character_off_needs_no_archive(tmp_path: Path) -> None:
    text = page("苹果丰收", "记者 林晓岚", "本报讯 狭西省今年苹果大丰收，果农喜笑颜开。")
    rows = rows_of(tmp_path, {"a.txt": text}, "NAM001")
    assert [(r.text, r.suggestion) for r in rows] == [("狭西省", "陕西省")]
    assert "610000" in rows[0].message_zh and "行政区划" in rows[0].message_zh


def test_short_form_misspelt_beside_the_right_one(tmp_path: Path) -> None:
    text = page(
        "陕西苹果远销海外",
        "记者 林晓岚",
        "本报讯 陕西苹果今年远销东南亚，陕西的果农喜笑颜开。",
        "狭西各地还举办了采摘节，吸引大批游客。",
    )
    rows = rows_of(tmp_path, {"a.txt": text}, "NAM001")
    assert [(r.text, r.suggestion) for r in rows] == [("狭西", "陕西")]
    assert "陕西省" in rows[0].message_zh and rows[0].related[0]["text"] == "陕西"


def test_village_checked_against_its_township(tmp_path: Path) -> None:
    # The gazetteer lists 马厩村 under 平湖市曹桥街道 (and 马厍村 only under another county).
    text = page("村里新建文化礼堂", "记者 林晓岚", "本报讯 日前，平湖市曹桥街道马厰村的文化礼堂正式启用。")
    rows = rows_of(tmp_path, {"a.txt": text}, "NAM001")
    assert [(r.text, r.suggestion) for r in rows] == [("马厰村", "马厩村")]
    assert "曹桥街道" in rows[0].message_zh


def test_gazetteer_outranks_the_archive_majority(tmp_path: Path) -> None:
    # The archive writes 马厰村 (厰 is a non-standard form of 厂) three times; 马厍村 is a real village.
    archive = {
        f"a{i}.txt": page(f"文化礼堂启用{i}", "记者 林晓岚", f"本报讯 马厰村第{i}期文化讲堂开讲，村民踊跃参加。")
        for i in range(3)
    }
    text = page("乡村旅游升温", "记者 林晓岚", "本报讯 除了马厍村，附近几个村的民宿也迎来客流高峰。")
    rows = rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=archive)
    assert [r.suggestion for r in rows if r.text == "马厍村"] == []


def test_real_places_one_character_apart_pass(tmp_path: Path) -> None:
    # 江西/江苏, 南宁/南京: real places each, written where they belong.
    text = page(
        "多地联动推进产业合作",
        "记者 林晓岚",
        "本报讯 江苏、江西两省代表团日前在南京签约，南宁的企业也派员参加。",
        "江苏省与江西省将共建产业园区，南京市和南宁市企业踊跃参与。",
    )
    assert rows_of(tmp_path, {"a.txt": text}, "NAM001") == []


def test_place_mentions_of_every_level() -> None:
    from checker.extract import ExtractContext
    from checker.extract.entities import extract_entities

    got = {f.text: f.extra for f in extract_entities("陕西省西安市雁塔区与平湖市广陈镇结对，朝阳区和湖南长沙也有代表。",
                                                     ExtractContext())}
    assert got["陕西省"]["level"] == 0 and got["西安市"]["parent"] == "陕西省"
    assert got["广陈镇"]["gazetteer"] == "浙江省嘉兴市平湖市广陈镇"
    assert got["湖南"]["full"] == "湖南省" and "朝阳区" in got and "长沙" in got


def test_ordinary_words_are_no_short_forms() -> None:
    from checker.extract import ExtractContext
    from checker.extract.entities import extract_entities

    # 平安 (an adjective), 东方 (a direction) and 湖南 inside 洞庭湖南岸 are short forms of divisions too.
    facts = extract_entities("祝大家平安，东方欲晓，洞庭湖南岸风光秀丽。", ExtractContext())
    assert [f.text for f in facts if f.kind == "place"] == []


# -- NAM003 ------------------------------------------------------------------------------------

def test_town_under_the_wrong_county(tmp_path: Path) -> None:
    text = page("枇杷节开幕", "记者 林晓岚", "本报讯 5月15日，海盐县广陈镇第三届枇杷节开幕，游客络绎不绝。")
    rows = rows_of(tmp_path, {"a.txt": text}, "NAM003")
    assert [(r.text, r.severity) for r in rows] == [("海盐县广陈镇", "warning")]
    assert "浙江省嘉兴市平湖市" in rows[0].message_zh


def test_town_under_its_own_county_passes(tmp_path: Path) -> None:
    # Also with the county's former suffix (平湖县, now 平湖市) and in a list of places.
    text = page(
        "枇杷节开幕",
        "记者 林晓岚",
        "本报讯 5月15日，平湖市广陈镇第三届枇杷节开幕，当年平湖县广陈镇只有几户种植。",
        "嘉兴市、海盐县、平湖市等地的游客络绎不绝。",
    )
    assert rows_of(tmp_path, {"a.txt": text}, "NAM003") == []


def test_words_before_a_suffix_are_no_near_misses() -> None:
    from checker.extract import ExtractContext
    from checker.extract.entities import extract_entities

    # 于/禹, 座/麻: one character off 禹城市 and 麻城市, but 城市 is a word ("a city").
    facts = extract_entities("这座城市的发展离不开每一位市民，于城市而言，人才最重要。", ExtractContext())
    assert [f.text for f in facts if f.extra.get("variant_of")] == []


def test_a_county_under_its_former_suffix_is_the_same_county() -> None:
    from checker.extract import ExtractContext
    from checker.extract.entities import extract_entities

    sentence = "上世纪八十年代，平湖县广陈镇办起了第一家工厂。"
    got = {f.text: f.extra for f in extract_entities(sentence, ExtractContext())}
    assert got["平湖县"]["gazetteer"] == "浙江省嘉兴市平湖市"
    assert got["广陈镇"]["parent"] == "平湖县"
