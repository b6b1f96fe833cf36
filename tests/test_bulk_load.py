"""A bulk load (store.bulk) stores exactly what a plain ingest stores, however it ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

from checker.service import collect_files, ingest_files, open_engine
from checker.store import bulk
from tests.conftest import EXAMPLES
from tests.support import fresh_engine
from tests.test_ingest_jobs import _rows


def _example_files() -> list[Path]:
    files, _ = collect_files([EXAMPLES], keep_going=False)
    assert len(files) >= 4
    return files


def _indexes(engine: Engine) -> set[str]:
    return {i["name"] for t in ("sentences", "facts", "passage_bands") for i in inspect(engine).get_indexes(t)}


def _finished(engine: Engine) -> bool:
    with engine.connect() as conn:
        staged = conn.execute(text("SELECT count(*) FROM staged_name_keys")).scalar_one()
    return staged == 0 and _indexes(engine).issuperset(bulk.DEFERRED_INDEXES) and not bulk.unfinished(engine)


def _plain_rows(tmp_path: Path, files: list[Path]) -> dict[str, list[tuple[object, ...]]]:
    """The rows a plain ingest (no bulk load) of ``files`` stores: the reference."""
    plain = fresh_engine(tmp_path, "plain.db")
    ingest_files(plain, files, bulk_load=False)
    return _rows(plain)


def _killed_load(tmp_path: Path, files: list[Path], monkeypatch: pytest.MonkeyPatch) -> Engine:
    """A database whose bulk load of ``files`` stored every document and died before its end."""
    loaded = fresh_engine(tmp_path, "bulk.db")
    with monkeypatch.context() as patch:
        patch.setattr(bulk, "finish", lambda engine: None)
        ingest_files(loaded, files, bulk_load=True)
    with loaded.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM staged_name_keys")).scalar_one() > 0
        assert conn.execute(text("SELECT count(*) FROM passage_bands")).scalar_one() > 0  # appended as they came
    assert not _indexes(loaded) & set(bulk.DEFERRED_INDEXES)
    assert bulk.unfinished(loaded)
    return loaded


def test_a_bulk_load_stores_the_same_rows(tmp_path: Path) -> None:
    files = _example_files()
    expected = _plain_rows(tmp_path, files)
    loaded = fresh_engine(tmp_path, "bulk.db")
    said: list[str] = []
    ingest_files(loaded, files, jobs=2, bulk_load=True, on_finishing=lambda: said.append("finishing"))
    assert said == ["finishing"]
    assert _finished(loaded)
    assert _rows(loaded) == expected


def test_a_bulk_load_into_an_archive_merges_with_what_is_there(tmp_path: Path) -> None:
    # Names and bands the archive holds already must not be doubled or lost by the merge.
    files = _example_files()
    half = len(files) // 2
    loaded = fresh_engine(tmp_path, "bulk.db")
    ingest_files(loaded, files[:half], bulk_load=False)
    ingest_files(loaded, files[half - 1 :], bulk_load=True)  # one file again: unchanged
    assert _finished(loaded)
    assert _rows(loaded) == _plain_rows(tmp_path, files)


def test_a_load_stages_each_name_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Names recur in many documents; their lexicon pairs are staged by the first batch that names them."""
    import checker.service as service

    files = _example_files()
    monkeypatch.setattr(service, "COMMIT_DOCUMENTS", 1)  # a batch per document: names recur across batches
    loaded = _killed_load(tmp_path, files, monkeypatch)
    with loaded.connect() as conn:
        staged = conn.execute(text("SELECT variant_key, name FROM staged_name_keys")).all()
        named = conn.execute(text("SELECT count(DISTINCT text) FROM facts WHERE kind IN ('person', 'place')"))
        repeated = conn.execute(text(
            "SELECT count(*) FROM (SELECT text FROM facts GROUP BY text HAVING count(DISTINCT article_id) > 1)"
        ))
        assert named.scalar_one() > 20 and repeated.scalar_one() > 5  # the examples do repeat names
    assert len(staged) == len(set(staged))
    bulk.finish(loaded)
    assert _rows(loaded) == _plain_rows(tmp_path, files)


def test_a_killed_bulk_load_is_finished_by_the_next_ingest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _example_files()
    loaded = _killed_load(tmp_path, files[:-1], monkeypatch)
    ingest_files(loaded, files[-1:])  # one file: no bulk load of its own, but it finishes the other
    assert _finished(loaded)
    assert _rows(loaded) == _plain_rows(tmp_path, files)


def test_a_bulk_load_still_running_is_left_to_finish_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Finishing it from another process would hold the write lock for minutes on a large
    # archive and make the load's next commit wait.
    pytest.importorskip("fcntl")
    files = _example_files()
    loaded = _killed_load(tmp_path, files[:-1], monkeypatch)
    with bulk.running(loaded):  # as the load's own process holds it while it runs
        ingest_files(loaded, files[-1:])
        assert bulk.unfinished(loaded)
    ingest_files(loaded, files[-1:])  # the load is gone: finished now
    assert _finished(loaded)


def test_a_dry_run_check_finishes_a_killed_bulk_load_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.service import check_files

    files = _example_files()
    loaded = _killed_load(tmp_path, files[:-1], monkeypatch)
    check_files(loaded, files[-1:], store=False)
    assert _finished(loaded)


def test_a_bad_file_still_finishes_the_bulk_load(tmp_path: Path) -> None:
    files = _example_files()
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip archive")
    loaded = fresh_engine(tmp_path, "bulk.db")
    summary = ingest_files(loaded, [*files[:2], bad, *files[2:]], bulk_load=True)
    assert [e.path for e in summary.errors] == [str(bad)]
    assert _finished(loaded)
    assert _rows(loaded) == _plain_rows(tmp_path, files[:2])  # what came before the bad file, whole


def test_a_document_deleted_before_the_end_takes_its_bands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Replacing a changed file deletes its articles; without the band index their bands still go.
    loaded = _killed_load(tmp_path, _example_files(), monkeypatch)
    with loaded.begin() as conn:
        conn.execute(text("DELETE FROM documents"))
        assert conn.execute(text("SELECT count(*) FROM passage_bands")).scalar_one() == 0


def test_which_ingests_are_bulk_loads(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = open_engine(db_url)
    if engine.dialect.name != "sqlite":
        assert not bulk.wanted(engine, 10**6)  # the server keeps its own indexes
        assert not bulk.unfinished(engine)
        return
    files = _example_files()
    assert not bulk.wanted(engine, len(files))  # few files: never
    monkeypatch.setattr(bulk, "BULK_MIN_FILES", 1)
    assert bulk.wanted(engine, 1)  # an empty archive
    ingest_files(engine, files, bulk_load=False)
    quarter = -(-len(files) // bulk.BULK_MIN_SHARE)
    assert quarter > 1
    assert bulk.wanted(engine, quarter)  # a quarter of what is stored
    assert not bulk.wanted(engine, quarter - 1)


def test_the_cli_says_when_it_finishes_a_bulk_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from checker.cli import _register, app

    _register()
    monkeypatch.setattr(bulk, "BULK_MIN_FILES", 2)
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", url])
    assert result.exit_code == 0, result.output
    assert "正在整理本次批量入库的索引" in result.output
    assert _finished(open_engine(url))


def test_downgrading_past_the_staging_tables_keeps_staged_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.store import migrate

    files = _example_files()
    loaded = _killed_load(tmp_path, files, monkeypatch)
    migrate.downgrade(loaded, "0006")
    # Revision 0006 had no band index of its own (its table was keyed by band).
    assert _indexes(loaded).issuperset(set(bulk.DEFERRED_INDEXES) - {"ix_passage_bands_band"})
    assert _rows(loaded) == _plain_rows(tmp_path, files)
    migrate.upgrade(loaded)
    assert _finished(loaded)
