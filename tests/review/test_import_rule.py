"""Only checker.review imports Textual: the core package works without it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import checker

PACKAGE = Path(checker.__file__).resolve().parent


def _textual_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
            "__import__", "import_module"
        ) and node.args and isinstance(node.args[0], ast.Constant):
            names = [str(node.args[0].value)]
        line = getattr(node, "lineno", 0)
        found.extend(f"{path.relative_to(PACKAGE.parent)}:{line}: {n}" for n in names
                     if n == "textual" or n.startswith("textual."))
    return found


def _lazy_review_import_ok(path: Path) -> bool:
    """checker/cli/review.py may import checker.review, but only inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("checker.review"):
            return False
        if isinstance(node, ast.Import) and any(a.name.startswith("checker.review") for a in node.names):
            return False
    return True


def test_no_module_outside_checker_review_imports_textual() -> None:
    offenders: list[str] = []
    modules = [p for p in PACKAGE.rglob("*.py") if (PACKAGE / "review") not in p.parents]
    assert len(modules) > 10
    for path in modules:
        offenders.extend(_textual_imports(path))
    assert offenders == []


def test_cli_review_imports_the_app_lazily() -> None:
    cli_review = PACKAGE / "cli" / "review.py"
    if cli_review.exists():
        assert _lazy_review_import_ok(cli_review)


BLOCKED = """
import sys

class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError("textual is blocked in this test")
        return None

sys.meta_path.insert(0, Block())
sys.modules["textual"] = None  # an import of textual now fails at once
import checker.cli, checker.service, checker.triage, checker.store.reviews, checker.config, checker.rulepack
from checker.cli import _register
_register()  # every command module, including `checker review`, registers without Textual
from checker.cli.common import app
names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
assert "review" in names, names
assert not any(m == "textual" or m.startswith("textual.") for m in sys.modules if sys.modules[m] is not None)
print("ok")
"""


def test_core_imports_with_textual_blocked() -> None:
    result = subprocess.run([sys.executable, "-c", BLOCKED], capture_output=True, text=True, timeout=120,
                            cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
