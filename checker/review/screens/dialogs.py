"""Small modal dialogs: a one-line input (note, text filter) and the article picker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from checker.triage import ArticleKey, tr

ALL_ARTICLES = 0
"""What the article picker returns for 'every article' (article ids start at 1)."""


class InputDialog(ModalScreen[str | None]):
    """Asks for one line of text: Enter returns it, Escape returns None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消", show=False)]

    def __init__(self, title: str, value: str = "", placeholder: str = "", hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(value=self.value, placeholder=self.placeholder, id="dialog-input")
            if self.hint:
                yield Label(self.hint, classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Asks before something permanent: y or Enter confirms, n or Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", show=False),
    ]

    def __init__(self, title: str, body: str, hint: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(Text(self.body), id="confirm-body")
            yield Label(self.hint, classes="dialog-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ArticlePicker(ModalScreen[int | None]):
    """Chooses one article to show (or all): returns its id, ALL_ARTICLES, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消", show=False)]

    def __init__(self, articles: Sequence[tuple[ArticleKey, int]], current: int | None, lang: str = "zh") -> None:
        super().__init__()
        self.articles = list(articles)
        self.current = current
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        options = [Option(tr(lang, "全部稿件", "All articles"), id=str(ALL_ARTICLES))]
        options.extend(Option(f"{key.title(lang)}  ({count})", id=str(key.article_id)) for key, count in self.articles)
        with Vertical(classes="dialog picker"):
            yield Label(tr(lang, "按稿件筛选", "Filter by article"), classes="dialog-title")
            yield OptionList(*options, id="articles")

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        ids = [ALL_ARTICLES, *(key.article_id for key, _ in self.articles)]
        if self.current in ids:
            picker.highlighted = ids.index(self.current)
        picker.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or ALL_ARTICLES))

    def action_cancel(self) -> None:
        self.dismiss(None)
