"""The detail pane: message, both passages side by side, the suggestion and the facts compared."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from checker.review.widgets.render import SEVERITY_STYLE, Wrapped, passage_text, status_cell
from checker.triage import Detail, FactLine, Passage, label, tr


def _where(passage: Passage, width: int = 0) -> str:
    """``file:line:column``; the file name shortened in the middle to fit ``width`` cells, the
    line and column always kept."""
    name, place = Path(passage.path).name, f":{passage.line}:{passage.column}"
    room = width - cell_len(place)
    if width and cell_len(name) > room:
        keep = max(2, room - 1)
        head, tail = name[: keep // 2], name[len(name) - (keep - keep // 2):]
        while cell_len(head) + cell_len(tail) + 1 > max(room, 3) and (head or tail):
            head, tail = (head[:-1], tail) if len(head) >= len(tail) else (head, tail[1:])
        name = f"{head}…{tail}"
    return name + place


class DetailPane(VerticalScroll):
    """Everything about the finding under the cursor."""

    def __init__(self, lang: str = "zh", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Static(id="message")
        yield Static(id="suggestion")  # above the passages: visible without scrolling
        with Horizontal(id="passages"):
            yield Static(id="here", classes="passage")
            yield Static(id="there", classes="passage")
        yield Static(id="facts")

    def clear_detail(self, text: str = "") -> None:
        self.query_one("#message", Static).update(text)
        for name in ("here", "there", "suggestion", "facts"):
            widget = self.query_one(f"#{name}", Static)
            widget.update("")
            widget.border_title = None
        self.query_one("#passages").display = False

    def show_detail(self, detail: Detail) -> None:
        lang = self.lang
        item = detail.item
        head = Text()
        head.append(f"{item.rule} ", style="bold")
        head.append(label(item.severity, lang), style=SEVERITY_STYLE.get(item.severity, ""))
        head.append(f" · {label(item.category, lang)} · ")
        head.append_text(status_cell(item.status, lang))
        if item.state.reviewer and item.status != "new":
            head.append(f"（{item.state.reviewer}）", style="dim")
        head.append("\n")
        head.append(item.message(lang))
        if item.state.note:
            head.append(f"\n{tr(lang, '备注：', 'Note: ')}{item.state.note}", style="italic")
        self.query_one("#message", Static).update(Wrapped(head))

        self.query_one("#passages").display = True
        # Room for a border title: the pane's half (or all) less the borders and the word 本处.
        room = (self.size.width or 80) // (2 if detail.others else 1) - 10
        here = self.query_one("#here", Static)
        here.update(Wrapped(passage_text(detail.here)))
        here.border_title = f"{tr(lang, '本处', 'Here')} {_where(detail.here, room)}"
        here.border_subtitle = detail.here.headline
        there = self.query_one("#there", Static)
        if detail.others:
            other = detail.others[0]
            body = passage_text(other)
            for extra in detail.others[1:]:
                body.append(f"\n\n{_where(extra)} ", style="dim")
                body.append_text(passage_text(extra))
            there.update(Wrapped(body))
            there.border_title = f"{tr(lang, '相关', 'Related')} {_where(other, room)}"
            there.border_subtitle = other.headline
            there.display = True
        else:
            there.update("")
            there.display = False

        suggestion = self.query_one("#suggestion", Static)
        suggestion.update(f"{tr(lang, '建议：', 'Suggestion: ')}{item.suggestion}" if item.suggestion else "")
        self.query_one("#facts", Static).update(self._facts(detail.facts_here, detail.facts_other))

    def _facts(self, here: list[FactLine], other: list[FactLine]) -> Text:
        lang = self.lang
        out = Text()
        if not here and not other:
            return out
        out.append(tr(lang, "比较的事实", "Facts compared"), style="bold")
        for title, facts in ((tr(lang, "本处", "here"), here), (tr(lang, "相关", "related"), other)):
            if facts:
                out.append(f"\n  {title}{tr(lang, '：', ': ')}")
                out.append(tr(lang, "；", "; ").join(f.describe(lang) for f in facts))
        return out
