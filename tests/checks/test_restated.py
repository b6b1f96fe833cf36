"""NUM003 restated-figure: a sentence or clause said again with a figure changed (invented pages)."""

from __future__ import annotations

from pathlib import Path

from checker.checks.restated import align, mask, window
from tests.support import check_texts

HEAD = "青溪日报  2024年5月15日 星期三\n\n"
NEXT_DAY = "青溪日报  2024年5月16日 星期四\n\n"


def page(headline: str, *paragraphs: str, date_line: str = HEAD) -> str:
    body = "\n\n".join(paragraphs)
    return f"{date_line}{headline}\n\n记者 林晓岚\n\n{body}\n"


def restated(tmp_path: Path, files: dict[str, str], archive: dict[str, str] | None = None):
    """The number-conflict findings: NUM003's, and NUM001's for a pair of one fact key (which
    NUM003 then leaves to it: one problem, one finding)."""
    return [f.row for f in check_texts(tmp_path, files, select={"NUM001", "NUM003"}, archive=archive)]


def num003(tmp_path: Path, files: dict[str, str], archive: dict[str, str] | None = None):
    return [r for r in restated(tmp_path, files, archive) if r.rule == "NUM003"]


# -- the alignment -------------------------------------------------------------------------------


def test_masked_numerals_face_each_other_whatever_their_value() -> None:
    a = mask("记者了解到，全县已建成高标准农田6.4万亩，惠及农户3200余户。")
    b = mask("今年以来，全县已建成高标准农田4.6万亩，惠及农户3200余户。")
    assert a.text.count("\ue000") == 2 and len(a.numerals) == 2
    found = align(a, b)
    assert found.facing() == [(0, 0), (1, 1)]
    win = window(found, a.slots[0], 8)
    assert win is not None and win.changed == 0


# -- reported ------------------------------------------------------------------------------------


def test_a_clause_restated_further_down_with_its_figure_changed(tmp_path: Path) -> None:
    text = page(
        "高标准农田建设提速",
        "本报讯 今年以来，全县已建成高标准农田4.6万亩，惠及农户3200余户。",
        "据介绍，这些农田主要分布在沿江各乡镇，灌溉条件明显改善。",
        "记者了解到，全县已建成高标准农田6.4万亩，惠及农户3200余户。",
    )
    rows = restated(tmp_path, {"a.txt": text})
    assert len(rows) == 1
    row = rows[0]
    assert row.text == "6.4万亩" and row.line == 11 and row.severity == "error"
    assert [r["text"] for r in row.related] == ["4.6万亩"]
    assert row.category == "number-conflict"
    assert "4.6万亩" in row.message_zh and "6.4万亩" in row.message_zh


def test_a_sentence_of_another_article_restated_with_another_rate(tmp_path: Path) -> None:
    # No subject or measure the extractor can name ("合格率" of what?): only the wording pairs them.
    archive = {"a1.txt": page("食品抽检结果公布", "本报讯 本轮共抽检各类预制菜样品1260批次，经检验合格率为97.8%。")}
    new = page(
        "守护群众舌尖上的安全",
        "本报讯 近日，青溪县举行食品安全宣传周活动。",
        "本轮共抽检各类预制菜样品1260批次，经检验合格率为98.7%。",
        date_line=NEXT_DAY,
    )
    rows = restated(tmp_path, {"a2.txt": new}, archive=archive)
    assert len(rows) == 1
    assert rows[0].text.endswith("98.7%")
    assert rows[0].related[0]["text"].endswith("97.8%")
    assert rows[0].rule == "NUM003" and "《食品抽检结果公布》" in rows[0].message_zh
    assert rows[0].severity == "warning"  # another day's article: may be a figure of another day


def test_a_count_in_chinese_numerals_restated_with_another_numeral(tmp_path: Path) -> None:
    text = page(
        "山里的民宿旺起来",
        "本报讯 依托竹海资源，石桥村先后引进了三家精品民宿经营企业。",
        "游客们说，这里的空气和溪水是城里没有的。",
        "从那以后，石桥村先后引进了五家精品民宿经营企业。",
    )
    rows = restated(tmp_path, {"a.txt": text})
    assert [r.text for r in rows] == ["五家"]


# -- not reported --------------------------------------------------------------------------------


def test_two_years_two_periods_and_a_change_are_two_statements(tmp_path: Path) -> None:
    text = page(
        "粮食生产稳中有进",
        "本报讯 2022年全县粮食总产量为36.2万吨，连续多年保持稳定。",
        "去年，全县新增各类市场主体4200户，活力持续迸发。",
        "农业农村部门介绍，2023年全县粮食总产量为37.5万吨，连续多年保持稳定。",
        "今年，全县新增各类市场主体5100户，活力持续迸发。",
        "截至目前，全县粮食播种面积达到80万亩。",
        "农技站站长说，全县粮食播种面积增加到85万亩。",
    )
    assert num003(tmp_path, {"a.txt": text}) == []


def test_a_target_next_to_the_outcome_and_other_subjects(tmp_path: Path) -> None:
    text = page(
        "农村公路提档升级",
        "本报讯 今年全县计划建成农村公路120公里，目前进展顺利。",
        "交通运输局通报，今年全县已建成农村公路96公里，目前进展顺利。",
        "青溪县今年新建公共充电桩320个，覆盖所有乡镇。",
        "白沙县今年新建公共充电桩280个，覆盖所有乡镇。",
    )
    assert num003(tmp_path, {"a.txt": text}) == []


def test_agreeing_values_written_differently(tmp_path: Path) -> None:
    text = page(
        "乡村旅游人气旺",
        "本报讯 据统计，竹海景区全年接待游客1.2万人次，带动村民增收。",
        "全村共有一百二十户人家，家家户户吃上了旅游饭。",
        "村里的民宿经营户有三十多家。",
        "村干部算了一笔账，竹海景区全年接待游客12,300人次，带动村民增收。",
        "他说，全村共有120户人家，家家户户吃上了旅游饭。",
        "如今，村里的民宿经营户有三十六家。",
    )
    assert num003(tmp_path, {"a.txt": text}) == []


def test_items_of_a_list_and_a_formula_filled_in_twice(tmp_path: Path) -> None:
    text = page(
        "首届农民丰收节奖项揭晓",
        "本报讯 本届评比设一等奖一名，奖金为5000元。二等奖两名，奖金为3000元。三等奖三名，奖金为1000元。",
        "截至收盘，沪指报收于2815点，两市成交额为3200亿元。",
        "另据统计，全县共有参赛选手86名，来自12个乡镇。",
    )
    archive = {
        "old.txt": page(
            "市场快讯", "截至收盘，沪指报收于2790点，两市成交额为2980亿元。",
            "另据统计，全县共有参赛选手68名，来自21个乡镇。",
        ),
    }
    assert num003(tmp_path, {"a.txt": text}, archive=archive) == []


def test_a_period_relative_to_each_date_is_not_held_to_another_day(tmp_path: Path) -> None:
    archive = {"a1.txt": page("疫苗接种有序推进", "本报讯 截至目前，全县累计接种流感疫苗3.2万剂次。")}
    new = page(
        "流感疫苗接种持续进行",
        "本报讯 截至目前，全县累计接种流感疫苗3.6万剂次。",
        date_line="青溪日报  2024年5月22日 星期三\n\n",
    )
    assert num003(tmp_path, {"a2.txt": new}, archive=archive) == []
