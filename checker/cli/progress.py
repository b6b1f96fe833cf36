"""Progress on stderr in phases: one bar per phase, each with its own count.

``checker check`` reads and stores the files, then compares each article with the
archive (most of a check's time on a large archive); each phase gets its own line, so
the display never sits at 300/300 while the comparison runs.  Shown only on a terminal
(Rich's detection: ``FORCE_COLOR`` forces it, ``TTY_COMPATIBLE=0`` turns it off) and
for runs of at least :data:`PROGRESS_MIN_FILES` files; cleared when the run ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

PROGRESS_MIN_FILES = 5


class Phases:
    """Adds a phase (a bar) on demand; without a display every callback does nothing."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress

    def _start(self, label: str, total: int | None) -> TaskID | None:
        if self._progress is None:
            return None
        # The earlier phases' bars stay, showing where each ended.
        return self._progress.add_task(label, total=total)

    def files(self, label: str, total: int) -> Callable[[str], None]:
        """A phase counting files: the callback is called with each file's path as it is done."""
        task = self._start(label, total)
        progress = self._progress
        if progress is None or task is None:
            return lambda _path: None
        return lambda _path: progress.advance(task)

    def counter(self, label: str) -> Callable[[int, int], None]:
        """A phase started by the first ``(done, total)`` call (its total is known only then)."""
        started: list[TaskID | None] = []

        def update(done: int, total: int) -> None:
            if self._progress is None:
                return
            if not started:
                started.append(self._start(label, total))
            task = started[0]
            if task is not None:
                self._progress.update(task, completed=done, total=total)

        return update


@contextmanager
def phases(console: Console, files: int) -> Iterator[Phases]:
    """A phased progress display on ``console`` when there are enough files and a terminal."""
    if files < PROGRESS_MIN_FILES or not console.is_terminal:
        yield Phases(None)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        yield Phases(progress)
