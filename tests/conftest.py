"""Shared fixtures: the real pages in ../shared/corpus and the demo corpus in examples/."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
SEEDS = SHARED_CORPUS / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"real pages not available: {SEEDS} is absent (CI always has ../shared/corpus)")
    return SEEDS


def seed_page(prefix: str) -> Path:
    """The seed page whose file name starts with ``prefix`` (e.g. '001')."""
    if not SEEDS.is_dir():
        pytest.skip(f"real pages not available: {SEEDS} is absent (CI always has ../shared/corpus)")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"no seed page {prefix}_*.txt in {SEEDS}")
    return matches[0]
