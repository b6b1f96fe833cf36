"""``checker findings …``: triage from the command line (list, show, accept, dismiss, note, reopen, undo).

Decisions are recorded exactly as the review app records them
(:func:`checker.triage.record`, which calls :func:`checker.store.reviews.decide`), so
the TUI, this command and ``checker check`` all see the same status.  An ID may be
given in full (``NUM001-1a2b3c4d5e6f7a8b``) or as any unambiguous prefix, with or
without the rule code (``NUM001-1a2b``, ``1a2b3c``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import Engine, or_, select

from checker.cli.common import (
    DbOption,
    LangOption,
    app,
    check_choice,
    engine_for,
    fail,
    rule_codes,
    say,
    settings_from,
)
from checker.config import Settings
from checker.errors import CheckerError
from checker.read.export import export_of
from checker.report import display_path, finding_json, list_separator, suggestion
from checker.service import CheckedFinding, stored_findings, with_states
from checker.store.ingest import document_path
from checker.store.models import Finding, Review
from checker.store.reviews import default_reviewer, history
from checker.store.session import transaction
from checker.triage import STATUSES, Item, detail, label, record

findings_app = typer.Typer(
    help="在命令行中审稿：列出、查看、确认、忽略问题，写入与审稿界面相同的记录。",
    no_args_is_help=True,
)
app.add_typer(findings_app, name="findings")

ReviewerOption = Annotated[
    str | None, typer.Option("--reviewer", help="记录在决定上的审稿人，默认登录名（或 CHECKER_REVIEWER）")
]
NoteOption = Annotated[str | None, typer.Option("--note", "-m", help="附在决定上的备注")]
IdArgument = Annotated[str, typer.Argument(help="问题 ID（或能唯一确定它的前缀）", metavar="ID")]
MAX_CANDIDATES = 5
FORMATS = ("text", "json")


def resolve_id(engine: Engine, settings: Settings, given: str) -> str:
    """The one finding id ``given`` names: exact, or a unique prefix (with or without the rule code).

    Ids of findings no longer stored but with decisions on record are found too (for show/undo).
    Exits 2 with a clear message when nothing or more than one finding matches.
    """
    needle = given.strip()
    if not needle:
        fail(say(settings, "问题 ID 不能为空", "the finding ID is empty"))
    with transaction(engine) as session:
        if session.get(Finding, needle) is not None:
            return needle
        lowered = needle.lower()
        found: set[str] = set()
        for column in (Finding.id, Review.finding_id):
            query = select(column).where(or_(column.ilike(f"{lowered}%"), column.ilike(f"%-{lowered}%")))
            found.update(str(i) for i in session.scalars(query.distinct().limit(50)))
    matches = sorted(
        i for i in found
        if i.lower().startswith(lowered) or i.lower().partition("-")[2].startswith(lowered)
    )
    if len(matches) == 1:
        return matches[0]
    if not matches:
        fail(say(settings, f"找不到问题 {needle}（可用 checker findings list 查看 ID）",
                 f"no finding {needle} (see checker findings list for IDs)"))
    shown = list_separator(settings.lang).join(matches[:MAX_CANDIDATES])
    shown += "…" if len(matches) > MAX_CANDIDATES else ""
    fail(say(settings, f"ID 前缀 {needle} 对应多个问题：{shown}；请写出更长的 ID",
             f"ID prefix {needle} matches several findings: {shown}; give more of the ID"))


def _one(engine: Engine, finding_id: str) -> CheckedFinding | None:
    with transaction(engine) as session:
        row = session.get(Finding, finding_id)
        if row is None:
            return None
        checked = with_states(session, [row])[0]
        session.expunge(row)
        return checked


def _under(path: str, roots: list[str]) -> bool:
    """Whether a stored path is one of ``roots``, under one of them, or a row of an export among them."""
    path = export_of(path) or path
    return any(path == r or path.startswith(r.rstrip("/\\") + "/") or path.startswith(r.rstrip("/\\") + "\\")
               for r in roots)


@findings_app.command("list")
def list_findings(
    status: Annotated[str | None, typer.Option("--status", help="new | accepted | dismissed | resolved")] = None,
    rule: Annotated[list[str] | None, typer.Option("--rule", help="只列这些规则（代码或前缀，可多次指定）")] = None,
    path: Annotated[list[Path] | None, typer.Option("--path", help="只列这些文件或目录中的问题（可多次指定）")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text",
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """列出数据库中的问题及其审稿状态。"""
    settings = settings_from(db=db, lang=lang)
    check_choice(settings, "--status", status, STATUSES)
    check_choice(settings, "--format", output_format, FORMATS)
    codes = rule_codes(settings, "--rule", rule or [])
    engine = engine_for(settings, create=False)
    with transaction(engine) as session:
        found = stored_findings(session, status=status)
        for f in found:
            session.expunge(f.row)
    if codes:
        found = [f for f in found if any(f.row.rule.startswith(c) for c in codes)]
    if path:
        roots = [document_path(p) for p in path]
        found = [f for f in found if _under(f.row.path, roots)]
    if output_format == "json":
        typer.echo(json.dumps([_finding_record(f, settings.lang) for f in found], ensure_ascii=False, indent=2))
        return
    for f in found:
        row = f.row
        where = f"{display_path(row.path)}:{row.line}:{row.column}"
        msg = row.message_en if settings.lang == "en" else row.message_zh
        typer.echo(f"{row.id}  {label(f.status, settings.lang)}  {where}  {row.rule} "
                   f"{label(row.severity, settings.lang)}  {msg}")
    typer.echo(say(settings, f"共 {len(found)} 个问题。", f"{len(found)} findings."))


def _finding_record(f: CheckedFinding, lang: str) -> dict[str, Any]:
    out = finding_json(f, lang)
    out["review"] = {
        "reviewer": f.review.reviewer,
        "note": f.review.note,
        "decided_at": f.review.decided_at.isoformat(timespec="seconds") if f.review.decided_at else None,
    }
    return out


@findings_app.command("show")
def show(
    finding_id: IdArgument,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text",
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """显示一个问题：说明、位置、原文片段、相关位置和全部审稿记录。"""
    settings = settings_from(db=db, lang=lang)
    check_choice(settings, "--format", output_format, FORMATS)
    engine = engine_for(settings, create=False)
    fid = resolve_id(engine, settings, finding_id)
    checked = _one(engine, fid)
    with transaction(engine) as session:
        decisions = [
            {"seq": r.seq, "action": r.action, "status": r.status, "reviewer": r.reviewer, "note": r.note,
             "at": r.created_at.isoformat(timespec="seconds")}
            for r in history(session, fid)
        ]
    lang_ = settings.lang
    if output_format == "json":
        doc: dict[str, Any] = _finding_record(checked, lang_) if checked else {"id": fid, "status": None}
        doc["history"] = decisions
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    if checked is None:
        typer.echo(say(settings, f"{fid}：此问题已不在当前检查结果中（稿件已修改或重新检查），只有审稿记录：",
                       f"{fid}: no longer among the current findings (article changed or rechecked); "
                       "decisions on record:"))
    else:
        row = checked.row
        item = Item.of(checked)
        typer.echo(f"{row.id}  {row.rule} {label(row.severity, lang_)}  {label(checked.status, lang_)}")
        typer.echo(row.message_en if lang_ == "en" else row.message_zh)
        typer.echo(f"{say(settings, '位置', 'location')}: {display_path(row.path)}:{row.line}:{row.column}"
                   f"  {_titled(row.article_headline, lang_)}")
        info = detail(engine, item)
        here = info.here
        typer.echo(f"    {_marked(here.text, here.start, here.end, lang_)}")
        for rel, passage in zip(row.related or [], info.others, strict=False):
            where = f"{display_path(str(rel.get('path', '')))}:{rel.get('line')}:{rel.get('column')}"
            typer.echo(f"{say(settings, '相关', 'related')}: {where}  {_titled(str(rel.get('article', '')), lang_)}")
            typer.echo(f"    {_marked(passage.text, passage.start, passage.end, lang_)}")
        if advice := suggestion(checked, lang_):
            typer.echo(f"{say(settings, '建议', 'suggestion')}: {advice}")
    if not decisions:
        typer.echo(say(settings, "审稿记录：无", "history: none"))
        return
    typer.echo(say(settings, "审稿记录：", "history:"))
    for d in decisions:
        note = f"  {d['note']}" if d["note"] else ""
        typer.echo(f"  {d['seq']}. {d['at']}  {d['reviewer']}  {label(str(d['action']), lang_)} → "
                   f"{label(str(d['status']), lang_)}{note}")


def _marked(text: str, start: int, end: int, lang: str = "zh") -> str:
    """One line of context with the span bracketed: …前文【原文】后文… (``[[…]]`` in English)."""
    left, right = ("[[", "]]") if lang == "en" else ("【", "】")
    flat = text[:start] + left + text[start:end] + right + text[end:]
    return " ".join(flat.split())


def _titled(headline: str, lang: str) -> str:
    """An article's headline as each language marks a title."""
    return f"'{headline}'" if lang == "en" else f"《{headline}》"


def _decide(action: str, finding_id: str, *, note: str | None, reviewer: str | None, db: str | None,
            lang: str | None) -> None:
    settings = settings_from(db=db, lang=lang)
    engine = engine_for(settings, create=False)
    fid = resolve_id(engine, settings, finding_id)
    who = reviewer or default_reviewer()
    try:
        state = record(engine, fid, action, reviewer=who, note=note)
    except CheckerError as exc:
        fail(str(exc))
    typer.echo(say(
        settings,
        f"{fid}：{label(action, 'zh')} → {label(state.status, 'zh')}（审稿人 {who}）",
        f"{fid}: {label(action, 'en')} → {label(state.status, 'en')} (reviewer {who})",
    ))


@findings_app.command()
def accept(finding_id: IdArgument, note: NoteOption = None, reviewer: ReviewerOption = None,
           db: DbOption = None, lang: LangOption = None) -> None:
    """确认问题属实（需要改稿）；此后 checker check 不再因它失败。"""
    _decide("accept", finding_id, note=note, reviewer=reviewer, db=db, lang=lang)


@findings_app.command()
def dismiss(finding_id: IdArgument, note: NoteOption = None, reviewer: ReviewerOption = None,
            db: DbOption = None, lang: LangOption = None) -> None:
    """忽略问题（误报或无需修改）；此后 checker check 不再因它失败。"""
    _decide("dismiss", finding_id, note=note, reviewer=reviewer, db=db, lang=lang)


@findings_app.command()
def note(finding_id: IdArgument, text: Annotated[str, typer.Argument(help="备注内容", metavar="TEXT")],
         reviewer: ReviewerOption = None, db: DbOption = None, lang: LangOption = None) -> None:
    """给问题加一条备注，不改变其状态。"""
    _decide("note", finding_id, note=text, reviewer=reviewer, db=db, lang=lang)


@findings_app.command()
def reopen(finding_id: IdArgument, note: NoteOption = None, reviewer: ReviewerOption = None,
           db: DbOption = None, lang: LangOption = None) -> None:
    """重新打开已确认或已忽略的问题（恢复为待处理）。"""
    _decide("reopen", finding_id, note=note, reviewer=reviewer, db=db, lang=lang)


@findings_app.command()
def undo(finding_id: IdArgument, reviewer: ReviewerOption = None, db: DbOption = None,
         lang: LangOption = None) -> None:
    """撤销最近一次状态变更，恢复到之前的状态（撤销本身也会记入历史）。"""
    _decide("undo", finding_id, note=None, reviewer=reviewer, db=db, lang=lang)
