"""Chinese / Arabic numeral parsing and the 多/余 step."""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.extract.numerals import (
    magnitude_factor,
    parse_arabic,
    parse_chinese,
    parse_numeral,
    split_magnitude,
    step_of,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("七", 7),
        ("两", 2),
        ("十", 10),
        ("十五", 15),
        ("二十一", 21),
        ("一百零五", 105),
        ("三百", 300),
        ("一千二百", 1200),
        ("一千二百万", 12_000_000),
        ("十万", 100_000),
        ("一万二千", 12_000),
        ("三亿五千万", 350_000_000),
        ("二〇二一", 2021),
        ("零", 0),
        ("1,234", 1234),
        ("1，234", 1234),
        ("１２３", 123),
        ("686.71", 686.71),
        ("1.2万", 12_000),
        ("700万", 7_000_000),
        ("3千万", 30_000_000),
        ("1.5万亿", 1.5e12),
        ("5.74亿", 574_000_000),
    ],
)
def test_parse_numeral(text: str, value: float) -> None:
    assert parse_numeral(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "万x"])
def test_parse_numeral_rejects(text: str) -> None:
    assert parse_numeral(text) is None


def test_parse_arabic_only_whole_numbers() -> None:
    assert parse_arabic("12,345.5") == 12345.5
    assert parse_arabic("12,34") is None
    assert parse_arabic("一") is None


def test_parse_chinese_none_for_non_numeral() -> None:
    assert parse_chinese("") is None


@pytest.mark.parametrize(
    ("mag", "factor"), [("", 1), ("万", 10_000), ("千万", 10**7), ("万亿", 10**12), ("亿", 10**8), ("x", None)]
)
def test_magnitude_factor(mag: str, factor: int | None) -> None:
    assert magnitude_factor(mag) == factor


@pytest.mark.parametrize(
    ("text", "split"),
    [("一千二百万", ("一千二百", "万")), ("十万", ("十", "万")), ("一万二千", ("一万二千", "")), ("万", ("万", ""))],
)
def test_split_magnitude(text: str, split: tuple[str, str]) -> None:
    assert split_magnitude(text) == split


@pytest.mark.parametrize(
    ("mantissa", "step"),
    [
        ("700", 100),
        ("6000", 1000),
        ("120", 10),
        ("30", 10),
        ("3", 1),
        ("1.5", 0.1),
        ("2.50", 0.1),
        ("二十", 10),
        ("十", 10),
        ("一百", 100),
        ("三千", 1000),
        ("十五", 1),
    ],
)
def test_step_of(mantissa: str, step: float) -> None:
    assert step_of(mantissa) == pytest.approx(step)


@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_round_trip_against_cn2an(n: int) -> None:
    written = cn2an.an2cn(n, "low")
    assert parse_numeral(written) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_arabic_with_separators(n: int) -> None:
    assert parse_numeral(f"{n:,}") == n
    assert parse_numeral(f"{n:,}".replace(",", "，")) == n


def test_side_by_side_digits_are_not_extracted_as_one_number() -> None:
    from checker.extract import ExtractContext
    from checker.extract.numbers import extract_numbers

    got = extract_numbers("全镇唯一一个村，来了五六个人", ExtractContext(), entities=[], dates=[])
    assert [f.value for f in got] == []
