"""Date facts found by checker.extract.dates."""

from __future__ import annotations

from datetime import date

from checker.extract import ExtractContext
from checker.extract.dates import extract_dates
from checker.model import FactDraft

PUB = date(2023, 8, 3)  # a Thursday; lunar 癸卯年六月十七


def dates(sentence: str, pub: date | None = PUB) -> list[FactDraft]:
    found = extract_dates(sentence, ExtractContext(pub_date=pub))
    for f in found:
        assert f.kind == "date" and f.value is None
        assert sentence[f.start : f.end] == f.text
    return found


def only(sentence: str, pub: date | None = PUB) -> FactDraft:
    found = dates(sentence, pub)
    assert len(found) == 1, found
    return found[0]


def test_full_date_with_right_weekday() -> None:
    f = only("2023年8月3日◆星期四")
    assert f.extra["iso"] == "2023-08-03"
    assert f.extra["weekday_written"] == 3 == f.extra["weekday_actual"]


def test_full_date_with_wrong_weekday() -> None:
    f = only("2023年8月3日 星期五")
    assert f.extra["weekday_written"] == 4
    assert f.extra["weekday_actual"] == 3


def test_weekday_in_brackets_and_zhou() -> None:
    f = only("8月3日（周四）")
    assert f.extra["iso"] == "2023-08-03" and f.extra["weekday_written"] == 3
    assert f.extra["year_inferred"] is True


def test_weekday_before_date() -> None:
    f = only("星期三，8月2日")
    assert f.extra["weekday_written"] == 2 == f.extra["weekday_actual"]
    assert f.start == 0


def test_month_day_takes_year_from_pub_date() -> None:
    f = only("8月15日下午，我市召开动员大会。")
    assert f.extra["iso"] == "2023-08-15"
    assert f.extra["time_of_day"] == "下午"


def test_december_date_in_january_paper_is_last_year() -> None:
    f = only("12月30日，会议召开。", pub=date(2024, 1, 2))
    assert f.extra["iso"] == "2023-12-30"


def test_lunar_with_ganzhi_right() -> None:
    f = only("农历癸卯年八月十五")
    assert f.extra["lunar"] == {"month": 8, "day": 15, "leap": False, "ganzhi": "癸卯", "year": 2023}
    assert f.extra["iso_for_lunar"] == "2023-09-29"


def test_lunar_wrong_day_gives_other_gregorian_date() -> None:
    f = only("农历癸卯年八月十六")
    assert f.extra["iso_for_lunar"] == "2023-09-30"  # != pub date: the lunar rule flags it


def test_lunar_without_year() -> None:
    f = only("农历六月初八")
    assert f.extra["lunar"]["day"] == 8
    assert f.extra["iso_for_lunar"] == "2023-07-25"


def test_page_header_has_gregorian_and_lunar() -> None:
    found = dates("2023年9月29日◆星期五 出版 农历癸卯年八月十五 总第5234期")
    assert len(found) == 2
    assert found[0].extra["iso"] == found[1].extra["iso_for_lunar"]
    assert "5234" not in "".join(f.text for f in found)


def test_relative_days() -> None:
    f = only("昨天上午，会议召开。")
    assert f.extra == {"relative": "昨天", "iso": "2023-08-02", "time_of_day": "上午"}
    assert only("前天，项目开工。").extra["iso"] == "2023-08-01"
    assert only("今天多云。").extra["iso"] == "2023-08-03"


def test_vague_relative() -> None:
    f = only("近日，名单公布。")
    assert f.extra["relative"] == "近日"
    assert "iso" not in f.extra


def test_relative_without_pub_date() -> None:
    f = only("昨天，会议召开。", pub=None)
    assert f.extra == {"relative": "昨天"}


def test_year_alone() -> None:
    f = only("2021年，实现销售收入8亿元。")
    assert f.extra["iso"] == "2021" and "since" not in f.extra
    assert f.text == "2021年"


def test_since_year() -> None:
    f = only("自2006年起，青溪就以党建为统领。")
    assert f.extra["since"] == 2006
    assert f.text == "自2006年起"


def test_since_with_words_between() -> None:
    f = dates("自2016年成立以来，公司持续增长。")[0]
    assert f.extra["since"] == 2016


def test_consecutive_years_with_since() -> None:
    found = dates("自2006年起，我市已连续20年推进强村工作。")
    consec = [f for f in found if "consecutive_years" in f.extra]
    assert consec[0].extra == {"consecutive_years": 20, "since": 2006}
    assert consec[0].text == "连续20年"


def test_consecutive_years_chinese_numeral() -> None:
    f = only("连续十多年发放养老福利。")
    assert f.extra["consecutive_years"] == 10 and f.extra["approx"] is True


def test_year_range() -> None:
    f = only("《实施方案（2022年—2025年）》")
    assert (f.extra["year_from"], f.extra["year_to"]) == (2022, 2025)


def test_month_only_this_year() -> None:
    f = only("在今年3月举办的论坛上")
    assert f.extra["iso"] == "2023-03"
    assert f.text == "今年3月"


def test_month_end() -> None:
    f = only("预计将于9月底完成建设。")
    assert f.extra["iso"] == "2023-09" and f.extra["part"] == "底"


def test_last_year_end() -> None:
    f = only("去年年底，分红累计6000多万元。")
    assert f.extra["iso"] == "2022" and f.extra["part"] == "年底"


def test_months_count_is_not_a_date() -> None:
    assert dates("前5个月，产值增长14.3%。") == []


def test_historic_date() -> None:
    f = only("1937年11月5日，日军登陆。")
    assert f.extra["iso"] == "1937-11-05"


def test_invalid_day_is_marked() -> None:
    f = only("2023年2月30日")
    assert f.extra["invalid"] is True
