"""NUM001 conflicting-number and NUM002 scope-mismatch, end to end on invented pages."""

from __future__ import annotations

from pathlib import Path

from tests.support import check_texts

HEAD = "青溪日报  2024年5月15日 星期三\n\n"


def page(headline: str, *paragraphs: str, date_line: str = HEAD) -> str:
    body = "\n\n".join(paragraphs)
    return f"{date_line}{headline}\n\n记者 林晓岚\n\n{body}\n"


def rule_findings(tmp_path: Path, files: dict[str, str], code: str, archive: dict[str, str] | None = None):
    return [f.row for f in check_texts(tmp_path, files, select={code}, archive=archive) if f.row.rule == code]


# -- NUM001 -------------------------------------------------------------------------------------


def test_conflict_in_one_article(tmp_path: Path) -> None:
    text = page(
        "上河村强村富民见闻",
        "本报讯 近日，上河村2023年经常性收入达到680万元，比上年增长三成。",
        "村里的民宿生意红火，游客络绎不绝。",
        "据统计，上河村2023年经常性收入达到860万元，在全镇排名第一。",
    )
    rows = rule_findings(tmp_path, {"a.txt": text}, "NUM001")
    assert len(rows) == 1
    row = rows[0]
    assert row.text == "达到860万元"
    assert row.line == 11
    assert [r["text"] for r in row.related] == ["达到680万元"]
    assert "680万元" in row.message_zh and "860万元" in row.message_zh
    assert row.category == "number-conflict"


def test_odd_one_out_against_archive(tmp_path: Path) -> None:
    archive = {
        "a3.txt": page("上河村溪畔民宿红火", "本报讯 近日，上河村2023年经常性收入达到680万元，位列全镇第一。"),
        "a4.txt": page("枇杷节见闻", "本报讯 据介绍，上河村2023年经常性收入680万元，今年有望再创新高。"),
    }
    new = page(
        "白沙镇共富带建设提速",
        "本报讯 白沙镇沿溪各村发展势头良好。",
        "上河村2023年经常性收入达到860万元，是全镇唯一一个收入过八百万的村。",
        date_line="青溪日报  2024年5月16日 星期四\n\n",
    )
    rows = rule_findings(tmp_path, {"a2.txt": new}, "NUM001", archive=archive)
    assert len(rows) == 1
    assert rows[0].text == "达到860万元"
    assert rows[0].suggestion == "680万元"
    assert len(rows[0].related) == 2
    assert "《" in rows[0].message_zh


def test_clean_units_qualifiers_and_numerals(tmp_path: Path) -> None:
    archive = {
        "a1.txt": page(
            "绿源项目加快建设",
            "本报讯 青溪绿源新材料有限公司可降解材料项目总投资1.2亿元，预计今年投产。",
            "石桥村2023年经营性收入达到760万元，位列全镇第一。",
        ),
    }
    new = page(
        "重点项目推进会召开",
        "本报讯 青溪绿源新材料有限公司可降解材料项目总投资12000万元，主体厂房已封顶。",
        "石桥村2023年经营性收入700多万元，村里计划拿出一部分收益补贴种粮大户。",
        date_line="青溪日报  2024年5月16日 星期四\n\n",
    )
    assert rule_findings(tmp_path, {"a2.txt": new}, "NUM001", archive=archive) == []


def test_clean_this_year_vs_last_year(tmp_path: Path) -> None:
    text = page(
        "上河村强村富民见闻",
        "本报讯 近日，上河村2023年经常性收入达到680万元，位列全镇第一。",
        "村里的民宿生意红火，游客络绎不绝。",
        "上河村2022年经常性收入为520万元，一年增长了三成多。",
    )
    assert rule_findings(tmp_path, {"a.txt": text}, "NUM001") == []


def test_clean_subset_vs_whole(tmp_path: Path) -> None:
    text = page(
        "白沙枇杷提前开摘",
        "本报讯 今年全县枇杷预计总产量1.8万吨，其中白沙镇产量约1.1万吨。",
        "果农们忙着采摘分拣。",
        "全县枇杷预计总产量1.8万吨，比去年增加2000吨。",
    )
    assert rule_findings(tmp_path, {"a.txt": text}, "NUM001") == []


def test_clean_chinese_numeral_count(tmp_path: Path) -> None:
    text = page(
        "柳塘镇七村抱团组建强村公司",
        "本报讯 柳塘镇石桥村、枫林村、竹溪村等7个村联合出资，组建强村公司。",
        "柳塘镇七村一起富才算真的富。",
    )
    assert rule_findings(tmp_path, {"a.txt": text}, "NUM001") == []


# -- NUM002 -------------------------------------------------------------------------------------


def test_scope_mismatch_same_value(tmp_path: Path) -> None:
    archive = {"a1.txt": page("上河村研学游走俏", "本报讯 据统计，上河村2024年接待游客12万人次，同比增长两成。")}
    new = page(
        "上河村文旅融合见闻",
        "本报讯 截至目前，上河村累计接待游客12万人次，民宿入住率保持高位。",
        date_line="青溪日报  2024年5月16日 星期四\n\n",
    )
    rows = rule_findings(tmp_path, {"a2.txt": new}, "NUM002", archive=archive)
    assert len(rows) == 1
    assert rows[0].severity == "info"
    assert rows[0].text == "12万人次"
    assert [r["text"] for r in rows[0].related] == ["12万人次"]


def test_scope_mismatch_clean_when_values_differ(tmp_path: Path) -> None:
    archive = {"a1.txt": page("上河村研学游走俏", "本报讯 据统计，上河村2024年接待游客12万人次，同比增长两成。")}
    new = page(
        "上河村文旅融合见闻",
        "本报讯 截至目前，上河村累计接待游客58万人次，民宿入住率保持高位。",
        date_line="青溪日报  2024年5月16日 星期四\n\n",
    )
    assert rule_findings(tmp_path, {"a2.txt": new}, "NUM002", archive=archive) == []


def test_clean_relative_years_without_publication_date(tmp_path: Path) -> None:
    text = page(
        "上河村强村富民见闻",
        "据介绍，上河村去年经常性收入达到680万元，位列全镇第一。",
        "村里的民宿生意红火，游客络绎不绝。",
        "据测算，上河村今年经常性收入达到860万元，同样位列全镇第一。",
        date_line="",
    )
    assert rule_findings(tmp_path, {"a.txt": text}, "NUM001") == []


# -- NUM001: figures without a period in two articles ----------------------------------------------

VISITORS_OLD = page(
    "白沙镇枇杷节人气旺",
    "本报讯 枇杷节期间，白沙镇接待游客3.2万人次，带动农产品销售。",
)


def test_timeless_figures_of_the_same_week_conflict(tmp_path: Path) -> None:
    new = page(
        "白沙镇枇杷节落幕",
        "本报讯 据统计，白沙镇接待游客5.2万人次，枇杷销售火爆。",
        date_line="青溪日报  2024年5月17日 星期五\n\n",
    )
    rows = rule_findings(tmp_path, {"new.txt": new}, "NUM001", archive={"old.txt": VISITORS_OLD})
    assert [(r.text, r.severity) for r in rows] == [("5.2万人次", "warning")]
    assert rows[0].related[0]["text"] == "3.2万人次"


def test_timeless_figures_months_apart_pass(tmp_path: Path) -> None:
    new = page(
        "白沙镇枇杷节落幕",
        "本报讯 据统计，白沙镇接待游客5.2万人次，枇杷销售火爆。",
        date_line="青溪日报  2024年11月20日 星期三\n\n",
    )
    assert rule_findings(tmp_path, {"new.txt": new}, "NUM001", archive={"old.txt": VISITORS_OLD}) == []


def test_count_with_counted_thing_after_the_number(tmp_path: Path) -> None:
    text = page(
        "交通违法行为集中整治",
        "本报讯 截至5月13日，县交警大队共查处电动自行车交通违法行为1260起。",
        "宣传同步开展，交警走进学校和社区。",
        "据统计，截至5月13日，县交警大队在行动中查处的1620起电动自行车交通违法行为中，近三成发生在早晚高峰。",
    )
    rows = rule_findings(tmp_path, {"a.txt": text}, "NUM001")
    assert [r.text for r in rows] == ["1620起"]


def test_counts_of_different_things_pass(tmp_path: Path) -> None:
    text = page(
        "交通违法行为集中整治",
        "本报讯 截至5月13日，县交警大队共查处电动自行车交通违法行为1260起。",
        "宣传同步开展，交警走进学校和社区。",
        "据统计，截至5月13日，县交警大队在行动中查处的1620起机动车违停行为中，近三成发生在早晚高峰。",
    )
    assert rule_findings(tmp_path, {"a.txt": text}, "NUM001") == []


def test_count_of_a_subgroup_without_context_passes(tmp_path: Path) -> None:
    # "230只基金中" starts its clause; "123只股票类基金" counts another group of the same companies.
    text = page(
        "基金仓位回升",
        "本报讯 据测算，青溪基金公司123只股票类基金平均持仓比例为70%。",
        "市场人士分析了上周的行情。",
        "扣除大盘走高的影响，230只基金中，加仓的基金上周有170只。",
    )
    assert rule_findings(tmp_path, {"a.txt": text}, "NUM001") == []


def test_same_wording_with_a_changed_figure(tmp_path: Path) -> None:
    # A forecast is normally not compared (预计…), but the same words twice with two
    # figures are one statement written twice.
    text = page(
        "上河村冷链仓储项目开工",
        "本报讯 5月14日，上河村冷链仓储项目正式开工，该项目预计总投资达到680万元，年底建成。",
        "项目建成后，全村枇杷的储存期可延长一个月。",
        "按照设计方案，该项目预计总投资达到860万元，由村集体和合作社共同出资。",
    )
    rows = rule_findings(tmp_path, {"a.txt": text}, "NUM001")
    assert [(r.text, r.line, [x["text"] for x in r.related]) for r in rows] == [
        ("达到860万元", 11, ["达到680万元"])
    ]


def test_same_short_wording_or_different_forecasts_pass(tmp_path: Path) -> None:
    text = page(
        "白沙镇两个项目同日开工",
        "本报讯 5月14日，上河村冷链仓储项目开工，该项目预计总投资达到680万元。",
        "下河村游客中心同日开工，预计建成后年接待游客达到860万元营收。",
        "两个项目力争总投资达到1500万元以上。",
    )
    assert rule_findings(tmp_path, {"a.txt": text}, "NUM001") == []


# -- causes of misses and false conflicts found on real articles ---------------------------------


def test_attribute_named_like_a_change_is_a_level(tmp_path: Path) -> None:
    # 增加值 is a measure, not the change word 增加: both figures are levels and disagree.
    text = page(
        "青溪县工业经济稳中有进",
        "本报讯 前5个月，全县规上工业完成产值286.7亿元，完成增加值58.2亿元，增幅6.1%。",
        "企业订单饱满，用工需求旺盛。",
        "县统计局介绍，前5个月，全县规上工业完成产值286.7亿元，完成增加值85.2亿元。",
    )
    rows = rule_findings(tmp_path, {"a.txt": text}, "NUM001")
    assert [r.text for r in rows] == ["85.2亿元"]


def test_change_before_attribute_is_still_a_change(tmp_path: Path) -> None:
    text = page(
        "青溪县工业经济稳中有进",
        "本报讯 前5个月，全县规上工业完成增加值58.2亿元，增幅6.1%。",
        "企业订单饱满，用工需求旺盛。",
        "县统计局介绍，前5个月，全县规模以上工业增加值比去年同期增加8.3亿元。",
    )
    assert rule_findings(tmp_path, {"a.txt": text}, "NUM001") == []


def test_respective_figures_are_not_compared(tmp_path: Path) -> None:
    # "分别…A和B": each figure belongs to one of the things listed before, not to the key alone.
    text = page(
        "青溪县财政收入稳步增长",
        "本报讯 2023年全县财政总收入58.6亿元，其中一般公共预算收入31.2亿元，分别比上年增长4.2亿元和2.6亿元。",
        "税源结构持续优化。",
        "县财政局介绍，2023年全县财政总收入和一般公共预算收入分别比上年增长2.6亿元和4.2亿元。",
    )
    assert rule_findings(tmp_path, {"a.txt": text}, "NUM001") == []


def test_same_sentence_opening_compares_a_count(tmp_path: Path) -> None:
    # The same sentence written twice with one count changed, even when the clause alone is short.
    sentence = "据县疾控中心通报，本周共发现{}起疑似诺如病毒聚集性疫情，白沙镇{}起发生在一所小学。"
    text = page(
        "青溪县通报聚集性疫情",
        "本报讯 " + sentence.format("3", "1"),
        "疾控人员已赶赴现场处置。",
        sentence.format("3", "4"),
    )
    rows = rule_findings(tmp_path, {"a.txt": text}, "NUM001")
    assert [r.text for r in rows] == ["4起"]


def test_same_clause_after_a_longer_opening(tmp_path: Path) -> None:
    # A headline run into the sentence: the clause of one is the tail of the other's.
    text = page(
        "青溪县确定今年财政预算",
        "本报讯 县财政局确定2024年全县财政总收入计划为62亿元，比上年增长5.8%。",
        "各乡镇将细化分解任务。",
        "相关新闻 县财政局确定2024年全县财政总收入计划为26亿元，比上年增长5.8%。",
    )
    rows = rule_findings(tmp_path, {"a.txt": text}, "NUM001")
    assert [r.text for r in rows] == ["26亿元"]


def test_short_common_tail_is_not_same_wording(tmp_path: Path) -> None:
    text = page(
        "青溪县确定今年财政预算",
        "本报讯 县财政局确定2024年全县财政总收入计划为62亿元。",
        "各乡镇将细化分解任务。",
        "在此前的座谈会上，有代表建议，2024年全县财政总收入计划为65亿元。",
    )
    assert rule_findings(tmp_path, {"a.txt": text}, "NUM001") == []


def test_subject_containing_the_counted_word_is_compared(tmp_path: Path) -> None:
    # 基金 inside 青溪基金研究中心 is no counted thing taken for the subject.
    opening = "据青溪基金研究中心的统计，到本月20日，{}只基金合计派发红利150亿元。"
    text = page(
        "基金分红热情高涨",
        "本报讯 " + opening.format("70"),
        "其中债券类基金依然唱主角。",
        opening.format("144"),
    )
    rows = rule_findings(tmp_path, {"a.txt": text}, "NUM001")
    assert [r.text for r in rows] == ["144只"]


def test_totals_to_different_days_do_not_meet(tmp_path: Path) -> None:
    text = page(
        "基金分红热情高涨",
        "本报讯 据青溪基金研究中心统计，截至本月20日，共有70只基金实施分红。",
        "其中债券类基金依然唱主角。",
        "据青溪基金研究中心统计，截至2月24日，共有20只基金实施分红。",
    )
    assert rule_findings(tmp_path, {"a.txt": text}, "NUM001") == []


def test_list_items_with_missed_subjects_do_not_meet(tmp_path: Path) -> None:
    # "白沙镇报告9例，柳塘镇报告7例": the second place was not recognised, so its counted phrase
    # is "柳塘镇报告"; it must not be folded into the first item's "报告".
    text = page(
        "青溪县通报流感病例",
        "本报讯 本周全县报告流感病例33例，其中，白沙镇报告9例，溪口报告7例，云泉报告5例。",
        "卫生部门提醒市民注意防护。",
        "据县卫健局通报，其中，白沙镇报告9例，溪口报告7例，云泉报告5例。",
    )
    assert rule_findings(tmp_path, {"a.txt": text}, "NUM001") == []


def test_bare_count_under_a_borrowed_subject_is_not_compared(tmp_path: Path) -> None:
    # Neither sentence names whose funds they count: the subject is carried from the first paragraph.
    text = page(
        "基金产品扩容",
        "本报讯 溪山基金管理公司近日发布公告，旗下产品线进一步扩充。",
        "新发产品集中在2019年，那一年共有5只债券基金设立。",
        "拿今年刚获批的四只债券基金来说，投资方向大体相同。",
    )
    assert rule_findings(tmp_path, {"a.txt": text}, "NUM001") == []
