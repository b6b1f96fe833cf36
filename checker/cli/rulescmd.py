"""``checker rules``: every rule with its code, category, severity and documentation."""

from __future__ import annotations

from typing import Annotated

import typer

from checker.checks.registry import all_rules, enabled_rules
from checker.cli.common import LangOption, RulesOption, app, settings_from
from checker.rulepack import load_pack


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="只显示此代码（或前缀）的规则")] = None,
    extra_rules: RulesOption = None,
    lang: LangOption = None,
) -> None:
    """列出所有检查规则：代码、类别、级别、是否启用及说明。"""
    settings = settings_from(rules=extra_rules, lang=lang)
    enabled = {r.code: r for r in enabled_rules(load_pack(settings.rules))}
    for rule_code, cls in all_rules().items():
        if code and not rule_code.startswith(code):
            continue
        active = enabled.get(rule_code)
        state = f"{active.severity}" if active else "disabled"
        typer.echo(f"{rule_code}  {cls.name}  [{cls.category}, {state}]")
        if code:
            typer.echo("    " + cls.help_text().replace("\n", "\n    "))
        else:
            typer.echo(f"    {cls.summary()}")
