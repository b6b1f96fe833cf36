"""``checker review [PATH…]``: the Textual review app (imported only when the command runs)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from checker.checks.registry import checked_pack
from checker.cli.common import DbOption, LangOption, RulesOption, app, engine_for, settings_from


@app.command()
def review(
    paths: Annotated[list[Path] | None, typer.Argument(help="只审这些文件（或目录）的问题；不写则审全部")] = None,
    db: DbOption = None,
    reviewer: Annotated[str | None, typer.Option("--reviewer", help="记录在决定上的审稿人，默认登录名")] = None,
    extra_rules: RulesOption = None,
    lang: LangOption = None,
    check_first: Annotated[
        bool, typer.Option("--check", help="打开后先重新检查 PATH 中的文件（在后台进行，可随时按 x 再查）")
    ] = False,
) -> None:
    """打开审稿界面：逐条确认（a）或忽略（d）问题，决定即时写入数据库，多位编辑可同时审稿。

    按 ? 查看全部按键。屏蔽（s）把文字写入 --rules 指定的规则包中的 suppressions.yaml。
    """
    settings = settings_from(db=db, rules=extra_rules, lang=lang)
    # Only a check from the app (--check PATH…) may start a new archive; reviewing one that is
    # not there would open an empty database.
    engine = engine_for(settings, create=check_first and bool(paths))
    pack = checked_pack(settings.rules)
    from checker.review.app import ReviewApp  # Textual is imported only here

    ReviewApp(
        engine,
        paths=[str(p) for p in paths or []],
        reviewer=reviewer,
        rules=settings.rules,
        rules_dir=pack.user_dir,
        lang=settings.lang,
        check_on_start=check_first and bool(paths),
    ).run()
