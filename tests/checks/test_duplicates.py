"""Duplicate rules (DUP001-DUP004): one failing and one passing text per rule."""

from __future__ import annotations

from pathlib import Path

from tests.support import check_texts

HEAD = "青溪日报\n\n2024年5月16日  星期四\n\n"


def page(headline: str, *paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"{HEAD}{headline}\n\n记者 林晓岚\n\n{body}\n"


def only(findings, rule):  # type: ignore[no-untyped-def]
    return [f for f in findings if f.row.rule == rule]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# -- DUP001 ---------------------------------------------------------------------------------------

REPEATED = page(
    "白沙镇开通节日专线公交",
    "本报讯 第五届白沙枇杷文化旅游节开幕。为方便游客出行，县里在县城和白沙镇之间开通了节日专线公交，每30分钟发一班。"
    "专线沿途设站12个，票价2元。",
    "镇里还在上河村设立了游客服务中心。为方便游客出行，县里在县城和白沙镇之间开通了节日专线公交，每30分钟发一班。",
)


def test_dup001_exact_repeat_is_reported_at_the_second_occurrence(tmp_path: Path) -> None:
    found = only(check_texts(tmp_path, {"a.txt": REPEATED}, select={"DUP001"}), "DUP001")
    assert len(found) == 1
    row = found[0].row
    assert row.text == "为方便游客出行，县里在县城和白沙镇之间开通了节日专线公交，每30分钟发一班。"
    assert row.line == line_of(REPEATED, "镇里还在上河村")
    assert row.severity == "error"
    assert [r["line"] for r in row.related] == [line_of(REPEATED, "本报讯")]


def test_dup001_parallel_sentences_with_other_figures_pass(tmp_path: Path) -> None:
    text = page(
        "上河村集体经济稳步增长",
        "本报讯 2022年，上河村村级集体经济经常性收入达到520万元，同比增长12%。",
        "2023年，上河村村级集体经济经常性收入达到680万元，同比增长31%。",
    )
    assert only(check_texts(tmp_path, {"a.txt": text}, select={"DUP001"}), "DUP001") == []


def test_dup001_near_repeat_in_lead_and_body_is_reported(tmp_path: Path) -> None:
    text = page(
        "白沙镇开通节日专线公交",
        "本报讯 为方便游客出行，县里在县城和白沙镇之间开通了节日专线公交，每半小时发一班。",
        "镇里还在上河村设立了游客服务中心。为方便游客出行，县里在县城与白沙镇之间开通了节日专线公交，每半小时发一班。",
    )
    found = only(check_texts(tmp_path, {"a.txt": text}, select={"DUP001"}), "DUP001")
    assert [f.row.line for f in found] == [line_of(text, "镇里还在上河村")]
    assert found[0].row.severity == "warning"


def test_dup001_a_whole_stretch_pasted_again_is_one_finding(tmp_path: Path) -> None:
    # The lead pasted again at the end, its first sentence reworded at the start: a stretch
    # inside one sentence, then whole sentences, all repeating the lead in order.
    lead = (
        "本报讯 白沙镇今年新建的三座枇杷冷库近日全部投用，总库容达到两千吨，可满足全镇枇杷错峰销售的需要。"
        "冷库由镇农业服务中心统一管理，按成本价向农户开放。"
        "预计每年可为全镇农户增收三百万元以上。"
    )
    text = page(
        "白沙枇杷有了冷库",
        lead,
        "上河村种植大户许志强说，有了冷库，枇杷不用再赶着低价卖了。",
        "据了解，三座枇杷冷库近日全部投用，总库容达到两千吨，可满足全镇枇杷错峰销售的需要。"
        "冷库由镇农业服务中心统一管理，按成本价向农户开放。"
        "预计每年可为全镇农户增收三百万元以上。",
    )
    found = only(check_texts(tmp_path, {"a.txt": text}, select={"DUP001"}), "DUP001")
    assert len(found) == 1
    row = found[0].row
    assert row.line == line_of(text, "据了解") and row.end_line == row.line
    assert row.text.startswith("三座枇杷冷库") and row.text.endswith("三百万元以上。")
    assert "这一段（3句）" in row.message_zh
    assert [r["line"] for r in row.related] == [line_of(text, "本报讯")]


def test_dup001_attributions_and_restated_quotes_pass(tmp_path: Path) -> None:
    # "上述县农业农村局人士表示。" twice is how quotations are attributed; the lead quoting the
    # farmer's words again later (in a different paragraph) is deliberate news style.
    text = page(
        "枇杷丰收 果农笑开颜",
        "本报讯 “今年的枇杷个头大、甜度高，一棵树能多卖好几百元。”这是上河村果农王大伯这几天常说的一句话。",
        "“价格稳住了，大家的心就定了。”上述县农业农村局人士表示。",
        "“收购商来得早，今年的行情比往年好。”上述县农业农村局人士表示。",
        "王大伯笑着说：“今年的枇杷个头大、甜度高，一棵树能多卖好几百块钱。”",
    )
    assert only(check_texts(tmp_path, {"a.txt": text}, select={"DUP001"}), "DUP001") == []


# -- DUP002 ---------------------------------------------------------------------------------------

PASSAGE_OLD = (
    "上河村的变化，是从一次“算账”开始的。2019年，村两委逐户摸排，发现全村有闲置农房63幢，大多结构完好。"
    "村里牵头成立强村公司，以租赁入股方式统一流转，再引入专业团队运营，农户每年拿租金，年底还能参与分红。"
)
PASSAGE_NEW = (
    "上河村的变化，是从一次“算账”开始的。2019年，村两委逐户摸排，发现全村有闲置农房63幢，大多结构完好。"
    "村里牵头成立强村公司，以租赁入股的方式统一流转，再引入专业团队运营，农户每年拿租金，年底还能参加分红。"
)


def test_dup002_passage_copied_from_an_archived_article(tmp_path: Path) -> None:
    old = page("白沙镇上河村走出共富路", "本报讯 记者近日走进白沙镇上河村。", PASSAGE_OLD)
    new = page("民宿经济带旺乡村游", "本报讯 今年以来，青溪县民宿经济持续升温。", PASSAGE_NEW)
    found = only(check_texts(tmp_path, {"new.txt": new}, archive={"old.txt": old}, select={"DUP002"}), "DUP002")
    assert len(found) == 1  # one passage, not one finding per sentence
    row = found[0].row
    assert row.text.startswith("上河村的变化") and row.text.endswith("年底还能参加分红。")
    assert row.line == line_of(new, "上河村的变化")
    assert row.related[0]["line"] == line_of(old, "上河村的变化")
    assert "相似度" in row.message_zh and "白沙镇上河村走出共富路" in row.message_zh


def test_dup002_different_articles_pass(tmp_path: Path) -> None:
    old = page("白沙镇上河村走出共富路", "本报讯 记者近日走进白沙镇上河村。", PASSAGE_OLD)
    new = page(
        "柳塘镇油菜开镰收割",
        "本报讯 5月13日，柳塘镇油菜进入集中收割期，两台联合收割机在石桥村的油菜田里来回穿梭。",
        "今年柳塘镇共种植油菜2.3万亩，平均亩产约180公斤。",
    )
    assert only(check_texts(tmp_path, {"new.txt": new}, archive={"old.txt": old}, select={"DUP002"}), "DUP002") == []


def test_dup002_standing_notice_under_two_articles_passes(tmp_path: Path) -> None:
    notice = "枇杷节期间的交通、住宿等更多信息请关注青溪文旅官方网站，咨询热线：0571-64812345。"
    old = page("枇杷节开幕", "本报讯 第五届白沙枇杷文化旅游节昨日开幕，首日接待游客1.2万人次。", notice)
    new = page("枇杷节推出三条游线", "本报讯 今年枇杷节推出三条精品游线，串起沿溪七个村。", notice)
    assert only(check_texts(tmp_path, {"new.txt": new}, archive={"old.txt": old}, select={"DUP002"}), "DUP002") == []


def test_dup002_advert_with_a_phone_number_copied_once_is_reported(tmp_path: Path) -> None:
    # A short passage with a phone number is no standing notice when it is printed in one other
    # article only and carries more than the number: the advert text was copied.
    advert = (
        "这款茶礼盒选用明前龙井，包装素雅，适合节日馈赠。现在下单还送定制茶杯一只，性价比很高。"
        "订购电话：0571-64812345"
    )
    old = page("青溪茶礼盒上市", "本报讯 青溪茶业今年推出三款节日茶礼盒。", advert)
    new = page("白沙镇枇杷节开幕", "本报讯 第五届白沙枇杷文化旅游节昨日开幕，首日接待游客1.2万人次。", advert)
    found = only(check_texts(tmp_path, {"new.txt": new}, archive={"old.txt": old}, select={"DUP002"}), "DUP002")
    assert len(found) == 1 and found[0].row.text.startswith("这款茶礼盒")


def test_dup002_boilerplate_with_download_details_under_several_articles_passes(tmp_path: Path) -> None:
    # A game's blurb with its download details, printed under every press release of the game.
    blurb = (
        "《溪山传说》是一款以青溪山水为背景的大型手机网游，玩家可以在游戏中种茶、采药、结伴闯关。"
        "游戏画面清新，任务设计新颖，上线以来深受玩家喜爱。下载方式：手机登录溪山传说官网即可免费下载。"
    )
    archive = {
        f"old{i}.txt": page(f"《溪山传说》第{i}期活动", f"本报讯 《溪山传说》第{i}期玩家活动近日启动。", blurb)
        for i in range(1, 3)
    }
    new = page("《溪山传说》新版本上线", "本报讯 《溪山传说》新版本昨日上线，新增十个副本。", blurb)
    assert only(check_texts(tmp_path, {"new.txt": new}, archive=archive, select={"DUP002"}), "DUP002") == []


# -- DUP003 ---------------------------------------------------------------------------------------


def test_dup003_quoted_item_listed_twice(tmp_path: Path) -> None:
    text = page(
        "枇杷节推出精品线路",
        "本报讯 今年旅游节推出了“溪山寻味之旅”“溪山寻味之旅”两条精品旅游线路，串联起上河村枇杷园和石桥村老街。",
    )
    found = only(check_texts(tmp_path, {"a.txt": text}, select={"DUP003"}), "DUP003")
    assert [f.row.text for f in found] == ["“溪山寻味之旅”"]
    assert found[0].row.line == line_of(text, "两条精品")
    # The related place is the first of the two items, not the finding itself.
    (related,) = found[0].row.related
    assert related["text"] == "“溪山寻味之旅”"
    assert (related["line"], related["column"]) != (found[0].row.line, found[0].row.column)
    assert related["end_column"] == found[0].row.column


def test_dup003_list_with_distinct_items_passes(tmp_path: Path) -> None:
    text = page(
        "枇杷节推出精品线路",
        "本报讯 今年旅游节推出了“溪山寻味之旅”“枇杷采摘之旅”两条精品旅游线路，"
        "涵盖采摘、美食、住宿等项目，报名费1.5%、1.5%分两次收取。",
    )
    assert only(check_texts(tmp_path, {"a.txt": text}, select={"DUP003"}), "DUP003") == []


# -- DUP004 ---------------------------------------------------------------------------------------


def test_dup004_doubled_function_char_and_word(tmp_path: Path) -> None:
    text = page(
        "上河村人居环境大变样",
        "本报讯 村里推进推进垃圾分类，村民的的获得感越来越强。",
    )
    found = only(check_texts(tmp_path, {"a.txt": text}, select={"DUP004"}), "DUP004")
    assert [(f.row.text, f.row.suggestion) for f in found] == [("推进推进", "推进"), ("的的", "的")]
    assert {f.row.line for f in found} == {line_of(text, "推进推进")}


def test_dup004_legitimate_reduplications_pass(tmp_path: Path) -> None:
    text = page(
        "上河村人居环境大变样",
        "本报讯 家家户户的门前屋后都有了绿化带，游客三三两两地走在村道上，常常驻足拍照。",
        "去年石桥村村级经营性收入700多万元，这是全县唯一一个实现目标的村，县文广旅体局局长到村里研究研究下一步工作。",
        "他们一遍遍地算账，为了了解实情，目的的确很明确。",
    )
    assert only(check_texts(tmp_path, {"a.txt": text}, select={"DUP004"}), "DUP004") == []


def test_dup004_doubled_noun_split_by_segmentation(tmp_path: Path) -> None:
    # 目的目的 ends in a particle-like 的, 触感触感 is segmented 触|感触|感: both are doubled nouns.
    text = page(
        "青溪县手工布鞋走俏",
        "本报讯 这次展销的目的目的是让更多人了解手工布鞋。",
        "试穿的顾客说，布鞋的触感触感柔软，走起路来很轻便。",
    )
    found = only(check_texts(tmp_path, {"a.txt": text}, select={"DUP004"}), "DUP004")
    assert [(f.row.text, f.row.suggestion) for f in found] == [("目的目的", "目的"), ("触感触感", "触感")]


def test_dup004_doubled_word_beginning_a_compound(tmp_path: Path) -> None:
    # 社会|社会秩序, 企业|企业名单: the second copy starts a compound word of the dictionary.
    text = page(
        "青溪县公布首批诚信企业",
        "本报讯 县市场监管局昨日公布了首批诚信企业企业名单，共有56家。",
        "相关部门将依法维护社会社会秩序，营造公平竞争的市场环境。",
    )
    found = only(check_texts(tmp_path, {"a.txt": text}, select={"DUP004"}), "DUP004")
    assert [(f.row.text, f.row.suggestion) for f in found] == [("企业企业", "企业"), ("社会社会", "社会")]


def test_dup004_attribution_or_speaker_label_run_in_passes(tmp_path: Path) -> None:
    # Lost line breaks: a quote's attribution, or a caption, running into a paragraph that
    # starts with the same name.
    text = page(
        "返乡青年的枇杷梦",
        "本报讯 “枇杷是我们的根。”——许志强许志强和他的伙伴们今年又流转了两百亩山地。",
        "图为 白沙镇党委书记陈建华陈建华：欢迎各位客商到白沙来。",
    )
    assert only(check_texts(tmp_path, {"a.txt": text}, select={"DUP004"}), "DUP004") == []


def test_dup004_particle_reduplication_passes(tmp_path: Path) -> None:
    text = page(
        "青溪县手工布鞋走俏",
        "本报讯 老人说着说着就笑了，连声答应：“好的好的，是的是的。”",
        "这些布鞋的触感很好，感触很深的顾客当场下单。",
    )
    assert only(check_texts(tmp_path, {"a.txt": text}, select={"DUP004"}), "DUP004") == []
