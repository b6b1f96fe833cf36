"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run with every rule the checker knows as ``tool.driver.rules`` (so code scanning
can tell "ran and found nothing" from "rule gone" and close fixed alerts), and one
result per finding:

* locations are in the file's own lines and columns; columns count characters
  (``run.columnKind = "unicodeCodePoints"``), ``endColumn`` points one past the span;
* paths under the working directory are relative URIs against ``%SRCROOT%`` (the
  repository root when the command runs there, as it does in CI), others ``file:`` URIs;
* ``partialFingerprints["checkerFindingId/v1"]`` is the finding's stable id, which
  hashes the problem's text and not its line, so alerts follow edits;
* findings accepted or dismissed in review carry an ``external`` suppression (code
  scanning shows them as closed), and findings in the ``--baseline`` file have
  ``baselineState: "unchanged"`` (others ``"new"``).
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Collection, Sequence
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.checks.base import Rule
from checker.checks.registry import all_rules
from checker.report import FilePlace, file_place, message, suggestion
from checker.service import CheckedFinding

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "checkerFindingId/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# Used when the installed package declares no [project.urls]; override with CHECKER_INFORMATION_URI.
FALLBACK_INFORMATION_URI = "https://pypi.org/project/checker/"
REVIEW_LABEL = {"accepted": ("已确认", "accepted in review"), "dismissed": ("已忽略", "dismissed in review")}


def information_uri() -> str:
    """The tool's home page: CHECKER_INFORMATION_URI, the package's project URLs, or a fallback."""
    if env := os.environ.get("CHECKER_INFORMATION_URI"):
        return env
    try:
        urls = metadata.metadata("checker").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    for entry in urls:
        _label, _, url = entry.partition(",")
        if url.strip().startswith(("https://", "http://")):
            return url.strip()
    return FALLBACK_INFORMATION_URI


def artifact_location(path: str, root: Path | None = None) -> dict[str, str]:
    """A relative URI against %SRCROOT% for files under ``root`` (the working directory), else a file URI."""
    base = (root or Path.cwd()).resolve()
    absolute = Path(path) if os.path.isabs(path) else base / path
    try:
        rel = absolute.resolve().relative_to(base)
    except ValueError:
        return {"uri": absolute.resolve().as_uri()}
    return {"uri": quote(PurePosixPath(*rel.parts).as_posix(), safe="/"), "uriBaseId": SRCROOT}


def _region(line: int, column: int, end_line: int, end_column: int, snippet: str | None = None) -> dict[str, Any]:
    start_line, start_col = max(1, int(line)), max(1, int(column))
    stop_line = max(start_line, int(end_line or start_line))
    stop_col = int(end_column or start_col + 1)
    if stop_line == start_line and stop_col <= start_col:
        stop_col = start_col + 1  # an empty span still marks one character
    region: dict[str, Any] = {
        "startLine": start_line, "startColumn": start_col, "endLine": stop_line, "endColumn": stop_col,
    }
    if snippet:
        region["snippet"] = {"text": snippet}
    return region


def _physical(place: FilePlace, snippet: str, root: Path | None) -> dict[str, Any]:
    """A SARIF physical location: the file and region, or for an export row the export file and,
    for JSON Lines, the row's line (the place in the body is in the message)."""
    out: dict[str, Any] = {"artifactLocation": artifact_location(place.path, root)}
    if place.row is None:
        assert place.line is not None and place.column is not None
        out["region"] = _region(place.line, place.column, place.end_line or place.line,
                                place.end_column or place.column + 1, snippet)
    elif place.line is not None:
        out["region"] = {"startLine": place.line, "snippet": {"text": snippet}}
    return out


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _unwrap(paragraph: str) -> str:
    """A docstring paragraph on one line: wrapped lines joined, with a space only between Latin text."""
    out = ""
    for line in (part.strip() for part in paragraph.splitlines()):
        if out and line and not (_wide(out[-1]) or _wide(line[0])):
            out += " "
        out += line
    return re.sub(" {2,}", " ", out)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def rule_descriptor(cls: type[Rule]) -> dict[str, Any]:
    help_text = cls.help_text() or cls.summary()
    paragraphs = _paragraphs(help_text)
    # The first paragraph after the summary line says what the rule catches.
    full = _unwrap(paragraphs[1]) if len(paragraphs) > 1 else cls.summary()
    return {
        "id": cls.code,
        "name": cls.name,
        "shortDescription": {"text": cls.summary()},
        "fullDescription": {"text": full},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS.get(cls.default_severity(), "warning")},
        "properties": {"category": cls.category, "tags": ["editorial", cls.category]},
    }


def _suppression(finding: CheckedFinding, lang: str) -> dict[str, Any]:
    """An editor's review decision as an external suppression (code scanning closes the alert)."""
    review = finding.review
    zh, en = REVIEW_LABEL.get(finding.status, (finding.status, finding.status))
    if lang == "en":
        justification = (f"{review.reviewer}: " if review.reviewer else "") + en
        justification += f" ({review.note})" if review.note else ""
    else:
        justification = (f"{review.reviewer}：" if review.reviewer else "") + zh
        justification += f"（{review.note}）" if review.note else ""
    return {"kind": "external", "status": "accepted", "justification": justification,
            "properties": {"reviewStatus": finding.status}}


def result(
    finding: CheckedFinding, rule_index: int, lang: str, baseline: Collection[str], root: Path | None = None,
) -> dict[str, Any]:
    row = finding.row
    text = message(finding, lang)
    advice = suggestion(finding, lang)
    if advice:
        text += (f" Suggestion: {advice}" if lang == "en" else f"（建议：{advice}）")
    place = file_place(row.path, row.line, row.column, row.end_line, row.end_column)
    if place.row:
        text = f"{place.row}: {text}"
    physical = _physical(place, row.text, root)
    out: dict[str, Any] = {
        "ruleId": row.rule,
        "ruleIndex": rule_index,
        "level": LEVELS.get(row.severity, "warning"),
        "kind": "fail",
        "message": {"text": text},
        "locations": [{
            "physicalLocation": physical,
            "logicalLocations": [{"name": row.article_headline, "kind": "article"}],
        }],
        "partialFingerprints": {FINGERPRINT_KEY: row.id},
        "baselineState": "unchanged" if row.id in baseline else "new",
        "properties": {"findingId": row.id, "category": row.category, "reviewStatus": finding.status},
    }
    related = []
    for n, rel in enumerate(row.related or [], 1):
        line = int(str(rel.get("line", 1)))
        column = int(str(rel.get("column", 1)))
        rel_text = str(rel.get("text", ""))
        rel_place = file_place(str(rel.get("path", row.path)), line, column, int(str(rel.get("end_line", line))),
                               int(str(rel.get("end_column", column + len(rel_text)))))
        where = f"{rel_place.row}: " if rel_place.row else ""
        related.append({
            "id": n,
            "physicalLocation": _physical(rel_place, rel_text, root),
            "message": {"text": (f"related: {where}{rel_text}" if lang == "en" else f"相关：{where}{rel_text}")},
        })
    if related:
        out["relatedLocations"] = related
    if advice:
        out["properties"]["suggestion"] = advice
    if finding.status in ("accepted", "dismissed"):
        out["suppressions"] = [_suppression(finding, lang)]
    return out


def sarif_log(
    findings: Sequence[CheckedFinding], *, articles: int, lang: str = "zh", baseline: Collection[str] = (),
    root: Path | None = None,
) -> dict[str, Any]:
    known = all_rules()
    codes = list(known)
    for f in findings:  # a rule no longer registered (an old stored finding) still gets a descriptor
        if f.row.rule not in known and f.row.rule not in codes:
            codes.append(f.row.rule)
    index = {code: i for i, code in enumerate(codes)}
    rules = [
        rule_descriptor(known[code]) if code in known else
        {"id": code, "shortDescription": {"text": code}, "defaultConfiguration": {"level": "warning"}}
        for code in codes
    ]
    base = (root or Path.cwd()).resolve()
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "checker",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": information_uri(),
                "rules": rules,
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": base.as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "language": "en-US" if lang == "en" else "zh-CN",
            "invocations": [{"executionSuccessful": True, "properties": {"articles": articles}}],
            "results": [result(f, index[f.row.rule], lang, baseline, root) for f in findings],
        }],
    }


def render(
    findings: Sequence[CheckedFinding], *, articles: int, lang: str = "zh", baseline: Collection[str] = (),
) -> str:
    return json.dumps(sarif_log(findings, articles=articles, lang=lang, baseline=baseline),
                      ensure_ascii=False, indent=2) + "\n"
