"""Every registered rule has fixtures (pass and fail cases), a settings schema of its own and a
docstring with What it catches / Why / Example sections, which ``checker rules CODE`` shows."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from pathlib import Path

import pytest

from checker.checks.registry import all_rules
from checker.checks.settings import RuleSettings
from checker.cli import _register
from tests.rules.test_rule_fixtures import fixture_files, load_fixture
from tests.support import cli

SECTIONS = ("What it catches:", "Why:", "Example:")


def rule_problems(rules: Mapping[str, type], fixtures: Mapping[str, Path]) -> list[str]:
    """What each rule lacks (fixtures, cases, schema, docstring sections), one line each."""
    problems: list[str] = []
    for code, cls in rules.items():
        path = fixtures.get(code)
        if path is None:
            problems.append(f"{code}: no fixture file tests/rules/{code}.yaml")
        else:
            cases = load_fixture(path)
            problems += [f"{code}: no {kind} case in {path.name}" for kind in ("pass", "fail") if not cases[kind]]
        schema = cls.__dict__.get("Settings")
        if not (isinstance(schema, type) and issubclass(schema, RuleSettings)):
            problems.append(f"{code}: no settings schema of its own (a RuleSettings subclass named Settings)")
        doc = inspect.getdoc(cls) or ""
        problems += [f"{code}: docstring has no '{section}' section" for section in SECTIONS if section not in doc]
    problems += [f"tests/rules/{code}.yaml: no rule {code}" for code in fixtures if code not in rules]
    return problems


def test_every_rule_has_fixtures_a_schema_and_a_sectioned_docstring() -> None:
    problems = rule_problems(all_rules(), fixture_files())
    assert not problems, "\n".join(problems)


def test_a_rule_added_without_fixtures_fails_the_check() -> None:
    class Settings(RuleSettings):
        pass

    bare = type("NewRule", (), {"__doc__": "A new rule.\n\nWhat it catches: x.\n\nWhy: y.", "Settings": Settings})
    problems = rule_problems({**all_rules(), "ZZZ999": bare}, fixture_files())
    assert problems == [
        "ZZZ999: no fixture file tests/rules/ZZZ999.yaml",
        "ZZZ999: docstring has no 'Example:' section",
    ]


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_rules_command_shows_the_sections(code: str) -> None:
    _register()
    run = cli("rules", code)
    assert run.code == 0, run.err
    for section in SECTIONS:
        assert section in run.out, (code, section)
