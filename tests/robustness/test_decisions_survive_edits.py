"""Re-checking an edited article keeps the decisions on findings whose text is unchanged.

Two planted errors (a wrong weekday, a sum larger than its total): one is dismissed, the
other accepted. The file is then edited: a new first paragraph (with an error of its own) is
added above the body, and the sum is fixed. After re-checking, the weekday finding keeps its
id and its decision although it moved down two lines, the fixed one is gone, and the new
paragraph's finding is 'new'.
"""

from __future__ import annotations

from pathlib import Path

from checker.service import CheckedFinding, check_files, open_engine
from checker.store.reviews import decide
from checker.store.session import transaction

HEAD = "全县秋粮收购工作启动\n\n记者 王建国\n\n"
WEEKDAY = "本报讯 2024年3月15日（星期一），全县秋粮收购工作正式启动。\n\n"
SUM_WRONG = "今年全县共设收购点50个，其中东湖镇20个，西山乡20个，合计50个。\n"
SUM_FIXED = "今年全县共设收购点40个，其中东湖镇20个，西山乡20个，合计40个。\n"
NEW_PARAGRAPH = "县粮食局3月16日（星期日）召开动员会，部署收购工作。\n\n"


def _by_rule(findings: list[CheckedFinding]) -> dict[str, list[CheckedFinding]]:
    out: dict[str, list[CheckedFinding]] = {}
    for f in findings:
        out.setdefault(f.row.rule, []).append(f)
    return out


def test_decisions_follow_unchanged_findings_across_an_edit(db_url: str, tmp_path: Path) -> None:
    engine = open_engine(db_url)
    story = tmp_path / "story.txt"
    story.write_text(HEAD + WEEKDAY + SUM_WRONG, encoding="utf-8")

    before = _by_rule(check_files(engine, [story]).findings)
    (weekday,), (total,) = before["DAT001"], before["ARI002"]
    assert weekday.status == total.status == "new"
    with transaction(engine) as session:
        decide(session, weekday.row.id, "dismiss", reviewer="王编辑", note="原文如此", expected_seq=0)
        decide(session, total.row.id, "accept", reviewer="李编辑", expected_seq=0)

    story.write_text(HEAD + NEW_PARAGRAPH + WEEKDAY + SUM_FIXED, encoding="utf-8")
    after = check_files(engine, [story]).findings
    by_id = {f.row.id: f for f in after}

    kept = by_id[weekday.row.id]  # same id although its line moved
    assert kept.row.line == weekday.row.line + 2
    assert kept.status == "dismissed" and kept.review.note == "原文如此"
    assert total.row.id not in by_id  # fixed: gone
    new = [f for f in after if f.row.id != weekday.row.id]
    assert new, "the added paragraph's wrong weekday should be found"
    assert all(f.status == "new" for f in new)
    assert any("3月16日" in f.row.text for f in new)
