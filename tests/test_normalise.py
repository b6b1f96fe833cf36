"""Normalisation keeps a strictly increasing map to the raw characters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model import MappedText
from checker.text.normalise import equivalent, normalise
from checker.text.sentences import split_sentences


def test_full_width_letters_digits_space() -> None:
    assert normalise("２０２３年ＡＢｃ　版").text == "2023年ABc 版"
    assert normalise("平湖　版").text == "平湖版"
    assert normalise("Ｈｅｌｌｏ　Ｗｏｒｌｄ").text == "Hello World"


def test_punctuation_between_chinese() -> None:
    assert normalise("今天,我们开会;议题:防汛?是的!").text == "今天，我们开会；议题：防汛？是的！"
    assert normalise("投资3亿元,同比增长").text == "投资3亿元，同比增长"
    assert normalise("Hello, world; a:b").text == "Hello, world; a:b"
    assert normalise("比分3:1").text == "比分3:1"


def test_parentheses_and_quotes() -> None:
    assert normalise("电子(浙江)有限公司").text == "电子（浙江）有限公司"
    assert normalise('他说"好的"就走了').text == "他说“好的”就走了"
    assert normalise("f(x) = 1").text == "f(x) = 1"


def test_spaces_inside_chinese_dropped() -> None:
    assert normalise("全市 共有 十个 村").text == "全市共有十个村"
    assert normalise("友 情 提 醒 : 注 意").text == "友情提醒：注意"
    assert normalise("open source 软件").text == "open source 软件"
    assert normalise("第一行\n第二行").text == "第一行\n第二行"


def test_mapped_punctuation_points_at_original() -> None:
    raw = "甲 ,乙"
    out = normalise(raw)
    assert out.text == "甲，乙"
    assert raw[out.src[1]] == ","


def test_accepts_mapped_text() -> None:
    base = MappedText("甲 乙", [10, 11, 12])
    out = normalise(base)
    assert out.text == "甲乙" and list(out.src) == [10, 12]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=80))
def test_offset_map_property_arbitrary(raw: str) -> None:
    _check_map(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中文字，。,;:?!()\"' \t\n\u3000０Ａａ1aB“”■")), max_size=60))
def test_offset_map_property_chinese(raw: str) -> None:
    _check_map(raw)


def _check_map(raw: str) -> None:
    out = normalise(raw)
    assert len(out.text) == len(out.src)
    for i, ch in enumerate(out.text):
        assert equivalent(raw[out.src[i]], ch)
    assert all(out.src[i] < out.src[i + 1] for i in range(len(out.src) - 1))
    assert out.text.count("\n") == raw.count("\n")


def test_sentences() -> None:
    para = MappedText.identity("  他说：“明天见。”然后离开了。真的吗？真的！……还有；最后一句")
    sentences = [s.text for s in split_sentences(para)]
    assert sentences == ["他说：“明天见。”", "然后离开了。", "真的吗？", "真的！……", "还有；", "最后一句"]
    first = split_sentences(para)[0]
    assert first.src[0] == 2


def test_sentences_empty() -> None:
    assert split_sentences(MappedText.identity("   ")) == []
