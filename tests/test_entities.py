"""Persons, places, organisations and quoted names found by checker.extract.entities."""

from __future__ import annotations

import pytest

from checker.extract import ExtractContext
from checker.extract.entities import extract_entities, subject_candidates
from checker.model import FactDraft


def ents(sentence: str, **kw: object) -> list[FactDraft]:
    return extract_entities(sentence, ExtractContext(**kw))  # type: ignore[arg-type]


def keys(sentence: str, kind: str | None = None) -> list[str]:
    return [f.key or "" for f in ents(sentence) if kind is None or f.kind == kind]


def one(sentence: str, key: str) -> FactDraft:
    found = [f for f in ents(sentence) if f.key == key]
    assert found, f"{key} not in {keys(sentence)}"
    return found[0]


def test_spans_are_exact() -> None:
    s = "据悉，柳塘镇东塘村党委书记刘明说，项目已经启动。"
    for f in ents(s):
        assert s[f.start : f.end] == f.text


# --- persons after titles


def test_person_after_title_with_org_chain() -> None:
    p = one("柳塘镇东塘村党委书记刘明说，今年收入翻番。", "person:刘明")
    assert p.extra["title"] == "党委书记"
    assert p.extra["org"] == "柳塘镇东塘村"


def test_person_after_mayor_with_stray_space() -> None:
    s = "昨天上午，市长 周军波主持召开会议。"
    p = one(s, "person:周军波")
    assert p.extra["title"] == "市长"
    assert s[p.start : p.end] == "周军波"


def test_space_inside_name_kept_in_span() -> None:
    s = "市长周 军波出席。"
    p = one(s, "person:周军波")
    assert p.text == "周 军波"


def test_two_char_name_before_de() -> None:
    p = one("在副组长钟峨的牵头下，工作室成立。", "person:钟峨")
    assert p.extra["title"] == "副组长"


def test_two_char_name_before_speech_verb() -> None:
    assert "person:孙晔" in keys("县文广旅体局副局长孙晔说，线路将连点成片。")


def test_name_does_not_swallow_jieshao() -> None:
    assert "person:岳川" in keys("集团副总经理岳川介绍道，厂房已封顶。")
    assert not [k for k in keys("集团副总经理岳川介绍道，厂房已封顶。") if k.startswith("person:岳川介")]


def test_name_does_not_swallow_biaoshi() -> None:
    assert "person:王小明" in keys("镇长王小明表示，工作将继续推进。")


def test_title_list_of_names() -> None:
    got = keys("副市长莫放路、戴建忠、张斌、陈明朗出席会议。", "person")
    assert got == ["person:莫放路", "person:戴建忠", "person:张斌", "person:陈明朗"]


def test_chained_titles_last_one_wins() -> None:
    p = one("市委副书记、市长周军波主持座谈会。", "person:周军波")
    assert p.extra["title"] == "市长"


def test_company_org_before_title() -> None:
    p = one("青禾精工股份公司党支部书记程振宇表示，合作更紧密了。", "person:程振宇")
    assert p.extra["title"] == "党支部书记"
    assert p.extra["org"] == "青禾精工股份公司"


def test_org_with_de_before_title() -> None:
    p = one("梨园村的党委书记陆正华正在巡查。", "person:陆正华")
    assert p.extra["org"] == "梨园村"


def test_speaker_before_shuo() -> None:
    p = one("“我们南北一家亲。”金建东说，合作结出硕果。", "person:金建东")
    assert p.extra["verb"] == "说"


def test_speaker_with_title_before_verb() -> None:
    p = one("，刘建群书记说，项目进展顺利。", "person:刘建群")
    assert p.extra["title"] == "书记"


def test_role_word_followed_by_ordinary_words_is_not_a_name() -> None:
    assert keys("村民健身活动中心正在建设。", "person") == []
    assert keys("探索试行产业党员顾问机制。", "person") == []


def test_known_name_fixes_length() -> None:
    ctx = ExtractContext(known_names={"欧阳明"})
    got = [f.key for f in extract_entities("主任欧阳明说，", ctx) if f.kind == "person"]
    assert got == ["person:欧阳明"]


def test_compound_surname() -> None:
    assert "person:欧阳红" in keys("校长欧阳红出席。")


# --- bylines inside text


def test_byline_roles_and_names() -> None:
    got = [(f.key, f.extra["role"]) for f in ents("记者 华婷婷 李雨婷 通讯员 顾剑锋 摄影 王强") if f.kind == "person"]
    assert got == [
        ("person:华婷婷", "记者"),
        ("person:李雨婷", "记者"),
        ("person:顾剑锋", "通讯员"),
        ("person:王强", "摄影"),
    ]


def test_byline_spaced_single_char_name() -> None:
    s = "■摄影 王 强 李凤超"
    got = [f for f in ents(s) if f.kind == "person"]
    assert [f.key for f in got] == ["person:王强", "person:李凤超"]
    assert got[0].text == "王 强"


def test_byline_name_before_role() -> None:
    f = one("李雨婷 ■记 者\n通讯员 邹树文", "person:李雨婷")
    assert f.extra["role"] == "记者"


def test_byline_in_paragraph() -> None:
    f = one("■记者 林旭东 本报讯 昨天上午，会议召开。", "person:林旭东")
    assert f.extra["byline"] is True


# --- places


def test_known_place() -> None:
    assert keys("平湖位于浙江省东北部。", "place") == ["place:平湖", "place:浙江省"]


def test_chained_places_are_separate_facts() -> None:
    s = "近日，在白沙镇青石社区，志愿者送清凉。"
    places = [f for f in ents(s) if f.kind == "place"]
    assert [f.key for f in places] == ["place:白沙镇", "place:青石社区"]
    assert places[1].extra["parent"] == "白沙镇"
    assert s[places[1].start : places[1].end] == "青石社区"


def test_unknown_village_by_suffix() -> None:
    f = one("他来到王家浜村调研。", "place:王家浜村")
    assert "parent" not in f.extra


def test_unknown_village_after_known_town() -> None:
    f = one("广陈镇龙湾村的农户增收。", "place:龙湾村")
    assert f.extra["parent"] == "广陈镇"


def test_generic_village_words_are_not_places() -> None:
    assert keys("各村集体经济薄弱村和全村村民都受益。", "place") == []


def test_shanghai_chain() -> None:
    got = keys("与上海市金山区张堰镇秦望村结对。", "place")
    assert got == ["place:上海市", "place:金山区", "place:张堰镇", "place:秦望村"]


# --- organisations


def test_company_full_name_with_brackets() -> None:
    assert "org:康迈尔机电(嘉兴)有限公司" in keys("参观康迈尔机电(嘉兴)有限公司的车间。", "org")


def test_org_left_boundary_stops_at_verb() -> None:
    got = keys("走进亩均效益领跑者华迈机械(嘉兴)有限公司的车间", "org")
    assert got == ["org:华迈机械(嘉兴)有限公司"]


def test_party_committee_org_includes_place() -> None:
    assert "org:湖州市港航管理中心党委" in keys("昨天，湖州市港航管理中心党委发文。", "org")


def test_generic_words_are_not_orgs() -> None:
    assert keys("深刻把握大格局，坚定信心。", "org") == []


def test_title_suffix_not_read_as_org() -> None:
    got = keys("东塘村党委书记刘建新说。", "org")
    assert got == []


# --- quoted names and book titles


def test_quoted_proper_name() -> None:
    f = one("打造了“碳为观智·桨领风华”风景线。", "name:碳为观智·桨领风华")
    assert f.text == "“碳为观智·桨领风华”"


def test_inner_single_quotes_inside_speech() -> None:
    s = "“现在‘飞地抱团’收入占到六成，明年还会增加。”"
    assert keys(s, "name") == ["name:飞地抱团"]


def test_straight_quotes() -> None:
    assert keys('共同成立"新枫裕"党群服务中心。', "name") == ["name:新枫裕"]


def test_book_title() -> None:
    f = one("阅读《城市工作论述摘编》后指出。", "name:城市工作论述摘编")
    assert f.extra["book"] is True


@pytest.mark.parametrize("sentence", ["他说：“这是一个很长的句子，不是名称。”", "“好！”"])
def test_quoted_sentences_are_not_names(sentence: str) -> None:
    assert keys(sentence, "name") == []


# --- subject helper


def test_subject_candidates_last_named() -> None:
    facts = ents("林埭镇徐家埭村今年收入增长。")
    assert subject_candidates(facts) == "徐家埭村"
    assert subject_candidates([]) is None


def test_subject_skips_bylines() -> None:
    facts = ents("新仓镇 记者 林旭东")
    assert subject_candidates(facts) == "新仓镇"


# --- regressions reported by the rule engineers


@pytest.mark.parametrize(
    "sentence",
    ["本报讯上河村的溪畔步道", "2024年上河村经常性收入", "全镇9个村，其中上河村", "柳塘镇上河村", "往上河村走"],
)
def test_guessed_place_does_not_take_the_character_before_it(sentence: str) -> None:
    assert "place:上河村" in keys(sentence, "place")


def test_guessed_place_after_function_verb() -> None:
    assert "place:尚河村" in keys("推动尚河村、下湾村联动发展", "place")


def test_suffix_split_across_two_words_is_no_org() -> None:
    assert keys("村里的年轻人大多外出打工") == []


def test_jiedao_names_are_places() -> None:
    assert "place:云泉街道" in keys("县交警大队联合云泉街道开展整治", "place")


def test_project_before_attribute_is_an_org() -> None:
    assert "org:柳塘智能装备产业园项目" in keys("柳塘智能装备产业园项目总投资5亿元", "org")


def test_project_named_after_its_place_gets_full_name() -> None:
    f = one("在柳塘镇，周明远走进智能装备产业园建设现场", "org:智能装备产业园")
    assert f.extra["full"] == "柳塘智能装备产业园"
    assert subject_candidates(ents("在柳塘镇，周明远走进智能装备产业园建设现场")) == "柳塘智能装备产业园"


def test_project_of_a_company_after_a_numeral_is_no_org() -> None:
    assert keys("公司年产2万吨可降解材料基地项目总投资1亿元", "org") == []


def test_speaker_is_not_the_carried_subject() -> None:
    facts = ents("上河村党委书记沈国华告诉记者")
    assert subject_candidates(facts) == "上河村"
    assert subject_candidates(ents("“很好。”沈国华说")) is None


@pytest.mark.parametrize("sentence", ["这促使公司转型", "，但她说，好的"])
def test_function_characters_do_not_start_names(sentence: str) -> None:
    assert [k for k in keys(sentence) if k.startswith(("org:", "person:"))] == []


def test_conjunction_before_speaker_is_dropped() -> None:
    assert keys("，但彭顺说，好的", "person") == ["person:彭顺"]


def test_quoted_ordinary_words_are_not_names() -> None:
    assert keys("打“飞的”去上海", "name") == []
    assert keys("推出“上河白玉”品牌", "name") == ["name:上河白玉"]


def test_one_character_variant_of_a_gazetteer_place() -> None:
    # The whole name with its suffix: one similar character off 浙江省 of the gazetteer.
    f = one("来自浙姜省的游客", "place:浙姜省")
    assert f.extra["variant_of"] == "浙江省"


def test_one_character_variant_of_an_archive_name() -> None:
    ctx = ExtractContext(known_names={"陈德铭", "中关村"})
    got = {f.key: f.extra for f in extract_entities("市长晨德铭说，在中关树科技园", ctx)}
    assert got["person:晨德铭"]["variant_of"] == "陈德铭"
    assert got["place:中关树"]["variant_of"] == "中关村"


def test_dictionary_words_are_never_variants() -> None:
    ctx = ExtractContext(known_names={"上河村"})
    assert [f for f in extract_entities("在尚未完成的工作中", ctx) if f.extra.get("variant_of")] == []


# --- persons without a title (checker.extract.people)


def persons(sentence: str, ctx: ExtractContext | None = None) -> list[tuple[str, str]]:
    found = extract_entities(sentence, ctx or ExtractContext())
    return [(f.text, str(f.extra.get("cue") or f.extra.get("role") or "")) for f in found if f.kind == "person"]


def test_names_in_an_enumeration() -> None:
    assert persons("受表彰的有张明远、李晓华、王小红等三位村医。") == [
        ("张明远", "list"), ("李晓华", "list"), ("王小红", "list")]
    assert persons("参加座谈的有刘建国、孙丽和周海峰。") == [("刘建国", "list"), ("孙丽", "list"), ("周海峰", "list")]


@pytest.mark.parametrize("sentence", [
    "高速、高铁、航空等交通方式都已开通。",  # surname characters starting ordinary words
    "江苏、浙江、上海三地联合执法。",
    "孙村、李庄和王集三个村今年通了公交。",  # places
    "金融、保险、证券行业的从业者。",
    "展厅里有白玉观音、金丝楠木、紫檀屏风、铜香炉等藏品。",  # the enumeration goes on beyond the "names"
    "王大爷、李阿姨每天都来帮忙。",  # honorifics, not names
])
def test_enumerations_of_other_things_are_not_names(sentence: str) -> None:
    assert persons(sentence) == []


def test_name_before_its_post_in_brackets() -> None:
    assert persons("会议由王建国（县农业农村局局长）主持。") == [("王建国", "bracket")]
    assert persons("主持人李雪（县融媒体中心记者）介绍了活动流程。")[0] == ("李雪", "bracket")
    assert persons("会上发布了新规（试行）和细则（草案）。") == []


def test_speaker_label_of_an_interview() -> None:
    assert persons("赵立新：今年的重点是稳就业。") == [("赵立新", "label")]
    assert persons("王先生：我不同意这个说法。") == []
    assert persons("高速公路：全线限速一百公里。") == []


def test_speaker_written_straight_after_other_words() -> None:
    assert persons("教育专家王金生认为，孩子需要更多陪伴。") == [("王金生", "glued")]
    assert persons("据刘海涛介绍，项目年底完工。") == [("刘海涛", "glued")]
    # 时/乐 are surnames, but 同时, 乐观 are the words here
    assert persons("会议同时李四说") == []
    assert persons("与会者会上乐观地表示，前景很好。") == []


def test_photographer_credit() -> None:
    assert persons("图为村民在田间抢收早稻。王 强 摄") == [("王 强", "摄")]
    assert persons("（记者 周晓燕 摄）") == [("周晓燕", "记者")]
    assert persons("他用无人机航拍摄") == []


def test_a_name_met_once_is_known_for_the_rest_of_the_article() -> None:
    ctx = ExtractContext()
    assert persons("县委书记陈立平说，路要修到家门口。", ctx) == [("陈立平", "")]
    assert persons("陈立平在现场察看了进度。", ctx) == [("陈立平", "known")]
    # ... where it stands as a word of its own
    assert persons("陈立平安返回。", ExtractContext()) == []


def test_names_the_archive_knows_need_no_context() -> None:
    ctx = ExtractContext(known_names={"沈国华"})
    assert persons("沈国华在村口等我们。", ctx) == [("沈国华", "known")]


def test_untitled_persons_are_no_subject_for_numbers() -> None:
    found = extract_entities("受表彰的有张明远、李晓华、王小红等三位村医。", ExtractContext())
    assert subject_candidates(found) is None
