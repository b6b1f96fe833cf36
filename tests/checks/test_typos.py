"""TYP001-TYP005 on invented pages (青溪县)."""

from __future__ import annotations

from pathlib import Path

from tests.support import check_texts

HEAD = "青溪日报  2024年5月16日 星期四\n\n"


def page(headline: str, *paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"{HEAD}{headline}\n\n记者 林晓岚\n\n{body}\n"


def rows_of(tmp_path: Path, text: str, code: str, archive: dict[str, str] | None = None):
    found = check_texts(tmp_path, {"a.txt": text}, select={code}, archive=archive)
    return [f.row for f in found if f.row.rule == code]


# -- TYP001 -------------------------------------------------------------------------------------


def test_body_drops_headline_character(tmp_path: Path) -> None:
    text = page(
        "推动智能装备产业园加快建设",
        "本报讯 县委书记周明远走进智能装备产园建设现场，察看项目进度。",
    )
    rows = rows_of(tmp_path, text, "TYP001")
    assert [(r.text, r.line, r.suggestion) for r in rows] == [("智能装备产园", 7, "智能装备产业园")]
    assert rows[0].related[0]["text"] == "智能装备产业园"


def test_headline_shorthand_passes(tmp_path: Path) -> None:
    text = page(
        "柳塘镇七村抱团建强村公司",
        "本报讯 柳塘镇七个村抱团组建强村公司，7个村各出资200万元。",
        "智能装备产业园项目同步推进。",
    )
    assert rows_of(tmp_path, text, "TYP001") == []


def test_body_phrase_running_on_into_another_word_passes(tmp_path: Path) -> None:
    # Headline 二手 (second-hand), body 促销手段 (sales tactics): the body's 手 belongs to 手段.
    text = page(
        "白沙镇楼市小幅促销二手房成交回暖",
        "本报讯 近期，白沙镇不少新盘用小幅促销手段招揽买家，成交量有所回升。",
    )
    assert rows_of(tmp_path, text, "TYP001") == []


# -- TYP002 -------------------------------------------------------------------------------------


def test_subheadline_compared_with_body(tmp_path: Path) -> None:
    text = page(
        "两地携手建设快速通道\n——智能装备产业园建设见闻",
        "本报讯 县委书记周明远走进智能装备产园建设现场，察看项目进度。",
    )
    rows = rows_of(tmp_path, text, "TYP001")
    assert [(r.text, r.suggestion) for r in rows] == [("智能装备产园建设", "智能装备产业园建设")]
    assert rows[0].related[0]["line"] == 4


def test_subheadline_locative_passes(tmp_path: Path) -> None:
    # 违法行为中 (in the violations) is not 违法行为集中 missing a character.
    text = page(
        "“一盔一带”守护出行\n——县交警大队开展交通违法行为集中整治",
        "本报讯 在行动查处的违法行为中，有近三成发生在早晚高峰时段。",
    )
    assert rows_of(tmp_path, text, "TYP001") == []


def test_headline_dropping_a_word_passes(tmp_path: Path) -> None:
    # The body writes 将配建 twice; a headline one word shorter (将建) is normal headline style.
    text = page(
        "快速路沿线将建6个服务区",
        "本报讯 青溪至临江快速路沿线将配建6个服务区，方便司乘人员休息。",
        "县交通运输局表示，沿线将配建6个服务区的方案已经通过评审。",
    )
    assert rows_of(tmp_path, text, "TYP001") == []


def test_numeral_for_dash_in_subheadline(tmp_path: Path) -> None:
    text = page(
        "两地携手建设快速通道\n——青溪一临江快速路建设见闻",
        "本报讯 青溪县与临江市合作建设的快速路是两地的重点工程。",
    )
    rows = rows_of(tmp_path, text, "TYP003")
    assert [(r.text, r.line, r.suggestion) for r in rows] == [("青溪一临江", 4, "青溪—临江")]


def test_traditional_characters(tmp_path: Path) -> None:
    text = page("枇杷节开幕", "本报讯 枇杷产业带动了村集体經濟發展，农户增收明显。")
    rows = rows_of(tmp_path, text, "TYP002")
    assert [(r.text, r.line, r.suggestion) for r in rows] == [("經濟發展", 7, "经济发展")]


def test_simplified_text_passes(tmp_path: Path) -> None:
    text = page("枇杷节开幕", "本报讯 乾隆年间，这里已种植枇杷；著名学者于丹也曾来此。如今村集体经济发展很快。")
    assert rows_of(tmp_path, text, "TYP002") == []


def test_allowed_character_in_a_traditional_word(tmp_path: Path) -> None:
    # 於 is allowed (a surname: 於晓梅), but 由於 is the traditional spelling of the word 由于.
    text = page("枇杷节延期", "本报讯 由於连日降雨，枇杷节推迟一周开幕，县文旅局於晓梅介绍了具体安排。")
    rows = rows_of(tmp_path, text, "TYP002")
    assert [(r.text, r.suggestion) for r in rows] == [("由於", "由于")]


# -- TYP003 -------------------------------------------------------------------------------------


def test_numeral_between_places(tmp_path: Path) -> None:
    text = page(
        "柳塘镇油菜开镰",
        "本报讯 柳塘镇油菜进入收割期，白沙镇也同步开镰。",
        "镇里在柳塘一白沙公路沿线布设了3个烘干服务点。",
    )
    rows = rows_of(tmp_path, text, "TYP003")
    assert [(r.text, r.line, r.suggestion) for r in rows] == [("柳塘一白沙", 9, "柳塘—白沙")]


def test_numeral_as_word_passes(tmp_path: Path) -> None:
    text = page(
        "柳塘镇油菜开镰",
        "本报讯 柳塘镇与白沙镇一直合作密切，柳塘一家企业新建了烘干房，白沙一中的学生也来参观。",
        "柳塘—白沙公路沿线布设了3个烘干服务点。",
    )
    assert rows_of(tmp_path, text, "TYP003") == []


# -- TYP004 -------------------------------------------------------------------------------------


def test_confusion_words(tmp_path: Path) -> None:
    text = page(
        "上河村集体经济稳步增长",
        "本报讯 截止目前，上河村已建成冷库两座。做为全县示范村，上河村必需坚持走特色发展之路。",
    )
    rows = rows_of(tmp_path, text, "TYP004")
    assert [(r.text, r.suggestion) for r in rows] == [("截止目前", "截至目前"), ("做为", "作为"), ("必需", "必须")]
    assert {r.line for r in rows} == {7}


def test_correct_usage_passes(tmp_path: Path) -> None:
    text = page(
        "上河村集体经济稳步增长",
        "本报讯 报名截止日期为5月20日，截至5月13日已有300人报名。冷库是村里的必需品，"
        "村里要多做为民办实事的好事，既使企业受益，又使群众满意。",
    )
    assert rows_of(tmp_path, text, "TYP004") == []


# -- TYP005 -------------------------------------------------------------------------------------


def test_missing_measure_word(tmp_path: Path) -> None:
    text = page("县政府召开第十三常务会议", "本报讯 5月15日，县政府召开第十三次常务会议。")
    rows = rows_of(tmp_path, text, "TYP005")
    assert [(r.text, r.line, r.suggestion) for r in rows] == [("第十三常务会议", 3, "第十三次常务会议")]


def test_measure_word_present_passes(tmp_path: Path) -> None:
    text = page("县政府召开常务会议", "本报讯 县政府第十三次常务会议在第一会议室召开。")
    assert rows_of(tmp_path, text, "TYP005") == []
