"""Typed settings of the rules: one frozen dataclass per rule, the only place defaults live.

How a rule declares its settings
--------------------------------
Every rule class has a nested ``Settings``: a frozen dataclass that subclasses
:class:`RuleSettings` (which gives every rule ``enabled`` and ``severity``).  Each field is
declared with :func:`setting`, which holds the default and a one-line help in Chinese and
English; the annotation is the type a rule pack must give::

    class RepeatedSentence(Rule):
        @dataclass(frozen=True)
        class Settings(RuleSettings):
            severity: Severity = severity_setting("warning")
            min_chars: int = setting(10, zh="少于此字数的句子不比较", en="shorter sentences are ignored")

        settings: Settings  # so that ``self.settings.min_chars`` type-checks

The rule reads ``self.settings.min_chars`` and keeps no fallback of its own.  A rule pack
overrides fields with an entry for the code in any of its YAML files (``NUM001:`` in
``numbers.yaml``); :func:`parse_settings` rejects an unknown key (naming the nearest valid
one), a value of the wrong type and an unknown rule code, naming the file, and every command
that loads a pack exits 2 on it.  ``checker rules CODE`` prints the settings table from these
fields, and the settings blocks of the bundled ``rules/*.yaml`` are generated from them
(``checker rules --write-pack rules``; a test keeps the bundled files up to date).

Supported types: ``bool``, ``int``, ``float`` (an integer is accepted), ``str``, a ``Literal``
of strings (``Severity``), ``tuple[str, ...]`` (a YAML list) and ``dict[str, int]`` (a YAML
mapping, merged over the default mapping key by key).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args, get_origin

from checker.errors import UsageError
from checker.model import Severity

T = TypeVar("T")

SEVERITY_ZH = "报告级别"
SEVERITY_EN = "severity of the findings"

# A top-level key of a pack table naming a rule's settings (``DUP001``); anything shaped
# roughly like one (``NUM01``, ``num001``) is taken for a misspelt code, not for data.
RULE_CODE = re.compile(r"^[A-Z]{3}\d{3}$")
_CODE_LIKE = re.compile(r"^[A-Za-z]{2,4}\d{1,4}$")


def setting(default: T, *, zh: str, en: str) -> T:
    """A settings field: its default and a one-line help in Chinese and English."""
    meta = {"zh": zh, "en": en}
    if isinstance(default, dict):
        frozen = dict(default)
        return typing.cast(T, dataclasses.field(default_factory=lambda: dict(frozen), metadata=meta))
    return typing.cast(T, dataclasses.field(default=default, metadata=meta))


def severity_setting(default: Severity) -> Severity:
    """The ``severity`` field of a rule whose findings default to ``default``."""
    return setting(default, zh=SEVERITY_ZH, en=SEVERITY_EN)


@dataclass(frozen=True)
class RuleSettings:
    """What every rule has: whether it runs and how severe its findings are."""

    enabled: bool = setting(True, zh="是否启用此规则", en="run this rule")
    severity: Severity = setting("warning", zh=SEVERITY_ZH, en=SEVERITY_EN)


@dataclass(frozen=True)
class SettingInfo:
    """One field of a rule's settings, as ``checker rules CODE`` and the YAML comments show it."""

    name: str
    type_name: str
    default: Any
    zh: str
    en: str

    def help(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def fields_of(schema: type[RuleSettings]) -> list[SettingInfo]:
    """The fields of ``schema`` in declaration order, with their types and defaults."""
    hints = _hints(schema)
    defaults = schema()
    return [
        SettingInfo(f.name, _type_name(hints[f.name]), getattr(defaults, f.name), str(f.metadata.get("zh", "")),
                    str(f.metadata.get("en", "")))
        for f in dataclasses.fields(schema)
    ]


def parse_settings(schema: type[T], raw: Mapping[str, Any] | None, *, where: str) -> T:
    """``schema`` with the fields ``raw`` (a rule pack's entry) overrides, checked.

    ``where`` names the entry in errors (``rules/numbers.yaml: NUM001``).
    """
    assert dataclasses.is_dataclass(schema)
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise UsageError(f"{where}: 规则设置应为映射（键: 值）(rule settings must be a mapping), 得到 {raw!r}")
    hints = _hints(schema)
    defaults = schema()
    names = [f.name for f in dataclasses.fields(schema)]
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in hints:
            near = nearest(str(key), names)
            hint = (f"；是否应为 {near}？(did you mean {near}?)" if near
                    else f"；可用设置 (valid keys): {', '.join(names)}")
            raise UsageError(f"{where}: 未知设置 (unknown setting) {key!r}{hint}")
        values[key] = _coerce(value, hints[key], getattr(defaults, key), f"{where}.{key}")
    return schema(**values)


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to a misspelt ``word`` (``severty`` -> ``severity``), if any is close."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not found:
        lowered = {c.lower(): c for c in choices}
        found = [lowered[m] for m in difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)]
    return found[0] if found else None


def code_entries(table: Any) -> Iterator[tuple[str, Any]]:
    """(key, value) of the top-level entries of one pack table that name (or look like) rule codes."""
    if isinstance(table, dict):
        for key, value in table.items():
            if isinstance(key, str) and (RULE_CODE.match(key) or (_CODE_LIKE.match(key) and isinstance(value, dict))):
                yield key, value


def check_codes(entries: Iterable[tuple[Path, str]], known: Iterable[str]) -> None:
    """Raise for the first (file, code) whose code names no rule, suggesting the nearest code."""
    codes = sorted(known)
    for path, code in entries:
        if code not in codes:
            near = nearest(code, codes)
            hint = f"；是否应为 {near}？(did you mean {near}?)" if near else ""
            raise UsageError(f"{path}: 未知规则代码 (unknown rule code) {code}{hint}")


def _hints(schema: type) -> dict[str, Any]:
    return typing.get_type_hints(schema)


def _type_name(tp: Any) -> str:
    origin = get_origin(tp)
    if origin is Literal:
        return " | ".join(str(a) for a in get_args(tp))
    if origin is tuple:
        return f"list[{_type_name(get_args(tp)[0])}]"
    if origin is dict:
        key, value = get_args(tp)
        return f"dict[{_type_name(key)}, {_type_name(value)}]"
    if origin in (typing.Union, types.UnionType):
        return " | ".join("null" if a is type(None) else _type_name(a) for a in get_args(tp))
    return getattr(tp, "__name__", str(tp))


def _coerce(value: Any, tp: Any, default: Any, where: str) -> Any:
    """``value`` as type ``tp``, or a UsageError naming ``where`` and what was expected."""
    origin = get_origin(tp)
    ok: bool
    if origin in (typing.Union, types.UnionType):
        args = get_args(tp)
        if value is None and type(None) in args:
            return None
        for arg in (a for a in args if a is not type(None)):
            try:
                return _coerce(value, arg, default, where)
            except UsageError:
                continue
        ok = False
    elif origin is Literal:
        ok = value in get_args(tp)
    elif origin is tuple:
        item = get_args(tp)[0]
        if isinstance(value, list | tuple):
            return tuple(_coerce(v, item, None, f"{where}[{n}]") for n, v in enumerate(value))
        ok = False
    elif origin is dict:
        key_type, value_type = get_args(tp)
        if isinstance(value, dict):
            merged = dict(default or {})
            for k, v in value.items():
                merged[_coerce(k, key_type, None, f"{where} 的键 (key)")] = _coerce(v, value_type, None, f"{where}.{k}")
            return merged
        ok = False
    elif tp is bool:
        ok = isinstance(value, bool)
    elif tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif tp is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        ok = False
    elif tp is str:
        ok = isinstance(value, str)
    else:  # pragma: no cover - a schema declared a type this module does not know
        raise TypeError(f"{where}: unsupported settings type {tp!r}")
    if not ok:
        raise UsageError(
            f"{where}: 类型错误 (wrong type)，应为 (expected) {_type_name(tp)}，实际为 (got) {value!r}"
        )
    return value
