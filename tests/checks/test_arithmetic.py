"""ARI001 count-list-mismatch, ARI002 parts-exceed-total, ARI003 share-over-100 on invented pages."""

from __future__ import annotations

from pathlib import Path

from tests.support import check_texts

HEAD = "青溪日报  2024年5月16日 星期四\n\n"


def page(headline: str, *paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"{HEAD}{headline}\n\n记者 宋佳怡\n\n{body}\n"


def rule_findings(tmp_path: Path, text: str, code: str):
    return [f.row for f in check_texts(tmp_path, {"a.txt": text}, select={code}) if f.row.rule == code]


# -- ARI001 -------------------------------------------------------------------------------------


def test_count_then_longer_list(tmp_path: Path) -> None:
    text = page(
        "云泉实验小学举办科技节",
        "本报讯 本届科技节为期一周，设置了三个展区：机器人编程区、航模制作区、趣味实验区和非遗手工区。",
    )
    rows = rule_findings(tmp_path, text, "ARI001")
    assert [(r.text, r.line) for r in rows] == [("三个展区", 7)]
    assert "4项" in rows[0].message_zh


def test_quoted_list_after_count(tmp_path: Path) -> None:
    text = page(
        "枇杷节推出精品线路",
        "本报讯 今年旅游节推出了两条精品线路：“溪山寻味之旅”“枇杷采摘之旅”“湿地研学之旅”，游客可自由选择。",
    )
    rows = rule_findings(tmp_path, text, "ARI001")
    assert [r.text for r in rows] == ["两条精品线路"]


def test_quoted_list_before_count_with_duplicate(tmp_path: Path) -> None:
    # Three listed, two distinct, counted as two: the repeated name is DUP003's finding, not ARI001's.
    text = page(
        "枇杷节推出精品线路",
        "本报讯 今年旅游节推出了“云泉湿地之旅”“溪山寻味之旅”“溪山寻味之旅”两条精品旅游线路，串起果园和老街。",
    )
    assert rule_findings(tmp_path, text, "ARI001") == []
    dup = [f.row for f in check_texts(tmp_path / "dup", {"a.txt": text}, select={"DUP003"})]
    assert [r.text for r in dup] == ["“溪山寻味之旅”"]


def test_duplicate_item_with_matching_count(tmp_path: Path) -> None:
    text = page(
        "枇杷节推出精品线路",
        "本报讯 今年旅游节推出了“溪山寻味之旅”“溪山寻味之旅”两条精品旅游线路，串起果园和老街。",
    )
    assert rule_findings(tmp_path, text, "ARI001") == []


def test_duplicate_item_and_wrong_count(tmp_path: Path) -> None:
    text = page(
        "枇杷节推出精品线路",
        "本报讯 今年旅游节推出了“云泉湿地之旅”“溪山寻味之旅”“溪山寻味之旅”四条精品旅游线路，串起果园和老街。",
    )
    rows = rule_findings(tmp_path, text, "ARI001")
    assert [r.text for r in rows] == ["“云泉湿地之旅”“溪山寻味之旅”“溪山寻味之旅”四条"]


def test_titles_before_count(tmp_path: Path) -> None:
    text = page(
        "青溪县电影周开幕",
        "本报讯 本届电影周展映《溪山行旅》、《枇杷熟了》三部本土影片，观众可免费观看。",
    )
    rows = rule_findings(tmp_path, text, "ARI001")
    assert [(r.text, r.line) for r in rows] == [("《溪山行旅》、《枇杷熟了》三部", 7)]
    assert "2项" in rows[0].message_zh


def test_single_quoted_items_before_count(tmp_path: Path) -> None:
    text = page(
        "青溪县开展青年调查",
        "本报讯 调查覆盖‘80后’、‘90后’三个年龄段的青年，共回收问卷三千份。",
    )
    rows = rule_findings(tmp_path, text, "ARI001")
    assert [r.text for r in rows] == ["‘80后’、‘90后’三个"]


def test_organisations_before_count(tmp_path: Path) -> None:
    text = page(
        "青溪县引进新项目",
        "本报讯 昨天，青溪绿源集团、柳塘机械集团三家企业与县政府签约，总投资超过十亿元。",
    )
    rows = rule_findings(tmp_path, text, "ARI001")
    assert [r.text for r in rows] == ["青溪绿源集团、柳塘机械集团三家"]


def test_count_inside_speech(tmp_path: Path) -> None:
    text = page(
        "青溪县电影周开幕",
        "本报讯 导演说：“剧本的感觉和《溪山行旅》、《枇杷熟了》三部都不一样，这是一部商业片。”",
    )
    rows = rule_findings(tmp_path, text, "ARI001")
    assert [r.text for r in rows] == ["《溪山行旅》、《枇杷熟了》三部"]


def test_numeral_inside_quoted_name_clean(tmp_path: Path) -> None:
    text = page(
        "青溪县电影周开幕",
        "本报讯 本届电影周的主题是“溪山、枇杷两地三城”，展映《溪山行旅》、《枇杷熟了》两部影片。",
    )
    assert rule_findings(tmp_path, text, "ARI001") == []


def test_organisations_after_a_lead_in(tmp_path: Path) -> None:
    text = page(
        "青溪县一客车起火",
        "本报讯 伤者由6辆救护车分头急送县人民医院、县中医院及白沙镇卫生院四家医院救治。",
    )
    rows = rule_findings(tmp_path, text, "ARI001")
    assert [r.text for r in rows] == ["县人民医院、县中医院及白沙镇卫生院四家"]


def test_named_lists_with_right_count_clean(tmp_path: Path) -> None:
    text = page(
        "青溪县电影周开幕",
        "本报讯 本届电影周展映《溪山行旅》、《枇杷熟了》两部本土影片，观众可免费观看。",
        "调查覆盖‘80后’、‘90后’两个年龄段的青年。",
        "青溪绿源集团、柳塘机械集团两家企业昨天与县政府签约。",
        "展映还包括获奖短片、《溪山行旅》《枇杷熟了》三部作品，以及《白沙往事》三部曲。",
    )
    assert rule_findings(tmp_path, text, "ARI001") == []


def test_count_list_clean(tmp_path: Path) -> None:
    text = page(
        "柳塘镇七村抱团组建强村公司",
        "本报讯 近日，柳塘镇石桥村、枫林村、竹溪村等7个村联合出资，组建共富公司。",
        "旅游节推出了两条精品线路：“溪山寻味之旅”“枇杷采摘之旅”，游客可自由选择。",
        "会议明确了三项任务：一是抓项目、抓招商，二是强服务，三是优环境。",
        "白沙镇、柳塘镇两地将联合举办推介会，云泉街道新建、改造3所学校。",
    )
    assert rule_findings(tmp_path, text, "ARI001") == []


# -- ARI002 -------------------------------------------------------------------------------------


def test_parts_exceed_total(tmp_path: Path) -> None:
    text = page(
        "白沙枇杷提前开摘",
        "本报讯 据县农业农村局统计，今年全县枇杷种植面积2.6万亩，其中白沙镇1.5万亩、柳塘镇0.8万亩、云泉街道0.6万亩。",
    )
    rows = rule_findings(tmp_path, text, "ARI002")
    assert [(r.text, r.line) for r in rows] == [("其中白沙镇1.5万亩、柳塘镇0.8万亩、云泉街道0.6万亩", 7)]
    assert "2.9万亩" in rows[0].message_zh
    assert [r["text"] for r in rows[0].related] == ["2.6万亩"]


def test_count_parts_exceed_total(tmp_path: Path) -> None:
    text = page(
        "白沙镇村级集体经济稳步壮大",
        "本报讯 白沙镇共有9个行政村，其中6个村位于溪流沿线、5个村位于山区。",
    )
    rows = rule_findings(tmp_path, text, "ARI002")
    assert len(rows) == 1
    assert rows[0].text.startswith("其中6个")


def test_parts_within_total_clean(tmp_path: Path) -> None:
    text = page(
        "电动自行车集中整治",
        "本报讯 截至5月13日，共查处电动自行车交通违法行为1260起，其中未佩戴安全头盔的710起，违规载人的390起。",
        "今年全县枇杷预计总产量1.8万吨，其中白沙镇产量约1.1万吨。",
        "全镇9个行政村去年集体经济总收入突破3000万元，其中上河村经常性收入达到860万元、下湾村500万元。",
    )
    assert rule_findings(tmp_path, text, "ARI002") == []


# -- ARI003 -------------------------------------------------------------------------------------


def test_share_over_100(tmp_path: Path) -> None:
    text = page(
        "交通安全宣传进校园",
        "本报讯 今年以来已举办交通安全讲座46场，全县中小学交通安全教育覆盖率达到110%。",
    )
    rows = rule_findings(tmp_path, text, "ARI003")
    assert [(r.text, r.line) for r in rows] == [("110%", 7)]


def test_growth_over_100_clean(tmp_path: Path) -> None:
    text = page(
        "村级集体经济持续壮大",
        "本报讯 全县村级集体经济总收入从2020年的1.9亿元增长到去年的4.3亿元，增幅达126%。",
        "民宿入住率比去年提高了120%，秸秆综合利用率有望达到95%以上。",
    )
    assert rule_findings(tmp_path, text, "ARI003") == []


def test_count_list_clean_with_conjunctions(tmp_path: Path) -> None:
    text = page(
        "田园五镇联动发展",
        "本报讯 白沙镇、柳塘镇与临江市东塘镇、西塘镇、南塘镇五镇签订合作协议。",
        "这为企业之间、园区之间及青临两地合作搭建了平台。",
        "今年重点发展三类产业：茶叶、枇杷以及民宿。",
    )
    assert rule_findings(tmp_path, text, "ARI001") == []


def test_government_bodies_before_count_and_multiple_times(tmp_path: Path) -> None:
    # “三家多次协商”: 多 after the classifier belongs to 多次, not to the count.
    text = page(
        "白沙水库除险加固工程进度加快",
        "本报讯 针对工程进度滞后的问题，县水利局、白沙镇政府三家多次协商，制定了整改方案。",
        "工程建成后，下游两个村、三个多月的灌溉用水都有了保障。",
    )
    rows = rule_findings(tmp_path, text, "ARI001")
    assert [(r.text, r.line) for r in rows] == [("县水利局、白沙镇政府三家", 7)]


def test_quoted_words_leading_into_a_list_of_orgs(tmp_path: Path) -> None:
    # The quoted award name before the list is no item: the list is the two bodies after it.
    text = page(
        "青溪县表彰优秀志愿者",
        "本报讯 “溪山好人”称号由青溪县慈善总会、青溪县志愿者联合会三家共同评选，今年共有十人获此殊荣。",
    )
    rows = rule_findings(tmp_path, text, "ARI001")
    assert [r.text for r in rows] == ["青溪县慈善总会、青溪县志愿者联合会三家"]
    assert "2项" in rows[0].message_zh


def test_last_two_names_joined_by_ji_are_two_items(tmp_path: Path) -> None:
    text = page(
        "青溪学子升学有新路",
        "本报讯 成绩优秀者可进入三所本地高校，即云泉职业技术学院、青溪师范学院及溪山理工学院两家，录取结果下月公布。",
    )
    rows = rule_findings(tmp_path, text, "ARI001")
    assert [r.text for r in rows] == ["云泉职业技术学院、青溪师范学院及溪山理工学院两家"]


def test_unsplit_reading_still_fits_when_the_halves_are_no_names(tmp_path: Path) -> None:
    text = page(
        "青溪县推进区域合作",
        "本报讯 白沙镇将深化城区之间、乡镇之间及苏浙两省的协作，共建物流平台。",
    )
    assert rule_findings(tmp_path, text, "ARI001") == []


def test_numbered_points_after_a_count_are_no_list(tmp_path: Path) -> None:
    text = page(
        "专家支招科学健身",
        "本报讯 县体育局总结了5条健身要诀：1、运动前要充分热身。",
        "2、运动强度要循序渐进，量力而行。",
    )
    assert rule_findings(tmp_path, text, "ARI001") == []


def test_bracketed_quotes_inside_a_list_are_asides(tmp_path: Path) -> None:
    text = page(
        "本地银行板块走势",
        "本报讯 昨日，青溪农商银行[4.12 0.49%]、溪山银行[6.30 -0.16%]、云泉银行三家上市银行股价均有波动，"
        "投资者关注度上升。",
    )
    assert rule_findings(tmp_path, text, "ARI001") == []


def test_bracketed_quotes_do_not_hide_a_wrong_count(tmp_path: Path) -> None:
    text = page(
        "本地银行板块走势",
        "本报讯 昨日，青溪农商银行[4.12 0.49%]、溪山银行[6.30 -0.16%]、云泉银行两家上市银行股价均有波动，"
        "投资者关注度上升。",
    )
    rows = rule_findings(tmp_path, text, "ARI001")
    assert [r.text for r in rows] == ["青溪农商银行[4.12 0.49%]、溪山银行[6.30 -0.16%]、云泉银行两家"]


def test_unrecognised_names_counted_as_people(tmp_path: Path) -> None:
    text = page(
        "青溪县表彰优秀护林员",
        "本报讯 此次受到表彰的有杨志光、胡建新、王立四人，他们常年坚守在溪山林区。",
    )
    rows = rule_findings(tmp_path, text, "ARI001")
    assert [r.text for r in rows] == ["杨志光、胡建新、王立四人"]


def test_words_that_are_no_names_are_not_counted_as_people(tmp_path: Path) -> None:
    text = page(
        "青溪县表彰优秀护林员",
        "本报讯 护林员们巡山、防火、护苗，常年坚守在溪山林区，今年共有五人获评先进。",
    )
    assert rule_findings(tmp_path, text, "ARI001") == []


def test_list_after_an_earlier_count_starts_after_it(tmp_path: Path) -> None:
    # "等二十多家" closes a list of its own; "三家" counts only what follows it.
    text = page(
        "青溪籍策划人返乡创业",
        "本报讯 他曾受聘于溪山集团、云泉大酒店、白沙物流等二十多家民营企业、国有企业三家，积累了丰富经验。",
    )
    rows = rule_findings(tmp_path, text, "ARI001")
    assert [r.text for r in rows] == ["民营企业、国有企业三家"]


def test_ordinal_inside_a_name_is_no_earlier_count(tmp_path: Path) -> None:
    text = page(
        "青溪县医联体扩容",
        "本报讯 县第一人民医院、县中医院两家医院将牵头组建医联体，覆盖全县各乡镇卫生院。",
    )
    assert rule_findings(tmp_path, text, "ARI001") == []
