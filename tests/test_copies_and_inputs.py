"""Copies of stored files are checked and reported as already published; ``--no-store`` leaves
the database as it was; a folder with nothing readable is an input error (exit 2)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.read import iter_input_files
from checker.service import check_files, ingest_files
from tests.support import fresh_engine

LAYOUTS = Path(__file__).parent / "layouts"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``checker ARGS`` as a user runs it (its own process: exit codes and stderr as they are)."""
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, timeout=300)


def _dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def _bytes_beside(db: Path) -> dict[str, str]:
    """SHA-256 of the database file and of its write-ahead log and shared-memory files, if any."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(db.parent.glob(db.name + "*"))
        if not p.name.endswith("-shm")  # SQLite's in-memory index of the log, rebuilt by every reader
    }


def test_a_copy_is_checked_and_reported_as_already_published(tmp_path: Path) -> None:
    engine = fresh_engine(tmp_path)
    page = tmp_path / "page.txt"
    shutil.copy(LAYOUTS / "masthead_no_weekday.txt", page)
    ingest_files(engine, [page])
    copy = tmp_path / "tomorrow.txt"
    shutil.copy(page, copy)
    result = check_files(engine, [copy])
    assert [r.status for r in result.ingest.results] == ["copy"]
    assert result.articles == 2
    published = [f.row for f in result.findings if f.row.rule == "DUP005"]
    assert [f.article_headline for f in published] == ["东海港集装箱吞吐量首破百万标箱", "老旧小区加装电梯提速"]
    for row in published:
        assert str(page.resolve()) in row.message_zh and "2025年6月9日" in row.message_zh
        assert row.related[0]["path"] == str(page.resolve())
        assert row.path == str(copy.resolve()) and row.severity == "error"
    # Its passages are not reported again one by one as copied from the stored file.
    assert not [f for f in result.findings if f.row.rule == "DUP002"]
    # The original checked again is not a copy of the copy.
    again = check_files(engine, [page])
    assert not [f for f in again.findings if f.row.rule == "DUP005"]


def test_both_checked_in_one_run_report_the_later_only(tmp_path: Path) -> None:
    engine = fresh_engine(tmp_path)
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(LAYOUTS / "edition_furniture.txt", first)
    shutil.copy(first, second)
    result = check_files(engine, [first, second])
    assert {f.row.path for f in result.findings if f.row.rule == "DUP005"} == {str(second.resolve())}


def test_no_store_leaves_the_database_exactly_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    url = f"sqlite:///{db}"
    page = tmp_path / "page.txt"
    shutil.copy(LAYOUTS / "national_dateline.txt", page)
    assert cli("ingest", str(page), "--db", url).returncode == 0
    before = _dump(db)
    files_before = _bytes_beside(db)
    copy = tmp_path / "copy.txt"
    shutil.copy(page, copy)
    new = tmp_path / "new.txt"
    shutil.copy(LAYOUTS / "agency_dispatch.txt", new)
    result = cli("check", str(copy), str(new), "--no-store", "--db", url)
    assert result.returncode == 1, result.stderr  # the copy's articles are already published
    assert "DUP005" in result.stdout
    assert _dump(db) == before
    assert _bytes_beside(db) == files_before  # byte for byte, its write-ahead log included


def test_a_folder_with_nothing_readable_names_what_was_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "blob").write_bytes(bytes(range(256)))
    (folder / "README.md").write_text("# 说明\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("隐藏的稿件", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        iter_input_files([folder])
    message = str(caught.value)
    assert "blob" in message and "README.md" in message and ".hidden.txt" in message
    assert "不支持的文件类型" in message and "隐藏文件" in message
    for command in ("ingest", "check"):
        result = cli(command, str(folder), "--db", f"sqlite:///{tmp_path / 'x.db'}")
        assert result.returncode == 2
        assert "blob" in result.stderr and "没有可读取的稿件文件" in result.stderr


def test_an_empty_folder_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = cli("check", str(tmp_path / "empty"), "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert result.returncode == 2 and "目录中没有文件" in result.stderr
