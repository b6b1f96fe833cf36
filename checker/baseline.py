"""A portable baseline: the ids of findings already known, for pipelines without the database.

Finding ids hash the problem's text, not its position, so a baseline written
before an edit still matches after lines shift.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from checker import __version__
from checker.errors import UsageError
from checker.service import CheckedFinding

BASELINE_VERSION = 1


def write_baseline(path: Path, findings: Sequence[CheckedFinding]) -> int:
    entries = [
        {"id": f.row.id, "rule": f.row.rule, "status": f.status, "text": f.row.text,
         "path": Path(f.row.path).name}
        for f in findings
    ]
    doc = {"version": BASELINE_VERSION, "tool": f"checker {__version__}",
           "created": datetime.now().isoformat(timespec="seconds"), "findings": entries}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(entries)


def read_baseline(path: Path) -> set[str]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("version") != BASELINE_VERSION:
            raise ValueError(f"unsupported version {doc.get('version')}")
        return {str(e["id"]) for e in doc["findings"]}
    except FileNotFoundError as exc:
        raise UsageError(f"{path}: 基线文件不存在 (baseline not found)") from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UsageError(f"{path}: 基线文件格式错误 (invalid baseline): {exc}") from exc
