"""The findings list: one DataTable row per finding, keyed by the finding's id."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

from checker.review.widgets.render import severity_cell, status_cell
from checker.triage import Item, label, tr

COLUMNS = ("rule", "category", "severity", "status", "article", "excerpt")
HEADLINE_WIDTH = 14
EXCERPT_WIDTH = 30


class FindingsTable(DataTable[str | Text]):
    """The list of findings; row keys are finding ids."""

    def __init__(self, lang: str = "zh", **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.lang = lang

    def on_mount(self) -> None:
        lang = self.lang
        titles = {
            "rule": tr(lang, "规则", "Rule"),
            "category": tr(lang, "类别", "Category"),
            "severity": tr(lang, "级别", "Severity"),
            "status": tr(lang, "状态", "Status"),
            "article": tr(lang, "稿件", "Article"),
            "excerpt": tr(lang, "摘录", "Excerpt"),
        }
        widths = {"rule": 8, "category": 10, "severity": 6, "status": 8, "article": HEADLINE_WIDTH * 2,
                  "excerpt": EXCERPT_WIDTH * 2}
        for key in COLUMNS:
            self.add_column(titles[key], key=key, width=widths[key])

    def row_of(self, item: Item) -> tuple[str | Text, ...]:
        headline = item.headline or tr(self.lang, "(无标题)", "(untitled)")
        if len(headline) > HEADLINE_WIDTH:
            headline = headline[: HEADLINE_WIDTH - 1] + "…"
        return (
            item.rule,
            label(item.category, self.lang),
            severity_cell(item.severity, self.lang),
            status_cell(item.status, self.lang),
            headline,
            item.excerpt(EXCERPT_WIDTH),
        )

    def show(self, items: Sequence[Item], keep: str | None = None, keep_index: int = 0) -> None:
        """Replace the rows with ``items``; the cursor stays on ``keep`` if shown, else near ``keep_index``."""
        self.clear()
        target = None
        for index, item in enumerate(items):
            self.add_row(*self.row_of(item), key=item.id)
            if item.id == keep:
                target = index
        if items:
            row = target if target is not None else max(0, min(keep_index, len(items) - 1))
            self.move_cursor(row=row, animate=False, scroll=True)

    def set_status(self, item: Item) -> None:
        self.update_cell(item.id, "status", status_cell(item.status, self.lang))
