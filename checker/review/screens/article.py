"""The whole article, every finding in it marked, and the list of those findings."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from checker.review.widgets.render import SEVERITY_STYLE, status_cell
from checker.triage import ArticleText, label, tr

MARK = {"error": "bold white on red", "warning": "bold black on yellow", "info": "black on cyan"}


def article_renderable(article: ArticleText, lang: str, current: str | None = None) -> Text:
    text = Text(article.text)
    for start, end, item in article.spans:
        style = MARK.get(item.severity, "reverse")
        if item.id == current:
            style += " underline"
        text.stylize(style, start, max(end, start + 1))
    # Numbers after each span, added from the end so earlier offsets stay valid.
    for number, (_start, end, _item) in reversed(list(enumerate(article.spans, 1))):
        text = text[:end] + Text(f"[{number}]", style="bold magenta") + text[end:]
    return text


def findings_renderable(article: ArticleText, lang: str) -> Text:
    out = Text()
    for number, (_s, _e, item) in enumerate(article.spans, 1):
        if number > 1:
            out.append("\n")
        out.append(f"[{number}] ", style="bold magenta")
        out.append(f"{item.rule} ", style="bold")
        out.append(label(item.severity, lang), style=SEVERITY_STYLE.get(item.severity, ""))
        out.append(" ")
        out.append_text(status_cell(item.status, lang))
        out.append(f"  {item.message(lang)}")
    return out


class ArticleScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "返回"),
        Binding("q", "back", "返回", show=False),
        Binding("j", "scroll_down", show=False),
        Binding("k", "scroll_up", show=False),
    ]

    def __init__(self, article: ArticleText, lang: str = "zh", current: str | None = None) -> None:
        super().__init__()
        self.article = article
        self.lang = lang
        self.current = current

    def compose(self) -> ComposeResult:
        lang = self.lang
        title = f"{self.article.headline or tr(lang, '(无标题)', '(untitled)')} — {Path(self.article.path).name}"
        yield Label(title, id="article-title")
        with VerticalScroll(id="article-body"):
            yield Static(article_renderable(self.article, lang, self.current), id="article-text")
        count = len(self.article.spans)
        yield Label(tr(lang, f"本篇 {count} 个问题", f"{count} findings in this article"), id="article-count")
        with VerticalScroll(id="article-findings"):
            yield Static(findings_renderable(self.article, lang))
        yield Footer()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#article-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#article-body", VerticalScroll).scroll_up()


class EnglishArticleScreen(ArticleScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
    ]


def article_screen(article: ArticleText, lang: str = "zh", current: str | None = None) -> ArticleScreen:
    cls = EnglishArticleScreen if lang == "en" else ArticleScreen
    return cls(article, lang, current)
