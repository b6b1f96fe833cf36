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
from dataclasses import dataclass, field
from datetime import date, datetime
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


# Front matter as Hugo and Jekyll write it: YAML between '---' lines (or TOML between '+++').
_FRONT_OPEN = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\n")
_FRONT_FIELDS = {"title": ("title", "headline"), "author": ("author", "authors", "byline", "writer")}
_DATE_FIELDS = ("date", "publishdate", "publishDate", "published", "pubdate")
_META_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


@dataclass
class FrontMatter:
    """What a Markdown file's front matter says, each value mapped to where it is written."""

    end: int  # index just past the closing '---' line
    title: MappedText | None = None
    authors: list[MappedText] = field(default_factory=list)
    pub_date: date | None = None
    tags: list[str] = field(default_factory=list)


def metadata_date(value: object) -> date | None:
    """The day of a metadata value: a date or datetime, or text such as '2025-06-09T08:30:00+08:00'."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _META_DATE.search(str(value)) if value is not None else None
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _located(text: str, value: str, start: int, end: int, key: str = "") -> MappedText | None:
    """``value`` as written between ``start`` and ``end`` of ``text``; written otherwise (escaped,
    folded over lines), every character maps to the start of its key's line; None if neither is found."""
    if not value:
        return None
    at = text.find(value, start, end)
    if at >= 0:
        return MappedText.identity(value, at)
    key_line = re.compile(r"^[ \t]*" + re.escape(key) + r"[ \t]*[:=]", re.MULTILINE)
    line = key_line.search(text, start, end) if key else None
    return MappedText(value, [line.start()] * len(value)) if line else None


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return []


def front_matter(text: str) -> FrontMatter | None:
    """The front matter at the start of ``text``: title, date, author(s), tags; None when there is
    none, or when it does not parse as a mapping (it is then left in the text, as written)."""
    opening = _FRONT_OPEN.match(text)
    if opening is None:
        return None
    fence = opening.group(1)
    close = re.compile(r"^" + re.escape(fence) + r"[ \t]*$", re.MULTILINE).search(text, opening.end())
    if close is None:
        return None
    body = text[opening.end() : close.start()]
    try:
        if fence == "---":
            import yaml

            table = yaml.safe_load(body)
        else:
            import tomllib

            table = tomllib.loads(body)
    except Exception:  # a malformed block (yaml.YAMLError, tomllib.TOMLDecodeError): left as text
        return None
    if not isinstance(table, dict):
        return None
    end = close.end() + 1 if close.end() < len(text) else close.end()
    found = FrontMatter(end=end)
    lowered = {str(k).lower(): v for k, v in table.items()}
    for key in _FRONT_FIELDS["title"]:
        titles = _strings(lowered.get(key))
        if titles:
            found.title = _located(text, titles[0], opening.end(), close.start(), key)
            break
    for key in _FRONT_FIELDS["author"]:
        names = _strings(lowered.get(key))
        located = [m for n in names if (m := _located(text, n, opening.end(), close.start(), key)) is not None]
        if located:
            found.authors = located
            break
    for key in _DATE_FIELDS:
        if key.lower() in lowered:
            found.pub_date = metadata_date(lowered[key.lower()])
            if found.pub_date is not None:
                break
    found.tags = _strings(lowered.get("tags"))
    return found


def markdown_reading(text: str) -> tuple[MappedText, date | None]:
    """The text of a Markdown file as the splitter reads it, and the date its front matter gives.

    The front matter itself is no article text: its title becomes a '# ' headline line and its
    authors a byline line ('作者 …'), both mapped to where the front matter writes them.
    """
    matter = front_matter(text)
    if matter is None:
        return markup_mask(text), None
    masked = markup_mask(text, skip=matter.end)
    head: list[MappedText] = []
    heading = _first_heading(masked)
    if matter.title is not None and heading is not None and _same(masked.text[slice(*heading)], matter.title.text):
        # The body opens with the title as its own heading: that heading is the headline.
        before, masked = masked[: heading[1]], masked[heading[1] :]
        head += [before, _mapped_to("\n\n", before.src[-1] + 1)]
    elif matter.title is not None:
        head += [_mapped_to("# ", matter.title.src[0]), matter.title, _mapped_to("\n\n", matter.title.src[-1] + 1)]
    if matter.authors:
        head.append(_mapped_to("作者 ", matter.authors[0].src[0]))
        for k, name in enumerate(matter.authors):
            if k:
                head.append(_mapped_to(" ", name.src[0]))
            head.append(name)
        head.append(_mapped_to("\n\n", matter.authors[-1].src[-1] + 1))
    return MappedText.join([*head, masked]), matter.pub_date


_HEADING_LINE = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def _first_heading(masked: MappedText) -> tuple[int, int] | None:
    """The [start, end) of the heading text of the body's first line, when that line is a heading."""
    first = re.search(r"\S", masked.text)
    if first is None:
        return None
    m = _HEADING_LINE.match(masked.text, masked.text.rfind("\n", 0, first.start()) + 1)
    return (m.start(), m.end()) if m is not None else None


def _same(heading: str, title: str) -> bool:
    return "".join(heading.lstrip("#").split()) == "".join(title.split())


def _mapped_to(text: str, raw: int) -> MappedText:
    """Characters the reader adds (a heading mark, a role word), mapped to the text they stand for."""
    return MappedText(text, [raw] * len(text))


def read_markdown(path: Path, data: bytes) -> tuple[str, str]:
    """Markdown is read exactly like plain text: the text stays the file's text."""
    return read_text(path, data)


def _drop_line(keep: list[bool], start: int, end: int) -> None:
    if end > start:
        keep[start:end] = _FALSE * (end - start)


_FALSE = [False]
_KEPT_RUN = re.compile(b"\x01+")


def markup_mask(text: str, skip: int = 0) -> MappedText:
    """``text`` without Markdown markup; each kept character maps to its index in ``text``.

    Newlines are always kept, so the line structure survives.  Heading marks (``#``) are kept.
    The first ``skip`` characters (the front matter) are dropped but for their newlines.
    """
    keep = [True] * len(text)
    pos = 0
    in_fence = False
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if end <= skip:
            _drop_line(keep, start, end)
            continue
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
