"""jieba segmentation with the rule pack's user dictionary."""

from __future__ import annotations

import logging

from checker.text import segment


def test_place_names_kept_whole() -> None:
    words = segment.cut("林埭镇徐家埭村和全公亭社区")
    assert "徐家埭村" in words
    assert "林埭镇" in words
    assert "全公亭社区" in words


def test_title_kept_whole() -> None:
    assert "党委书记" in segment.cut("党委书记说")


def test_extra_words_from_database() -> None:
    assert "黄金凤凰谷" not in segment.cut("走进黄金凤凰谷")
    assert "黄金凤凰谷" in segment.cut("走进黄金凤凰谷", ["黄金凤凰谷"])


def test_tokenizer_is_cached() -> None:
    assert segment.get_tokenizer(["甲乙丙"]) is segment.get_tokenizer(["甲乙丙"])
    assert segment.get_tokenizer() is segment.get_tokenizer(())


def test_word_freq() -> None:
    assert segment.word_freq("文化") > 1000
    assert segment.word_freq("徐家埭村") > 0


def test_jieba_is_quiet() -> None:
    assert logging.getLogger("jieba").getEffectiveLevel() >= logging.WARNING
