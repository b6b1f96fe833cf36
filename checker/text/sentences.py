"""Splitting a paragraph into sentences, each keeping its terminator and its source map."""

from __future__ import annotations

import re

from checker.model import MappedText

TERMINATORS = frozenset("。！？；…!?;")
CLOSERS = frozenset("”’」』）)》")
# No real sentence is this long; a longer run without terminators (a table dumped on one
# line, a hostile file) is cut into pieces so the per-sentence extractors stay linear.
MAX_SENTENCE_CHARS = 1000
_CUT_AFTER = frozenset("，,、：: \t")
# A sentence end: a terminator or line break, the terminators right after it, then closers.
_TERM_CLASS = re.escape("".join(sorted(TERMINATORS)))
_END = re.compile(f"[{_TERM_CLASS}\n][{_TERM_CLASS}]*[{re.escape(''.join(sorted(CLOSERS)))}]*")


def _bounded(piece: MappedText) -> list[MappedText]:
    """``piece`` itself, or cut after a comma or space into pieces of at most MAX_SENTENCE_CHARS."""
    out: list[MappedText] = []
    while len(piece) > MAX_SENTENCE_CHARS:
        window = piece.text[:MAX_SENTENCE_CHARS]
        cut = max((window.rfind(ch) for ch in _CUT_AFTER), default=-1) + 1
        if cut < MAX_SENTENCE_CHARS // 2:
            cut = MAX_SENTENCE_CHARS
        head = piece[:cut].strip()
        if head.text:
            out.append(head)
        piece = piece[cut:].strip()
    if piece.text:
        out.append(piece)
    return out


def split_sentences(paragraph: MappedText) -> list[MappedText]:
    """Sentences of ``paragraph``: split after 。！？；… (a run of them counts as one), and
    after closing quotes/brackets that directly follow a terminator (…。” ends there).
    Whitespace around sentences is stripped; empty sentences are dropped."""
    text = paragraph.text
    out: list[MappedText] = []
    start = 0
    for m in _END.finditer(text):
        out.extend(_bounded(paragraph[start : m.end()].strip()))
        start = m.end()
    out.extend(_bounded(paragraph[start:].strip()))
    return out
