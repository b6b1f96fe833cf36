"""Date rules (DAT001-DAT004): one failing and one passing text per rule.

Calendar facts used below (checked with datetime and lunar_python):
2024-05-13 Monday, 2024-05-14 Tuesday, 2024-05-15 Wednesday = 农历甲辰年四月初八,
2024-05-17 Friday = 农历四月初十.
"""

from __future__ import annotations

from pathlib import Path

from tests.support import check_texts


def page(date_line: str, headline: str, *paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"青溪日报\n\n{date_line}\n\n{headline}\n\n记者 顾一鸣\n\n{body}\n"


MAY15 = "2024年5月15日  星期三  农历甲辰年四月初八"


def only(findings, rule):  # type: ignore[no-untyped-def]
    return [f for f in findings if f.row.rule == rule]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def run(tmp_path: Path, text: str, rule: str):  # type: ignore[no-untyped-def]
    return only(check_texts(tmp_path, {"a.txt": text}, select={rule}), rule)


# -- DAT001 ---------------------------------------------------------------------------------------


def test_dat001_wrong_weekday(tmp_path: Path) -> None:
    text = page(MAY15, "柳塘镇油菜开镰收割", "本报讯 5月14日（星期三），柳塘镇油菜进入集中收割期。")
    found = run(tmp_path, text, "DAT001")
    assert [(f.row.text, f.row.suggestion) for f in found] == [("5月14日（星期三）", "5月14日（星期二）")]
    assert found[0].row.line == line_of(text, "本报讯")


def test_dat001_right_weekday_passes(tmp_path: Path) -> None:
    text = page(MAY15, "柳塘镇油菜开镰收割", "本报讯 5月13日（周一），柳塘镇油菜进入集中收割期。")
    assert run(tmp_path, text, "DAT001") == []


# -- DAT002 ---------------------------------------------------------------------------------------


def test_dat002_masthead_lunar_date_does_not_match_the_page_date(tmp_path: Path) -> None:
    text = page("2024年5月17日  星期五  农历甲辰年四月十一", "枇杷节开幕", "本报讯 第五届白沙枇杷文化旅游节昨天开幕。")
    found = run(tmp_path, text, "DAT002")
    assert [(f.row.text, f.row.suggestion) for f in found] == [("农历甲辰年四月十一", "农历甲辰年四月初十")]
    assert found[0].row.line == line_of(text, "农历甲辰年")


def test_dat002_lunar_date_next_to_a_gregorian_day(tmp_path: Path) -> None:
    text = page(MAY15, "上河村办起浴佛节庙会", "本报讯 5月15日（农历四月初九），上河村举办传统庙会。")
    found = run(tmp_path, text, "DAT002")
    assert [f.row.text for f in found] == ["农历四月初九"]


def test_dat002_right_lunar_dates_pass(tmp_path: Path) -> None:
    text = page(MAY15, "上河村办起浴佛节庙会", "本报讯 5月15日（农历四月初八），上河村举办传统庙会。")
    assert run(tmp_path, text, "DAT002") == []


# -- DAT003 ---------------------------------------------------------------------------------------


def test_dat003_future_date_told_as_past(tmp_path: Path) -> None:
    text = page(
        MAY15, "柳塘镇七村抱团组建强村公司",
        "本报讯 据悉，柳塘共富发展有限公司与县城投集团的合作签约仪式已于5月18日在柳塘镇举行，"
        "双方将在农旅融合等领域开展合作。",
    )
    found = run(tmp_path, text, "DAT003")
    assert [f.row.text for f in found] == ["已于5月18日"]
    assert found[0].row.line == line_of(text, "签约仪式")


def test_dat003_future_date_told_as_future_passes(tmp_path: Path) -> None:
    text = page(
        MAY15, "柳塘镇七村抱团组建强村公司",
        "本报讯 合作签约仪式将于5月20日在柳塘镇举行。旅游节持续至5月26日。预计5月底前全部收割完毕。",
        "5月13日，县里已召开动员会。",
    )
    assert run(tmp_path, text, "DAT003") == []


# -- DAT004 ---------------------------------------------------------------------------------------


def test_dat004_consecutive_years_do_not_fit_the_start_year(tmp_path: Path) -> None:
    text = page(MAY15, "枇杷节成为金名片", "本报讯 白沙枇杷文化旅游节自2016年起连续5年举办，已成为乡村旅游的一张名片。")
    found = run(tmp_path, text, "DAT004")
    assert [(f.row.text, f.row.suggestion) for f in found] == [("自2016年起连续5年", "连续9年")]


def test_dat004_consecutive_years_that_fit_pass(tmp_path: Path) -> None:
    text = page(
        MAY15, "枇杷节成为金名片",
        "本报讯 白沙枇杷文化旅游节自2020年起连续5年举办。自2006年起，我县连续18年实施强村计划。",
        "2016年以来，上河村连续3年获评先进村。",
    )
    assert run(tmp_path, text, "DAT004") == []
