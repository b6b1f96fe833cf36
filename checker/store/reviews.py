"""Editor decisions on findings: accept, dismiss, reopen, note, undo.

Every decision is a new row (the history is never rewritten).  A finding's status
is the status of its newest decision, or ``new`` when it has none.  Writers pass the
``seq`` of the newest decision they saw; if someone else decided in between, the
write is refused with :class:`ReviewConflict` instead of silently overwriting.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from checker.errors import CheckerError, ReviewConflict
from checker.store.models import Finding, Review

STATUS_BY_ACTION = {"accept": "accepted", "dismiss": "dismissed", "reopen": "new", "suppress": "dismissed"}
ACTIONS = (*STATUS_BY_ACTION, "note", "undo")


@dataclass(frozen=True)
class ReviewState:
    status: str  # new | accepted | dismissed
    seq: int  # newest decision's seq, 0 when there is none
    reviewer: str | None = None
    note: str | None = None
    decided_at: datetime | None = None


NO_DECISION = ReviewState("new", 0)


def default_reviewer() -> str:
    try:
        return os.environ.get("CHECKER_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):
        return "editor"


def states(session: Session, finding_ids: Iterable[str]) -> dict[str, ReviewState]:
    """Current review state of each finding id (absent ids have no decision)."""
    ids = list(dict.fromkeys(finding_ids))
    out: dict[str, ReviewState] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        newest = (
            select(Review.finding_id, func.max(Review.seq).label("seq"))
            .where(Review.finding_id.in_(chunk))
            .group_by(Review.finding_id)
            .subquery()
        )
        rows = session.scalars(
            select(Review).join(newest, (Review.finding_id == newest.c.finding_id) & (Review.seq == newest.c.seq))
        )
        notes = _latest_notes(session, chunk)
        for r in rows:
            out[r.finding_id] = ReviewState(r.status, r.seq, r.reviewer, notes.get(r.finding_id), r.created_at)
    return out


def state(session: Session, finding_id: str) -> ReviewState:
    return states(session, [finding_id]).get(finding_id, NO_DECISION)


def _latest_notes(session: Session, ids: Sequence[str]) -> dict[str, str]:
    rows = session.execute(
        select(Review.finding_id, Review.note).where(Review.finding_id.in_(ids), Review.note.is_not(None))
        .order_by(Review.finding_id, Review.seq)
    )
    return {fid: note for fid, note in rows if note is not None}


def history(session: Session, finding_id: str) -> list[Review]:
    return list(session.scalars(select(Review).where(Review.finding_id == finding_id).order_by(Review.seq)))


def _status_before_last_change(session: Session, finding_id: str) -> str:
    """The status an undo returns to: the one before the newest status change."""
    changes = [r for r in history(session, finding_id) if r.action != "note"]
    statuses = [r.status for r in changes]
    return statuses[-2] if len(statuses) >= 2 else "new"


def decide(
    session: Session,
    finding_id: str,
    action: str,
    *,
    reviewer: str | None = None,
    note: str | None = None,
    expected_seq: int | None = None,
) -> Review:
    """Record one decision inside the caller's transaction.

    ``expected_seq`` is the seq of the newest decision the caller saw; when another
    decision was recorded since, a status change raises :class:`ReviewConflict`.
    """
    if action not in ACTIONS:
        raise CheckerError(f"未知操作 (unknown action): {action}")
    current = state(session, finding_id)
    if expected_seq is not None and expected_seq != current.seq and action != "note":
        raise ReviewConflict(
            f"{finding_id}: 其他编辑已处理此问题（{current.reviewer}：{current.status}），请刷新后再决定"
        )
    if action == "undo":
        if current.seq == 0:
            raise CheckerError(f"{finding_id}: 没有可撤销的决定 (nothing to undo)")
        status = _status_before_last_change(session, finding_id)
    else:
        status = STATUS_BY_ACTION.get(action, current.status)
    finding = session.get(Finding, finding_id)
    review = Review(
        finding_id=finding_id, seq=current.seq + 1, action=action, status=status, note=note,
        reviewer=reviewer or default_reviewer(), created_at=datetime.now(),
        rule=finding.rule if finding else None, text=finding.text if finding else None,
    )
    try:
        with session.begin_nested():
            session.add(review)
    except IntegrityError as exc:
        raise ReviewConflict(f"{finding_id}: 其他编辑刚刚处理了此问题，请刷新后再决定") from exc
    return review
