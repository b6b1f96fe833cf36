"""Number extraction: a table of newspaper-style phrases, plus the cases that must not be numbers."""

from __future__ import annotations

from datetime import date

import pytest

from checker.extract import ExtractContext
from checker.extract.numbers import extract_numbers
from checker.model import FactDraft

PUB = date(2023, 8, 3)


def ctx(last_subject: str | None = "平湖市") -> ExtractContext:
    return ExtractContext(pub_date=PUB, last_subject=last_subject)


def entity(sentence: str, text: str, kind: str = "place") -> FactDraft:
    start = sentence.index(text)
    return FactDraft(kind=kind, start=start, end=start + len(text), text=text)  # type: ignore[arg-type]


def numbers(
    sentence: str,
    *,
    entities: list[FactDraft] | None = None,
    dates: list[FactDraft] | None = None,
    last_subject: str | None = "平湖市",
) -> list[FactDraft]:
    return extract_numbers(sentence, ctx(last_subject), entities=entities or [], dates=dates or [])


def one(sentence: str, text: str, **kwargs: object) -> FactDraft:
    found = [f for f in numbers(sentence, **kwargs) if f.text == text]  # type: ignore[arg-type]
    assert found, f"{text!r} not found in {sentence!r}: {[f.text for f in numbers(sentence)]}"
    return found[0]


# sentence, span text, value, low, high, unit, qualifier, counted, subject
CASES: list[tuple[str, str, float, float | None, float | None, str | None, str | None, str | None, str | None]] = [
    ("南湖村历年股金分红6000多万元", "6000多万元", 60000000.0, 60000000.0, 70000000.0, "元", "多", None, "平湖市"),
    ("去年销售收入1.2亿元", "1.2亿元", 120000000.0, 120000000.0, 120000000.0, "元", None, None, "平湖市"),
    ("每年返还投资收益近2亿元", "近2亿元", 200000000.0, 180000000.0, 200000000.0, "元", "近", None, "平湖市"),
    ("全市所有村经常性收入超180万元", "超180万元", 1800000.0, 1800000.0, None, "元", "超", None, "全市"),
    ("去年完成投资5.74亿元", "5.74亿元", 574000000.0, 574000000.0, 574000000.0, "元", None, None, "平湖市"),
    ("受益农户达到了3930户", "达到了3930户", 3930.0, 3930.0, 3930.0, "户", "达到了", "受益农户", "平湖市"),
    ("低收入家庭增收覆盖率达到100%", "达到100%", 100.0, 100.0, 100.0, "%", "达到", None, "平湖市"),
    ("该景区年吸引游客60万人次", "60万人次", 600000.0, 600000.0, 600000.0, "人次", None, "游客", "平湖市"),
    ("截至目前景区接待游客182万人次", "182万人次", 1820000.0, 1820000.0, 1820000.0, "人次", None, "游客", "平湖市"),
    ("七村联建发展物业经济", "七村", 7.0, 7.0, 7.0, "村", None, "村", "平湖市"),
    ("新开通两条公交线路", "两条", 2.0, 2.0, 2.0, "条", None, "公交线路", "平湖市"),
    ("今年已召开座谈会二十一次", "二十一次", 21.0, 21.0, 21.0, "次", None, "座谈会", "平湖市"),
    ("新建标准厂房1.2万平方米", "1.2万平方米", 12000.0, 12000.0, 12000.0, "平方米", None, "标准厂房", "平湖市"),
    ("流转土地11亩用于种植", "11亩", 11.0, 11.0, 11.0, "亩", None, "土地", "平湖市"),
    ("力争每年形成约20条经验做法", "约20条", 20.0, 18.0, 22.0, "条", "约", "经验做法", "平湖市"),
    (
        "前5个月，全市实现工业产值686.71亿元",
        "686.71亿元",
        68671000000.0,
        68671000000.0,
        68671000000.0,
        "元",
        None,
        None,
        "全市",
    ),
    ("共收到捐赠衣物3000余件", "3000余件", 3000.0, 3000.0, 4000.0, "件", "余", "捐赠衣物", "平湖市"),
    ("今年经营性收入预计达到700多万元", "达到700多万元", 7000000.0, 7000000.0, 8000000.0, "元", "多", None, "平湖市"),
    ("全镇共有企业40余家", "40余家", 40.0, 40.0, 50.0, "家", "余", "企业", "全镇"),
    ("新增就业岗位120余个", "120余个", 120.0, 120.0, 130.0, "个", "余", "就业岗位", "平湖市"),
    ("累计引进高层次人才30余人", "30余人", 30.0, 30.0, 40.0, "人", "余", "高层次人才", "平湖市"),
    ("村级经营性收入仅有30万元", "30万元", 300000.0, 300000.0, 300000.0, "元", None, None, "平湖市"),
    ("旅游收入达5500万元", "达5500万元", 55000000.0, 55000000.0, 55000000.0, "元", "达", None, "平湖市"),
    ("项目总投资超200亿元", "超200亿元", 20000000000.0, 20000000000.0, None, "元", "超", None, "平湖市"),
    ("园区已超8000人领取人才码", "超8000人", 8000.0, 8000.0, None, "人", "超", None, "平湖市"),
    ("申领兑付补助资金超3000万元", "超3000万元", 30000000.0, 30000000.0, None, "元", "超", None, "平湖市"),
    ("实现增加值142.4亿元", "142.4亿元", 14240000000.0, 14240000000.0, 14240000000.0, "元", None, None, "平湖市"),
    ("同比增长14.3%", "14.3%", 14.3, 14.3, 14.3, "%", None, None, "平湖市"),
    ("集体经济收入年均增长50%以上", "50%以上", 50.0, 50.0, None, "%", "以上", None, "平湖市"),
    ("占全市比重提高0.5个百分点", "0.5个百分点", 0.5, 0.5, 0.5, "百分点", None, None, "全市"),
    ("全市七成以上农户参与", "七成以上", 70.0, 70.0, None, "%", "以上", None, "全市"),
    ("百分之三十的资金用于帮扶", "百分之三十", 30.0, 30.0, 30.0, "%", None, None, "平湖市"),
    ("规划建设3至5个产业园", "3至5个", 3.0, 3.0, 5.0, "个", None, "产业园", "平湖市"),
    ("项目预计3-5年建成", "3-5年", 3.0, 3.0, 5.0, "年", None, None, "平湖市"),
    ('已建成2个"红色嘉园"', "2个", 2.0, 2.0, 2.0, "个", None, "红色嘉园", "平湖市"),
    ("共投入资金一千二百万元", "一千二百万元", 12000000.0, 12000000.0, 12000000.0, "元", None, None, "平湖市"),
    ("全县新增市场主体1,234家", "1,234家", 1234.0, 1234.0, 1234.0, "家", None, "市场主体", "全县"),
    ("全县新增个体工商户1，234户", "1，234户", 1234.0, 1234.0, 1234.0, "户", None, "个体工商户", "全县"),
    ("利用100天左右的时间完成任务", "100天左右", 100.0, 90.0, 110.0, "天", "左右", None, "平湖市"),
    ("在19年的结对帮扶中", "19年", 19.0, 19.0, 19.0, "年", None, None, "平湖市"),
    ("累计投入3亿用于基础设施", "3亿", 300000000.0, 300000000.0, 300000000.0, "元", None, None, "平湖市"),
    ("募集善款十多万元", "十多万元", 100000.0, 100000.0, 200000.0, "元", "多", None, "平湖市"),
    ("带动二十多万人就业", "二十多万人", 200000.0, 200000.0, 300000.0, "人", "多", None, "平湖市"),
    ("户均增收2万多元", "2万多元", 20000.0, 20000.0, 30000.0, "元", "多", None, "平湖市"),
    ("超过1万名员工在园区工作", "超过1万名", 10000.0, 10000.0, None, "人", "超过", "员工", "平湖市"),
    ("全市共有美丽河湖76条", "76条", 76.0, 76.0, 76.0, "条", None, "美丽河湖", "全市"),
    ("共计约132公里", "约132公里", 132000.0, 118800.0, 145200.0, "米", "约", None, "平湖市"),
    ("水域面积0.65平方公里", "0.65平方公里", 650000.0, 650000.0, 650000.0, "平方米", None, None, "平湖市"),
    ("全省共9家单位入选", "9家", 9.0, 9.0, 9.0, "家", None, "单位", "全省"),
    ("拥有专利26项", "26项", 26.0, 26.0, 26.0, "项", None, "专利", "平湖市"),
    ("集聚上下游企业241家", "241家", 241.0, 241.0, 241.0, "家", None, "上下游企业", "平湖市"),
    ("为25个孩子送去礼物", "25个", 25.0, 25.0, 25.0, "个", None, "孩子", "平湖市"),
    ("为10名困难学生送去校服", "10名", 10.0, 10.0, 10.0, "人", None, "困难学生", "平湖市"),
    ("发放校服310套", "310套", 310.0, 310.0, 310.0, "套", None, "校服", "平湖市"),
    ("捐赠图书400余件", "400余件", 400.0, 400.0, 500.0, "件", "余", "捐赠图书", "平湖市"),
    ("开展协商活动5场", "5场", 5.0, 5.0, 5.0, "场", None, "协商活动", "平湖市"),
    ("建成3幢高标准厂房", "3幢", 3.0, 3.0, 3.0, "幢", None, "高标准厂房", "平湖市"),
    ("带动村民增收近200万元", "近200万元", 2000000.0, 1800000.0, 2000000.0, "元", "近", None, "平湖市"),
    ("年产值可达1亿元", "达1亿元", 100000000.0, 100000000.0, 100000000.0, "元", "达", None, "平湖市"),
    ("规划50亩花卉产业园", "50亩", 50.0, 50.0, 50.0, "亩", None, "花卉产业园", "平湖市"),
    ("环湖绿道全长300多公里", "300多公里", 300000.0, 300000.0, 400000.0, "米", "多", None, "平湖市"),
    ("今年60岁的村民老张说", "60岁", 60.0, 60.0, 60.0, "岁", None, None, "平湖市"),
    ("全村70周岁以上老人", "70周岁以上", 70.0, 70.0, None, "岁", "以上", None, "平湖市"),
    ("打造18平方公里示范区", "18平方公里", 18000000.0, 18000000.0, 18000000.0, "平方米", None, "示范区", "平湖市"),
    ("8月底前建成12个项目", "12个", 12.0, 12.0, 12.0, "个", None, "项目", "平湖市"),
    ("推进3条轨道交通建设", "3条", 3.0, 3.0, 3.0, "条", None, "轨道交通", "平湖市"),
    ("县域15分钟直达", "15分钟", 15.0, 15.0, 15.0, "分钟", None, None, "平湖市"),
    ("营业收入已超过1000万元", "超过1000万元", 10000000.0, 10000000.0, None, "元", "超过", None, "平湖市"),
    ("经营性收入突破500万元", "突破500万元", 5000000.0, 5000000.0, None, "元", "突破", None, "平湖市"),
    ("产能提升10倍以上", "10倍以上", 10.0, 10.0, None, "倍", "以上", None, "平湖市"),
    ("节约标准煤2.5万吨", "2.5万吨", 25000.0, 25000.0, 25000.0, "吨", None, "标准煤", "平湖市"),
    ("全市规上企业达到103家", "达到103家", 103.0, 103.0, 103.0, "家", "达到", "规上企业", "全市"),
    ("实现规上工业产值340.0亿元", "340.0亿元", 34000000000.0, 34000000000.0, 34000000000.0, "元", None, None, "平湖市"),
    (
        "签约项目约20个，总投资约50亿元",
        "约50亿元",
        5000000000.0,
        4500000000.0,
        5500000000.0,
        "元",
        "约",
        None,
        "平湖市",
    ),
    ("年接待游客逾50万人次", "逾50万人次", 500000.0, 500000.0, None, "人次", "逾", "游客", "平湖市"),
    ("参保率不低于95%", "不低于95%", 95.0, 95.0, None, "%", "不低于", None, "平湖市"),
    ("完成率不足60%", "不足60%", 60.0, 0.0, 60.0, "%", "不足", None, "平湖市"),
    ("新建公寓2000套左右", "2000套左右", 2000.0, 1800.0, 2200.0, "套", "左右", "公寓", "平湖市"),
    ("浙沪两省携手合作", "两省", 2.0, 2.0, 2.0, "省", None, "省", "平湖市"),
    ("山区26县共享发展成果", "26县", 26.0, 26.0, 26.0, "县", None, "县", "平湖市"),
    ("建成5G基站1200个", "1200个", 1200.0, 1200.0, 1200.0, "个", None, "基站", "平湖市"),
    ("覆盖全市85%的行政村", "85%", 85.0, 85.0, 85.0, "%", None, None, "全市"),
    ("户均年增收3000元", "3000元", 3000.0, 3000.0, 3000.0, "元", None, None, "平湖市"),
    ("先后走访企业150余家", "150余家", 150.0, 150.0, 160.0, "家", "余", "企业", "平湖市"),
]


@pytest.mark.parametrize(("sentence", "text", "value", "low", "high", "unit", "qualifier", "counted", "subject"), CASES)
def test_phrase(
    sentence: str,
    text: str,
    value: float,
    low: float | None,
    high: float | None,
    unit: str | None,
    qualifier: str | None,
    counted: str | None,
    subject: str | None,
) -> None:
    f = one(sentence, text)
    assert f.kind == "number"
    assert sentence[f.start : f.end] == text
    assert f.value == pytest.approx(value)
    assert (f.low, f.high) == (
        pytest.approx(low) if low is not None else None,
        pytest.approx(high) if high is not None else None,
    )
    assert f.unit == unit
    assert f.qualifier == qualifier
    assert f.counted == counted
    assert f.subject == subject
    assert f.extra["dimension"]


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 80


# -- attributes, dimensions, time ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "attribute", "dimension", "time"),
    [
        ("今年经营性收入预计达到700多万元", "达到700多万元", "经营性收入", "money", "2023"),
        ("前5个月，全市实现工业产值686.71亿元，同比增长14.3%", "686.71亿元", "产值", "money", "2023:1-5"),
        ("前5个月，全市实现工业产值686.71亿元，同比增长14.3%", "14.3%", "产值增长", "percent", "2023:1-5"),
        ("截至目前景区接待游客182万人次", "182万人次", "游客", "count", "cumulative"),
        ("每年返还投资收益近2亿元", "近2亿元", "投资收益", "money", "annual"),
        ("2021年，实现销售收入8亿元", "8亿元", "销售收入", "money", "2021"),
        ("去年完成投资5.74亿元", "5.74亿元", "投资", "money", "2022"),
        ("收入比去年增加了300万元", "300万元", "收入增长", "money", None),
        ("新增就业岗位120余个", "120余个", "就业岗位", "count", None),
        ("低收入家庭增收覆盖率达到100%", "达到100%", "覆盖率", "percent", None),
        ("新建标准厂房1.2万平方米", "1.2万平方米", None, "area", None),
        ("2023年1-7月，全市完成投资120亿元", "120亿元", "投资", "money", "2023:1-7"),
        ("上半年，全县实现税收8.5亿元", "8.5亿元", "税收", "money", "2023:H1"),
    ],
)
def test_attribute_dimension_time(
    sentence: str, text: str, attribute: str | None, dimension: str, time: str | None
) -> None:
    f = one(sentence, text)
    assert f.attribute == attribute
    assert f.extra["dimension"] == dimension
    assert f.time == time


def test_unitless_magnitude_takes_money_from_attribute() -> None:
    f = one("累计投入3亿用于基础设施", "3亿")
    assert f.unit == "元" and f.extra["unit_inferred"] is True and f.value == 3e8


def test_attribute_from_other_clause_needs_same_dimension() -> None:
    s = "旅游收入达到5500万元，带动村民就业200人"
    f = one(s, "200人")
    assert f.attribute is None


# -- subjects ---------------------------------------------------------------------------------


def test_subject_is_nearest_entity_before() -> None:
    s = "山塘村和徐家埭村今年经常性收入达到700多万元"
    ents = [entity(s, "山塘村"), entity(s, "徐家埭村")]
    f = one(s, "达到700多万元", entities=ents)
    assert f.subject == "徐家埭村"
    assert f.key == "徐家埭村|经常性收入|2023|money:元"


def test_subject_ignores_entities_after_the_number() -> None:
    s = "投资1.2亿元的项目落户新埭镇"
    f = one(s, "1.2亿元", entities=[entity(s, "新埭镇")], last_subject="平湖市")
    assert f.subject == "平湖市"


def test_subject_org_and_person_kinds_only() -> None:
    s = "嘉兴日报社联合记者站发放校服310套"
    ents = [entity(s, "嘉兴日报社", "org"), entity(s, "记者站", "title")]
    f = one(s, "310套", entities=ents)
    assert f.subject == "嘉兴日报社"


def test_generic_subject_nearer_than_entity() -> None:
    s = "平湖市今年新增就业岗位，全市共有企业40余家"
    f = one(s, "40余家", entities=[entity(s, "平湖市")])
    assert f.subject == "全市"
    assert f.key is not None and f.key.startswith("本市|")


def test_subject_falls_back_to_context() -> None:
    f = one("拥有专利26项", "26项", last_subject="斯达半导体")
    assert f.subject == "斯达半导体"
    f = one("拥有专利26项", "26项", last_subject=None)
    assert f.subject is None and f.key is None


# -- keys -------------------------------------------------------------------------------------


def test_two_mentions_meet_on_one_key() -> None:
    a = one(
        "今年徐家埭村经常性收入预计达到700多万元",
        "达到700多万元",
        entities=[entity("今年徐家埭村经常性收入预计达到700多万元", "徐家埭村")],
    )
    s2 = "徐家埭村今年的经常性收入约750万元"
    b = one(s2, "约750万元", entities=[entity(s2, "徐家埭村")])
    assert a.key == b.key == "徐家埭村|经常性收入|2023|money:元"


def test_place_unit_count_gets_no_key() -> None:
    f = one("七村联建发展物业经济", "七村")
    assert f.counted == "村" and f.key is None


def test_count_key_uses_counted_and_unit() -> None:
    f = one("受益农户达到了3930户", "达到了3930户")
    assert f.key == "平湖|受益农户|*|count:户"


# -- not numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "2021年，该公司成立",
        "2022年—2025年规划",
        "二〇二一年春天",
        "本报讯 8月15日下午，我市召开会议",
        "前5个月，全市经济平稳",
        "1-7月，全市经济平稳",
        "总第5234期",
        "列全省第5位",
        "省第十四次党代会",
        "第二十一次会议",
        "第一批名单公布",
        "县委十四届五次全体会议",
        "咨询电话：0573-85123456",
        "手机号码13812345678",
        "地址：新华路88号",
        "上午8时30分开会",
        "“1+1>2”的效果",
        "打造“一心三区”框架",
        "长三角“田园五镇”先行区",
        "毗邻党建“八八战略”",
        "一户富不如户户富",
        "汽车零部件产业",
        "20年来，各地持续发力",
        "近5年，经济持续增长",
        "示范区五周年推进会",
        "推动“万亩千亿”平台建设",
        "国家3A级景区",
        "G60科创走廊",
        "两地合作不断深化",
        "十大产业项目",
    ],
)
def test_not_a_number(sentence: str) -> None:
    assert numbers(sentence) == []


def test_number_overlapping_a_date_fact_is_skipped() -> None:
    s = "6月23日上午，共有代表30人参会"
    date_fact = FactDraft(kind="date", start=0, end=len("6月23日上午"), text="6月23日上午")
    got = numbers(s, dates=[date_fact])
    assert [f.text for f in got] == ["30人"]
    # a date span given by the date extractor masks anything inside it
    s2 = "2023年8月3日"
    assert numbers(s2, dates=[FactDraft(kind="date", start=0, end=len(s2), text=s2)]) == []


def test_year_duration_is_kept_but_year_is_not() -> None:
    got = numbers("自2006年起，19年的结对帮扶")
    assert [f.text for f in got] == ["19年"]


def test_time_scope_phrase_is_not_extracted_but_scopes_the_number() -> None:
    got = numbers("前5个月，全市实现工业产值686.71亿元")
    assert [f.text for f in got] == ["686.71亿元"]
    assert got[0].time == "2023:1-5"


def test_several_numbers_in_order() -> None:
    s = "全年游客突破80万人次，门票收入达到900万元，带动就业岗位300余个"
    got = numbers(s)
    assert [f.text for f in got] == ["突破80万人次", "达到900万元", "300余个"]
    assert [f.start for f in got] == sorted(f.start for f in got)


def test_spans_are_exact() -> None:
    s = "两地签约项目88个，计划总投资超90亿元"
    for f in numbers(s):
        assert s[f.start : f.end] == f.text


def test_no_numeral_fast_path() -> None:
    assert numbers("党建引领乡村振兴") == []


def test_range_extra_and_bounds() -> None:
    f = one("规划建设3至5个产业园", "3至5个")
    assert f.extra["range"] is True
    g = one("项目总投资超200亿元", "超200亿元")
    assert g.high is None and g.extra["bounds"] == "()"
    h = one("共收到捐赠衣物3000余件", "3000余件")
    assert h.extra["bounds"] == "[)"


def test_counted_never_swallows_a_named_place() -> None:
    s = "独山港镇18个村全部完成改造"
    f = one(s, "18个", entities=[entity(s, "独山港镇")])
    assert f.counted == "村"
    s2 = "目前独山港镇共有18个"
    g = one(s2, "18个", entities=[entity(s2, "独山港镇")])
    assert g.counted is None
    assert g.subject == "独山港镇"


# --- regressions reported by the rule engineers


def _sentence_facts(sentences: list[str], pub: date | None = PUB) -> list[FactDraft]:
    """Every number of ``sentences`` read in order with one article context (as the pipeline does)."""
    from checker.extract import extract_sentence
    from checker.extract.entities import subject_candidates

    c = ExtractContext(pub_date=pub)
    out: list[FactDraft] = []
    for s in sentences:
        facts = extract_sentence(s, c)
        c.last_subject = subject_candidates(facts) or c.last_subject
        out += [f for f in facts if f.kind == "number"]
    return out


def test_weiyi_yige_is_not_eleven() -> None:
    assert numbers("是全镇唯一一个经常性收入超过800万元的村") == [
        f for f in numbers("是全镇唯一一个经常性收入超过800万元的村") if f.text != "一一个"
    ]
    assert not [f for f in numbers("唯一一个村") if f.value == 11]
    assert not [f for f in numbers("来了五六个人") if f.value == 56]
    assert one("十一个村", "十一个").value == 11


def test_project_is_the_subject_not_the_earlier_company() -> None:
    from checker.extract import extract_sentence

    s = "青溪绿源新材料有限公司年产2万吨可降解材料项目总投资12000万元；柳塘智能装备产业园项目总投资5亿元"
    f = next(x for x in extract_sentence(s, ExtractContext(pub_date=PUB)) if x.text == "5亿元")
    assert f.key == "柳塘智能装备产业园|总投资|*|money:元"


def test_speaker_is_not_the_subject_of_a_quoted_figure() -> None:
    facts = _sentence_facts(["东塘村党委书记陈卫平告诉记者，农家乐订满了。", "“去年村级经营性收入680万元。”"])
    assert facts[0].subject == "东塘村"


def test_counted_drops_locative_tail_and_meets_the_earlier_count() -> None:
    facts = _sentence_facts([
        "今年3月以来，县交警大队在全县开展安全守护行动。",
        "截至5月13日，共查处电动自行车交通违法行为1260起。",
        "与此同时，交警大队走进学校开展宣传。",
        "据统计，在行动查处的1620起违法行为中，有近三成集中在早晚高峰时段。",
    ])
    a = next(f for f in facts if f.text == "1260起")
    b = next(f for f in facts if f.text == "1620起")
    assert b.counted is not None and not b.counted.endswith("中")
    assert a.key is not None and a.key == b.key


def test_area_before_a_noun_is_that_noun_s_area() -> None:
    a = one("在上河村2800亩枇杷园里", "2800亩", entities=[entity("在上河村2800亩枇杷园里", "上河村")])
    b = one("上河村枇杷园面积1800亩", "1800亩", entities=[entity("上河村枇杷园面积1800亩", "上河村")])
    assert a.attribute == "面积" and a.counted == "枇杷园"
    assert a.key == b.key == "上河村|枇杷园面积|*|area:亩"


def test_relative_time_kept_without_pub_date() -> None:
    s = "2021年项目建成，今年收入100万元"
    f = extract_numbers(s, ExtractContext(last_subject="上河村"), entities=[], dates=[])
    assert f[-1].time == "rel:今年"


def test_attribute_inside_a_longer_noun_keeps_the_noun() -> None:
    a = one("全区房地产开发投资120亿元", "120亿元")
    b = one("全区固定资产投资完成300亿元", "300亿元")
    c = one("全市投资100亿元", "100亿元")
    assert a.attribute == b.attribute == c.attribute == "投资"
    assert len({a.key, b.key, c.key}) == 3
    assert a.key is not None and "房地产开发投资" in a.key
    assert one("东塘村村级经营性收入680万元", "680万元").key == "平湖|经营性收入|*|money:元"


def test_entity_right_after_a_numeral_is_no_subject() -> None:
    # "50所公立大学" may come back from the entity extractor as the org "所公立大学".
    s = "溪山省有50所公立大学和27所私立大学"
    fact = one(s, "27所", entities=[entity(s, "溪山省"), entity(s, "所公立大学", "org")])
    assert fact.subject == "溪山省"


def test_running_total_keeps_its_cut_off_day() -> None:
    fact = one("截至2月24日，共有20只基金宣布分红", "20只")
    assert fact.time == "cumulative"
    assert fact.extra["cut_off"] == "2-24"
    assert "cut_off" not in one("截至目前，共有20只基金宣布分红", "20只").extra


def test_longer_counted_phrase_is_not_folded_into_a_short_one() -> None:
    c = ctx()
    s1 = "白沙镇报告9例"
    s2 = "白沙镇溪口报告7例"
    first = extract_numbers(s1, c, entities=[entity(s1, "白沙镇")], dates=[])[0]
    second = extract_numbers(s2, c, entities=[entity(s2, "白沙镇")], dates=[])[0]
    assert first.key != second.key
