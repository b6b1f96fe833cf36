"""Two ``checker ingest`` processes and a reviewer writing at once lose nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from checker.service import open_engine
from checker.store.models import Article, Document, Review
from checker.store.reviews import decide
from checker.store.session import transaction

REPO = Path(__file__).resolve().parent.parent
FILES_PER_PROCESS = 40
PLACES = ["青溪", "白沙", "临江", "东湖", "石门"]


def _write_articles(folder: Path, tag: str) -> None:
    folder.mkdir(parents=True)
    for i in range(FILES_PER_PROCESS):
        place = PLACES[i % len(PLACES)]
        text = (
            f"# {place}县第{i}项工程（{tag}）\n\n**记者 王{tag}{i}**\n\n"
            f"*《江州日报》2024年5月{1 + i % 28}日 A{1 + i % 8}版*\n\n"
            f"本报讯 {place}县第{i}项工程日前开工，总投资{100 + i}万元，涉及农户{30 + i}户。\n\n"
            f"县发改局局长李{tag}介绍，工程预计年底完工，将惠及{1000 + i}人。\n"
        )
        (folder / f"{tag}_{i:03d}.md").write_text(text, encoding="utf-8")


@pytest.mark.slow
def test_two_ingests_and_a_reviewer_lose_nothing(db_url: str, tmp_path: Path) -> None:
    engine = open_engine(db_url)  # schema first, as `checker db upgrade` would
    for tag in ("A", "B"):
        _write_articles(tmp_path / tag, tag)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "checker", "ingest", str(tmp_path / tag), "--db", db_url],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for tag in ("A", "B")
    ]
    decided: dict[str, int] = {}
    actions = ("accept", "dismiss", "reopen", "note")
    k = 0
    while any(p.poll() is None for p in procs) or k < 20:
        finding_id = f"NUM001-{k % 7:016x}"
        with transaction(engine) as session:
            decide(session, finding_id, actions[k % len(actions)], reviewer="bench", note=f"n{k}")
        decided[finding_id] = decided.get(finding_id, 0) + 1
        k += 1
        time.sleep(0.005)
    for p in procs:
        _out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()

    with transaction(engine) as session:
        paths = set(session.scalars(select(Document.path)))
        assert len(paths) == 2 * FILES_PER_PROCESS
        for tag in ("A", "B"):
            for i in range(FILES_PER_PROCESS):
                assert str((tmp_path / tag / f"{tag}_{i:03d}.md").resolve()) in paths
        # One article per file (its source line is page furniture, stored apart).
        real = select(func.count()).select_from(Article).where(Article.kind != "furniture")
        assert session.scalar(real) == 2 * FILES_PER_PROCESS
        for finding_id, count in decided.items():
            seqs = list(session.scalars(select(Review.seq).where(Review.finding_id == finding_id).order_by(Review.seq)))
            assert seqs == list(range(1, count + 1))
