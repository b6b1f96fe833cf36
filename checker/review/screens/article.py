"""The whole article, every finding in it marked, and the list of those findings.

It opens scrolled to the finding under the list's cursor; ``n`` / ``N`` (or Tab / Shift+Tab)
go to the next / previous marker, and ``a`` / ``d`` decide the marked finding there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from checker.review.widgets.render import SEVERITY_STYLE, Wrapped, status_cell
from checker.triage import ArticleText, Item, label, tr

MARK = {"error": "bold white on red", "warning": "bold black on yellow", "info": "black on cyan"}
Decide = Callable[[Item, str], None]


def article_renderable(article: ArticleText, lang: str, current: str | None = None) -> Text:
    text, _ends = _marked(article, current)
    return text


def _marked(article: ArticleText, current: str | None) -> tuple[Text, list[int]]:
    """The article with each finding's span highlighted and numbered, and where each number ends."""
    text = Text(article.text)
    for start, end, item in article.spans:
        style = MARK.get(item.severity, "reverse")
        if item.id == current:
            style += " underline reverse"
        text.stylize(style, start, max(end, start + 1))
    # Numbers after each span, added from the end so earlier offsets stay valid.
    for number, (_start, end, _item) in reversed(list(enumerate(article.spans, 1))):
        text = text[:end] + Text(f"[{number}]", style="bold magenta") + text[end:]
    ends, shift = [], 0
    for number, (_start, end, _item) in enumerate(article.spans, 1):
        shift += len(f"[{number}]")
        ends.append(end + shift)
    return text, ends


def findings_renderable(article: ArticleText, lang: str, current: str | None = None) -> Text:
    out = Text()
    for number, (_s, _e, item) in enumerate(article.spans, 1):
        if number > 1:
            out.append("\n")
        out.append("▶ " if item.id == current else "  ", style="bold")
        out.append(f"[{number}] ", style="bold magenta")
        out.append(f"{item.rule} ", style="bold")
        out.append(label(item.severity, lang), style=SEVERITY_STYLE.get(item.severity, ""))
        out.append(" ")
        out.append_text(status_cell(item.status, lang))
        out.append(f"  {item.message(lang)}")
    return out


def article_bindings(lang: str) -> list[BindingType]:
    def t(zh: str, en: str) -> str:
        return tr(lang, zh, en)

    return [
        Binding("escape", "back", t("返回", "Back")),
        Binding("q", "back", t("返回", "Back"), show=False),
        Binding("n,tab", "marker(1)", t("下一处", "Next marker")),
        Binding("N,shift+tab", "marker(-1)", t("上一处", "Previous marker")),
        Binding("a", "decide('accept')", t("确认", "Accept")),
        Binding("d", "decide('dismiss')", t("忽略", "Dismiss")),
        Binding("j", "scroll_down", show=False),
        Binding("k", "scroll_up", show=False),
    ]


class ArticleScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = article_bindings("zh")

    def __init__(self, article: ArticleText, lang: str = "zh", current: str | None = None,
                 decide: Decide | None = None) -> None:
        super().__init__()
        self.article = article
        self.lang = lang
        ids = [item.id for _s, _e, item in article.spans]
        self.current = current if current in ids else (ids[0] if ids else None)
        self.decide = decide

    def compose(self) -> ComposeResult:
        lang = self.lang
        title = f"{self.article.headline or tr(lang, '(无标题)', '(untitled)')} — {Path(self.article.path).name}"
        yield Label(title, id="article-title")
        with VerticalScroll(id="article-body"):
            yield Static(id="article-text")
        yield Label(id="article-count")
        with VerticalScroll(id="article-findings"):
            yield Static(id="article-list")
        yield Footer()

    def on_mount(self) -> None:
        self.redraw()
        self.call_after_refresh(self.scroll_to_current)

    def on_resize(self) -> None:
        self.call_after_refresh(self.scroll_to_current)

    # -- drawing --------------------------------------------------------------------------------
    def redraw(self) -> None:
        text, _ends = _marked(self.article, self.current)
        self.query_one("#article-text", Static).update(Wrapped(text))
        self.query_one("#article-list", Static).update(findings_renderable(self.article, self.lang, self.current))
        count = len(self.article.spans)
        at = self.index()
        where = f"{at + 1}/{count}" if at is not None else f"0/{count}"
        self.query_one("#article-count", Label).update(
            tr(self.lang, f"本篇 {count} 个问题 · 第 {where} 处", f"{count} findings in this article · {where}"))

    def index(self) -> int | None:
        ids = [item.id for _s, _e, item in self.article.spans]
        return ids.index(self.current) if self.current in ids else None

    def scroll_to_current(self) -> None:
        """Scroll the article so the current marker is in view, a few lines from the top."""
        at = self.index()
        body = self.query_one("#article-body", VerticalScroll)
        if at is None:
            return
        text, ends = _marked(self.article, self.current)
        plain = text.plain
        width = max(1, body.scrollable_content_region.width)
        line, pos = 0, 0
        for line, row in enumerate(Wrapped(text).lines(width).plain.split("\n")):  # noqa: B007
            pos += len(row)
            if pos >= ends[at]:
                break
            if pos < len(plain) and plain[pos] == "\n":
                pos += 1  # a line of the article ends here (else a wrapped line does)
        body.scroll_to(y=max(0, line - 2), animate=False)

    # -- actions --------------------------------------------------------------------------------
    def action_marker(self, step: int) -> None:
        spans = self.article.spans
        if not spans:
            return
        at = self.index()
        at = 0 if at is None else (at + step) % len(spans)
        self.current = spans[at][2].id
        self.redraw()
        self.scroll_to_current()

    def action_decide(self, action: str) -> None:
        at = self.index()
        if at is None or self.decide is None:
            return
        self.decide(self.article.spans[at][2], action)
        self.redraw()

    def item_changed(self, item: Item) -> None:
        """A decision on one of this article's findings reached the database."""
        if any(i.id == item.id for _s, _e, i in self.article.spans):
            self.redraw()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#article-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#article-body", VerticalScroll).scroll_up()


class EnglishArticleScreen(ArticleScreen):
    BINDINGS: ClassVar[list[BindingType]] = article_bindings("en")


def article_screen(article: ArticleText, lang: str = "zh", current: str | None = None,
                   decide: Decide | None = None) -> ArticleScreen:
    cls = EnglishArticleScreen if lang == "en" else ArticleScreen
    return cls(article, lang, current, decide)
