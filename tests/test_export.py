"""Archive exports: JSON Lines and CSV/TSV, one article a row, read as a stream; findings located
by row and by line and column within the body; bad rows named, nothing of the export stored."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from checker.cli import _register
from checker.config import load_settings
from checker.errors import InputError, UsageError
from checker.read.export import ExportColumns, check_export, export_of, export_rows
from checker.service import check_files, ingest_files
from checker.store.migrate import forget_ready
from checker.store.models import Article, Document
from checker.store.session import get_engine, transaction
from tests.support import cli, fresh_engine

ROWS: list[dict[str, Any]] = [
    {
        "title": "南湖区新建三座口袋公园",
        "date": "2025-06-03",
        "author": "记者 林晓雯",
        "body": "本报讯 南湖区今年新建口袋公园3座，总面积达1.2万平方米。\n其中，滨河口袋公园面积最大。",
    },
    {
        "title": "口袋公园成为居民休闲好去处",
        "date": "2025年6月5日",
        "author": ["周明远", "李思怡"],
        # The repeated character sits on the body's second line, column 23.
        "body": "市民纷纷前来游玩，周末人流量明显增加。\n"
                "据介绍，公园内设有儿童游乐区和健身步道。周末的的人流量明显增加。",
    },
]


@pytest.fixture(autouse=True)
def _commands() -> None:
    """The commands registered and no engine cached from another test's database."""
    forget_ready()
    get_engine.cache_clear()
    _register()


def _jsonl(path: Path, rows: list[dict[str, Any]], extra: str = "") -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows) + extra, encoding="utf-8")
    return path


def _documents(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return list(conn.execute("SELECT path, content_hash FROM documents ORDER BY path"))


def test_each_row_is_an_article_with_its_title_byline_and_date(tmp_path: Path) -> None:
    engine = fresh_engine(tmp_path)
    export = _jsonl(tmp_path / "export.jsonl", ROWS)
    summary = ingest_files(engine, [export])
    assert not summary.errors and summary.documents == 2
    with transaction(engine) as session:
        stored = session.execute(
            select(Document.path, Document.pub_date, Article.headline, Article.byline)
            .join(Article).where(Article.kind != "furniture").order_by(Document.path)
        ).all()
    assert [(Path(p).name, d.isoformat(), h, b) for p, d, h, b in stored] == [
        ("export.jsonl:row 1", "2025-06-03", "南湖区新建三座口袋公园", "记者 林晓雯"),
        ("export.jsonl:row 2", "2025-06-05", "口袋公园成为居民休闲好去处", "作者 周明远 李思怡"),
    ]
    assert export_of(stored[0][0]) == str(export.resolve())


def test_a_finding_is_located_by_row_and_by_line_and_column_in_the_body(tmp_path: Path) -> None:
    engine = fresh_engine(tmp_path)
    export = _jsonl(tmp_path / "export.jsonl", ROWS)
    result = check_files(engine, [export], select_codes={"DUP004"})
    [finding] = [f.row for f in result.findings]
    assert Path(finding.path).name == "export.jsonl:row 2"
    assert (finding.line, finding.column, finding.text) == (2, 23, "的的")


def test_the_command_line_prints_the_row_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _jsonl(tmp_path / "export.jsonl", ROWS)
    run = cli("check", "export.jsonl", "--db", str(tmp_path / "a.db"), "--select", "DUP004")
    assert "export.jsonl:row 2:2:23: DUP004" in run.out
    listed = cli("findings", "list", "--path", "export.jsonl", "--db", str(tmp_path / "a.db"))
    assert "export.jsonl:row 2:2:23" in listed.out


def test_csv_in_gb18030_with_columns_named_in_checker_toml(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text(
        '[export]\ntitle = "标题"\ndate = "发布日期"\nauthor = "作者"\nbody = "正文"\n', encoding="utf-8"
    )
    columns = load_settings(cwd=tmp_path).export_columns
    assert columns == ExportColumns(title="标题", date="发布日期", author="作者", body="正文")
    export = tmp_path / "cms.csv"
    with export.open("w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["编号", "标题", "发布日期", "作者", "正文"])
        body = "本报讯 河湾村近日建起共享菜园。\n村民可认领菜地。"
        writer.writerow(["17", "河湾村建起共享菜园", "2025-06-01 08:30", "记者 孙立", body])
    [document] = [d for d in export_rows(export, columns) if not isinstance(d, InputError)]
    assert document.path == f"{export}:row 1" and document.fields is not None
    assert document.fields.pub_date is not None and document.fields.pub_date.isoformat() == "2025-06-01"
    body_start, body_end = document.fields.body
    assert document.text[body_start:body_end] == body


def test_tsv_and_an_unknown_key_in_the_export_table(tmp_path: Path) -> None:
    export = tmp_path / "rows.tsv"
    export.write_text("title\tbody\n城西菜场完成改造\t本报讯 城西菜场改造工程日前完工。\n", encoding="utf-8")
    assert check_export(export).rows == 1
    (tmp_path / "checker.toml").write_text('[export]\nheadline = "标题"\n', encoding="utf-8")
    with pytest.raises(UsageError, match="headline"):
        load_settings(cwd=tmp_path)


def test_rows_are_read_as_a_stream(tmp_path: Path) -> None:
    """The first row comes out before the rest of the file is read: a broken last line does not stop it."""
    export = _jsonl(tmp_path / "export.jsonl", ROWS, extra='{"title": "未写完')
    rows = export_rows(export)
    first = next(rows)
    assert not isinstance(first, InputError) and first.path.endswith(":row 1")
    assert isinstance(list(rows)[-1], InputError)


def test_a_bad_row_names_the_file_and_row_and_nothing_is_stored(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    page = tmp_path / "page.txt"
    page.write_text("城东街道开展夏季消防检查\n\n本报讯 城东街道近日对辖区商铺开展消防检查。\n", encoding="utf-8")
    export = _jsonl(tmp_path / "export.jsonl", ROWS, extra='{"title": "没有正文的一行"}\nnot json\n')
    run = cli("ingest", str(export), "--db", str(db))
    assert run.code == 2
    assert "export.jsonl:row 3" in run.err and "正文为空" in run.err
    assert "export.jsonl:row 4" in run.err and "JSON" in run.err
    assert _documents(db) == []
    # With --keep-going the good rows are stored, each bad one reported.
    run = cli("ingest", str(export), "--db", str(db), "--keep-going")
    assert run.code == 2 and "export.jsonl:row 3" in run.err
    assert [Path(p).name for p, _ in _documents(db)] == ["export.jsonl:row 1", "export.jsonl:row 2"]


def test_a_table_without_a_body_column_is_not_an_export(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "notes.tsv").write_text("日期\t事项\n6月9日\t联系采访对象\n", encoding="utf-8")
    (folder / "blob").write_bytes(bytes(range(256)))
    for command in ("ingest", "check"):
        run = cli(command, str(folder), "--db", str(tmp_path / "a.db"))
        assert run.code == 2
        assert "notes.tsv" in run.err and "没有正文列" in run.err


def test_no_store_and_worker_processes(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    export = _jsonl(tmp_path / "export.jsonl", ROWS * 3)  # six rows: enough for two workers
    run = cli("check", str(export), "--db", str(db), "--no-store", "-j", "2", "--select", "DUP004")
    assert run.code == 0, run.err
    assert run.out.count("DUP004") == 3
    assert _documents(db) == []
    engine = fresh_engine(tmp_path, "b.db")
    one = ingest_files(engine, [export], jobs=1)
    two = ingest_files(fresh_engine(tmp_path, "c.db"), [export], jobs=2)
    assert [(r.path, r.articles) for r in one.results] == [(r.path, r.articles) for r in two.results]


def test_code_scanning_points_at_the_export_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SARIF and GitHub annotations name the export file (a row path is no file), at the row's
    line for JSON Lines; the row and the place in its body are in the message."""
    monkeypatch.chdir(tmp_path)
    _jsonl(tmp_path / "export.jsonl", ROWS)
    db = str(tmp_path / "a.db")
    github = cli("check", "export.jsonl", "--db", db, "--select", "DUP004", "-f", "github").out
    assert "file=export.jsonl,line=2,endLine=2,title=DUP004::export.jsonl:row 2:2:23: " in github
    sarif = cli("check", "export.jsonl", "--db", db, "--select", "DUP004", "-f", "sarif").json()
    [result] = sarif["runs"][0]["results"]
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "export.jsonl"
    assert physical["region"]["startLine"] == 2 and "startColumn" not in physical["region"]
    assert result["message"]["text"].startswith("export.jsonl:row 2:2:23: ")


def test_articles_of_many_rows_are_found_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large export is many documents: their articles are looked up a chunk of paths at a time,
    in the order of one query (undated first, then by date, document and place)."""
    from checker import service

    engine = fresh_engine(tmp_path)
    undated = [{**ROWS[0], "date": ""}, *ROWS, {**ROWS[1], "date": "2025-06-01", "title": "街心花园完成提升改造"}]
    summary = ingest_files(engine, [_jsonl(tmp_path / "export.jsonl", undated)])
    paths = [r.path for r in summary.results]
    with transaction(engine) as session:
        whole = service.article_ids_of(session, paths)
        monkeypatch.setattr(service, "PATHS_PER_QUERY", 1)
        assert service.article_ids_of(session, paths) == whole
        dates = [session.get(Article, a).document.pub_date for a in whole]  # type: ignore[union-attr]
    assert dates[0] is None and dates[1:] == sorted(d for d in dates[1:] if d is not None)
