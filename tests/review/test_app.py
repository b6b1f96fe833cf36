"""Pilot tests of the review app: every key, every filter, decisions reaching the database."""

from __future__ import annotations

from pathlib import Path

import yaml
from sqlalchemy import select
from textual.widgets import Input, OptionList, Static

from checker import triage
from checker.cli.check import failing
from checker.review.app import ReviewApp
from checker.review.screens.article import ArticleScreen
from checker.review.screens.dialogs import ArticlePicker, ConfirmDialog, InputDialog
from checker.review.screens.help import HelpScreen
from checker.review.widgets.findings_table import FindingsTable
from checker.service import stored_findings
from checker.store.models import Review
from checker.store.reviews import history
from checker.store.session import transaction
from tests.review.conftest import Archive, make_app, settle

SIZE = (120, 40)


def current_id(app: ReviewApp) -> str | None:
    item = app.review.current()
    return item.id if item else None


def shown_ids(app: ReviewApp) -> list[str]:
    return [i.id for i in app.review.shown]


def db_status(archive: Archive, fid: str) -> str:
    return triage.refresh_states(archive.engine, [fid])[fid].status


async def test_list_shows_every_finding_with_counts(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.review.query_one(FindingsTable)
        assert table.row_count == 5
        assert set(shown_ids(app)) == set(archive.ids.values())
        assert app.review.sub_title == "待处理 5  已确认 0  已忽略 0  已解决 0"
        row = table.get_row(archive.ids["num"])
        expected = ["NUM001", "数字冲突", "错误", "待处理", "   3 b.txt",
                    "同一数字前后不一：城东新区投资在另一篇稿件中为350亿元"]
        assert [str(cell) for cell in row] == expected


async def test_paths_restrict_the_list(archive: Archive) -> None:
    app = make_app(archive, paths=[str(archive.path_a)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_ids(app) == [archive.ids["typ"]]


async def test_moving_with_j_k_arrows_g_and_shift_g(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ids = shown_ids(app)
        assert current_id(app) == ids[0]
        await pilot.press("j")
        assert current_id(app) == ids[1]
        await pilot.press("down")
        assert current_id(app) == ids[2]
        await pilot.press("k")
        assert current_id(app) == ids[1]
        await pilot.press("up")
        assert current_id(app) == ids[0]
        await pilot.press("G")
        assert current_id(app) == ids[-1]
        await pilot.press("g")
        assert current_id(app) == ids[0]


async def test_detail_pane_shows_both_passages_with_the_difference_marked(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")  # NUM001, the number conflict
        await settle(pilot)
        screen = app.review
        here = str(screen.query_one("#here", Static).content)
        there = str(screen.query_one("#there", Static).content)
        assert "投资350亿元" in here and "同比增长12%" in here
        assert "投资320亿元" in there
        assert "b.txt:3:" in str(screen.query_one("#here").border_title)
        assert "a.txt:3:" in str(screen.query_one("#there").border_title)
        assert "核实投资总额" in str(screen.query_one("#suggestion").render())
        facts = str(screen.query_one("#facts").render())
        assert "350亿元" in facts and "320亿元" in facts
        assert "[数字]" in facts and "[number]" not in facts  # the fact kind in the interface's language
        detail = triage.detail(archive.engine, screen.current())  # type: ignore[arg-type]
        assert [detail.here.text[a:b] for a, b in detail.here.marks] == ["5"]
        assert [detail.others[0].text[a:b] for a, b in detail.others[0].marks] == ["2"]


async def test_accept_records_a_decision_with_reviewer_and_moves_on(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = current_id(app)
        assert first is not None
        await pilot.press("a")
        await settle(pilot)
        assert current_id(app) == shown_ids(app)[1]
        assert app.review.by_id[first].status == "accepted"
        assert app.review.sub_title == "待处理 4  已确认 1  已忽略 0  已解决 0"
        assert str(app.review.query_one(FindingsTable).get_row(first)[3]) == "已确认"
    with transaction(archive.engine) as session:
        rows = history(session, first)
        assert [(r.action, r.status, r.reviewer, r.seq) for r in rows] == [("accept", "accepted", "测试编辑", 1)]
        assert rows[0].created_at is not None


async def test_dismiss_records_a_false_positive(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("G", "d")
        await settle(pilot)
    assert db_status(archive, archive.ids["dat"]) == "dismissed"


async def test_note_opens_a_dialog_and_records_the_note(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fid = current_id(app)
        assert fid is not None
        await pilot.press("n")
        assert isinstance(app.screen, InputDialog)
        await pilot.press(*"ok")
        app.screen.query_one(Input).value = "已与作者核实"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.review
        assert app.review.by_id[fid].state.note == "已与作者核实"
        assert "已与作者核实" in str(app.review.query_one("#message", Static).content)
    with transaction(archive.engine) as session:
        assert [(r.action, r.note, r.status) for r in history(session, fid)] == [("note", "已与作者核实", "new")]


async def test_note_dialog_escape_records_nothing(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n", "x", "escape")
        await settle(pilot)
        assert app.screen is app.review
    with transaction(archive.engine) as session:
        assert session.scalars(select(Review)).first() is None


async def test_undo_returns_the_last_decision(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fid = current_id(app)
        assert fid is not None
        await pilot.press("a", "u")
        await settle(pilot)
        assert current_id(app) == fid  # undo moves back to the finding it undid
        assert app.review.by_id[fid].status == "new"
        await pilot.press("u")  # nothing left to undo: a warning, no write
        await settle(pilot)
    with transaction(archive.engine) as session:
        assert [(r.action, r.status) for r in history(session, fid)] == [("accept", "accepted"), ("undo", "new")]


async def test_note_then_accept_in_quick_succession_do_not_conflict(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fid = current_id(app)
        assert fid is not None
        await pilot.press("d", "u", "a")  # queued faster than the writer finishes
        await settle(pilot)
    with transaction(archive.engine) as session:
        assert [r.action for r in history(session, fid)] == ["dismiss", "undo", "accept"]


async def test_suppress_without_rules_pack_tells_the_editor(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert any("--rules" in str(n.message) for n in app._notifications)
    with transaction(archive.engine) as session:
        assert session.scalars(select(Review)).first() is None


async def test_suppress_writes_the_phrase_to_the_user_pack(archive: Archive, tmp_path: Path) -> None:
    pack = tmp_path / "newsroom-rules"
    pack.mkdir()
    app = make_app(archive, rules_dir=pack)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fid = current_id(app)
        assert fid == archive.ids["typ"]
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "既使" in str(app.screen.query_one("#confirm-body", Static).render())
        await pilot.press("y")
        await settle(pilot)
    data = yaml.safe_load((pack / "suppressions.yaml").read_text(encoding="utf-8"))
    assert data == {"suppress": {"TYP001": ["既使"]}}
    assert db_status(archive, fid) == "dismissed"
    with transaction(archive.engine) as session:
        assert history(session, fid)[-1].action == "suppress"


async def test_suppress_asks_first_and_undo_takes_it_out_of_the_pack(archive: Archive, tmp_path: Path) -> None:
    pack = tmp_path / "newsroom-rules"
    pack.mkdir()
    app = make_app(archive, rules_dir=pack)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fid = current_id(app)
        await pilot.press("s", "n")  # cancelled: nothing written, nothing decided
        await settle(pilot)
        assert not (pack / "suppressions.yaml").exists()
        assert db_status(archive, fid) == "new"
        await pilot.press("s", "y")
        await settle(pilot)
        assert yaml.safe_load((pack / "suppressions.yaml").read_text(encoding="utf-8")) == {
            "suppress": {"TYP001": ["既使"]}}
        await pilot.press("u")
        await settle(pilot)
    assert db_status(archive, fid) == "new"
    data = yaml.safe_load((pack / "suppressions.yaml").read_text(encoding="utf-8"))
    assert "既使" not in str(data)


async def test_ctrl_c_tells_how_to_quit_in_chinese(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        shown = [(str(n.title), str(n.message)) for n in app._notifications]
        assert shown and all("quit" not in t.lower() and "quit" not in m.lower() for t, m in shown)
        assert any("退出" in m for _t, m in shown)


async def test_text_filter(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, InputDialog)
        app.screen.query_one(Input).value = "李桦"
        await pilot.press("enter")
        await settle(pilot)
        assert shown_ids(app) == [archive.ids["nam"]]
        assert "“李桦”" in str(app.review.query_one("#summary").render())
        await pilot.press("slash")
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await settle(pilot)
        assert len(shown_ids(app)) == 5


async def test_category_severity_and_status_filters_cycle(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")  # duplicate
        assert shown_ids(app) == [archive.ids["dup"]]
        await pilot.press("c")  # number-conflict
        assert shown_ids(app) == [archive.ids["num"]]
        for _ in range(5):  # name-conflict, typo, date, arithmetic, then all again
            await pilot.press("c")
        assert len(shown_ids(app)) == 5
        await pilot.press("v")  # error
        assert set(shown_ids(app)) == {archive.ids["num"], archive.ids["dat"]}
        await pilot.press("v")  # warning
        assert set(shown_ids(app)) == {archive.ids["nam"], archive.ids["dup"]}
        await pilot.press("v")  # info
        assert shown_ids(app) == [archive.ids["typ"]]
        await pilot.press("v")  # all again
        assert len(shown_ids(app)) == 5
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("t")  # open only
        assert len(shown_ids(app)) == 4
        await pilot.press("t")  # accepted only
        assert len(shown_ids(app)) == 1
        await pilot.press("t")  # dismissed only
        assert shown_ids(app) == []
        assert "没有符合条件的问题" in str(app.review.query_one("#message", Static).content)
        await pilot.press("escape")  # clears every filter
        assert len(shown_ids(app)) == 5


async def test_deciding_under_a_status_filter_takes_the_row_out(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")  # open only
        first = current_id(app)
        await pilot.press("d")
        await settle(pilot)
        assert first not in shown_ids(app) and len(shown_ids(app)) == 4


async def test_undo_under_a_status_filter_brings_the_row_back(archive: Archive) -> None:
    """t (open only), a, u: the pending count and the shown rows are as they were."""
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")  # open only
        before_rows, before_title = shown_ids(app), app.review.sub_title
        await pilot.press("j")
        decided = current_id(app)
        await pilot.press("a")
        await settle(pilot)
        assert decided not in shown_ids(app)
        assert app.review.sub_title.startswith("待处理 4")
        await pilot.press("u")
        await settle(pilot)
        assert shown_ids(app) == before_rows
        assert app.review.sub_title == before_title
        assert current_id(app) == decided
        assert app.review.query_one(FindingsTable).row_count == len(before_rows)


async def test_article_filter(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        assert isinstance(app.screen, ArticlePicker)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 3  # all + two articles
        await pilot.press("down", "down", "enter")  # the second article: b.txt
        await settle(pilot)
        assert set(shown_ids(app)) == {archive.ids[k] for k in ("num", "nam", "dup", "dat")}
        await pilot.press("r", "escape")  # cancelled: unchanged
        assert len(shown_ids(app)) == 4
        await pilot.press("r", "home", "enter")  # all articles
        await settle(pilot)
        assert len(shown_ids(app)) == 5


async def test_enter_opens_the_article_with_its_findings_marked(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        article = app.screen.article
        assert article.headline == "城东新区投资创新高"
        assert [item.rule for _s, _e, item in article.spans] == ["NUM001", "NAM001", "DUP001", "DAT001"]
        assert [article.text[s:e] for s, e, _i in article.spans] == ["投资350亿元", "区长李桦", "新区建成道路45公里",
                                                                     "2月30日"]
        body = str(app.screen.query_one("#article-text", Static).content)
        assert "[1]" in body and "[4]" in body
        await pilot.press("escape")
        assert app.screen is app.review


async def test_help_screen_lists_every_key(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("a")  # keys of the list do nothing under the help screen
        await settle(pilot)
        await pilot.press("escape")
        assert app.screen is app.review
    with transaction(archive.engine) as session:
        assert session.scalars(select(Review)).first() is None


async def test_footer_shows_the_main_keys(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = {b.key: b.description for b in app.review.BINDINGS if getattr(b, "show", True)}  # type: ignore[union-attr]
        assert shown["a"] == "确认" and shown["d"] == "忽略" and shown["q"] == "退出"


async def test_q_quits(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 or app.return_code is None
    assert not app.is_running


async def test_refresh_shows_another_editors_decision(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        triage.record(archive.engine, archive.ids["dat"], "accept", reviewer="另一位编辑", expected_seq=0)
        assert app.review.by_id[archive.ids["dat"]].status == "new"
        await pilot.press("R")
        await settle(pilot)
        assert app.review.by_id[archive.ids["dat"]].status == "accepted"
        assert app.review.by_id[archive.ids["dat"]].state.reviewer == "另一位编辑"
        triage.record(archive.engine, archive.ids["dup"], "dismiss", reviewer="另一位编辑", expected_seq=0)
        await pilot.press("f5")
        await settle(pilot)
        assert app.review.by_id[archive.ids["dup"]].status == "dismissed"


async def test_periodic_refresh(archive: Archive) -> None:
    app = make_app(archive, refresh_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        triage.record(archive.engine, archive.ids["nam"], "dismiss", reviewer="另一位编辑", expected_seq=0)
        for _ in range(30):
            await pilot.pause(0.05)
            if app.review.by_id[archive.ids["nam"]].status == "dismissed":
                break
        assert app.review.by_id[archive.ids["nam"]].status == "dismissed"
        assert app.review.sub_title == "待处理 4  已确认 0  已忽略 1  已解决 0"


async def test_a_conflicting_decision_is_refused_and_the_row_refreshed(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fid = current_id(app)
        assert fid is not None
        # Another editor dismisses it after this one loaded the list.
        triage.record(archive.engine, fid, "dismiss", reviewer="另一位编辑", expected_seq=0)
        await pilot.press("a")
        await settle(pilot)
        assert any("其他编辑" in str(n.message) for n in app._notifications)
        assert app.review.by_id[fid].status == "dismissed"
        assert app.review.by_id[fid].state.reviewer == "另一位编辑"
    with transaction(archive.engine) as session:
        assert [(r.action, r.reviewer) for r in history(session, fid)] == [("dismiss", "另一位编辑")]


async def test_dismissed_stays_dismissed_after_restart_and_ci_passes(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")  # NUM001, an error: it fails CI while open
        with transaction(archive.engine) as session:
            assert archive.ids["num"] in [f.row.id for f in failing(stored_findings(session), "error", set())]
        await pilot.press("d")
        await settle(pilot)
    again = make_app(archive)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.review.by_id[archive.ids["num"]].status == "dismissed"
        assert str(again.review.query_one(FindingsTable).get_row(archive.ids["num"])[3]) == "已忽略"
    with transaction(archive.engine) as session:
        still_failing = [f.row.id for f in failing(stored_findings(session), "error", set())]
    assert archive.ids["num"] not in still_failing
    assert still_failing == [archive.ids["dat"]]


async def test_recheck_runs_in_a_worker_and_reloads(archive: Archive) -> None:
    loads: list[int] = []
    app = make_app(archive, paths=[str(archive.path_a)], on_loaded=lambda n, _t: loads.append(n))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await settle(pilot)
        assert len(loads) == 2
        with transaction(archive.engine) as session:
            expected = {c.row.id for c in stored_findings(session, paths=[str(archive.path_a)], resolved=True)}
        assert {i.id for i in app.review.items} == expected
        assert not app.review.query_one("#progress").display


async def test_english_interface(archive: Archive) -> None:
    app = make_app(archive, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.review.sub_title == "open 5  accepted 0  dismissed 0  resolved 0"
        assert str(app.review.query_one(FindingsTable).get_row(archive.ids["num"])[1]) == "number conflict"
        shown = {b.key: b.description for b in app.review.BINDINGS}  # type: ignore[union-attr]
        assert shown["a"] == "Accept"
        await pilot.press("s")
        await settle(pilot)
        assert any("--rules" in str(n.message) and "Suppress" in str(n.message) for n in app._notifications)


async def test_y_copies_the_suggestion_or_the_location(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "y")  # NUM001 has a suggestion
        assert app.clipboard == "核实投资总额"
        await pilot.press("j", "j", "y")  # DUP001 has none: its location
        assert app.clipboard.startswith(f"{archive.path_b}:4:")
