"""The ``checker`` command: one Typer app, one module per command group."""

from __future__ import annotations

import sys

import typer

from checker import __version__
from checker.cli.common import LangOption, app, fail, set_global_lang
from checker.errors import CheckerError


def _version(value: bool) -> None:
    if value:
        typer.echo(f"checker {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本并退出"),
    lang: LangOption = None,
) -> None:
    """checker：中文新闻稿件事实一致性检查工具（数字冲突、重复段落、人名地名错字、日期与算术错误）。"""
    set_global_lang(lang)


# Command name -> the module that registers it, in the order ``checker --help`` lists them.
COMMANDS = {
    "articles": "archive", "ingest": "ingest", "check": "check", "facts": "facts", "rules": "rulescmd",
    "review": "review", "db": "dbcmd", "findings": "findings", "baseline": "baseline", "eval": "evalcmd",
}
_OPTIONAL = {"findings", "baseline", "review", "evalcmd"}
# Options of the root command that take a value (``checker --lang en check …``).
_ROOT_VALUE_OPTIONS = {"--lang"}


def _import_command(module: str) -> None:
    try:
        __import__(f"checker.cli.{module}")
    except ModuleNotFoundError as exc:
        if module not in _OPTIONAL or exc.name != f"checker.cli.{module}":
            raise


def _register(argv: list[str] | None = None) -> None:
    """Import the command modules (importing one registers its commands on ``app``).

    When ``argv`` (the command line) names a command, only its module is imported: ``checker check``
    does not pay for the review app, triage or evaluation modules.  Otherwise (``--help``,
    no command, a typo) all of them are, so help and error messages list every command.
    """
    first = _command_name(argv or [])
    if first in COMMANDS:
        _import_command(COMMANDS[first])
        return
    for module in dict.fromkeys(COMMANDS.values()):
        _import_command(module)


def _command_name(argv: list[str]) -> str | None:
    """The first word of ``argv`` that is neither an option nor a root option's value."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _ROOT_VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main() -> None:
    _register(sys.argv[1:])
    try:
        app(prog_name="checker")
    except CheckerError as exc:
        fail(str(exc))
    sys.exit(0)
