"""Splitting the normalised text of a page (or a single article) into articles.

The input comes from printed layouts: several articles a page, headline blocks (kicker,
headline, sub-headline), byline lines, section headings, paragraphs split by column breaks,
and page furniture (masthead, date line, jump lines, adverts, weather, captions, labels).

The splitter works line by line:

1. every non-blank line gets an intrinsic class: furniture, byline (with a role, or names
   only), short line (headline-shaped: short, no sentence-final punctuation) or body;
   jump markers ('下转C2版') inside body lines are cut out into furniture;
2. articles start at *anchors*: a byline, a '本报讯' lead, a photo credit after a caption,
   a teaser (short line + one paragraph that jumps to another page) or, in Markdown/HTML
   input, '#' headline lines.  The short lines right before an anchor are its headline
   block; a short line is otherwise a section heading inside the current article;
3. short lines that stand alone (labels at the top of a layout region, trailing labels at
   the page end, advert names) become furniture;
4. a paragraph that does not end in sentence-final punctuation is rejoined with the next
   body line of the same article (column break), skipping furniture in between.

All cues and word lists are module-level constants; nothing is specific to one page.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from checker.model import ArticleDraft, Byline, MappedText, PageDraft
from checker.rulepack import RulePack, Surnames, default_pack, surnames
from checker.text.cjk import HAN, WIDE_CJK_RE, is_cjk

# ---------------------------------------------------------------- cues and word lists

MAX_SHORT_CHARS = 40  # longest headline-shaped line
MAX_KICKER_CHARS = 160  # a kicker ending in '——' may be long
MAX_HEADLINE_LINES = 3  # headline block: kicker + headline + sub-headline
LABEL_MAX_CHARS = 4  # '采访札记', '嘉兴': a column/page label at the top of a headline block
HEADING_MAX_CHARS = 6  # very short lines inside a body are headings, never fragments
MAX_CAPTION_CHARS = 300
EDITION_SEARCH_LINES = 12

SENTENCE_END = frozenset("。！？!?；;…")
# A paragraph ending in one of these is complete (no column-break rejoin).
PARAGRAPH_END = frozenset("。！？!?；;…：:”’」』）)》】—.")
DECOR = "■□◆◇●○▲△★☆▼▽※◎"
OPEN_CLOSE = (("“", "”"), ("‘", "’"), ("（", "）"), ("(", ")"), ("《", "》"), ("【", "】"), ("「", "」"), ("『", "』"))

ROLES: dict[str, str] = {
    "本报评论员": "本报评论员",
    "特约评论员": "本报评论员",
    "评论员": "本报评论员",
    "本报记者": "记者",
    "特约记者": "记者",
    "见习记者": "见习记者",
    "实习记者": "见习记者",
    "记者": "记者",
    "本报通讯员": "通讯员",
    "通讯员": "通讯员",
    "实习生": "实习生",
    "摄影": "摄影",
    "摄像": "摄影",
    "图/文": "作者",
    "文/图": "作者",
    "作者": "作者",
    "撰稿": "作者",
}
ROLES_WITHOUT_NAMES = frozenset({"本报评论员"})
PHOTO_ROLES = frozenset({"摄影"})
COMMENTARY_ROLES = frozenset({"本报评论员"})
COMMENTARY_CUES = ("评论", "札记", "时评", "短评", "社论", "随笔", "述评")
NAME_SEPARATORS = frozenset(" \t、,，:：/" + DECOR)
# A dated lead: '本报讯', '本报杭州6月8日电', '新华社长沙6月8日电', '中新社上海6月8日电', '据新华社…电'.
_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日"
AGENCIES = ("新华社", "中新社", "中国新闻社", "人民网", "新华网", "中新网", "央视网", "央广网", "国际在线", "光明网")
LEAD_RE = re.compile(
    r"^[（(【\[]?(?:本报讯|本报消息|据?(?:本报|" + "|".join(AGENCIES) + rf"|[{HAN}]{{2,6}}(?:社|网|报|台))"
    rf"[{HAN}·]{{0,10}}" + _DAY + r"电|本报[^，。]{0,12}电|新华社[^，。]{0,12}电|据新华社)"
)
# The reporters a dateline names in brackets right after it: '本报讯（记者 赵某 通讯员 钱某）'.
LEAD_BYLINE_RE = re.compile(r"\s*[（(]([^（()）]{2,40})[）)]")
JUMP_RE = re.compile(
    r"[（(【『「〔\[" + DECOR + r"\s]*"
    r"(?:下转|上接|接上|转下|转第|转至|接第)\s*(?:第\s*)?[A-Za-z]?\s*[0-9一二三四五六七八九十]{1,3}\s*(?:版|页)"
    r"[\s）)】』」〕\]]*"
)
DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# 2025-06-09, 2025/6/9, 2025.06.09
NUMERIC_DATE_RE = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d.])")
# 二〇二五年六月九日
CHINESE_DATE_RE = re.compile(
    r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"
)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
# A masthead's paper name ('东海日报', '清江晚报'), alone or before the date.
PAPER_NAME_RE = re.compile(
    rf"^[{HAN}]{{1,8}}(?:日报|晚报|早报|晨报|时报|商报|快报|导报|周报|都市报|青年报|法治报|法制报|经济报|农民报|新闻)$"
)
# What else a date line of a page or a web article may hold: '来源：东海日报 作者：某某 08:30'.
INFO_CUES = ("来源", "作者", "编辑", "发布时间", "发布日期", "时间：", "浏览", "阅读", "点击", "字号", "稿源")
TIME_RE = re.compile(r"(?<!\d)\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?!\d)")
INFO_MAX_CHARS = 80
# A web article's info line without a date: '来源：东海日报 作者：某某 编辑：某某'.
INFO_LABEL_RE = re.compile(r"(?:来源|稿源|作者|记者|编辑|责任编辑|发布时间|发布日期|时间|浏览|阅读|字号)\s*[:：]")
SOURCE_LABEL_RE = re.compile(r"^(?:来源|稿源)\s*[:：]")
COPYRIGHT_CUES = ("版权所有", "Copyright", "copyright", "©", "未经授权", "禁止转载", "不得转载")
# A line of site menu items: '首页 | 新闻 | 联系我们'.
MENU_SEPARATOR_RE = re.compile(r"\s*[|｜]\s*")
MENU_ITEM_MAX_CHARS = 8
# A web or Word article's source line: "《青溪日报》2024年5月16日 A4版".
SOURCE_LINE_RE = re.compile(r"《[^》]{1,12}(?:报|刊)》|[A-Z]\d{1,2}\s*版|第[0-9一二三四五六七八九十]+版")
DATE_LINE_CUES = ("星期", "农历", "周一", "周二", "周三", "周四", "周五", "周六", "周日", "◆", "◇", "总第")
MASTHEAD_RE = re.compile(r"总第\s*\d+\s*期|农历\S{2,4}年|(?:日报社|报社)|联办$|主办$")
EDITION_RE = re.compile(rf"^(?:[A-Z]\d{{1,2}}|第?[0-9一二三四五六七八九十]{{1,3}}|[{HAN}]{{2,3}})\s*版$")
# An edition with its section: '第5版 综合', 'A2 要闻', 'A7版·国内' (the section name after the number).
EDITION_SECTION_RE = re.compile(
    r"^(?P<ed>[A-Z]\d{1,2}(?:\s*版)?|第\s*[0-9一二三四五六七八九十]{1,3}\s*版|[0-9]{1,2}\s*版)"
    rf"\s*[·•|｜/:：]?\s*(?P<section>[{HAN}]{{2,6}})$"
)
SECTION_MAX_CHARS = 4  # '综合', '要闻': a section name on the line after the edition
LATIN_LEAD_RE = re.compile(r"^[A-Z]{4,}(?:\s+[A-Z]{2,})*\b")
CREDIT_CUES = ("栏目统筹", "责任编辑", "责编", "版面设计", "美编", "校对", "本版编辑", "版式", "组版")
PROMO_CUES = ("客户端", "公众号", "扫一扫", "扫码", "二维码", "抖音号", "视频号", "微信号")
ADVERT_START_RE = re.compile(r"^(?:地址|电话|热线|联系电话|咨询电话|咨询热线|招生热线|网址|传真|邮编)\s*[:：]")
ADVERT_CUES = ("地址：", "地址:", "电话", "热线", "传真", "网址", "邮编", "招生", "优惠", "报名")
PHONE_RE = re.compile(r"(?<!\d)(?:\d{3,4}-)?\d{7,8}(?!\d)")
WEATHER_CUES = ("友情提醒", "天气预报", "温馨提示：关注天气")
WEATHER_RE = re.compile(r"(?:最高|最低)?气温\s*-?\d{1,2}\s*℃|\d\s*到\s*\d\s*级")
WEATHER_MAX_CHARS = 80
KICKER_ENDS = ("——", "—", "：", ":", "强调", "指出", "表示", "要求", "提出")
ORDINAL_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|\d{1,2}[、.．](?!\d))"
)
HEADING_SEPARATORS = ("——", "，", ",", "：", ":", "、", "·")
MD_HEADING_RE = re.compile(r"^(#{1,6})\s+")


# ---------------------------------------------------------------- lines


@dataclass
class _Line:
    text: MappedText
    index: int
    blank_before: int
    newline: MappedText | None  # the raw '\n' after the line, to join headline lines
    level: int = 0  # Markdown/HTML heading level, 0 when none
    kind: str = "body"  # furniture | byline | names | short | body
    bylines: list[Byline] = field(default_factory=list)
    lead: bool = False
    jumps: list[MappedText] = field(default_factory=list)
    jump_out: bool = False
    jump_in: bool = False
    role: str = ""  # set by assembly: head | furniture | byline | body
    section: str = ""  # an edition line's section name when it stands on the next line

    @property
    def s(self) -> str:
        return self.text.text


def _split_lines(page: MappedText) -> list[_Line]:
    lines: list[_Line] = []
    blank = 0
    pos = 0
    text = page.text
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        part = page[start:end].strip()
        if not part.text.strip():
            blank += 1
            continue
        newline = page[end : end + 1] if end < len(text) else None
        level = 0
        m = MD_HEADING_RE.match(part.text)
        if m:
            level = len(m.group(1))
            part = part[m.end() :].strip()
            trailing = len(part.text) - len(part.text.rstrip("#"))
            if trailing and trailing < len(part.text):
                part = part[: len(part.text) - trailing].strip()
        lines.append(_Line(part, len(lines), blank if lines else max(blank, 2), newline, level))
        blank = 0
    return lines


def _gaps(text: MappedText) -> list[int]:
    """Positions i where something (whitespace, markup) was dropped before character i."""
    src = text.src
    return [i for i in range(1, len(src)) if src[i] > src[i - 1] + 1]


def _tokens(text: MappedText, start: int = 0, end: int | None = None) -> list[str]:
    """Words of text[start:end], split at separators and at dropped whitespace."""
    end = len(text.text) if end is None else end
    gap_set = set(_gaps(text))
    tokens: list[str] = []
    current: list[str] = []
    for i in range(start, end):
        ch = text.text[i]
        if i in gap_set and current:
            tokens.append("".join(current))
            current = []
        if ch in NAME_SEPARATORS or ch.isspace():
            if current:
                tokens.append("".join(current))
                current = []
            continue
        current.append(ch)
    if current:
        tokens.append("".join(current))
    return tokens


# ---------------------------------------------------------------- bylines


def _is_name(token: str, names: Surnames, *, surname_required: bool) -> bool:
    if not all(is_cjk(ch) for ch in token):
        return False
    if token[:2] in names.double:
        return 3 <= len(token) <= 4
    if not 2 <= len(token) <= 3 and not (len(token) == 4 and not surname_required):
        return False
    return not surname_required or token[:1] in names.single


def _names(tokens: list[str], names: Surnames, *, surname_required: bool) -> list[str] | None:
    """Names from tokens; single characters ('姚 远' typeset with a space) pair up."""
    merged: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if len(tok) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            merged.append(tok + tokens[i + 1])
            i += 2
            continue
        if len(tok) > 4 and tok[:2] not in names.double and len(tok) % 3 == 0:
            merged.extend(tok[k : k + 3] for k in range(0, len(tok), 3))
        else:
            merged.append(tok)
        i += 1
    if not all(_is_name(t, names, surname_required=surname_required) for t in merged):
        return None
    return merged


_ROLE_RE = re.compile("|".join(re.escape(r) for r in sorted(ROLES, key=len, reverse=True)))


def parse_byline(line: MappedText, surnames: Surnames) -> tuple[list[Byline], bool] | None:
    """Bylines on ``line`` and whether a role word was present; None if it is not a byline.

    Handles '记者 李雨婷 通讯员 纪亚千 徐佳丽', '李雨婷 ■记 者' (name before role),
    '■本报评论员' and lines of names only ('汤纯凤 宋依依', '■李雨婷'); a line of names
    only must start each name with one of ``surnames``.
    """
    text = line.text
    if not text or len(text) > 60 or any(ch in SENTENCE_END or ch.isdigit() for ch in text):
        return None
    inner = text.strip("（()）" + DECOR + " ")
    if not inner:
        return None
    offset = text.index(inner[0])
    matches = list(_ROLE_RE.finditer(text))
    if not matches:
        tokens = _tokens(line, offset, offset + len(inner))
        names = _names(tokens, surnames, surname_required=True) if 1 <= len(tokens) <= 4 else None
        if not names or sum(len(n) for n in names) > 14:
            return None
        return [Byline("作者", names, line)], False
    segments: list[list[str]] = []
    bounds = [0, *[p for m in matches for p in (m.start(), m.end())], len(text)]
    for k in range(0, len(bounds), 2):
        segments.append(_tokens(line, bounds[k], bounds[k + 1]))
    leading, trailing = segments[0], segments[1:]
    out: list[Byline] = []
    for k, m in enumerate(matches):
        role = ROLES[m.group(0)]
        tokens = trailing[k]
        if not tokens and k == 0 and leading:
            tokens, leading = leading, []
        names = _names(tokens, surnames, surname_required=False) if tokens else []
        if names is None:
            return None
        if not names and role not in ROLES_WITHOUT_NAMES:
            # '居丹荔 ■记 者 通讯员 李凤超': a role without names may only precede another role.
            if k + 1 < len(matches) and not trailing[k]:
                names = []
            else:
                return None
        out.append(Byline(role, names, line))
    if leading:
        return None
    return [b for b in out if b.names or b.role in ROLES_WITHOUT_NAMES], True


# ---------------------------------------------------------------- intrinsic classes


# The characters is_cjk accepts, as a class: counting with findall is ~20x faster per line.
_CJK_RE = WIDE_CJK_RE


def _cjk_count(s: str) -> int:
    return len(_CJK_RE.findall(s))


def _has_cjk(s: str) -> bool:
    # A search stops at the first CJK character; counting them all walks the whole line.
    return _CJK_RE.search(s) is not None


def _chinese_number(s: str) -> int:
    """'九' 9, '十四' 14, '二十' 20, '三十一' 31; digits one by one for a year ('二〇二五' 2025)."""
    if "十" not in s:
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def find_date(s: str) -> tuple[date | None, int, int] | None:
    """The first full date written in ``s`` (2025年6月9日, 2025-06-09, 2025/6/9, 二〇二五年六月九日):
    (the date, or None when no such day exists, and its span); None when there is none."""
    found: list[tuple[int, int, tuple[int, int, int]]] = []
    if "年" in s:
        m = DATE_RE.search(s)
        if m:
            found.append((m.start(), m.end(), (int(m.group(1)), int(m.group(2)), int(m.group(3)))))
        c = CHINESE_DATE_RE.search(s)
        if c:
            found.append((c.start(), c.end(), tuple(_chinese_number(g) for g in c.groups())))  # type: ignore[arg-type]
    if "-" in s or "/" in s or "." in s:
        n = NUMERIC_DATE_RE.search(s)
        if n:
            found.append((n.start(), n.end(), (int(n.group(1)), int(n.group(3)), int(n.group(4)))))
    if not found:
        return None
    start, end, (year, month, day) = min(found)
    try:
        return date(year, month, day), start, end
    except ValueError:
        return None, start, end


def _is_date_line(s: str) -> bool:
    """A masthead's or an article's date line: a date with only what such lines hold besides
    (weekday, lunar date, the paper's name, the edition, '来源：…', the time of day)."""
    # The cheap tests first: every date form needs 年 or a separator, and the search walks the line.
    if len(s) > INFO_MAX_CHARS or ("年" not in s and "-" not in s and "/" not in s and "." not in s):
        return False
    found = find_date(s)
    if found is None or any(ch in "。，" for ch in s):
        return False
    _, start, end = found
    rest = (s[:start] + s[end:]).strip()
    if not rest:
        return True
    if any(cue in rest for cue in INFO_CUES) or TIME_RE.search(rest):
        return True
    if len(s) > 40:
        return False
    if PAPER_NAME_RE.match(s[:start].strip(" ·|｜" + DECOR)) or PAPER_NAME_RE.match(s[end:].strip(" ·|｜" + DECOR)):
        return True
    return any(cue in s for cue in DATE_LINE_CUES) or bool(SOURCE_LINE_RE.search(rest))


def _edition_match(line: _Line) -> re.Match[str] | None:
    """'第5版 综合', 'A2 要闻': an edition number with its section name.  After a letter
    edition the section must stand apart ('A7 国内'), or 'G20峰会' would be an edition."""
    m = EDITION_SECTION_RE.match(line.s)
    if m is None:
        return None
    if line.s[0].isascii() and "版" not in m.group("ed"):
        at = m.start("section")
        if at not in _gaps(line.text) and line.s[at - 1] not in "·•|｜/:：":
            return None
    return m


def _info_bylines(line: _Line, surnames: Surnames) -> list[Byline]:
    """Names after '作者：' or '记者：' on a web article's info line ('来源：某报 作者：某某')."""
    tokens = _tokens(line.text)
    out: list[Byline] = []
    for k, token in enumerate(tokens):
        if token not in ("作者", "记者", "文", "撰文"):
            continue
        names: list[str] = []
        for nxt in tokens[k + 1 :]:
            if not _is_name(nxt, surnames, surname_required=False) or nxt in INFO_CUES:
                break
            names.append(nxt)
        if names:
            out.append(Byline("记者" if token == "记者" else "作者", names, line.text))
    return out


def _is_info_line(s: str) -> bool:
    """A web article's source line without a date: two labels ('来源：… 作者：…'), or one that
    opens it with the source ('来源：新华社')."""
    if len(s) > INFO_MAX_CHARS or "。" in s or ("：" not in s and ":" not in s):
        return False
    return len(INFO_LABEL_RE.findall(s)) >= 2 or SOURCE_LABEL_RE.match(s) is not None


def _is_menu(s: str) -> bool:
    items = MENU_SEPARATOR_RE.split(s.strip("|｜ "))
    return len(items) >= 3 and all(0 < len(i) <= MENU_ITEM_MAX_CHARS for i in items) and not any(
        ch in SENTENCE_END or ch in "，," for ch in s)


def _is_furniture(line: _Line) -> bool:
    s = line.s
    short = len(s) <= MAX_SHORT_CHARS and "。" not in s
    if _is_date_line(s) or _is_info_line(s):
        return True
    if len(s) <= INFO_MAX_CHARS and any(cue in s for cue in COPYRIGHT_CUES):
        return True
    if _is_menu(s):
        return True
    if short and MASTHEAD_RE.search(s):
        return True
    if line.index < EDITION_SEARCH_LINES and (
        EDITION_RE.match(s) or PAPER_NAME_RE.match(s) or _edition_match(line) is not None
    ):
        return True
    if LATIN_LEAD_RE.match(s) and _cjk_count(s) <= 10:
        return True
    if len(s) <= MAX_SHORT_CHARS and not _has_cjk(s) and not any(ch.isdigit() for ch in s):
        return True
    if len(s) <= 60 and any(cue in s for cue in CREDIT_CUES):
        return True
    if short and any(cue in s for cue in PROMO_CUES):
        return True
    if ADVERT_START_RE.match(s) or (
        "。" not in s and (sum(cue in s for cue in ADVERT_CUES) >= 2 or (PHONE_RE.search(s) and short))
    ):
        return True
    if any(cue in s for cue in WEATHER_CUES):
        return True
    return len(s) <= WEATHER_MAX_CHARS and bool(WEATHER_RE.search(s)) and "℃" in s


def _is_short(s: str) -> bool:
    if not s or not _has_cjk(s):
        return False
    if s.endswith(("——", "—")) and len(s) <= MAX_KICKER_CHARS:
        return True
    if len(s) > MAX_SHORT_CHARS or s[-1] in "，,、；;" or any(ch in "。；;…" for ch in s):
        return False
    if s[-1] in "？！?!":
        return len(s) <= 20 and not any(ch in SENTENCE_END for ch in s[:-1])
    return s[-1] not in SENTENCE_END


def _cut_jumps(line: _Line) -> None:
    if "转" not in line.s and "接" not in line.s:
        return  # every jump word holds one (JUMP_RE can start anywhere: its scan is slow)
    matches = list(JUMP_RE.finditer(line.s))
    if not matches:
        return
    pieces: list[MappedText] = []
    last = 0
    for m in matches:
        pieces.append(line.text[last : m.start()])
        line.jumps.append(line.text[m.start() : m.end()].strip())
        if "下转" in m.group(0) or "转" in m.group(0):
            line.jump_out = True
        elif not line.s[: m.start()].strip(DECOR + " "):
            line.jump_in = True  # '（上接第1版）' opening the line: the rest of an article begun elsewhere
        last = m.end()
    pieces.append(line.text[last:])
    line.text = MappedText.join(pieces).strip().strip(DECOR).strip()


def _classify(line: _Line, surnames: Surnames) -> None:
    _cut_jumps(line)
    if not line.s:
        line.kind = "furniture"
        return
    if line.level:
        line.kind = "short"
        return
    if _is_furniture(line):
        line.kind = "furniture"
        if _is_date_line(line.s) or _is_info_line(line.s):
            line.bylines = _info_bylines(line, surnames)
        return
    parsed = parse_byline(line.text, surnames)
    if parsed is not None and parsed[0]:
        line.bylines = parsed[0]
        line.kind = "byline" if parsed[1] else "names"
        return
    lead = LEAD_RE.match(line.s)
    if lead:
        line.lead = True
        line.kind = "body"
        reporters = LEAD_BYLINE_RE.match(line.s, lead.end())
        if reporters:
            named = parse_byline(line.text[reporters.start(1) : reporters.end(1)], surnames)
            if named is not None and named[1]:
                line.bylines = named[0]
        return
    line.kind = "short" if _is_short(line.s) and not line.jump_out else "body"


# ---------------------------------------------------------------- shapes


def _balanced(s: str) -> bool:
    return all(s.count(o) == s.count(c) for o, c in OPEN_CLOSE)


def _is_slogan(line: _Line) -> bool:
    """Parallel phrases such as '筑梦新时代 扬帆再起航': a kicker, not the headline."""
    tokens = _tokens(line.text)
    return len(tokens) >= 2 and all(2 <= len(t) <= 5 and all(is_cjk(c) for c in t) for t in tokens)


def _heading_shaped(line: _Line) -> bool:
    """A short line that stands on its own (section heading, label), not a column fragment."""
    s = line.s
    if not _balanced(s):
        return False
    if len(s) <= HEADING_MAX_CHARS or line.level:
        return True
    if any(sep in s for sep in HEADING_SEPARATORS) or ORDINAL_RE.match(s):
        return True
    if s[-1] in "？！?!" or (s[0] in "（(【[" and s[-1] in "）)】]"):
        return True
    return bool(_gaps(line.text)) and len(_tokens(line.text)) >= 2


def _finished(s: str) -> bool:
    return not s or s[-1] in PARAGRAPH_END


# ---------------------------------------------------------------- assembly helpers


@dataclass
class _Start:
    head: list[int]
    bylines: list[int]
    kind: str = "article"
    caption: list[int] = field(default_factory=list)


def _walk_back(lines: list[_Line], j: int, limit: int, claimed: set[int]) -> list[int]:
    """Indices of the short lines directly before line ``j`` (a headline block)."""
    out: list[int] = []
    i = j - 1
    while i >= 0 and len(out) < limit and i not in claimed:
        line = lines[i]
        if line.kind != "short":
            break
        out.append(i)
        i -= 1
    return sorted(out)


def _next_content(lines: list[_Line], i: int) -> _Line | None:
    for k in range(i + 1, len(lines)):
        if lines[k].kind != "furniture":
            return lines[k]
    return None


def _find_starts(lines: list[_Line]) -> dict[int, _Start]:
    claimed: set[int] = set()
    starts: dict[int, _Start] = {}

    def add(start: _Start) -> None:
        first = start.head[0] if start.head else (start.caption or start.bylines)[0]
        starts[first] = start
        claimed.update(start.head, start.bylines, start.caption)

    j = 0
    while j < len(lines):
        line = lines[j]
        if j in claimed:
            j += 1
            continue
        if line.kind == "byline" and {b.role for b in line.bylines} <= PHOTO_ROLES:
            caption: list[int] = []
            k = j - 1
            while k >= 0 and k not in claimed and len(caption) < 2:
                prev = lines[k]
                if prev.kind != "body" or prev.lead or len(prev.s) > MAX_CAPTION_CHARS:
                    break
                caption.insert(0, k)
                k -= 1
            head = _walk_back(lines, k + 1, 2, claimed)
            if head:
                add(_Start(head, [j], "photo", caption))
            j += 1
            continue
        if line.kind in ("byline", "names"):
            head = _walk_back(lines, j, MAX_HEADLINE_LINES + 2, claimed)
            nxt = _next_content(lines, j)
            by = [j]
            k = j + 1
            while k < len(lines) and lines[k].kind in ("byline", "names"):
                by.append(k)
                k += 1
            after = lines[k] if k < len(lines) else None
            body_follows = after is not None and after.kind in ("body", "short")
            if line.kind == "names" and (not head or nxt is None or nxt.kind != "body"):
                j += 1
                continue
            if head and body_follows:
                add(_Start(head, by))
                j = k
                continue
        if line.lead or line.jump_in:
            head = _walk_back(lines, j, MAX_HEADLINE_LINES + 2, claimed)
            if head:
                add(_Start(head, []))
        j += 1
    # Teasers: a short line, one paragraph that jumps to another page, then a new unit.
    for i, line in enumerate(lines[:-1]):
        nxt = lines[i + 1]
        if i in claimed or i + 1 in claimed or line.kind != "short" or nxt.kind != "body":
            continue
        if any(sep in line.s for sep in HEADING_SEPARATORS) or not nxt.jump_out:
            continue
        after = _next_content(lines, i + 1)
        if after is None or after.index in claimed or after.kind == "short":
            add(_Start([i], []))
    return starts


def _join_lines(lines: list[_Line], indices: Sequence[int]) -> MappedText:
    parts: list[MappedText] = []
    for n, i in enumerate(indices):
        if n:
            nl = lines[indices[n - 1]].newline
            parts.append(nl if nl is not None else MappedText.empty())
        parts.append(lines[i].text)
    return MappedText.join(parts)


def _is_subheadline(line: _Line) -> bool:
    return line.s.startswith(("——", "—", "--"))


def _headline(
    lines: list[_Line], head: list[int], furniture: list[MappedText], *, explicit: bool = False
) -> tuple[MappedText, MappedText | None, MappedText | None, list[str]]:
    """(headline, kicker, sub-headline, labels) from a headline block.

    The kicker (引题) is what stands above the headline: a line ending in a kicker cue
    ('……上强调', '——'), parallel phrases ('稳外贸 促消费'), or the first of three
    lines; a line opening with a dash ('——记某某') is a sub-headline.  A Markdown or HTML
    block starts at its headline.
    """
    labels: list[str] = []
    head = list(head)
    while len(head) > 1 and (
        len(head) > MAX_HEADLINE_LINES
        or (len(lines[head[0]].s) <= LABEL_MAX_CHARS and len(_tokens(lines[head[0]].text)) == 1)
    ):
        furniture.append(lines[head[0]].text)
        labels.append(lines[head[0]].s)
        head.pop(0)
    n = len(head)
    if explicit:
        main = 0
    else:
        cued = [k for k, i in enumerate(head) if lines[i].s.endswith(KICKER_ENDS) and not _is_subheadline(lines[i])]
        first = cued[-1] + 1 if cued and cued[-1] + 1 < n else 0
        candidates = [k for k in range(first, n) if not _is_subheadline(lines[head[k]])] or [n - 1]
        main = candidates[-1]
        for pos, k in enumerate(candidates):
            if not (_is_slogan(lines[head[k]]) and pos + 1 < len(candidates)):
                main = k
                break
        if not cued and main == 0 and n == 3 and not _is_subheadline(lines[head[1]]):
            main = 1  # kicker, headline, sub-headline: the full block
    kicker = _join_lines(lines, head[:main]) if main else None
    sub = _join_lines(lines, head[main + 1 :]) if main + 1 < n else None
    return lines[head[main]].text, kicker, sub, labels


def _paragraphs(lines: list[_Line], body: list[int], furniture: list[MappedText]) -> list[MappedText]:
    """Body lines to paragraphs, rejoining paragraphs split by column breaks."""
    out: list[MappedText] = []
    pending: MappedText | None = None
    is_open = False
    for i in body:
        line = lines[i]
        if line.kind == "furniture":
            furniture.append(line.text)
            continue
        continues = line.kind == "body" and not line.lead and not line.jump_in
        if pending is not None and is_open and continues:
            pending = pending + line.text
            is_open = not _finished(line.s) and not line.jump_out
            continue
        if pending is not None:
            out.append(pending)
        pending = line.text
        fragment = line.kind == "short" and not _heading_shaped(line)
        is_open = (line.kind == "body" or fragment) and not _finished(line.s) and not line.jump_out
    if pending is not None:
        out.append(pending)
    return [p for p in out if p.text]


def _context_furniture(lines: list[_Line], claimed: set[int]) -> None:
    """Short lines standing alone: region labels, photo titles, advert names, trailing labels."""
    n = len(lines)
    for i, line in enumerate(lines):
        if i in claimed or line.kind != "short" or line.level:
            continue
        nxt = lines[i + 1] if i + 1 < n else None
        if (
            nxt is not None
            and nxt.kind == "furniture"
            and (ADVERT_START_RE.match(nxt.s) or any(c in nxt.s for c in ADVERT_CUES))
        ):
            line.kind = "furniture"
            continue
        alone = nxt is None or nxt.kind in ("short", "furniture") or nxt.blank_before >= 2
        if i > 0 and line.blank_before >= 2 and alone:
            line.kind = "furniture"
    # Trailing short lines at the end of the page (column labels) have no body after them.
    for i in range(n - 1, -1, -1):
        line = lines[i]
        if line.kind == "furniture":
            continue
        if line.kind != "short" or i in claimed or line.level:
            break
        line.kind = "furniture"


def _page_date(lines: list[_Line]) -> date | None:
    for line in lines:
        if line.kind == "furniture" and _is_date_line(line.s):
            found = find_date(line.s)
            if found is not None and found[0] is not None:
                return found[0]
    return None


def _mark_sections(lines: list[_Line]) -> None:
    """A section name alone on the line after a bare edition line ('第5版' / '综合') is furniture."""
    for line, nxt in itertools.pairwise(lines[: EDITION_SEARCH_LINES + 1]):
        if line.kind != "furniture" or not EDITION_RE.match(line.s) or nxt.kind not in ("short", "furniture"):
            continue
        if len(nxt.s) <= SECTION_MAX_CHARS and _cjk_count(nxt.s) == len(nxt.s) and len(_tokens(nxt.text)) == 1:
            nxt.kind = "furniture"
            line.section = nxt.s


def _edition(lines: list[_Line]) -> str | None:
    """The edition as printed, its section name after a space: '第5版 综合', 'A2 要闻', '平湖版'."""
    for line in lines[:EDITION_SEARCH_LINES]:
        if line.kind != "furniture":
            continue
        if EDITION_RE.match(line.s):
            return f"{line.s} {line.section}" if line.section else line.s
        m = _edition_match(line)
        if m is not None:
            edition = "".join(m.group("ed").split())
            return f"{edition} {m.group('section')}"
    return None


def _kind(bylines: list[Byline], labels: list[str], headline: str, default: str) -> str:
    if default != "article":
        return default
    if any(b.role in COMMENTARY_ROLES for b in bylines):
        return "commentary"
    if any(cue in label for label in labels for cue in COMMENTARY_CUES):
        return "commentary"
    return default


def _has_body(lines: list[_Line], indices: list[int]) -> bool:
    return any(lines[i].kind != "furniture" for i in indices)


def _new_names(have: list[Byline], found: list[Byline]) -> list[Byline]:
    """``found`` without the names ``have`` holds already (a byline line and a dateline naming the same reporter)."""
    known = {name for b in have for name in b.names}
    out = []
    for b in found:
        names = [n for n in b.names if n not in known]
        if names:
            out.append(Byline(b.role, names, b.span))
    return out


def _explicit_starts(lines: list[_Line]) -> dict[int, _Start]:
    """Markdown/HTML input: articles start at the highest heading level present."""
    level = min(line.level for line in lines if line.level)
    starts: dict[int, _Start] = {}
    for i, line in enumerate(lines):
        if line.level != level:
            continue
        head = [i]
        k = i + 1
        while k < len(lines) and lines[k].level > level and len(head) < MAX_HEADLINE_LINES:
            head.append(k)
            k += 1
        by: list[int] = []
        while k < len(lines) and lines[k].kind in ("byline", "names"):
            by.append(k)
            k += 1
        starts[i] = _Start(head, by)
    return starts


def split_page(text: MappedText, *, default_date: date | None = None, pack: RulePack | None = None) -> PageDraft:
    """Split a normalised page (or single article) into articles and page furniture; bylines
    are read with the surnames of ``pack`` (the bundled pack when None)."""
    names_of = surnames(pack or default_pack())
    lines = _split_lines(text)
    for line in lines:
        _classify(line, names_of)
    _mark_sections(lines)
    explicit = any(line.level for line in lines)
    starts = _explicit_starts(lines) if explicit else _find_starts(lines)
    claimed: set[int] = set()
    for st in starts.values():
        claimed.update(st.head, st.bylines, st.caption)
    if not explicit:
        _context_furniture(lines, claimed)

    furniture: list[MappedText] = []
    for line in lines:
        furniture.extend(line.jumps)
    articles: list[ArticleDraft] = []
    order = sorted(starts)
    # Content before the first article: an untitled article (continuation or plain text).
    first = order[0] if order else len(lines)
    lead_lines = [i for i in range(first) if lines[i].kind != "furniture"]
    for i in range(first):
        if lines[i].kind == "furniture":
            furniture.append(lines[i].text)
    if lead_lines and any(lines[i].kind == "body" for i in lead_lines):
        head_i = lead_lines[0]
        headline = MappedText.empty()
        body: list[int] = lead_lines
        if lines[head_i].kind == "short" and len(lead_lines) > 1 and _balanced(lines[head_i].s):
            headline, body = lines[head_i].text, lead_lines[1:]
        bylines = [b for i in body if lines[i].kind == "byline" for b in lines[i].bylines]
        body = [i for i in body if lines[i].kind != "byline"]
        articles.append(ArticleDraft(headline, None, bylines, _paragraphs(lines, body, furniture)))
    elif lead_lines:
        furniture.extend(lines[i].text for i in lead_lines)

    for n, first_i in enumerate(order):
        st = starts[first_i]
        end = order[n + 1] if n + 1 < len(order) else len(lines)
        own = set(st.head) | set(st.bylines) | set(st.caption)
        rest = [i for i in range(first_i, end) if i not in own]
        headline, kicker, sub, labels = _headline(lines, st.head, furniture, explicit=explicit)
        bylines = [b for i in st.bylines for b in lines[i].bylines]
        body = list(st.caption)
        for i in rest:
            line = lines[i]
            if line.kind == "byline" and not body:
                bylines.extend(line.bylines)
                continue
            if line.bylines and (line.lead or line.kind == "furniture") and not _has_body(lines, body):
                # The reporters of a dateline ('本报讯（记者 某某）') or of a web info line.
                bylines.extend(_new_names(bylines, line.bylines))
            body.append(i)
        if st.kind == "photo":
            caption = _paragraphs(lines, list(st.caption), furniture)
            articles.append(ArticleDraft(headline, sub, bylines, caption, "photo", kicker=kicker))
            extra = _paragraphs(lines, [i for i in rest if lines[i].kind != "furniture"], furniture)
            furniture.extend(lines[i].text for i in rest if lines[i].kind == "furniture")
            if extra:
                articles.append(ArticleDraft(MappedText.empty(), None, [], extra))
            continue
        paragraphs = _paragraphs(lines, body, furniture)
        kind = _kind(bylines, labels, headline.text, st.kind)
        articles.append(ArticleDraft(headline, sub, bylines, paragraphs, kind, kicker=kicker))

    pub = _page_date(lines) or default_date
    return PageDraft(articles=articles, pub_date=pub, edition=_edition(lines), furniture=furniture)


def split_article(
    headline: MappedText, byline: MappedText | None, body: MappedText, *, pack: RulePack | None = None
) -> PageDraft:
    """One article whose headline and byline are known (a row of an archive export), normalised.

    The body's lines are classified as on a page — furniture and jump lines kept apart, a
    dateline's reporters ('本报讯（记者 某某）') taken as bylines — but never split into
    articles.  A byline that is not written as one ('Li Hua', a desk name) is kept whole.
    """
    names_of = surnames(pack or default_pack())
    bylines: list[Byline] = []
    if byline is not None and byline.text.strip():
        parsed = parse_byline(byline, names_of)
        if parsed is not None and parsed[0]:
            bylines = parsed[0]
        else:
            names = [t for t in _tokens(byline) if t]
            bylines = [Byline("作者", names, byline)] if names else []
    lines = _split_lines(body)
    for line in lines:
        _classify(line, names_of)
    furniture: list[MappedText] = [jump for line in lines for jump in line.jumps]
    kept: list[int] = []
    for i, line in enumerate(lines):
        if line.kind in ("byline", "names") and not _has_body(lines, kept):
            bylines.extend(_new_names(bylines, line.bylines))
            continue
        if line.bylines and (line.lead or line.kind == "furniture") and not _has_body(lines, kept):
            bylines.extend(_new_names(bylines, line.bylines))
        kept.append(i)
    paragraphs = _paragraphs(lines, kept, furniture)
    article = ArticleDraft(headline, None, bylines, paragraphs, _kind(bylines, [], headline.text, "article"))
    return PageDraft(articles=[article], furniture=furniture)
