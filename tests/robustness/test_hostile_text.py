"""Hostile text never crashes the normaliser, the Markdown mask, the splitter or the extractors,
and every analysed character still maps back to the same (or an equivalent) raw character."""

from __future__ import annotations

from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.extract import ExtractContext, extract_sentence
from checker.extract.dates import extract_dates
from checker.extract.entities import extract_entities
from checker.extract.numbers import extract_numbers
from checker.model import MappedText, RawDocument
from checker.pipeline import PreparedDocument, prepare_document
from checker.read.md import markup_mask
from checker.text.normalise import normalise
from tests.robustness.strategies import HEAVY, HUGE_NUMBERS, ROBUST, assert_maps_back, hostile_text, long_line

PUB_DATE = date(2024, 3, 15)


def _doc(text: str, fmt: str = "txt") -> RawDocument:
    return RawDocument(path=f"hostile.{fmt}", text=text, format=fmt, encoding="utf-8", content_hash="0" * 64)


def _check_prepared(prepared: PreparedDocument, raw: str) -> None:
    n = len(raw)
    html = prepared.raw.format == "html"
    for a_index, article in enumerate(prepared.articles):
        assert_maps_back(article.draft.headline, raw, f"article {a_index} headline", html=html)
        for p_index, paragraph in enumerate(article.draft.paragraphs):
            assert_maps_back(paragraph, raw, f"article {a_index} paragraph {p_index}", html=html)
        for byline in article.draft.bylines:
            assert_maps_back(byline.span, raw, f"article {a_index} byline", html=html)
        assert 0 <= article.raw_start <= article.raw_end <= n
        for s_index, sentence in enumerate(article.sentences):
            # What the store keeps (text + runs) must rebuild the same exact map.
            rebuilt = MappedText.from_runs(sentence.text, sentence.runs)
            assert_maps_back(rebuilt, raw, f"article {a_index} sentence {s_index}", html=html)
            assert 0 <= sentence.raw_start <= sentence.raw_end <= n
            for fact in sentence.facts:
                assert 0 <= fact.draft.start <= fact.draft.end <= len(sentence.text), fact.draft
                assert sentence.raw_start <= fact.raw_start <= fact.raw_end <= sentence.raw_end, fact.draft
        for fact in (*article.headline_facts, *article.byline_facts):
            assert 0 <= fact.raw_start <= fact.raw_end <= n, fact.draft


@ROBUST
@given(hostile_text())
@example("1" + "0" * 400 + "万亿元，同比增长" + "9" * 400 + "%。")
@example("\ud800\udfff\ud83d（2023年5月1日）" + "\x00" * 10)
@example('"引号"(括号)' * 50 + "\n" + "友 情 提 醒" + "\u200b" * 20)
def test_normalise_keeps_an_exact_map(text: str) -> None:
    out = normalise(text)
    assert "\n" not in text or out.text.count("\n") == text.count("\n")  # newlines are always kept
    assert_maps_back(out, text, "normalise")


@ROBUST
@given(hostile_text())
def test_markdown_mask_then_normalise_keeps_an_exact_map(text: str) -> None:
    masked = markup_mask(text)
    assert_maps_back(masked, text, "markup mask")
    assert_maps_back(normalise(masked), text, "mask + normalise")


@HEAVY
@given(hostile_text(), st.sampled_from(["txt", "md", "html", "docx"]))
@example("第一版\n\n# 标题" + "1" + "0" * 400 + "万亿元\n\n记者 王小明\n\n" + "今年投入" + "9" * 400 + "亿元。", "md")
def test_whole_document_preparation(text: str, fmt: str) -> None:
    """Splitter, sentence splitter and every extractor together, on any text."""
    prepared = prepare_document(_doc(text, fmt), default_date=PUB_DATE)
    _check_prepared(prepared, text)


@HEAVY
@given(hostile_text(max_pieces=30))
def test_extractors_one_sentence(sentence: str) -> None:
    ctx = ExtractContext(pub_date=PUB_DATE, headline="标题")
    entities = extract_entities(sentence, ctx)
    dates = extract_dates(sentence, ctx)
    numbers = extract_numbers(sentence, ctx, entities=entities, dates=dates)
    bare = extract_numbers(sentence, ctx, entities=[], dates=[])
    for facts in (extract_sentence(sentence, ctx), entities, dates, numbers, bare):
        for fact in facts:
            assert 0 <= fact.start <= fact.end <= len(sentence), fact
            for value in (fact.value, fact.low, fact.high):
                assert value is None or isinstance(value, float | int), fact


def test_huge_numbers_every_form() -> None:
    ctx = ExtractContext(pub_date=PUB_DATE)
    for number in HUGE_NUMBERS:
        for sentence in (f"全市财政收入{number}。", f"{number}", f"比去年增长{number}倍，达到{number}。"):
            extract_sentence(sentence, ctx)
            prepared = prepare_document(_doc(sentence + "\n"), default_date=PUB_DATE)
            _check_prepared(prepared, sentence + "\n")


@settings(HEAVY, max_examples=10)
@given(long_line())
def test_very_long_lines(line: str) -> None:
    text = f"标题\n\n{line}\n\n结尾一段。\n"
    prepared = prepare_document(_doc(text), default_date=PUB_DATE)
    _check_prepared(prepared, text)
