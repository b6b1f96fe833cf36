"""Snapshots of the main screens (pytest --snapshot-update writes them to __snapshots__/)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.review.conftest import Archive, make_app, settle

SIZE = (120, 40)


def keys(*presses: str, after: Callable[[Pilot[Any]], Awaitable[None] | None] | None = None
         ) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
            await settle(pilot)
        if after is not None:
            result = after(pilot)
            if result is not None:
                await result
            await settle(pilot)

    return run


def snap(snap_compare: Any, archive: Archive, presses: Sequence[str] = (), **kwargs: Any) -> bool:
    after = kwargs.pop("after", None)
    size = kwargs.pop("size", SIZE)
    return bool(snap_compare(make_app(archive, **kwargs), terminal_size=size, run_before=keys(*presses, after=after)))


# The sizes editors use: a laptop's split, a default terminal, a full screen.
EDITOR_SIZES = [(80, 24), (100, 30), (180, 50)]


@pytest.mark.parametrize("size", EDITOR_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_number_conflict_at_editor_sizes(snap_compare: Any, archive: Archive, size: tuple[int, int]) -> None:
    assert snap(snap_compare, archive, ["j"], size=size)


@pytest.mark.parametrize("size", EDITOR_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_at_editor_sizes(snap_compare: Any, archive: Archive, size: tuple[int, int]) -> None:
    assert snap(snap_compare, archive, ["question_mark"], size=size)


def test_main_screen(snap_compare: Any, archive: Archive) -> None:
    assert snap(snap_compare, archive)


def test_number_conflict_detail(snap_compare: Any, archive: Archive) -> None:
    assert snap(snap_compare, archive, ["j"])


def test_after_decisions_with_status_filter(snap_compare: Any, archive: Archive) -> None:
    assert snap(snap_compare, archive, ["a", "d", "t"])


def test_help_screen(snap_compare: Any, archive: Archive) -> None:
    assert snap(snap_compare, archive, ["question_mark"])


def test_article_screen(snap_compare: Any, archive: Archive) -> None:
    assert snap(snap_compare, archive, ["j", "enter"])


def test_article_picker(snap_compare: Any, archive: Archive) -> None:
    assert snap(snap_compare, archive, ["r"])


def test_note_dialog(snap_compare: Any, archive: Archive) -> None:
    def fill(pilot: Pilot[Any]) -> None:
        field = pilot.app.screen.query_one(Input)
        field.cursor_blink = False
        field.value = "已与作者核实"

    assert snap(snap_compare, archive, ["n"], after=fill)


def test_english_main_screen(snap_compare: Any, archive: Archive) -> None:
    assert snap(snap_compare, archive, ["j"], lang="en")
