"""A user's rule pack reaches every stage that reads a document, and a changed pack re-extracts
what was stored with the old one — through the command line, as an editor runs it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import checker.rulepack as rulepack
from checker.cli import _register
from checker.model import RawDocument
from checker.pipeline import EXTRACTION_TABLES, pack_fingerprint, prepare_document
from checker.rulepack import RulePack, clear_cache, load_pack
from checker.store.migrate import forget_ready
from checker.store.models import Document
from checker.store.session import get_engine, transaction
from tests.support import cli

HARBOUR = "青龙港"
ARTICLE = (
    "港区泊位建设提速\n\n"
    "本报讯 记者从青龙港获悉，新建的两个深水泊位下月投用。\n\n"
    "渔船陆续回到青龙港避风，港区今年已接待渔船1200艘次。\n\n"
    "渔船陆续回到青龙港避风，港区今年已接待渔船1200艘次。\n"
)
SECOND = "码头装卸忙\n\n本报讯 今年青龙港货物吞吐量达到300万吨。\n"


@pytest.fixture(autouse=True)
def _fresh_caches() -> Any:
    _register()  # every command, as ``checker`` has them
    clear_cache()
    forget_ready()
    get_engine.cache_clear()
    yield
    clear_cache()


def _pack(folder: Path, places: str | None = f"known: [{HARBOUR}]\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if places is not None:
        (folder / "places.yaml").write_text(places, encoding="utf-8")
    clear_cache()
    return folder


def _places(db: Path, *extra: str) -> list[str]:
    run = cli("facts", "--kind", "place", "--format", "json", "--db", str(db), *extra)
    assert run.code == 0, run.err
    return [row["text"] for row in run.json()]


def _documents(db: Path) -> list[tuple[int, str | None]]:
    get_engine.cache_clear()
    with transaction(get_engine(f"sqlite:///{db}")) as session:
        return [(d.id, d.pack_fingerprint) for d in session.scalars(select(Document).order_by(Document.id))]


def test_a_pack_named_in_checker_toml_reaches_extraction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _pack(tmp_path / "newsroom-rules")
    (tmp_path / "checker.toml").write_text('rules = ["newsroom-rules"]\n', encoding="utf-8")
    (tmp_path / "稿件.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "a.db"
    run = cli("ingest", "稿件.txt", "--db", str(db), "--date", "2025-03-04")
    assert run.code == 0, run.err
    assert _places(db).count(HARBOUR) == 3


def test_without_the_pack_the_name_is_not_a_place(tmp_path: Path) -> None:
    (tmp_path / "稿件.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "a.db"
    assert cli("ingest", str(tmp_path / "稿件.txt"), "--db", str(db), "--date", "2025-03-04").code == 0
    assert HARBOUR not in _places(db)


def test_a_changed_pack_reextracts_in_place_keeping_decisions(tmp_path: Path) -> None:
    article, other = tmp_path / "稿件.txt", tmp_path / "另一篇.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    other.write_text(SECOND, encoding="utf-8")
    db = tmp_path / "a.db"
    first = cli("check", str(article), str(other), "--db", str(db), "--date", "2025-03-04", "--format", "json",
                "--select", "DUP001")
    assert first.code == 1, first.err
    repeated = first.json()["findings"][0]["id"]
    assert cli("findings", "accept", repeated, "--db", str(db), "--reviewer", "编辑甲").code == 0
    before = _documents(db)
    assert HARBOUR not in _places(db)

    pack = _pack(tmp_path / "pack")
    again = cli("check", str(article), "--rules", str(pack), "--db", str(db), "--date", "2025-03-04",
                "--format", "json", "--select", "DUP001")
    assert again.code == 0, again.err  # the one finding is accepted: nothing new fails
    after = _documents(db)
    # The same document rows, now with the new pack's fingerprint: the file checked and the
    # other stored document (not named on this run) alike.
    assert [d for d, _ in after] == [d for d, _ in before]
    assert {fp for _, fp in after} == {pack_fingerprint(load_pack([pack]))} != {fp for _, fp in before}
    assert _places(db).count(HARBOUR) == 4
    finding = {f["id"]: f for f in again.json()["findings"]}[repeated]
    assert finding["status"] == "accepted"


def test_ingest_reports_the_reextracted_files(tmp_path: Path) -> None:
    article = tmp_path / "稿件.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "a.db"
    assert cli("ingest", str(article), "--db", str(db), "--date", "2025-03-04").code == 0
    run = cli("ingest", str(article), "--db", str(db), "--rules", str(_pack(tmp_path / "pack")), "--lang", "en")
    assert run.code == 0, run.err
    assert "1 re-extracted" in run.out
    unchanged = cli("ingest", str(article), "--db", str(db), "--rules", str(tmp_path / "pack"), "--lang", "en")
    assert "re-extracted" not in unchanged.out and "1 unchanged" in unchanged.out


def test_db_reextract_brings_the_archive_to_the_current_pack(tmp_path: Path) -> None:
    export = tmp_path / "导出.jsonl"
    export.write_text(
        json.dumps({"title": "码头装卸忙", "date": "2025-03-01", "author": "王晓东",
                    "body": "今年青龙港货物吞吐量达到300万吨。"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "稿件.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "a.db"
    assert cli("ingest", str(tmp_path / "稿件.txt"), str(export), "--db", str(db), "--date", "2025-03-04").code == 0
    pack = _pack(tmp_path / "pack")
    assert HARBOUR not in _places(db)
    run = cli("db", "reextract", "--db", str(db), "--rules", str(pack), "--lang", "en")
    assert run.code == 0, run.err
    assert "Re-extracted 2 files" in run.out
    assert _places(db).count(HARBOUR) == 4  # the export row's body too
    rows = cli("articles", "--db", str(db), "--format", "json").json()
    # The row read again as its fields: headline and byline where they were.
    row = next(r for r in rows if r["path"].endswith(":row 1"))
    assert row["headline"] == "码头装卸忙" and "王晓东" in (row["byline"] or "")
    again = cli("db", "reextract", "--db", str(db), "--rules", str(pack), "--lang", "en")
    assert "Re-extracted 0 files" in again.out


def test_the_pipeline_never_falls_back_to_the_bundled_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Given a pack, no stage of preparing a document asks for the bundled pack on its own."""
    pack = load_pack([_pack(tmp_path / "pack")])

    class Forbidden(list[RulePack]):
        def __bool__(self) -> bool:
            raise AssertionError("default_pack() called while preparing a document with a given pack")

    monkeypatch.setattr(rulepack, "_DEFAULT", Forbidden())
    raw = RawDocument(path="稿件.txt", text=ARTICLE, format="txt", encoding="utf-8", content_hash="x")
    prepared = prepare_document(raw, pack=pack)
    places = [f.draft.text for a in prepared.articles for s in a.sentences for f in s.facts if f.draft.kind == "place"]
    assert places.count(HARBOUR) == 3


def test_the_fingerprint_covers_every_table_extraction_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    pack = load_pack()
    read: set[str] = set()
    real = RulePack.table

    def recording(self: RulePack, name: str, default: Any = None) -> Any:
        read.add(name)
        return real(self, name, default)

    monkeypatch.setattr(RulePack, "table", recording)
    real_entries = RulePack.entries

    def recording_entries(self: RulePack, name: str, key: str) -> list[str]:
        read.add(name)
        return real_entries(self, name, key)

    monkeypatch.setattr(RulePack, "entries", recording_entries)
    fresh = RulePack({name: pack.table(name) for name in pack.names()}, pack.sources, pack.files)
    read.clear()
    text = ARTICLE + "\n记者 王晓东\n\n镇党委书记李建国表示，全年计划投资约5亿元，比去年增长20%。\n"
    prepare_document(RawDocument(path="稿件.txt", text=text, format="txt", encoding="utf-8", content_hash="x"),
                     pack=fresh)
    assert read <= set(EXTRACTION_TABLES), read - set(EXTRACTION_TABLES)
    assert {"places", "surnames", "speech", "units"} <= read


def test_rule_settings_do_not_change_the_fingerprint(tmp_path: Path) -> None:
    settings_only = tmp_path / "settings"
    settings_only.mkdir()
    (settings_only / "numbers.yaml").write_text("NUM001: {severity: warning}\n", encoding="utf-8")
    clear_cache()
    assert pack_fingerprint(load_pack([settings_only])) == pack_fingerprint(load_pack())
    assert pack_fingerprint(load_pack([_pack(tmp_path / "places")])) != pack_fingerprint(load_pack())
