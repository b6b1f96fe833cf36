"""Pages laid out as other papers lay them out (tests/layouts/, written for these tests).

Each page is read, normalised and split as ingest does it; tests/layouts/expected.yaml
lists every article the page holds: headline, kicker and sub-headline, byline names and
how the body begins, the page's date and edition.  Nothing else may come out as an article.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.model import ArticleDraft, MappedText
from checker.pipeline import prepare_document
from checker.read import read_file
from tests.conftest import seed_page

LAYOUTS = Path(__file__).parent / "layouts"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((LAYOUTS / "expected.yaml").read_text(encoding="utf-8"))


def _flat(text: str | None) -> str | None:
    """Text without whitespace: normalising drops the spaces between Chinese words."""
    return None if text is None else "".join(text.split())


def _articles(name: str) -> tuple[list[ArticleDraft], dt.date | None, str | None]:
    prepared = prepare_document(read_file(LAYOUTS / name))
    drafts = [a.draft for a in prepared.articles if a.draft.kind != "furniture"]
    return drafts, prepared.pub_date, prepared.edition


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_article_of_the_page(name: str) -> None:
    want = EXPECTED[name]
    drafts, pub_date, edition = _articles(name)
    assert pub_date == want["date"]
    if "edition" in want:
        assert edition == want["edition"]
    assert [a.headline.text for a in drafts] == [_flat(a["headline"]) for a in want["articles"]]
    for draft, expected in zip(drafts, want["articles"], strict=True):
        assert _flat(draft.kicker.text if draft.kicker else None) == _flat(expected.get("kicker"))
        assert _flat(draft.subheadline.text if draft.subheadline else None) == _flat(expected.get("subheadline"))
        assert [n for b in draft.bylines for n in b.names] == expected["names"]
        if "roles" in expected:
            assert [b.role for b in draft.bylines] == expected["roles"]
        assert draft.paragraphs and draft.paragraphs[0].text.startswith(_flat(expected["body"]) or "")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_headlines_point_into_the_file(name: str) -> None:
    """Every headline, kicker and sub-headline maps back to its own characters in the file."""
    raw = read_file(LAYOUTS / name).text
    drafts, _, _ = _articles(name)
    for draft in drafts:
        for part in (draft.headline, draft.kicker, draft.subheadline):
            if part is None:
                continue
            for ch, at in zip(part.text, part.src, strict=True):
                assert raw[at] == ch or ch in "，：（）“”" or raw[at] in "\n", (name, part.text)


def _phrases(raw: str, part: MappedText) -> list[str]:
    """The phrases of a headline-block line as the file prints them (separated by spaces)."""
    return raw[part.src[0] : part.src[-1] + 1].split()


def test_the_seed_kicker_is_kept_with_its_headline() -> None:
    """Seed page 003 prints a kicker of two parallel phrases above a headline (checked by its shape,
    not its words): it is that article's kicker, and the longer line below it is the headline."""
    raw = read_file(seed_page("003"))
    drafts = [a.draft for a in prepare_document(raw).articles if a.draft.kind != "furniture"]

    def parallel(part: MappedText | None) -> bool:
        phrases = _phrases(raw.text, part) if part is not None and part.text else []
        return len(phrases) == 2 and all(2 <= len(p) <= 5 for p in phrases)

    kept = [d for d in drafts if parallel(d.kicker)]
    assert kept, "no kicker of two parallel phrases on seed page 003"
    for draft in kept:
        assert draft.kicker is not None and len(draft.headline.text) > len(draft.kicker.text)
        assert draft.headline.src[0] > draft.kicker.src[-1]  # the headline is the line below it
