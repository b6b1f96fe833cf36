"""Run the enabled rules over some articles and store what they find.

The one function both the CLI and the review app call.  Each finding gets a stable
id: a hash of the rule, the file name, the article's headline and the text that
identifies the problem (never line numbers), so the same problem has the same id on
every run and after an edit elsewhere in the article, and review decisions, which
are keyed by that id, stay attached.

A problem between two places (a pairwise rule: NUM001's two figures, DUP002's two
passages) has one id whichever of its two articles is checked: the id hashes the
sorted pair of sides (file name, headline, text), so a decision made when B was
checked against A still holds when A is checked again.

A finding a check no longer produces is not deleted: it is kept, marked resolved, with
its decisions (see :func:`store_findings`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import PurePath
from typing import TypeVar

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from checker.checks.base import Archive
from checker.checks.registry import enabled_rules
from checker.model import FindingDraft, Location
from checker.rulepack import RulePack, suppressed_phrases
from checker.store.models import Document, Finding

ProgressCallback = Callable[[int, int], None]
_T = TypeVar("_T")
PREFETCH = 200  # targets loaded per batch of queries


Side = tuple[str, str, str]  # (file name, headline, text) of one place of a problem


def side(path: str, headline: str, text: str) -> Side:
    return PurePath(path).name, headline, text


def _hashed(rule: str, parts: Iterable[str]) -> str:
    digest = hashlib.sha1("\x1f".join([rule, *parts]).encode("utf-8")).hexdigest()
    return f"{rule}-{digest[:16]}"


def pair_id(rule: str, one: Side, other: Side) -> str:
    """The id of a pairwise problem between two places: the same whichever is reported first."""
    first, second = sorted((one, other))
    return _hashed(rule, ["pair", *first, *second])


def finding_id(draft: FindingDraft, *, pairwise: bool = False) -> str:
    loc = draft.location
    if pairwise and draft.related:
        rel = draft.related[0]
        return pair_id(draft.rule, side(loc.path, loc.article, loc.text), side(rel.path, rel.article, rel.text))
    identity = draft.identity or (loc.text,)
    parts = [PurePath(loc.path).name, loc.article, *identity]
    parts.extend(r.text for r in draft.related)
    return _hashed(draft.rule, parts)


def _place(loc: Location | dict[str, object]) -> tuple[object, object]:
    if isinstance(loc, Location):
        return loc.article_id, loc.raw_start
    return loc.get("article_id"), loc.get("raw_start")


def _mirrors(row: Finding, draft: FindingDraft) -> bool:
    """Whether ``draft`` is ``row``'s problem seen from its other side."""
    if not draft.related or not row.related:
        return False
    return (_place(draft.related[0]) == (row.article_id, row.raw_start)
            and _place(row.related[0]) == _place(draft.location))


def _related_elsewhere(draft: FindingDraft) -> Location | None:
    loc = draft.location
    return next((r for r in draft.related if r.article_id != loc.article_id), None)


def _row(draft: FindingDraft, fid: str, now: datetime) -> Finding:
    loc = draft.location
    assert loc.article_id is not None and loc.raw_start is not None and loc.raw_end is not None
    elsewhere = _related_elsewhere(draft)
    return Finding(
        id=fid, rule=draft.rule, category=draft.category, severity=draft.severity,
        message_zh=draft.message_zh, message_en=draft.message_en, article_id=loc.article_id,
        related_article_id=elsewhere.article_id if elsewhere else None,
        related_path=elsewhere.path if elsewhere else None, resolved_at=None,
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
    """Check ``article_ids`` against themselves and the archive; replace their stored findings
    (those no longer found are kept as resolved, see :func:`store_findings`).

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
                fid = finding_id(draft, pairwise=rule.pairwise)
                if rule.pairwise and fid in rows and _mirrors(rows[fid], draft):
                    continue  # the pair was reported from its other side in this run
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
        paths = sorted({archive.article(a).path for a in targets})
        every_rule = select is None and ignore is None
        store_findings(session, targets, paths, ordered, None if every_rule else {r.code for r in rules}, now)
    return ordered


def store_findings(
    session: Session, targets: list[int], paths: list[str], found: list[Finding], rules: set[str] | None,
    now: datetime,
) -> None:
    """Store ``found``, the findings of a check of ``targets`` (articles of the files ``paths``)
    by ``rules`` (None: every rule), and mark resolved what that check no longer finds.

    Resolved: an open finding of these articles (or of these files' earlier versions,
    whose articles were replaced on re-ingest) that was not found again; and a finding of
    another article whose related place was in one of these files and is no longer in its
    text (the pair can never be found again).  A resolved finding keeps its row and its
    decisions, and comes back open if the problem is found again.
    """
    produced = {f.id for f in found}
    own = or_(Finding.article_id.in_(targets), Finding.article_id.is_(None) & Finding.path.in_(paths))
    query = select(Finding.id).where(Finding.resolved_at.is_(None), own)
    if rules is not None:
        query = query.where(Finding.rule.in_(sorted(rules)))
    gone = [fid for fid in session.scalars(query) if fid not in produced]
    gone.extend(_pairs_gone(session, paths, produced))
    for chunk in _chunks(gone, 500):
        session.execute(update(Finding).where(Finding.id.in_(chunk)).values(resolved_at=now))
    for chunk in _chunks(sorted(produced), 500):
        session.execute(delete(Finding).where(Finding.id.in_(chunk)))
    session.flush()
    session.add_all(found)
    session.flush()


def _pairs_gone(session: Session, paths: list[str], produced: set[str]) -> list[str]:
    """Open findings whose related article in ``paths`` was replaced and no longer has the related text."""
    if not paths:
        return []
    rows = session.execute(
        select(Finding.id, Finding.related_path, Finding.related).where(
            Finding.resolved_at.is_(None), Finding.related_article_id.is_(None), Finding.related_path.in_(paths)
        )
    ).all()
    # The text a location quotes is the shown text (without markup) where the file has one.
    texts = {path: clean if clean is not None else raw for path, raw, clean in session.execute(
        select(Document.path, Document.text, Document.clean_text).where(
            Document.path.in_(sorted({str(p) for _, p, _ in rows}))))} if rows else {}
    gone = []
    for fid, path, related in rows:
        if fid in produced:
            continue
        text = texts.get(str(path))
        wanted = [str(r.get("text", "")) for r in related or [] if r.get("path") == path]
        if text is None or not any(w and w in text for w in wanted):
            gone.append(fid)
    return gone


def _is_suppressed(draft: FindingDraft, suppressed: dict[str, set[str]]) -> bool:
    """Whether an editor suppressed this rule for this phrase (``s`` in the review app)."""
    phrases = suppressed.get(draft.rule)
    return bool(phrases) and any(p and p in draft.location.text for p in phrases or ())


def _chunks(items: list[_T], size: int) -> Iterable[list[_T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
