"""CI end to end on the demo corpus: a contradicting article fails the check in every format,
dismissing it passes, the SARIF has what code scanning needs, and a portable baseline
survives shifted lines but not a new problem."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from checker.cli import _register, app
from checker.errors import CheckerError
from checker.store.migrate import forget_ready
from checker.store.session import get_engine
from tests.conftest import EXAMPLES

# Written for this test: the demo pages (A3 of 5-15, A2 of 5-16) both give 上河村's idle
# farmhouses found in 2019 as 63幢; this new article says 36幢.
CONTRADICTION = """# 上河村老屋焕新记

本报讯 2019年，上河村逐户摸排，发现全村有闲置农房36幢。如今这些老屋大多改成了民宿。

村里计划今年再改造一批老屋，发展研学和康养业态。
"""
NEW_ARTICLE = "articles/2024-05-20_shanghe_houses.md"
SHIFTED = "articles/2024-05-16_pipa_festival.md"
EDITOR_NOTE = "编者按：本报推出乡村产业系列报道，今天刊发第一篇。"
NEW_PROBLEM = "\n5月11日（星期日），镇里还组织了采摘体验活动。\n"  # 2024-05-11 was a Saturday

runner = CliRunner()


def cli(*args: str) -> tuple[int, str]:
    """Invoke like ``checker.cli.main`` (a CheckerError is exit code 2); exit code and stdout."""
    result = runner.invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        if isinstance(result.exception, CheckerError):
            return 2, result.stdout
        raise result.exception
    return result.exit_code, result.stdout


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo corpus as the working directory (the repository root in CI)."""
    forget_ready()
    get_engine.cache_clear()
    _register()
    shutil.copytree(EXAMPLES / "pages", tmp_path / "pages")
    shutil.copytree(EXAMPLES / "articles", tmp_path / "articles")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def db_url(root: Path, name: str) -> str:
    return f"sqlite:///{root / name}"


def check_sarif(doc: dict[str, Any]) -> None:
    """The fields GitHub code scanning needs to accept a SARIF upload and place its alerts."""
    assert doc["version"] == "2.1.0"
    assert doc["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(doc["runs"]) == 1
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] and driver["version"] and driver["informationUri"].startswith("http")
    rule_ids = [r["id"] for r in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids)), "rule ids must be unique"
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("none", "note", "warning", "error")
    for res in run["results"]:
        assert res["ruleId"] in rule_ids
        assert rule_ids[res["ruleIndex"]] == res["ruleId"]
        assert res["level"] in ("none", "note", "warning", "error")
        assert res["message"]["text"].strip()
        assert res["locations"], "every result needs a location"
        for loc in [*res["locations"], *res.get("relatedLocations", [])]:
            physical = loc["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            assert uri and not uri.startswith("/") and "\\" not in uri
            if not uri.startswith("file:"):
                assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
                assert (Path.cwd() / uri).is_file(), uri  # a real path in the repository
            region = physical["region"]
            assert region["startLine"] >= 1 and region["startColumn"] >= 1
            assert region["endLine"] >= region["startLine"]
            if region["endLine"] == region["startLine"]:
                assert region["endColumn"] > region["startColumn"]
        fingerprints = res["partialFingerprints"]
        assert fingerprints and all(isinstance(v, str) and v for v in fingerprints.values())


def test_contradiction_fails_in_every_format_until_dismissed(newsroom: Path) -> None:
    db = db_url(newsroom, "archive.db")
    assert cli("ingest", "pages", "articles", "--db", db)[0] == 0
    (newsroom / NEW_ARTICLE).write_text(CONTRADICTION, encoding="utf-8")

    code, text = cli("check", NEW_ARTICLE, "--db", db)
    assert code == 1
    assert f"{NEW_ARTICLE}:3:" in text and "NUM001" in text and "36幢" in text and "63幢" in text

    code, out = cli("check", NEW_ARTICLE, "--db", db, "--format", "json")
    assert code == 1
    (conflict,) = [f for f in json.loads(out)["findings"] if f["rule"] == "NUM001"]
    assert conflict["location"]["path"] == NEW_ARTICLE and conflict["location"]["text"] == "36幢"
    assert {Path(r["path"]).name for r in conflict["related"]} >= {"2024-05-15_A3.txt"}

    code, _ = cli("check", NEW_ARTICLE, "--db", db, "--format", "sarif", "--output", "checker.sarif")
    assert code == 1
    doc = json.loads((newsroom / "checker.sarif").read_text(encoding="utf-8"))
    check_sarif(doc)
    (result,) = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "NUM001"]
    assert result["level"] == "error"
    assert result["partialFingerprints"]["checkerFindingId/v1"] == conflict["id"]
    region = result["locations"][0]["physicalLocation"]["region"]
    line = CONTRADICTION.split("\n")[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "36幢"  # the file's own columns
    related_uris = {r["physicalLocation"]["artifactLocation"]["uri"] for r in result["relatedLocations"]}
    assert "pages/2024-05-15_A3.txt" in related_uris

    code, out = cli("check", NEW_ARTICLE, "--db", db, "--format", "github")
    assert code == 1
    assert f"::error file={NEW_ARTICLE},line=3,col=" in out and "title=NUM001::" in out

    assert cli("findings", "dismiss", conflict["id"], "--note", "口径不同", "--db", db)[0] == 0
    after = {}
    for fmt in ("text", "json", "sarif", "github"):
        code, after[fmt] = cli("check", NEW_ARTICLE, "--db", db, "--format", fmt)
        assert code == 0, (fmt, after[fmt])
    assert "::error" not in after["github"]
    (dismissed,) = [r for r in json.loads(after["sarif"])["runs"][0]["results"] if r["ruleId"] == "NUM001"]
    assert dismissed["suppressions"][0]["kind"] == "external"


def test_whole_archive_sarif_is_well_formed(newsroom: Path) -> None:
    code, out = cli("check", "pages", "articles", "--db", db_url(newsroom, "a.db"), "--format", "sarif",
                    "--no-store")
    assert code == 1  # the demo corpus has planted errors
    doc = json.loads(out)
    check_sarif(doc)
    assert len(doc["runs"][0]["results"]) >= 10


def test_baseline_survives_shifted_lines_not_new_problems(newsroom: Path) -> None:
    code, _ = cli("baseline", "write", "checker-baseline.json", "pages", "articles",
                  "--db", db_url(newsroom, "first.db"))
    assert code == 0
    written = json.loads((newsroom / "checker-baseline.json").read_text(encoding="utf-8"))
    assert written["version"] == 1 and written["findings"]

    # Shift every line of one article: blank lines at the top, a paragraph before the body.
    article = newsroom / SHIFTED
    lines = article.read_text(encoding="utf-8").split("\n")
    body = next(i for i, line in enumerate(lines) if i > 0 and line and not line.startswith(("#", "*")))
    lines[body:body] = [EDITOR_NOTE, ""]
    article.write_text("\n\n\n" + "\n".join(lines), encoding="utf-8")

    # Another pipeline, another (empty) database: only the baseline file carries what is known.
    db = db_url(newsroom, "second.db")
    assert cli("check", "pages", "articles", "--db", db)[0] == 1
    assert cli("check", "pages", "articles", "--db", db, "--baseline", "checker-baseline.json")[0] == 0

    with article.open("a", encoding="utf-8") as f:
        f.write(NEW_PROBLEM)
    code, out = cli("check", "pages", "articles", "--db", db, "--baseline", "checker-baseline.json",
                    "--format", "github")
    assert code == 1
    (annotation,) = [line for line in out.splitlines() if line.startswith("::")]
    assert annotation.startswith(f"::error file={SHIFTED},") and "title=DAT001" in annotation


def test_baseline_write_from_stored_findings(newsroom: Path) -> None:
    db = db_url(newsroom, "s.db")
    (newsroom / NEW_ARTICLE).write_text(CONTRADICTION, encoding="utf-8")
    assert cli("check", "pages", "articles", "--db", db, "--format", "json")[0] == 1
    assert cli("baseline", "write", "all.json", "--db", db)[0] == 0
    stored = json.loads(cli("findings", "list", "--format", "json", "--db", db)[1])
    written = json.loads((newsroom / "all.json").read_text(encoding="utf-8"))
    assert {f["id"] for f in written["findings"]} == {f["id"] for f in stored}
    assert cli("check", NEW_ARTICLE, "--db", db, "--baseline", "all.json")[0] == 0


def test_real_process_exit_codes(newsroom: Path) -> None:
    """Two true end-to-end runs of the installed command: usage error, and SARIF to a file."""
    checker = Path(sys.executable).with_name("checker")
    if not checker.exists():
        pytest.skip("the checker command is not installed next to the interpreter")
    env = {**os.environ, "CHECKER_DB": db_url(newsroom, "p.db")}
    bad = subprocess.run([str(checker), "check", "pages", "--fail-on", "sometimes"], env=env,
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "--fail-on" in bad.stderr
    run = subprocess.run([str(checker), "check", "articles/2024-05-17_rapeseed_harvest.html", "--format", "sarif",
                          "--output", "out.sarif"], env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 1, run.stderr
    assert run.stdout == ""
    check_sarif(json.loads((newsroom / "out.sarif").read_text(encoding="utf-8")))
