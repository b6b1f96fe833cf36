"""The schema is built and changed only by the Alembic migrations in db/."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, inspect

from checker.store import migrate
from checker.store.models import Base
from checker.store.session import get_engine


def test_empty_to_head_creates_every_table(db_url: str) -> None:
    engine = get_engine(db_url)
    migrate.ensure_schema(engine)
    assert migrate.current_revision(engine) == migrate.head_revision(engine)
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())


def _schema(engine: Engine) -> dict[str, dict[str, object]]:
    """Tables, columns, keys and indexes as the database reports them (and SQLite's WITHOUT ROWID)."""
    insp = inspect(engine)
    out: dict[str, dict[str, object]] = {}
    for table in sorted(insp.get_table_names()):
        out[table] = {
            # Sorted: a column a migration added comes last (ALTER TABLE), and every statement names its columns.
            "columns": sorted((c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(table)),
            "primary key": insp.get_pk_constraint(table),
            "foreign keys": sorted(
                (fk["name"] or "", tuple(fk["constrained_columns"]), fk["referred_table"],
                 tuple(fk["referred_columns"]), str(sorted(fk.get("options", {}).items())))
                for fk in insp.get_foreign_keys(table)
            ),
            "indexes": sorted((i["name"] or "", tuple(map(str, i["column_names"])), bool(i["unique"]))
                              for i in insp.get_indexes(table)),
            "unique": sorted((u["name"] or "", tuple(u["column_names"])) for u in insp.get_unique_constraints(table)),
        }
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            for name, sql in conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
                if name in out:
                    out[name]["without rowid"] = "WITHOUT ROWID" in str(sql).upper()
    return out


def test_a_new_database_gets_the_schema_the_migrations_build(db_url: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An empty database is made from the models and stamped, not migrated: the same schema."""
    engine = get_engine(db_url)
    with monkeypatch.context() as m:
        m.setattr(migrate, "upgrade", lambda *a, **k: pytest.fail("an empty database was migrated"))
        migrate.ensure_schema(engine)
    assert migrate.current_revision(engine) == migrate.head_revision(engine)
    made = _schema(engine)
    migrate.downgrade(engine, "base")
    migrate.upgrade(engine)
    assert _schema(engine) == made
    assert {"passage_bands", "name_keys", "staged_name_keys"} <= set(made)


def test_an_empty_database_made_by_another_process_meanwhile_is_used(db_url: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Two first runs at once: the one whose CREATE TABLE finds the tables made meanwhile rolls back
    and uses them; one that sees them in time does not try."""
    engine = get_engine(db_url)
    migrate.ensure_schema(engine)
    head = migrate.head_revision(engine)
    assert head is not None
    assert migrate.create_head_schema(engine, head) is False  # saw the tables

    class _SawNothing:  # looked before the other process committed its tables
        def __init__(self, _conn: object) -> None:
            pass

        def get_table_names(self) -> list[str]:
            return []

    migrate.forget_ready()
    with monkeypatch.context() as m:
        m.setattr(migrate, "_stored_revisions", lambda engine: None)
        m.setattr(migrate, "inspect", _SawNothing)
        migrate.ensure_schema(engine)  # the CREATE TABLE fails, is rolled back, and the schema is checked
    assert migrate.current_revision(engine) == head
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar_one() == 1


def test_downgrade_then_upgrade_round_trip(db_url: str) -> None:
    engine = get_engine(db_url)
    migrate.upgrade(engine)
    migrate.downgrade(engine, "base")
    assert migrate.current_revision(engine) is None
    assert "documents" not in inspect(engine).get_table_names()
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision(engine)


def test_models_match_migrations(db_url: str) -> None:
    """Autogenerate finds nothing to do: the models and the migrations agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = get_engine(db_url)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_sqlite_runs_with_wal_and_busy_timeout(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = get_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_name_lexicon_migration_keeps_every_name(db_url: str) -> None:
    """0005 turns one row per name occurrence into the lexicon and back, losing no name."""
    from sqlalchemy import text

    from checker.service import collect_files, ingest_files, open_engine
    from tests.conftest import EXAMPLES

    engine = open_engine(db_url)
    files, _ = collect_files([EXAMPLES], keep_going=False)
    ingest_files(engine, files)
    with engine.connect() as conn:
        lexicon = {(k, n) for k, n in conn.execute(text("SELECT variant_key, name FROM name_keys"))}
        named = conn.execute(text("SELECT count(*) FROM facts WHERE kind IN ('person', 'place', 'org', 'name')"))
        assert named.scalar_one() > 50 and len(lexicon) > 100
    migrate.downgrade(engine, "0004")
    with engine.connect() as conn:
        occurrences = conn.execute(text("SELECT variant_key, name, fact_id FROM name_variants")).all()
    assert {(k, n) for k, n, _ in occurrences} == lexicon
    assert len(occurrences) > len(lexicon)  # one row per occurrence again
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert {(k, n) for k, n in conn.execute(text("SELECT variant_key, name FROM name_keys"))} == lexicon
    assert "name_variants" not in inspect(engine).get_table_names()


def test_sentence_reference_migration_keeps_every_row(db_url: str) -> None:
    """0006 copies facts and passage bands (SQLite) or alters them in place, both ways, row for row."""
    from sqlalchemy import text

    from checker.service import collect_files, ingest_files, open_engine
    from tests.conftest import EXAMPLES

    engine = open_engine(db_url)
    files, _ = collect_files([EXAMPLES], keep_going=False)
    ingest_files(engine, files)

    def rows() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        with engine.connect() as conn:
            facts = conn.execute(text("SELECT * FROM facts ORDER BY id")).all()
            bands = conn.execute(text("SELECT band, sentence_id, article_id FROM passage_bands ORDER BY 1, 2")).all()
        return [tuple(r) for r in facts], [tuple(r) for r in bands]

    before = rows()
    assert before[0] and before[1]
    migrate.downgrade(engine, "0005")
    assert {fk["name"] for fk in inspect(engine).get_foreign_keys("passage_bands")} >= {
        "fk_passage_bands_sentence_id_sentences"
    }
    assert rows() == before
    migrate.upgrade(engine)
    assert rows() == before
    assert "ix_facts_sentence_id" not in {i["name"] for i in inspect(engine).get_indexes("facts")}
    assert [fk["referred_table"] for fk in inspect(engine).get_foreign_keys("passage_bands")] == ["articles"]


def test_an_existing_database_is_announced_before_its_upgrade(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Copying a large archive's tables takes minutes: the CLI says so first; a new database is not announced."""
    from typer.testing import CliRunner

    from checker.cli import _register, app
    from tests.conftest import EXAMPLES

    _register()
    url = f"sqlite:///{tmp_path / 'a.db'}"
    calls: list[tuple[str, str | None]] = []
    engine = get_engine(url)
    migrate.ensure_schema(engine, lambda current, head: calls.append((current, head)))
    assert calls == []  # created, not upgraded
    migrate.downgrade(engine, "0005")
    migrate.forget_ready()
    result = CliRunner().invoke(app, ["check", str(EXAMPLES / "pages"), "--db", url, "--no-store", "--lang", "en"])
    assert "Upgrading the database schema from revision 0005 to" in result.output
    assert migrate.current_revision(engine) == migrate.head_revision(engine)


def test_bands_keyed_by_article_keep_every_band(db_url: str) -> None:
    """0008 re-keys the bands by article and takes in the bands a killed 0007 bulk load had staged."""
    from sqlalchemy import text

    from checker.service import collect_files, ingest_files, open_engine
    from tests.conftest import EXAMPLES

    engine = open_engine(db_url)
    files, _ = collect_files([EXAMPLES], keep_going=False)
    ingest_files(engine, files)
    query = text("SELECT article_id, sentence_id, band FROM passage_bands")
    with engine.connect() as conn:
        bands = sorted(tuple(r) for r in conn.execute(query))
    assert len(bands) > 500
    migrate.downgrade(engine, "0007")
    newest = bands[-1][0]
    with engine.begin() as conn:  # a bulk load killed before its end left the newest article's bands staged
        conn.execute(text("INSERT INTO staged_passage_bands (article_id, sentence_id, band) SELECT article_id, "
                          "sentence_id, band FROM passage_bands WHERE article_id = :a"), {"a": newest})
        conn.execute(text("DELETE FROM passage_bands WHERE article_id = :a"), {"a": newest})
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert sorted(tuple(r) for r in conn.execute(query)) == bands
    assert "staged_passage_bands" not in inspect(engine).get_table_names()
    migrate.downgrade(engine, "0007")
    with engine.connect() as conn:
        assert sorted(tuple(r) for r in conn.execute(query)) == bands
    assert "ix_passage_bands_article_id" in {i["name"] for i in inspect(engine).get_indexes("passage_bands")}


def test_clean_text_of_stored_web_pages_and_markdown_is_made_again(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """0010 gives web pages and Markdown files stored before it their clean text; plain text keeps none."""
    from sqlalchemy import text

    from checker.service import ingest_files, open_engine
    from tests.conftest import EXAMPLES

    page = tmp_path / "page.html"
    page.write_text("<html><body><h1>城南社区新建便民驿站</h1><p>本报讯 城南社区<b>便民驿站</b>日前投用。</p>"
                    "</body></html>", encoding="utf-8")
    engine = open_engine(db_url)
    plain = sorted((EXAMPLES / "pages").glob("*.txt"))[:1]
    ingest_files(engine, [page, *plain])
    query = text("SELECT format, clean_text FROM documents ORDER BY format")
    with engine.connect() as conn:
        stored = [tuple(r) for r in conn.execute(query)]
    assert stored[0][0] == "html" and stored[0][1].startswith("城南社区新建便民驿站") and "<" not in stored[0][1]
    assert [r for r in stored if r[0] == "txt"] == [("txt", None)]
    migrate.downgrade(engine, "0009")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(query)] == stored


def test_pack_fingerprint_column_keeps_the_documents(db_url: str) -> None:
    """0012 adds documents.pack_fingerprint: documents stored before have none (read with a pack
    not known, so the next run extracts them again); a downgrade keeps every row."""
    from sqlalchemy import text

    from checker.pipeline import pack_fingerprint
    from checker.rulepack import load_pack
    from checker.service import collect_files, ingest_files, open_engine, reextract
    from tests.conftest import EXAMPLES

    engine = open_engine(db_url)
    files, _ = collect_files([EXAMPLES / "pages"], keep_going=False)
    ingest_files(engine, files[:2])
    counts = text("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM articles), "
                  "(SELECT count(*) FROM facts)")
    with engine.connect() as conn:
        before = tuple(conn.execute(counts).one())
    migrate.downgrade(engine, "0011")  # before the fingerprint column and its index
    with engine.connect() as conn:
        assert tuple(conn.execute(counts).one()) == before
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert tuple(conn.execute(counts).one()) == before
        assert {r[0] for r in conn.execute(text("SELECT pack_fingerprint FROM documents"))} == {None}
    assert len(reextract(engine, load_pack()).results) == 2
    with engine.connect() as conn:
        assert tuple(conn.execute(counts).one()) == before
        fingerprints = {r[0] for r in conn.execute(text("SELECT pack_fingerprint FROM documents"))}
    assert fingerprints == {pack_fingerprint(load_pack())}


def test_pairwise_findings_get_one_id_and_keep_every_decision(db_url: str) -> None:
    """0014: a stored pair seen from both sides (two old ids, each with decisions) becomes one
    finding under the pair id, with both histories in time order; related_path is filled in."""
    import json
    from datetime import datetime

    from sqlalchemy import text

    from checker.service import check_files, collect_files, open_engine
    from tests.conftest import EXAMPLES

    engine = open_engine(db_url)
    files, _ = collect_files([EXAMPLES], keep_going=False)
    check_files(engine, files)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, article_id, related_article_id, related, related_path FROM findings "
                                 "WHERE rule = 'NUM001' AND related_article_id IS NOT NULL")).all()
    pair_id, article_id, other_article, related, related_path = rows[0]
    related = json.loads(related) if isinstance(related, str) else related
    assert related_path == related[0]["path"]
    migrate.downgrade(engine, "0013")
    other = related[0]
    with engine.begin() as conn:
        conn.execute(text("UPDATE findings SET id = 'NUM001-old-this-side' WHERE id = :i"), {"i": pair_id})
        here = conn.execute(text("SELECT path, article_headline, text, raw_start, raw_end, line, \"column\" "
                                 "FROM findings WHERE id = 'NUM001-old-this-side'")).one()
        mirror_related = [{"path": here.path, "article": here.article_headline, "text": here.text,
                           "line": here.line, "column": here.column, "end_line": here.line, "end_column": 1,
                           "article_id": article_id, "raw_start": here.raw_start, "raw_end": here.raw_end}]
        conn.execute(text(
            "INSERT INTO findings (id, rule, category, severity, message_zh, message_en, article_id, "
            "related_article_id, path, article_headline, line, \"column\", end_line, end_column, raw_start, "
            "raw_end, text, related, suggestion, created_at) VALUES ('NUM001-old-other-side', 'NUM001', "
            "'number-conflict', 'error', '另一侧', 'other side', :a, :b, :p, :h, :l, :c, :l, :c, :rs, :re, :t, :r, "
            "NULL, :now)"), {
                "a": other_article, "b": article_id, "p": other["path"], "h": other["article"], "l": other["line"],
                "c": other["column"], "rs": other["raw_start"], "re": other["raw_end"], "t": other["text"],
                "r": json.dumps(mirror_related, ensure_ascii=False), "now": datetime(2024, 5, 1)})
        decisions = [("NUM001-old-other-side", 1, "note", "new", 1), ("NUM001-old-this-side", 1, "accept",
                     "accepted", 2), ("NUM001-old-other-side", 2, "dismiss", "dismissed", 3)]
        for fid, seq, action, status, day in decisions:
            conn.execute(text("INSERT INTO reviews (finding_id, seq, action, status, note, reviewer, created_at, "
                              "rule, text) VALUES (:f, :s, :a, :st, NULL, '编辑', :d, 'NUM001', '')"),
                         {"f": fid, "s": seq, "a": action, "st": status, "d": datetime(2024, 5, day)})
    migrate.upgrade(engine)
    with engine.connect() as conn:
        ids = set(conn.scalars(text("SELECT id FROM findings WHERE rule = 'NUM001'")))
        history = conn.execute(text("SELECT seq, action FROM reviews WHERE finding_id = :i ORDER BY seq"),
                               {"i": pair_id}).all()
    assert pair_id in ids and not {i for i in ids if "old" in i}
    assert [tuple(r) for r in history] == [(1, "note"), (2, "accept"), (3, "dismiss")]
