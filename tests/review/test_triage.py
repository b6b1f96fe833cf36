"""The Textual-free review layer: filters, decisions, passages, suppressions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker import triage
from checker.errors import ReviewConflict, UsageError
from checker.rulepack import load_pack, suppressed_phrases
from tests.review.conftest import Archive


def test_load_items_and_counts(archive: Archive) -> None:
    items = triage.load_items(archive.engine)
    assert [i.rule for i in items] == ["TYP001", "NUM001", "NAM001", "DUP001", "DAT001"]
    assert triage.counts(items) == {"new": 5, "accepted": 0, "dismissed": 0, "resolved": 0}
    only_a = triage.load_items(archive.engine, [str(archive.path_a)])
    assert [i.id for i in only_a] == [archive.ids["typ"]]
    whole_dir = triage.load_items(archive.engine, [str(archive.path_a.parent)])
    assert len(whole_dir) == 5


def test_filters(archive: Archive) -> None:
    items = triage.load_items(archive.engine)
    assert [i.rule for i in triage.apply(items, triage.Filters(text="李华"))] == ["NAM001"]  # the related text
    assert [i.rule for i in triage.apply(items, triage.Filters(text="nam001"))] == ["NAM001"]
    assert [i.rule for i in triage.apply(items, triage.Filters(category="date"))] == ["DAT001"]
    assert len(triage.apply(items, triage.Filters(severity="error", article_id=items[1].article_id))) == 2
    assert triage.Filters(text="x", status="new").describe() == "“x” · 待处理"
    assert triage.Filters(status="new").describe("en") == "open"


def test_cycle() -> None:
    assert triage.cycle(None, ("a", "b")) == "a"
    assert triage.cycle("a", ("a", "b")) == "b"
    assert triage.cycle("b", ("a", "b")) is None


def test_record_and_conflict(archive: Archive) -> None:
    fid = archive.ids["num"]
    state = triage.record(archive.engine, fid, "accept", reviewer="甲", expected_seq=0)
    assert (state.status, state.seq, state.reviewer) == ("accepted", 1, "甲")
    with pytest.raises(ReviewConflict):
        triage.record(archive.engine, fid, "dismiss", reviewer="乙", expected_seq=0)
    assert triage.refresh_states(archive.engine, [fid])[fid].status == "accepted"
    state = triage.record(archive.engine, fid, "undo", reviewer="甲", expected_seq=1)
    assert (state.status, state.seq) == ("new", 2)


def test_diff_marks() -> None:
    assert triage.diff_marks("投资320亿元", "投资350亿元") == ([(3, 4)], [(3, 4)])
    assert triage.diff_marks("区长李华", "区长李桦") == ([(3, 4)], [(3, 4)])
    assert triage.diff_marks("相同", "相同") == ([], [])
    assert triage.diff_marks("完全", "不同文字") == ([], [])


def test_detail_finds_the_related_passage_from_line_and_column(archive: Archive) -> None:
    item = next(i for i in triage.load_items(archive.engine) if i.rule == "DUP001")
    detail = triage.detail(archive.engine, item)
    assert detail.here.span == "新区建成道路45公里"
    assert detail.others[0].span == "新区已建成道路45公里"
    assert [detail.others[0].text[a:b] for a, b in detail.others[0].marks] == ["已"]
    assert detail.here.marks == []


def test_detail_without_the_related_document(archive: Archive) -> None:
    item = next(i for i in triage.load_items(archive.engine) if i.rule == "NAM001")
    item.related = [{**item.related[0], "path": "/nowhere/gone.txt"}]
    detail = triage.detail(archive.engine, item)
    assert not detail.others[0].found and detail.others[0].text == "区长李华"


def test_article_text_marks_every_finding(archive: Archive) -> None:
    items = triage.load_items(archive.engine)
    num = next(i for i in items if i.rule == "NUM001")
    article = triage.article_text(archive.engine, num.article_id, items)
    assert article.text[article.spans[0][0] : article.spans[0][1]] == "投资350亿元"
    assert len(article.spans) == 4


def test_write_suppression(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    triage.write_suppression(pack, "TYP001", "既使")
    triage.write_suppression(pack, "TYP001", "既使")
    triage.write_suppression(pack, "NAM001", "李桦")
    data = yaml.safe_load((pack / "suppressions.yaml").read_text(encoding="utf-8"))
    assert data == {"suppress": {"NAM001": ["李桦"], "TYP001": ["既使"]}}
    loaded = load_pack([pack])
    assert suppressed_phrases(loaded) == {"NAM001": {"李桦"}, "TYP001": {"既使"}}
    assert loaded.user_dir == pack
    with pytest.raises(UsageError):
        triage.write_suppression(tmp_path / "missing", "TYP001", "既使")


def test_suppressions_file_leaves_rule_settings_alone(tmp_path: Path) -> None:
    from checker.checks.registry import rule_settings

    pack = tmp_path / "pack"
    pack.mkdir()
    triage.write_suppression(pack, "TYP001", "既使")
    assert rule_settings(load_pack([pack])) == rule_settings(load_pack())


def test_editor_command_opens_the_file_at_line_and_column() -> None:
    assert triage.editor_command("a.txt", 12, 5, {}) is None
    assert triage.editor_command("a.txt", 12, 5, {"EDITOR": "nano"}) == ["nano", "+12", "a.txt"]
    assert triage.editor_command("a.txt", 12, 5, {"EDITOR": "vim"}) == ["vim", "+call cursor(12,5)", "a.txt"]
    assert triage.editor_command("a.txt", 12, 5, {"VISUAL": "code -w", "EDITOR": "vi"}) == [
        "code", "-w", "--goto", "a.txt:12:5"]
