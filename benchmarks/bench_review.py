"""How long ``checker review`` takes to show a list of 10,000 findings.

``python -m benchmarks.bench_review [--findings 10000] [--json]`` fills a temporary SQLite
database with synthetic documents, articles, findings and some review decisions, starts
the review app headless and prints the seconds from start until the list shows every
finding (and, separately, the database load and the table fill).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import random
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert

from checker import triage
from checker.service import open_engine
from checker.store.models import Article, Document, Finding, Review
from checker.store.session import transaction

RULES = [("NUM001", "number-conflict", "error"), ("NAM001", "name-conflict", "warning"),
         ("DUP001", "duplicate", "warning"), ("TYP001", "typo", "info"), ("DAT001", "date", "error"),
         ("ARI001", "arithmetic", "warning")]
PLACES = ["城东", "城西", "江北", "湖滨", "新港", "南山"]
THINGS = ["道路", "学校", "公园", "医院", "桥梁", "车站"]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(PLACES)}区今年新建{rng.choice(THINGS)}{rng.randint(2, 90)}处，投资{rng.randint(10, 900)}亿元。"


def fill(url: str, findings: int, per_doc: int = 50, seed: int = 7) -> None:
    rng = random.Random(seed)
    engine = open_engine(url)
    now = datetime(2024, 5, 6, 9, 0)
    docs = max(1, findings // per_doc)
    made = 0
    with transaction(engine) as session:
        for d in range(docs):
            text = f"第{d}号稿件\n\n" + "\n".join(_sentence(rng) for _ in range(per_doc))
            doc = Document(path=f"/bench/{d:05d}.txt", content_hash=hashlib.sha256(text.encode()).hexdigest(),
                           format="txt", encoding="utf-8", pub_date=date(2024, 1 + d % 12, 1 + d % 28), edition=None,
                           text=text, char_count=len(text), ingested_at=now)
            article = Article(ordinal=0, kind="article", headline=f"第{d}号稿件", raw_start=0, raw_end=len(text),
                              char_count=len(text))
            doc.articles.append(article)
            session.add(doc)
            session.flush()
            lines = text.split("\n")
            rows = []
            offset = len(lines[0]) + 2
            for k, line in enumerate(lines[2:], 3):
                if made >= findings:
                    break
                rule, category, severity = RULES[(d + k) % len(RULES)]
                start = offset + 2
                rows.append({
                    "id": f"{rule}-{d:05d}{k:04d}", "rule": rule, "category": category, "severity": severity,
                    "message_zh": f"第{k}行与另一篇稿件不一致",
                    "message_en": f"line {k} disagrees with another article",
                    "article_id": article.id, "related_article_id": None, "path": doc.path,
                    "article_headline": article.headline, "line": k, "column": 3, "end_line": k, "end_column": 9,
                    "raw_start": start, "raw_end": start + 6, "text": text[start : start + 6], "related": [],
                    "suggestion": None, "created_at": now,
                })
                offset += len(line) + 1
                made += 1
            session.execute(insert(Finding), rows)
            decided = [r for r in rows if rng.random() < 0.2]
            if decided:
                session.execute(insert(Review), [
                    {"finding_id": r["id"], "seq": 1, "action": "dismiss", "status": "dismissed", "note": None,
                     "reviewer": "bench", "created_at": now, "rule": r["rule"], "text": r["text"]} for r in decided
                ])
    engine.dispose()


async def time_app(url: str, findings: int) -> dict[str, float]:
    from checker.review.app import ReviewApp
    from checker.review.widgets.findings_table import FindingsTable

    engine = open_engine(url)
    shown: dict[str, float] = {}

    def loaded(_count: int, seconds: float) -> None:
        shown.setdefault("loaded", seconds)

    app = ReviewApp(engine, reviewer="bench", refresh_seconds=None, on_loaded=loaded)
    start = time.perf_counter()
    async with app.run_test(size=(160, 50)) as pilot:
        while app.loads == 0:
            await pilot.pause(0.01)
        table = app.review.query_one(FindingsTable)
        await pilot.pause()
        shown["visible"] = time.perf_counter() - start
        assert table.row_count == findings, table.row_count
        await pilot.press("j", "G")
        await pilot.pause()
    return shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--findings", type=int, default=10_000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        t0 = time.perf_counter()
        fill(url, args.findings)
        fill_seconds = time.perf_counter() - t0
        engine = open_engine(url)
        t0 = time.perf_counter()
        items = triage.load_items(engine)
        load_seconds = time.perf_counter() - t0
        assert len(items) == args.findings
        figures = asyncio.run(time_app(url, args.findings))
        result = {
            "findings": args.findings,
            "fill_db_seconds": round(fill_seconds, 3),
            "load_from_db_seconds": round(load_seconds, 3),
            "app_list_shown_seconds": round(figures["visible"], 3),
        }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{args.findings:,} findings: list shown {result['app_list_shown_seconds']:.2f} s after start "
              f"(database load alone {result['load_from_db_seconds']:.2f} s; filling the test database "
              f"{result['fill_db_seconds']:.2f} s)")


if __name__ == "__main__":
    main()
