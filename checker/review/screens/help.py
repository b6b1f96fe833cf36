"""The ``?`` help screen: every key of the review app."""

from __future__ import annotations

import itertools
from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from checker.triage import tr

KEYS: list[tuple[str, str, str]] = [
    ("j / ↓", "下一条", "next finding"),
    ("k / ↑", "上一条", "previous finding"),
    ("g / G", "第一条 / 最后一条", "first / last finding"),
    ("a", "确认：这是真错误", "accept: a real error"),
    ("d", "忽略：误报", "dismiss: a false positive"),
    ("n", "添加备注", "add a note"),
    ("u", "撤销上一个决定", "undo the last decision"),
    ("s", "屏蔽：把这段文字写入规则包的白名单（需 --rules）",
     "suppress: whitelist the phrase in the rule pack (needs --rules)"),
    ("/", "按文字筛选", "filter by text"),
    ("c", "按类别筛选（循环）", "cycle category filter"),
    ("v", "按级别筛选（循环）", "cycle severity filter"),
    ("t", "按状态筛选（循环）", "cycle status filter"),
    ("r", "按稿件筛选", "filter by article"),
    ("Esc", "清除全部筛选", "clear all filters"),
    ("Enter", "打开整篇稿件（n/N 跳转，a/d 决定）", "open the article (n/N jump, a/d decide)"),
    ("y", "复制建议或位置", "copy the suggestion or location"),
    ("e", "用 $EDITOR 打开该行", "open the line in $EDITOR"),
    ("F5 / R", "刷新：读取其他编辑的决定", "refresh: load other editors' decisions"),
    ("x", "重新检查文件", "re-check the files"),
    ("?", "帮助", "this help"),
    ("q", "退出", "quit"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "关闭", show=False),
        Binding("question_mark", "close", "关闭", show=False),
        Binding("q", "close", "关闭", show=False),
    ]

    def __init__(self, lang: str = "zh") -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        # Two columns of keys, so the whole list fits a 24-line terminal without scrolling.
        table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
        for _ in range(2):
            table.add_column(style="bold", no_wrap=True)
            table.add_column(ratio=1)
        half = (len(KEYS) + 1) // 2
        for left, right in itertools.zip_longest(KEYS[:half], KEYS[half:]):
            cells = [left[0], tr(lang, left[1], left[2])]
            cells += [right[0], tr(lang, right[1], right[2])] if right else ["", ""]
            table.add_row(*cells)
        with VerticalScroll(classes="dialog help"):
            yield Label(tr(lang, "审稿按键", "Review keys"), classes="dialog-title")
            yield Static(table)
            yield Label(tr(lang, "按 Esc 或 ? 关闭", "Esc or ? to close"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
