"""Rule settings: one typed schema per rule, checked when a pack loads, documented from the schema."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.checks.packdoc import pack_texts
from checker.checks.registry import all_rules, checked_pack, enabled_rules, rule_settings
from checker.checks.settings import RuleSettings
from checker.cli import _register, app
from checker.errors import UsageError
from checker.resources import rules_dir
from checker.rulepack import clear_cache, load_pack

ARTICLE = "乙县新建两座公园\n\n本报讯 今年乙县新建两座公园，总面积达到12公顷。\n"


def _pack(tmp_path: Path, name: str, text: str) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir(exist_ok=True)
    (pack / name).write_text(text, encoding="utf-8")
    clear_cache()
    return pack


def test_every_rule_declares_a_frozen_settings_schema() -> None:
    for code, cls in all_rules().items():
        assert "Settings" in cls.__dict__, f"{code} declares no Settings of its own"
        schema = cls.Settings
        assert issubclass(schema, RuleSettings) and dataclasses.is_dataclass(schema)
        assert schema.__dataclass_params__.frozen, f"{code}.Settings is not frozen"  # type: ignore[attr-defined]
        for f in dataclasses.fields(schema):
            assert f.metadata.get("zh") and f.metadata.get("en"), f"{code}.{f.name} has no help text"
        # Defaults live only in the schema: no class-level dict of defaults left beside it.
        assert not hasattr(cls, "defaults"), f"{code} still has a defaults dict"
        assert "default_severity" not in cls.__dict__, f"{code} sets default_severity outside its schema"


def test_bundled_pack_settings_equal_the_schema_defaults() -> None:
    for code, settings in rule_settings(load_pack()).items():
        assert settings == all_rules()[code].Settings(), code


def test_bundled_yaml_settings_blocks_are_generated_from_the_schemas() -> None:
    stale = [p.name for p, text in pack_texts(rules_dir(), all_rules()).items()
             if not p.is_file() or p.read_text(encoding="utf-8") != text]
    assert not stale, f"run `checker rules --write-pack rules`: {stale} out of date"


def test_user_pack_overrides_and_merges(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "mine.yaml", "NUM001: {severity: warning, max_related: 5}\n"
                                        "NAM001: {min_length: {person: 3}}\nDUP004: {enabled: false}\n")
    loaded = checked_pack([pack])
    settings = rule_settings(loaded)
    assert settings["NUM001"].severity == "warning"
    assert settings["NUM001"].max_related == 5  # type: ignore[attr-defined]
    assert settings["NUM001"].timeless_undated is True  # type: ignore[attr-defined]
    # A mapping merges over the default mapping key by key.
    assert settings["NAM001"].min_length == {"person": 3, "place": 3, "org": 4, "name": 4}  # type: ignore[attr-defined]
    codes = {r.code for r in enabled_rules(loaded)}
    assert "DUP004" not in codes and "NUM001" in codes


@pytest.mark.parametrize(("text", "fragments"), [
    ("NUM001: {severty: warning}\n", ["NUM001", "severty", "severity"]),
    ("NUM001: {severity: fatal}\n", ["NUM001", "severity", "fatal", "error | warning | info"]),
    ("DUP001: {min_chars: ten}\n", ["DUP001", "min_chars", "int", "ten"]),
    ("DUP004: {enabled: 1}\n", ["DUP004", "enabled", "bool"]),
    ("NUM001: {stable_measures: 面积}\n", ["NUM001", "stable_measures", "list[str]"]),
    ("NAM001: {min_length: {person: two}}\n", ["NAM001", "min_length.person", "int"]),
    ("NUM01: {severity: warning}\n", ["NUM01", "NUM001"]),
    ("NUM009: {severity: warning}\n", ["NUM009", "未知规则代码"]),
    ("NUM001: warning\n", ["NUM001", "映射"]),
], ids=["key", "choice", "int", "bool", "list", "dict", "code-typo", "code", "not-mapping"])
def test_bad_settings_name_file_rule_and_key(tmp_path: Path, text: str, fragments: list[str]) -> None:
    pack = _pack(tmp_path, "numbers.yaml", text)
    with pytest.raises(UsageError) as caught:
        checked_pack([pack])
    message = str(caught.value)
    assert str(pack / "numbers.yaml") in message
    for fragment in fragments:
        assert fragment in message, message


def test_int_is_accepted_for_a_float_setting(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "x.yaml", "ARI002: {tolerance: 1}\n")
    assert rule_settings(checked_pack([pack]))["ARI002"].tolerance == 1.0  # type: ignore[attr-defined]


def test_check_with_misspelt_setting_exits_2_naming_it(tmp_path: Path) -> None:
    """The real entry point (``python -m checker``), as an editor runs it: nothing is stored."""
    pack = _pack(tmp_path, "numbers.yaml", "NUM001:\n  severty: warning\n")
    article = tmp_path / "稿件.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "a.db"
    run = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(article), "--rules", str(pack), "--db", f"sqlite:///{db}",
         "--date", "2024-05-20"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    assert run.returncode == 2, run.stdout + run.stderr
    assert "severty" in run.stderr and "NUM001" in run.stderr and "numbers.yaml" in run.stderr
    assert "severity" in run.stderr  # the nearest valid key


def test_config_file_pack_is_checked_by_every_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = _pack(tmp_path, "typos.yaml", "TYP002: {alowed: 乾}\n")
    (tmp_path / "checker.toml").write_text(f'rules = ["{pack.name}"]\ndb = "sqlite:///{tmp_path / "b.db"}"\n',
                                           encoding="utf-8")
    article = tmp_path / "稿件.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _register()
    runner = CliRunner()
    for args in (["check", str(article), "--date", "2024-05-20"], ["rules"], ["rules", "TYP002"]):
        result = runner.invoke(app, args)
        assert isinstance(result.exception, UsageError), (args, result.output)
        assert "alowed" in str(result.exception) and "allowed" in str(result.exception)


def test_rules_command_prints_the_settings_table(tmp_path: Path) -> None:
    _register()
    runner = CliRunner()
    zh = runner.invoke(app, ["rules", "DUP001"])
    assert zh.exit_code == 0, zh.output
    assert "min_chars" in zh.output and "少于此字数的句子不比较" in zh.output and "= 10" in zh.output
    en = runner.invoke(app, ["rules", "DUP001", "--lang", "en"])
    assert "shorter sentences are ignored" in en.output and "少于此字数" not in en.output
    pack = _pack(tmp_path, "d.yaml", "DUP001: {min_chars: 12}\n")
    mine = runner.invoke(app, ["rules", "DUP001", "--rules", str(pack)])
    assert "= 10（本规则包: 12）" in mine.output


def test_write_pack_keeps_data_tables(tmp_path: Path) -> None:
    target = tmp_path / "newsroom"
    target.mkdir()
    (target / "duplicates.yaml").write_text("reduplication_whitelist: [看看]\n", encoding="utf-8")
    _register()
    result = CliRunner().invoke(app, ["rules", "--write-pack", str(target)])
    assert result.exit_code == 0, result.output
    text = (target / "duplicates.yaml").read_text(encoding="utf-8")
    assert "reduplication_whitelist: [看看]" in text and "DUP001:" in text
    clear_cache()
    assert rule_settings(checked_pack([target])) == rule_settings(load_pack())
    again = CliRunner().invoke(app, ["rules", "--write-pack", str(target)])
    assert again.output == ""  # nothing changed the second time
