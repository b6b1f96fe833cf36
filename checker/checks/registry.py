"""All rules, by code; which are enabled and with what settings comes from the rule pack."""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache
from typing import Any

import checker.checks as checks_package
from checker.checks.base import Rule
from checker.errors import UsageError
from checker.rulepack import RulePack

# Modules of checker.checks that hold no rules.
_INFRASTRUCTURE = {"base", "registry", "runner"}


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


RULE_CODE = re.compile(r"^[A-Z]{3}\d{3}$")


def rule_settings(pack: RulePack) -> dict[str, dict[str, Any]]:
    """Settings per rule code, from any table of the pack with a top-level key like ``DUP001``.

    Each family's file (``duplicates.yaml``, ``numbers.yaml`` ...) holds its rules'
    settings next to the data they use (whitelists, confusion tables).
    """
    out: dict[str, dict[str, Any]] = {}
    for name in pack.names():
        table = pack.table(name)
        if not isinstance(table, dict):
            continue
        for key, value in table.items():
            if isinstance(key, str) and RULE_CODE.match(key):
                out.setdefault(key, {}).update(value or {})
    return out


def enabled_rules(
    pack: RulePack, select: set[str] | None = None, ignore: set[str] | None = None
) -> list[Rule]:
    """Instances of the rules the pack enables, each with its settings.

    ``select``/``ignore`` take codes or prefixes (``DUP``, ``NUM001``), as ruff does.
    """
    config = rule_settings(pack)
    known = all_rules()
    for code in config:
        if code not in known:
            raise UsageError(f"规则包中有未知规则代码 (unknown rule code in rule pack): {code}")
    out: list[Rule] = []
    for code, cls in known.items():
        settings = dict(config.get(code) or {})
        if select and not any(code.startswith(s) for s in select):
            continue
        if ignore and any(code.startswith(s) for s in ignore):
            continue
        if not settings.pop("enabled", True):
            continue
        out.append(cls(pack, settings))
    return out
