"""NAM001 name-variant and NAM002 title-conflict on invented pages (青溪县)."""

from __future__ import annotations

from pathlib import Path

from tests.support import check_texts

HEAD = "青溪日报  2024年5月16日 星期四\n\n"


def page(headline: str, byline: str, *paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"{HEAD}{headline}\n\n{byline}\n\n{body}\n"


def rows_of(tmp_path: Path, files: dict[str, str], code: str, archive: dict[str, str] | None = None):
    return [f.row for f in check_texts(tmp_path, files, select={code}, archive=archive) if f.row.rule == code]


# -- NAM001 -------------------------------------------------------------------------------------

VILLAGE = page(
    "白沙镇上河村办起共富工坊",
    "记者 林晓岚",
    "本报讯 白沙镇上河村地处溪谷，近年来依托枇杷产业发展壮大集体经济。",
    "上河村党支部书记陈建华说，村里今年又新建了两座冷库。",
    "如今，上河村的枇杷远销上海、杭州等地。",
)


def test_homophone_place_variant(tmp_path: Path) -> None:
    text = page(
        "枇杷丰收季",
        "记者 林晓岚",
        "本报讯 连日来，白沙镇尚河村的枇杷园迎来采摘高峰，游客络绎不绝。",
    )
    rows = rows_of(tmp_path, {"b.txt": text}, "NAM001", archive={"a.txt": VILLAGE})
    assert [(r.text, r.line, r.severity, r.suggestion) for r in rows] == [("尚河村", 7, "error", "上河村")]
    assert "上河村" in rows[0].message_zh and "同音字" in rows[0].message_zh
    assert rows[0].related and rows[0].related[0]["text"] == "上河村"


def test_variant_within_one_article(tmp_path: Path) -> None:
    text = page(
        "石桥村油菜开镰",
        "记者 林晓岚",
        "本报讯 在石桥村的油菜田里，两台收割机来回穿梭，石桥村今年种植油菜800亩。",
        "石乔村种粮大户许志强说，今年收成比去年好。",
        "石桥村党支部书记陆建军说，村里统一提供机耕服务。",
    )
    rows = rows_of(tmp_path, {"a.txt": text}, "NAM001")
    assert [(r.text, r.line, r.suggestion) for r in rows] == [("石乔村", 9, "石桥村")]


def test_byline_variant(tmp_path: Path) -> None:
    archive = {
        f"a{i}.txt": page(f"白沙镇新闻{i}", "记者 林晓岚", f"本报讯 白沙镇第{i}批民生项目近日完工。")
        for i in range(1, 4)
    }
    text = page("柳塘镇新闻", "记者 林晓兰", "本报讯 柳塘镇民生项目近日完工。")
    rows = rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=archive)
    assert [(r.text, r.suggestion) for r in rows] == [("林晓兰", "林晓岚")]
    assert rows[0].message_zh.startswith("署名")


def test_sibling_and_distinct_names_pass(tmp_path: Path) -> None:
    archive = {
        "a.txt": page(
            "东村新貌",
            "记者 林晓岚",
            "本报讯 白沙镇东村近年来变化很大。东村村民说，东村的路修好了。",
            "新仓镇与新仓镇的企业合作密切，新仓镇的经验值得推广。",
        )
    }
    text = page("西村新貌", "记者 林晓岚", "本报讯 白沙镇西村也在加快发展，新埭镇的做法也受到关注。")
    assert rows_of(tmp_path, {"b.txt": text}, "NAM001", archive=archive) == []


def test_unrelated_characters_pass(tmp_path: Path) -> None:
    text = page(
        "两村结对",
        "记者 林晓岚",
        "本报讯 上河村与下河村结对，上河村和上湾村也签订协议，上河村的经验正在推广。",
    )
    assert rows_of(tmp_path, {"a.txt": text}, "NAM001") == []


# -- NAM002 -------------------------------------------------------------------------------------


def test_deputy_title_conflict(tmp_path: Path) -> None:
    archive = {
        "a.txt": page("文旅融合", "记者 林晓岚", "本报讯 县文广旅体局局长韩雪梅介绍，今年将举办系列活动。"),
        "c.txt": page("枇杷节开幕", "记者 林晓岚", "本报讯 县文广旅体局局长韩雪梅表示，将做好服务保障。"),
    }
    text = page("枇杷节闭幕", "记者 林晓岚", "本报讯 县文广旅体局副局长韩雪梅说，本届节会吸引游客3万人次。")
    rows = rows_of(tmp_path, {"b.txt": text}, "NAM002", archive=archive)
    assert [(r.text, r.line, r.suggestion) for r in rows] == [("副局长韩雪梅", 7, "局长")]
    assert "副局长" in rows[0].message_zh and "局长" in rows[0].message_zh


def test_same_title_or_other_post_passes(tmp_path: Path) -> None:
    archive = {
        "a.txt": page("文旅融合", "记者 林晓岚", "本报讯 县文广旅体局局长韩雪梅介绍，今年将举办系列活动。"),
    }
    text = page(
        "枇杷节闭幕", "记者 林晓岚",
        "本报讯 县文广旅体局局长韩雪梅说，节会圆满结束。县政协委员韩雪梅也参加了座谈。",
    )
    assert rows_of(tmp_path, {"b.txt": text}, "NAM002", archive=archive) == []
