"""Plain data passed between pipeline stages (read -> text -> extract -> store -> checks).

Nothing here touches the database or the terminal.  The one subtle type is
:class:`MappedText`: every string the analysis looks at carries, for each of its
characters, the index of the character it came from in the original file text,
so any span found anywhere maps back to an exact line and column.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, get_args

FactKind = Literal["number", "person", "place", "org", "name", "date", "title"]
# The kinds of named facts: indexed by one-character wildcards, compared as names.
NAME_KINDS: tuple[FactKind, ...] = ("person", "place", "org", "name")
Category = Literal["duplicate", "number-conflict", "name-conflict", "typo", "date", "arithmetic"]
Severity = Literal["error", "warning", "info"]
# Every category and severity, in the order reports and the review list them.
CATEGORIES: tuple[str, ...] = get_args(Category)
SEVERITIES: tuple[str, ...] = get_args(Severity)
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class RowFields:
    """Where the fields of one row of an archive export sit in its document text ([start, end))."""

    row: int
    title: tuple[int, int]
    author: tuple[int, int]
    body: tuple[int, int]
    pub_date: date | None


@dataclass(frozen=True)
class RawDocument:
    """A file as read from disk (or one row of an archive export): its text and how it was decoded."""

    path: str
    text: str
    format: str  # txt | md | html | docx | jsonl | csv | tsv
    encoding: str | None
    content_hash: str  # sha256 hex of the file bytes (of the row's fields for an export row)
    fields: RowFields | None = None  # an export row's title, author and body


class CleanText:
    """What an editor reads of a document whose file holds markup (a web page, Markdown, an export
    row): the text the reading stage made, without tags, marks or front matter, and its map to
    the file text as runs ``[(clean_index, raw_index)]`` (see :meth:`MappedText.runs`)."""

    __slots__ = ("runs", "text")

    def __init__(self, text: str, runs: Sequence[Sequence[int]]) -> None:
        self.text = text
        self.runs = [(int(a), int(b)) for a, b in runs]

    def span(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """The clean [start, end) of the characters that come from raw [raw_start, raw_end); a span
        of markup only (nothing of it is text) is the empty span where the text goes on after it."""
        lo: int | None = None
        hi = 0
        after: int | None = None
        runs = self.runs
        for k, (at, raw) in enumerate(runs):
            length = (runs[k + 1][0] if k + 1 < len(runs) else len(self.text)) - at
            first, last = max(raw_start, raw), min(raw_end, raw + length)
            if first < last:
                lo = at + first - raw if lo is None else min(lo, at + first - raw)
                hi = max(hi, at + last - raw)
            elif raw + length > raw_start and (after is None or at < after):
                after = at + max(0, raw_start - raw)
        if lo is not None:
            return lo, hi
        where = len(self.text) if after is None else min(after, len(self.text))
        return where, where


class SourceText:
    """The original text of one file, answering 'which line and column is index i', and what an
    editor is shown of a span of it: the file's own text, or its :class:`CleanText` when it has one."""

    def __init__(self, text: str, clean: CleanText | None = None) -> None:
        self.text = text
        self.clean = clean
        starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                starts.append(i + 1)
        self._line_starts = starts

    def position(self, index: int) -> tuple[int, int]:
        """1-based (line, column), counted in characters, of raw index ``index``."""
        line = bisect.bisect_right(self._line_starts, index) - 1
        return line + 1, index - self._line_starts[line] + 1

    def end_position(self, end: int) -> tuple[int, int]:
        """1-based (line, column) just past the last character of a span ending at ``end``.

        The column points one past the final character, as SARIF's endColumn does.
        """
        if end <= 0:
            return 1, 1
        line, col = self.position(end - 1)
        return line, col + 1

    @property
    def shown_text(self) -> str:
        """The whole text as an editor reads it."""
        return self.text if self.clean is None else self.clean.text

    def shown_span(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Where raw [raw_start, raw_end) is in :attr:`shown_text`."""
        if self.clean is None:
            return raw_start, raw_end
        return self.clean.span(raw_start, raw_end)

    def shown(self, raw_start: int, raw_end: int) -> str:
        """The text of raw [raw_start, raw_end) as an editor reads it (no markup)."""
        start, end = self.shown_span(raw_start, raw_end)
        return self.shown_text[start:end]

    def excerpt(self, raw_start: int, raw_end: int) -> tuple[str, int, int]:
        """The shown line holding the span's start, and the span's 1-based [column, end column) in it
        (cut at the line's end)."""
        text = self.shown_text
        start, end = self.shown_span(raw_start, raw_end)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        return text[line_start:line_end], start - line_start + 1, min(end, line_end) - line_start + 1


def source_text(
    text: str, clean_text: str | None = None, clean_runs: Sequence[Sequence[int]] | None = None
) -> SourceText:
    """A stored document's :class:`SourceText` from its columns (``text``, ``clean_text``, ``clean_runs``)."""
    clean = CleanText(clean_text, clean_runs) if clean_text is not None and clean_runs is not None else None
    return SourceText(text, clean)


# 0, 1, 2 ...: slices of it are the maps of contiguous text, compared by memcmp; building
# array("q", range(a, b)) for each comparison costs twenty times as much.
_COUNTING: list[array[int]] = [array("q")]  # grown on first use
_COUNTING_MAX = 1 << 20  # beyond this (8 MB of map) build the range each time


def counting(start: int, stop: int) -> array[int]:
    """A new ``array("q", range(start, stop))``, sliced from a cached array when it is not huge."""
    counting = _COUNTING[0]
    if start < 0:
        return array("q", range(start, stop))
    if stop > len(counting):
        if stop > _COUNTING_MAX:
            return array("q", range(start, stop))
        size = max(len(counting), 1 << 16)
        while size < stop:
            size *= 2
        counting = _COUNTING[0] = array("q", range(size))
    return counting[start:stop]


class MappedText:
    """A string plus, for each character, its index in the original file text.

    Slicing and concatenation keep the map, so text derived by any number of
    normalisation, joining and splitting steps still points at the file.
    """

    __slots__ = ("src", "text")

    def __init__(self, text: str, src: Sequence[int] | array[int]) -> None:
        if len(text) != len(src):
            raise ValueError("text and source map differ in length")
        self.text = text
        self.src: array[int] = src if isinstance(src, array) else array("q", src)

    @classmethod
    def identity(cls, text: str, offset: int = 0) -> MappedText:
        return cls(text, counting(offset, offset + len(text)))

    @classmethod
    def empty(cls) -> MappedText:
        return cls("", array("q"))

    @classmethod
    def join(cls, parts: Iterable[MappedText]) -> MappedText:
        texts: list[str] = []
        src: array[int] = array("q")
        for part in parts:
            texts.append(part.text)
            src.extend(part.src)
        return cls("".join(texts), src)

    def __len__(self) -> int:
        return len(self.text)

    @classmethod
    def _of_slices(cls, text: str, src: array[int]) -> MappedText:
        """Slices of one text and its map (they agree): no checks, hot in splitting."""
        made = object.__new__(cls)
        made.text = text
        made.src = src
        return made

    def __getitem__(self, key: slice) -> MappedText:
        if not isinstance(key, slice):
            raise TypeError("MappedText supports slices only")
        return MappedText._of_slices(self.text[key], self.src[key])

    def __add__(self, other: MappedText) -> MappedText:
        return MappedText(self.text + other.text, self.src + other.src)

    def __repr__(self) -> str:
        return f"MappedText({self.text!r})"

    def strip(self, chars: str | None = None) -> MappedText:
        text = self.text
        start = len(text) - len(text.lstrip(chars))
        end = len(text.rstrip(chars))
        if end < start:
            end = start
        if start == 0 and end == len(text):
            return self  # nothing to strip (the usual case); a MappedText is never changed in place
        return self[start:end]

    def raw_span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """Raw [start, end) covering characters ``start:end`` of this text."""
        end = len(self.text) if end is None else end
        if end <= start:
            pos = self.src[start] if start < len(self.src) else (self.src[-1] + 1 if self.src else 0)
            return pos, pos
        return self.src[start], self.src[end - 1] + 1

    def runs(self) -> list[tuple[int, int]]:
        """Compact form of the map: [(text_index, raw_index)] at every break in contiguity."""
        src = self.src
        if not src:
            return []
        first = src[0]
        if first >= 0 and src == counting(first, first + len(src)):
            return [(0, first)]  # contiguous: the common case, compared without a loop in Python
        out: list[tuple[int, int]] = []
        prev = -2
        for i, raw in enumerate(src):
            if raw != prev + 1:
                out.append((i, raw))
            prev = raw
        return out

    @classmethod
    def from_runs(cls, text: str, runs: Sequence[Sequence[int]]) -> MappedText:
        src: array[int] = array("q")
        for k, (start, raw) in enumerate(runs):
            stop = runs[k + 1][0] if k + 1 < len(runs) else len(text)
            src.extend(range(raw, raw + stop - start))
        return cls(text, src)


@dataclass
class Byline:
    role: str  # 记者 | 见习记者 | 通讯员 | 实习生 | 摄影 | 本报评论员 | 作者
    names: list[str]
    span: MappedText


@dataclass
class ArticleDraft:
    """One article found on a page, before it is stored."""

    headline: MappedText
    subheadline: MappedText | None = None
    bylines: list[Byline] = field(default_factory=list)
    paragraphs: list[MappedText] = field(default_factory=list)
    kind: str = "article"  # article | photo | commentary | brief
    kicker: MappedText | None = None  # the line above the headline (引题), kept with it


@dataclass
class PageDraft:
    """A document split into articles; furniture is kept apart from any article body."""

    articles: list[ArticleDraft]
    pub_date: date | None = None
    edition: str | None = None
    furniture: list[MappedText] = field(default_factory=list)


@dataclass
class FactDraft:
    """A fact found in a sentence; ``start``/``end`` index the sentence's text."""

    kind: FactKind
    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    counted: str | None = None
    subject: str | None = None
    attribute: str | None = None
    time: str | None = None
    key: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Location:
    path: str
    article: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    document_id: int | None = None
    article_id: int | None = None
    raw_start: int | None = None
    raw_end: int | None = None

    def as_stored(self) -> dict[str, Any]:
        """The public fields plus raw offsets and article id (kept in the store, not printed)."""
        return {**self.as_json(), "article_id": self.article_id, "raw_start": self.raw_start, "raw_end": self.raw_end}

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "article": self.article,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
        }


@dataclass
class FindingDraft:
    """What a rule reports; the check runner gives it its stable id and stores it."""

    rule: str
    category: Category
    severity: Severity
    message_zh: str
    message_en: str
    location: Location
    related: list[Location] = field(default_factory=list)
    suggestion: str | None = None
    # Text that identifies the problem independently of line numbers; the stable id hashes it.
    identity: tuple[str, ...] = ()
