"""Rich renderables for findings: passages with highlighted spans, status and severity cells."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.text import Text

from checker.triage import Passage, label

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
STATUS_STYLE = {"new": "bold", "accepted": "bold green", "dismissed": "dim", "resolved": "dim italic"}
SPAN_STYLE = "bold underline"
MARK_STYLE = "bold black on yellow"


def severity_cell(severity: str, lang: str) -> Text:
    return Text(label(severity, lang), style=SEVERITY_STYLE.get(severity, ""))


def status_cell(status: str, lang: str) -> Text:
    return Text(label(status, lang), style=STATUS_STYLE.get(status, ""))


def passage_text(passage: Passage) -> Text:
    """The passage's context, its span underlined and the differing characters highlighted."""
    text = Text(passage.text)
    if not passage.found:
        text.stylize("italic", 0, len(passage.text))
    text.stylize(SPAN_STYLE, passage.start, passage.end)
    for start, end in passage.marks:
        text.stylize(MARK_STYLE, start, end)
    return text


# Runs a line never breaks inside: figures (1800, 2.6, 1,800, 12.5%), Latin words, codes.
_UNBREAKABLE = re.compile(r"[0-9０-９A-Za-z]+(?:[.,:．／/\-][0-9０-９A-Za-z]+)*[%％‰]?")
_NO_LINE_START = set("，。、；：！？）》」』”’…,.;:!?)%％")
_NO_LINE_END = set("（《「『“‘(")


def break_points(text: str, width: int) -> list[int]:
    """Where to break one line of ``text`` (no newlines) to fit ``width`` cells: anywhere
    between Chinese characters, never inside a figure or word, never before closing or
    after opening punctuation (a piece longer than the width is cut where it must be)."""
    if width <= 0 or cell_len(text) <= width:
        return []
    inside = [False] * (len(text) + 1)
    for m in _UNBREAKABLE.finditer(text):
        for j in range(m.start() + 1, m.end()):
            inside[j] = True

    def allowed(j: int) -> bool:
        return not inside[j] and text[j] not in _NO_LINE_START and text[j - 1] not in _NO_LINE_END

    breaks: list[int] = []
    start, cells = 0, 0
    for i, ch in enumerate(text):
        w = cell_len(ch)
        if cells + w > width and i > start:
            at = next((j for j in range(i, start, -1) if allowed(j)), i)
            breaks.append(at)
            start = at
            cells = cell_len(text[at:i])
        cells += w
    return breaks


class Wrapped:
    """A Text wrapped for Chinese: lines break between characters but never inside a figure
    (Rich folds a paragraph without spaces anywhere, 面积1|800亩)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def lines(self, width: int) -> Text:
        out: list[Text] = []
        for line in self.text.split("\n", allow_blank=True):
            out.extend(line.divide(break_points(line.plain, width)) if line.plain else [line])
        joined = Text("\n").join(out)
        joined.no_wrap = True
        joined.overflow = "crop"
        return joined

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        yield self.lines(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)

    def __str__(self) -> str:
        return self.text.plain
