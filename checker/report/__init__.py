"""Reporters: turn checked findings into text, JSON, SARIF or GitHub annotations.

Reporters read findings as stored; they never run checks.  Paths are printed
relative to the working directory when the file is under it, as compilers do.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.model import CATEGORIES
from checker.read.export import EXPORT_FORMATS, ROW_SEPARATOR, export_of
from checker.service import CheckedFinding


def display_path(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


@dataclass(frozen=True)
class FilePlace:
    """Where a file viewer (code scanning, an annotation) finds a stored place: the file itself, or
    for a row of an archive export the export file, at the row's line when it is one (JSON Lines),
    with the row and the place in its body named for the message."""

    path: str
    line: int | None
    column: int | None
    end_line: int | None
    end_column: int | None
    row: str | None = None  # 'export.jsonl:row 12:3:5', for the message


def file_place(path: str, line: int, column: int, end_line: int, end_column: int) -> FilePlace:
    export = export_of(path)
    if export is None:
        return FilePlace(path, line, column, end_line, end_column)
    row = int(path.rpartition(ROW_SEPARATOR)[2])
    at = row if EXPORT_FORMATS.get(Path(export).suffix.lower()) == "jsonl" else None
    return FilePlace(export, at, None, at, None, f"{display_path(path)}:{line}:{column}")


def message(finding: CheckedFinding, lang: str) -> str:
    return finding.row.message_en if lang == "en" else finding.row.message_zh


# A finding stores one suggestion: mostly the text to write instead (a name, a figure, quoted
# from or made for the article, so Chinese in every language), but a few rules suggest what
# to do, in Chinese.  These are those instructions in English, for English output.
INSTRUCTIONS_EN = {
    "删去重复的一处": "delete one of the two",
    "删去重复的一段": "delete one of the repeated paragraphs",
    "核实是否重复刊登或误贴，删去或改写":
        "check whether it was printed twice or pasted by mistake; delete or rewrite it",
    "核对列举的各项，删去或改正重复的一项": "check the items listed; delete or correct the repeated one",
    "确认是否有意重发；否则换上本期稿件": "check whether it is meant to run again; if not, use this issue's article",
}


def suggestion(finding: CheckedFinding, lang: str) -> str | None:
    """The finding's suggestion in ``lang`` (replacement text as it is, instructions translated)."""
    text = finding.row.suggestion
    if lang == "en" and text:
        return INSTRUCTIONS_EN.get(text, text)
    return text


def list_separator(lang: str) -> str:
    return ", " if lang == "en" else "，"


PUBLIC_LOCATION_KEYS = ("path", "article", "line", "column", "end_line", "end_column", "text")


def location_json(loc: dict[str, Any]) -> dict[str, Any]:
    """A stored related location in the documented JSON shape (raw offsets left out)."""
    out = {k: loc.get(k) for k in PUBLIC_LOCATION_KEYS}
    out["path"] = display_path(str(loc["path"]))
    return out


def finding_json(finding: CheckedFinding, lang: str = "zh") -> dict[str, Any]:
    row = finding.row
    return {
        "id": row.id,
        "rule": row.rule,
        "category": row.category,
        "severity": row.severity,
        "message": message(finding, lang),
        "status": finding.status,
        "location": {
            "path": display_path(row.path),
            "article": row.article_headline,
            "line": row.line,
            "column": row.column,
            "end_line": row.end_line,
            "end_column": row.end_column,
            "text": row.text,
        },
        "related": [location_json(r) for r in row.related],
        "suggestion": suggestion(finding, lang),
    }


def summary_json(findings: Sequence[CheckedFinding], articles: int) -> dict[str, Any]:
    by_category = Counter(f.row.category for f in findings)
    return {
        "articles": articles,
        "findings": len(findings),
        "by_category": {c: by_category[c] for c in CATEGORIES if by_category[c]},
    }
