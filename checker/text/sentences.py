"""Splitting a paragraph into sentences, each keeping its terminator and its source map."""

from __future__ import annotations

from checker.model import MappedText

TERMINATORS = frozenset("。！？；…!?;")
CLOSERS = frozenset("”’」』）)》")


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
            piece = paragraph[start:j].strip()
            if piece.text:
                out.append(piece)
            start = i = j
            continue
        i += 1
    piece = paragraph[start:n].strip()
    if piece.text:
        out.append(piece)
    return out
