"""``--format json``: the documented, versioned shape (``version: 1``)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from checker.report import finding_json, summary_json
from checker.service import CheckedFinding


def render(findings: Sequence[CheckedFinding], *, articles: int, lang: str = "zh") -> str:
    doc = {
        "version": 1,
        "findings": [finding_json(f, lang) for f in findings],
        "summary": summary_json(findings, articles),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
