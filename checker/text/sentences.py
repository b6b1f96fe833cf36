"""Splitting a paragraph into sentences, each keeping its terminator and its source map."""

from __future__ import annotations

from checker.model import MappedText

TERMINATORS = frozenset("。！？；…!?;")
CLOSERS = frozenset("”’」』）)》")
# No real sentence is this long; a longer run without terminators (a table dumped on one
# line, a hostile file) is cut into pieces so the per-sentence extractors stay linear.
MAX_SENTENCE_CHARS = 1000
_CUT_AFTER = frozenset("，,、：: \t")


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
    i = 0
    n = len(text)
    while i < n:
        if text[i] in TERMINATORS or text[i] == "\n":
            j = i + 1
            while j < n and text[j] in TERMINATORS:
                j += 1
            while j < n and text[j] in CLOSERS:
                j += 1
            out.extend(_bounded(paragraph[start:j].strip()))
            start = i = j
            continue
        i += 1
    out.extend(_bounded(paragraph[start:n].strip()))
    return out
