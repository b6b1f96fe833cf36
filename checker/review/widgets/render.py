"""Rich renderables for findings: passages with highlighted spans, status and severity cells."""

from __future__ import annotations

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
