"""The rules' settings as documentation: the table of ``checker rules CODE`` and the settings
blocks of the rule-pack YAML files, both generated from the schemas (:mod:`checker.checks.settings`).

Each rule family's file (``duplicates.yaml`` for :mod:`checker.checks.duplicates` ...) holds its
rules' settings between two marker lines; :func:`write_pack` rewrites what is between them
(or writes a new file with the block alone) and leaves the data tables of the file as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from checker.checks.base import Rule
from checker.checks.settings import fields_of

BEGIN = "# >>> 规则设置：由代码中各规则的 Settings 生成，请勿手改（checker rules --write-pack 目录）"
BEGIN_EN = "# >>> rule settings, generated from the rules' Settings schemas: do not edit by hand"
END = "# <<< 规则设置结束 / end of the generated rule settings"


def family_of(cls: type[Rule]) -> str:
    """The pack file of a rule's settings: its module's name (``numbers`` -> ``numbers.yaml``),
    or its package's for a rule family that is a package (``checker.checks.names.rule`` -> ``names.yaml``)."""
    module = cls.__module__
    if module.startswith("checker.checks."):
        return module.removeprefix("checker.checks.").split(".", 1)[0]
    return module.rsplit(".", 1)[-1]


def value_text(value: Any) -> str:
    """``value`` as a one-line YAML flow value."""
    if isinstance(value, tuple):
        value = list(value)
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6, sort_keys=False)
    return text.strip().removesuffix("...").strip()


def settings_block(rules: Iterable[type[Rule]]) -> str:
    """The YAML of ``rules``' settings, every key with its default and its help as comments."""
    lines = [BEGIN, BEGIN_EN]
    for cls in rules:
        lines.append(f"{cls.code}:  # {cls.name}: {cls.summary()}")
        for info in fields_of(cls.Settings):
            lines.append(f"  # {info.zh}")
            lines.append(f"  #   {info.en} ({info.type_name})")
            lines.append(f"  {info.name}: {value_text(info.default)}")
        lines.append("")
    lines[-1] = END
    return "\n".join(lines) + "\n"


def with_settings_block(text: str | None, block: str) -> str:
    """``text`` (a pack file, or None for a new one) with its settings block replaced by ``block``."""
    if not text:
        return block
    lines = text.splitlines(keepends=True)
    starts = [n for n, line in enumerate(lines) if line.startswith("# >>>")]
    ends = [n for n, line in enumerate(lines) if line.startswith("# <<<")]
    if not starts or not ends or ends[-1] < starts[0]:
        return block + "\n" + text
    return "".join(lines[: starts[0]]) + block + "".join(lines[ends[-1] + 1 :])


def by_family(rules: Mapping[str, type[Rule]]) -> dict[str, list[type[Rule]]]:
    out: dict[str, list[type[Rule]]] = {}
    for cls in rules.values():
        out.setdefault(family_of(cls), []).append(cls)
    return out


def pack_texts(directory: Path, rules: Mapping[str, type[Rule]]) -> dict[Path, str]:
    """What each family file of ``directory`` should hold: its text with a fresh settings block."""
    out: dict[Path, str] = {}
    for family, classes in by_family(rules).items():
        path = directory / f"{family}.yaml"
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        out[path] = with_settings_block(current, settings_block(classes))
    return out


def write_pack(directory: Path, rules: Mapping[str, type[Rule]]) -> list[Path]:
    """Write the settings blocks of ``rules`` into ``directory``; the files that changed."""
    directory.mkdir(parents=True, exist_ok=True)
    changed = []
    for path, text in pack_texts(directory, rules).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
