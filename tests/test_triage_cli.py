"""``checker findings …`` (triage without the TUI) and ``checker check`` exit codes on a small archive."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import _register
from checker.store.migrate import forget_ready
from checker.store.models import Review
from checker.store.reviews import states
from checker.store.session import get_engine, transaction
from tests.support import cli

# Written for these tests: a wrong weekday (DAT001, error) and a doubled 的 (DUP004, warning).
ARTICLE = """甲镇举办春季运动会

本报讯 5月13日（星期三），甲镇在镇中心小学举办春季运动会。

全镇十二个村的的选手参加了比赛，现场气氛热烈。
"""



@pytest.fixture
def archive(tmp_path: Path) -> tuple[str, Path]:
    forget_ready()
    get_engine.cache_clear()
    _register()
    db = f"sqlite:///{tmp_path / 'triage.db'}"
    article = tmp_path / "稿件一.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    first = cli("check", str(article), "--db", db, "--date", "2024-05-20")
    assert first.code == 1, first.out + first.err
    return db, article


def ids(db: str, *extra: str) -> dict[str, str]:
    found = cli("findings", "list", "--format", "json", "--db", db, *extra)
    assert found.code == 0, found.err
    return {f["rule"]: f["id"] for f in found.json()}


def test_list_filters(archive: tuple[str, Path], tmp_path: Path) -> None:
    db, _article = archive
    assert set(ids(db)) == {"DAT001", "DUP004"}
    assert set(ids(db, "--rule", "DAT")) == {"DAT001"}
    assert set(ids(db, "--path", str(tmp_path))) == {"DAT001", "DUP004"}
    assert ids(db, "--path", str(tmp_path / "elsewhere")) == {}
    text = cli("findings", "list", "--db", db)
    assert text.code == 0 and "DAT001" in text.out and "待处理" in text.out and "共 2 个问题" in text.out
    bad = cli("findings", "list", "--status", "open", "--db", db)
    assert bad.code == 2 and "--status" in bad.err


def test_dismiss_makes_check_pass(archive: tuple[str, Path]) -> None:
    db, article = archive
    found = ids(db)
    done = cli("findings", "dismiss", found["DAT001"], "--note", "原稿如此", "--reviewer", "编辑乙", "--db", db)
    assert done.code == 0 and "已忽略" in done.out
    assert set(ids(db, "--status", "dismissed")) == {"DAT001"}
    assert set(ids(db, "--status", "new")) == {"DUP004"}
    # The warning alone does not fail at the default --fail-on error, but does at warning.
    assert cli("check", str(article), "--db", db).code == 0
    assert cli("check", str(article), "--db", db, "--fail-on", "warning").code == 1
    cli("findings", "accept", found["DUP004"], "--db", db)
    assert cli("check", str(article), "--db", db, "--fail-on", "info").code == 0
    # The same records the review app writes.
    with transaction(get_engine(db)) as session:
        state = states(session, [found["DAT001"]])[found["DAT001"]]
        assert (state.status, state.reviewer, state.note) == ("dismissed", "编辑乙", "原稿如此")
        assert session.query(Review).count() == 2


def test_note_reopen_undo_and_history(archive: tuple[str, Path]) -> None:
    db, _article = archive
    fid = ids(db)["DUP004"]
    assert cli("findings", "accept", fid, "--db", db, "--reviewer", "甲").code == 0
    assert cli("findings", "note", fid, "已通知作者", "--db", db, "--reviewer", "乙").code == 0
    assert set(ids(db, "--status", "accepted")) == {"DUP004"}  # a note keeps the status
    assert cli("findings", "reopen", fid, "--db", db).code == 0
    assert set(ids(db, "--status", "new")) == {"DAT001", "DUP004"}
    assert cli("findings", "undo", fid, "--db", db).code == 0
    assert set(ids(db, "--status", "accepted")) == {"DUP004"}
    shown = cli("findings", "show", fid, "--format", "json", "--db", db).json()
    assert [h["action"] for h in shown["history"]] == ["accept", "note", "reopen", "undo"]
    assert shown["history"][1]["note"] == "已通知作者" and shown["history"][0]["reviewer"] == "甲"
    assert shown["status"] == "accepted"
    text = cli("findings", "show", fid, "--db", db)
    assert text.code == 0
    assert "【的的】" in text.out  # the excerpt, with the span marked
    assert "审稿记录" in text.out and "已通知作者" in text.out
    english = cli("findings", "show", fid, "--db", db, "--lang", "en")
    assert "history:" in english.out


def test_default_reviewer(archive: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    db, _article = archive
    monkeypatch.setenv("CHECKER_REVIEWER", "值班编辑")
    fid = ids(db)["DAT001"]
    assert cli("findings", "accept", fid, "--db", db).code == 0
    history = cli("findings", "show", fid, "--format", "json", "--db", db).json()["history"]
    assert history[0]["reviewer"] == "值班编辑"


def test_id_prefixes_and_unknown_ids(archive: tuple[str, Path]) -> None:
    db, _article = archive
    fid = ids(db)["DAT001"]
    _rule, _, digest = fid.partition("-")
    for given in (fid, fid[:12], digest[:6], fid.lower()):
        shown = cli("findings", "show", given, "--format", "json", "--db", db)
        assert shown.code == 0 and shown.json()["id"] == fid
    unknown = cli("findings", "accept", "NUM001-ffffffff", "--db", db)
    assert unknown.code == 2 and "找不到问题 NUM001-ffffffff" in unknown.err
    assert cli("findings", "show", "zzz", "--db", db, "--lang", "en").err.strip().endswith(
        "no finding zzz (see checker findings list for IDs)")


def test_ambiguous_prefix(archive: tuple[str, Path]) -> None:
    db, _article = archive
    result = cli("findings", "show", "D", "--db", db)  # DAT001-… and DUP004-…
    assert result.code == 2 and "对应多个问题" in result.err
    assert ids(db)["DAT001"] in result.err and ids(db)["DUP004"] in result.err


def test_undo_without_decision(archive: tuple[str, Path]) -> None:
    db, _article = archive
    result = cli("findings", "undo", ids(db)["DAT001"], "--db", db)
    assert result.code == 2 and "没有可撤销的决定" in result.err


def test_check_usage_errors(archive: tuple[str, Path], tmp_path: Path) -> None:
    db, article = archive
    assert cli("check", str(article), "--db", db, "--fail-on", "sometimes").code == 2
    assert cli("check", str(article), "--db", db, "--format", "xml").code == 2
    assert cli("check", str(tmp_path / "missing.txt"), "--db", db).code == 2
    assert cli("check", str(article), "--db", db, "--baseline", str(tmp_path / "none.json")).code == 2
    assert cli("check", str(article), "--db", db, "--fail-on", "never").code == 0


def test_no_store_text_has_excerpt(tmp_path: Path) -> None:
    forget_ready()
    get_engine.cache_clear()
    _register()
    article = tmp_path / "稿件二.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    result = cli("check", str(article), "--db", db, "--date", "2024-05-20", "--no-store")
    assert result.code == 1
    assert "    本报讯 5月13日（星期三）" in result.out and "^^^" in result.out
    assert cli("findings", "list", "--db", db).out.strip().endswith("共 0 个问题。")
