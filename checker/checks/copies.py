"""Whole files stored again under another name: their articles are already published.

A page copied to tomorrow's file name (``cp page.txt tomorrow.txt``), or a story re-sent
word for word, is stored and checked like any other file; this rule says what it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from checker.checks.base import Archive, ArticleView, Rule
from checker.checks.settings import RuleSettings, severity_setting
from checker.model import FindingDraft, Location, Severity


def _headline_or_opening(article: ArticleView) -> Location | None:
    """Where to point at an article as a whole: its headline, else its first sentence."""
    if article.headline.text and len(article.headline.src):
        return article.span_location(article.headline, 0, len(article.headline.text))
    if article.sentences:
        first = article.sentences[0].mapped
        return article.span_location(first, 0, len(first.text))
    return None


class RepublishedArticle(Rule):
    """稿件已刊登：所在文件与资料库中另一个文件内容完全相同。

    What it catches: a file whose bytes are already stored under another path — a page
    copied to a new name, an article sent again for another issue.  Every article of the
    copy is reported once, naming the stored file, its date and the same article there.
    Why: the copy is checked like any other file, but its articles have been printed
    before; a reprint must be a decision, not an accident.
    Example: ``cp 2025-06-09_A2.txt 2025-06-10_A2.txt`` then ``checker check
    2025-06-10_A2.txt``: each article of the new file is reported as already published in
    2025-06-09_A2.txt.  The earliest stored copy is named; when both files are checked in
    one run, the one stored later is reported.
    """

    code = "DUP005"
    name = "republished-article"
    category = "duplicate"

    pairwise = True

    @dataclass(frozen=True)
    class Settings(RuleSettings):
        severity: Severity = severity_setting("error")

    settings: Settings

    def check(self, article: ArticleView, archive: Archive) -> Iterator[FindingDraft]:
        copies = archive.copies_of(article.document_id)
        # The earliest copy stored before this one; checked in the same run, only the later is reported.
        earlier = [c for c in copies if c.document_id < article.document_id]
        if not earlier:
            return
        stored = earlier[0]
        here = _headline_or_opening(article)
        if here is None:
            return
        other = archive.article_at(stored.document_id, article.ordinal)
        related = [loc for loc in [_headline_or_opening(other)] if loc is not None] if other else []
        day = stored.pub_date
        when_zh = f"，{day.year}年{day.month}月{day.day}日" if day else ""
        when_en = f", {day.isoformat()}" if day else ""
        title = article.headline.text or here.text
        yield self.finding(
            here,
            f"本篇稿件已刊登：所在文件与已入库的 {stored.path}（{PurePath(stored.path).name}{when_zh}）内容完全相同，"
            f"《{title}》已在其中",
            f"This article is already published: its file is identical to the stored {stored.path} "
            f"({PurePath(stored.path).name}{when_en}), which holds '{title}'",
            related=related,
            suggestion="确认是否有意重发；否则换上本期稿件",
            identity=(str(article.ordinal), title),
        )
