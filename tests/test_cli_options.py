"""The command line without traps (issue 22): a missing archive, unknown codes and choices,
``--lang`` anywhere, JSON from every listing, colour only on a terminal, a progress phase for
the comparison with the archive, ``--jobs`` from the usable cores, English without Chinese
from the checker itself."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from checker.cli import _register
from checker.store.migrate import forget_ready
from checker.store.session import get_engine
from tests.support import cli

REPO = Path(__file__).resolve().parent.parent

# Written for these tests: a wrong weekday (DAT001), a doubled 的 (DUP004) and a sentence
# printed twice (DUP001, whose suggestion is an instruction, not replacement text).
ARTICLE = """乙镇举办春季运动会

本报讯 5月13日（星期三），乙镇在镇中心小学举办春季运动会，全镇十二个村的的选手参加了比赛。

比赛设田径、拔河和趣味接力三个大项。镇文体站为每支参赛队配发了统一的队服。镇文体站为每支参赛队配发了统一的队服。
"""
OTHER = "乙镇新建两座公交候车亭\n\n本报讯 乙镇在镇区主干道新建两座公交候车亭，方便群众出行。\n"



@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    forget_ready()
    get_engine.cache_clear()
    _register()
    for name in ("CHECKER_LANG", "FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "CHECKER_DB"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def archive(tmp_path: Path) -> tuple[str, Path]:
    db = f"sqlite:///{tmp_path / 'options.db'}"
    article = tmp_path / "运动会.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    first = cli("check", str(article), "--db", db, "--date", "2024-05-20")
    assert first.code == 1, first.out + first.err
    return db, article


def finding_ids(db: str) -> dict[str, str]:
    found = cli("findings", "list", "--format", "json", "--db", db)
    assert found.code == 0, found.err
    return {f["rule"]: f["id"] for f in found.json()}


# --- a missing archive ----------------------------------------------------------------------

READ_ONLY = (
    ("review",), ("articles",), ("facts",), ("findings", "list"), ("findings", "show", "DAT001"),
    ("findings", "accept", "DAT001"), ("findings", "undo", "DAT001"), ("db", "current"),
)


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
@pytest.mark.parametrize("as_url", [False, True], ids=["path", "url"])
def test_read_only_commands_refuse_a_missing_archive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...], as_url: bool
) -> None:
    if command == ("review",):
        from checker.review.app import ReviewApp

        def opened(*_args: Any, **_kwargs: Any) -> None:
            raise AssertionError("the review app opened on an empty archive")

        monkeypatch.setattr(ReviewApp, "run", opened)
    missing = tmp_path / "nowhere" / "archive.db"
    db = f"sqlite:///{missing}" if as_url else str(missing)
    run = cli(*command, "--db", db)
    assert run.code == 2, run.out + run.err
    assert "资料库不存在" in run.err and str(missing) in run.err
    assert not missing.exists() and not missing.parent.exists(), "no empty archive may be created"


def test_missing_default_archive_and_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli("--lang", "en", "articles")
    assert run.code == 2 and "no archive at" in run.err and "checker ingest" in run.err
    assert not (tmp_path / ".checker").exists()


def test_baseline_from_a_missing_archive(tmp_path: Path) -> None:
    missing = tmp_path / "archive.db"
    run = cli("baseline", "write", str(tmp_path / "b.json"), "--db", str(missing))
    assert run.code == 2 and "资料库不存在" in run.err and not missing.exists()


def test_plain_path_as_db(tmp_path: Path) -> None:
    article = tmp_path / "运动会.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "plain.db"
    assert cli("check", str(article), "--db", str(db), "--date", "2024-05-20").code == 1
    listed = cli("articles", "--db", str(db), "--format", "json")
    assert listed.code == 0 and [a["headline"] for a in listed.json()] == ["乙镇举办春季运动会"]


# --- unknown codes, kinds and choices -------------------------------------------------------


def test_unknown_rule_code(archive: tuple[str, Path]) -> None:
    db, article = archive
    run = cli("rules", "XYZ999")
    assert run.code == 2 and "XYZ999" in run.err and "NUM001" in run.err and "DAT004" in run.err
    assert cli("rules", "dat00").code == 0, "a prefix, in any case, still lists its rules"
    assert "--select" in (sel := cli("check", str(article), "--db", db, "--select", "XYZ")).err and sel.code == 2
    assert cli("check", str(article), "--db", db, "--ignore", "NUM9").code == 2
    assert cli("findings", "list", "--db", db, "--rule", "BOGUS").code == 2
    only_dates = cli("check", str(article), "--db", db, "--select", "dat", "-f", "json")
    assert {f["rule"] for f in only_dates.json()["findings"]} == {"DAT001"}


@pytest.mark.parametrize(("args", "named"), [
    (("facts", "--kind", "bogus"), "number, person, place, org, name, date"),
    (("facts", "--format", "xml"), "table, json"),
    (("articles", "--format", "xml"), "table, json"),
    (("findings", "list", "--format", "xml"), "text, json"),
    (("findings", "list", "--status", "open"), "new, accepted, dismissed"),
    (("rules", "--format", "xml"), "text, json"),
])
def test_unknown_choices_name_the_valid_ones(archive: tuple[str, Path], args: tuple[str, ...], named: str) -> None:
    db, _article = archive
    run = cli(*args, *(("--db", db) if args[0] != "rules" else ()))
    assert run.code == 2 and named in run.err, run.err


# --- --lang anywhere ------------------------------------------------------------------------


def test_lang_before_or_after_the_command(archive: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    db, article = archive
    before = cli("--lang", "en", "check", str(article), "--db", db)
    after = cli("check", str(article), "--db", db, "--lang", "en")
    assert before.code == after.code == 1
    assert before.out == after.out and "Checked 1 articles" in before.out
    assert cli("--lang", "en", "findings", "list", "--db", db).out.strip().endswith("findings.")
    # The command's own option wins; nothing carries over to the next invocation.
    assert "共检查 1 篇稿件" in cli("--lang", "en", "check", str(article), "--db", db, "--lang", "zh").out
    assert "共检查 1 篇稿件" in cli("check", str(article), "--db", db).out
    monkeypatch.setenv("CHECKER_LANG", "en")
    assert "Checked 1 articles" in cli("check", str(article), "--db", db).out
    assert cli("--lang", "fr", "rules").code == 2


def test_root_options_do_not_hide_the_command() -> None:
    from checker.cli import _command_name

    assert _command_name(["--lang", "en", "check", "a.txt"]) == "check"
    assert _command_name(["--lang=en", "rules"]) == "rules"
    assert _command_name(["--version"]) is None


# --- JSON from every listing ----------------------------------------------------------------


def test_listing_commands_speak_json(archive: tuple[str, Path]) -> None:
    db, _article = archive
    articles = cli("articles", "--db", db, "--format", "json")
    assert articles.code == 0
    assert articles.json() == [{
        "path": articles.json()[0]["path"], "date": "2024-05-20", "ordinal": 1, "kind": "article",
        "headline": "乙镇举办春季运动会", "byline": None, "sentences": 4,
    }]
    assert articles.json()[0]["path"].endswith("运动会.txt")

    rules = cli("rules", "--format", "json")
    assert rules.code == 0
    by_code = {r["code"]: r for r in rules.json()}
    assert {"DAT001", "NUM001", "DUP004"} <= set(by_code)
    assert set(by_code["DAT001"]) == {"code", "name", "category", "severity", "enabled", "summary", "help",
                                      "settings"}
    number_settings = {s["name"]: s for s in by_code["NUM001"]["settings"]}
    assert number_settings and all(set(s) == {"name", "type", "default", "value", "help"}
                                   for s in number_settings.values())
    assert by_code["DAT001"]["category"] == "date" and by_code["DAT001"]["enabled"] is True
    assert [r["code"] for r in cli("rules", "DAT", "-f", "json").json()] == ["DAT001", "DAT002", "DAT003", "DAT004"]

    facts = cli("facts", "--db", db, "--kind", "date", "-f", "json")
    assert facts.code == 0 and facts.json()
    assert {"path", "article", "line", "column", "text", "kind", "key"} <= set(facts.json()[0])

    findings = cli("findings", "list", "--db", db, "-f", "json")
    assert {f["rule"] for f in findings.json()} == {"DAT001", "DUP001", "DUP004"}
    assert set(findings.json()[0]) == {"id", "rule", "category", "severity", "message", "status", "location",
                                       "related", "suggestion", "review"}


# --- colour on a terminal only --------------------------------------------------------------

ESCAPE = "\x1b["


def test_colour_on_a_terminal_none_in_a_pipe(archive: tuple[str, Path], tmp_path: Path) -> None:
    db, article = archive
    piped = cli("check", str(article), "--db", db)
    assert ESCAPE not in piped.out and "DAT001" in piped.out
    coloured = cli("check", str(article), "--db", db, env={"FORCE_COLOR": "1"})
    assert ESCAPE in coloured.out and "\x1b[1;31m错误" in coloured.out
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.out) == piped.out, "colour changes nothing but colour"
    plain = cli("check", str(article), "--db", db, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "31m" not in plain.out and "33m" not in plain.out
    report = tmp_path / "report.txt"
    assert cli("check", str(article), "--db", db, "-o", str(report), env={"FORCE_COLOR": "1"}).code == 1
    assert ESCAPE not in report.read_text(encoding="utf-8")
    assert report.read_text(encoding="utf-8") == piped.out


# --- a progress phase for the comparison with the archive -----------------------------------


def test_progress_shows_the_comparison_phase(tmp_path: Path) -> None:
    folder = tmp_path / "稿件"
    folder.mkdir()
    for n in range(5):
        (folder / f"{n}.txt").write_text(OTHER.replace("两座", f"{n + 2}座"), encoding="utf-8")
    db = str(tmp_path / "progress.db")
    run = cli("check", str(folder), "--db", db, "--date", "2024-05-20", "--jobs", "1", env={"FORCE_COLOR": "1"})
    assert run.code == 0, run.err
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", run.err)
    assert "读取入库" in shown and "与资料库比对" in shown
    assert re.search(r"与资料库比对\D*5/5", shown), shown
    assert "与资料库比对" not in cli("check", str(folder), "--db", db, "--jobs", "1").err, "no progress in a pipe"


def test_check_files_reports_each_compared_article(tmp_path: Path) -> None:
    from checker.service import check_files, open_engine

    files = []
    for n in range(3):
        path = tmp_path / f"{n}.txt"
        path.write_text(OTHER.replace("两座", f"{n + 2}座"), encoding="utf-8")
        files.append(path)
    seen: list[tuple[int, int]] = []
    engine = open_engine(f"sqlite:///{tmp_path / 'calls.db'}")
    check_files(engine, files, on_check=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


# --- --jobs from the usable cores -----------------------------------------------------------


def test_jobs_default_to_the_usable_cores(archive: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.cli.common import usable_cores

    db, article = archive
    if hasattr(os, "sched_getaffinity") and not hasattr(os, "process_cpu_count"):
        monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2})
        assert usable_cores() == 3
    import checker.cli.check as check_module

    seen: dict[str, Any] = {}
    real = check_module.check_files

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen["jobs"] = kwargs["jobs"]
        return real(*args, **kwargs)

    monkeypatch.setattr(check_module, "check_files", spy)
    cli("check", str(article), "--db", db)
    assert seen["jobs"] == usable_cores()
    cli("check", str(article), "--db", db, "-j", "1")
    assert seen["jobs"] == 1
    assert "CPU" in cli("check", "--help").out


# --- English without the checker's Chinese --------------------------------------------------

HAN_OR_FULL_WIDTH = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")


def test_english_output_keeps_chinese_only_where_it_quotes_the_article(archive: tuple[str, Path]) -> None:
    from checker.report import INSTRUCTIONS_EN

    db, article = archive
    text = cli("check", str(article), "--db", db, "--lang", "en").out
    assert "suggestion: delete one of the two" in text
    assert "(date 1, duplicate 2)" in text or "(duplicate 2, date 1)" in text, text.splitlines()[-1]
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("suggestion:") and "DUP" not in stripped:
            continue  # replacement text for the article, Chinese by nature
        for run in HAN_OR_FULL_WIDTH.findall(line):
            assert run in ARTICLE, f"checker's own Chinese in English output: {run!r} in {line!r}"
    data = cli("check", str(article), "--db", db, "--lang", "en", "-f", "json").json()
    for finding in data["findings"]:
        assert finding["suggestion"] not in INSTRUCTIONS_EN
        for run in HAN_OR_FULL_WIDTH.findall(finding["message"]):
            assert run in ARTICLE, finding["message"]
    shown = cli("findings", "show", finding_ids(db)["DUP001"], "--db", db, "--lang", "en").out
    assert "《" not in shown and "【" not in shown and "[[" in shown and "suggestion: delete one" in shown


def test_every_instruction_suggestion_has_english() -> None:
    """Suggestions written as plain Chinese literals in the checks are instructions (replacement
    text is computed from the article): each needs its English in ``INSTRUCTIONS_EN``."""
    from checker.report import INSTRUCTIONS_EN

    literal = re.compile(r"""suggestion\s*=\s*(?<![fF])["']([^"'{}]*[\u4e00-\u9fff][^"'{}]*)["']""")
    found = set()
    for source in sorted((REPO / "checker" / "checks").glob("*.py")):
        found.update(literal.findall(source.read_text(encoding="utf-8")))
    assert found, "the pattern must still find the checks' instruction suggestions"
    assert found <= set(INSTRUCTIONS_EN), sorted(found - set(INSTRUCTIONS_EN))
