"""The ``checker`` command: one Typer app, one module per command group."""

from __future__ import annotations

import sys

import typer

from checker import __version__
from checker.cli.common import app, fail
from checker.errors import CheckerError


def _version(value: bool) -> None:
    if value:
        typer.echo(f"checker {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本并退出"),
) -> None:
    """checker：中文新闻稿件事实一致性检查工具（数字冲突、重复段落、人名地名错字、日期与算术错误）。"""


def _register() -> None:
    # Importing a command module registers its commands on ``app``.
    from checker.cli import archive, check, dbcmd, facts, ingest, rulescmd  # noqa: F401

    for optional in ("findings", "baseline", "review", "evalcmd"):
        try:
            __import__(f"checker.cli.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"checker.cli.{optional}":
                raise


def main() -> None:
    _register()
    try:
        app(prog_name="checker")
    except CheckerError as exc:
        fail(str(exc))
    sys.exit(0)
