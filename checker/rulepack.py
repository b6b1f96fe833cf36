"""Rule packs: the YAML tables in ``rules/`` that an editor can read and extend.

A pack is a directory of ``*.yaml`` files.  Each file is one table named by its
stem (``units.yaml`` -> ``units``).  Packs are layered: the bundled pack first,
then every ``--rules DIR`` or configured directory.  A later pack's table is
merged into the earlier one: mappings merge key by key, lists are extended
(duplicates dropped), scalars are replaced.  A mapping may say ``replace: true``
to replace the earlier table instead of merging into it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from checker.errors import UsageError
from checker.resources import rules_dir


def strings(value: Any) -> list[str]:
    """A table entry as a list of strings: a single string, a list, or nothing."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        if extra.get("replace") is True:
            return {k: v for k, v in extra.items() if k != "replace"}
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        out = list(base)
        for item in extra:
            if item not in out:
                out.append(item)
        return out
    return extra


_T = TypeVar("_T")


class RulePack:
    """The merged tables of one or more rule-pack directories."""

    def __init__(
        self, tables: dict[str, Any], sources: Sequence[Path], files: Sequence[tuple[Path, Any]] = ()
    ) -> None:
        self._tables = tables
        self.sources = list(sources)
        # Each file's own table, in load order: errors name the file a bad entry came from.
        self.files = list(files)
        # What modules build from this pack's tables (word sets, patterns), built once per pack.
        self._built: dict[str, Any] = {}

    def table(self, name: str, default: Any = None) -> Any:
        return self._tables.get(name, default)

    def built(self, key: str, build: Callable[[RulePack], _T]) -> _T:
        """``build(self)``, computed once per pack and kept under ``key``."""
        if key not in self._built:
            self._built[key] = build(self)
        value: _T = self._built[key]
        return value

    def entries(self, name: str, key: str) -> list[str]:
        """The list under ``key`` of table ``name`` as strings (empty when either is missing)."""
        table = self._tables.get(name)
        return strings(table.get(key)) if isinstance(table, dict) else []

    def names(self) -> list[str]:
        return sorted(self._tables)

    @property
    def user_dir(self) -> Path | None:
        """The last non-bundled pack: where the review UI writes suppressions."""
        bundled = rules_dir().resolve()
        user = [p for p in self.sources if p.resolve() != bundled]
        return user[-1] if user else None


# libyaml's parser when PyYAML was built with it: the bundled pack parses in ~40 ms instead
# of ~400 ms, which every `checker check` process pays.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str) -> Any:
    """``yaml.safe_load`` with the fastest safe loader available."""
    return yaml.load(text, Loader=_YAML_LOADER)


def _read_dir(directory: Path) -> dict[Path, Any]:
    if not directory.is_dir():
        raise UsageError(f"{directory}: 规则包目录不存在 (rule pack directory not found)")
    tables: dict[Path, Any] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            data = read_yaml(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: 规则文件无法解析 (cannot parse rule file): {exc}") from exc
        tables[path] = data if data is not None else {}
    return tables


def load_pack(extra_dirs: Iterable[str | Path] = ()) -> RulePack:
    """Bundled pack merged with ``extra_dirs`` in order."""
    dirs = [rules_dir(), *(Path(d) for d in extra_dirs)]
    return _load_cached(tuple(str(d) for d in dirs))


@lru_cache(maxsize=8)
def _load_cached(dirs: tuple[str, ...]) -> RulePack:
    tables: dict[str, Any] = {}
    files: list[tuple[Path, Any]] = []
    for d in dirs:
        for path, data in _read_dir(Path(d)).items():
            name = path.stem
            tables[name] = _merge(tables[name], data) if name in tables else data
            files.append((path, data))
    return RulePack(tables, [Path(d) for d in dirs], files)


_DEFAULT: list[RulePack] = []


def default_pack() -> RulePack:
    """The bundled pack alone; extractors call this per sentence, so it is kept at hand."""
    if not _DEFAULT:
        _DEFAULT.append(load_pack())
    return _DEFAULT[0]


def clear_cache() -> None:
    """Forget loaded packs (after the review UI writes a suppression, or in tests)."""
    _load_cached.cache_clear()
    _DEFAULT.clear()


# ---------------------------------------------------------------- lexical lists
# Each list lives in one table of the pack (``rules/*.yaml``); every module that needs one
# takes it from here, so a word an editor adds in a user pack reaches all of them.


@dataclass(frozen=True)
class Surnames:
    """``surnames.yaml``: one-character (``single``) and compound (``double``) surnames."""

    single: frozenset[str]
    double: frozenset[str]

    def length_at(self, text: str, pos: int = 0) -> int:
        """Length of the surname ``text`` has at ``pos``: 2 (compound), 1, or 0 (none)."""
        if text[pos : pos + 2] in self.double:
            return 2
        return 1 if text[pos : pos + 1] in self.single else 0

    def starts(self, name: str) -> bool:
        """Whether ``name`` begins with a surname."""
        return self.length_at(name) > 0


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({w for w in words if w}, key=lambda w: (-len(w), w)))


def surnames(pack: RulePack) -> Surnames:
    """The pack's surnames (``surnames.yaml``)."""
    return pack.built("surnames", lambda p: Surnames(
        single=frozenset(p.entries("surnames", "single")), double=frozenset(p.entries("surnames", "double"))
    ))


def speech_verbs(pack: RulePack) -> tuple[str, ...]:
    """Verbs that follow a speaker's name ("…表示", "…告诉记者"), longest first (``speech.yaml``)."""
    return pack.built("speech_verbs", lambda p: _longest_first(p.entries("speech", "verbs")))


def titles(pack: RulePack) -> tuple[str, ...]:
    """Job titles and roles that introduce a name, longest first (``titles.yaml`` ``titles``)."""
    return pack.built("titles", lambda p: _longest_first(p.entries("titles", "titles")))


# The review UI's "suppress" writes ``suppressions.yaml`` into the user's pack as
# ``suppress: {RULE: [phrases]}`` (under a key, so it is not read as rule settings).
SUPPRESS_KEY = "suppress"


def suppressed_phrases(pack: RulePack) -> dict[str, set[str]]:
    """Phrases the review UI suppressed, by rule code (the ``suppressions`` table of the pack)."""
    table = pack.table("suppressions") or {}
    out: dict[str, set[str]] = {}
    if isinstance(table, dict):
        inner = table.get(SUPPRESS_KEY, {})
        for code, phrases in (inner if isinstance(inner, dict) else {}).items():
            if isinstance(phrases, list):
                out.setdefault(str(code), set()).update(str(p) for p in phrases)
    return out
