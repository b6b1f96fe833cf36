"""The review app: holds the database engine, the reviewer and the writer thread; shows ReviewScreen."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import Engine
from textual.app import App

from checker.review.screens.main import ReviewScreen, review_screen
from checker.store.reviews import default_reviewer

REFRESH_SECONDS = 10.0


class ReviewApp(App[None]):
    """``checker review``: list, inspect and decide on stored findings.

    ``paths`` restricts the list to those files' findings (and is what ``x`` re-checks);
    ``rules`` are the rule-pack directories for re-checks; ``rules_dir`` is the user's
    pack, where ``s`` writes suppressions (None: suppress is refused with a hint).
    """

    CSS_PATH = "review.tcss"
    TITLE = "checker"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        engine: Engine,
        *,
        paths: Sequence[str] = (),
        reviewer: str | None = None,
        rules: Sequence[str] = (),
        rules_dir: Path | None = None,
        lang: str = "zh",
        refresh_seconds: float | None = REFRESH_SECONDS,
        check_on_start: bool = False,
        on_loaded: Callable[[int, float], None] | None = None,
    ) -> None:
        super().__init__()
        self.engine = engine
        self.paths = list(paths)
        self.reviewer = reviewer or default_reviewer()
        self.rules = list(rules)
        self.rules_dir = rules_dir
        self.lang = lang
        self.refresh_seconds = refresh_seconds
        self.check_on_start = check_on_start
        self.on_loaded = on_loaded
        self.started = time.perf_counter()
        # One writer thread: decisions reach the database in the order the editor made them.
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="checker-review-writer")
        self.loads = 0

    @property
    def review(self) -> ReviewScreen:
        screen = self.get_screen("review")
        assert isinstance(screen, ReviewScreen)
        return screen

    def on_mount(self) -> None:
        self.install_screen(review_screen(self.lang), "review")
        self.push_screen("review")
        if self.refresh_seconds:
            self.set_interval(self.refresh_seconds, self.review.refresh_states)
        if self.check_on_start:
            self.call_after_refresh(self.review.action_recheck)

    def action_help_quit(self) -> None:
        """Ctrl+C: tell the editor how to quit, in the interface's language."""
        if self.lang == "en":
            self.notify("Press q to quit the review", title="Quit?")
        else:
            self.notify("按 q 退出审稿界面", title="要退出吗？")

    def post_loaded(self, count: int) -> None:
        """Called each time the list shows a fresh load."""
        self.loads += 1
        if self.on_loaded is not None:
            self.on_loaded(count, time.perf_counter() - self.started)

    async def on_unmount(self) -> None:
        self.writer.shutdown(wait=True)


def create_app(engine: Engine, **kwargs: object) -> ReviewApp:
    return ReviewApp(engine, **kwargs)  # type: ignore[arg-type]
