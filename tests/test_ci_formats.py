"""The CI report formats on hand-made findings: SARIF 2.1.0 and GitHub workflow commands."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from checker.checks.registry import all_rules
from checker.report import github, sarif
from checker.service import CheckedFinding
from checker.store.models import Finding
from checker.store.reviews import NO_DECISION, ReviewState


def make_finding(
    tmp: Path,
    *,
    fid: str = "NUM001-00000000000000aa",
    rule: str = "NUM001",
    severity: str = "error",
    name: str = "稿件.md",
    status: str = "new",
    note: str | None = None,
    message_zh: str = "甲村去年收入此处为12万元，另一处为21万元，两处数字不一致，请核实。",
    related: bool = True,
) -> CheckedFinding:
    path = tmp / "articles" / name
    row = Finding(
        id=fid, rule=rule, category="number-conflict", severity=severity, message_zh=message_zh,
        message_en="income: 12 here, 21 there", article_id=1, related_article_id=None, path=str(path),
        article_headline="甲村见闻", line=3, column=5, end_line=3, end_column=9, raw_start=20, raw_end=24,
        text="12万元", suggestion="21万元",
        related=[{"path": str(tmp / "pages" / "a.txt"), "article": "乙版", "line": 7, "column": 2,
                  "end_line": 7, "end_column": 6, "text": "21万元"}] if related else [],
        created_at=datetime(2024, 5, 20),
    )
    review = NO_DECISION if status == "new" else ReviewState(status, 1, "编辑甲", note, datetime(2024, 5, 21))
    return CheckedFinding(row, review)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sarif_of(findings: list[CheckedFinding], **kw: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(sarif.render(findings, articles=2, **kw))
    return doc


def test_sarif_log_and_driver(in_tmp: Path) -> None:
    doc = sarif_of([make_finding(in_tmp)])
    assert doc["version"] == "2.1.0"
    assert "sarif-schema-2.1.0" in doc["$schema"]
    run = doc["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "checker" and driver["version"]
    assert driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids)) and set(all_rules()) <= set(ids)
    for rule in driver["rules"]:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    num = driver["rules"][ids.index("NUM001")]
    assert num["defaultConfiguration"]["level"] == "error"
    assert all_rules()["NUM001"].summary() == num["shortDescription"]["text"]
    # The help text is the rule's docstring; the full description its first paragraph, unwrapped.
    assert num["help"]["text"] == all_rules()["NUM001"].help_text()
    assert "\n" not in num["fullDescription"]["text"]


def test_sarif_result_fields(in_tmp: Path) -> None:
    doc = sarif_of([make_finding(in_tmp)])
    run = doc["runs"][0]
    (res,) = run["results"]
    assert res["ruleId"] == "NUM001"
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "NUM001"
    assert res["level"] == "error"
    assert "12万元" in res["message"]["text"] and "建议：21万元" in res["message"]["text"]
    loc = res["locations"][0]["physicalLocation"]
    # Relative to the working directory (the repository root in CI), percent-encoded.
    assert loc["artifactLocation"] == {"uri": "articles/%E7%A8%BF%E4%BB%B6.md", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 9,
                             "snippet": {"text": "12万元"}}
    (rel,) = res["relatedLocations"]
    assert rel["physicalLocation"]["artifactLocation"]["uri"] == "pages/a.txt"
    assert rel["physicalLocation"]["region"]["startLine"] == 7
    assert "21万元" in rel["message"]["text"]
    assert res["partialFingerprints"] == {"checkerFindingId/v1": "NUM001-00000000000000aa"}
    assert res["baselineState"] == "new"
    assert "suppressions" not in res
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")


def test_sarif_levels_suppressions_and_baseline(in_tmp: Path) -> None:
    findings = [
        make_finding(in_tmp, fid="TYP001-1", rule="TYP001", severity="info"),
        make_finding(in_tmp, fid="DUP001-2", rule="DUP001", severity="warning", status="dismissed", note="原文如此"),
        make_finding(in_tmp, fid="NUM001-3", status="accepted"),
    ]
    results = sarif_of(findings, baseline={"TYP001-1"})["runs"][0]["results"]
    assert [r["level"] for r in results] == ["note", "warning", "error"]
    assert results[0]["baselineState"] == "unchanged"
    assert "suppressions" not in results[0]
    dismissed = results[1]["suppressions"][0]
    assert dismissed["kind"] == "external" and dismissed["status"] == "accepted"
    assert "编辑甲" in dismissed["justification"] and "原文如此" in dismissed["justification"]
    assert results[2]["suppressions"][0]["properties"]["reviewStatus"] == "accepted"


def test_sarif_path_outside_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    res = sarif_of([make_finding(tmp_path / "other")])["runs"][0]["results"][0]
    location = res["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"].startswith("file:///") and "uriBaseId" not in location


def test_sarif_unknown_rule_and_english(in_tmp: Path) -> None:
    doc = sarif_of([make_finding(in_tmp, fid="OLD999-1", rule="OLD999")], lang="en")
    run = doc["runs"][0]
    res = run["results"][0]
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "OLD999"
    assert res["message"]["text"].startswith("income: 12 here")
    assert run["language"] == "en-US"


def test_github_annotation(in_tmp: Path) -> None:
    out = github.render([make_finding(in_tmp)], articles=1).splitlines()
    assert out[0].startswith(
        "::error file=articles/稿件.md,line=3,col=5,endLine=3,endColumn=9,title=NUM001::甲村去年收入此处为12万元"
    )
    assert "%0A相关: pages/a.txt:7:2: 21万元%0A建议: 21万元%0Aid: NUM001-00000000000000aa" in out[0]
    assert not out[-1].startswith("::")


def test_github_levels_and_quiet_findings(in_tmp: Path) -> None:
    findings = [
        make_finding(in_tmp, fid="A-1", severity="warning"),
        make_finding(in_tmp, fid="A-2", severity="info"),
        make_finding(in_tmp, fid="A-3", status="dismissed"),
        make_finding(in_tmp, fid="A-4"),
    ]
    lines = github.render(findings, articles=1, baseline={"A-4"}).splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert [c.split(" ", 1)[0] for c in commands] == ["::warning", "::notice"]
    assert "2" in lines[-1]  # two findings left unannotated (reviewed, in the baseline)


def test_github_escaping(in_tmp: Path) -> None:
    assert github.escape_data("50%\r\nx") == "50%25%0D%0Ax"
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = github.render(
        [make_finding(in_tmp, name="a,b:c.md", message_zh="比例为5%，\n第二行", related=False)], articles=1,
    ).splitlines()[0]
    assert "file=articles/a%2Cb%3Ac.md," in line
    assert line.split("::", 2)[2].startswith("比例为5%25，%0A第二行")
    assert "\n" not in line and "\r" not in line
