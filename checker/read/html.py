"""HTML reader: the visible text of the page, one block element per line, mapped to the markup.

:class:`RawDocument.text` is the decoded markup itself, so line and column numbers in
reports point into the .html file.  :func:`extract_text` returns the visible text as a
:class:`MappedText` whose every character maps to the markup character it came from
(an entity such as ``&amp;`` maps to its ``&``).  The few characters it adds — the blank
line between two blocks and the Markdown-style ``# `` marks it puts before h1-h6 so the
page splitter treats headings like Markdown ones — map to the neighbouring text.  The
standard library's tokenizer is used: it does not recurse, so deeply nested markup cannot
exhaust the Python stack.
"""

from __future__ import annotations

import html
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from checker.model import MappedText
from checker.read.md import metadata_date
from checker.read.txt import read_text

SKIPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "title",
        "svg",
        "iframe",
        "object",
        "canvas",
    }
)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "main",
        "blockquote",
        "pre",
        "table",
        "tr",
        "figure",
        "figcaption",
        "address",
        "hr",
        "form",
        "fieldset",
        "center",
        "caption",
        "tbody",
        "thead",
        "tfoot",
    }
)
CELL_TAGS = frozenset({"td", "th"})
HEADING_LEVEL = {f"h{i}": i for i in range(1, 7)}


VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"})
# Page furniture of a web page, never article text: these elements, a <header> (or an element
# whose class or id names one of HEADER_WORDS: 'site-header', 'top') outside the article, and any
# element whose class or id names one of FURNITURE_WORDS ('main-nav', 'breadcrumb', 'foot').
FURNITURE_TAGS = frozenset({"nav", "footer", "aside", "menu"})
# The article: these elements, or one whose class or id names one of CONTENT_WORDS ('main-content').
CONTENT_TAGS = frozenset({"article", "main"})
CONTENT_WORDS = frozenset({"article", "content", "main", "post", "entry", "story", "detail"})
HEADER_WORDS = frozenset({"header", "top", "topbar", "masthead"})
FURNITURE_WORDS = frozenset({
    "nav", "navbar", "navigation", "topnav", "subnav", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
    "footer", "foot", "bottom", "sidebar", "related", "share", "sharing", "comment", "comments", "copyright",
    "toolbar", "recommend", "advert", "ads", "login", "search", "pager", "pagination", "logo",
})
_CLASS_WORD = re.compile(r"[A-Za-z]+")
# <meta> names and properties that give a web article's date, best first.
DATE_META = (
    "article:published_time", "publishdate", "publish_date", "publish-date", "pubdate", "publishtime",
    "og:published_time", "og:release_date", "datepublished", "dc.date.issued", "dc.date", "sailthru.date",
    "parsely-pub-date", "weibo:article:create_at", "date",
)
# A site name after the headline in <title>: '标题_东海网', '标题 | 东海网', '标题 - 东海新闻网'.
_TITLE_SUFFIX = re.compile(r"(?:\s*[_|｜]\s*|\s+[-–—]{1,2}\s+|\s*——\s*)[^_|｜]{1,30}$")
MIN_TITLE_CHARS = 4


def _class_words(attrs: list[tuple[str, str | None]]) -> set[str]:
    """The words of an element's class and id ('main-nav top' -> {'main', 'nav', 'top'})."""
    return {w.lower() for name, value in attrs if name in ("class", "id") and value for w in _CLASS_WORD.findall(value)}


def _furniture_element(tag: str, words: set[str], in_content: bool) -> bool:
    if tag in FURNITURE_TAGS or words & FURNITURE_WORDS:
        return True
    header = tag == "header" or bool(words & HEADER_WORDS)
    return header and not in_content and not words & CONTENT_WORDS


class _Extractor(HTMLParser):
    """Collects visible text lines as (character, markup index) pairs, the <title> and the
    <meta> date; navigation, sidebars and footers are left out."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", markup)]
        self.lines: list[tuple[list[str], list[int]]] = []
        self._chars: list[str] = []
        self._src: list[int] = []
        self._skip = 0
        self._prefix = ""
        self.headings = 0  # h1 lines emitted
        self.title: list[tuple[str, int]] = []  # (character, markup index) of <title>
        self._in_title = False
        self.dates: dict[str, str] = {}  # <meta> date name -> content
        self._open: dict[str, int] = {}  # open elements by tag (unclosed ones stay counted)
        self._furniture: list[tuple[str, int]] = []  # furniture elements entered: (tag, open count inside)
        self._content: list[tuple[str, int]] = []  # article elements entered: (tag, open count inside)

    def _pos(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _emit(self, text: str, start: int, contiguous: bool = True) -> None:
        for i, ch in enumerate(text):
            if ch in " \t\r\n\f\v":
                if not self._chars or self._chars[-1] == " ":
                    continue
                ch = " "
            if self._prefix and not self._chars:
                self._chars.extend(self._prefix)
                self._src.extend([start + i] * len(self._prefix))
                self._prefix = ""
            self._chars.append(ch)
            self._src.append(start + i if contiguous else start)

    def end_line(self) -> None:
        while self._chars and self._chars[-1] == " ":
            self._chars.pop()
            self._src.pop()
        if self._chars:
            self.lines.append((self._chars, self._src))
        self._chars, self._src, self._prefix = [], [], ""

    def _meta(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v for k, v in attrs if v is not None}
        if tag == "meta":
            key = (values.get("name") or values.get("property") or values.get("itemprop")
                   or values.get("http-equiv") or "").lower()
            if key in DATE_META and values.get("content"):
                self.dates.setdefault(key, values["content"])
        elif tag == "time" and values.get("datetime") and (
            "pubdate" in values or values.get("itemprop", "").lower() == "datepublished"
        ):
            self.dates.setdefault("datepublished", values["datetime"])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "time"):
            self._meta(tag, attrs)
        if tag not in VOID_TAGS:
            self._open[tag] = self._open.get(tag, 0) + 1
            words = _class_words(attrs)
            if not self._furniture and (tag in CONTENT_TAGS or words & CONTENT_WORDS) and not words & FURNITURE_WORDS:
                self._content.append((tag, self._open[tag]))
            elif _furniture_element(tag, words, bool(self._content)):
                self.end_line()
                self._furniture.append((tag, self._open[tag]))
        if tag == "title":
            self._in_title = True
        if tag in SKIPPED_TAGS:
            self._skip += 1
        elif tag == "br" or tag in BLOCK_TAGS or tag in HEADING_LEVEL:
            self.end_line()
            if tag in HEADING_LEVEL and not self._furniture:
                self._prefix = "#" * HEADING_LEVEL[tag] + " "
                self.headings += tag == "h1"
        elif tag in CELL_TAGS and self._chars:
            self._emit(" ", self._pos())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "time"):
            self._meta(tag, attrs)
        if tag in SKIPPED_TAGS:
            return
        if tag == "br" or tag in BLOCK_TAGS:
            self.end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in SKIPPED_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS or tag in HEADING_LEVEL:
            self.end_line()
        count = self._open.get(tag, 0)
        if count:
            if self._furniture and self._furniture[-1] == (tag, count):
                self.end_line()
                self._furniture.pop()
            if self._content and self._content[-1] == (tag, count):
                self._content.pop()
            self._open[tag] = count - 1

    @property
    def _hidden(self) -> bool:
        return bool(self._skip or self._furniture)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            start = self._pos()
            self.title.extend((ch, start + i) for i, ch in enumerate(data))
        if not self._hidden:
            self._emit(data, self._pos())

    def _reference(self, text: str) -> None:
        if self._in_title:
            self.title.extend((ch, self._pos()) for ch in text)
        if not self._hidden:
            self._emit(text, self._pos(), contiguous=False)

    def handle_entityref(self, name: str) -> None:
        self._reference(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._reference(html.unescape(f"&#{name};"))


def _parsed(markup: str) -> _Extractor:
    parser = _Extractor(markup)
    parser.feed(markup)
    parser.close()
    parser.end_line()
    return parser


def extract_text(markup: str) -> MappedText:
    """Visible text of ``markup``, blocks as lines separated by a blank line, mapped to the markup."""
    return _lines_text(_parsed(markup))


def _title(parser: _Extractor) -> MappedText | None:
    """The page's <title> without the site's name after it ('标题_东海网' -> '标题')."""
    chars = parser.title
    text = "".join(ch for ch, _ in chars)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    while True:
        m = _TITLE_SUFFIX.search(text, start, end)
        if m is None or len(text[start : m.start()].strip()) < MIN_TITLE_CHARS:
            break
        end = len(text[: m.start()].rstrip())
    if end - start < 1:
        return None
    kept = [(" " if ch.isspace() else ch, at) for ch, at in chars[start:end]]  # one line, whatever the markup
    return MappedText("".join(ch for ch, _ in kept), [at for _, at in kept])


def html_reading(markup: str) -> tuple[MappedText, date | None]:
    """The article text of a web page and the date its <meta> tags give.

    When no <h1> is left once navigation and footers are dropped, the <title> (without the
    site's name) is put first as the headline, mapped to where <title> writes it.
    """
    parser = _parsed(markup)
    text = _lines_text(parser) if parser.headings else MappedText.empty()
    pub_date = next(
        (d for key in DATE_META if key in parser.dates and (d := metadata_date(parser.dates[key])) is not None), None
    )
    if not parser.headings:
        title = _title(parser)
        if title is not None and title.text.strip() and not _promote(parser, title.text):
            mark = MappedText("# ", [title.src[0]] * 2)
            gap = MappedText("\n\n", [title.src[-1] + 1] * 2)
            text = MappedText.join([mark, title, gap, _lines_text(parser)])
        else:
            text = _lines_text(parser)
    return text, pub_date


TITLE_SEARCH_LINES = 12  # lines of a page without <h1> in which its headline is looked for


def _promote(parser: _Extractor, title: str) -> bool:
    """On a page without <h1>, make the line that repeats its <title> (an <h2>, a bold line) the
    headline; False when no line near the top does."""
    wanted = "".join(title.split())
    for k, (chars, src) in enumerate(parser.lines[:TITLE_SEARCH_LINES]):
        line = "".join(chars)
        marks = len(line) - len(line.lstrip("#"))
        if "".join(line[marks:].split()) != wanted:
            continue
        body = marks + (1 if marks and line[marks : marks + 1] == " " else 0)
        parser.lines[k] = (["#", " ", *chars[body:]], [src[body]] * 2 + src[body:])
        return True
    return False


def _lines_text(parser: _Extractor) -> MappedText:
    parts: list[MappedText] = []
    for chars, src in parser.lines:
        if parts:
            parts.append(MappedText("\n\n", [parts[-1].src[-1] + 1] * 2))
        parts.append(MappedText("".join(chars), src))
    if parts:
        parts.append(MappedText("\n", [parts[-1].src[-1] + 1]))
    return MappedText.join(parts)


def read_html(path: Path, data: bytes) -> tuple[str, str]:
    """The decoded markup of an HTML file and the encoding used (extract_text finds its text)."""
    return read_text(path, data)
