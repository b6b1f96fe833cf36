"""Many small articles, generated from templates written here (no corpus text)."""

from __future__ import annotations

import random
from pathlib import Path

PLACES = ["东湖镇", "西山乡", "南河村", "北塘街道", "青石县", "白沙区", "红旗村", "新城镇"]
PEOPLE = ["王建国", "李春燕", "张志强", "刘晓梅", "陈海波", "杨秀英", "赵立新", "黄文杰"]
THINGS = [("公路", "公里"), ("农田", "亩"), ("路灯", "盏"), ("学校", "所"), ("养老床位", "张"), ("公交线路", "条")]
TOPICS = ["乡村振兴", "防汛准备", "老旧小区改造", "秋粮收购", "文明城市创建", "营商环境"]


def article_text(rng: random.Random, index: int) -> str:
    place, person = rng.choice(PLACES), rng.choice(PEOPLE)
    topic = rng.choice(TOPICS)
    thing, unit = rng.choice(THINGS)
    amount, money, growth = rng.randint(2, 900), rng.randint(1, 99), rng.randint(1, 40)
    paragraphs = [
        f"{place}{topic}工作取得新进展（第{index}号）",
        f"记者 {person}",
        f"本报讯 今年以来，{place}围绕{topic}，新建{thing}{amount}{unit}，投入资金{money}亿元，"
        f"同比增长{growth}%。",
        f"{place}负责人{rng.choice(PEOPLE)}介绍，截至{rng.randint(1, 12)}月底，全镇已有{rng.randint(3, 60)}个村"
        f"完成任务，惠及群众{rng.randint(100, 99999)}人。",
    ]
    for _ in range(rng.randint(1, 4)):
        paragraphs.append(
            f"据统计，{rng.choice(PLACES)}去年同期完成{rng.randint(1, 500)}{unit}，今年前{rng.randint(2, 11)}个月"
            f"累计完成{rng.randint(1, 900)}{unit}，占全年计划的{rng.randint(10, 99)}%。"
        )
    return "\n\n".join(paragraphs) + "\n"


def write_articles(directory: Path, count: int, seed: int = 7) -> list[Path]:
    """``count`` article files in ``directory`` (a mix of .txt and .md)."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = directory / f"article-{i:04d}.{'md' if i % 5 == 0 else 'txt'}"
        path.write_text(article_text(rng, i), encoding="utf-8")
        paths.append(path)
    return paths
