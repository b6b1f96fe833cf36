"""Hypothesis strategies for hostile text, and the offset-map invariant every stage must keep.

The texts are built from small fragments written here (news-like snippets, numerals, units,
markup, control characters, lone surrogates, other scripts), so generated inputs reach the
number, date and name extractors instead of being random noise they reject at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from checker.model import MappedText
from checker.text.normalise import equivalent

# One profile for every property in this package: no deadline (jieba's first load is slow),
# a fixed number of examples per property, and derandomised so CI runs are repeatable.
EXAMPLES = 300
ROBUST = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
# The whole pipeline (splitter + jieba + extractors) costs more per example.
HEAVY_EXAMPLES = 60
HEAVY = settings(ROBUST, max_examples=HEAVY_EXAMPLES)

FRAGMENTS: Sequence[str] = (
    "本报讯", "记者 王小明", "通讯员 李华", "全市", "今年", "去年同期", "同比增长", "下降",
    "亿元", "万元", "万亿", "千米", "公里", "吨", "人", "个", "家", "%", "％", "‰", "倍", "成",
    "约", "近", "超过", "至少", "第", "届", "次", "年", "月", "日", "号", "星期三", "农历", "初八",
    "2023年5月1日", "二〇二三年", "5月31日", "1至3月", "3.5", "12,345", "１２３", "二十三", "两万",
    "百分之十五", "三分之一", "1/3", "5-8", "5~8", "−3", "+7", "1e308", "0.000001",
    "某某县", "人民政府", "有限公司", "张三", "欧阳", "村", "镇", "街道", "委员会",
    "，", "。", "！", "？", "；", "：", "、", "…", "——", "“", "”", "‘", "’", "（", "）", "《", "》",
    ",", ".", "!", "?", ";", ":", "(", ")", '"', "'", "[", "]", "*", "_", "`", "#", "> ", "- ",
    "**", "[链接](http://example.com)", "![图](x.png)", "<b>", "</b>", "```",
    " ", "  ", "\t", "\u3000", "\u00a0", "\u200b", "\ufeff", "\n", "\n\n", "\r", "\r\n",
    "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ufffd",
    "\ud800", "\udfff", "\udc80",  # lone surrogates (valid in a Python str, not in UTF-8)
    "𠀀", "𪚥", "😀", "e\u0301", "ﬁ", "Ⅻ", "①", "㈠", "١٢٣", "٣٫٥", "Ελλάδα", "Москва", "עברית", "한국어", "カタカナ",
    "GDP", "iPhone 15", "COVID-19", "A股", "5G", "No.1",
)

HUGE_NUMBERS: Sequence[str] = (
    "1" + "0" * 400 + "万亿元",
    "9" * 400 + "亿",
    "0." + "0" * 400 + "1%",
    "一" + "亿" * 60 + "元",
    "万" * 200,
    "1" * 5000,
    "１" * 300 + "万亿",
    "十" * 300 + "人",
    "一" * 5000 + "年",
    "二〇" * 3000,
)


def _any_char() -> st.SearchStrategy[str]:
    # Every code point, surrogates included (hypothesis leaves them out unless asked).
    return st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())


def hostile_text(max_pieces: int = 60) -> st.SearchStrategy[str]:
    """Strings mixing news fragments, huge numbers, arbitrary code points and long runs."""
    piece = st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(FRAGMENTS),
        st.sampled_from(HUGE_NUMBERS),
        st.text(_any_char(), max_size=8),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.tuples(st.sampled_from(FRAGMENTS), st.integers(1, 3000)).map(lambda t: t[0] * t[1]),
    )
    return st.lists(piece, max_size=max_pieces).map("".join)


def long_line() -> st.SearchStrategy[str]:
    """One very long line (tens of thousands of characters, no newline)."""
    unit = st.lists(st.sampled_from([f for f in FRAGMENTS if "\n" not in f and "\r" not in f]), min_size=1, max_size=12)
    return st.tuples(unit.map("".join), st.integers(2000, 6000)).map(lambda t: t[0] * t[1])


def hostile_bytes() -> st.SearchStrategy[bytes]:
    """Raw file contents: hostile text in assorted encodings, lone surrogates as bytes, noise."""
    encoded = st.tuples(hostile_text(), st.sampled_from(["utf-8", "gb18030", "utf-16", "big5", "latin-1"])).map(
        lambda t: t[0].encode(t[1], errors="surrogatepass" if t[1].startswith("utf") else "replace")
    )
    cut = encoded.flatmap(lambda b: st.integers(0, max(len(b), 0)).map(lambda n: b[:n]))
    return st.one_of(
        encoded,
        cut,  # truncated anywhere, often mid-character
        st.binary(max_size=2000),
        st.tuples(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b""]), encoded).map(
            lambda t: t[0] + t[1]
        ),
        st.just("\ud800".encode("utf-8", errors="surrogatepass") * 50),  # CESU-style lone surrogates
    )


def _html_equivalent(raw: str, out: str) -> bool:
    """HTML markup: a collapsed whitespace run is one space, an entity maps to its '&'."""
    return (out == " " and raw.isspace()) or raw == "&"


def assert_maps_back(mapped: MappedText, raw: str, where: str = "", *, html: bool = False) -> None:
    """Every analysed character maps to a raw index holding the same or an equivalent character."""
    assert len(mapped.src) == len(mapped.text), where
    previous = -1
    for i, ch in enumerate(mapped.text):
        at = mapped.src[i]
        assert 0 <= at < len(raw), f"{where}: index {i} maps outside the raw text ({at})"
        ok = equivalent(raw[at], ch) or (html and _html_equivalent(raw[at], ch))
        assert ok, f"{where}: {ch!r} at {i} maps to {raw[at]!r} at {at}"
        assert at > previous, f"{where}: map not increasing at {i}"
        previous = at
