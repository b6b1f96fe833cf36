"""Run the enabled rules over some articles and store what they find.

The one function both the CLI and the review app call.  Each finding gets a stable
id: a hash of the rule, the file name, the article's headline and the text that
identifies the problem (never line numbers), so the same problem has the same id on
every run and after an edit elsewhere in the article, and review decisions, which
are keyed by that id, stay attached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import PurePath

from sqlalchemy import delete
from sqlalchemy.orm import Session

from checker.checks.base import Archive
from checker.checks.registry import enabled_rules
from checker.model import FindingDraft
from checker.rulepack import RulePack, suppressed_phrases
from checker.store.models import Finding

ProgressCallback = Callable[[int, int], None]
PREFETCH = 200  # targets loaded per batch of queries


def finding_id(draft: FindingDraft) -> str:
    loc = draft.location
    identity = draft.identity or (loc.text,)
    parts = [draft.rule, PurePath(loc.path).name, loc.article, *identity]
    parts.extend(r.text for r in draft.related)
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{draft.rule}-{digest[:16]}"


def _row(draft: FindingDraft, fid: str, now: datetime) -> Finding:
    loc = draft.location
    assert loc.article_id is not None and loc.raw_start is not None and loc.raw_end is not None
    return Finding(
        id=fid, rule=draft.rule, category=draft.category, severity=draft.severity,
        message_zh=draft.message_zh, message_en=draft.message_en, article_id=loc.article_id,
        related_article_id=next((r.article_id for r in draft.related if r.article_id != loc.article_id), None),
        path=loc.path, article_headline=loc.article, line=loc.line, column=loc.column, end_line=loc.end_line,
        end_column=loc.end_column, raw_start=loc.raw_start, raw_end=loc.raw_end, text=loc.text,
        related=[r.as_stored() for r in draft.related], suggestion=draft.suggestion, created_at=now,
    )


def run_checks(
    session: Session,
    article_ids: Iterable[int],
    pack: RulePack,
    *,
    select: set[str] | None = None,
    ignore: set[str] | None = None,
    store: bool = True,
    progress: ProgressCallback | None = None,
) -> list[Finding]:
    """Check ``article_ids`` against themselves and the archive; replace their stored findings.

    With ``store=False`` nothing is written and the returned rows are transient.
    """
    targets = list(dict.fromkeys(article_ids))
    rules = enabled_rules(pack, select, ignore)
    archive = Archive(session, targets)
    now = datetime.now()
    rows: dict[str, Finding] = {}
    suppressed = suppressed_phrases(pack)
    if targets:
        from checker.text.segment import tokenizer_for

        tokenizer_for(pack)  # the checks' word look-ups know this pack's names
    for done, article_id in enumerate(targets, 1):
        if (done - 1) % PREFETCH == 0:
            # The next targets' sentences and facts in a few queries, not two per article.
            archive.prefetch(targets[done - 1 : done - 1 + PREFETCH], facts=True)
        article = archive.article(article_id)
        for rule in rules:
            if article.kind == "furniture" and not rule.checks_furniture:
                continue
            for draft in rule.check(article, archive):
                if _is_suppressed(draft, suppressed):
                    continue
                fid = finding_id(draft)
                n = 2
                base = fid
                while fid in rows:  # the same text flagged twice in one article: number the repeats
                    fid = f"{base}-{n}"
                    n += 1
                rows[fid] = _row(draft, fid, now)
        if progress:
            progress(done, len(targets))
    ordered = sorted(rows.values(), key=lambda f: (f.path, f.line, f.column, f.rule))
    if store:
        for chunk in _chunks(targets, 500):
            session.execute(delete(Finding).where(Finding.article_id.in_(chunk)))
        ids = list(rows)
        for i in range(0, len(ids), 500):
            session.execute(delete(Finding).where(Finding.id.in_(ids[i : i + 500])))
        session.flush()
        session.add_all(ordered)
        session.flush()
    return ordered


def _is_suppressed(draft: FindingDraft, suppressed: dict[str, set[str]]) -> bool:
    """Whether an editor suppressed this rule for this phrase (``s`` in the review app)."""
    phrases = suppressed.get(draft.rule)
    return bool(phrases) and any(p and p in draft.location.text for p in phrases or ())


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
