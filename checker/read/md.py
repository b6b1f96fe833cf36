"""Markdown reader and markup mask.

Design: :class:`RawDocument.text` for a Markdown file is the file's own text (newlines
normalised), so every line and column reported maps to the file as the editor sees it.
Markup that is not content (emphasis marks, link targets, images, code fences, HTML tags)
is removed later by :func:`markup_mask`, which returns a :class:`MappedText` whose
characters keep their indices in the file text.  ``#`` heading marks are *kept* by the mask:
the page splitter reads them as headline lines and removes them itself.
"""

from __future__ import annotations

import re
from array import array
from pathlib import Path

from checker.model import MappedText, counting
from checker.read.txt import read_text

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]*>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3}|~~)(?=\S)(.+?)(?<=\S)\1")
_INLINE_CODE = re.compile(r"`+")
_LIST_MARK = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE_MARK = re.compile(r"^(\s*)(?:>\s?)+")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
# A character every inline pattern below needs: lines without one (most) skip them all.
_INLINE_MARK = re.compile(r"[\[<*_~`]")


def read_markdown(path: Path, data: bytes) -> tuple[str, str]:
    """Markdown is read exactly like plain text: the text stays the file's text."""
    return read_text(path, data)


def _drop_line(keep: list[bool], start: int, end: int) -> None:
    if end > start:
        keep[start:end] = _FALSE * (end - start)


_FALSE = [False]
_KEPT_RUN = re.compile(b"\x01+")


def markup_mask(text: str) -> MappedText:
    """``text`` without Markdown markup; each kept character maps to its index in ``text``.

    Newlines are always kept, so the line structure survives.  Heading marks (``#``) are kept.
    """
    keep = [True] * len(text)
    pos = 0
    in_fence = False
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if _FENCE.match(line):
            in_fence = not in_fence
            _drop_line(keep, start, end)
            continue
        if in_fence or _RULE.match(line):
            _drop_line(keep, start, end)
            continue
        for pattern in (_QUOTE_MARK, _LIST_MARK):
            m = pattern.match(line)
            if m:
                _drop_line(keep, start + len(m.group(1)), start + m.end())
        if _INLINE_MARK.search(line) is None:
            continue
        for m in _IMAGE.finditer(line):
            _drop_line(keep, start + m.start(), start + m.end())
        for m in _LINK.finditer(line):
            if not keep[start + m.start()]:
                continue
            _drop_line(keep, start + m.start(), start + m.start(1))  # '['
            _drop_line(keep, start + m.end(1), start + m.end())  # '](url)'
        for pattern in (_AUTOLINK, _TAG):
            for m in pattern.finditer(line):
                _drop_line(keep, start + m.start(), start + m.end())
        for m in _EMPHASIS.finditer(line):
            _drop_line(keep, start + m.start(1), start + m.end(1))
            _drop_line(keep, start + m.end(2), start + m.end())
        for m in _INLINE_CODE.finditer(line):
            _drop_line(keep, start + m.start(), start + m.end())
    kept = bytes(keep)  # a byte a character: runs of kept characters are found in C
    if b"\x00" not in kept:
        return MappedText.identity(text)
    pieces: list[str] = []
    src: array[int] = array("q")
    for run in _KEPT_RUN.finditer(kept):
        a, b = run.span()
        pieces.append(text[a:b])
        src.extend(counting(a, b))
    return MappedText("".join(pieces), src)
