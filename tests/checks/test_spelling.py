"""TYP006 (miswritten character) and TYP007 (misspelt idiom) on invented pages (青溪县)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from checker.checks.spelling.detect import misspelt_chars
from checker.checks.spelling.guards import protected_mask
from checker.checks.spelling.lexicon import idioms
from checker.checks.spelling.rules import MisspeltCharRule
from checker.rulepack import default_pack
from checker.service import ingest_files
from checker.store.models import CharBigram
from tests.support import check_texts, fresh_engine, write_files

HEAD = "青溪日报  2024年6月12日 星期三\n\n"


def page(headline: str, *paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"{HEAD}{headline}\n\n记者 林晓岚\n\n{body}\n"


def rows_of(tmp_path: Path, text: str, code: str) -> list:
    found = check_texts(tmp_path, {"a.txt": text}, select={code})
    return [f.row for f in found if f.row.rule == code]


def test_miswritten_characters_are_reported_with_the_correction(tmp_path: Path) -> None:
    text = page(
        "县城供水管网改造工程启动",
        "本报讯 县水务局负责人介绍，新建的水厂二期将于年底前竣攻，届时日供水能力翻一番。",
        "全县共有八百多名志原者参加了节水宣传活动。",
    )
    rows = rows_of(tmp_path, text, "TYP006")
    assert [(r.text, r.suggestion) for r in rows] == [("攻", "工"), ("原", "愿")]
    assert "竣工" in rows[0].message_zh


def test_clean_report_passes(tmp_path: Path) -> None:
    text = page(
        "青溪县召开秋粮收购工作推进会",
        "本报讯 9月20日，青溪县召开秋粮收购工作推进会，副县长陈国栋出席会议并讲话。",
        "会议指出，各乡镇要加强粮食收购资金保障，做好仓储设施检修，确保农民卖粮不难。",
        "县粮食和物资储备局将组织人员深入收购现场，及时协调解决群众反映的问题。",
    )
    assert rows_of(tmp_path, text, "TYP006") == []
    assert rows_of(tmp_path, text, "TYP007") == []


def test_personal_names_are_not_corrected(tmp_path: Path) -> None:
    # 郑婧怡 and 邵泽慧 are names (the byline's too): their characters are never "fixed".
    text = page(
        "青溪少年在全省作文大赛中获奖",
        "本报讯 日前，青溪中学学生郑婧怡的作文在全省中学生作文大赛中获一等奖，指导老师邵泽慧获优秀指导奖。",
    )
    assert rows_of(tmp_path, text, "TYP006") == []


def test_a_spelling_repeated_in_the_article_is_intended(tmp_path: Path) -> None:
    # A brand written the same way twice (妙想漆) is no slip of the keyboard.
    text = page(
        "本土涂料企业推出新品",
        "本报讯 青溪一家涂料企业近日推出妙想漆系列产品，主打低气味、易清洁。",
        "企业负责人说，妙想漆今年的产量将比去年翻一番。",
    )
    assert rows_of(tmp_path, text, "TYP006") == []


def test_misspelt_idiom_is_reported(tmp_path: Path) -> None:
    text = page(
        "青溪县乡村振兴项目集中开工",
        "本报讯 县委书记在开工仪式上说，项目建成后能否带动村民增收，大家试目以待。",
    )
    rows = rows_of(tmp_path, text, "TYP007")
    assert [(r.text, r.suggestion) for r in rows] == [("试目以待", "拭目以待")]
    assert rows_of(tmp_path, text, "TYP006") == []  # one problem, one finding


def test_a_character_of_a_misspelt_idiom_is_the_idioms_finding(tmp_path: Path) -> None:
    # 蹊经 alone reads as a slip for 蹊径 too: one problem, reported once, as the idiom.
    text = page("老字号焕发新活力", "本报讯 这家老字号另辟蹊经，把传统糕点做成了文创礼盒。")
    assert [r.suggestion for r in rows_of(tmp_path, text, "TYP007")] == ["另辟蹊径"]
    assert rows_of(tmp_path, text, "TYP006") == []


def test_correct_idiom_passes(tmp_path: Path) -> None:
    text = page(
        "青溪县乡村振兴项目集中开工",
        "本报讯 项目建成后能否带动村民增收，大家拭目以待；各部门要再接再厉，一以贯之抓好落实。",
    )
    assert rows_of(tmp_path, text, "TYP007") == []


def test_quoted_titles_are_left_alone() -> None:
    rule = MisspeltCharRule(default_pack())
    text = "售楼处展出的《样版间》系列摄影作品"
    assert misspelt_chars(text, protected_mask(text), rule.model(), rule.thresholds()) == []
    bare = "售楼处新设了两套样版间供市民参观"
    found = misspelt_chars(bare, protected_mask(bare), rule.model(), rule.thresholds())
    assert [(f.original, f.suggestion, f.word) for f in found] == [("版", "板", "样板")]


def test_idiom_dictionary_is_read_from_jionlp() -> None:
    assert "拭目以待" in idioms().counts
    assert "拭" in idioms().fills("?目以待")


# -- what the archive teaches -------------------------------------------------------------------


def _pair_count(engine: Engine, pair: str) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(CharBigram.count).where(CharBigram.bigram == pair)) or 0)


def test_ingest_counts_character_pairs_and_a_replaced_file_takes_its_pairs_away(tmp_path: Path) -> None:


    engine = fresh_engine(tmp_path)
    text = page("青溪县新建两座污水处理厂", "本报讯 县里新建两座污水处理厂，污水处理能力明显提升。")
    (path,) = write_files(tmp_path, {"a.txt": text})
    ingest_files(engine, [path])
    assert _pair_count(engine, "污水") == 3  # the headline once, the body twice
    path.write_text(page("青溪县新建一座水厂", "本报讯 县里新建一座水厂。"), encoding="utf-8")
    ingest_files(engine, [path])
    assert _pair_count(engine, "污水") == 0
    assert _pair_count(engine, "水厂") == 2


def test_a_spelling_the_archive_uses_is_the_papers_usage(tmp_path: Path) -> None:
    article = page("楼市观察", "本报讯 售楼处新设了两套样版间供市民参观。")
    assert [r.suggestion for r in rows_of(tmp_path / "alone", article, "TYP006")] == ["板"]
    archive = {f"old{n}.txt": page(f"楼盘样版间开放{n}", f"本报讯 第{n}期楼盘的样版间本周开放。") for n in range(3)}
    found = check_texts(tmp_path / "with", {"a.txt": article}, select={"TYP006"}, archive=archive)
    assert [f.row.suggestion for f in found if f.row.rule == "TYP006"] == []


def test_the_archive_backs_a_correction_the_dictionaries_alone_are_unsure_of(tmp_path: Path) -> None:
    article = page("旧城改造惠民生", "本报讯 老街改造完工后，村民们对这项改革措施非常满议。")
    assert rows_of(tmp_path / "alone", article, "TYP006") == []
    archive = {
        f"old{n}.txt": page(f"民生工程回访{n}", f"本报讯 回访中，第{n}批受访群众对服务表示满意，满意率逐年提高。")
        for n in range(6)
    }
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "spelling.yaml").write_text("TYP006:\n  archive_bonus: 3.0\n", encoding="utf-8")
    found = check_texts(tmp_path / "with", {"a.txt": article}, select={"TYP006"}, archive=archive, rules=[str(pack)])
    assert [(f.row.text, f.row.suggestion) for f in found if f.row.rule == "TYP006"] == [("议", "意")]


# -- TYP008 -------------------------------------------------------------------------------------


def test_de_before_a_complement_of_degree_is_reported(tmp_path: Path) -> None:
    text = page(
        "青溪县秋季运动会闭幕",
        "本报讯 本届运动会组织的非常严密，各代表队发挥的很好。",
    )
    rows = rows_of(tmp_path, text, "TYP008")
    assert [(r.text, r.suggestion) for r in rows] == [
        ("组织的非常严密", "组织得非常严密"), ("发挥的很好", "发挥得很好"),
    ]


def test_de_before_a_noun_passes(tmp_path: Path) -> None:
    text = page(
        "青溪县秋季运动会闭幕",
        "本报讯 组委会做的很多准备工作得到了运动员的认可，这是一届精彩的运动会。",
        "志愿者们把场馆打扫得非常干净。",
    )
    assert rows_of(tmp_path, text, "TYP008") == []
