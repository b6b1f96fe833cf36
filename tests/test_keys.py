"""Fact keys: normalisation and when a key is refused."""

from __future__ import annotations

import pytest

from checker.extract.keys import clean, fact_key, normalize_counted, normalize_subject


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("平湖市", "平湖"),
        ("嘉兴市", "嘉兴"),
        ("徐家埭村", "徐家埭村"),
        ("新埭镇", "新埭镇"),
        ("我市", "本市"),
        ("全市", "本市"),
        ("全省", "本省"),
        ("“徐家埭村”", "徐家埭村"),
        (" 平湖 ", "平湖"),
        ("市", "市"),
        ("", None),
        (None, None),
    ],
)
def test_normalize_subject(raw: str | None, norm: str | None) -> None:
    assert normalize_subject(raw) == norm


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("新增就业岗位", "就业岗位"),
        ("累计海外人才", "海外人才"),
        ("“红色嘉园”", "红色嘉园"),
        ("", None),
        ("新增", "新增"),
    ],
)
def test_normalize_counted(raw: str, norm: str | None) -> None:
    assert normalize_counted(raw) == norm


def test_clean_fullwidth_and_quotes() -> None:
    assert clean("ＧＤＰ") == "GDP"
    assert clean("《协议》") == "协议"


def test_key_shape() -> None:
    assert fact_key("平湖市", "收入", None, "2023", "money", "元") == "平湖|收入|2023|money:元"
    assert fact_key("徐家埭村", None, "受益农户", None, "count", "户") == "徐家埭村|受益农户|*|count:户"
    assert fact_key("平湖", "收入", None, None, None) == "平湖|收入|*|number"


def test_attribute_wins_over_counted() -> None:
    assert fact_key("平湖", "游客", "外地游客", "2023", "count", "人次") == "平湖|游客|2023|count:人次"


def test_spellings_of_one_fact_meet() -> None:
    a = fact_key("平湖市", "收入", None, "2023", "money", "元")
    b = fact_key("平湖", "收入", None, "2023", "money", "元")
    c = fact_key("我市", "收入", None, "2023", "money", "元")
    d = fact_key("全市", "收入", None, "2023", "money", "元")
    assert a == b
    assert c == d
    assert a != c  # generic subjects are not resolved to the city of publication


def test_different_units_or_times_do_not_meet() -> None:
    assert fact_key("平湖", None, "农户", None, "count", "户") != fact_key("平湖", None, "农户", None, "count", "人")
    assert fact_key("平湖", "收入", None, "2022", "money", "元") != fact_key(
        "平湖", "收入", None, "2023", "money", "元"
    )
    assert fact_key("平湖", "收入", None, None, "money", "元") != fact_key("平湖", "收入", None, "2023", "money", "元")


@pytest.mark.parametrize(
    ("subject", "attribute", "counted"),
    [(None, "收入", None), ("平湖", None, None), (None, None, "农户"), ("", "收入", None), ("平湖", "", "  ")],
)
def test_too_vague_gives_none(subject: str | None, attribute: str | None, counted: str | None) -> None:
    assert fact_key(subject, attribute, counted, "2023", "money", "元") is None


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("柳塘智能装备产业园项目", "柳塘智能装备产业园"),
        ("县交警大队", "交警大队"),
        ("县委宣传部", "县委宣传部"),
        ("市政府办公室", "市政府办公室"),
    ],
)
def test_normalize_project_and_county_agency(raw: str, norm: str) -> None:
    assert normalize_subject(raw) == norm
