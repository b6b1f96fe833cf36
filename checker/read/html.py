"""HTML reader: visible text of <body>, one block element per line.

Limitation: for HTML input, :class:`RawDocument.text` is the *extracted* text, not the
markup, so line and column numbers in reports refer to that extracted text (one line per
block element), not to lines of the .html file.  Headline elements h1-h6 are written as
Markdown-style lines (``# `` for h1, ``## `` for h2 ...) so the page splitter treats them
exactly like Markdown headings.  The tree is walked iteratively, so deeply nested markup
cannot exhaust the Python stack.
"""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from checker.read.txt import read_text

SKIPPED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "iframe",
     "object", "canvas", "-comment", "!doctype"}
)
BLOCK_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "section", "article", "header", "footer",
     "aside", "nav", "main", "blockquote", "pre", "table", "tr", "figure", "figcaption",
     "address", "hr", "form", "fieldset", "center", "caption", "tbody", "thead", "tfoot"}
)
CELL_TAGS = frozenset({"td", "th"})
HEADING_LEVEL = {f"h{i}": i for i in range(1, 7)}
_SPACES = re.compile(r"[ \t\r\f\v\n]+")


class _Writer:
    """Collects lines; a block boundary ends the current line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.prefix = ""

    def text(self, value: str) -> None:
        value = _SPACES.sub(" ", value)
        if value.strip() or (self.current and value):
            self.current.append(value)

    def newline(self) -> None:
        line = "".join(self.current).strip()
        if line:
            self.lines.append(self.prefix + line)
        self.current = []
        self.prefix = ""

    def result(self) -> str:
        self.newline()
        return "\n\n".join(self.lines) + ("\n" if self.lines else "")


def extract_text(markup: str) -> str:
    """Visible body text of ``markup``; blocks become lines separated by a blank line."""
    tree = LexborHTMLParser(markup)
    root: LexborNode | None = tree.body or tree.root
    writer = _Writer()
    if root is None:
        return ""
    # Stack of (node, entering); leaving events close block elements.
    stack: list[tuple[LexborNode, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        tag = node.tag or ""
        if not entering:
            if tag in BLOCK_TAGS or tag in HEADING_LEVEL:
                writer.newline()
            elif tag in CELL_TAGS:
                writer.text(" ")
            continue
        if tag == "-text":
            writer.text(node.text_content or "")
            continue
        if tag in SKIPPED_TAGS:
            continue
        if tag == "br":
            writer.newline()
            continue
        if tag in BLOCK_TAGS or tag in HEADING_LEVEL:
            writer.newline()
            if tag in HEADING_LEVEL:
                writer.prefix = "#" * HEADING_LEVEL[tag] + " "
        stack.append((node, False))
        children: list[LexborNode] = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, True) for c in reversed(children))
    return writer.result()


def read_html(path: Path, data: bytes) -> tuple[str, str]:
    """Decoded and extracted text of an HTML file, and the encoding used."""
    markup, encoding = read_text(path, data)
    return extract_text(markup), encoding
