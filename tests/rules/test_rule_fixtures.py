"""Every rule's pass and fail cases, as data (``tests/rules/CODE.yaml``), as sqlfluff keeps them.

A fixture file holds ``pass`` and ``fail`` lists of cases.  A case is an article written for
the test (``text``), optionally the articles stored before it (``archive``: texts, or
mappings with ``text`` and ``date``), the publication date (``date``, when the text has no
masthead), and rule settings (``settings``: the rule's entry as a rule pack writes it).  A
pass case must give no finding of the rule; a fail case lists its ``findings`` in order of
position, each with the exact ``span`` (the text the finding points at), a ``message``
fragment (of the Chinese message) and, when the rule suggests one, the ``suggestion``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.service import CheckedFinding, check_files, ingest_files
from tests.support import fresh_engine, write_files

FIXTURES = Path(__file__).resolve().parent


def fixture_files() -> dict[str, Path]:
    """Each fixture file by rule code (its stem)."""
    return {path.stem: path for path in sorted(FIXTURES.glob("*.yaml"))}


def load_fixture(path: Path) -> dict[str, list[dict[str, Any]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {kind: list(data.get(kind) or []) for kind in ("pass", "fail")}


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def run_case(code: str, case: dict[str, Any], tmp_path: Path) -> list[CheckedFinding]:
    """The findings of rule ``code`` on one case (its archive stored first)."""
    engine = fresh_engine(tmp_path)
    rules: list[str] = []
    if case.get("settings"):
        pack = tmp_path / "pack"
        pack.mkdir()
        (pack / "settings.yaml").write_text(
            yaml.safe_dump({code: case["settings"]}, allow_unicode=True), encoding="utf-8"
        )
        rules.append(str(pack))
    for n, item in enumerate(case.get("archive") or []):
        item = item if isinstance(item, dict) else {"text": item}
        paths = write_files(tmp_path / "archive", {f"stored{n}.txt": item["text"]})
        ingest_files(engine, paths, default_date=_date(item.get("date")))
    paths = write_files(tmp_path / "new", {"case.txt": case["text"]})
    result = check_files(engine, paths, select_codes={code}, rules=rules, default_date=_date(case.get("date")))
    engine.dispose()
    return [f for f in result.findings if f.row.rule == code]


def _cases() -> list[Any]:
    out = []
    for code, path in fixture_files().items():
        for kind, cases in load_fixture(path).items():
            for n, case in enumerate(cases, 1):
                out.append(pytest.param(code, kind, case, id=f"{code}-{kind}-{case.get('name', n)}"))
    return out


@pytest.mark.parametrize(("code", "kind", "case"), _cases())
def test_rule_fixture(code: str, kind: str, case: dict[str, Any], tmp_path: Path) -> None:
    found = run_case(code, case, tmp_path)
    shown = [(f.row.text, f.row.message_zh, f.row.suggestion) for f in found]
    if kind == "pass":
        assert found == [], f"{code} should pass, found {shown}"
        return
    expected = case["findings"]
    assert len(found) == len(expected), f"{code}: expected {len(expected)} findings, found {shown}"
    ordered = sorted(found, key=lambda f: (f.row.line, f.row.column))
    for got, want in zip(ordered, expected, strict=True):
        row = got.row
        assert row.text == want["span"], shown
        assert str(want["message"]) in row.message_zh, shown
        if "suggestion" in want:
            assert (row.suggestion or "") == (want["suggestion"] or ""), shown
        if "severity" in want:
            assert row.severity == want["severity"], shown
