"""Shared fixtures: the real pages in ../shared/corpus and the demo corpus in examples/."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
SEEDS = SHARED_CORPUS / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"real pages not available: {SEEDS} is absent (CI always has ../shared/corpus)")
    return SEEDS


def seed_page(prefix: str) -> Path:
    """The seed page whose file name starts with ``prefix`` (e.g. '001')."""
    if not SEEDS.is_dir():
        pytest.skip(f"real pages not available: {SEEDS} is absent (CI always has ../shared/corpus)")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"no seed page {prefix}_*.txt in {SEEDS}")
    return matches[0]


@pytest.fixture(autouse=True, scope="session")
def _dictionary_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """jieba's dictionary files for server databases in a folder of the test run, not in the
    user's cache folder (SQLite databases keep theirs next to the file)."""
    import os

    os.environ.setdefault("CHECKER_CACHE_DIR", str(tmp_path_factory.mktemp("dictionary-cache")))


PG_URL_ENV = "CHECKER_TEST_PG_URL"


def _fresh_pg_database(base_url: str) -> str:
    """Create an empty PostgreSQL database on the test server; its URL."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"checker_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(base_url).set(database=name).render_as_string(hide_password=False)


def _db_params() -> list[object]:
    import os

    params: list[object] = ["sqlite"]
    marks = [pytest.mark.postgres]
    if not os.environ.get(PG_URL_ENV):
        marks.append(pytest.mark.skip(reason=f"PostgreSQL not configured: set {PG_URL_ENV} (.ci/run does)"))
    params.append(pytest.param("postgresql", marks=marks))
    return params


@pytest.fixture(params=_db_params())
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database URL: SQLite always, PostgreSQL when a test server is configured."""
    import os

    from checker.store.migrate import forget_ready
    from checker.store.session import get_engine

    forget_ready()
    get_engine.cache_clear()
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'archive.db'}"
    return _fresh_pg_database(os.environ[PG_URL_ENV])
