"""Facts extracted from the five real pages in ../shared/corpus/seeds, verified by reading them.

Each row names the page (file prefix), the exact short text of the fact and what the
extractor must have made of it.  The pages are read at test time; only short fact
strings appear here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"real pages not available: {SEEDS} is absent (CI always has ../shared/corpus)"
)

class Tail:
    """An expected long text given by its end and length: the page's wording is not copied here."""

    def __init__(self, tail: str, length: int) -> None:
        self.tail, self.length = tail, length

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and len(other) == self.length and other.endswith(self.tail)

    def __repr__(self) -> str:
        return f"…{self.tail} ({self.length} characters)"


# (page, text, value, low, high, unit, extra expectations)
NUMBERS: list[tuple[str, str, float, float, float | None, str, dict[str, Any]]] = [
    ("000", "6000多万元", 6e7, 6e7, 7e7, "元", {"qualifier": "多", "time": "cumulative"}),
    ("000", "3930户", 3930, 3930, 3930, "户", {"counted": "受益农户"}),
    ("000", "100%", 100, 100, 100, "%", {"attribute": "覆盖率"}),
    ("000", "700多万元", 7e6, 7e6, 8e6, "元", {"subject": "徐家埭村", "attribute": "经常性收入"}),
    ("000", "超180万元", 1.8e6, 1.8e6, None, "元", {"qualifier": "超"}),
    ("000", "超100万元", 1e6, 1e6, None, "元", {"attribute": "经营性收入"}),
    ("000", "54个", 54, 54, 54, "个", {"counted": Tail("相对薄弱村", 9), "time": "2013"}),
    ("000", "60万人次", 6e5, 6e5, None, "人次", {"attribute": "游客", "qualifier": "突破"}),
    ("000", "5500万元", 5.5e7, 5.5e7, 5.5e7, "元", {"attribute": "旅游收入"}),
    ("000", "120余个", 120, 120, 130, "个", {"counted": "就业岗位"}),
    ("000", "3亿元", 3e8, 3e8, 3e8, "元", {"attribute": "投资", "time": "cumulative"}),
    ("000", "约132公里", 132000, 118800, 145200, "米", {"qualifier": "约"}),
    ("000", "0.65平方公里", 650000, 650000, 650000, "平方米", {}),
    ("000", "5.74亿元", 5.74e8, 5.74e8, 5.74e8, "元", {"attribute": "投资"}),
    ("000", "186个", 186, 186, 186, "个", {"counted": "项目"}),
    ("000", "340.0亿元", 3.4e10, 3.4e10, 3.4e10, "元", {"attribute": "产值", "time": "2021"}),
    ("000", "16亿元", 1.6e9, 1.6e9, 1.6e9, "元", {"attribute": "销售收入"}),
    ("001", "310套", 310, 310, 310, "套", {"counted": "校服"}),
    ("001", "3000余件", 3000, 3000, 4000, "件", {"qualifier": "余"}),
    ("001", "超200亿元", 2e10, 2e10, None, "元", {"attribute": "总投资"}),
    ("001", "260个", 260, 260, 260, "个", {"counted": "合作项目"}),
    ("001", "80家", 80, 80, 80, "家", {"counted": "智能装备企业"}),
    ("001", "超过1万名", 1e4, 1e4, None, "人", {"counted": "员工"}),
    ("001", "400余件", 400, 400, 500, "件", {"counted": "图书"}),
    ("002", "约20条", 20, 18, 22, "条", {"qualifier": "约"}),
    ("002", "18平方公里", 1.8e7, 1.8e7, 1.8e7, "平方米", {}),
    ("002", "686.71亿元", 6.8671e10, 6.8671e10, 6.8671e10, "元", {"attribute": "产值"}),
    ("002", "近2亿元", 2e8, 1.8e8, 2e8, "元", {"qualifier": "近"}),
    ("002", "241家", 241, 241, 241, "家", {"counted": Tail("上下游企业", 10)}),
    ("003", "11亩", 11, 11, 11, "亩", {"subject": "新仓镇"}),
    ("003", "约1.2万平方米", 12000, 10800, 13200, "平方米", {}),
    ("003", "七村", 7, 7, 7, "村", {}),
    ("004", "182万人次", 1.82e6, 1.82e6, 1.82e6, "人次", {"attribute": "游客", "time": "cumulative"}),
    ("004", "1.2亿元", 1.2e8, 1.2e8, 1.2e8, "元", {"attribute": "旅游收入"}),
    ("004", "3240万元", 3.24e7, 3.24e7, 3.24e7, "元", {"attribute": "投资收益"}),
]

# (page, kind, text, extra expectations)
NAMED: list[tuple[str, str, str, dict[str, Any]]] = [
    ("000", "person", "李雨婷", {"role": "记者"}),
    ("000", "person", "沈倩湘", {"role": "见习记者"}),
    ("000", "person", "纪亚千", {"role": "通讯员"}),
    ("000", "person", "刘建群", {"title": "党委书记"}),
    ("000", "person", "潘晓良", {"title": "党总支书记", "org": "林埭镇徐东村"}),
    ("000", "person", "金建东", {"title": "党总支书记"}),
    ("000", "person", "王强", {"role": "摄影"}),
    ("000", "place", "徐家埭村", {}),
    ("000", "name", "“碳为观智·桨领风华”", {}),
    ("001", "person", "周军波", {"title": "市长"}),
    ("001", "person", "戴振", {"title": "常务副市长"}),
    ("001", "person", "杨昊玥", {"role": "记者"}),
    ("001", "person", "姚远", {"role": "通讯员"}),
    ("001", "place", "金山卫镇", {}),
    ("001", "place", "廊下镇", {"parent": "金山区"}),
    ("001", "name", "“田园五镇”", {}),
    ("001", "org", "装备有限公司", {}),  # the end of an 11-character company name
    ("001", "date", "癸卯年六月十七", {"iso_for_lunar": "2023-08-03"}),
    ("002", "person", "汤纯凤", {}),
    ("001", "date", "2023年8月3日◆星期四", {"iso": "2023-08-03", "weekday_written": 3}),
    ("002", "person", "刘惠婷", {"title": "理事长"}),
    ("003", "person", "胡佳英", {"role": "记者"}),
    ("004", "place", "明月山塘", {}),
]


@pytest.fixture(scope="module")
def seed_facts(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    from checker.cli import _register, app
    from checker.store.migrate import forget_ready
    from checker.store.session import get_engine

    forget_ready()
    get_engine.cache_clear()
    db = f"sqlite:///{tmp_path_factory.mktemp('seeds') / 'seeds.db'}"
    _register()
    runner = CliRunner()
    ingest = runner.invoke(app, ["ingest", str(SEEDS), "--db", db])
    assert ingest.exit_code == 0, ingest.output
    result = runner.invoke(app, ["facts", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    facts: list[dict[str, Any]] = json.loads(result.output)
    return facts


def _on_page(facts: list[dict[str, Any]], page: str, kind: str, text: str) -> list[dict[str, Any]]:
    return [
        f for f in facts
        if Path(f["path"]).name.startswith(page) and f["kind"] == kind and f["text"].endswith(text)
    ]


@pytest.mark.parametrize(("page", "text", "value", "low", "high", "unit", "more"), NUMBERS)
def test_numeric_fact(
    seed_facts: list[dict[str, Any]], page: str, text: str, value: float, low: float, high: float | None,
    unit: str, more: dict[str, Any],
) -> None:
    found = _on_page(seed_facts, page, "number", text)
    assert found, f"no number fact ending in {text!r} on page {page}"
    matching = [
        f for f in found
        if f["value"] == pytest.approx(value) and f["low"] == pytest.approx(low)
        and (f["high"] is None if high is None else f["high"] == pytest.approx(high)) and f["unit"] == unit
        and all(f.get(k) == v for k, v in more.items())
    ]
    assert matching, f"{text}: expected value {value} [{low}, {high}) {unit} {more}; got {found}"
    assert all(f["line"] >= 1 and f["column"] >= 1 for f in found)


@pytest.mark.parametrize(("page", "kind", "text", "extra"), NAMED)
def test_named_fact(seed_facts: list[dict[str, Any]], page: str, kind: str, text: str, extra: dict[str, Any]) -> None:
    found = _on_page(seed_facts, page, kind, text)
    assert found, f"no {kind} fact {text!r} on page {page}"
    assert any(all((f.get("extra") or {}).get(k) == v for k, v in extra.items()) for f in found), found


def test_page_date_is_the_publication_date(seed_facts: list[dict[str, Any]]) -> None:
    """Page 001 prints 2023-08-03: its 昨天 resolves to the day before, its 去年 to 2022."""
    on_001 = [f for f in seed_facts if Path(f["path"]).name.startswith("001") and f["kind"] == "date"]
    yesterday = {(f.get("extra") or {}).get("iso") for f in on_001 if f["text"].startswith("昨天")}
    last_year = {(f.get("extra") or {}).get("iso") for f in on_001 if f["text"] == "去年"}
    assert yesterday == {"2023-08-02"}
    assert last_year == {"2022"}


def test_fact_spans_point_at_the_file_text(seed_facts: list[dict[str, Any]]) -> None:
    """Every fact's line and column lead to its own text in the original page (modulo stray spaces)."""
    from checker.text.normalise import equivalent

    lines_by_path: dict[str, list[str]] = {}
    for fact in seed_facts:
        lines = lines_by_path.setdefault(fact["path"], Path(fact["path"]).read_text(encoding="utf-8").split("\n"))
        line = lines[fact["line"] - 1]
        assert equivalent(line[fact["column"] - 1], fact["text"][0]), (fact, line[fact["column"] - 1 :][:10])
