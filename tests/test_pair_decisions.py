"""One decision per problem: a conflict between two articles is one finding whichever is checked,
and a finding a check no longer produces is kept as resolved with its decisions."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from checker.cli import _register
from checker.store.migrate import forget_ready
from checker.store.models import Finding, Review
from checker.store.session import get_engine, transaction
from tests.support import cli as run_cli

# Written for this test: two reports of the same county figure, one day apart, that disagree.
EARLIER = """# 云溪县春耕备耕有序推进

本报讯 记者从县农业农村局获悉，今年云溪县早稻计划种植面积为12.6万亩，目前秧苗长势良好。

县里组织农技人员深入田间地头，指导农户做好病虫害防治。
"""
LATER = """# 云溪县早稻插秧进入高峰期

本报讯 眼下正值早稻插秧时节，今年云溪县早稻计划种植面积为16.2万亩，各乡镇抢抓晴好天气插秧。

县农业农村局要求各地落实好种粮补贴政策。
"""
FIXED_LATER = LATER.replace("16.2万亩", "12.6万亩")


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CHECKER_DB", f"sqlite:///{tmp_path / 'newsroom.db'}")
    forget_ready()
    get_engine.cache_clear()
    _register()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "2024-03-20_spring.md").write_text(EARLIER, encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2024-03-21_planting.md").write_text(LATER, encoding="utf-8")
    return tmp_path


A = "a/2024-03-20_spring.md"
B = "b/2024-03-21_planting.md"


def cli(*args: str) -> tuple[int, str]:
    run = run_cli(*args)
    return run.code, run.out


def conflicts(out: str) -> list[dict[str, object]]:
    return [f for f in json.loads(out)["findings"] if f["rule"] == "NUM001"]


def touch(path: Path) -> None:
    """Re-save the file with one more blank line: new content, so it is re-ingested."""
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(path)


def test_a_conflict_decided_from_one_side_stays_decided_from_the_other(newsroom: Path) -> None:
    assert cli("ingest", A)[0] == 0
    code, out = cli("check", B, "--format", "json")
    assert code == 1
    (from_b,) = conflicts(out)
    assert from_b["location"]["path"] == B
    assert cli("findings", "accept", str(from_b["id"]))[0] == 0

    touch(newsroom / A)
    code, out = cli("check", A, "--format", "json")
    assert code == 0, out  # the pair was decided: nothing new and unreviewed
    (from_a,) = conflicts(out)
    assert from_a["location"]["path"] == A
    assert from_a["id"] == from_b["id"]
    assert from_a["status"] == "accepted"
    # One finding for the pair in the database, accepted.
    code, out = cli("findings", "list", "--format", "json")
    listed = [f for f in json.loads(out) if f["rule"] == "NUM001"]
    assert [(f["id"], f["status"]) for f in listed] == [(from_b["id"], "accepted")]

    # Checking both together still gives one finding, not one per side.
    touch(newsroom / B)
    code, out = cli("check", A, B, "--format", "json")
    assert code == 0, out
    assert [f["id"] for f in conflicts(out)] == [from_b["id"]]


def test_a_fixed_finding_is_kept_as_resolved_with_its_history(newsroom: Path) -> None:
    assert cli("ingest", A)[0] == 0
    code, out = cli("check", B, "--format", "json")
    (conflict,) = conflicts(out)
    assert cli("findings", "accept", str(conflict["id"]), "--note", "已通知作者")[0] == 0

    (newsroom / B).write_text(FIXED_LATER, encoding="utf-8")
    code, out = cli("check", B, "--format", "json")
    assert code == 0
    assert conflicts(out) == []

    code, out = cli("findings", "list", "--status", "resolved", "--format", "json")
    (resolved,) = [f for f in json.loads(out) if f["rule"] == "NUM001"]
    assert resolved["id"] == conflict["id"] and resolved["status"] == "resolved"
    assert resolved["review"]["note"] == "已通知作者"
    code, out = cli("findings", "list", "--format", "json")
    assert conflict["id"] not in {f["id"] for f in json.loads(out)}  # not among the open ones
    code, out = cli("findings", "show", str(conflict["id"]))
    assert code == 0 and "已解决" in out

    # The error comes back: the same finding, open again, still accepted.
    (newsroom / B).write_text(LATER, encoding="utf-8")
    code, out = cli("check", B, "--format", "json")
    assert code == 0
    (again,) = conflicts(out)
    assert again["id"] == conflict["id"] and again["status"] == "accepted"


def test_fixing_the_other_side_resolves_the_pair(newsroom: Path) -> None:
    assert cli("ingest", A)[0] == 0
    code, out = cli("check", B, "--format", "json")
    assert code == 1
    (conflict,) = conflicts(out)
    # A is corrected to B's figure and re-checked: B's finding no longer has its other side.
    (newsroom / A).write_text(EARLIER.replace("12.6万亩", "16.2万亩"), encoding="utf-8")
    code, out = cli("check", A, "--format", "json")
    assert code == 0 and conflicts(out) == []
    engine = get_engine(os.environ["CHECKER_DB"])
    with transaction(engine) as session:
        row = session.get(Finding, str(conflict["id"]))
        assert row is not None and row.resolved_at is not None
        assert session.scalars(select(Review).where(Review.finding_id == row.id)).all() == []
