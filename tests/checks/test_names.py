"""NAM001 name-variant and NAM002 title-conflict on invented pages (青溪县)."""

from __future__ import annotations

from pathlib import Path

from tests.support import check_texts

HEAD = "青溪日报  2024年5月16日 星期四\n\n"


def page(headline: str, byline: str, *paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"{HEAD}{headline}\n\n{byline}\n\n{body}\n"


def rows_of(tmp_path: Path, files: dict[str, str], code: str, archive: dict[str, str] | None = None):
    return [f.row for f in check_texts(tmp_path, files, select={code}, archive=archive) if f.row.rule == code]


# -- NAM001 -------------------------------------------------------------------------------------

VILLAGE = page(
    "白沙镇上河村办起共富工坊",
    "记者 林晓岚",
    "本报讯 白沙镇上河村地处溪谷，近年来依托枇杷产业发展壮大集体经济。",
    "上河村党支部书记陈建华说，村里今年又新建了两座冷库。",
    "如今，上河村的枇杷远销上海、杭州等地。",
)


def test_homophone_place_variant(tmp_path: Path) -> None:
    text = page(
        "枇杷丰收季",
        "记者 林晓岚",
        "本报讯 连日来，白沙镇尚河村的枇杷园迎来采摘高峰，游客络绎不绝。",
    )
    rows = rows_of(tmp_path, {"b.txt": text}, "NAM001", archive={"a.txt": VILLAGE})
    assert [(r.text, r.line, r.severity, r.suggestion) for r in rows] == [("尚河村", 7, "error", "上河村")]
    assert "上河村" in rows[0].message_zh and "同音字" in rows[0].message_zh
    assert rows[0].related and rows[0].related[0]["text"] == "上河村"


def test_variant_within_one_article(tmp_path: Path) -> None:
    text = page(
        "石桥村油菜开镰",
        "记者 林晓岚",
        "本报讯 在石桥村的油菜田里，两台收割机来回穿梭，石桥村今年种植油菜800亩。",
        "石乔村种粮大户许志强说，今年收成比去年好。",
        "石桥村党支部书记陆建军说，村里统一提供机耕服务。",
    )
    rows = rows_of(tmp_path, {"a.txt": text}, "NAM001")
    assert [(r.text, r.line, r.suggestion) for r in rows] == [("石乔村", 9, "石桥村")]


def test_byline_variant(tmp_path: Path) -> None:
    archive = {
        f"a{i}.txt": page(f"白沙镇新闻{i}", "记者 林晓岚", f"本报讯 白沙镇第{i}批民生项目近日完工。")
        for i in range(1, 4)
    }
    text = page("柳塘镇新闻", "记者 林晓兰", "本报讯 柳塘镇民生项目近日完工。")
    rows = rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=archive)
    assert [(r.text, r.suggestion) for r in rows] == [("林晓兰", "林晓岚")]
    assert rows[0].message_zh.startswith("署名")


def test_sibling_and_distinct_names_pass(tmp_path: Path) -> None:
    archive = {
        "a.txt": page(
            "东村新貌",
            "记者 林晓岚",
            "本报讯 白沙镇东村近年来变化很大。东村村民说，东村的路修好了。",
            "新仓镇与新仓镇的企业合作密切，新仓镇的经验值得推广。",
        )
    }
    text = page("西村新貌", "记者 林晓岚", "本报讯 白沙镇西村也在加快发展，新埭镇的做法也受到关注。")
    assert rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=archive) == []


def test_unrelated_characters_pass(tmp_path: Path) -> None:
    text = page(
        "两村结对",
        "记者 林晓岚",
        "本报讯 上河村与下河村结对，上河村和上湾村也签订协议，上河村的经验正在推广。",
    )
    assert rows_of(tmp_path, {"a.txt": text}, "NAM001") == []


# -- NAM002 -------------------------------------------------------------------------------------


def test_deputy_title_conflict(tmp_path: Path) -> None:
    archive = {
        "a.txt": page("文旅融合", "记者 林晓岚", "本报讯 县文广旅体局局长韩雪梅介绍，今年将举办系列活动。"),
        "c.txt": page("枇杷节开幕", "记者 林晓岚", "本报讯 县文广旅体局局长韩雪梅表示，将做好服务保障。"),
    }
    text = page("枇杷节闭幕", "记者 林晓岚", "本报讯 县文广旅体局副局长韩雪梅说，本届节会吸引游客3万人次。")
    rows = rows_of(tmp_path, {"b.txt": text}, "NAM002", archive=archive)
    assert [(r.text, r.line, r.suggestion) for r in rows] == [("副局长韩雪梅", 7, "局长")]
    assert "副局长" in rows[0].message_zh and "局长" in rows[0].message_zh


def test_title_conflict_lists_every_place_it_counts(tmp_path: Path) -> None:
    archive = {
        "a.txt": page("文旅融合", "记者 林晓岚", "本报讯 县文广旅体局局长韩雪梅介绍，今年将举办系列活动。"),
        "c.txt": page("枇杷节开幕", "记者 林晓岚", "本报讯 县文广旅体局局长韩雪梅表示，将做好服务保障。"),
    }
    text = page("枇杷节闭幕", "记者 林晓岚", "本报讯 县文广旅体局副局长韩雪梅说，本届节会吸引游客3万人次。")
    (row,) = rows_of(tmp_path, {"b.txt": text}, "NAM002", archive=archive)
    assert "另有2处" in row.message_zh
    assert [Path(r["path"]).name for r in row.related] == ["a.txt", "c.txt"]


def test_same_title_or_other_post_passes(tmp_path: Path) -> None:
    archive = {
        "a.txt": page("文旅融合", "记者 林晓岚", "本报讯 县文广旅体局局长韩雪梅介绍，今年将举办系列活动。"),
    }
    text = page(
        "枇杷节闭幕", "记者 林晓岚",
        "本报讯 县文广旅体局局长韩雪梅说，节会圆满结束。县政协委员韩雪梅也参加了座谈。",
    )
    assert rows_of(tmp_path, {"b.txt": text}, "NAM002", archive=archive) == []


# -- NAM001: confusion table, surnames, variant marks, long names ---------------------------------

def secretary(n: int) -> str:
    return page(f"县委书记到白沙镇调研（{n}）", "记者 林晓岚", "本报讯 县委书记周建柱到白沙镇调研枇杷产业。")


def test_look_alike_person_name(tmp_path: Path) -> None:
    # 柱/桂 are a listed look-alike pair (rules/confusion.yaml).
    text = page("柳塘镇调研", "记者 林晓岚", "本报讯 县委书记周建桂到柳塘镇调研。")
    archive = {f"a{i}.txt": secretary(i) for i in range(3)}
    rows = rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=archive)
    assert [(r.text, r.severity, r.suggestion) for r in rows] == [("周建桂", "error", "周建柱")]
    assert "易混字" in rows[0].message_zh


def test_swapped_surname_needs_more_evidence(tmp_path: Path) -> None:
    # 杨/汤 look alike but both are surnames: two mentions of 杨明华 do not make 汤明华 a typo.
    text = page("柳塘镇调研", "记者 林晓岚", "本报讯 县委书记汤明华到柳塘镇调研。")
    archive = {f"a{i}.txt": secretary(i).replace("周建柱", "杨明华") for i in range(2)}
    assert rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=archive) == []


def route(n: int) -> str:
    body = "本报讯 白沙镇打造的“溪山观澜·桨领风华”风景线吸引了众多游客。"
    return page(f"白沙镇风景线开放（{n}）", "记者 林晓岚", body)


def test_long_name_two_characters_off(tmp_path: Path) -> None:
    text = page("风景线迎客", "记者 林晓岚", "本报讯 白沙镇“溪山观兰·桨颂风华”风景线迎来周末客流高峰。")
    archive = {f"a{i}.txt": route(i) for i in range(2)}
    rows = rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=archive)
    assert [(r.text, r.suggestion) for r in rows] == [("“溪山观兰·桨颂风华”", "溪山观澜·桨领风华")]
    assert rows[0].related[0]["text"] == "“溪山观澜·桨领风华”"


def test_long_names_with_unrelated_characters_pass(tmp_path: Path) -> None:
    text = page("风景线迎客", "记者 林晓岚", "本报讯 白沙镇“溪山听涛·桨领风华”风景线迎来周末客流高峰。")
    archive = {f"a{i}.txt": route(i) for i in range(2)}
    assert rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=archive) == []


def _form(text: str, kind: str, variant_of: str | None):  # type: ignore[no-untyped-def]
    from checker.checks.names.context import Form
    from checker.store.models import Fact

    fact = Fact(id=1, article_id=1, kind=kind, text=text, raw_start=0, raw_end=len(text),
                extra={"variant_of": variant_of} if variant_of else None)
    return Form(fact, text, text, 0, kind)


def _rule():  # type: ignore[no-untyped-def]
    from checker.checks.names import NameVariantRule
    from checker.checks.registry import rule_settings
    from checker.rulepack import default_pack

    pack = default_pack()
    rule = NameVariantRule(pack, rule_settings(pack).get("NAM001"))
    table, distinct = rule._tables()
    return rule, table, distinct


def test_extractor_variant_mark_is_evidence() -> None:
    # 无彦祖 (no surname 无) is only a name because the extractor found it one character off 吴彦祖.
    from checker.checks.names.archive import best

    rule, table, distinct = _rule()
    form = _form("无彦祖", "person", "吴彦祖")
    cand = best(rule, form, {"吴彦祖": []}, {}, {"吴彦祖": 2}, 1, table, distinct)
    assert cand is not None and cand.name == "吴彦祖"


def test_unmarked_non_name_is_not_compared() -> None:
    from checker.checks.names.archive import best

    rule, table, distinct = _rule()
    form = _form("无彦祖", "person", None)
    assert best(rule, form, {"吴彦祖": []}, {}, {"吴彦祖": 2}, 1, table, distinct) is None


# -- NAM001, names looked for in the text with one character changed ------------------------

def test_unrecognised_misspelling_of_a_person_in_the_text(tmp_path: Path) -> None:
    # “湖志远” is not recognised as a name (湖 is no surname); the article's own “胡志远” finds it.
    text = page(
        "青溪县召开枇杷产业推进会",
        "记者 林晓岚",
        "本报讯 5月15日，县委书记胡志远主持召开全县枇杷产业推进会。",
        "胡志远强调，要把枇杷产业作为乡村振兴的重要抓手。会上，湖志远还与种植大户座谈。",
        "胡志远要求各乡镇加快冷链设施建设。",
    )
    rows = rows_of(tmp_path, {"a.txt": text}, "NAM001")
    assert [(r.text, r.line, r.suggestion) for r in rows] == [("湖志远", 9, "胡志远")]
    assert "易混字" in rows[0].message_zh and rows[0].related[0]["text"] == "胡志远"


def test_each_detector_is_switched_by_its_setting(tmp_path: Path) -> None:
    # The same page as above with the text-scan detector switched off in a local rule pack.
    from checker.checks.names.rule import DETECTORS, NameVariantRule

    assert {f"detect_{key}" for key, _ in DETECTORS} <= set(NameVariantRule.Settings.__dataclass_fields__)
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "local.yaml").write_text("NAM001:\n  detect_text_scan: false\n", encoding="utf-8")
    text = page(
        "青溪县召开枇杷产业推进会",
        "记者 林晓岚",
        "本报讯 5月15日，县委书记胡志远主持召开全县枇杷产业推进会。",
        "胡志远强调，要把枇杷产业作为乡村振兴的重要抓手。会上，湖志远还与种植大户座谈。",
        "胡志远要求各乡镇加快冷链设施建设。",
    )
    found = check_texts(tmp_path, {"a.txt": text}, select={"NAM001"}, rules=[str(pack)])
    assert [f.row.text for f in found if f.row.rule == "NAM001"] == []


def test_look_alike_two_character_place_in_the_text(tmp_path: Path) -> None:
    # 川/州: 州 is 川 with three strokes added (a shape look-alike from the character's parts).
    text = page(
        "青溪枇杷走俏长三角",
        "记者 林晓岚",
        "本报讯 5月以来，青溪枇杷陆续发往杭州、上海等地，杭州的订单最多。",
        "不少杭川市民专程驱车来到白沙镇采摘，杭州一家连锁超市还与合作社签订了长期协议。",
        "合作社负责人说，发往杭州的冷链专线每天两班。",
    )
    rows = rows_of(tmp_path, {"a.txt": text}, "NAM001")
    assert [(r.text, r.suggestion, r.severity) for r in rows] == [("杭川", "杭州", "warning")]
    assert "形近字" in rows[0].message_zh


def test_ordinary_words_beside_a_name_are_not_misspellings(tmp_path: Path) -> None:
    # “上还” (上 + 还) and “选中过” contain one character of 上海 / 中国 beside ordinary words.
    text = page(
        "青溪枇杷进上海",
        "记者 林晓岚",
        "本报讯 青溪枇杷今年首次进入上海的大型商超，上海市民反响热烈。",
        "货架上还摆着青溪的茶叶和笋干，被上海客商选中过的产品都卖得很好。",
        "合作社负责人说，上海的订单已经排到了下个月。",
    )
    assert rows_of(tmp_path, {"a.txt": text}, "NAM001") == []


def secretary_archive() -> dict[str, str]:
    lead = "本报讯 5月{i}日，县委书记胡志远到白沙镇调研第{i}批民生项目。"
    return {f"a{i}.txt": page(f"青溪县新闻{i}", "记者 林晓岚", lead.format(i=i)) for i in range(1, 5)}


def test_misspelling_of_a_name_only_the_archive_knows(tmp_path: Path) -> None:
    archive = secretary_archive()
    text = page(
        "白沙镇枇杷节开幕",
        "记者 林晓岚",
        "本报讯 5月16日，第五届白沙枇杷文化旅游节开幕，县委书记湖志远宣布开幕。",
    )
    rows = rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=archive)
    assert [(r.text, r.suggestion) for r in rows] == [("湖志远", "胡志远")]
    # The archive's persons are known at ingest (ExtractContext.known_names), so the extractor
    # reads 湖志远 as a variant of 胡志远 and the message gives the archive's count.
    assert "“胡志远”出现4次" in rows[0].message_zh and rows[0].related[0]["text"] == "胡志远"


def test_archive_names_and_ordinary_words_pass(tmp_path: Path) -> None:
    # 胡志远 is well known, but nothing here is one look-alike character away from it.
    archive = secretary_archive()
    text = page(
        "白沙镇枇杷节开幕",
        "记者 林晓岚",
        "本报讯 5月16日，第五届白沙枇杷文化旅游节开幕，游客在湖边志愿服务站领取地图，远道而来的客商络绎不绝。",
    )
    assert rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=archive) == []


def _chairman_archive() -> dict[str, str]:
    return {
        f"c{i}.txt": page(
            f"青溪茶业新品发布{i}", "记者 林晓岚", f"本报讯 青溪茶业有限公司董事长钟明远介绍，第{i}批新茶已经上市。"
        )
        for i in range(1, 3)
    }


def test_surname_written_as_a_non_surname_after_a_title(tmp_path: Path) -> None:
    # 中 is no surname, so no person is read after 董事长; the slot is looked up in the name index.
    text = page(
        "青溪茶业扩建茶园",
        "记者 林晓岚",
        "本报讯 5月16日，青溪茶业有限公司董事长中明远告诉记者，公司今年新扩茶园三百亩。",
    )
    rows = rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=_chairman_archive())
    assert [(r.text, r.suggestion) for r in rows] == [("中明远", "钟明远")]
    # Known at ingest (ExtractContext.known_names), 钟明远 makes the extractor read 中明远 as its
    # variant: the archive detector reports it first, with the counts.
    assert "“钟明远”出现2次" in rows[0].message_zh and rows[0].related[0]["text"] == "钟明远"


def test_title_slots_without_a_known_name_pass(tmp_path: Path) -> None:
    # After the title stands an ordinary word (中午), not a name one character off 钟明远.
    text = page(
        "青溪茶业扩建茶园",
        "记者 林晓岚",
        "本报讯 青溪茶业有限公司董事长中午告诉记者，公司今年新扩茶园三百亩，业内权威人士表示看好。",
    )
    assert rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=_chairman_archive()) == []


def test_one_word_for_another_is_no_misspelt_name(tmp_path: Path) -> None:
    # 公立/私立: both are words, so 私立医院 is another kind of hospital, not a misspelling.
    archive = {
        f"h{i}.txt": page(
            f"医改新举措{i}", "记者 林晓岚", f"本报讯 全县第{i}家公立医院完成改造，公立医院门诊量持续增长。"
        )
        for i in range(1, 4)
    }
    text = page("社会办医", "记者 林晓岚", "本报讯 县城新开一家私立医院，床位一百张。")
    assert rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=archive) == []


def _village_archive() -> dict[str, str]:
    return {
        f"v{i}.txt": page(
            f"枇杷节新闻{i}", "记者 林晓岚", f"本报讯 白沙镇石塘村第{i}批民宿近日开业，石塘村游客明显增多。"
        )
        for i in range(1, 2)
    }


def test_place_suffix_written_as_its_confusion_partner(tmp_path: Path) -> None:
    # 村 written 树: the archive has 石塘村 only twice, but the suffix is what marks the place.
    text = page("白沙镇共建产业园", "记者 林晓岚", "本报讯 今年，白沙镇联合石塘树共建枇杷深加工产业园，预计年底投产。")
    rows = rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=_village_archive())
    assert [(r.text, r.suggestion) for r in rows] == [("石塘树", "石塘村")]


def test_function_character_after_a_word_is_no_misspelt_suffix(tmp_path: Path) -> None:
    # “留学生移民|据…”: 据 starts the next clause; 移民局 is known, but nothing is misspelt.
    archive = {
        f"m{i}.txt": page(f"留学政策{i}", "记者 林晓岚", f"本报讯 第{i}批材料已经提交，移民局将在一个月内答复。")
        for i in range(1, 5)
    }
    text = page("留学新政", "记者 林晓岚", "本报讯 德国鼓励留学生移民据学术交流中心介绍，新政策明年实施。")
    assert rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=archive) == []


def test_two_character_person_spelt_right_only_inside_a_longer_form(tmp_path: Path) -> None:
    # 罗兰 stands three times inside 安罗兰 (the full name); 罗岚 once: a homophone slip.
    text = page(
        "青溪女篮主场取胜",
        "记者 林晓岚",
        "本报讯 5月15日晚，青溪女篮主场迎战白沙队，外援安罗兰全场砍下28分。",
        "安罗兰在第三节连得9分，帮助球队拉开比分。赛后，安罗兰被评为本场最佳球员。",
        "对于接下来的比赛，罗岚表示球队会继续保持专注。",
    )
    rows = rows_of(tmp_path, {"a.txt": text}, "NAM001")
    assert [(r.text, r.suggestion) for r in rows] == [("罗岚", "罗兰")]
