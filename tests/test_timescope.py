"""Time scopes of numbers, resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from checker.extract.timescope import resolve_time, scopes_in, time_spans

PUB = date(2023, 8, 3)


@pytest.mark.parametrize(
    ("before", "scope"),
    [
        ("2021年，实现销售收入", "2021"),
        ("2022年度，全市", "2022"),
        ("二〇二一年，全市", "2021"),
        ("今年经营性收入有望达到", "2023"),
        ("去年完成投资", "2022"),
        ("明年计划投资", "2024"),
        ("前年", "2021"),
        ("前5个月，全市规上工业实现产值", "2023:1-5"),
        ("前五个月，", "2023:1-5"),
        ("1-7月，全市", "2023:1-7"),
        ("1至7月，全市", "2023:1-7"),
        ("2022年1-7月，全市", "2022:1-7"),
        ("今年前5个月，", "2023:1-5"),
        ("去年上半年，", "2022:H1"),
        ("上半年，", "2023:H1"),
        ("下半年，", "2023:H2"),
        ("一季度，", "2023:Q1"),
        ("第二季度，", "2023:Q2"),
        ("前三季度，", "2023:1-9"),
        ("截至目前，景区接待游客", "cumulative"),
        ("累计", "cumulative"),
        ("至今已", "cumulative"),
        ("4年来，已", "cumulative"),
        ("自2016年成立以来，", "cumulative"),
        ("年均增长", "annual"),
        ("每年返还投资收益", "annual"),
        ("预计年产值可达", "annual"),
        ("全市规上企业", None),
        ("", None),
    ],
)
def test_resolve(before: str, scope: str | None) -> None:
    assert resolve_time(before + "100万元", len(before), PUB) == scope


def test_comparison_year_is_not_a_scope() -> None:
    assert resolve_time("比去年增加100万元", len("比去年增加"), PUB) is None
    assert resolve_time("今年收入较去年增加100万元", len("今年收入较去年增加"), PUB) == "2023"


def test_nearest_cue_wins() -> None:
    s = "2021年，销售收入8亿元，今年预计可达16亿元"
    assert resolve_time(s, s.index("8亿"), PUB) == "2021"
    assert resolve_time(s, s.index("16亿"), PUB) == "2023"


def test_relative_year_without_pub_date_is_a_token() -> None:
    # Unresolved, but kept: two mentions of 今年 in one document may meet, 今年 and 2021 never.
    assert resolve_time("今年收入100万元", 4, None) == "rel:今年"
    assert resolve_time("去年上半年收入100万元", 9, None) == "rel:去年:H1"
    assert resolve_time("本年收入100万元", 4, None) == "rel:今年"
    assert resolve_time("2021年收入100万元", 7, None) == "2021"
    assert resolve_time("累计投入100万元", 4, None) == "cumulative"


def test_scopes_in_positions() -> None:
    assert scopes_in("去年和前5个月", PUB) == [(0, 2, "2022"), (3, 7, "2023:1-5")]


def test_time_spans_cover_years_and_periods_only() -> None:
    s = "2021年前5个月，累计100人"
    spans = time_spans(s)
    assert (0, 9) in spans
    assert all(s[a:b] != "累计" for a, b in spans)


def test_relative_cue_nearer_than_absolute_year_wins_without_pub_date() -> None:
    s = "2021年建成投用，今年收入100万元"
    assert resolve_time(s, s.index("100"), None) == "rel:今年"
    assert resolve_time(s, s.index("100"), date(2024, 5, 16)) == "2024"


def test_hounian_inside_dachan_hou_nian_chanzhi_is_no_year() -> None:
    s = "预计今年9月投产，达产后年产值可达5亿元"
    assert resolve_time(s, s.index("5亿"), date(2024, 5, 17)) != "2026"


def test_sentence_scopes_agree_with_resolve_time() -> None:
    from checker.extract.timescope import SentenceScopes, time_spans

    s = "2023年1-5月，全市实现产值100亿元，比去年增长8%，截至目前累计投资30亿元"
    scopes = SentenceScopes(s, date(2024, 5, 16))
    for pos in range(len(s)):
        assert scopes.at(pos) == resolve_time(s, pos, date(2024, 5, 16))
    assert scopes.spans() == time_spans(s)


def test_dangnian_after_a_written_year_is_that_year() -> None:
    text = "县里建成产业园最多的年份是2016年，当年共有5个园区开工"
    assert resolve_time(text, len(text) - 6, PUB) == "2016"
    assert resolve_time("当年共有5个园区开工", 4, PUB) == "2023"
