"""``checker rules``: every rule with its code, category, severity, documentation and settings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from checker.checks.packdoc import value_text, write_pack
from checker.checks.registry import all_rules, checked_pack, enabled_rules
from checker.checks.settings import fields_of
from checker.cli.common import LangOption, RulesOption, app, check_choice, rule_codes, say, settings_from

FORMATS = ("text", "json")


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="只显示此代码（或前缀）的规则")] = None,
    extra_rules: RulesOption = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text",
    lang: LangOption = None,
    write_pack_dir: Annotated[
        Path | None,
        typer.Option("--write-pack", help="把各规则的设置（默认值与说明）写入此目录的规则包文件，保留其中的数据表"),
    ] = None,
) -> None:
    """列出所有检查规则：代码、类别、级别、是否启用、说明及设置。"""
    settings = settings_from(rules=extra_rules, lang=lang)
    check_choice(settings, "--format", output_format, FORMATS)
    if write_pack_dir is not None:
        for path in write_pack(write_pack_dir, all_rules()):
            typer.echo(say(settings, f"已写入 {path}", f"wrote {path}"))
        return
    prefix = rule_codes(settings, None, [code])[0] if code else ""
    enabled = {r.code: r for r in enabled_rules(checked_pack(settings.rules))}
    shown: list[dict[str, Any]] = []
    for rule_code, cls in all_rules().items():
        if not rule_code.startswith(prefix):
            continue
        active = enabled.get(rule_code)
        rule_settings = [
            {"name": info.name, "type": info.type_name, "default": info.default,
             "value": getattr(active.settings, info.name) if active else info.default, "help": info.help(settings.lang)}
            for info in fields_of(cls.Settings)
        ]
        shown.append({
            "code": rule_code, "name": cls.name, "category": cls.category,
            "severity": active.severity if active else None, "enabled": active is not None,
            "summary": cls.summary(), "help": cls.help_text(), "settings": rule_settings,
        })
    if output_format == "json":
        typer.echo(json.dumps(shown, ensure_ascii=False, indent=2, default=_jsonable))
        return
    for rule in shown:
        typer.echo(f"{rule['code']}  {rule['name']}  [{rule['category']}, {rule['severity'] or 'disabled'}]")
        if not code:
            typer.echo(f"    {rule['summary']}")
            continue
        typer.echo("    " + str(rule["help"]).replace("\n", "\n    "))
        typer.echo("")
        heading = say(settings, "设置（规则包中写在此代码下）：", "Settings (under this code in a rule pack):")
        typer.echo(f"    {heading}")
        rows = rule["settings"]
        width = max(len(s["name"]) for s in rows)
        type_width = max(len(s["type"]) for s in rows)
        for s in rows:
            default, current = value_text(s["default"]), value_text(s["value"])
            pack_value = ""
            if current != default:
                pack_value = say(settings, f"（本规则包: {current}）", f" (this pack: {current})")
            typer.echo(f"      {s['name']:<{width}}  {s['type']:<{type_width}}  = {default}{pack_value}")
            typer.echo(f"      {'':<{width}}  {s['help']}")


def _jsonable(value: object) -> object:
    """Setting values JSON has no type for (sets, frozen sets) as lists."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    raise TypeError(f"not JSON serialisable: {value!r}")
