"""SQL consistency checks of an archive, with plain SQLAlchemy Core (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import Connection, text

# Each query counts rows that must not exist in a consistent archive.
ORPHANS: dict[str, str] = {
    "document without articles": (
        "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.document_id = d.id)"
    ),
    "article without document": (
        "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = a.document_id)"
    ),
    "sentence without article": (
        "SELECT count(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.article_id)"
    ),
    "fact without article": (
        "SELECT count(*) FROM facts f WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = f.article_id)"
    ),
    "fact without sentence": (
        "SELECT count(*) FROM facts f WHERE f.sentence_id IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM sentences s WHERE s.id = f.sentence_id)"
    ),
    "band without sentence": (
        "SELECT count(*) FROM passage_bands b WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.id = b.sentence_id)"
    ),
    # name_keys is a lexicon: a name may outlive its articles, but a stored named fact must be in it.
    "named fact missing from the name lexicon": (
        "SELECT count(*) FROM facts f WHERE f.kind IN ('person', 'place', 'org', 'name')"
        " AND length(f.text) BETWEEN 2 AND 24"
        " AND NOT EXISTS (SELECT 1 FROM name_keys k WHERE k.name = f.text"
        " AND k.variant_key = '?' || substr(f.text, 2))"
    ),
    "finding without article": (
        "SELECT count(*) FROM findings f WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = f.article_id)"
    ),
}

PER_DOCUMENT = """
SELECT d.path,
       (SELECT count(*) FROM articles a WHERE a.document_id = d.id),
       (SELECT count(*) FROM sentences s JOIN articles a ON a.id = s.article_id WHERE a.document_id = d.id),
       (SELECT count(*) FROM facts f JOIN articles a ON a.id = f.article_id WHERE a.document_id = d.id)
FROM documents d
"""


def orphan_problems(conn: Connection) -> list[str]:
    problems = [f"{name}: {n}" for name, sql in ORPHANS.items() if (n := conn.execute(text(sql)).scalar_one())]
    if conn.dialect.name == "sqlite":
        integrity = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity}")
        fk = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
        if fk:
            problems.append(f"foreign_key_check: {fk[:10]}")
    return problems


def per_document(conn: Connection) -> dict[str, tuple[int, int, int]]:
    """path -> (articles, sentences, facts) of every stored document."""
    return {row[0]: (row[1], row[2], row[3]) for row in conn.execute(text(PER_DOCUMENT))}


def totals(conn: Connection) -> dict[str, int]:
    tables = ("documents", "articles", "sentences", "facts", "passage_bands", "name_keys")
    return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}  # constant names
