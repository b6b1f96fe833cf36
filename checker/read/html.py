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
from html.parser import HTMLParser
from pathlib import Path

from checker.model import MappedText
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
_SPACES = re.compile(r"[ \t\r\f\v\n]+")


VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"})


class _Extractor(HTMLParser):
    """Collects visible text lines as (character, markup index) pairs."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", markup)]
        self.lines: list[tuple[list[str], list[int]]] = []
        self._chars: list[str] = []
        self._src: list[int] = []
        self._skip = 0
        self._prefix = ""

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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self._skip += 1
        elif tag == "br" or tag in BLOCK_TAGS or tag in HEADING_LEVEL:
            self.end_line()
            if tag in HEADING_LEVEL:
                self._prefix = "#" * HEADING_LEVEL[tag] + " "
        elif tag in CELL_TAGS and self._chars:
            self._emit(" ", self._pos())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            return
        if tag == "br" or tag in BLOCK_TAGS:
            self.end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS or tag in HEADING_LEVEL:
            self.end_line()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._emit(data, self._pos())

    def handle_entityref(self, name: str) -> None:
        if not self._skip:
            self._emit(html.unescape(f"&{name};"), self._pos(), contiguous=False)

    def handle_charref(self, name: str) -> None:
        if not self._skip:
            self._emit(html.unescape(f"&#{name};"), self._pos(), contiguous=False)


def extract_text(markup: str) -> MappedText:
    """Visible text of ``markup``, blocks as lines separated by a blank line, mapped to the markup."""
    parser = _Extractor(markup)
    parser.feed(markup)
    parser.close()
    parser.end_line()
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
