"""The main review screen: the findings list above, the detail pane below, every review key."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, ProgressBar, Static
from textual.worker import get_current_worker

from checker import triage
from checker.errors import CheckerError, ReviewConflict
from checker.review.screens.article import ArticleScreen, article_screen
from checker.review.screens.dialogs import ALL_ARTICLES, ArticlePicker, ConfirmDialog, InputDialog
from checker.review.screens.help import HelpScreen
from checker.review.widgets.detail import DetailPane
from checker.review.widgets.findings_table import FindingsTable
from checker.service import collect_files
from checker.store.reviews import ReviewState
from checker.triage import Filters, Item, label, tr

if TYPE_CHECKING:
    from checker.review.app import ReviewApp


def review_bindings(lang: str) -> list[BindingType]:
    def t(zh: str, en: str) -> str:
        return tr(lang, zh, en)

    return [
        Binding("j", "cursor_down", t("下一条", "Next"), show=False),
        Binding("k", "cursor_up", t("上一条", "Previous"), show=False),
        Binding("g", "first", t("第一条", "First"), show=False),
        Binding("G", "last", t("最后一条", "Last"), show=False),
        Binding("a", "decide('accept')", t("确认", "Accept")),
        Binding("d", "decide('dismiss')", t("忽略", "Dismiss")),
        Binding("n", "note", t("备注", "Note")),
        Binding("u", "undo", t("撤销", "Undo")),
        Binding("s", "suppress", t("屏蔽", "Suppress")),
        Binding("slash", "filter_text", t("筛选", "Filter")),
        Binding("c", "cycle('category')", t("类别", "Category"), show=False),
        Binding("v", "cycle('severity')", t("级别", "Severity"), show=False),
        Binding("t", "cycle('status')", t("状态", "Status"), show=False),
        Binding("r", "pick_article", t("稿件", "Article"), show=False),
        Binding("escape", "clear_filters", t("清除筛选", "Clear filters"), show=False),
        Binding("f5,R", "reload", t("刷新", "Refresh")),
        Binding("x", "recheck", t("重新检查", "Re-check"), show=False),
        Binding("y", "copy", t("复制", "Copy"), show=False),
        Binding("e", "edit", t("编辑", "Edit"), show=False),
        Binding("question_mark", "help", t("帮助", "Help")),
        Binding("q", "quit", t("退出", "Quit")),
    ]


CHOICES = {"category": triage.CATEGORIES, "severity": triage.SEVERITIES, "status": triage.STATUSES}


class ReviewScreen(Screen[None]):
    """Findings list, detail pane, counts; all decisions start here."""

    BINDINGS: ClassVar[list[BindingType]] = review_bindings("zh")

    def __init__(self, lang: str = "zh") -> None:
        super().__init__()
        self.lang = lang
        self.items: list[Item] = []
        self.by_id: dict[str, Item] = {}
        self.shown: list[Item] = []
        self.filters = Filters()
        self.undo_stack: list[tuple[str, str]] = []  # (finding id, action) of this session's decisions

    @property
    def review_app(self) -> ReviewApp:
        return self.app  # type: ignore[return-value]

    # -- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="✎")
        with Vertical(id="top"):
            yield Static(id="summary")
            yield ProgressBar(id="progress", show_eta=False)
            yield FindingsTable(self.lang, id="findings")
        yield DetailPane(self.lang, id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self.query_one(DetailPane).clear_detail()
        table = self.query_one(FindingsTable)
        table.focus()
        table.loading = True
        self.load()

    # -- loading --------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        app = self.review_app
        items = triage.load_items(app.engine, app.paths)
        self.query_one(FindingsTable).prepare(items)  # cells built here, off the UI thread
        if not get_current_worker().is_cancelled:
            app.call_from_thread(self.set_items, items)

    def set_items(self, items: list[Item]) -> None:
        self.items = items
        self.by_id = {i.id: i for i in items}
        self.undo_stack = [entry for entry in self.undo_stack if entry[0] in self.by_id]
        self.query_one(FindingsTable).loading = False
        self.rebuild()
        self.review_app.post_loaded(len(items))

    def current(self) -> Item | None:
        table = self.query_one(FindingsTable)
        if not self.shown or table.cursor_row < 0 or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def rebuild(self, keep: str | None = None) -> None:
        """Apply the filters and redraw the list, keeping the cursor on the same finding if shown."""
        table = self.query_one(FindingsTable)
        here = self.current()
        index = table.cursor_row
        self.shown = triage.apply(self.items, self.filters)
        table.show(self.shown, keep=keep or (here.id if here else None), keep_index=index)
        self.update_summary()
        self.show_current()

    def update_summary(self) -> None:
        lang = self.lang
        app = self.review_app
        tally = triage.counts(self.items)
        counts = "  ".join(f"{label(s, lang)} {tally[s]}" for s in triage.STATUSES)
        self.title = tr(lang, f"checker 审稿 · {triage.database_label(app.engine)} · 审稿人 {app.reviewer}",
                        f"checker review · {triage.database_label(app.engine)} · reviewer {app.reviewer}")
        self.sub_title = counts
        table = self.query_one(FindingsTable)
        position = f"{table.cursor_row + 1}/{len(self.shown)}" if self.shown else f"0/{len(self.shown)}"
        line = tr(lang, f"显示 {len(self.shown)}/{len(self.items)} 条", f"showing {len(self.shown)}/{len(self.items)}")
        line = f"{position}  │  {counts}  │  {line}"
        if self.filters.active():
            article = None
            if self.filters.article_id is not None:
                article = next((i.headline for i in self.items if i.article_id == self.filters.article_id), None)
            line += f"  │  {tr(lang, '筛选：', 'filter: ')}{self.filters.describe(lang, article)}"
        self.query_one("#summary", Static).update(line)

    # -- the detail pane ------------------------------------------------------------------------
    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.update_summary()  # the position counter
        self.show_current()

    def show_current(self) -> None:
        item = self.current()
        pane = self.query_one(DetailPane)
        if item is None:
            empty = tr(self.lang, "没有符合条件的问题。", "No findings match.") if self.items or self.filters.active() \
                else tr(self.lang, "数据库中没有问题。", "No findings in the database.")
            pane.clear_detail(empty)
            return
        self.load_detail(item)

    @work(thread=True, exclusive=True, group="detail")
    def load_detail(self, item: Item) -> None:
        detail = triage.detail(self.review_app.engine, item)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_detail, detail)

    def _show_detail(self, detail: triage.Detail) -> None:
        current = self.current()
        if current is not None and current.id == detail.item.id:
            self.query_one(DetailPane).show_detail(detail)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_article()

    # -- moving ---------------------------------------------------------------------------------
    def action_cursor_down(self) -> None:
        self.query_one(FindingsTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(FindingsTable).action_cursor_up()

    def action_first(self) -> None:
        self.query_one(FindingsTable).move_cursor(row=0)

    def action_last(self) -> None:
        self.query_one(FindingsTable).move_cursor(row=max(0, len(self.shown) - 1))

    # -- decisions ------------------------------------------------------------------------------
    def action_decide(self, action: str) -> None:
        item = self.current()
        if item is not None:
            self.submit(item, action)

    def action_undo(self) -> None:
        target: Item | None = None
        action = ""
        while self.undo_stack and target is None:
            fid, action = self.undo_stack.pop()
            target = self.by_id.get(fid)
        if target is not None and action == "suppress" and self.review_app.rules_dir is not None:
            try:
                triage.remove_suppression(self.review_app.rules_dir, target.rule, target.text)
            except (CheckerError, OSError) as exc:
                self.notify(str(exc), severity="error")
        if target is None:
            current = self.current()
            if current is not None and current.status != "new":
                target = current
        if target is None:
            self.notify(tr(self.lang, "没有可撤销的决定", "Nothing to undo"), severity="warning")
            return
        self.submit(target, "undo")
        if target in self.shown:
            self.query_one(FindingsTable).move_cursor(row=self.shown.index(target))

    def action_note(self) -> None:
        item = self.current()
        if item is None:
            return
        lang = self.lang

        def done(text: str | None) -> None:
            if text and text.strip():
                self.submit(item, "note", note=text.strip())

        self.app.push_screen(
            InputDialog(tr(lang, f"给 {item.rule} 添加备注", f"Note on {item.rule}"), value=item.state.note or "",
                        hint=tr(lang, "回车保存，Esc 取消", "Enter to save, Esc to cancel")),
            done,
        )

    def action_suppress(self) -> None:
        item = self.current()
        if item is None:
            return
        lang = self.lang
        rules_dir = self.review_app.rules_dir
        if rules_dir is None:
            self.notify(
                tr(lang, "屏蔽需要用 --rules 指定你的规则包目录（屏蔽词写入其中的 suppressions.yaml）",
                   "Suppress needs your rule pack: start with --rules DIR (phrases go to its suppressions.yaml)"),
                severity="warning", timeout=8,
            )
            return
        target = triage.suppressions_path(rules_dir)
        body = tr(
            lang,
            f"以后检查任何稿件，{item.rule} 都不再报告含“{item.text}”的文字。\n写入 {target}；按 u 可撤销。",
            f"From now on {item.rule} no longer reports text containing '{item.text}' in any article.\n"
            f"Written to {target}; u undoes it.",
        )

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._suppress(item, rules_dir)

        self.app.push_screen(
            ConfirmDialog(tr(lang, "确定屏蔽吗？", "Suppress this phrase?"), body,
                          tr(lang, "y 或回车：屏蔽　n 或 Esc：取消", "y or Enter: suppress   n or Esc: cancel")),
            done,
        )

    def _suppress(self, item: Item, rules_dir: Path) -> None:
        try:
            path = triage.write_suppression(rules_dir, item.rule, item.text)
        except (CheckerError, OSError) as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(tr(self.lang, f"已屏蔽“{item.excerpt(20)}”→ {path}", f"Suppressed '{item.excerpt(20)}' → {path}"))
        self.submit(item, "suppress")

    def submit(self, item: Item, action: str, note: str | None = None, advance: bool = True) -> None:
        """Queue one decision; the row changes when the database has it."""
        expected = item.seq
        # Every decision adds one row, so the next decision on this item expects one more.
        item.state = ReviewState(item.state.status, item.seq + 1, item.state.reviewer, item.state.note,
                                 item.state.decided_at)
        if action in ("accept", "dismiss", "suppress"):
            self.undo_stack.append((item.id, action))
        self.run_worker(self._write(item, action, note, expected), group="write")
        if advance and action in ("accept", "dismiss", "suppress"):
            self.action_cursor_down()

    async def _write(self, item: Item, action: str, note: str | None, expected: int) -> None:
        app = self.review_app
        future = app.writer.submit(triage.record, app.engine, item.id, action, reviewer=app.reviewer, note=note,
                                   expected_seq=expected)
        try:
            state = await asyncio.wrap_future(future)
        except ReviewConflict as exc:
            self.notify(str(exc), title=tr(self.lang, "决定冲突", "Conflict"), severity="error", timeout=10)
            await self._resync(item)
            return
        except CheckerError as exc:
            self.notify(str(exc), severity="error")
            await self._resync(item)
            return
        if item.seq <= state.seq:
            item.state = state
        self.row_changed(item)

    async def _resync(self, item: Item) -> None:
        """After a refused decision: show the finding as the database has it."""
        self.undo_stack = [entry for entry in self.undo_stack if entry[0] != item.id]
        fresh = await asyncio.to_thread(triage.refresh_states, self.review_app.engine, [item.id])
        self.apply_states(fresh, force=True)

    def row_changed(self, item: Item) -> None:
        if isinstance(self.app.screen, ArticleScreen):
            self.app.screen.item_changed(item)
        matches = self.filters.matches(item)
        if (item in self.shown) != matches:
            # Out of the filtered view (decided under 待处理), or back into it (undone): the
            # row goes, or returns to its place with the cursor on it.
            self.rebuild(keep=item.id if matches else None)
            return
        table = self.query_one(FindingsTable)
        if item in self.shown:
            table.set_status(item)
        self.update_summary()
        current = self.current()
        if current is not None and current.id == item.id:
            self.show_current()

    # -- refresh --------------------------------------------------------------------------------
    def action_reload(self) -> None:
        self.notify(tr(self.lang, "正在刷新……", "Refreshing…"), timeout=2)
        self.load()

    def refresh_states(self) -> None:
        """Other editors' decisions since the last look (the periodic refresh)."""
        ids = [i.id for i in self.items]
        if ids:
            self._fetch_states(self.review_app, ids)

    @work(thread=True, exclusive=True, group="refresh")
    def _fetch_states(self, app: ReviewApp, ids: list[str]) -> None:
        # The app is passed in: looked up from this thread while the app shuts down, it is gone.
        fresh = triage.refresh_states(app.engine, ids)
        if not get_current_worker().is_cancelled:
            app.call_from_thread(self.apply_states, fresh)

    def apply_states(self, fresh: dict[str, ReviewState], force: bool = False) -> None:
        """Take the database's states; a state older than a decision still being written is skipped."""
        changed = []
        for fid, state in fresh.items():
            item = self.by_id.get(fid)
            if item is None or state == item.state or (state.seq < item.seq and not force):
                continue
            item.state = state
            changed.append(item)
        if not changed:
            return
        if self.filters.status:
            self.rebuild()
            return
        table = self.query_one(FindingsTable)
        shown = {i.id for i in self.shown}
        for item in changed:
            if item.id in shown:
                table.set_status(item)
        self.update_summary()
        current = self.current()
        if current is not None and current in changed:
            self.show_current()

    # -- filters --------------------------------------------------------------------------------
    def action_filter_text(self) -> None:
        lang = self.lang

        def done(text: str | None) -> None:
            if text is not None:
                self.filters = triage.with_filter(self.filters, text=text.strip())
                self.rebuild()

        self.app.push_screen(
            InputDialog(tr(lang, "按文字筛选", "Filter by text"), value=self.filters.text,
                        placeholder=tr(lang, "规则、摘录、消息、稿件标题……", "rule, excerpt, message, headline…"),
                        hint=tr(lang, "回车应用，留空清除，Esc 取消", "Enter to apply, empty to clear, Esc to cancel")),
            done,
        )

    def action_cycle(self, field: str) -> None:
        value = triage.cycle(getattr(self.filters, field), CHOICES[field])
        self.filters = triage.with_filter(self.filters, **{field: value})
        self.rebuild()

    def action_pick_article(self) -> None:
        def done(article_id: int | None) -> None:
            if article_id is None:
                return
            self.filters = triage.with_filter(self.filters, article_id=None if article_id == ALL_ARTICLES
                                              else article_id)
            self.rebuild()

        self.app.push_screen(ArticlePicker(triage.articles_of(self.items), self.filters.article_id, self.lang), done)

    def action_clear_filters(self) -> None:
        if self.filters.active():
            self.filters = Filters()
            self.rebuild()

    # -- other screens --------------------------------------------------------------------------
    def action_copy(self) -> None:
        """Copy the suggestion (or, without one, ``file:line:column``) to the clipboard."""
        item = self.current()
        if item is None:
            return
        text = item.suggestion or f"{item.path}:{item.line}:{item.column}"
        self.app.copy_to_clipboard(text)
        self.notify(tr(self.lang, f"已复制：{text}", f"Copied: {text}"), timeout=3)

    def action_edit(self) -> None:
        """Open the article's file in $VISUAL / $EDITOR at the finding's line and column."""
        item = self.current()
        if item is None:
            return
        command = triage.editor_command(item.path, item.line, item.column)
        if command is None:
            self.notify(tr(self.lang, "请设置环境变量 EDITOR（或 VISUAL）", "Set EDITOR (or VISUAL) first"),
                        severity="warning")
            return
        import subprocess

        with self.app.suspend():
            subprocess.run(command, check=False)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.lang))

    def action_open_article(self) -> None:
        item = self.current()
        if item is None:
            return
        article = triage.article_text(self.review_app.engine, item.article_id, self.items)
        self.app.push_screen(article_screen(article, self.lang, item.id, self.decide_in_article))

    def decide_in_article(self, item: Item, action: str) -> None:
        """A decision made in the article view: recorded as from the list, the list's cursor stays."""
        self.submit(item, action, advance=False)

    def action_quit(self) -> None:
        self.app.exit()

    # -- re-checking ----------------------------------------------------------------------------
    def action_recheck(self) -> None:
        app = self.review_app
        try:
            files, _missing = collect_files(app.paths, keep_going=True) if app.paths else (
                triage.existing_files(i.path for i in self.items), [])
        except CheckerError as exc:
            self.notify(str(exc), severity="error")
            return
        if not files:
            self.notify(tr(self.lang, "没有可重新检查的文件", "No files to re-check"), severity="warning")
            return
        self.recheck(files)

    @work(thread=True, exclusive=True, group="recheck")
    def recheck(self, files: list[object]) -> None:

        app = self.review_app
        bar = self.query_one("#progress", ProgressBar)

        def start() -> None:
            bar.update(total=len(files), progress=0)
            bar.display = True

        app.call_from_thread(start)
        try:
            count = triage.recheck(app.engine, [Path(str(f)) for f in files], rules=app.rules,
                                   on_file=lambda _path: app.call_from_thread(bar.advance, 1))
        except CheckerError as exc:
            app.call_from_thread(self.notify, str(exc), severity="error")
            count = -1
        finally:
            app.call_from_thread(setattr, bar, "display", False)
        if count >= 0:
            app.call_from_thread(
                self.notify, tr(self.lang, f"已重新检查 {len(files)} 个文件，{count} 个问题",
                                f"Re-checked {len(files)} files: {count} findings"))
        app.call_from_thread(self.load)


class EnglishReviewScreen(ReviewScreen):
    BINDINGS: ClassVar[list[BindingType]] = review_bindings("en")


def review_screen(lang: str) -> ReviewScreen:
    return EnglishReviewScreen(lang) if lang == "en" else ReviewScreen(lang)
