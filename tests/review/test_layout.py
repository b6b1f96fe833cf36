"""Layout at the sizes editors use (80×24, 100×30, 180×50): the list fills the width with a
message column, figures never wrap, the suggestion and the help fit, locations keep their line."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from checker.review.screens.help import HelpScreen
from checker.review.widgets.detail import DetailPane, _where
from checker.review.widgets.findings_table import FindingsTable
from checker.review.widgets.render import Wrapped, break_points
from checker.triage import Passage
from tests.review.conftest import Archive, make_app, settle


async def test_the_list_uses_the_terminal_width_with_a_message_column(archive: Archive) -> None:
    for width in (80, 100, 180):
        app = make_app(archive)
        async with app.run_test(size=(width, 30)) as pilot:
            await settle(pilot)
            table = app.review.query_one(FindingsTable)
            used = sum(c.get_render_width(table) for c in table.columns.values())
            assert width - 4 <= used <= width, (width, used)
            assert table.columns["message"].width >= 20  # type: ignore[index]
            if width == 180:
                assert table.columns["message"].width > 100  # type: ignore[index]


def test_figures_never_wrap_mid_number() -> None:
    line = "村种植枇杷已有百余年历史，全村枇杷园面积1800亩。过去果子只能论斤卖给收购商，价格常常被压到2.65元一斤。"
    for width in range(12, 40):
        console = Console(width=width, record=True, color_system=None)
        console.print(Wrapped(Text(line)))
        shown = console.export_text().splitlines()
        assert "".join(shown) == line
        assert any("1800" in row for row in shown) and any("2.65" in row for row in shown), (width, shown)
        assert all(not row.startswith(("，", "。")) for row in shown)
    assert break_points("短句", 10) == []


def test_a_location_keeps_its_line_and_column_when_shortened() -> None:
    passage = Passage("/archive/pages/2024-05-16_A2_gb18030.txt", "标题", 31, 43, "63幢", 0, 3)
    assert _where(passage) == "2024-05-16_A2_gb18030.txt:31:43"
    for width in (12, 16, 20, 24):
        short = _where(passage, width)
        assert short.endswith(":31:43") and len(short) <= max(width, 9), short


async def test_at_80_columns_the_passages_keep_their_line_numbers(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        pane = app.review.query_one(DetailPane)
        assert ":3:" in str(pane.query_one("#here").border_title)
        assert ":3:" in str(pane.query_one("#there").border_title)


async def test_the_suggestion_is_visible_without_scrolling_at_100x30(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j")  # NUM001, with a suggestion
        await settle(pilot)
        pane = app.review.query_one(DetailPane)
        suggestion = pane.query_one("#suggestion", Static)
        assert "核实投资总额" in str(suggestion.content)
        assert suggestion.region.height >= 1
        assert pane.region.y <= suggestion.region.y < pane.region.bottom


async def test_the_help_fits_a_24_line_terminal(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        dialog = app.screen.query_one(VerticalScroll)
        assert dialog.max_scroll_y == 0
        assert dialog.region.bottom <= 24


async def test_header_names_database_and_reviewer_and_counts_the_position(archive: Archive) -> None:
    app = make_app(archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert Path(archive.url.rsplit("/", 1)[-1]).name in app.review.title
        assert "测试编辑" in app.review.title
        summary = str(app.review.query_one("#summary", Static).content)
        assert summary.startswith("1/5")
        await pilot.press("j", "j")
        await settle(pilot)
        assert str(app.review.query_one("#summary", Static).content).startswith("3/5")


LONG = "县里召开春季农业生产工作会议\n\n" + "".join(
    f"第{n}段：各乡镇要抓好春耕备耕，确保粮食播种面积稳定在12.6万亩以上。\n" for n in range(1, 61)
)


def long_article(tmp_path: Path) -> Archive:
    """One article of 60 paragraphs with a finding in the third line and one in the 60th."""
    from datetime import datetime

    from checker.store.models import Finding
    from checker.store.session import transaction
    from tests.review.conftest import _document
    from tests.support import fresh_engine

    engine = fresh_engine(tmp_path, "long.db")
    path = (tmp_path / "long.txt").resolve()
    with transaction(engine) as session:
        doc, art = _document(path, LONG, 5)
        session.add(doc)
        session.flush()
        ids = {}
        for name, n in (("early", 1), ("late", 60)):
            needle = f"第{n}段"
            start = LONG.index(needle)
            line = LONG[:start].count("\n") + 1
            fid = f"TYP001-{name}"
            ids[name] = fid
            session.add(Finding(
                id=fid, rule="TYP001", category="typo", severity="warning", message_zh=f"{needle}有误",
                message_en=f"{needle} is wrong", article_id=art.id, related_article_id=None, path=doc.path,
                article_headline=art.headline, line=line, column=1, end_line=line, end_column=1 + len(needle),
                raw_start=start, raw_end=start + len(needle), text=needle, related=[], suggestion=None,
                created_at=datetime(2024, 5, 6)))
    return Archive(engine, engine.url.render_as_string(hide_password=False), path, path, ids)


async def test_the_article_view_opens_at_the_finding_jumps_between_markers_and_decides(tmp_path: Path) -> None:
    from checker import triage
    from checker.review.screens.article import ArticleScreen

    archive = long_article(tmp_path)
    app = make_app(archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("G", "enter")  # the finding in the 60th paragraph
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        body = screen.query_one("#article-body", VerticalScroll)
        assert body.scroll_y > 40  # scrolled down to it
        assert "2/2" in str(screen.query_one("#article-count").render())
        await pilot.press("N")  # back to the first marker
        await settle(pilot)
        assert body.scroll_y < 5
        assert "1/2" in str(screen.query_one("#article-count").render())
        await pilot.press("a")  # decide the marked finding from here
        await settle(pilot)
        await pilot.press("n", "d")
        await settle(pilot)
        await pilot.press("escape")
        assert app.screen is app.review
    states = triage.refresh_states(archive.engine, archive.ids.values())
    assert states[archive.ids["early"]].status == "accepted"
    assert states[archive.ids["late"]].status == "dismissed"
