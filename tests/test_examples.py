"""The demo corpus in examples/: every planted error in the answer key is found, and the
look-alikes listed under ``clean:`` are left alone."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.read import read_file
from checker.service import CheckedFinding, check_files, collect_files
from tests.conftest import EXAMPLES
from tests.support import fresh_engine

KEY = yaml.safe_load((EXAMPLES / "answer_key.yaml").read_text(encoding="utf-8"))


# (file name, line, first column, end column, text) of a finding's location and related places.
Span = tuple[str, int, int, int, int, str]


def _spans(finding: CheckedFinding) -> list[Span]:
    row = finding.row
    out: list[Span] = [(Path(row.path).name, row.line, row.column, row.end_line, row.end_column, row.text)]
    out += [
        (Path(str(r["path"])).name, int(r["line"]), int(r["column"]), int(r["end_line"]), int(r["end_column"]),
         str(r["text"]))
        for r in row.related
    ]
    return out


@functools.cache
def _file_lines(relative: str) -> list[str]:
    return read_file(EXAMPLES / relative).text.split("\n")


def _overlaps(entry: dict[str, Any], span: Span) -> bool:
    """Whether a finding's span covers part of the answer-key text on its line.

    The key gives the line and the exact text (its last occurrence on the line); the
    finding must touch those columns, not merely share characters with the text.
    """
    name, first, column, last, end_column, _ = span
    line = int(entry["line"])
    if name != Path(entry["file"]).name or not first <= line <= last:
        return False
    at = _file_lines(entry["file"])[line - 1].rfind(str(entry["text"]))
    assert at >= 0, f"answer key text not on its line: {entry}"
    key_start, key_end = at + 1, at + 1 + len(str(entry["text"]))
    span_start = column if first == line else 1
    span_end = end_column if last == line else 10**9
    return span_start < key_end and key_start < span_end


@pytest.fixture(scope="module")
def demo_findings(tmp_path_factory: pytest.TempPathFactory) -> list[CheckedFinding]:
    engine = fresh_engine(tmp_path_factory.mktemp("demo"))
    files, _ = collect_files([EXAMPLES], keep_going=False)
    return check_files(engine, files).findings


@pytest.mark.parametrize("entry", KEY["errors"], ids=lambda e: f"{e['category']}:{Path(e['file']).name}:{e['line']}")
def test_planted_error_is_found(demo_findings: list[CheckedFinding], entry: dict[str, Any]) -> None:
    # A conflict or a copy is one problem in two places: either end may carry the finding.
    either_end = entry["category"] in ("number-conflict", "duplicate")
    hits = [
        f for f in demo_findings
        if f.row.category == entry["category"]
        and any(_overlaps(entry, span) for span in (_spans(f) if either_end else _spans(f)[:1]))
    ]
    assert hits, f"missed: {entry['note']} ({entry['text']})"


@pytest.mark.parametrize("entry", KEY["clean"], ids=lambda e: f"clean:{Path(e['file']).name}:{e['line']}")
def test_look_alike_is_not_flagged(demo_findings: list[CheckedFinding], entry: dict[str, Any]) -> None:
    false = [f for f in demo_findings if _overlaps(entry, _spans(f)[0])]
    assert not false, f"flagged although correct ({entry['note']}): {[f.row.message_zh for f in false]}"


def test_no_finding_outside_the_answer_key(demo_findings: list[CheckedFinding]) -> None:
    """Precision on the demo corpus: every finding is one of the planted errors."""
    unexpected = [
        f for f in demo_findings
        if not any(_overlaps(e, s) for e in KEY["errors"] for s in _spans(f))
    ]
    assert not unexpected, "\n".join(
        f"{Path(f.row.path).name}:{f.row.line} {f.row.rule} {f.row.text[:20]} {f.row.message_zh}" for f in unexpected
    )
