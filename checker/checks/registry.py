"""All rules, by code; which are enabled and with what settings comes from the rule pack."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import checker.checks as checks_package
from checker.checks.base import Rule
from checker.checks.settings import RuleSettings, check_codes, code_entries, parse_settings
from checker.rulepack import RulePack, load_pack

# Modules of checker.checks that hold no rules.
_INFRASTRUCTURE = {"base", "packdoc", "registry", "runner", "settings"}


def _subclasses(cls: type[Rule]) -> list[type[Rule]]:
    out = []
    for sub in cls.__subclasses__():
        if "code" in sub.__dict__:
            out.append(sub)
        out.extend(_subclasses(sub))
    return out


@lru_cache(maxsize=1)
def all_rules() -> dict[str, type[Rule]]:
    """Every rule class by code, importing each rule-family module of checker.checks once."""
    for module in pkgutil.iter_modules(checks_package.__path__):
        if module.name not in _INFRASTRUCTURE:
            importlib.import_module(f"checker.checks.{module.name}")
    rules: dict[str, type[Rule]] = {}
    for cls in _subclasses(Rule):
        if cls.code in rules and rules[cls.code] is not cls:
            raise RuntimeError(f"rule code {cls.code} is used twice")
        rules[cls.code] = cls
    return dict(sorted(rules.items()))


def _raw_settings(pack: RulePack) -> dict[str, tuple[dict[str, Any], Path | None]]:
    """Each rule code's entry in the pack, merged over the pack's files, with the file that
    set it last; every file's entry checked on the way (unknown code, key or type: UsageError).

    Each family's file (``duplicates.yaml``, ``numbers.yaml`` ...) holds its rules'
    settings next to the data they use (whitelists, confusion tables).
    """
    known = all_rules()
    out: dict[str, tuple[dict[str, Any], Path | None]] = {}
    for path, table in pack.files:
        entries = list(code_entries(table))
        check_codes(((path, code) for code, _ in entries), known)
        for code, value in entries:
            where = f"{path}: {code}"
            parse_settings(known[code].Settings, value, where=where)  # names this file on an error
            merged = dict(out[code][0]) if code in out else {}
            merged.update(value or {})
            out[code] = (merged, path)
    return out


# Settings parsed once per loaded pack (a pack is not changed once loaded; reloading makes a new one).
_SETTINGS: WeakKeyDictionary[RulePack, dict[str, RuleSettings]] = WeakKeyDictionary()


def rule_settings(pack: RulePack) -> dict[str, RuleSettings]:
    """The settings of every rule: its schema's defaults with the pack's entry for the code over them.

    Parsed once per pack (each check run asks: about 4 ms a time otherwise).
    """
    cached = _SETTINGS.get(pack)
    if cached is None:
        raw = _raw_settings(pack)
        cached = {}
        for code, cls in all_rules().items():
            values, path = raw.get(code, ({}, None))
            cached[code] = parse_settings(cls.Settings, values, where=f"{path or '(rules)'}: {code}")
        _SETTINGS[pack] = cached
    return dict(cached)


def validate_pack(pack: RulePack) -> RulePack:
    """``pack`` itself once its rule settings check out (else a UsageError naming file, rule, key)."""
    rule_settings(pack)
    return pack


def checked_pack(extra_dirs: Iterable[str | Path] = ()) -> RulePack:
    """The bundled pack merged with ``extra_dirs``, its rule settings checked: what commands load."""
    return validate_pack(load_pack(extra_dirs))


def enabled_rules(
    pack: RulePack, select: set[str] | None = None, ignore: set[str] | None = None
) -> list[Rule]:
    """Instances of the rules the pack enables, each with its settings.

    ``select``/``ignore`` take codes or prefixes (``DUP``, ``NUM001``), as ruff does.
    """
    config = rule_settings(pack)
    out: list[Rule] = []
    for code, cls in all_rules().items():
        if select and not any(code.startswith(s) for s in select):
            continue
        if ignore and any(code.startswith(s) for s in ignore):
            continue
        if not config[code].enabled:
            continue
        out.append(cls(pack, config[code]))
    return out
