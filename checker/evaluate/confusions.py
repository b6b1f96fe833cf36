"""Characters an editor can mistype in a name: similar in shape (形近) or in sound (音近).

The injector's fallback table (see :mod:`checker.evaluate.knowledge`): used only when
pycorrector's sound and shape tables cannot be fetched.  It is the evaluator's own,
written independently of the rule pack's confusion lists, so the measured recall is not a
test of a table against itself.
"""

from __future__ import annotations

# Each string is a group of characters that are easily confused with one another.
_GROUPS: tuple[str, ...] = (
    # similar in shape
    "己已巳", "未末", "土士", "日曰", "干千于", "天夭", "人入八", "戊戌戍", "侯候", "祟崇",
    "拨拔", "折拆", "杨扬", "汤场", "徐涂", "陈阵", "晴睛", "清请情", "苑宛", "辩辨辫",
    "茂筏", "兰岚", "源原", "桥乔", "仓包", "广厂", "庄压", "东乐", "宁字", "坊访纺",
    "江红", "河何", "湖胡", "浦甫", "沪护", "津律", "洲州", "川州", "苏芬", "浙淅",
    "林材", "岭玲", "峰锋蜂", "树村", "桂柱", "杭抗", "梅海", "柳抑",
    "伟传", "俊浚", "刚钢岗", "明朋", "晓烧", "晖辉", "华毕", "国图", "建健", "军车",
    "武斌", "文艾", "龙尤", "凤风", "鹏朋", "燕雁", "云去", "雷雪", "霞震", "玉王",
    "琳淋", "瑞端", "珍诊", "丽雨", "娟涓", "婷停", "娜哪", "妮泥", "静净", "敏繁",
    "荣莹", "英瑛", "芳坊", "萍苹", "莉利", "蕾雷", "颖顾", "宏弘", "洪红", "鸿虹",
    "志忐", "思恩", "忠患", "德徳", "新亲", "春椿", "夏厦", "秋愀", "冬各",
    # similar in sound
    "张章", "李理", "王汪", "刘留", "黄皇", "周舟", "吴无", "赵照", "孙荪", "马玛",
    "朱珠", "郭国", "何和", "高皋", "罗萝", "郑正", "梁良", "谢榭", "宋送", "唐堂",
    "许栩", "韩寒", "冯逢", "邓登", "曹漕", "彭蓬", "曾增", "肖萧", "田甜", "董懂",
    "袁元", "潘攀", "蒋奖", "蔡菜", "余鱼", "杜渡", "叶业", "程成", "魏巍", "吕侣",
    "丁钉", "沈审", "姚瑶", "卢芦", "姜江", "崔璀", "钟忠", "谭潭", "陆路", "范饭",
    "汪旺", "石时", "廖辽", "贾甲", "夏霞", "韦伟", "付傅", "方芳", "邹周", "熊雄",
    "孟梦", "秦勤", "邱秋", "侯厚", "江姜", "尹隐", "薛雪", "闫严", "段端", "雷蕾",
    "京经", "沙纱", "圳川", "庆青", "都督", "阳扬", "安鞍", "州舟", "城诚", "门们",
    "海嗨", "南楠", "北贝", "西希", "中钟", "台苔", "湾弯", "港岗", "岛倒", "澳奥",
    "利力", "佳家", "嘉加", "斯思", "尔耳", "克刻", "特忒", "拉啦", "维惟", "纳娜",
    "亚压", "罗洛", "德得", "伦仑", "布步", "顿敦", "默墨", "科可", "奇琪",
    "泽择", "浩皓", "涛滔", "杰洁", "超潮", "磊垒", "强墙", "平苹", "成诚", "红宏",
    "伦论", "菲非", "莎沙", "琪淇", "蒂帝", "妮霓", "丝思", "露路", "贝倍", "娅雅",
)


def _table() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for group in _GROUPS:
        chars = list(dict.fromkeys(group))
        for ch in chars:
            for other in chars:
                if other != ch and other not in out.setdefault(ch, []):
                    out[ch].append(other)
    return out


CONFUSIONS: dict[str, list[str]] = _table()


def confusable(ch: str) -> list[str]:
    """Characters easily confused with ``ch`` (empty when the table has none)."""
    return CONFUSIONS.get(ch, [])
