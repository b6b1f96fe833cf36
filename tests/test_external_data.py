"""pycorrector's data files, fetched once into the cache folder (skipped offline)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.evaluate import external


def test_named_file_is_fetched_once_and_read_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path))
    path = external.pycorrector_data("same_pinyin.txt")
    if path is None:
        pytest.skip("pycorrector's wheel cannot be fetched here (no network or no pip index)")
    assert path.is_file() and tmp_path in path.parents
    assert path.stat().st_size > 10_000
    calls: list[object] = []
    monkeypatch.setattr(external.subprocess, "run", lambda *a, **k: calls.append(a))
    assert external.pycorrector_data("sighan2015_test.tsv") is not None  # from the wheel already there
    assert external.pycorrector_data("same_pinyin.txt") == path
    assert calls == []


def test_unknown_or_unfetchable_names_give_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(external, "_wheel", lambda folder: None)
    assert external.pycorrector_data("same_stroke.txt") is None
    assert external.pycorrector_data("../etc/passwd") is None
    monkeypatch.setenv("CHECKER_CACHE_DIR", "")
    assert external.pycorrector_data("same_stroke.txt") is None
