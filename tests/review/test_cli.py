"""``checker review`` on the command line, and the dismiss-then-CI round trip through the real pipeline."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from checker.cli import _register
from checker.cli.common import app
from checker.review.app import ReviewApp
from tests.review.conftest import Archive, settle
from tests.support import check_texts, fresh_engine

runner = CliRunner()


@pytest.fixture(autouse=True)
def _commands() -> None:
    _register()


def test_review_command_builds_the_app(archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_run(self: ReviewApp, *args: Any, **kwargs: Any) -> None:
        seen.update(paths=self.paths, reviewer=self.reviewer, rules_dir=self.rules_dir, lang=self.lang,
                    check=self.check_on_start)

    monkeypatch.setattr(ReviewApp, "run", fake_run)
    pack = tmp_path / "pack"
    pack.mkdir()
    result = runner.invoke(app, ["review", "--db", archive.url, "--reviewer", "张编辑", "--rules", str(pack),
                                 "--lang", "en", "--check", str(archive.path_a)])
    assert result.exit_code == 0, result.output
    assert seen == {"paths": [str(archive.path_a)], "reviewer": "张编辑", "rules_dir": pack.resolve(),
                    "lang": "en", "check": True}


def test_review_help_is_chinese() -> None:
    result = runner.invoke(app, ["review", "--help"])
    assert result.exit_code == 0
    assert "审稿" in result.output and "--reviewer" in result.output


CONFLICT_A = "东湖大桥通车\n\n本报讯 东湖大桥今天通车，全长1200米，总投资18亿元。\n"
# 2024-05-14 was a Tuesday: the weekday written here is wrong (DAT001).
CONFLICT_B = "东湖大桥正式通车\n\n本报讯 2024年5月14日（星期三），东湖大桥正式通车，全长1500米，总投资18亿元。\n"


def test_dismissed_in_the_app_then_check_exits_zero(tmp_path: Path) -> None:
    engine = fresh_engine(tmp_path)
    findings = check_texts(tmp_path, {"b.txt": CONFLICT_B}, archive={"a.txt": CONFLICT_A}, engine=engine)
    assert findings, "the planted wrong weekday must be found"
    url = engine.url.render_as_string(hide_password=False)
    new_file = tmp_path / "new" / "b.txt"
    before = runner.invoke(app, ["check", "--db", url, "--fail-on", "info", str(new_file)])
    assert before.exit_code == 1, before.output

    async def dismiss_all() -> None:
        review = ReviewApp(engine, reviewer="测试编辑", refresh_seconds=None)
        async with review.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("t")  # open findings only: each dismissed one leaves the list
            for _ in range(len(review.review.items)):
                await pilot.press("g", "d")
                await settle(pilot)
            assert review.review.shown == []
            assert all(i.status == "dismissed" for i in review.review.items)

    asyncio.run(dismiss_all())

    async def reopen() -> None:
        review = ReviewApp(engine, reviewer="测试编辑", refresh_seconds=None)
        async with review.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert review.review.items and all(i.status == "dismissed" for i in review.review.items)

    asyncio.run(reopen())
    after = runner.invoke(app, ["check", "--db", url, "--fail-on", "info", str(new_file)])
    assert after.exit_code == 0, after.output
