"""Compiler-style text: ``path:line:col: CODE severity message``, the excerpt underlined, the related place."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from rich.text import Text

from checker.model import SourceText
from checker.report import display_path, list_separator, message, suggestion, summary_json
from checker.service import CheckedFinding

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_ZH = {"new": "", "accepted": "［已确认］", "dismissed": "［已忽略］", "resolved": "［已解决］"}
EXCERPT_CONTEXT = 20
MAX_SPAN_SHOWN = 30


def _width(text: str) -> int:
    """Terminal cells: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _excerpt(line_text: str, column: int, end_column: int) -> tuple[str, str]:
    """The line around the span (clipped) and a caret line under the span.

    A long span (a repeated paragraph) is shown by its first ``MAX_SPAN_SHOWN``
    characters, so the excerpt stays one terminal line.
    """
    end_column = min(end_column, column + MAX_SPAN_SHOWN)
    start = max(0, column - 1 - EXCERPT_CONTEXT)
    stop = min(len(line_text), end_column - 1 + EXCERPT_CONTEXT)
    prefix = "…" if start > 0 else ""
    shown = prefix + line_text[start:stop] + ("…" if stop < len(line_text) else "")
    lead = _width(prefix + line_text[start : column - 1])
    marks = max(1, _width(line_text[column - 1 : end_column - 1]))
    return shown, " " * lead + "^" * marks


SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
LOCATION_STYLE = "bold"
RULE_STYLE = "bold"
CARET_STYLE = "bold red"
LABEL_STYLE = "dim"
SUGGESTION_STYLE = "green"


def render_styled(
    findings: Sequence[CheckedFinding],
    *,
    articles: int,
    lang: str = "zh",
    sources: Mapping[str, SourceText] | None = None,
) -> Text:
    """The report with styles for a terminal (Rich drops them when it writes to a pipe or file).

    ``sources`` maps a stored path to its text, for excerpts: the line as an editor reads it
    (a web page's or Markdown file's clean text, never its markup).
    """
    out = Text()
    for f in findings:
        row = f.row
        severity = row.severity if lang == "en" else SEVERITY_ZH[row.severity]
        status = "" if f.status == "new" else (f" [{f.status}]" if lang == "en" else STATUS_ZH[f.status])
        out.append(f"{display_path(row.path)}:{row.line}:{row.column}", LOCATION_STYLE)
        out.append(": ")
        out.append(row.rule, RULE_STYLE)
        out.append(" ")
        out.append(severity, SEVERITY_STYLE.get(row.severity, ""))
        out.append(f" {message(f, lang)}{status}\n")
        source = (sources or {}).get(row.path)
        if source is not None:
            line_text, column, end_col = source.excerpt(row.raw_start, row.raw_end)
            if line_text.strip():
                shown, carets = _excerpt(line_text, column, max(end_col, column))
                out.append(f"    {shown}\n")
                out.append(f"    {carets}\n", CARET_STYLE)
        for rel in row.related:
            text = str(rel["text"])
            text = text if len(text) <= MAX_SPAN_SHOWN * 2 else text[: MAX_SPAN_SHOWN * 2] + "…"
            out.append(f"    {'related' if lang == 'en' else '相关'}:", LABEL_STYLE)
            out.append(f" {display_path(str(rel['path']))}:{rel['line']}:{rel['column']}: {text}\n")
        if advice := suggestion(f, lang):
            out.append(f"    {'suggestion' if lang == 'en' else '建议'}:", LABEL_STYLE)
            out.append(f" {advice}\n", SUGGESTION_STYLE)
    summary = summary_json(findings, articles)
    cats = list_separator(lang).join(f"{k} {v}" for k, v in summary["by_category"].items())
    if lang == "en":
        out.append(f"Checked {articles} articles: {len(findings)} findings" + (f" ({cats})" if cats else "") + ".\n")
    else:
        out.append(f"共检查 {articles} 篇稿件，发现 {len(findings)} 个问题" + (f"（{cats}）" if cats else "") + "。\n")
    return out


def render(
    findings: Sequence[CheckedFinding],
    *,
    articles: int,
    lang: str = "zh",
    sources: Mapping[str, SourceText] | None = None,
) -> str:
    """The report as plain text (for ``--output`` and other callers)."""
    return render_styled(findings, articles=articles, lang=lang, sources=sources).plain
