"""``checker rules``: every rule with its code, category, severity, documentation and settings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from checker.checks.packdoc import settings_table, value_text, write_pack
from checker.checks.registry import all_rules, checked_pack, enabled_rules
from checker.cli.common import LangOption, RulesOption, app, say, settings_from


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="只显示此代码（或前缀）的规则")] = None,
    extra_rules: RulesOption = None,
    lang: LangOption = None,
    write_pack_dir: Annotated[
        Path | None,
        typer.Option("--write-pack", help="把各规则的设置（默认值与说明）写入此目录的规则包文件，保留其中的数据表"),
    ] = None,
) -> None:
    """列出所有检查规则：代码、类别、级别、是否启用、说明及设置。"""
    settings = settings_from(rules=extra_rules, lang=lang)
    if write_pack_dir is not None:
        for path in write_pack(write_pack_dir, all_rules()):
            typer.echo(say(settings, f"已写入 {path}", f"wrote {path}"))
        return
    enabled = {r.code: r for r in enabled_rules(checked_pack(settings.rules))}
    for rule_code, cls in all_rules().items():
        if code and not rule_code.startswith(code):
            continue
        active = enabled.get(rule_code)
        state = f"{active.severity}" if active else "disabled"
        typer.echo(f"{rule_code}  {cls.name}  [{cls.category}, {state}]")
        if not code:
            typer.echo(f"    {cls.summary()}")
            continue
        typer.echo("    " + cls.help_text().replace("\n", "\n    "))
        typer.echo("")
        heading = say(settings, "设置（规则包中写在此代码下）：", "Settings (under this code in a rule pack):")
        typer.echo(f"    {heading}")
        rows = settings_table(cls, settings.lang)
        width = max(len(name) for name, *_ in rows)
        type_width = max(len(kind) for _, kind, *_ in rows)
        for name, kind, default, help_text in rows:
            current = value_text(getattr(active.settings, name)) if active else default
            pack_value = ""
            if current != default:
                pack_value = say(settings, f"（本规则包: {current}）", f" (this pack: {current})")
            typer.echo(f"      {name:<{width}}  {kind:<{type_width}}  = {default}{pack_value}")
            typer.echo(f"      {'':<{width}}  {help_text}")
