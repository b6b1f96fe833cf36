"""The findings list: one DataTable row per finding, keyed by the finding's id."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from checker.review.widgets.render import severity_cell, status_cell
from checker.triage import Item, label, tr

COLUMNS = ("rule", "category", "severity", "status", "location", "message")
LOCATION_WIDTH = 24  # line number first, so a narrow column crops the file name, not the line
NARROW = 100  # below this many columns the category is cut to its first word
MIN_MESSAGE = 20


class FindingsTable(DataTable[str | Text]):
    """The list of findings; row keys are finding ids."""

    def __init__(self, lang: str = "zh", **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.lang = lang
        # Cells by finding id, with the status they were built for.
        self._cells: dict[str, tuple[str, tuple[Text, ...]]] = {}

    def prepare(self, items: Sequence[Item]) -> None:
        """Build the rows' cells ahead of showing them (safe to call from a worker thread)."""
        self._cells = {item.id: (item.status, self.row_of(item)) for item in items}

    def cells(self, item: Item) -> tuple[Text, ...]:
        cached = self._cells.get(item.id)
        if cached is None:
            cells = self.row_of(item)
        elif cached[0] != item.status:
            cells = (*cached[1][:3], status_cell(item.status, self.lang), *cached[1][4:])
        else:
            return cached[1]
        self._cells[item.id] = (item.status, cells)
        return cells

    def on_mount(self) -> None:
        lang = self.lang
        titles = {
            "rule": tr(lang, "规则", "Rule"),
            "category": tr(lang, "类别", "Category"),
            "severity": tr(lang, "级别", "Severity"),
            "status": tr(lang, "状态", "Status"),
            "location": tr(lang, "行 文件", "Line File"),
            "message": tr(lang, "问题", "Message"),
        }
        for key in COLUMNS:
            self.add_column(titles[key], key=key, width=self._widths(self.size.width or 120)[key])

    def _widths(self, total: int) -> dict[str, int]:
        """Column widths for a table ``total`` cells wide: the message takes what the others leave."""
        english = self.lang == "en"
        narrow = total < NARROW
        widths = {"rule": 7, "category": (8 if english else 4) if narrow else (15 if english else 8),
                  "severity": 7 if english else 4, "status": 9 if english else 6,
                  "location": 18 if narrow else LOCATION_WIDTH}
        used = sum(widths.values()) + 2 * self.cell_padding * len(COLUMNS) + 2  # the scrollbar
        widths["message"] = max(MIN_MESSAGE, total - used)
        return widths

    def on_resize(self) -> None:
        widths = self._widths(self.size.width)
        changed = False
        for key, column in self.columns.items():
            width = widths.get(str(key.value))
            if width is not None and column.width != width:
                column.width = width
                changed = True
        if changed:
            self._require_update_dimensions = True
            self._clear_caches()
            self.refresh()

    def row_of(self, item: Item) -> tuple[Text, ...]:
        """The cells of one row: Text, never markup, so '[' in an article stays as written."""
        return (
            Text(item.rule),
            Text(label(item.category, self.lang)),
            severity_cell(item.severity, self.lang),
            status_cell(item.status, self.lang),
            Text(f"{item.line:>4} {item.file_name}"),
            Text(" ".join(item.message(self.lang).split())),
        )

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # Every column has a fixed width and every row a height of one line, so there is
        # nothing to measure: skipping DataTable's per-cell measuring makes a 10,000-row
        # list appear in well under a second instead of several.
        if any(c.auto_width for c in self.columns.values()) or any(
            self.rows[k].auto_height or self.rows[k].label is not None for k in new_rows if k in self.rows
        ):
            super()._update_dimensions(new_rows)
            return
        width = sum(c.get_render_width(self) for c in self.columns.values()) + self._row_label_column_width
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width, self._total_row_height + header)

    def show(self, items: Sequence[Item], keep: str | None = None, keep_index: int = 0) -> None:
        """Replace the rows with ``items``; the cursor stays on ``keep`` if shown, else near ``keep_index``."""
        self.clear()
        self._add_all([(item.id, self.cells(item)) for item in items])
        if items:
            target = next((n for n, item in enumerate(items) if item.id == keep), None) if keep else None
            row = target if target is not None else max(0, min(keep_index, len(items) - 1))
            self.move_cursor(row=row, animate=False, scroll=True)

    def _add_all(self, rows: list[tuple[str, tuple[Text, ...]]]) -> None:
        """Add many one-line rows at once.

        DataTable.add_row does per-row bookkeeping (a reactive cursor update, an idle
        check) that costs seconds over 10,000 rows; this fills the same structures in
        one pass and updates once.  Falls back to add_row if DataTable's internals differ.
        """
        try:
            from textual.widgets._data_table import Row

            columns = self.ordered_columns
            start = self.row_count
            for offset, (key, cells) in enumerate(rows):
                row_key = RowKey(key)
                self._row_locations[row_key] = start + offset
                self._data[row_key] = {column.key: cell for column, cell in zip(columns, cells, strict=False)}
                self.rows[row_key] = Row(row_key, 1, None, False)
                self._new_rows.add(row_key)
        except (ImportError, AttributeError, TypeError):  # pragma: no cover - another Textual version
            self.clear()
            for key, cells in rows:
                self.add_row(*cells, key=key)
            return
        self._require_update_dimensions = True
        self._update_count += 1
        self.cursor_coordinate = self.cursor_coordinate
        if start == 0 and rows:
            self._highlight_cursor()
        self.check_idle()

    def set_status(self, item: Item) -> None:
        self.update_cell(item.id, "status", self.cells(item)[3])
