"""SQL only with bound parameters, and nothing written outside the database's directory."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from tests.robustness.articles import write_articles
from tests.robustness.cli import REPO, run_checker

SQL_CALLS = {"text", "execute", "exec_driver_sql", "executescript", "executemany"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _constant_pragma(node: ast.JoinedStr) -> bool:
    """f"PRAGMA busy_timeout={CONSTANT}": a PRAGMA filled only from UPPER_CASE module constants."""
    head = node.values[0] if node.values else None
    if not (isinstance(head, ast.Constant) and str(head.value).lstrip().upper().startswith("PRAGMA")):
        return False
    return all(
        isinstance(v, ast.Constant) or (isinstance(v.value, ast.Name) and v.value.id.isupper())
        for v in node.values
        if not isinstance(v, ast.Constant) and isinstance(v, ast.FormattedValue)
    )


def _built_string(node: ast.expr) -> str | None:
    """Why ``node`` is SQL built by string formatting, or None when it is not."""
    if isinstance(node, ast.JoinedStr):
        if any(isinstance(v, ast.FormattedValue) for v in node.values) and not _constant_pragma(node):
            return "f-string"
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return "% formatting"
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        if not (isinstance(node.left, ast.Constant) and isinstance(node.right, ast.Constant)):
            return "string concatenation"
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return ".format()"
    return None


def raw_sql_offences(root: Path) -> list[str]:
    offences = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in SQL_CALLS and node.args:
                why = _built_string(node.args[0])
                if why:
                    offences.append(f"{path.relative_to(root.parent)}:{node.lineno}: {why} into {_name(node.func)}()")
    return offences


def test_no_sql_built_by_string_formatting() -> None:
    assert raw_sql_offences(REPO / "checker") == []


def test_the_scanner_catches_formatted_sql(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "bad.py").write_text(
        "from sqlalchemy import text\n"
        "def f(conn, name, n):\n"
        "    conn.execute(text(f\"SELECT * FROM t WHERE name = '{name}'\"))\n"
        "    conn.execute(text('SELECT %s' % name))\n"
        "    conn.exec_driver_sql('DELETE FROM t WHERE id = ' + n)\n"
        "    conn.execute(text('SELECT {}'.format(name)))\n"
        "    conn.exec_driver_sql(f'PRAGMA busy_timeout={TIMEOUT}')\n"  # allowed: constant PRAGMA
        "    conn.execute(text('SELECT :n'), {'n': n})\n",  # allowed: bound parameter
        encoding="utf-8",
    )
    assert len(raw_sql_offences(pkg)) == 4


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.mark.slow
def test_ingest_and_check_write_only_next_to_the_database(tmp_path: Path) -> None:
    """cwd, HOME and TMPDIR are fresh directories; after ingest + check only the db folder grew."""
    inputs, work, home, tmp, dbdir = (tmp_path / n for n in ("in", "cwd", "home", "tmp", "db"))
    for d in (work, home, tmp, dbdir):
        d.mkdir()
    write_articles(inputs, 6)
    before = {"in": _tree(inputs), "cwd": _tree(work), "home": _tree(home), "tmp": _tree(tmp)}
    env = {"HOME": str(home), "TMPDIR": str(tmp), "XDG_CACHE_HOME": str(home / ".cache")}
    url = f"sqlite:///{dbdir / 'archive.db'}"
    runs: list[list[str | Path]] = [["ingest", inputs, "--db", url], ["check", inputs, "--db", url, "--format", "json"]]
    for args in runs:
        run = run_checker(args, cwd=work, env=env, limit_memory=False)
        assert run.returncode in (0, 1), run.stderr
    after = {"in": _tree(inputs), "cwd": _tree(work), "home": _tree(home), "tmp": _tree(tmp)}
    assert after == before, {k: after[k] - before[k] for k in after}
    assert (dbdir / "archive.db").exists()
    assert os.listdir(tmp) == []
